// Encoding of the validator's datum and redeemers (contracts/cardano/market.hl). Helios encodes a struct
// with several fields as a plain list, an enum variant as Constr(index, fields), AssetClass and TxOutputId
// as Constr 0.
import type { Data, OutRef } from "lucid-cardano";
import { addressToData, dataToAddress } from "./address-data.js";
import { CardanoMarketError } from "./errors.js";
import { type Lucid, loadLucid } from "./lucid.js";
import type { Listing, Payout } from "./types.js";

/** Listing -> inline datum (CBOR hex). */
export async function encodeListing(lucid: Lucid, listing: Listing): Promise<string> {
  const { Constr, Data } = await loadLucid();
  const payouts: Data[] = [];
  for (const p of listing.payouts) payouts.push([await addressToData(lucid, p.address), p.lovelace]);
  const asset = new Constr(0, [listing.policyId, listing.assetName]);
  return Data.to([await addressToData(lucid, listing.seller), listing.price, payouts, asset]);
}

/** Inline datum (CBOR hex) -> Listing; throws CardanoMarketError when it is not a well-formed listing. */
export async function decodeListing(lucid: Lucid, datum: string): Promise<Listing> {
  const { Constr, Data } = await loadLucid();
  const fail = (why: string): never => {
    throw new CardanoMarketError(`not a listing datum: ${why}`, { datum });
  };
  let data: Data;
  try {
    data = Data.from(datum);
  } catch {
    return fail("not CBOR plutus data");
  }
  if (!Array.isArray(data) || data.length !== 4) return fail("expected a list of 4 fields");
  const [seller, price, rawPayouts, asset] = data;
  if (typeof price !== "bigint") return fail("price is not an integer");
  if (!Array.isArray(rawPayouts)) return fail("payouts is not a list");
  if (!(asset instanceof Constr) || asset.fields.length !== 2) return fail("asset is not an AssetClass");
  const [policyId, assetName] = asset.fields;
  if (typeof policyId !== "string" || typeof assetName !== "string")
    return fail("asset is not an AssetClass");
  const payouts: Payout[] = [];
  for (const p of rawPayouts) {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[1] !== "bigint") return fail("malformed payout");
    payouts.push({ address: await dataToAddress(lucid, p[0] as Data), lovelace: p[1] });
  }
  return { seller: await dataToAddress(lucid, seller as Data), price, payouts, policyId, assetName };
}

/** The datum every payout output of a buy carries: the listing's out-ref (Helios TxOutputId). */
export async function payoutTag(outRef: OutRef): Promise<string> {
  const { Constr, Data } = await loadLucid();
  return Data.to(new Constr(0, [new Constr(0, [outRef.txHash]), BigInt(outRef.outputIndex)]));
}

/** Buy { offset }: the listing's payouts start at output `offset`. */
export async function buyRedeemer(offset: number): Promise<string> {
  const { Constr, Data } = await loadLucid();
  return Data.to(new Constr(0, [BigInt(offset)]));
}

export async function cancelRedeemer(): Promise<string> {
  const { Constr, Data } = await loadLucid();
  return Data.to(new Constr(1, []));
}

export async function updateRedeemer(price: bigint): Promise<string> {
  const { Constr, Data } = await loadLucid();
  return Data.to(new Constr(2, [price]));
}
