// The contracts `npm run dev` deploys, built with the production profile: the sources under contracts/
// without the test doubles in contracts/test/ (and without the Solidity tests). The doubles are most of
// solc-js's one-time compile on a fresh clone; the tests' build (`npm run contracts:build`) adds them later,
// reusing these artifacts: Hardhat caches each root file's build on its own.
import { join, sep } from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

export async function buildDeployedContracts(hre: HardhatRuntimeEnvironment): Promise<void> {
  const sourceDirs = hre.config.paths.sources.solidity;
  const deployed = (file: string) =>
    sourceDirs.some((dir) => file.startsWith(dir + sep) && !file.startsWith(join(dir, "test") + sep));
  const files = (await hre.solidity.getRootFilePaths({ scope: "contracts" })).filter(deployed);
  await hre.tasks
    .getTask("build")
    .run({ quiet: true, noTests: true, defaultBuildProfile: "production", files });
}
