// `npm run chain:fork -- --url <rpc> [--block <n>] [--port <p>]`: a local node forking any chain at a block
// (hardhat node --fork … --fork-block-number …), with the upstream's chain id so wallets, the app and
// sdk/deployments.ts see the same network. Prints the AIM deployment known for that chain id.
// Transactions sent to the fork never reach the upstream. Ctrl-C stops it.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { deploymentFor } from "@aim/sdk/deployments";
import { rpcAnswers, waitUntil } from "./dev/wait.js";

const ROOT = resolve(import.meta.dirname, "..");

function fail(message: string): never {
  console.error(`fork: ${message}`);
  process.exit(1);
}

async function rpc(url: string, method: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    fail(`cannot reach ${url} (${(error as Error).message})`);
  }
  const body = (await response.json()) as { result?: string; error?: { message: string } };
  if (body.result === undefined) fail(`${url} answered ${method} with ${body.error?.message ?? "no result"}`);
  return body.result;
}

const { values } = parseArgs({
  options: { url: { type: "string" }, block: { type: "string" }, port: { type: "string" } },
});
if (values.url === undefined) fail("say which chain to fork: --url <rpc> [--block <n>] [--port <p>]");
const upstream = values.url;
const port = Number(values.port ?? process.env.AIM_FORK_PORT ?? 8546);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port ${values.port} is not a port number`);
const chainId = Number(BigInt(await rpc(upstream, "eth_chainId")));
const head = Number(BigInt(await rpc(upstream, "eth_blockNumber")));
const block = values.block === undefined ? head : Number(values.block);
if (!Number.isInteger(block) || block < 0) fail(`--block ${values.block} is not a block number`);
if (block > head) fail(`--block ${block} is past the upstream's head (${head})`);

const child = spawn(
  join(ROOT, "node_modules", ".bin", "hardhat"),
  [
    "node",
    "--hostname",
    "127.0.0.1",
    "--port",
    String(port),
    "--fork",
    upstream,
    "--fork-block-number",
    String(block),
    "--chain-id",
    String(chainId),
  ],
  { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] },
);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.once("exit", (code, signal) => process.exit(code ?? (signal === null ? 1 : 0)));

const url = `http://127.0.0.1:${port}`;
await waitUntil(
  `fork on ${url}`,
  () => rpcAnswers(url),
  120_000,
  () => (child.exitCode !== null ? "hardhat node exited" : undefined),
);
// Calls "at" the fork block count as historical: for chains whose hardfork history Hardhat does not know
// (31337, other local chains) it refuses them. One empty block on the fork makes "latest" local.
await rpc(url, "evm_mine");
console.log(`fork ready on ${url} (chain id ${chainId}, forked at block ${block} of ${upstream})`);
try {
  const deployment = deploymentFor(chainId);
  console.log(`AIM Marketplace on chain ${chainId} (${deployment.network}), from sdk/deployments.ts:`);
  for (const [name, contract] of Object.entries(deployment.contracts)) {
    const note = contract.startBlock > block ? "  (deployed after the fork block: absent here)" : "";
    console.log(`  ${name.padEnd(24)} ${contract.address}  start block ${contract.startBlock}${note}`);
  }
} catch (error) {
  console.log(`fork: ${(error as Error).message}`);
}
console.log("Transactions sent to the fork stay on the fork. Ctrl-C stops it.");
