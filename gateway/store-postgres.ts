// The shared store: Postgres through `pg`, so several gateway replicas can serve one node. The compare-and-
// set is one INSERT … ON CONFLICT DO UPDATE … WHERE statement: Postgres locks the row, so concurrent calls on
// one channel (on any replica) never double-count. Commits are durable (synchronous_commit = on).
import pg from "pg";
import type { Hex } from "viem";
import {
  type RecordResult,
  type VoucherRow as Row,
  type StoredVoucher,
  toVoucher,
  type VoucherStore,
} from "./store.js";

// An arbitrary constant: the key of the advisory lock the settling replica holds.
const SETTLEMENT_LOCK = 0x41494d47;

export class PostgresStore implements VoucherStore {
  private leadClient: pg.PoolClient | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
  ) {}

  /** Connects and creates the table (`table` lets tests isolate themselves). */
  static async open(connectionString: string, table = "gateway_vouchers"): Promise<PostgresStore> {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`invalid table name ${table}`);
    const pool = new pg.Pool({ connectionString, max: 16 });
    await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
      channel_id TEXT PRIMARY KEY,
      cumulative NUMERIC(78, 0) NOT NULL,
      signature TEXT NOT NULL,
      claimed NUMERIC(78, 0) NOT NULL DEFAULT 0,
      calls INTEGER NOT NULL DEFAULT 1,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      closing BOOLEAN NOT NULL DEFAULT false
    )`);
    // Tables created before the closing flag existed.
    await pool.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS closing BOOLEAN NOT NULL DEFAULT false`);
    return new PostgresStore(pool, table);
  }

  async record(
    channelId: Hex,
    cumulativeAmount: bigint,
    signature: Hex,
    maxPrevious: bigint,
  ): Promise<RecordResult> {
    const result = await this.pool.query(
      `INSERT INTO ${this.table} (channel_id, cumulative, signature) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id) DO UPDATE SET cumulative = excluded.cumulative, signature = excluded.signature,
         calls = ${this.table}.calls + 1, updated_at = now()
       WHERE ${this.table}.cumulative <= $4 AND NOT ${this.table}.closing
       RETURNING cumulative`,
      [channelId, cumulativeAmount.toString(), signature, maxPrevious.toString()],
    );
    if (result.rowCount === 1) return { ok: true };
    const current = await this.latest(channelId);
    return { ok: false, latest: current?.cumulativeAmount ?? 0n, closing: current?.closing ?? false };
  }

  async latest(channelId: Hex): Promise<StoredVoucher | undefined> {
    const result = await this.pool.query<Row>(`SELECT * FROM ${this.table} WHERE channel_id = $1`, [
      channelId,
    ]);
    const row = result.rows[0];
    return row && toVoucher(row);
  }

  async unclaimed(): Promise<StoredVoucher[]> {
    const result = await this.pool.query<Row>(`SELECT * FROM ${this.table} WHERE cumulative > claimed`);
    return result.rows.map(toVoucher);
  }

  async markClosing(channelId: Hex): Promise<StoredVoucher | undefined> {
    // The UPDATE takes the row lock, so it is ordered with every concurrent record() on the channel.
    const result = await this.pool.query<Row>(
      `UPDATE ${this.table} SET closing = true WHERE channel_id = $1 RETURNING *`,
      [channelId],
    );
    const row = result.rows[0];
    return row && toVoucher(row);
  }

  async markClaimed(channelId: Hex, claimed: bigint): Promise<void> {
    await this.pool.query(`UPDATE ${this.table} SET claimed = $1 WHERE channel_id = $2 AND claimed < $1`, [
      claimed.toString(),
      channelId,
    ]);
  }

  async acquireSettlementLead(): Promise<boolean> {
    if (this.leadClient) return true;
    const client = await this.pool.connect();
    const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      SETTLEMENT_LOCK,
    ]);
    if (result.rows[0]?.locked) {
      this.leadClient = client;
      return true;
    }
    client.release();
    return false;
  }

  /** Drops the table (tests only). */
  async drop(): Promise<void> {
    await this.pool.query(`DROP TABLE IF EXISTS ${this.table}`);
  }

  async close(): Promise<void> {
    this.leadClient?.release();
    this.leadClient = undefined;
    await this.pool.end();
  }
}
