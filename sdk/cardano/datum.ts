// Encoding of the validator's datum and redeemers (contracts/cardano/market.hl, a Helios `mixed` script).
// Helios encodes a struct with several fields as a plain list, an enum variant as Constr(index, fields),
// AssetClass as Constr 0. A mixed script tells its purposes apart by its second argument: a spending redeemer
// is wrapped as Constr 1 [redeemer], a withdrawal redeemer as Constr 0 [redeemer].
import type { Data } from "lucid-cardano";
import { addressToData, dataToAddress } from "./address-data.js";
import { CardanoMarketError } from "./errors.js";
import { type Lucid, loadLucid } from "./lucid.js";
import type { Listing, Share } from "./types.js";

/** Listing -> inline datum (CBOR hex). */
export async function encodeListing(lucid: Lucid, listing: Listing): Promise<string> {
  const { Constr, Data } = await loadLucid();
  const asset = new Constr(0, [listing.policyId, listing.assetName]);
  return Data.to([await addressToData(lucid, listing.seller), listing.price, asset]);
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
  if (!Array.isArray(data) || data.length !== 3) return fail("expected a list of 3 fields");
  const [seller, price, asset] = data;
  if (typeof price !== "bigint") return fail("price is not an integer");
  if (!(asset instanceof Constr) || asset.fields.length !== 2) return fail("asset is not an AssetClass");
  const [policyId, assetName] = asset.fields;
  if (typeof policyId !== "string" || typeof assetName !== "string")
    return fail("asset is not an AssetClass");
  return { seller: await dataToAddress(lucid, seller as Data), price, policyId, assetName };
}

/** Royalty terms -> inline datum: a list of [address, bps]. */
export async function encodeRoyaltyTerms(lucid: Lucid, recipients: Share[]): Promise<string> {
  const { Data } = await loadLucid();
  const list: Data[] = [];
  for (const r of recipients) list.push([await addressToData(lucid, r.address), BigInt(r.bps)]);
  return Data.to(list);
}

export async function decodeRoyaltyTerms(lucid: Lucid, datum: string): Promise<Share[]> {
  const { Data } = await loadLucid();
  const fail = (): never => {
    throw new CardanoMarketError("not a royalty terms datum", { datum });
  };
  let data: Data;
  try {
    data = Data.from(datum);
  } catch {
    return fail();
  }
  if (!Array.isArray(data)) return fail();
  const recipients: Share[] = [];
  for (const r of data) {
    if (!Array.isArray(r) || r.length !== 2 || typeof r[1] !== "bigint") return fail();
    recipients.push({ address: await dataToAddress(lucid, r[0] as Data), bps: Number(r[1]) });
  }
  return recipients;
}

const spending = async (index: number, fields: Data[] = []): Promise<string> => {
  const { Constr, Data } = await loadLucid();
  return Data.to(new Constr(1, [new Constr(index, fields)]));
};

/** Buy { input }: `input` is the listing's index among the transaction's inputs (ledger order); the spend defers
 * to the batch check run by the zero withdrawal (batchRedeemer). */
export function buyRedeemer(input: number): Promise<string> {
  return spending(0, [BigInt(input)]);
}

export function cancelRedeemer(): Promise<string> {
  return spending(1);
}

/** The withdrawal's redeemer: the sellers' outputs start at output `offset`. */
export async function batchRedeemer(offset: number): Promise<string> {
  const { Constr, Data } = await loadLucid();
  return Data.to(new Constr(0, [BigInt(offset)]));
}
