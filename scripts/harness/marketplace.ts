// The whole local marketplace as a user starts it (`npm run dev`: chain, contracts, seed, gateway, indexer,
// app) on free loopback ports, for the end-to-end tests and the app benchmarks; stopped as one process tree.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { rpcAnswers } from "./chain.js";
import { freePort } from "./ports.js";
import { httpAnswers, startService, waitUntil } from "./processes.js";

export interface Marketplace {
  rpcUrl: string;
  indexerUrl: string;
  gatewayUrl: string;
  appUrl: string;
  logFile: string;
  stop(): Promise<void>;
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
  const dev = startService("npm run dev", "npm", ["run", "dev"], {
    cwd: process.cwd(),
    logFile,
    env: {
      AIM_CHAIN_PORT: String(chain),
      AIM_GATEWAY_PORT: String(gateway),
      AIM_INDEXER_PORT: String(indexer),
      AIM_APP_PORT: String(app),
    },
    graceMs: [20_000, 3_000, 2_000],
  });
  const market: Marketplace = {
    rpcUrl: `http://127.0.0.1:${chain}`,
    indexerUrl: `http://127.0.0.1:${indexer}`,
    gatewayUrl: `http://127.0.0.1:${gateway}`,
    appUrl: `http://127.0.0.1:${app}`,
    logFile,
    stop: () => dev.stop(),
  };
  try {
    await waitUntil(
      "the marketplace",
      async () =>
        (await rpcAnswers(market.rpcUrl)) &&
        (await httpAnswers(`${market.indexerUrl}/ready`)) &&
        (await httpAnswers(market.appUrl)),
      300_000,
      () => (dev.hasExited() ? `npm run dev exited; see ${logFile}` : undefined),
    );
  } catch (error) {
    await dev.stop();
    throw new Error(`${(error as Error).message}; see ${logFile}`);
  }
  return market;
}
