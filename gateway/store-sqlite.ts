// The embedded store: Node's built-in node:sqlite in WAL mode. Amounts are uint256, wider than SQLite's
// 64-bit integers, so they are stored as 78-digit zero-padded decimal text: text order = numeric order.
//
// Group commit: the records of one event-loop turn share one transaction, and each `record` resolves only
// after that transaction committed, so the rule "stored durably before answered" holds for every call.
//
// synchronous=NORMAL (default): in WAL mode every commit is written to the WAL file before `record` returns,
// so a crash or kill -9 of the gateway loses nothing; only an OS crash or power cut can lose the last
// commits (not yet fsynced). FULL fsyncs every commit and also survives power loss, at the disk's fsync
// rate. Choose FULL when the machine has no battery-backed cache and the node sells expensive calls.
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { Hex } from "viem";
import {
  type RecordResult,
  type VoucherRow as Row,
  type StoredVoucher,
  toVoucher,
  type VoucherStore,
} from "./store.js";

const pad = (value: bigint) => value.toString().padStart(78, "0");

interface Pending {
  channelId: Hex;
  cumulativeAmount: bigint;
  signature: Hex;
  maxPrevious: bigint;
  resolve(result: RecordResult): void;
  reject(error: unknown): void;
}

export class SqliteStore implements VoucherStore {
  private readonly db: DatabaseSync;
  private readonly upsert: StatementSync;
  private readonly selectOne: StatementSync;
  private readonly selectUnclaimed: StatementSync;
  private readonly updateClaimed: StatementSync;
  private readonly updateClosing: StatementSync;
  private readonly begin: StatementSync;
  private readonly commit: StatementSync;
  private queue: Pending[] = [];

  constructor(path: string, synchronous: "FULL" | "NORMAL" = "NORMAL") {
    this.db = new DatabaseSync(path);
    this.db.exec(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${synchronous}; PRAGMA busy_timeout = 5000;`,
    );
    this.db.exec(`CREATE TABLE IF NOT EXISTS vouchers (
      channel_id TEXT PRIMARY KEY,
      cumulative TEXT NOT NULL,
      signature TEXT NOT NULL,
      claimed TEXT NOT NULL DEFAULT '${pad(0n)}',
      calls INTEGER NOT NULL DEFAULT 1,
      updated_at INTEGER NOT NULL,
      closing INTEGER NOT NULL DEFAULT 0
    ) STRICT`);
    // Files created before the closing flag existed.
    const columns = this.db.prepare("PRAGMA table_info(vouchers)").all() as { name: string }[];
    if (!columns.some((column) => column.name === "closing")) {
      this.db.exec("ALTER TABLE vouchers ADD COLUMN closing INTEGER NOT NULL DEFAULT 0");
    }
    this.upsert = this.db.prepare(`INSERT INTO vouchers (channel_id, cumulative, signature, updated_at)
      VALUES (?, ?, ?, ?)
      ON CONFLICT (channel_id) DO UPDATE SET cumulative = excluded.cumulative, signature = excluded.signature,
        calls = calls + 1, updated_at = excluded.updated_at
      WHERE vouchers.cumulative <= ? AND vouchers.closing = 0
      RETURNING cumulative`);
    this.selectOne = this.db.prepare("SELECT * FROM vouchers WHERE channel_id = ?");
    this.selectUnclaimed = this.db.prepare("SELECT * FROM vouchers WHERE cumulative > claimed");
    this.updateClaimed = this.db.prepare(
      "UPDATE vouchers SET claimed = ? WHERE channel_id = ? AND claimed < ?",
    );
    this.updateClosing = this.db.prepare("UPDATE vouchers SET closing = 1 WHERE channel_id = ? RETURNING *");
    this.begin = this.db.prepare("BEGIN IMMEDIATE");
    this.commit = this.db.prepare("COMMIT");
  }

  /**
   * Queues the compare-and-set; every record queued in one event-loop turn is written in ONE transaction
   * (group commit) right after the turn's I/O callbacks, and each promise resolves only once that transaction
   * has committed. Statements run in arrival order, so two records on one channel in one batch see each other.
   */
  record(
    channelId: Hex,
    cumulativeAmount: bigint,
    signature: Hex,
    maxPrevious: bigint,
  ): Promise<RecordResult> {
    if (!this.db.isOpen) return Promise.reject(new Error("the voucher store is closed"));
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(this.flush);
      this.queue.push({ channelId, cumulativeAmount, signature, maxPrevious, resolve, reject });
    });
  }

  private readonly flush = (): void => {
    const batch = this.queue;
    if (batch.length === 0) return; // already flushed by close()
    this.queue = [];
    const results: RecordResult[] = [];
    const now = Date.now();
    try {
      this.begin.run();
      for (const item of batch) {
        // The WHERE clause of the upsert is the compare-and-set.
        const row = this.upsert.get(
          item.channelId,
          pad(item.cumulativeAmount),
          item.signature,
          now,
          pad(item.maxPrevious),
        );
        if (row !== undefined) {
          results.push({ ok: true });
        } else {
          const current = this.selectOne.get(item.channelId) as Row | undefined;
          results.push({
            ok: false,
            latest: current ? BigInt(current.cumulative) : 0n,
            closing: Boolean(current?.closing),
          });
        }
      }
      this.commit.run();
    } catch (error) {
      // Nothing of the batch is stored, so no caller may answer its call as paid.
      if (this.db.isTransaction) this.db.exec("ROLLBACK");
      for (const item of batch) item.reject(error);
      return;
    }
    for (let i = 0; i < batch.length; i++) (batch[i] as Pending).resolve(results[i] as RecordResult);
  };

  async latest(channelId: Hex): Promise<StoredVoucher | undefined> {
    const row = this.selectOne.get(channelId) as Row | undefined;
    return row && toVoucher(row);
  }

  async unclaimed(): Promise<StoredVoucher[]> {
    return (this.selectUnclaimed.all() as unknown as Row[]).map(toVoucher);
  }

  async markClosing(channelId: Hex): Promise<StoredVoucher | undefined> {
    // Records queued in this turn are written first: they were answered-to-be before the close was decided.
    if (this.queue.length > 0) this.flush();
    const row = this.updateClosing.get(channelId) as Row | undefined;
    return row && toVoucher(row);
  }

  async markClaimed(channelId: Hex, claimed: bigint): Promise<void> {
    this.updateClaimed.run(pad(claimed), channelId, pad(claimed));
  }

  async acquireSettlementLead(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    if (this.queue.length > 0) this.flush();
    if (this.db.isOpen) this.db.close();
  }
}
