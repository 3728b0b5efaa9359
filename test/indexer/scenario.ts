// Event streams for the indexer tests and benchmark, encoded with the ABIs of sdk/deployments.ts.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { abis, deployments } from "@aim/sdk/deployments";
import { manifestHash, toDataUri } from "@aim/sdk/manifest";
import { erc2981Royalty, listingId as marketListingId, splitSale, TokenStandard } from "@aim/sdk/marketplace";
import type { Abi } from "viem";
import { keccak256, toHex } from "viem";
import { encodeLog, type RawLog } from "../../scripts/fixtures/event-pump.js";

type Name = keyof typeof abis;
const deployment = (
  deployments as unknown as Record<number, { contracts: Record<string, { address: `0x${string}` }> }>
)[31337];
if (!deployment) throw new Error("sdk/deployments.ts has no chain 31337");
export const addr = (name: string) => (deployment.contracts[name]?.address ?? "0x") as `0x${string}`;
export const CORE = [
  "AIMRegistry",
  "RoyaltySplitterFactory",
  "AIMMarketplace",
  "PaymentChannels",
  "HyperBoxRegistry",
  "X402Settlement",
];
const splitterAbi = (abis as unknown as Record<string, Abi>).RoyaltySplitter as Abi;

export const ev = (
  contract: Name | "RoyaltySplitter",
  name: string,
  args: Record<string, unknown>,
  at?: `0x${string}`,
): RawLog =>
  encodeLog(
    contract === "RoyaltySplitter"
      ? splitterAbi
      : ((abis as unknown as Record<string, Abi>)[contract] as Abi),
    name,
    at ?? addr(contract),
    args,
  );

export const ETH = "0x0000000000000000000000000000000000000000" as const;
const { ERC1155 } = TokenStandard;
export const A = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" as const; // creator / seller
export const B = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc" as const; // buyer
export const C = "0x90f79bf6eb2c4f827998a5273d7c1b4b6fb4e2b1" as const; // operator
export const SPLITTER = "0x000000000000000000000000000000000000beef" as const;
export const USDC = "0x00000000000000000000000000000000000005dc" as const;

const base = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@aim/sdk/examples/sentiment.json"), "utf8"),
);

/** A valid manifest (the shared example) renamed and re-tagged, as its data: URI and keccak256. */
export function manifest(name: string, tags: string[] = ["nlp"]) {
  const json = JSON.stringify({ ...base, name, description: `${name} does useful things`, tags });
  return { uri: toDataUri(json), hash: manifestHash(json), json };
}

/** The id AIMMarketplace gives `seller`'s listing of AIMRegistry license `tokenId` in `currency`. */
export function listingId(seller: `0x${string}`, tokenId: bigint, currency: `0x${string}`): `0x${string}` {
  return marketListingId({ seller, token: addr("AIMRegistry"), tokenId, standard: ERC1155, currency });
}

export function publish(
  aimId: bigint,
  name: string,
  tags?: string[],
  royaltyReceiver: `0x${string}` = A,
): RawLog[] {
  const m = manifest(name, tags);
  return [
    ev("AIMRegistry", "AIMPublished", {
      aimId,
      creator: A,
      manifestURI: m.uri,
      manifestHash: m.hash,
      royaltyReceiver,
      royaltyBps: 500n,
      callFeeBps: 100,
      maxSupply: 0n,
    }),
    ev("AIMRegistry", "AIMVersionPublished", {
      aimId,
      version: 1n,
      manifestURI: m.uri,
      manifestHash: m.hash,
    }),
  ];
}

export function mint(aimId: bigint, to: `0x${string}`, amount: bigint): RawLog {
  return ev("AIMRegistry", "TransferSingle", { operator: A, from: ETH, to, id: aimId, value: amount });
}

export function list(
  aimId: bigint,
  price: bigint,
  quantity: bigint,
  currency: `0x${string}` = ETH,
  seller: `0x${string}` = A,
  expiry = 4_000_000_000n,
): RawLog {
  return ev("AIMMarketplace", "ListingCreated", {
    listingId: listingId(seller, aimId, currency),
    seller,
    token: addr("AIMRegistry"),
    tokenId: aimId,
    standard: ERC1155,
    currency,
    pricePerUnit: price,
    quantity,
    expiry,
    feeBps: 250,
  });
}

export function buy(
  aimId: bigint,
  quantity: bigint,
  price: bigint,
  remaining: bigint,
  currency: `0x${string}` = ETH,
): RawLog[] {
  const total = price * quantity;
  const { fee, royalty } = splitSale(total, 250, erc2981Royalty(total, 500n));
  return [
    ev("AIMMarketplace", "Sale", {
      listingId: listingId(A, aimId, currency),
      buyer: B,
      seller: A,
      quantity,
      totalPrice: total,
      fee,
      royaltyReceiver: A,
      royalty,
      remaining,
    }),
    ev("AIMRegistry", "TransferSingle", {
      operator: addr("AIMMarketplace"),
      from: A,
      to: B,
      id: aimId,
      value: quantity,
    }),
  ];
}

/** Bad manifests: each must be indexed as invalid with a reason, never crash the indexer. */
export function hostileManifests(firstId: bigint): RawLog[] {
  const bad: string[] = [
    "data:application/json;base64,e25vdCBqc29u", // "{not json"
    toDataUri(JSON.stringify({ name: 42, version: [], endpoints: "x" })),
    toDataUri(JSON.stringify({ name: "x".repeat(150_000), version: "1", endpoints: [] })),
    toDataUri(JSON.stringify({ name: "Pay\u200Bpal\u0000\u202Egnp.exe", version: "1", endpoints: [{}] })),
    "data:application/json;base64,////",
    "data:text/html,<script>alert(1)</script>",
  ];
  return bad.flatMap((uri, i) => [
    ev("AIMRegistry", "AIMPublished", {
      aimId: firstId + BigInt(i),
      creator: A,
      manifestURI: uri,
      manifestHash: keccak256(toHex(uri)),
      royaltyReceiver: A,
      royaltyBps: 0n,
      callFeeBps: 0,
      maxSupply: 0n,
    }),
  ]);
}
