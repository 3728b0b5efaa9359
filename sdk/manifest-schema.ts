// The zod schema of a HyperCycle AIM manifest: the one definition app, indexer, gateway and deploy share.
// Unknown fields are kept (loose objects) so newer manifests still validate; every message says what
// was expected, so a creator can fix the field it names.
import { isAddress } from "viem";
import { z } from "zod";

/** Prices are micro-USDC: 1 USDC = 1,000,000; a typical call costs 10,000 ($0.01). */
export const MICRO_USDC = 1_000_000;
/** The per-call royalty cap of AIMRegistry (2500 bps), as a manifest percentage. */
export const MAX_FEE_PERCENT = 25;
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const CURRENCIES = ["USDC", "HyPC"] as const;

const MICRO = "expected a non-negative integer (micro-USDC)";
// C0/C1 controls (tab, newline and carriage return are allowed only in multi-line text), zero-width
// characters, bidirectional overrides and isolates (the "Trojan Source" trick), the BOM.
function hasHiddenCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    if ((c >= 0x7f && c <= 0x9f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e)) return true;
    if ((c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff) return true;
  }
  return false;
}
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A message for a field: "missing" when absent, else what was expected. */
function expected(what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `missing; ${what}` : what);
}

function text(max: number, options: { multiline?: boolean } = {}) {
  return z
    .string({ error: expected("expected a string") })
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => !LONE_SURROGATE.test(value), { error: "contains an unpaired UTF-16 surrogate" })
    .refine((value) => !hasHiddenCharacter(value), {
      error: "contains control, zero-width or bidirectional-override characters",
    })
    .refine((value) => options.multiline || !LINE_BREAK_OR_TAB.test(value), {
      error: "must be a single line (no tab or line break)",
    });
}

const url = z
  .string({ error: expected("expected a URL string") })
  .max(2048, { error: "must be at most 2048 characters" })
  .refine(
    (value) => {
      if (!URL.canParse(value) || /\s/.test(value)) return false;
      return ["http:", "https:", "ipfs:"].includes(new URL(value).protocol);
    },
    { error: "expected an http(s) or ipfs URL" },
  );

const microUsdc = z
  .number({ error: expected(MICRO) })
  .int({ error: MICRO })
  .min(0, { error: MICRO });

const ioSpec = z.union([z.string().max(20_000), z.record(z.string(), z.unknown())], {
  error: "expected a string or an object describing it",
});

const pricePerCall = z
  .looseObject(
    { estimated_cost: microUsdc, min: microUsdc, max: microUsdc },
    { error: expected("expected an object {estimated_cost, min, max} in micro-USDC") },
  )
  .superRefine((price, ctx) => {
    if (price.min > price.max) {
      ctx.addIssue({ code: "custom", path: ["min"], message: `must not exceed max (${price.max})` });
    } else if (price.estimated_cost < price.min || price.estimated_cost > price.max) {
      ctx.addIssue({
        code: "custom",
        path: ["estimated_cost"],
        message: `must be between min (${price.min}) and max (${price.max})`,
      });
    }
  });

export const endpointSchema = z.looseObject(
  {
    uri: z
      .string({ error: expected("expected a path string such as /analyze") })
      .max(2048, { error: "must be at most 2048 characters" })
      .regex(/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/, {
        error: "expected a path starting with / (no spaces, no query string)",
      }),
    methods: z
      .array(z.enum(HTTP_METHODS, { error: `expected one of ${HTTP_METHODS.join(", ")}` }), {
        error: expected("expected an array of HTTP methods"),
      })
      .min(1, { error: "must list at least one method" })
      .refine((methods) => new Set(methods).size === methods.length, { error: "lists a method twice" }),
    input_query: ioSpec.optional(),
    input_headers: ioSpec.optional(),
    input_body: ioSpec.optional(),
    output: ioSpec.optional(),
    currency: z.enum(CURRENCIES, { error: expected(`expected one of ${CURRENCIES.join(", ")}`) }),
    price_per_call: pricePerCall,
    price_per_mb: microUsdc.optional(),
    documentation: text(20_000, { multiline: true }).optional(),
    example_calls: z.array(z.unknown(), { error: "expected an array" }).max(50).optional(),
  },
  { error: expected("expected an object") },
);

export const royaltiesSchema = z.looseObject(
  {
    address: z.string({ error: expected("expected an EVM address") }).refine((value) => isAddress(value), {
      error: "expected a 0x-prefixed 20-byte address (with a valid checksum if mixed-case)",
    }),
    fee_percent: z
      .number({ error: expected(`expected a percentage between 0 and ${MAX_FEE_PERCENT}`) })
      .min(0, { error: `expected a percentage between 0 and ${MAX_FEE_PERCENT}` })
      .max(MAX_FEE_PERCENT, { error: `expected a percentage between 0 and ${MAX_FEE_PERCENT}` })
      .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9, {
        error: "at most two decimals (it becomes whole basis points)",
      }),
  },
  { error: "expected an object {address, fee_percent}" },
);

/** The namespaced Cardano extension: where the AIM's licenses live on Cardano (sdk/cardano/manifest.ts). */
export const cardanoExtensionSchema = z.looseObject(
  {
    policy_id: z
      .string({ error: expected("expected the license policy id: 56 lowercase hex characters") })
      .regex(/^[0-9a-f]{56}$/, { error: "expected the license policy id: 56 lowercase hex characters" }),
    asset_name: z
      .string({ error: expected("expected the asset name in hex") })
      .regex(/^([0-9a-f]{2}){1,32}$/, { error: "expected the asset name as 1-32 bytes of lowercase hex" })
      .optional(),
  },
  { error: 'expected an object {"policy_id", "asset_name"?}' },
);

const TOKENS = "expected a positive integer (tokens)";
const tokenCount = z
  .number({ error: expected(TOKENS) })
  .int({ error: TOKENS })
  .min(1, { error: TOKENS })
  .max(1_000_000, { error: "must be at most 1,000,000 tokens" });

/**
 * The namespaced per-token extension of metered LLM endpoints (OpenAI-compatible chat completions): prices in
 * micro-USDC per 1,000 tokens, and the max_tokens a call gets when it names none (and the most it may ask).
 */
export const perTokenExtensionSchema = z
  .looseObject(
    {
      input_per_1k_tokens: microUsdc,
      output_per_1k_tokens: microUsdc,
      max_tokens_default: tokenCount,
      max_tokens_limit: tokenCount.optional(),
    },
    {
      error: expected(
        'expected an object {"input_per_1k_tokens", "output_per_1k_tokens", "max_tokens_default", "max_tokens_limit"?}',
      ),
    },
  )
  .superRefine((ext, ctx) => {
    if (ext.input_per_1k_tokens === 0 && ext.output_per_1k_tokens === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["output_per_1k_tokens"],
        message: "a metered endpoint must price input or output tokens above 0",
      });
    }
    if (ext.max_tokens_limit !== undefined && ext.max_tokens_default > ext.max_tokens_limit) {
      ctx.addIssue({
        code: "custom",
        path: ["max_tokens_default"],
        message: `must not exceed max_tokens_limit (${ext.max_tokens_limit})`,
      });
    }
  });

export const manifestSchema = z.looseObject(
  {
    name: text(100),
    short_name: z.string({ error: expected("expected a string") }).regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
      error:
        "expected 1-64 lowercase ASCII letters, digits, '.', '_' or '-', starting with a letter or digit",
    }),
    version: z
      .string({ error: expected("expected a version string such as 1.0.0") })
      .regex(/^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$/, { error: "expected a version such as 1.0.0" }),
    description: text(20_000, { multiline: true }),
    documentation_url: url.optional(),
    license: text(200),
    terms_of_service: text(20_000, { multiline: true }).optional(),
    author: text(200),
    endpoints: z
      .array(endpointSchema, { error: expected("expected an array of endpoints") })
      .min(1, { error: "must list at least one endpoint" })
      .max(100, { error: "must list at most 100 endpoints" }),
    royalties: royaltiesSchema.optional(),
    "x-cardano": cardanoExtensionSchema.optional(),
    "x-per-token": perTokenExtensionSchema.optional(),
    tags: z
      .array(text(32), { error: "expected an array of strings" })
      .max(20, { error: "must list at most 20 tags" })
      .optional(),
  },
  { error: "expected a JSON object" },
);

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEndpoint = z.infer<typeof endpointSchema>;
export type PerTokenPrices = z.infer<typeof perTokenExtensionSchema>;
