// A Hardhat plugin that runs solc-js compilation jobs on every core. Hardhat runs each job in its own
// solc-js process but defaults to `cores - 1` at a time: one on a 2-core machine, which leaves a core idle
// through the whole one-time compile of a fresh clone (the production and coverage profiles compile each
// root file in its own job, so the jobs are independent).
import { availableParallelism } from "node:os";
import type { HardhatPlugin } from "hardhat/types/plugins";

export const parallelSolc: HardhatPlugin = {
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
