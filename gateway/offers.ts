// The AIMs this node sells: each offer's manifest (validated with sdk/manifest.ts), price per endpoint, the
// currency channels must pay in, and the handler that runs the calls.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import {
  formatIssues,
  type Manifest,
  type ManifestEndpoint,
  manifestHash,
  parseManifest,
} from "@aim/sdk/manifest";
import type { Address } from "viem";
import { type AimHandler, resolveAim } from "./aims/index.js";
import type { OfferConfig } from "./config.js";

export interface Offer {
  aimId: bigint;
  version: number;
  manifest: Manifest;
  manifestBytes: Uint8Array;
  manifestHash: `0x${string}`;
  currency: Address;
  handler: AimHandler;
  /** Price of one call of `endpoint` in the currency's base units (micro-USDC). */
  priceOf(endpoint: ManifestEndpoint): bigint;
  /** The price registered in HyperBoxRegistry: the first endpoint's. */
  listedPrice: bigint;
}

/** A manifest path relative to the config file, or a package path such as `@aim/sdk/examples/echo.json`. */
function manifestPath(manifest: string, baseDir: string): string {
  if (!manifest.startsWith("@")) return resolve(baseDir, manifest);
  return createRequire(join(baseDir, "config.json")).resolve(manifest);
}

export function loadOffers(configs: readonly OfferConfig[], baseDir: string): Map<string, Offer> {
  const offers = new Map<string, Offer>();
  for (const config of configs) {
    const path = manifestPath(config.manifest, baseDir);
    const bytes = new Uint8Array(readFileSync(path));
    const parsed = parseManifest(bytes);
    if (!parsed.ok)
      throw new Error(`manifest ${path} of AIM ${config.aimId} is invalid:\n${formatIssues(parsed.issues)}`);
    const manifest = parsed.manifest;
    const priceOf = (endpoint: ManifestEndpoint) =>
      config.pricePerCall ?? BigInt(endpoint.price_per_call.estimated_cost);
    const first = manifest.endpoints[0] as ManifestEndpoint;
    if (offers.has(config.aimId.toString())) throw new Error(`AIM ${config.aimId} is offered twice`);
    offers.set(config.aimId.toString(), {
      aimId: config.aimId,
      version: config.version,
      manifest,
      manifestBytes: bytes,
      manifestHash: manifestHash(bytes),
      currency: config.currency,
      handler: resolveAim(config.handler),
      priceOf,
      listedPrice: priceOf(first),
    });
  }
  return offers;
}
