import { chunkMetadataString, licenseMetadata, manifestHash } from "@aim/sdk/cardano/metadata";
import { keccak256, toBytes } from "viem";
import { describe, expect, test } from "vitest";

describe("license metadata (CIP-25)", () => {
  test("manifestHash is keccak256 of the manifest bytes, like AIMRegistry's", () => {
    expect(manifestHash("{}")).toBe(keccak256(toBytes("{}")).slice(2));
    expect(manifestHash(new TextEncoder().encode("{}"))).toBe(manifestHash("{}"));
  });

  test("strings longer than 64 bytes are split into chunks that join back", () => {
    const uri = `https://example.com/${"é".repeat(60)}`;
    const chunks = chunkMetadataString(uri);
    expect(Array.isArray(chunks)).toBe(true);
    for (const c of chunks) expect(new TextEncoder().encode(c).length).toBeLessThanOrEqual(64);
    expect((chunks as string[]).join("")).toBe(uri);
    expect(chunkMetadataString("short")).toBe("short");
  });

  test("label 721 holds the manifest URI and hash under policy and AIM id", () => {
    const hash = manifestHash("{}");
    const meta = licenseMetadata({
      policyId: "ab".repeat(28),
      aimId: "sentiment",
      manifestUri: "ipfs://x",
      manifestHash: `0x${hash}`,
    });
    expect(meta).toEqual({
      ["ab".repeat(28)]: {
        sentiment: {
          name: "AIM license sentiment",
          aim_id: "sentiment",
          manifest_uri: "ipfs://x",
          manifest_hash: hash,
          manifest_hash_alg: "keccak256",
        },
      },
      version: 1,
    });
  });

  test("a malformed hash or an empty URI is refused", () => {
    const base = { policyId: "ab".repeat(28), aimId: "a", manifestUri: "ipfs://x", manifestHash: "12" };
    expect(() => licenseMetadata(base)).toThrow(/manifestHash must be 32 bytes/);
    expect(() => licenseMetadata({ ...base, manifestHash: manifestHash("{}"), manifestUri: "" })).toThrow(
      /manifestUri is empty/,
    );
  });
});
