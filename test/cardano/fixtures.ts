// A market with licenses minted and listed: creator (seller), buyer, two royalty receivers, the marketplace's
// fee address (the "treasury", from contracts/cardano/params.json), mallory. The market's reward address is
// registered and the creator has published royalty terms (5 % + 2 %) for its license policy.

import { encodeListing } from "@aim/sdk/cardano/datum";
import { registerMarketTx } from "@aim/sdk/cardano/deploy";
import { listTx } from "@aim/sdk/cardano/list";
import { fetchListings } from "@aim/sdk/cardano/listings";
import { manifestHash } from "@aim/sdk/cardano/metadata";
import { mintLicensesTx } from "@aim/sdk/cardano/mint";
import { publishRoyaltyTermsTx } from "@aim/sdk/cardano/royalty";
import { feeAddress, marketAddress } from "@aim/sdk/cardano/script";
import type { MarketListing, Share } from "@aim/sdk/cardano/types";
import type { Tx } from "lucid-cardano";
import { type Chain, startChain } from "./emulator.js";

export const PRICE = 100_000_000n; // 100 ADA
export const MANIFEST = '{"name":"Sentiment","short_name":"sentiment","version":"1.0.0"}';

export interface Market extends Chain {
  policyId: string;
  assetName: string;
  unit: string;
  /** The creator's royalty terms: royaltyA 5 %, royaltyB 2 % (the fee, 2.5 %, is the validator's). */
  royalties: Share[];
  /** Lists one license at `price` from `seller` (default the creator); returns the new listing. */
  listOne(price?: bigint, seller?: string): Promise<MarketListing>;
  /** Lists `count` single licenses (at `price` + i lovelace) in as few transactions as fit; returns them. */
  listMany(count: number, price?: bigint): Promise<MarketListing[]>;
  /** Every listing made by listOne, in order. */
  listed: MarketListing[];
  /** Address of a named account. */
  addr(name: string): string;
  lovelaceOf(name: string): Promise<bigint>;
  licensesOf(name: string): Promise<bigint>;
}

const key = (l: MarketListing) => `${l.outRef.txHash}#${l.outRef.outputIndex}`;

export async function startMarket(): Promise<Market> {
  const chain = await startChain(["creator", "buyer", "royaltyA", "royaltyB", "treasury", "mallory"]);
  const treasury = chain.accounts.treasury;
  if (treasury) treasury.address = feeAddress(chain.lucid); // the fee address compiled into the validator
  await chain.submit(registerMarketTx(chain.as("creator")));
  const { tx, policyId, unit } = await mintLicensesTx(chain.as("creator"), {
    aimId: "sentiment",
    quantity: 1_000n,
    manifestUri: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/manifest.json",
    manifestHash: manifestHash(MANIFEST),
  });
  await chain.submit(tx);
  // Mallory holds a few of the creator's licenses too (bought elsewhere), to sell as a non-creator seller.
  await chain.submit(
    chain
      .as("creator")
      .newTx()
      .payToAddress(chain.accounts.mallory?.address ?? "", { [unit]: 50n }),
  );
  const royalties: Share[] = [
    { address: chain.accounts.royaltyA?.address ?? "", bps: 500 },
    { address: chain.accounts.royaltyB?.address ?? "", bps: 200 },
  ];
  await chain.submit((await publishRoyaltyTermsTx(chain.as("creator"), royalties)).tx);
  const listed: MarketListing[] = [];
  const listOne = async (price = PRICE, seller = "creator"): Promise<MarketListing> => {
    const lucid = chain.as(seller);
    const known = new Set((await fetchListings(lucid)).map(key));
    const { tx: list } = await listTx(lucid, { policyId, assetName: unit.slice(56), price });
    await chain.submit(list as Tx);
    const fresh = (await fetchListings(lucid)).filter((l) => !known.has(key(l)));
    const listing = fresh[0];
    if (!listing || fresh.length !== 1) throw new Error("expected exactly one new listing");
    listed.push(listing);
    return listing;
  };
  const listMany = async (count: number, price = 20_000_000n): Promise<MarketListing[]> => {
    const lucid = chain.as("creator");
    const seller = await lucid.wallet.address();
    const known = new Set((await fetchListings(lucid)).map(key));
    for (let done = 0; done < count; done += 25) {
      let tx = lucid.newTx();
      for (let i = done; i < Math.min(count, done + 25); i++) {
        const listing = { seller, price: price + BigInt(i), policyId, assetName: unit.slice(56) };
        tx = tx.payToContract(
          marketAddress(lucid),
          { inline: await encodeListing(lucid, listing) },
          { [unit]: 1n },
        );
      }
      await chain.submit(tx);
    }
    return (await fetchListings(lucid)).filter((l) => !known.has(key(l)));
  };
  const sum = async (name: string, unitName: string) => {
    const utxos = await chain.lucid.utxosAt(chain.accounts[name]?.address ?? "");
    return utxos.reduce((total, u) => total + (u.assets[unitName] ?? 0n), 0n);
  };
  return {
    ...chain,
    policyId,
    assetName: unit.slice(56),
    unit,
    royalties,
    listOne,
    listMany,
    listed,
    addr: (name) => {
      const account = chain.accounts[name];
      if (!account) throw new Error(`no account ${name}`);
      return account.address;
    },
    lovelaceOf: (name) => sum(name, "lovelace"),
    licensesOf: (name) => sum(name, unit),
  };
}
