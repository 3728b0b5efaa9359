// The CLI's commands as functions of a Lucid instance: the CLI gives them a configured network, tests the
// Emulator. Each returns printable lines.

import { buy, cancel, list, mintLicenses, updatePrice } from "@aim/sdk/cardano/actions";
import { CardanoMarketError } from "@aim/sdk/cardano/errors";
import { fetchListings, fetchListingsByOutRef } from "@aim/sdk/cardano/listings";
import type { Lucid } from "@aim/sdk/cardano/lucid";
import { licenseAssetName } from "@aim/sdk/cardano/mint";
import { payoutsFromShares, sellerShare } from "@aim/sdk/cardano/payouts";
import { isMarketReference } from "@aim/sdk/cardano/script";
import type { MarketListing, MarketOptions } from "@aim/sdk/cardano/types";
import type { OutRef, UTxO } from "lucid-cardano";
import { type CliInvocation, USAGE } from "./args.js";

const ada = (lovelace: bigint): string => {
  const whole = lovelace / 1_000_000n;
  const frac = (lovelace % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
};

const ref = (o: OutRef): string => `${o.txHash}#${o.outputIndex}`;

/** One line per listing: out-ref, price, quantity, asset, seller's share and each payout. */
export function formatListing({ outRef, listing, quantity }: MarketListing): string {
  const payouts = listing.payouts.map((p) => `${p.address}=${ada(p.lovelace)}`).join(", ");
  return `${ref(outRef)}  ${ada(listing.price)} ADA  ${quantity} × ${listing.policyId}.${listing.assetName}  seller ${listing.seller} gets ${ada(sellerShare(listing.price, listing.payouts))}${payouts ? `  payouts: ${payouts}` : ""}`;
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
      return listings.length ? listings.map(formatListing) : ["no listings"];
    }
    case "list": {
      const payouts = payoutsFromShares(command.price, command.shares);
      const assetName = await licenseAssetName(command.aimId);
      const input = {
        policyId: command.policyId,
        assetName,
        price: command.price,
        quantity: command.quantity,
        payouts,
      };
      return [`listed: ${await list(lucid, input)}#0`];
    }
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
