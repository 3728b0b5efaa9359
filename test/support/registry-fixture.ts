// Shared fixture of the AIMRegistry node:test suites: a Hardhat network of its own, four named dev
// accounts, two manifest versions, `params()` for `publish`, and the fixtures `deployRegistry` (a registry
// with no AIM) and `publishedFixture` (AIM 1 published by `creator` with the default params: 5% sale
// royalty, 2.5% per-call royalty, max supply 100, 10 licenses minted to `creator`).
// Use with `networkHelpers.loadFixture(deployRegistry)`.
import { network } from "hardhat";
import { type Address, getAddress, type Hex, keccak256, stringToHex } from "viem";

export const { viem, networkHelpers } = await network.create();
const wallets = await viem.getWalletClients();
function wallet(index: number) {
  const client = wallets[index];
  if (!client)
    throw new Error(`the AIMRegistry tests need 4 dev accounts, the network has ${wallets.length}`);
  return client;
}
const creatorWallet = wallet(0);
export const aliceWallet = wallet(1);
export const bobWallet = wallet(2);
const carolWallet = wallet(3);
export const creator: Address = getAddress(creatorWallet.account.address);
export const alice: Address = getAddress(aliceWallet.account.address);
export const bob: Address = getAddress(bobWallet.account.address);
export const carol: Address = getAddress(carolWallet.account.address);

export const URI1 = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/manifest.json";
export const HASH1: Hex = keccak256(stringToHex('{"name":"echo","version":"1.0.0"}'));
export const URI2 = "data:application/json;base64,eyJuYW1lIjoiZWNobyJ9";
export const HASH2: Hex = keccak256(stringToHex('{"name":"echo","version":"2.0.0"}'));
export const UINT128_MAX = 2n ** 128n - 1n;

/** The argument of `AIMRegistry.publish`. */
export interface Params {
  manifestURI: string;
  manifestHash: Hex;
  royaltyReceiver: Address;
  royaltyBps: bigint;
  callFeeBps: number;
  maxSupply: bigint;
  initialHolder: Address;
  initialAmount: bigint;
  splitPayees: readonly Address[];
  splitShares: readonly bigint[];
}

/** The default publish params (version 1, royalties to `creator`, 10 of 100 licenses to `creator`), overridden. */
export function params(overrides: Partial<Params> = {}): Params {
  return {
    manifestURI: URI1,
    manifestHash: HASH1,
    royaltyReceiver: creator,
    royaltyBps: 500n,
    callFeeBps: 250,
    maxSupply: 100n,
    initialHolder: creator,
    initialAmount: 10n,
    splitPayees: [],
    splitShares: [],
    ...overrides,
  };
}

/** A registry with no AIM, and the RoyaltySplitterFactory it uses. */
export async function deployRegistry() {
  const factory = await viem.deployContract("RoyaltySplitterFactory");
  const registry = await viem.deployContract("AIMRegistry", [factory.address]);
  return { factory, registry };
}

/** A registry where `creator` published AIM 1 with the default params. */
export async function publishedFixture() {
  const { factory, registry } = await deployRegistry();
  await registry.write.publish([params()]);
  return { factory, registry };
}
