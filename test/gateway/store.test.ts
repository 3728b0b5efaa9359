// The voucher store's compare-and-set, on node:sqlite always and on Postgres when a URL is given.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hex } from "viem";
import { afterAll, describe, expect, it } from "vitest";
import type { VoucherStore } from "../../gateway/store.js";
import { PostgresStore } from "../../gateway/store-postgres.js";
import { SqliteStore } from "../../gateway/store-sqlite.js";
import { testDatabaseUrl } from "../support/postgres.js";

const dir = mkdtempSync(join(tmpdir(), "gateway-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pgUrl = testDatabaseUrl();

const id = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const sig = (n: number) => `0x${n.toString(16).padStart(130, "0")}` as Hex;
const PRICE = 10_000n;

const kinds: [string, () => Promise<{ store: VoucherStore; reopen: () => Promise<VoucherStore> }>][] = [
  [
    "node:sqlite",
    async () => {
      const path = join(dir, `${Math.random()}.sqlite`);
      return { store: new SqliteStore(path), reopen: async () => new SqliteStore(path) };
    },
  ],
];
if (pgUrl) {
  kinds.push([
    "postgres",
    async () => {
      const table = `vouchers_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      const store = await PostgresStore.open(pgUrl, table);
      return { store, reopen: () => PostgresStore.open(pgUrl, table) };
    },
  ]);
}

for (const [kind, open] of kinds) {
  describe(`voucher store on ${kind}`, () => {
    it("accepts a first voucher, then only amounts at least one price above the latest", async () => {
      const { store } = await open();
      expect(await store.record(id(1), PRICE, sig(1), 0n)).toEqual({ ok: true });
      expect(await store.record(id(1), PRICE, sig(2), 0n)).toEqual({
        ok: false,
        latest: PRICE,
        closing: false,
      });
      expect(await store.record(id(1), PRICE + 1n, sig(3), 1n)).toEqual({
        ok: false,
        latest: PRICE,
        closing: false,
      });
      expect(await store.record(id(1), 2n * PRICE, sig(4), PRICE)).toEqual({ ok: true });
      const latest = await store.latest(id(1));
      expect(latest).toMatchObject({
        cumulativeAmount: 2n * PRICE,
        signature: sig(4),
        claimed: 0n,
        calls: 2,
      });
      await store.close();
    });

    it("refuses every voucher once the channel is marked closing, and hands settlement the final one", async () => {
      const { store, reopen } = await open();
      expect(await store.record(id(9), PRICE, sig(1), 0n)).toEqual({ ok: true });
      expect(await store.record(id(9), 2n * PRICE, sig(2), PRICE)).toEqual({ ok: true });
      const final = await store.markClosing(id(9));
      expect(final).toMatchObject({ cumulativeAmount: 2n * PRICE, signature: sig(2), closing: true });
      expect(await store.record(id(9), 3n * PRICE, sig(3), 2n * PRICE)).toEqual({
        ok: false,
        latest: 2n * PRICE,
        closing: true,
      });
      expect(await store.markClosing(id(10))).toBeUndefined();
      await store.close();
      const again = await reopen();
      expect(await again.latest(id(9))).toMatchObject({ cumulativeAmount: 2n * PRICE, closing: true });
      if (again instanceof PostgresStore) await again.drop();
      await again.close();
    });

    it("stores uint256 amounts beyond 64 bits exactly and compares them numerically", async () => {
      const { store } = await open();
      const big = 2n ** 200n + 7n;
      expect(await store.record(id(2), 9n, sig(1), 0n)).toEqual({ ok: true });
      expect(await store.record(id(2), big, sig(2), big - PRICE)).toEqual({ ok: true });
      expect((await store.latest(id(2)))?.cumulativeAmount).toBe(big);
      expect(await store.record(id(2), 10n ** 20n, sig(3), 10n ** 20n - PRICE)).toEqual({
        ok: false,
        latest: big,
        closing: false,
      });
      await store.close();
    });

    it("lets exactly one of many concurrent calls with the same amount through", async () => {
      const { store } = await open();
      await store.record(id(3), PRICE, sig(1), 0n);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.record(id(3), 2n * PRICE, sig(10 + i), PRICE)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.latest === 2n * PRICE)).toBe(true);
      expect((await store.latest(id(3)))?.calls).toBe(2);
      await store.close();
    });

    it("lists unclaimed vouchers until they are marked claimed, and never moves claimed backwards", async () => {
      const { store } = await open();
      await store.record(id(4), PRICE, sig(1), 0n);
      await store.record(id(5), 3n * PRICE, sig(2), 0n);
      expect((await store.unclaimed()).map((v) => v.channelId).sort()).toEqual([id(4), id(5)]);
      await store.markClaimed(id(5), 3n * PRICE);
      await store.markClaimed(id(5), PRICE);
      expect((await store.latest(id(5)))?.claimed).toBe(3n * PRICE);
      expect((await store.unclaimed()).map((v) => v.channelId)).toEqual([id(4)]);
      await store.close();
    });

    it("keeps vouchers across a restart", async () => {
      const { store, reopen } = await open();
      await store.record(id(6), PRICE, sig(6), 0n);
      await store.close();
      const again = await reopen();
      expect(await again.latest(id(6))).toMatchObject({ cumulativeAmount: PRICE, signature: sig(6) });
      expect((await again.unclaimed()).map((v) => v.channelId)).toContain(id(6));
      expect(await again.acquireSettlementLead()).toBe(true);
      if (again instanceof PostgresStore) await again.drop();
      await again.close();
    });
  });
}

describe("node:sqlite group commit", () => {
  it("commits one event-loop turn's records together, in arrival order, and keeps them after a reopen", async () => {
    const path = join(dir, "group.sqlite");
    const store = new SqliteStore(path);
    // 64 channels x 3 calls queued at once: one batch; each channel's calls see the previous one.
    const results = await Promise.all(
      Array.from({ length: 192 }, (_, i) => {
        const amount = BigInt(Math.floor(i / 64) + 1) * PRICE;
        return store.record(id(100 + (i % 64)), amount, sig(i), amount - PRICE);
      }),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    // A stale amount queued behind a newer one on the same channel loses, as in separate transactions.
    const [newer, stale] = await Promise.all([
      store.record(id(100), 5n * PRICE, sig(1), 4n * PRICE),
      store.record(id(100), 4n * PRICE, sig(2), 3n * PRICE),
    ]);
    expect(newer).toEqual({ ok: true });
    expect(stale).toEqual({ ok: false, latest: 5n * PRICE, closing: false });
    await store.close();
    const again = new SqliteStore(path);
    expect(await again.latest(id(163))).toMatchObject({ cumulativeAmount: 3n * PRICE, calls: 3 });
    expect((await again.unclaimed()).length).toBe(64);
    await again.close();
  });

  it("writes queued records before closing and refuses records after", async () => {
    const path = join(dir, "close.sqlite");
    const store = new SqliteStore(path);
    const pending = store.record(id(1), PRICE, sig(1), 0n);
    await store.close();
    expect(await pending).toEqual({ ok: true });
    await expect(store.record(id(1), 2n * PRICE, sig(2), PRICE)).rejects.toThrow(/store is closed/);
    const again = new SqliteStore(path);
    expect((await again.latest(id(1)))?.cumulativeAmount).toBe(PRICE);
    await again.close();
  });
});
