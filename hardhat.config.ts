import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";
import type { HardhatPlugin } from "hardhat/types/plugins";

// The compiler cannot be downloaded on an offline machine: use the npm `solc` (solc-js) build.
// Hardhat needs its absolute path and does not check it matches `version`, so keep them equal.
const SOLC_PATH = createRequire(import.meta.url).resolve("solc/soljson.js");
const SOLC_VERSION = "0.8.28";
const compiler = {
  version: SOLC_VERSION,
  path: SOLC_PATH,
  settings: { optimizer: { enabled: true, runs: 10_000 }, evmVersion: "cancun" },
};

/**
 * A public chain reached through an RPC URL and a deployer key, both configuration variables. `op`: an OP-stack
 * L2 (Base, Shape), whose transactions carry an L1 data fee that Hardhat estimates only with that chain type.
 */
function publicChain(chainId: number, rpcVariable: string, chainType: "l1" | "op" = "l1") {
  return {
    type: "http" as const,
    chainType,
    chainId,
    url: configVariable(rpcVariable),
    accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
  };
}

/**
 * Runs solc-js compilation jobs on every core. Hardhat runs each job in its own solc-js process but only
 * `cores - 1` at a time: one on a 2-core machine, which leaves a core idle through the whole one-time compile of
 * a fresh clone (the production and coverage profiles compile each root file in its own job, so the jobs are
 * independent). Inline rather than imported: Hardhat loads this file with Node's own TypeScript support, which
 * does not map a relative `.js` import to its `.ts` source.
 */
const parallelSolc: HardhatPlugin = {
  id: "aim-parallel-solc",
  hookHandlers: {
    solidity: async () => ({
      default: async () => ({
        build: (context, rootFilePaths, options, next) =>
          next(context, rootFilePaths, {
            ...options,
            concurrency: options?.concurrency ?? availableParallelism(),
          }),
      }),
    }),
  },
};

export default defineConfig({
  plugins: [hardhatToolboxViem, parallelSolc],
  solidity: {
    // Coverage instruments every test file too; solc-js runs out of WASM memory when they share one job,
    // so the coverage profile compiles each file in its own job. Since issue 12's tests the default profile's
    // single job (every contract and Solidity test) also overflows solc-js ("memory access out of bounds",
    // HHE908) on a fresh build, so it is isolated too: a fresh build takes longer (3.5 min instead of 42 s on
    // the 2-core dev machine under load), incremental builds recompile only what changed.
    profiles: {
      default: { ...compiler, isolated: true },
      production: compiler, // isolated too: Hardhat's default for the production profile
      coverage: { ...compiler, isolated: true },
    },
  },
  paths: {
    sources: "./contracts",
    tests: { nodejs: "./test/contracts", solidity: "./test/contracts" },
    // Ignition modules in deploy/modules/, deployments (addresses + journal) in deploy/deployments/.
    ignition: "./deploy",
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32 },
    },
  },
  networks: {
    hardhat: { type: "edr-simulated", chainType: "l1" },
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.AIM_RPC_URL ?? `http://127.0.0.1:${process.env.AIM_CHAIN_PORT ?? 8545}`,
    },
    sepolia: publicChain(11155111, "SEPOLIA_RPC_URL"),
    baseSepolia: publicChain(84532, "BASE_SEPOLIA_RPC_URL", "op"),
    polygonAmoy: publicChain(80002, "POLYGON_AMOY_RPC_URL"),
    // Shape: an OP-stack L2 (https://docs.shape.network); chain ids as in viem/chains shapeSepolia and shape.
    shapeSepolia: publicChain(11011, "SHAPE_SEPOLIA_RPC_URL", "op"),
    shape: publicChain(360, "SHAPE_RPC_URL", "op"),
  },
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
});
