// AIMMarketplace's arithmetic off chain, exactly as contracts/AIMMarketplace.sol and
// contracts/marketplace/MarketplaceSettlement.sol do it: the listing id, the token standards and how a sale's
// total is divided into the platform fee, the creator's royalty and the seller's proceeds (rounding included).
// Checked against the deployed contract in test/sdk/marketplace.test.ts.
import { type Address, encodeAbiParameters, type Hex, keccak256 } from "viem";

/** The token standards AIMMarketplace takes, numbered as its `ERC1155` / `ERC721` constants. */
export const TokenStandard = { ERC1155: 0, ERC721: 1 } as const;
export type TokenStandard = (typeof TokenStandard)[keyof typeof TokenStandard];

/** What identifies a listing: one live listing per seller, token id, standard and currency. */
export interface ListingKey {
  seller: Address;
  token: Address;
  tokenId: bigint;
  standard: TokenStandard;
  /** An allowed ERC-20, or the zero address for ETH. */
  currency: Address;
}

/** The listing id: keccak256(abi.encode(seller, token, tokenId, standard, currency)), as `listingId` returns it. */
export function listingId(key: ListingKey): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "address" }, { type: "address" }, { type: "uint256" }, { type: "uint8" }, { type: "address" }],
      [key.seller, key.token, key.tokenId, key.standard, key.currency],
    ),
  );
}

/** The terms of an on-chain offer, as `OfferMade` carries them (AIMMarketplace's `Offer` struct). */
export interface OfferTerms {
  buyer: Address;
  token: Address;
  tokenId: bigint;
  standard: TokenStandard;
  /** An allowed ERC-20 (offers cannot be made in ETH). */
  currency: Address;
  pricePerUnit: bigint;
  expiry: bigint;
  salt: bigint;
}

/** The offer id: keccak256(abi.encode(offer)), as `offerId` returns it. */
export function offerId(o: OfferTerms): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: "address" },
        { type: "address" },
        { type: "uint256" },
        { type: "uint8" },
        { type: "address" },
        { type: "uint256" },
        { type: "uint256" },
        { type: "uint256" },
      ],
      [o.buyer, o.token, o.tokenId, o.standard, o.currency, o.pricePerUnit, o.expiry, o.salt],
    ),
  );
}

/** Basis points in a whole. */
const BPS = 10_000n;
/** The marketplace cuts a royalty above this share of the sale (10%) to it (`MAX_ROYALTY_BPS`). */
export const MAX_ROYALTY_BPS = 1_000n;

/** How a sale's total is divided; fee + royalty + proceeds = total. */
export interface SaleSplit {
  total: bigint;
  /** The platform fee, accrued for the treasury. */
  fee: bigint;
  /** The ERC-2981 royalty, capped at MAX_ROYALTY_BPS of the total, credited to its receiver. */
  royalty: bigint;
  /** What the seller receives. */
  proceeds: bigint;
}

/** The ERC-2981 royalty AIMRegistry (and OpenZeppelin's ERC2981) reports for a sale: total × bps / 10,000, rounded down. */
export function erc2981Royalty(total: bigint, royaltyBps: bigint | number): bigint {
  return (total * BigInt(royaltyBps)) / BPS;
}

/**
 * The split AIMMarketplace makes of `total` (price × quantity) at the listing's fee: the fee rounded down, the
 * royalty the token reported (`royaltyInfo(tokenId, total)`; pass 0 when its receiver is the zero address) cut to
 * 10% of the total (rounded down), the rest to the seller.
 */
export function splitSale(total: bigint, feeBps: bigint | number, royalty: bigint): SaleSplit {
  const fee = (total * BigInt(feeBps)) / BPS;
  const cap = (total * MAX_ROYALTY_BPS) / BPS;
  const capped = royalty > cap ? cap : royalty;
  return { total, fee, royalty: capped, proceeds: sellerProceeds(total, fee, capped) };
}

/** What the seller received from a sale: the total minus fee and royalty (never negative, even for a bad event). */
export function sellerProceeds(total: bigint, fee: bigint, royalty: bigint): bigint {
  const rest = total - fee - royalty;
  return rest > 0n ? rest : 0n;
}
