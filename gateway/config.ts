// Gateway configuration: a JSON file (see config.example.json) with environment overrides for secrets and
// deployment-specific values. Validated with zod; a bad file is refused with the field and the reason.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { deployments } from "@aim/sdk/deployments";
import { getAddress, type Hex, isAddress } from "viem";
import { z } from "zod";

const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), { error: "expected a 0x address" })
  .transform((value) => getAddress(value));
const amount = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()], {
    error: "expected a non-negative integer (token base units)",
  })
  .transform((value) => BigInt(value));

const offerSchema = z.object({
  aimId: amount,
  version: z.number().int().positive().default(1),
  /** Path of the manifest JSON, relative to the config file, or in a package (`@aim/sdk/examples/echo.json`). */
  manifest: z.string(),
  /** The ERC-20 the calls are paid in (a 6-decimal USDC-like token), or 0x000…0 for ETH. */
  currency: address,
  /** A built-in AIM ("text-stats", "echo") or an upstream base URL (http://127.0.0.1:9000) the calls go to. */
  handler: z.string(),
  /** Overrides the manifest's price_per_call.estimated_cost, for every endpoint (micro-USDC). */
  pricePerCall: amount.optional(),
  /**
   * With handler "openai": the OpenAI-compatible upstream (llama.cpp server, vLLM, Ollama, a hosted API) serving
   * this AIM's `/v1/chat/completions`, priced per token by the manifest's "x-per-token" (gateway/chat/).
   */
  openai: z
    .object({
      baseUrl: z.string().url(),
      model: z.string().min(1),
      apiKey: z.string().optional(),
      /** Give up when the upstream sends nothing for this long (no headers, or no chunk mid-stream). */
      timeoutMs: z.number().int().positive().default(30_000),
    })
    .optional(),
});

const configSchema = z.object({
  listen: z
    .object({ host: z.string().default("127.0.0.1"), port: z.number().int().min(0).max(65535).default(8787) })
    .default({ host: "127.0.0.1", port: 8787 }),
  /** The URL buyers reach this node at, registered in HyperBoxRegistry. */
  publicUrl: z.string().url(),
  chain: z.object({
    rpcUrl: z.string().url(),
    chainId: z.number().int().positive(),
    paymentChannels: address,
    hyperBoxRegistry: address.optional(),
    /** X402Settlement: when set, every 402 also offers x402 `exact` payments, settled through it. */
    x402Settlement: address.optional(),
    /** First block to read channel events from (the PaymentChannels deployment block). */
    startBlock: amount.default(0n),
    pollingIntervalMs: z.number().int().positive().default(1000),
  }),
  node: z
    .object({
      capabilities: z.record(z.string(), z.unknown()).default({}),
      region: z.string().default(""),
      /** Register the node and its offers at start (needs chain.hyperBoxRegistry). */
      register: z.boolean().default(true),
    })
    .default({ capabilities: {}, region: "", register: true }),
  store: z
    .object({
      /** SQLite file (node:sqlite); ignored when DATABASE_URL is set. Relative to the config file. */
      sqlitePath: z.string().default(".gateway/vouchers.sqlite"),
      /** FULL fsyncs every voucher; NORMAL (default, WAL) survives a process crash, see README. */
      synchronous: z.enum(["FULL", "NORMAL"]).default("NORMAL"),
    })
    .default({ sqlitePath: ".gateway/vouchers.sqlite", synchronous: "NORMAL" }),
  acceptance: z
    .object({
      /**
       * Seconds before settlement's close window (settlement.closeBeforeExpirySeconds) when calls on a channel
       * stop: vouchers are refused from expiry − closeBeforeExpirySeconds − expiryMarginSeconds on.
       */
      expiryMarginSeconds: z.number().int().nonnegative().default(120),
    })
    .default({ expiryMarginSeconds: 120 }),
  settlement: z
    .object({
      /** Claim a channel once its unclaimed amount reaches this (token base units). */
      claimThreshold: amount.default(1_000_000n),
      /** Close a channel (final claim + refund) when it expires within this many seconds. */
      closeBeforeExpirySeconds: z.number().int().nonnegative().default(600),
      intervalMs: z.number().int().positive().default(5000),
      /** Channels per claimMany transaction. */
      maxBatch: z.number().int().positive().max(200).default(20),
    })
    .default({ claimThreshold: 1_000_000n, closeBeforeExpirySeconds: 600, intervalMs: 5000, maxBatch: 20 }),
  offers: z.array(offerSchema).min(1),
});

export type GatewayConfig = z.infer<typeof configSchema> & {
  /** The operator's key (env GATEWAY_PRIVATE_KEY): receives the channels' payments, signs claims. */
  privateKey: Hex;
  /** Postgres connection string (env DATABASE_URL); SQLite when absent. */
  databaseUrl?: string;
  /** Directory relative paths in the file are resolved against. */
  baseDir: string;
};
export type OfferConfig = z.infer<typeof offerSchema>;

/** Reads and validates a config file, then applies the environment overrides documented in README.md. */
export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read gateway config ${path}: ${(error as Error).message}`);
  }
  return parseConfig(raw, dirname(resolve(path)), env);
}

/** Validates a config object (`baseDir` resolves relative paths) and applies environment overrides. */
export function parseConfig(
  raw: Record<string, unknown>,
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
): GatewayConfig {
  const merged = structuredClone(raw) as Record<string, Record<string, unknown>>;
  const set = (section: string, key: string, value: unknown) => {
    if (value === undefined || value === "") return;
    merged[section] = { ...(merged[section] ?? {}), [key]: value };
  };
  set("listen", "host", env.GATEWAY_HOST);
  set("listen", "port", env.GATEWAY_PORT === undefined ? undefined : Number(env.GATEWAY_PORT));
  set("chain", "rpcUrl", env.GATEWAY_RPC_URL);
  set("chain", "paymentChannels", env.GATEWAY_PAYMENT_CHANNELS);
  set("chain", "hyperBoxRegistry", env.GATEWAY_HYPERBOX_REGISTRY);
  set("chain", "x402Settlement", env.GATEWAY_X402_SETTLEMENT);
  set("store", "sqlitePath", env.GATEWAY_SQLITE_PATH);
  set("store", "synchronous", env.GATEWAY_SQLITE_SYNCHRONOUS?.toUpperCase());
  if (env.GATEWAY_PUBLIC_URL) merged.publicUrl = env.GATEWAY_PUBLIC_URL as never;
  resolveContractNames(merged);
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join(".") || "(config)"}: ${i.message}`);
    throw new Error(`invalid gateway config:\n${lines.join("\n")}`);
  }
  const privateKey = env.GATEWAY_PRIVATE_KEY;
  if (!privateKey || !/^0x[0-9a-fA-F]{64}$/.test(privateKey)) {
    throw new Error("GATEWAY_PRIVATE_KEY must be set to the operator's 32-byte 0x private key");
  }
  return {
    ...result.data,
    privateKey: privateKey as Hex,
    databaseUrl: env.DATABASE_URL || undefined,
    baseDir,
  };
}

// Contract fields may name a contract of sdk/deployments.ts ("TestUSDC", "PaymentChannels") instead of
// giving its address, so one config file survives redeployments of a local chain.
function resolveContractNames(config: Record<string, Record<string, unknown>>): void {
  const chain = config.chain ?? {};
  const chainId = Number(chain.chainId);
  const contracts = (
    deployments as Record<number, { contracts: Record<string, { address: string }> } | undefined>
  )[chainId]?.contracts;
  const resolve = (path: string, value: unknown): unknown => {
    if (typeof value !== "string" || value.startsWith("0x")) return value;
    const address = contracts?.[value]?.address;
    if (!address) {
      throw new Error(
        `invalid gateway config:\n${path}: no contract named ${value} in sdk/deployments.ts for chain ${chainId}`,
      );
    }
    return address;
  };
  for (const key of ["paymentChannels", "hyperBoxRegistry", "x402Settlement"]) {
    if (chain[key] !== undefined) chain[key] = resolve(`chain.${key}`, chain[key]);
  }
  const offers = config.offers as unknown;
  if (Array.isArray(offers)) {
    offers.forEach((offer: Record<string, unknown>, i) => {
      offer.currency = resolve(`offers.${i}.currency`, offer.currency);
    });
  }
}
