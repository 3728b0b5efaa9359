// Bech32 address <-> Plutus `Address` data (Constr 0 [credential, Option<StakingCredential>]), the shape the
// Helios validator compares payout outputs against.
import type { Credential, Data } from "lucid-cardano";
import { CardanoMarketError } from "./errors.js";
import { type Lucid, loadLucid } from "./lucid.js";

export async function addressToData(lucid: Lucid, address: string): Promise<Data> {
  const { Constr } = await loadLucid();
  let details: ReturnType<Lucid["utils"]["getAddressDetails"]>;
  try {
    details = lucid.utils.getAddressDetails(address);
  } catch {
    throw new CardanoMarketError(`not a Cardano address: ${address}`, { address });
  }
  const payment = details.paymentCredential;
  if (!payment) throw new CardanoMarketError(`address has no payment credential: ${address}`, { address });
  const credential = (c: Credential): Data => new Constr(c.type === "Key" ? 0 : 1, [c.hash]);
  const stake = details.stakeCredential;
  const staking = stake ? new Constr(0, [new Constr(0, [credential(stake)])]) : new Constr(1, []);
  return new Constr(0, [credential(payment), staking]);
}

export async function dataToAddress(lucid: Lucid, data: Data): Promise<string> {
  const { Constr } = await loadLucid();
  const fail = (): never => {
    throw new CardanoMarketError("datum holds a malformed address", {});
  };
  const credential = (d: Data | undefined): Credential => {
    if (!(d instanceof Constr) || d.index > 1 || typeof d.fields[0] !== "string") return fail();
    return { type: d.index === 0 ? "Key" : "Script", hash: d.fields[0] };
  };
  if (!(data instanceof Constr) || data.index !== 0 || data.fields.length !== 2) return fail();
  const [payment, staking] = data.fields;
  if (!(staking instanceof Constr)) return fail();
  if (staking.index === 1) return lucid.utils.credentialToAddress(credential(payment));
  const inner = staking.fields[0];
  // Only StakingHash (Constr 0) is supported; pointers are not produced by this SDK.
  if (!(inner instanceof Constr) || inner.index !== 0) return fail();
  return lucid.utils.credentialToAddress(credential(payment), credential(inner.fields[0]));
}
