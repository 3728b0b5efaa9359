// The AIM registry (ERC-1155 licenses + ERC-2981) and the factory of royalty-splitter clones it
// uses when a creator publishes with several royalty payees. No parameters: anyone may publish.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export default buildModule("AIMRegistry", (m) => {
  const splitterFactory = m.contract("RoyaltySplitterFactory");
  const registry = m.contract("AIMRegistry", [splitterFactory]);
  return { splitterFactory, registry };
});
