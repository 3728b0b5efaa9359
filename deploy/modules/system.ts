// The contracts every network gets, added to the calling module (not a module itself):
// the registry (via its own module), the marketplace, the payment channels and the HyperBox
// registry and X402Settlement, wired to each other. Parameters (deploy/parameters/<network>.json, `$global`):
//   owner             admin of the marketplace and the channels (Ownable2Step); default: deployer
//   treasury          receives the platform fee; default: deployer
//   feeBps            platform fee in basis points; default 250 (2.5 %)
// `currencies` are the ERC-20s accepted besides ETH (the caller decides where they come from).
import type { ArgumentType, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import AIMRegistryModule from "./AIMRegistry.js";

export const DEFAULT_FEE_BPS = 250;

export function addSystem(m: IgnitionModuleBuilder, currencies: ArgumentType) {
  const { registry, splitterFactory } = m.useModule(AIMRegistryModule);
  const owner = m.getParameter("owner", m.getAccount(0));
  const treasury = m.getParameter("treasury", m.getAccount(0));
  const feeBps = m.getParameter("feeBps", DEFAULT_FEE_BPS);

  const marketplace = m.contract("AIMMarketplace", [owner, treasury, feeBps, currencies]);
  const paymentChannels = m.contract("PaymentChannels", [owner, registry, currencies]);
  const hyperBoxRegistry = m.contract("HyperBoxRegistry", [registry]);
  // x402 `exact` payments: only the EIP-3009 currencies among `currencies` can ever be settled through it.
  const x402Settlement = m.contract("X402Settlement", [owner, registry, currencies]);
  return { registry, splitterFactory, marketplace, paymentChannels, hyperBoxRegistry, x402Settlement };
}
