// The whole system for a local chain (hardhat node, tests, forks of it): the faucet tokens are
// deployed first and are the currencies the marketplace and the channels accept besides ETH.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { addSystem } from "./system.js";
import TestTokensModule from "./TestTokens.js";

export default buildModule("LocalSystem", (m) => {
  const { testUSDC, testHyPC } = m.useModule(TestTokensModule);
  return { ...addSystem(m, [testUSDC, testHyPC]), testUSDC, testHyPC };
});
