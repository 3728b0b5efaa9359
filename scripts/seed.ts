// Seeds the demo catalogue on a local chain: `npm run deploy:seed -- [--rpc <url>] [--gateway <url>] [--scale <n>]`.
import { parseArgs } from "node:util";
import { seedCatalogue } from "../deploy/seed.js";

const { values } = parseArgs({
  options: { rpc: { type: "string" }, gateway: { type: "string" }, scale: { type: "string", default: "1" } },
});
const rpcUrl =
  values.rpc ?? process.env.AIM_RPC_URL ?? `http://127.0.0.1:${process.env.AIM_CHAIN_PORT ?? 8545}`;
const started = performance.now();
const result = await seedCatalogue({
  rpcUrl,
  gatewayUrl: values.gateway,
  scale: Number(values.scale),
  log: (line) => console.log(`seed: ${line}`),
});
console.log(
  `seed: ${result.aims.length} AIMs, ${result.listings} listings, ${result.sales} sales, node #${result.nodeId}, ` +
    `${result.events} events up to block ${result.lastBlock} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
