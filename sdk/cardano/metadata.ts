// CIP-25 (label 721) metadata for AIM licenses: the manifest's URI and keccak256 hash travel with the mint.
// Pure data: nothing here loads lucid.
import { keccak256 } from "viem";
import { CardanoMarketError } from "./errors.js";

/** CIP-25 metadata label. */
export const CIP25_LABEL = 721;

/** Metadata strings are at most 64 bytes on chain; longer ones are split into arrays of chunks. */
const MAX_METADATA_STRING = 64;

/** keccak256 of the manifest bytes, hex without 0x: the same hash AIMRegistry records on EVM chains, so one
 * manifest is recognised on both. */
export function manifestHash(manifest: Uint8Array | string): string {
  const bytes = typeof manifest === "string" ? new TextEncoder().encode(manifest) : manifest;
  return keccak256(bytes).slice(2);
}

/** Splits a string into ≤ 64-byte UTF-8 chunks (never inside a character); a short string stays a string. */
export function chunkMetadataString(text: string): string | string[] {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= MAX_METADATA_STRING) return text;
  const chunks: string[] = [];
  let current = "";
  for (const char of text) {
    if (encoder.encode(current + char).length > MAX_METADATA_STRING) {
      chunks.push(current);
      current = "";
    }
    current += char;
  }
  if (current) chunks.push(current);
  return chunks;
}

export interface LicenseMetadataInput {
  policyId: string;
  aimId: string;
  manifestUri: string;
  /** keccak256 of the manifest bytes (64 hex characters, with or without 0x). */
  manifestHash: string;
  name?: string;
  image?: string;
}

/** The label-721 object of a license mint (CIP-25 version 1: asset names as UTF-8 text keys). */
export function licenseMetadata(input: LicenseMetadataInput): Record<string, unknown> {
  const hash = input.manifestHash.replace(/^0x/, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hash)) {
    throw new CardanoMarketError("manifestHash must be 32 bytes of hex (keccak256 of the manifest)", {
      manifestHash: input.manifestHash,
    });
  }
  if (!input.manifestUri) throw new CardanoMarketError("manifestUri is empty", {});
  const asset: Record<string, unknown> = {
    name: chunkMetadataString(input.name ?? `AIM license ${input.aimId}`),
    aim_id: chunkMetadataString(input.aimId),
    manifest_uri: chunkMetadataString(input.manifestUri),
    manifest_hash: hash,
    manifest_hash_alg: "keccak256",
  };
  if (input.image) asset.image = chunkMetadataString(input.image);
  return { [input.policyId]: { [input.aimId]: asset }, version: 1 };
}
