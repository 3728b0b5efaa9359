// A local `hardhat node` (EDR) on loopback, for `npm run dev`, `npm run chain:fork`, tests and benchmarks,
// with viem clients to talk to it. Its 20 dev accounts are unlocked: wallet clients sign with `account: address`.
import { createPublicClient, createTestClient, createWalletClient, http, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { freePort } from "./ports.js";
import { type Service, type StartOptions, startService, startUntilReady } from "./processes.js";

export interface LocalChain {
  url: string;
  wsUrl: string;
  port: number;
  publicClient: PublicClient;
  service: Service;
  /** Stops the node and waits until its process group is gone. */
  stop(): Promise<void>;
}

export interface ChainOptions extends Pick<StartOptions, "cwd" | "env" | "logFile"> {
  /** Default: a free port. */
  port?: number;
  /** More `hardhat node` arguments, e.g. `["--fork", url]`. */
  extraArgs?: string[];
  readyTimeoutMs?: number;
}

/** A public client that fails at once when nothing answers (no retries): for probes. */
export function rpcClient(url: string): PublicClient {
  return createPublicClient({
    chain: hardhat,
    transport: http(url, { retryCount: 0, timeout: 10_000 }),
  }) as PublicClient;
}

/** Whether a JSON-RPC node answers `eth_chainId` at `url`. */
export async function rpcAnswers(url: string): Promise<boolean> {
  try {
    await rpcClient(url).getChainId();
    return true;
  } catch {
    return false;
  }
}

/** Starts `hardhat node` (chain id 31337 unless forking) on 127.0.0.1 and waits until it answers. */
export async function startLocalChain(options: ChainOptions = {}): Promise<LocalChain> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const service = startService(
    "chain",
    "hardhat",
    ["node", "--hostname", "127.0.0.1", "--port", String(port), ...(options.extraArgs ?? [])],
    { cwd: options.cwd, env: options.env, logFile: options.logFile },
  );
  await startUntilReady(service, () => rpcAnswers(url), options.readyTimeoutMs ?? 60_000);
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    publicClient: createPublicClient({ chain: hardhat, transport: http(url) }) as PublicClient,
    service,
    stop: () => service.stop(),
  };
}

export function walletClientFor(chain: Pick<LocalChain, "url">, account: `0x${string}`) {
  return createWalletClient({ chain: hardhat, transport: http(chain.url), account });
}

/** Hardhat's test actions (mine, setAutomine, increaseTime, snapshot, …) on `chain`. */
export function testClientFor(chain: Pick<LocalChain, "url">) {
  return createTestClient({ chain: hardhat, mode: "hardhat", transport: http(chain.url) });
}
