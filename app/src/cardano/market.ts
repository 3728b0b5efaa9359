// What the AIM page's Cardano panel does, on top of sdk/cardano (the same off-chain code as the CLI and the
// tests): find an AIM's listings, the licenses the wallet holds, list and buy. Pure over a Lucid.
import { buy, cancel, list } from "@aim/sdk/cardano/actions";
import { CardanoMarketError } from "@aim/sdk/cardano/errors";
import { fetchListings } from "@aim/sdk/cardano/listings";
import type { Lucid } from "@aim/sdk/cardano/lucid";
import { payoutsFromShares, type Share, sellerShare } from "@aim/sdk/cardano/payouts";
import type { MarketListing } from "@aim/sdk/cardano/types";

/** How an AIM of this app is named on Cardano: licenses whose asset name is the AIM's id or its manifest
 * short_name (sdk/cardano/mint.ts: the asset name is the AIM id). */
export interface CardanoAim {
  id: string;
  shortName?: string | null;
}

const hexOf = (text: string): string =>
  [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Asset names (hex) under which this AIM's licenses may be minted. */
export function aimAssetNames(aim: CardanoAim): string[] {
  const names = [aim.id, aim.shortName ?? ""].filter((n) => n.length > 0 && n.length <= 32);
  return [...new Set(names.map(hexOf))];
}

export interface ListingRow {
  key: string;
  market: MarketListing;
  price: bigint;
  quantity: bigint;
  seller: string;
  policyId: string;
  assetName: string;
  /** What the seller keeps; the rest goes to royalties and the fee. */
  sellerGets: bigint;
}

/** The AIM's listings at the market script, cheapest first. */
export async function aimListings(lucid: Lucid, aim: CardanoAim): Promise<ListingRow[]> {
  const names = new Set(aimAssetNames(aim));
  const all = await fetchListings(lucid);
  return all
    .filter((m) => names.has(m.listing.assetName))
    .map((m) => ({
      key: `${m.outRef.txHash}#${m.outRef.outputIndex}`,
      market: m,
      price: m.listing.price,
      quantity: m.quantity,
      seller: m.listing.seller,
      policyId: m.listing.policyId,
      assetName: m.listing.assetName,
      sellerGets: sellerShare(m.listing.price, m.listing.payouts),
    }))
    .sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : a.key.localeCompare(b.key)));
}

export interface HeldLicense {
  unit: string;
  policyId: string;
  assetName: string;
  quantity: bigint;
}

/** This AIM's licenses in the connected wallet, one row per policy. */
export async function heldLicenses(lucid: Lucid, aim: CardanoAim): Promise<HeldLicense[]> {
  const names = new Set(aimAssetNames(aim));
  const totals = new Map<string, bigint>();
  for (const utxo of await lucid.wallet.getUtxos()) {
    for (const [unit, amount] of Object.entries(utxo.assets)) {
      if (unit === "lovelace" || !names.has(unit.slice(56))) continue;
      totals.set(unit, (totals.get(unit) ?? 0n) + amount);
    }
  }
  return [...totals].map(([unit, quantity]) => ({
    unit,
    policyId: unit.slice(0, 56),
    assetName: unit.slice(56),
    quantity,
  }));
}

/** "12.5" ADA → 12_500_000n lovelace; throws a sentence naming the field. */
export function parseAda(text: string, field = "Price"): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) throw new CardanoMarketError(`${field} must be an ADA amount such as 10 or 2.5`, { text });
  const lovelace = BigInt(match[1] ?? "0") * 1_000_000n + BigInt((match[2] ?? "").padEnd(6, "0"));
  if (lovelace <= 0n) throw new CardanoMarketError(`${field} must be more than 0 ADA`, { text });
  return lovelace;
}

/** "5" or "2.5" percent → basis points (0 when empty). Integer arithmetic: 1.1 * 100 is not 110 in floats. */
export function percentToBps(text: string, field: string): number {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(trimmed);
  const bps = match ? Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) : Number.NaN;
  if (!(bps <= 10_000)) {
    throw new CardanoMarketError(`${field} must be a percentage between 0 and 100 (two decimals at most)`, {
      text,
    });
  }
  return bps;
}

export interface ListForm {
  unit: string;
  quantity: string;
  price: string;
  royaltyAddress: string;
  royaltyPercent: string;
  /** Marketplace fee from the configuration (VITE_CARDANO_FEE_ADDRESS/BPS), if any. */
  fee?: Share;
}

/** Checks the form and lists through sdk/cardano's list(); returns the transaction hash. */
export async function listLicenses(lucid: Lucid, form: ListForm, held: HeldLicense[]): Promise<string> {
  const license = held.find((h) => h.unit === form.unit);
  if (!license) throw new CardanoMarketError("choose licenses your wallet holds", { unit: form.unit });
  if (!/^\d+$/.test(form.quantity.trim()) || BigInt(form.quantity.trim()) <= 0n) {
    throw new CardanoMarketError("Quantity must be a whole number above 0", { quantity: form.quantity });
  }
  const quantity = BigInt(form.quantity.trim());
  if (quantity > license.quantity) {
    throw new CardanoMarketError(`your wallet holds only ${license.quantity} of these licenses`, {
      quantity,
    });
  }
  const price = parseAda(form.price);
  const shares: Share[] = [];
  const royaltyBps = percentToBps(form.royaltyPercent, "Royalty");
  if (royaltyBps > 0) {
    const address = form.royaltyAddress.trim();
    try {
      lucid.utils.getAddressDetails(address);
    } catch {
      throw new CardanoMarketError("Royalty receiver must be a Cardano address (addr…)", { address });
    }
    shares.push({ address, bps: royaltyBps });
  }
  if (form.fee) shares.push(form.fee);
  return list(lucid, {
    policyId: license.policyId,
    assetName: license.assetName,
    quantity,
    price,
    payouts: payoutsFromShares(price, shares),
  });
}

/** Buys one listing with the connected wallet through sdk/cardano's buy(); returns the transaction hash. */
export function buyListing(lucid: Lucid, row: ListingRow): Promise<string> {
  return buy(lucid, [row.market]);
}

/** Takes the seller's own listing back (the wallet must be the seller's) through sdk/cardano's cancel(). */
export function cancelListing(lucid: Lucid, row: ListingRow): Promise<string> {
  return cancel(lucid, [row.market]);
}

/** Whether a listing pays the configured marketplace fee (an output to its address of at least its share
 * of the price). The validator cannot force a fee (contracts/cardano/README.md): the panel flags listings
 * made elsewhere without it. True when no fee is configured. */
export function paysFee(row: ListingRow, fee: Share | undefined): boolean {
  if (!fee) return true;
  const due = (row.price * BigInt(fee.bps)) / 10_000n;
  return row.market.listing.payouts.some((p) => p.address === fee.address && p.lovelace >= due);
}

/** The fee every listing made here pays, from VITE_CARDANO_FEE_ADDRESS + VITE_CARDANO_FEE_BPS. */
export function configuredFee(env: Record<string, string | undefined>): Share | undefined {
  const address = env.CARDANO_FEE_ADDRESS;
  const bps = Number(env.CARDANO_FEE_BPS ?? "");
  if (!address || !Number.isInteger(bps) || bps <= 0 || bps > 10_000) return undefined;
  return { address, bps };
}
