// Faucet tokens for local chains only (public mint): a 6-decimal USDC and a 6-decimal HyPC.
// Testnets use the real Circle USDC instead (deploy/parameters/<network>.json).
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export default buildModule("TestTokens", (m) => {
  const testUSDC = m.contract("TestUSDC");
  const testHyPC = m.contract("TestHyPC");
  return { testUSDC, testHyPC };
});
