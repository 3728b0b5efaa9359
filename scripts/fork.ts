// `npm run chain:fork -- --url <rpc> [--block <n>] [--port <p>]`: a local node forking any chain at a block
// (hardhat node --fork … --fork-block-number …), with the upstream's chain id so wallets, the app and
// sdk/deployments.ts see the same network. Prints the AIM deployment known for that chain id.
// Transactions sent to the fork never reach the upstream. Ctrl-C stops it.
import { parseArgs } from "node:util";
import { deploymentFor } from "@aim/sdk/deployments";
import { rpcClient, startLocalChain, testClientFor } from "./harness/chain.js";

function fail(message: string): never {
  console.error(`fork: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({
  options: { url: { type: "string" }, block: { type: "string" }, port: { type: "string" } },
});
if (values.url === undefined) fail("say which chain to fork: --url <rpc> [--block <n>] [--port <p>]");
const upstream = values.url;
const port = Number(values.port ?? process.env.AIM_FORK_PORT ?? 8546);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port ${values.port} is not a port number`);
const upstreamClient = rpcClient(upstream);
const [chainId, head] = await Promise.all([
  upstreamClient.getChainId(),
  upstreamClient.getBlockNumber(),
]).then(
  ([id, number]): [number, number] => [id, Number(number)],
  (error: Error) => fail(`cannot read ${upstream} (${error.message.split("\n")[0]})`),
);
const block = values.block === undefined ? head : Number(values.block);
if (!Number.isInteger(block) || block < 0) fail(`--block ${values.block} is not a block number`);
if (block > head) fail(`--block ${block} is past the upstream's head (${head})`);

const fork = await startLocalChain({
  port,
  extraArgs: ["--fork", upstream, "--fork-block-number", String(block), "--chain-id", String(chainId)],
  readyTimeoutMs: 120_000,
}).catch((error: Error) => fail(error.message));
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    stopping = true;
    void fork.stop();
  });
}
void fork.service.exited.then((code) => {
  if (!stopping)
    console.error(`fork: hardhat node exited (code ${code}):\n${fork.service.output().slice(-4000)}`);
  process.exit(code ?? 0);
});

const url = fork.url;
// Calls "at" the fork block count as historical: for chains whose hardfork history Hardhat does not know
// (31337, other local chains) it refuses them. One empty block on the fork makes "latest" local.
await testClientFor(fork).mine({ blocks: 1 });
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
