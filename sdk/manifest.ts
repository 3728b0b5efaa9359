// The HyperCycle AIM manifest: parse and validate (field + reason issues), hash, carry on chain as a
// data: URI, and read the per-call royalty. The schema itself is in ./manifest-schema.ts.
import { type Hex, keccak256 } from "viem";
import type { z } from "zod";
import { type Manifest, type ManifestEndpoint, manifestSchema } from "./manifest-schema.js";

export { fromDataUri, isDataUri, toDataUri } from "./data-uri.js";
export {
  CURRENCIES,
  HTTP_METHODS,
  MAX_FEE_PERCENT,
  type Manifest,
  type ManifestEndpoint,
  MICRO_USDC,
  manifestSchema,
  type PerTokenPrices,
} from "./manifest-schema.js";

/** Manifests larger than this are refused before parsing (256 KiB). */
export const MAX_MANIFEST_BYTES = 256 * 1024;

/** One reason a manifest was refused; `path` like `endpoints[0].price_per_call.min` ("" = the whole document). */
export interface ManifestIssue {
  path: string;
  reason: string;
}

export type ManifestResult = { ok: true; manifest: Manifest } | { ok: false; issues: ManifestIssue[] };

/**
 * Validates a manifest given as JSON text, UTF-8 bytes or an already parsed value.
 * Never throws: bad input of any kind comes back as `{ ok: false, issues }`.
 */
export function parseManifest(input: string | Uint8Array | unknown): ManifestResult {
  let value: unknown = input;
  if (typeof input === "string" || input instanceof Uint8Array) {
    const text = decode(input);
    if (typeof text !== "string") return text;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return fail("", `not valid JSON (${(error as Error).message})`);
    }
  }
  const result = manifestSchema.safeParse(value);
  if (result.success) return { ok: true, manifest: result.data };
  return { ok: false, issues: result.error.issues.map(toIssue) };
}

/** `path: reason` lines, one per issue, for logs and error messages. */
export function formatIssues(issues: readonly ManifestIssue[]): string {
  return issues.map((issue) => `${issue.path || "(manifest)"}: ${issue.reason}`).join("\n");
}

/** keccak256 of the exact manifest bytes (a string is hashed as its UTF-8 bytes): the on-chain manifestHash. */
export function manifestHash(bytes: Uint8Array | string): Hex {
  return keccak256(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes);
}

/** The per-call royalty in basis points: `royalties.fee_percent` × 100 (0 without royalties). */
export function callFeeBps(manifest: Manifest): number {
  return Math.round((manifest.royalties?.fee_percent ?? 0) * 100);
}

/** The endpoint serving `uri` (the first one when `uri` is omitted). */
export function findEndpoint(manifest: Manifest, uri?: string): ManifestEndpoint | undefined {
  return uri === undefined ? manifest.endpoints[0] : manifest.endpoints.find((e) => e.uri === uri);
}

function decode(input: string | Uint8Array): string | ManifestResult {
  // A UTF-16 string is at most 3 bytes per code unit in UTF-8: measure only when it could be too big.
  const size =
    input instanceof Uint8Array
      ? input.length
      : input.length * 3 > MAX_MANIFEST_BYTES
        ? new TextEncoder().encode(input).length
        : input.length;
  if (size > MAX_MANIFEST_BYTES) {
    return fail("", `too large: ${size} bytes, the limit is ${MAX_MANIFEST_BYTES}`);
  }
  if (typeof input === "string") return input;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    return fail("", "not valid UTF-8");
  }
}

function fail(path: string, reason: string): ManifestResult {
  return { ok: false, issues: [{ path, reason }] };
}

function toIssue(issue: z.core.$ZodIssue): ManifestIssue {
  let path = "";
  for (const key of issue.path) {
    if (typeof key === "number") path += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) path += path ? `.${key}` : key;
    else path += `[${JSON.stringify(String(key))}]`;
  }
  let reason = issue.message;
  if (issue.code === "unrecognized_keys") reason = `unexpected keys ${issue.keys.join(", ")}`;
  return { path, reason };
}
