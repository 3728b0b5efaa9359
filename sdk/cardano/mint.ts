// AIM licenses as native assets. The minting policy is a native script requiring the creator's payment key
// (one policy per creator); the asset name is the AIM id, so policy + name identify an AIM's licenses.
import type { Script, Tx } from "lucid-cardano";
import { CardanoMarketError } from "./errors.js";
import { type Lucid, loadLucid } from "./lucid.js";
import { CIP25_LABEL, licenseMetadata } from "./metadata.js";

export interface MintLicensesInput {
  /** AIM id: 1–32 UTF-8 bytes, becomes the asset name. */
  aimId: string;
  quantity: bigint;
  manifestUri: string;
  /** keccak256 of the manifest bytes (see manifestHash). */
  manifestHash: string;
  name?: string;
  image?: string;
}

export interface LicensePolicy {
  script: Script;
  policyId: string;
}

/** The creator's licence policy: native script `sig(creatorKeyHash)`. */
export function licensePolicy(lucid: Lucid, creatorKeyHash: string): LicensePolicy {
  if (!/^[0-9a-f]{56}$/.test(creatorKeyHash)) {
    throw new CardanoMarketError("creator key hash must be 28 bytes of hex", { creatorKeyHash });
  }
  const script = lucid.utils.nativeScriptFromJson({ type: "sig", keyHash: creatorKeyHash });
  return { script, policyId: lucid.utils.mintingPolicyToId(script) };
}

/** Asset name (hex) of an AIM id; throws when it is empty, longer than 32 bytes, or starts with a NUL byte
 * (reserved for the royalty terms token, royalty.ts). */
export async function licenseAssetName(aimId: string): Promise<string> {
  const size = new TextEncoder().encode(aimId).length;
  if (size === 0 || size > 32)
    throw new CardanoMarketError("aimId must be 1 to 32 UTF-8 bytes", { aimId, size });
  if (aimId.startsWith("\0")) throw new CardanoMarketError("aimId must not start with a NUL byte", { aimId });
  const { fromText } = await loadLucid();
  return fromText(aimId);
}

/** A transaction minting `quantity` licenses of an AIM to the connected wallet, signed by its key. */
export async function mintLicensesTx(
  lucid: Lucid,
  input: MintLicensesInput,
): Promise<{ tx: Tx; policyId: string; unit: string }> {
  if (input.quantity <= 0n)
    throw new CardanoMarketError("quantity must be positive", { quantity: input.quantity });
  const address = await lucid.wallet.address();
  const keyHash = lucid.utils.getAddressDetails(address).paymentCredential?.hash;
  if (!keyHash) throw new CardanoMarketError("wallet address has no payment key", { address });
  const { script, policyId } = licensePolicy(lucid, keyHash);
  const unit = policyId + (await licenseAssetName(input.aimId));
  const metadata = licenseMetadata({ ...input, policyId });
  const tx = lucid
    .newTx()
    .mintAssets({ [unit]: input.quantity })
    .attachMintingPolicy(script)
    .attachMetadata(CIP25_LABEL, metadata as never)
    .addSignerKey(keyHash);
  return { tx, policyId, unit };
}
