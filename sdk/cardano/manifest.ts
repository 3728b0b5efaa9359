// Where an AIM's Cardano licenses are named: the manifest's namespaced extension `"x-cardano": { "policy_id",
// "asset_name"? }`. The manifest's keccak256 is recorded on chain by AIMRegistry, so the policy id it names is
// as trusted as the AIM itself; a token under any other policy, whatever its asset name, is not a license of
// this AIM. Pure: loads nothing.

/** The manifest key of the Cardano extension. */
export const CARDANO_MANIFEST_KEY = "x-cardano";

export interface CardanoLicenseRef {
  /** Policy id (hex) of the AIM's licenses: only listings under it are the AIM's. */
  policyId: string;
  /** Asset name (hex), when the manifest names one. */
  assetName?: string;
}

/** The AIM's Cardano license policy from its manifest, or undefined when the manifest names none or a
 * malformed one (then nothing on Cardano is shown as this AIM's). */
export function cardanoLicenseOf(manifest: unknown): CardanoLicenseRef | undefined {
  if (typeof manifest !== "object" || manifest === null) return undefined;
  const ext = (manifest as Record<string, unknown>)[CARDANO_MANIFEST_KEY];
  if (typeof ext !== "object" || ext === null) return undefined;
  const { policy_id: policyId, asset_name: assetName } = ext as Record<string, unknown>;
  if (typeof policyId !== "string" || !/^[0-9a-f]{56}$/.test(policyId)) return undefined;
  if (assetName === undefined) return { policyId };
  if (typeof assetName !== "string" || !/^([0-9a-f]{2}){1,32}$/.test(assetName)) return undefined;
  return { policyId, assetName };
}
