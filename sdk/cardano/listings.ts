// Queries: listings at the market address, datums decoded and checked against their UTxOs.
import type { OutRef, UTxO } from "lucid-cardano";
import { decodeListing } from "./datum.js";
import { CardanoMarketError } from "./errors.js";
import type { Lucid } from "./lucid.js";
import { marketAddress } from "./script.js";
import type { MarketListing } from "./types.js";

/** Decodes a market UTxO; throws CardanoMarketError saying why it is not a valid listing (no inline datum,
 * malformed datum, licenses missing from the UTxO, a price that is not positive). */
export async function parseListing(lucid: Lucid, utxo: UTxO): Promise<MarketListing> {
  const outRef = { txHash: utxo.txHash, outputIndex: utxo.outputIndex };
  if (!utxo.datum) throw new CardanoMarketError("UTxO has no inline datum", { outRef });
  const listing = await decodeListing(lucid, utxo.datum);
  const quantity = utxo.assets[listing.policyId + listing.assetName] ?? 0n;
  if (quantity <= 0n) throw new CardanoMarketError("UTxO does not hold the listed asset", { outRef });
  if (listing.price <= 0n) throw new CardanoMarketError("price is not positive", { outRef });
  return { outRef, utxo, listing, quantity, deposit: utxo.assets.lovelace ?? 0n };
}

/** Listings of one AIM are matched by policy id AND asset name: anyone can mint a token with the same asset
 * name under another policy. */
export interface ListingFilter {
  policyId?: string;
  assetName?: string;
  seller?: string;
}

/** Every valid listing at the market address matching the filter (invalid UTxOs are skipped). An asset name
 * alone is refused: it would match look-alikes minted under any policy. */
export async function fetchListings(lucid: Lucid, filter: ListingFilter = {}): Promise<MarketListing[]> {
  if (filter.assetName && !filter.policyId) {
    throw new CardanoMarketError("filtering listings by asset name needs the policy id too", { ...filter });
  }
  const utxos = await lucid.utxosAt(marketAddress(lucid));
  const listings: MarketListing[] = [];
  for (const utxo of utxos) {
    const parsed = await parseListing(lucid, utxo).catch(() => undefined);
    if (!parsed) continue;
    const { listing } = parsed;
    if (filter.policyId && listing.policyId !== filter.policyId) continue;
    if (filter.assetName && listing.assetName !== filter.assetName) continue;
    if (filter.seller && listing.seller !== filter.seller) continue;
    listings.push(parsed);
  }
  return listings;
}

/** The listings at the given out-refs; throws naming the first one that is missing, spent or invalid. */
export async function fetchListingsByOutRef(lucid: Lucid, outRefs: OutRef[]): Promise<MarketListing[]> {
  const utxos = await lucid.utxosByOutRef(outRefs);
  const market = marketAddress(lucid);
  return Promise.all(
    outRefs.map((ref) => {
      const utxo = utxos.find((u) => u.txHash === ref.txHash && u.outputIndex === ref.outputIndex);
      if (!utxo || utxo.address !== market) {
        throw new CardanoMarketError(`no listing at ${ref.txHash}#${ref.outputIndex}`, { outRef: ref });
      }
      return parseListing(lucid, utxo);
    }),
  );
}
