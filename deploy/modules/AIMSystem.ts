// The whole system for a public network: the ERC-20 currencies accepted besides ETH come from the
// `allowedCurrencies` parameter (the real Circle USDC on each testnet, see deploy/parameters/).
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { addSystem } from "./system.js";

export default buildModule("AIMSystem", (m) => {
  const allowedCurrencies = m.getParameter<string[]>("allowedCurrencies", []);
  return addSystem(m, allowedCurrencies);
});
