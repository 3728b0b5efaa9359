// What the AIM page's Cardano panel does, on top of sdk/cardano (the same off-chain code as the CLI and the
// tests): find an AIM's listings, the licenses the wallet holds, list and buy. Pure over a Lucid.
import { buy, cancel, list } from "@aim/sdk/cardano/actions";
import { CardanoMarketError } from "@aim/sdk/cardano/errors";
import { fetchListings } from "@aim/sdk/cardano/listings";
import type { Lucid } from "@aim/sdk/cardano/lucid";
import { type CardanoLicenseRef, cardanoLicenseOf } from "@aim/sdk/cardano/manifest";
import { feeOf, royaltiesOf, sellerReceives } from "@aim/sdk/cardano/payouts";
import { fetchRoyaltyTerms } from "@aim/sdk/cardano/royalty";
import type { MarketListing, Payout } from "@aim/sdk/cardano/types";

/** How an AIM of this app is named on Cardano: its manifest's `x-cardano` policy id (sdk/cardano/manifest.ts),
 * and an asset name that is the manifest's, or else the AIM's id or short_name (sdk/cardano/mint.ts: the asset
 * name is the AIM id). Without a policy id nothing on Cardano is the AIM's: anyone can mint a token with the
 * same asset name under another policy. */
export interface CardanoAim {
  id: string;
  shortName?: string | null;
  /** The AIM's latest manifest (its hash is on chain); `cardano` wins when both are given. */
  manifest?: unknown;
  cardano?: CardanoLicenseRef;
}

const hexOf = (text: string): string =>
  [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** The AIM's license policy, from the manifest; undefined when it names none. */
export function aimPolicy(aim: CardanoAim): CardanoLicenseRef | undefined {
  return aim.cardano ?? cardanoLicenseOf(aim.manifest);
}

/** Asset names (hex) under which this AIM's licenses may be minted. */
export function aimAssetNames(aim: CardanoAim): string[] {
  const named = aimPolicy(aim)?.assetName;
  if (named) return [named];
  const names = [aim.id, aim.shortName ?? ""].filter((n) => n.length > 0 && n.length <= 32);
  return [...new Set(names.map(hexOf))];
}

/** True when `policyId` + `assetName` is a license of this AIM: the policy must be the manifest's. */
export function isAimLicense(aim: CardanoAim, policyId: string, assetName: string): boolean {
  const policy = aimPolicy(aim);
  return policy !== undefined && policy.policyId === policyId && aimAssetNames(aim).includes(assetName);
}

export interface ListingRow {
  key: string;
  market: MarketListing;
  price: bigint;
  quantity: bigint;
  seller: string;
  policyId: string;
  assetName: string;
  /** The seller's min-ADA deposit locked in the listing, returned to the seller on buy. */
  deposit: bigint;
  /** Everything the seller receives: price − fee − royalties + the deposit. Undefined without royalty terms. */
  sellerGets?: bigint;
  /** The marketplace fee (the validator's). */
  fee: bigint;
  /** The creator's royalties, from its terms on chain; undefined when it has published none (then the listing
   * cannot be bought yet). */
  royalties?: Payout[];
}

/** The AIM's listings at the market script (its policy id and asset name only), cheapest first. */
export async function aimListings(lucid: Lucid, aim: CardanoAim): Promise<ListingRow[]> {
  const policy = aimPolicy(aim);
  if (!policy) return [];
  const all = await fetchListings(lucid, { policyId: policy.policyId });
  const terms = (await fetchRoyaltyTerms(lucid, policy.policyId))?.recipients;
  return all
    .filter((m) => isAimLicense(aim, m.listing.policyId, m.listing.assetName))
    .map((m) => ({
      key: `${m.outRef.txHash}#${m.outRef.outputIndex}`,
      market: m,
      price: m.listing.price,
      quantity: m.quantity,
      seller: m.listing.seller,
      policyId: m.listing.policyId,
      assetName: m.listing.assetName,
      deposit: m.deposit,
      fee: feeOf(m.listing.price),
      royalties: terms && royaltiesOf(m.listing.price, terms),
      sellerGets: terms && sellerReceives(m, terms),
    }))
    .sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : a.key.localeCompare(b.key)));
}

export interface HeldLicense {
  unit: string;
  policyId: string;
  assetName: string;
  quantity: bigint;
}

/** This AIM's licenses in the connected wallet (the manifest's policy only). */
export async function heldLicenses(lucid: Lucid, aim: CardanoAim): Promise<HeldLicense[]> {
  const totals = new Map<string, bigint>();
  for (const utxo of await lucid.wallet.getUtxos()) {
    for (const [unit, amount] of Object.entries(utxo.assets)) {
      if (unit === "lovelace" || !isAimLicense(aim, unit.slice(0, 56), unit.slice(56))) continue;
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
}

/** Checks the form and lists through sdk/cardano's list(); returns the transaction hash. The seller writes no
 * fee or royalty: the validator takes the fee and the creator's royalty terms at buy time. */
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
  return list(lucid, { policyId: license.policyId, assetName: license.assetName, quantity, price });
}

/** Buys one listing with the connected wallet through sdk/cardano's buy(); returns the transaction hash. */
export function buyListing(lucid: Lucid, row: ListingRow): Promise<string> {
  return buy(lucid, [row.market]);
}

/** Takes the seller's own listing back (the wallet must be the seller's) through sdk/cardano's cancel(). */
export function cancelListing(lucid: Lucid, row: ListingRow): Promise<string> {
  return cancel(lucid, [row.market]);
}
