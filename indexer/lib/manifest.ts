// Turns a manifest URI from an AIMPublished/AIMVersionPublished event into the columns the indexer
// stores. Never throws and never touches the network: data: URIs are decoded and validated with the
// shared schema (sdk/manifest.ts); any other URI is stored for the app to fetch.
import {
  formatIssues,
  fromDataUri,
  isDataUri,
  MAX_MANIFEST_BYTES,
  manifestHash,
  parseManifest,
} from "@aim/sdk/manifest";
import { cleanJson, cleanText, searchable } from "./text.js";

export interface DecodedManifest {
  manifestSource: "data" | "external";
  manifestValid: boolean;
  manifestError: string | null;
  manifest: unknown;
  name: string | null;
  shortName: string | null;
  manifestVersion: string | null;
  description: string | null;
  author: string | null;
  license: string | null;
  tags: string[] | null;
  endpoints: unknown[] | null;
  minPricePerCall: bigint | null;
  searchText: string;
}

const EMPTY = {
  manifest: null,
  name: null,
  shortName: null,
  manifestVersion: null,
  description: null,
  author: null,
  license: null,
  tags: null,
  endpoints: null,
  minPricePerCall: null,
  searchText: "",
} as const;

function invalid(reason: string): DecodedManifest {
  return { ...EMPTY, manifestSource: "data", manifestValid: false, manifestError: cleanText(reason, 1_000) };
}

function str(value: unknown, max = 10_000): string | null {
  return typeof value === "string" ? cleanText(value, max) : null;
}

/** The lowest `price_per_call.estimated_cost` (or `min`) of the endpoints, in micro-USDC. */
function minPrice(endpoints: unknown[]): bigint | null {
  let best: bigint | null = null;
  for (const endpoint of endpoints) {
    const price = (endpoint as { price_per_call?: { estimated_cost?: unknown; min?: unknown } })
      ?.price_per_call;
    const raw = price?.estimated_cost ?? price?.min;
    if (typeof raw !== "number" || !Number.isFinite(raw) || raw < 0) continue;
    const value = BigInt(Math.round(raw));
    if (best === null || value < best) best = value;
  }
  return best;
}

/** Decodes and validates `uri`; `hash` is the keccak256 the contract recorded for the manifest bytes. */
export function decodeManifest(uri: string, hash: `0x${string}`): DecodedManifest {
  if (!isDataUri(uri)) {
    return { ...EMPTY, manifestSource: "external", manifestValid: false, manifestError: null };
  }
  if (uri.length > MAX_MANIFEST_BYTES * 2)
    return invalid(`manifest: larger than ${MAX_MANIFEST_BYTES} bytes`);
  let bytes: Uint8Array;
  try {
    bytes = fromDataUri(uri);
  } catch (error) {
    return invalid(`uri: ${(error as Error).message}`);
  }
  if (bytes.length > MAX_MANIFEST_BYTES) return invalid(`manifest: larger than ${MAX_MANIFEST_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return invalid("manifest: not valid UTF-8");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return invalid(`manifest: not JSON (${(error as Error).message})`);
  }
  const raw = cleanJson(json);
  const fields = pickFields(raw);
  let result: ReturnType<typeof parseManifest>;
  try {
    result = parseManifest(json);
  } catch (error) {
    result = { ok: false, issues: [{ path: "", reason: (error as Error).message }] };
  }
  if (!result.ok) return { ...invalid(formatIssues(result.issues.slice(0, 10))), ...fields, manifest: raw };
  const computed = manifestHash(bytes);
  const hashError =
    computed.toLowerCase() === hash.toLowerCase()
      ? null
      : `manifestHash: does not match keccak256 of the manifest bytes (${computed})`;
  return {
    ...pickFields(cleanJson(result.manifest)),
    manifestSource: "data",
    manifestValid: hashError === null,
    manifestError: hashError,
    manifest: raw,
  };
}

/** The display columns, taken from whatever the manifest holds (also for invalid ones, when present). */
function pickFields(
  value: unknown,
): Omit<DecodedManifest, "manifestSource" | "manifestValid" | "manifestError" | "manifest"> {
  const m = (value !== null && typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<
    string,
    unknown
  >;
  const tags = Array.isArray(m.tags)
    ? m.tags
        .filter((tag): tag is string => typeof tag === "string")
        .map((t) => cleanText(t, 100))
        .slice(0, 50)
    : null;
  const endpoints = Array.isArray(m.endpoints) ? (m.endpoints as unknown[]).slice(0, 100) : null;
  const name = str(m.name, 200);
  const shortName = str(m.short_name, 100);
  const description = str(m.description);
  return {
    name,
    shortName,
    manifestVersion: str(m.version, 100),
    description,
    author: str(m.author, 200),
    license: str(m.license, 200),
    tags,
    endpoints,
    minPricePerCall: endpoints ? minPrice(endpoints) : null,
    searchText: searchable(name, shortName, description, ...(tags ?? [])),
  };
}
