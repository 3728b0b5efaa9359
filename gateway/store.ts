// Durable voucher storage: the latest accepted voucher of each channel, written BEFORE the call is answered.
// Two implementations: node:sqlite (embedded, one process) and Postgres (several replicas, one node).
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Hex } from "viem";
import type { GatewayConfig } from "./config.js";

/** The latest voucher the gateway accepted on a channel, and how much of it is settled on chain. */
export interface StoredVoucher {
  channelId: Hex;
  cumulativeAmount: bigint;
  signature: Hex;
  /** What the gateway knows is claimed on chain (its own claims and the chain's events). */
  claimed: bigint;
  /** Paid calls accepted on this channel. */
  calls: number;
  /** Set by settlement just before it sends close(): no voucher is accepted on the channel after it. */
  closing: boolean;
}

/** A voucher row as both stores read it back (amounts as decimal strings, NUMERIC or TEXT: they exceed 2^53). */
export interface VoucherRow {
  channel_id: string;
  cumulative: string;
  signature: string;
  claimed: string;
  calls: number;
  closing: boolean | number;
}

/** The StoredVoucher of a row of either store. */
export function toVoucher(row: VoucherRow): StoredVoucher {
  return {
    channelId: row.channel_id as Hex,
    cumulativeAmount: BigInt(row.cumulative),
    signature: row.signature as Hex,
    claimed: BigInt(row.claimed),
    calls: Number(row.calls),
    closing: Boolean(row.closing),
  };
}

/** On refusal: the latest stored amount, and whether the refusal is because the channel is closing. */
export type RecordResult = { ok: true } | { ok: false; latest: bigint; closing: boolean };

export interface VoucherStore {
  /**
   * Atomically makes `voucher` the channel's latest voucher if the stored one is at most `maxPrevious`
   * (= cumulativeAmount - price), or there is none yet, and the channel is not closing. One compare-and-set:
   * two concurrent calls carrying the same amount can never both succeed, and no voucher is stored after
   * `markClosing` (so the close always carries the last voucher answered). On refusal returns the latest
   * stored amount.
   */
  record(
    channelId: Hex,
    cumulativeAmount: bigint,
    signature: Hex,
    maxPrevious: bigint,
  ): Promise<RecordResult>;
  /** The channel's latest voucher, if any. */
  latest(channelId: Hex): Promise<StoredVoucher | undefined>;
  /** Every voucher with an amount above what is claimed: what settlement still has to bring on chain. */
  unclaimed(): Promise<StoredVoucher[]>;
  /**
   * Marks the channel closing and returns its final voucher, in one statement: every replica refuses the
   * channel's vouchers from then on, so the close settlement sends carries everything that was answered.
   */
  markClosing(channelId: Hex): Promise<StoredVoucher | undefined>;
  /** Records that `claimed` is settled on chain for the channel (never moves backwards). */
  markClaimed(channelId: Hex, claimed: bigint): Promise<void>;
  /** True if this process should run settlement (Postgres: one replica holds an advisory lock). */
  acquireSettlementLead(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens Postgres when `databaseUrl` is set, else the SQLite file of the config. */
export async function openStore(config: Pick<GatewayConfig, "databaseUrl" | "store" | "baseDir">) {
  if (config.databaseUrl) {
    const { PostgresStore } = await import("./store-postgres.js");
    return PostgresStore.open(config.databaseUrl);
  }
  const { SqliteStore } = await import("./store-sqlite.js");
  const path =
    config.store.sqlitePath === ":memory:" ? ":memory:" : resolve(config.baseDir, config.store.sqlitePath);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  return new SqliteStore(path, config.store.synchronous);
}
