// argv -> a typed command for scripts/cardano-cli.ts. Pure: no network, no lucid.
import { parseArgs } from "node:util";
import type { Share } from "@aim/sdk/cardano/types";
import type { OutRef } from "lucid-cardano";

export type CliCommand =
  | { kind: "help" }
  | { kind: "show"; policyId?: string; seller?: string }
  | { kind: "list"; policyId: string; aimId: string; price: bigint; quantity: bigint }
  | { kind: "royalty"; shares: Share[] }
  | { kind: "register" }
  | { kind: "buy"; listings: OutRef[] }
  | { kind: "cancel"; listings: OutRef[] }
  | { kind: "update"; listing: OutRef; price: bigint }
  | { kind: "mint"; aimId: string; quantity: bigint; manifestUri: string; manifestHash: string };

export interface CliInvocation {
  command: CliCommand;
  /** Out-ref of the reference-script UTxO, when given with --reference. */
  reference?: OutRef;
}

export class CliUsageError extends Error {
  override name = "CliUsageError";
}

export const USAGE = `usage: npm run cardano:cli -- <command> [options]
  show   [--policy HEX] [--seller ADDR]                 listings at the market script
  list   --policy HEX --aim ID --price ADA [--quantity N]  (fee and royalties are the validator's and the creator's)
  buy    --listing TXHASH#INDEX [--listing …]           buy one or many listings in one transaction
  cancel --listing TXHASH#INDEX [--listing …]
  update --listing TXHASH#INDEX --price ADA
  mint   --aim ID --quantity N --manifest-uri URI --manifest-hash HEX
  royalty [--royalty ADDR:BPS]...                        publish/replace the creator's royalty terms (none: no royalty)
  register                                              once per market: register the script's reward address
options: --reference TXHASH#INDEX (reference-script UTxO of the validator)
environment: CARDANO_NETWORK, CARDANO_PROVIDER and the provider's variables (see sdk/cardano/provider.ts);
             CARDANO_SEED_PHRASE or CARDANO_PRIVATE_KEY for commands that sign`;

/** "12.5" ADA -> 12_500_000n lovelace (at most 6 decimals, > 0). */
export function parseAda(text: string, flag: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) throw new CliUsageError(`${flag}: "${text}" is not an ADA amount (e.g. 10 or 2.5)`);
  const lovelace = BigInt(match[1] ?? "0") * 1_000_000n + BigInt((match[2] ?? "").padEnd(6, "0"));
  if (lovelace <= 0n) throw new CliUsageError(`${flag}: must be more than 0`);
  return lovelace;
}

function parseOutRef(text: string, flag: string): OutRef {
  const match = /^([0-9a-f]{64})#(\d+)$/.exec(text.trim());
  if (!match) throw new CliUsageError(`${flag}: "${text}" is not TXHASH#INDEX`);
  return { txHash: match[1] ?? "", outputIndex: Number(match[2]) };
}

function parseShare(text: string, flag: string): Share {
  const at = text.lastIndexOf(":");
  const bps = Number(text.slice(at + 1));
  if (at <= 0 || !Number.isInteger(bps) || bps <= 0 || bps > 10_000) {
    throw new CliUsageError(`${flag}: "${text}" is not ADDRESS:BPS (basis points 1..10000)`);
  }
  return { address: text.slice(0, at), bps };
}

function parseCount(text: string | undefined, flag: string, fallback?: bigint): bigint {
  if (text === undefined && fallback !== undefined) return fallback;
  if (!text || !/^\d+$/.test(text) || BigInt(text) <= 0n)
    throw new CliUsageError(`${flag}: a positive integer is required`);
  return BigInt(text);
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new CliUsageError(`${flag} is required`);
  return value;
}

function hex(value: string | undefined, flag: string, bytes: number): string {
  const v = need(value, flag).toLowerCase();
  if (!new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(v))
    throw new CliUsageError(`${flag}: ${bytes} bytes of hex expected`);
  return v;
}

export function parseCli(argv: string[]): CliInvocation {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        policy: { type: "string" },
        seller: { type: "string" },
        aim: { type: "string" },
        price: { type: "string" },
        quantity: { type: "string" },
        royalty: { type: "string", multiple: true },
        listing: { type: "string", multiple: true },
        reference: { type: "string" },
        "manifest-uri": { type: "string" },
        "manifest-hash": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const str = (k: string) => v[k] as string | undefined;
  const many = (k: string) => (v[k] as string[] | undefined) ?? [];
  const name = parsed.positionals[0];
  const reference = str("reference") ? parseOutRef(str("reference") ?? "", "--reference") : undefined;
  const done = (command: CliCommand): CliInvocation => (reference ? { command, reference } : { command });
  if (v.help || !name || name === "help") return { command: { kind: "help" } };
  const listings = () => {
    const refs = many("listing").map((l) => parseOutRef(l, "--listing"));
    if (refs.length === 0) throw new CliUsageError("--listing is required");
    return refs;
  };
  switch (name) {
    case "show":
      return done({
        kind: "show",
        policyId: str("policy") && hex(str("policy"), "--policy", 28),
        seller: str("seller"),
      });
    case "list":
      return done({
        kind: "list",
        policyId: hex(str("policy"), "--policy", 28),
        aimId: need(str("aim"), "--aim"),
        price: parseAda(need(str("price"), "--price"), "--price"),
        quantity: parseCount(str("quantity"), "--quantity", 1n),
      });
    case "royalty":
      return done({ kind: "royalty", shares: many("royalty").map((r) => parseShare(r, "--royalty")) });
    case "register":
      return done({ kind: "register" });
    case "buy":
      return done({ kind: "buy", listings: listings() });
    case "cancel":
      return done({ kind: "cancel", listings: listings() });
    case "update": {
      const [listing] = listings();
      if (many("listing").length > 1 || !listing)
        throw new CliUsageError("update takes exactly one --listing");
      return done({ kind: "update", listing, price: parseAda(need(str("price"), "--price"), "--price") });
    }
    case "mint":
      return done({
        kind: "mint",
        aimId: need(str("aim"), "--aim"),
        quantity: parseCount(str("quantity"), "--quantity"),
        manifestUri: need(str("manifest-uri"), "--manifest-uri"),
        manifestHash: hex(str("manifest-hash")?.replace(/^0x/, ""), "--manifest-hash", 32),
      });
    default:
      throw new CliUsageError(
        `unknown command "${name}" (show, list, buy, cancel, update, mint, royalty, register)`,
      );
  }
}

/** Whether the command signs a transaction (and so needs a wallet key in the environment). */
export function signs(command: CliCommand): boolean {
  return command.kind !== "show" && command.kind !== "help";
}
