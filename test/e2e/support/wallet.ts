// An EIP-1193 provider injected into the page (page.addInitScript) that forwards JSON-RPC to the
// local node, whose dev accounts are unlocked. It reports no account until the dApp asks
// (eth_requestAccounts), so RainbowKit's modal and its "Browser Wallet" button are really used.
// The script is plain JavaScript text: a serialised TypeScript function would carry the
// transpiler's helpers (e.g. __name) into the page.
import type { BrowserContext } from "playwright-core";

const PROVIDER = `(() => {
  const RPC_URL = __RPC_URL__;
  const ACCOUNT = __ACCOUNT__;
  let connected = false;
  let id = 0;
  const listeners = new Map();
  const emit = (event, ...args) => { for (const l of listeners.get(event) ?? []) l(...args); };
  const rpc = async (method, params) => {
    const res = await fetch(RPC_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params ?? [] }),
    });
    const body = await res.json();
    if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
    return body.result;
  };
  const provider = {
    isMetaMask: false,
    async request({ method, params }) {
      switch (method) {
        case "eth_accounts": return connected ? [ACCOUNT] : [];
        case "eth_requestAccounts": connected = true; emit("accountsChanged", [ACCOUNT]); return [ACCOUNT];
        case "wallet_requestPermissions": connected = true; return [{ parentCapability: "eth_accounts" }];
        case "wallet_getPermissions": return connected ? [{ parentCapability: "eth_accounts" }] : [];
        case "wallet_revokePermissions": connected = false; emit("accountsChanged", []); return null;
        case "wallet_switchEthereumChain": case "wallet_addEthereumChain": return null;
        default: return rpc(method, params);
      }
    },
    on(event, listener) { if (!listeners.has(event)) listeners.set(event, new Set()); listeners.get(event).add(listener); return provider; },
    removeListener(event, listener) { listeners.get(event)?.delete(listener); return provider; },
  };
  Object.defineProperty(window, "ethereum", { value: provider, configurable: true });
})();`;

export async function injectWallet(context: BrowserContext, rpcUrl: string, account: string): Promise<void> {
  await context.addInitScript({
    content: PROVIDER.replace("__RPC_URL__", JSON.stringify(rpcUrl)).replace(
      "__ACCOUNT__",
      JSON.stringify(account),
    ),
  });
}
