// Starts a real `hardhat node` on a free loopback port for a test or benchmark, and stops it.
// Its 20 dev accounts are unlocked, so wallet clients can sign with `account: address`.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { createPublicClient, createTestClient, createWalletClient, http, type PublicClient } from "viem";
import { hardhat } from "viem/chains";

export interface LocalChain {
  url: string;
  wsUrl: string;
  port: number;
  publicClient: PublicClient;
  /** Stops the node and waits until its process has exited. */
  stop(): Promise<void>;
}

/** A port the OS says is free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForRpc(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`hardhat node did not answer on ${url} within ${timeoutMs} ms`);
}

/** Starts `hardhat node` (chain id 31337) on loopback; `extraArgs` e.g. `["--fork", url]`. */
export async function startLocalChain(
  options: { port?: number; extraArgs?: string[] } = {},
): Promise<LocalChain> {
  const port = options.port ?? (await freePort());
  const child = spawn(
    "npx",
    ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port), ...(options.extraArgs ?? [])],
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForRpc(url, child, 60_000);
  } catch (error) {
    killGroup(child);
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    publicClient: createPublicClient({ chain: hardhat, transport: http(url) }) as PublicClient,
    async stop() {
      if (child.exitCode === null) {
        killGroup(child);
        await exited;
      }
    },
  };
}

// `npx` starts hardhat as a grandchild: signal the whole process group so nothing is left behind.
function killGroup(child: ChildProcess) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

export function walletClientFor(chain: LocalChain, account: `0x${string}`) {
  return createWalletClient({ chain: hardhat, transport: http(chain.url), account });
}

export function testClientFor(chain: LocalChain) {
  return createTestClient({ chain: hardhat, mode: "hardhat", transport: http(chain.url) });
}
