// An EIP-1193 provider injected into the page (page.addInitScript) that forwards JSON-RPC to the
// local node, whose dev accounts are unlocked. It reports no account until the dApp asks
// (eth_requestAccounts), so RainbowKit's modal and its "Browser Wallet" button are really used.
import type { BrowserContext } from "playwright-core";

export async function injectWallet(context: BrowserContext, rpcUrl: string, account: string): Promise<void> {
  await context.addInitScript(
    ({ rpcUrl, account }) => {
      let connected = false;
      let id = 0;
      const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
      const emit = (event: string, ...args: unknown[]) => {
        for (const l of listeners.get(event) ?? []) l(...args);
      };
      const rpc = async (method: string, params: unknown[] = []) => {
        const res = await fetch(rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
        });
        const body = (await res.json()) as {
          result?: unknown;
          error?: { code: number; message: string; data?: unknown };
        };
        if (body.error)
          throw Object.assign(new Error(body.error.message), {
            code: body.error.code,
            data: body.error.data,
          });
        return body.result;
      };
      const provider = {
        isMetaMask: false,
        async request({ method, params }: { method: string; params?: unknown[] }) {
          switch (method) {
            case "eth_accounts":
              return connected ? [account] : [];
            case "eth_requestAccounts":
              connected = true;
              emit("accountsChanged", [account]);
              return [account];
            case "wallet_requestPermissions":
              connected = true;
              return [{ parentCapability: "eth_accounts" }];
            case "wallet_getPermissions":
              return connected ? [{ parentCapability: "eth_accounts" }] : [];
            case "wallet_revokePermissions":
              connected = false;
              emit("accountsChanged", []);
              return null;
            case "wallet_switchEthereumChain":
            case "wallet_addEthereumChain":
              return null;
            default:
              return rpc(method, params ?? []);
          }
        },
        on(event: string, listener: (...args: unknown[]) => void) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)?.add(listener);
          return provider;
        },
        removeListener(event: string, listener: (...args: unknown[]) => void) {
          listeners.get(event)?.delete(listener);
          return provider;
        },
      };
      Object.defineProperty(window, "ethereum", { value: provider, configurable: true });
    },
    { rpcUrl, account },
  );
}
