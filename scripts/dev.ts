// `npm run dev`: the whole marketplace on this machine, on loopback.
//   chain    hardhat node            AIM_CHAIN_PORT    (8545)
//   gateway  gateway/main.ts         AIM_GATEWAY_PORT  (8787)   if the gateway exists
//   upstream scripts/openai-upstream.ts AIM_UPSTREAM_PORT (8788) the demo LLM behind the gateway's chat AIM
//   indexer  indexer/run.ts dev      AIM_INDEXER_PORT  (42069)  if ponder.config.ts + indexer/ exist
//   app      vite (app/)             AIM_APP_PORT      (5173)   if app/index.html exists
// A fresh chain every run: deploys (Ignition, LocalSystem), seeds the demo catalogue, drops the
// indexer's and the gateway's local state, prints the URLs and the dev accounts. Ctrl-C stops all.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DEV_ACCOUNTS } from "../deploy/dev-accounts.js";
import { deployLocalSystem } from "../deploy/lib/generate.js";
import { buildDeployedContracts } from "./dev/contracts.js";
import { staleReason } from "./dev/deployment.js";
import { startApp } from "./harness/app.js";
import { type LocalChain, startLocalChain, testClientFor } from "./harness/chain.js";
import { startGatewayProcess } from "./harness/gateway.js";
import { startIndexer } from "./harness/indexer.js";
import { assertPortFree, portFromEnv } from "./harness/ports.js";
import {
  httpAnswers,
  runToCompletion,
  type Service,
  startService,
  startUntilReady,
} from "./harness/processes.js";

const ROOT = resolve(import.meta.dirname, "..");
const STATE_DIR = join(ROOT, ".dev");
const LOCAL_DEPLOYMENT_DIR = join(ROOT, "deploy", "deployments", "chain-31337");
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(`[dev] ${line}`);

const has = {
  gateway: existsSync(join(ROOT, "gateway", "main.ts")),
  indexer: existsSync(join(ROOT, "ponder.config.ts")) && existsSync(join(ROOT, "indexer")),
  app: existsSync(join(ROOT, "app", "index.html")),
};

// Every service runs in its own process group (see scripts/harness/processes.ts): Ctrl-C reaches this
// process only, which stops them newest first. One that exits on its own stops everything.
const services: Service[] = [];
let shuttingDown: Promise<void> | undefined;
function supervise(service: Service): void {
  services.push(service);
  void service.exited.then((code) => {
    if (shuttingDown !== undefined) return;
    console.error(`[dev] ${service.name} exited unexpectedly (code ${code}); stopping everything`);
    void shutdown(1);
  });
}
function shutdown(exitCode: number): Promise<void> {
  shuttingDown ??= (async () => {
    say("stopping…");
    for (const service of [...services].reverse()) await service.stop();
    say("stopped");
    process.exit(exitCode);
  })();
  return shuttingDown;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
const printLines = (name: string) => (line: string) => console.log(`[${name}] ${line}`);

/** Runs a command to completion; throws with its output when it fails. */
async function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { code, stdout, stderr } = await runToCompletion(command, args, { env });
  if (code !== 0) throw new Error(`${name} failed (exit code ${code}):\n${stdout}${stderr}`);
  return stdout;
}

/**
 * Tells `hardhat ignition deploy --network localhost` that deploy/deployments/chain-31337 belongs to
 * this node instance (as its own deploy task does), so a later `npm run deploy -- --network localhost`
 * against the dev chain sees "nothing new" instead of wiping the journal and deploying twice.
 */
async function recordNodeInstance(chain: LocalChain): Promise<void> {
  // hardhat_metadata is Hardhat's own method: viem has no action for it, but its client sends it.
  const result = (await chain.publicClient.request({ method: "hardhat_metadata" } as never)) as
    | { instanceId?: string }
    | undefined;
  if (result?.instanceId === undefined) return;
  const file = join(ROOT, "cache", ".hardhat-network-instances.json");
  const instances = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>)
    : {};
  instances["chain-31337"] = result.instanceId;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(instances, null, 2));
}

/** Contract name → address of the local deployment just made (deploy/deployments/chain-31337). */
function localAddresses(): Record<string, string> {
  const file = join(LOCAL_DEPLOYMENT_DIR, "deployed_addresses.json");
  const byFuture = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(byFuture).map(([futureId, address]) => [futureId.split("#")[1], address]),
  );
}

async function main(): Promise<void> {
  const ports = {
    chain: portFromEnv("AIM_CHAIN_PORT", 8545),
    indexer: portFromEnv("AIM_INDEXER_PORT", 42069),
    app: portFromEnv("AIM_APP_PORT", 5173),
    gateway: portFromEnv("AIM_GATEWAY_PORT", 8787),
    // The deterministic OpenAI-compatible upstream of the demo chat AIM (gateway/config.example.json points at it).
    upstream: portFromEnv("AIM_UPSTREAM_PORT", 8788),
  };
  await assertPortFree(ports.chain, "AIM_CHAIN_PORT");
  if (has.gateway) await assertPortFree(ports.gateway, "AIM_GATEWAY_PORT");
  if (has.gateway) await assertPortFree(ports.upstream, "AIM_UPSTREAM_PORT");
  if (has.indexer) await assertPortFree(ports.indexer, "AIM_INDEXER_PORT");
  if (has.app) await assertPortFree(ports.app, "AIM_APP_PORT");

  const rpcUrl = `http://127.0.0.1:${ports.chain}`;
  const wsUrl = `ws://127.0.0.1:${ports.chain}`;
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  const indexerUrl = `http://127.0.0.1:${ports.indexer}`;
  const appUrl = `http://127.0.0.1:${ports.app}`;
  const env: NodeJS.ProcessEnv = {
    AIM_CHAIN_PORT: String(ports.chain),
    AIM_RPC_URL: rpcUrl,
    AIM_WS_URL: wsUrl,
    AIM_CHAIN_ID: "31337",
    PONDER_TELEMETRY_DISABLED: "true",
  };
  mkdirSync(STATE_DIR, { recursive: true });

  // 1. A fresh chain; meanwhile Hardhat loads in this process and compiles if the sources changed.
  // Only the contracts dev deploys (not the test doubles of contracts/test/): a fresh clone's one-time solc-js
  // compile takes 40 s of CPU instead of 152 s.
  const chainLog = join(STATE_DIR, "chain.log");
  rmSync(chainLog, { force: true });
  const chainStarting = startLocalChain({ port: ports.chain, env, logFile: chainLog });
  process.env.AIM_RPC_URL = rpcUrl; // read by hardhat.config.ts (the localhost network)
  const hardhat = (async () => {
    const { default: hre } = await import("hardhat");
    await buildDeployedContracts(hre);
    return hre;
  })();
  const chain = await chainStarting.catch((error: Error) => {
    throw new Error(`${error.message} (see ${chainLog})`);
  });
  supervise(chain.service);
  say(`chain ready on ${rpcUrl} (${elapsed()})`);

  // 2. A fresh chain invalidates everything derived from the previous one.
  for (const dir of [join(ROOT, "indexer", ".ponder"), join(ROOT, ".ponder")]) {
    if (existsSync(dir)) {
      rmSync(dir, { recursive: true, force: true });
      say(`fresh chain: dropped the indexer's state in ${dir.slice(ROOT.length + 1)}/`);
    }
  }
  const gatewayDb = join(STATE_DIR, "gateway.sqlite");
  for (const file of [gatewayDb, `${gatewayDb}-wal`, `${gatewayDb}-shm`]) rmSync(file, { force: true });

  // 3. Deploy LocalSystem with Ignition (deploy/parameters/localhost.json), journal in deploy/deployments/chain-31337.
  const hre = await hardhat;
  rmSync(LOCAL_DEPLOYMENT_DIR, { recursive: true, force: true });
  await deployLocalSystem(hre, "localhost", LOCAL_DEPLOYMENT_DIR);
  await recordNodeInstance(chain);
  say(`deployed LocalSystem (${elapsed()})`);
  const stale = await staleReason(ROOT);
  if (stale !== undefined) {
    say(`sdk/deployments.generated.ts is out of date (${stale}): regenerating it — commit the change`);
    await run("generate", "tsx", [join(ROOT, "scripts", "generate-deployments.ts")], env);
  }

  // 4. Seed the demo catalogue (in a child process when sdk/deployments.generated.ts was just rewritten).
  if (stale === undefined) {
    const { seedCatalogue } = await import("../deploy/seed.js");
    const seeded = await seedCatalogue({ rpcUrl, gatewayUrl, log: (line) => console.log(`[seed] ${line}`) });
    say(
      `seeded ${seeded.aims.length} AIMs, ${seeded.listings} listings, ${seeded.sales} sales (${elapsed()})`,
    );
  } else {
    const output = await run(
      "seed",
      "tsx",
      [join(ROOT, "scripts", "seed.ts"), "--rpc", rpcUrl, "--gateway", gatewayUrl],
      env,
    );
    for (const line of output.trim().split("\n")) console.log(`[seed] ${line.replace(/^seed: /, "")}`);
  }

  // The indexer follows new heads over WebSocket, and Ponder indexes the newest 30 (unfinalized) blocks
  // only as heads arrive: on an idle automining chain the seeded tail would wait for the next
  // transaction. An empty block every second keeps heads coming (transactions still mine at once).
  try {
    await testClientFor(chain).setIntervalMining({ interval: 1 }); // seconds: viem sends 1,000 ms to Hardhat
  } catch {
    say("the chain refused evm_setIntervalMining: the indexer may lag until the next transaction");
  }

  // 5. The services that exist at this commit, started together; each is supervised once it answers.
  const starting: Promise<Service>[] = [];
  if (has.gateway) {
    const upstream = startService(
      "upstream",
      process.execPath,
      ["--import", "tsx", "scripts/openai-upstream.ts"],
      {
        cwd: ROOT,
        env: { ...env, AIM_UPSTREAM_PORT: String(ports.upstream) },
        onLine: printLines("upstream"),
      },
    );
    starting.push(
      startUntilReady(
        upstream,
        () => httpAnswers(`http://127.0.0.1:${ports.upstream}/v1/models`, true),
        30_000,
      ),
    );
    const deployed = localAddresses();
    const configFile = ["config.json", "config.example.json"]
      .map((name) => join(ROOT, "gateway", name))
      .find((file) => existsSync(file));
    const gatewayEnv: NodeJS.ProcessEnv = {
      ...env,
      AIM_GATEWAY_PORT: String(ports.gateway),
      GATEWAY_HOST: "127.0.0.1",
      GATEWAY_PORT: String(ports.gateway),
      GATEWAY_RPC_URL: rpcUrl,
      GATEWAY_PUBLIC_URL: gatewayUrl,
      GATEWAY_SQLITE_PATH: gatewayDb,
      GATEWAY_PRIVATE_KEY: DEV_ACCOUNTS[6]?.privateKey,
      GATEWAY_PAYMENT_CHANNELS: deployed.PaymentChannels,
      GATEWAY_HYPERBOX_REGISTRY: deployed.HyperBoxRegistry,
      GATEWAY_X402_SETTLEMENT: deployed.X402Settlement,
      ...(process.env.GATEWAY_CONFIG === undefined && configFile !== undefined
        ? { GATEWAY_CONFIG: configFile }
        : {}),
    };
    starting.push(
      startGatewayProcess({ port: ports.gateway, env: gatewayEnv, onLine: printLines("gateway") }).then(
        (gateway) => gateway.service,
      ),
    );
  }
  if (has.indexer) {
    // The indexer's own wrapper (indexer/run.ts): it also drops state built from another chain.
    starting.push(
      startIndexer({ mode: "dev", rpcUrl, port: ports.indexer, env, onLine: printLines("indexer") }).then(
        async (indexer) => {
          try {
            await indexer.waitUntilReady(120_000);
          } catch (error) {
            await indexer.stop();
            throw error;
          }
          return indexer.service;
        },
      ),
    );
  }
  if (has.app) {
    const appEnv = {
      ...env,
      VITE_RPC_URL: rpcUrl,
      VITE_INDEXER_URL: indexerUrl,
      VITE_CHAIN_ID: "31337",
      VITE_GATEWAY_URL: gatewayUrl,
    };
    starting.push(
      startApp({ port: ports.app, env: appEnv, onLine: printLines("app") }).then((app) => app.service),
    );
  }
  const outcomes = await Promise.allSettled(starting);
  for (const outcome of outcomes) if (outcome.status === "fulfilled") supervise(outcome.value);
  const failed = outcomes.find((outcome) => outcome.status === "rejected");
  if (failed !== undefined) throw failed.reason;

  const rows = [
    ["chain (JSON-RPC + WebSocket, chain id 31337)", rpcUrl],
    ...(has.gateway ? [["gateway (HyperBox node #1)", gatewayUrl]] : []),
    ...(has.gateway ? [["gateway chat (OpenAI-compatible, model aim-5)", `${gatewayUrl}/v1`]] : []),
    ...(has.gateway ? [["demo LLM upstream (deterministic)", `http://127.0.0.1:${ports.upstream}/v1`]] : []),
    ...(has.indexer ? [["indexer (GraphQL)", `${indexerUrl}/graphql`]] : []),
    ...(has.app ? [["app", appUrl]] : []),
  ];
  console.log("");
  for (const [what, url] of rows) console.log(`  ${what?.padEnd(46)} ${url}`);
  console.log(
    "\n  Dev accounts — PUBLIC TEST KEYS from Hardhat's well-known mnemonic; never use them on a real network:",
  );
  for (const account of DEV_ACCOUNTS) {
    console.log(`  #${account.index} ${account.address} ${account.privateKey}  ${account.role}`);
  }
  console.log("");
  say(`ready in ${elapsed()} — Ctrl-C stops everything`);
}

main().catch(async (error: unknown) => {
  console.error(`[dev] ${(error as Error).message}`);
  await shutdown(1);
});
