// The CLI's commands as functions of a Lucid instance: the CLI gives them a configured network, tests the
// Emulator. Each returns printable lines.

import { buy, cancel, list, mintLicenses, publishRoyaltyTerms, updatePrice } from "@aim/sdk/cardano/actions";
import { registerMarketTx } from "@aim/sdk/cardano/deploy";
import { CardanoMarketError } from "@aim/sdk/cardano/errors";
import { fetchListings, fetchListingsByOutRef } from "@aim/sdk/cardano/listings";
import type { Lucid } from "@aim/sdk/cardano/lucid";
import { licenseAssetName } from "@aim/sdk/cardano/mint";
import { feeOf, royaltiesOf, sellerReceives } from "@aim/sdk/cardano/payouts";
import { fetchRoyaltyTerms } from "@aim/sdk/cardano/royalty";
import { isMarketReference } from "@aim/sdk/cardano/script";
import { submitTx } from "@aim/sdk/cardano/submit";
import type { MarketListing, MarketOptions, Share } from "@aim/sdk/cardano/types";
import type { OutRef, UTxO } from "lucid-cardano";
import { type CliInvocation, USAGE } from "./args.js";

const ada = (lovelace: bigint): string => {
  const whole = lovelace / 1_000_000n;
  const frac = (lovelace % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
};

const ref = (o: OutRef): string => `${o.txHash}#${o.outputIndex}`;

/** One line per listing: out-ref, price, quantity, asset, and where the price goes (the seller's part includes
 * its deposit back). `royalties` undefined: the creator has published no terms, the listing cannot be bought. */
function formatListing(
  { outRef, listing, quantity, deposit }: MarketListing,
  royalties: Share[] | undefined,
): string {
  const head = `${ref(outRef)}  ${ada(listing.price)} ADA  ${quantity} × ${listing.policyId}.${listing.assetName}  seller ${listing.seller}`;
  if (!royalties) return `${head}  (no royalty terms published: cannot be bought yet)`;
  const paid = royaltiesOf(listing.price, royalties).map((p) => `${p.address}=${ada(p.lovelace)}`);
  const receives = sellerReceives({ listing, deposit }, royalties);
  return `${head} gets ${ada(receives)} (deposit ${ada(deposit)} included)  fee ${ada(feeOf(listing.price))}${paid.length ? `  royalties: ${paid.join(", ")}` : ""}`;
}

async function marketOptions(lucid: Lucid, reference?: OutRef): Promise<MarketOptions> {
  if (!reference) return {};
  const [utxo] = await lucid.utxosByOutRef([reference]);
  if (!utxo || !isMarketReference(utxo as UTxO)) {
    throw new CardanoMarketError(`--reference ${ref(reference)} does not hold the market validator`, {});
  }
  return { referenceScript: utxo };
}

export async function runCommand(lucid: Lucid, { command, reference }: CliInvocation): Promise<string[]> {
  const options = await marketOptions(lucid, reference);
  switch (command.kind) {
    case "help":
      return [USAGE];
    case "show": {
      const listings = await fetchListings(lucid, { policyId: command.policyId, seller: command.seller });
      const terms = new Map<string, Share[] | undefined>();
      for (const policyId of new Set(listings.map((l) => l.listing.policyId)))
        terms.set(policyId, (await fetchRoyaltyTerms(lucid, policyId))?.recipients);
      return listings.length
        ? listings.map((l) => formatListing(l, terms.get(l.listing.policyId)))
        : ["no listings"];
    }
    case "list": {
      const assetName = await licenseAssetName(command.aimId);
      const input = {
        policyId: command.policyId,
        assetName,
        price: command.price,
        quantity: command.quantity,
      };
      return [`listed: ${await list(lucid, input)}#0`];
    }
    case "royalty":
      return [`royalty terms published: ${await publishRoyaltyTerms(lucid, command.shares)}`];
    case "register":
      return [`market reward address registered: ${await submitTx(lucid, registerMarketTx(lucid))}`];
    case "buy":
      return [`bought: ${await buy(lucid, await fetchListingsByOutRef(lucid, command.listings), options)}`];
    case "cancel":
      return [
        `cancelled: ${await cancel(lucid, await fetchListingsByOutRef(lucid, command.listings), options)}`,
      ];
    case "update": {
      const [current] = await fetchListingsByOutRef(lucid, [command.listing]);
      if (!current) throw new CardanoMarketError(`no listing at ${ref(command.listing)}`, {});
      return [`updated: ${await updatePrice(lucid, current, command.price, options)}#0`];
    }
    case "mint": {
      const { txHash, unit } = await mintLicenses(lucid, command);
      return [`minted ${command.quantity} × ${unit}: ${txHash}`];
    }
  }
}
