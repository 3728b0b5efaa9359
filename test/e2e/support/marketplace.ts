// Starts the real local marketplace with `npm run dev` (chain + contracts + seed + gateway + indexer +
// app) on free loopback ports, waits until every part answers, and stops it by its process group.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export interface Marketplace {
  rpcUrl: string;
  indexerUrl: string;
  gatewayUrl: string;
  appUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function answers(url: string, init?: RequestInit): Promise<boolean> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

export async function startMarketplace(outDir = "test-results/e2e"): Promise<Marketplace> {
  const [chain, gateway, indexer, app] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  mkdirSync(outDir, { recursive: true });
  const logFile = join(outDir, "dev.log");
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn("npm", ["run", "dev"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      AIM_CHAIN_PORT: String(chain),
      AIM_GATEWAY_PORT: String(gateway),
      AIM_INDEXER_PORT: String(indexer),
      AIM_APP_PORT: String(app),
    },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: number | null = null;
  child.on("exit", (code) => {
    exited = code ?? -1;
  });
  const m: Marketplace = {
    rpcUrl: `http://127.0.0.1:${chain}`,
    indexerUrl: `http://127.0.0.1:${indexer}`,
    gatewayUrl: `http://127.0.0.1:${gateway}`,
    appUrl: `http://127.0.0.1:${app}`,
    logFile,
    async stop() {
      if (exited !== null || child.pid === undefined) return;
      const done = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGINT");
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 20_000);
      await done;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 300_000;
  const rpcBody = {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}',
  };
  for (;;) {
    if (exited !== null) throw new Error(`npm run dev exited with ${exited}; see ${logFile}`);
    const ready =
      (await answers(m.rpcUrl, rpcBody)) &&
      (await answers(`${m.indexerUrl}/ready`)) &&
      (await answers(m.appUrl));
    if (ready) break;
    if (Date.now() > deadline) {
      await m.stop();
      throw new Error(`the marketplace did not start within 300 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return m;
}
