// Handlers shared by AIMMarketplace and PaymentChannels: pull credits, withdrawals, allowed currencies,
// and the per-account aggregate row. Imported by indexer/src/*.ts only (needs ponder:schema).
import type { Context } from "ponder:registry";
import { accountStat, allowedCurrency, credit } from "ponder:schema";

export type Db = Context["db"];

export async function addCredit(
  db: Db,
  contract: string,
  account: `0x${string}`,
  currency: `0x${string}`,
  credited: bigint,
  withdrawn: bigint,
  now: bigint,
) {
  await db
    .insert(credit)
    .values({
      contract,
      account,
      currency,
      credited,
      withdrawn,
      balance: credited - withdrawn,
      updatedAt: now,
    })
    .onConflictDoUpdate((row) => ({
      credited: row.credited + credited,
      withdrawn: row.withdrawn + withdrawn,
      balance: row.balance + credited - withdrawn,
      updatedAt: now,
    }));
}

interface CreditEvent {
  event: {
    args: { account: `0x${string}`; currency: `0x${string}`; amount: bigint };
    block: { timestamp: bigint };
  };
  context: { db: Db };
}

/** The `Credited` and `Withdrawn` handlers, the same for each contract that holds pull credits. */
export const creditHandlers = (contract: string) => ({
  credited: ({ event: { args, block }, context }: CreditEvent) =>
    addCredit(context.db, contract, args.account, args.currency, args.amount, 0n, block.timestamp),
  withdrawn: ({ event: { args, block }, context }: CreditEvent) =>
    addCredit(context.db, contract, args.account, args.currency, 0n, args.amount, block.timestamp),
});

export async function setCurrency(
  db: Db,
  contract: string,
  currency: `0x${string}`,
  allowed: boolean,
  now: bigint,
) {
  await db
    .insert(allowedCurrency)
    .values({ contract, currency, allowed, updatedAt: now })
    .onConflictDoUpdate({ allowed, updatedAt: now });
}

type AccountDelta = Partial<{
  boughtCount: number;
  boughtVolume: bigint;
  soldCount: number;
  soldProceeds: bigint;
  royaltiesEarned: bigint;
  channelEarned: bigint;
}>;

/** Adds `delta` to the (account, currency) aggregate. */
export async function bumpAccount(
  db: Db,
  account: `0x${string}`,
  currency: `0x${string}`,
  delta: AccountDelta,
) {
  const d = {
    boughtCount: delta.boughtCount ?? 0,
    boughtVolume: delta.boughtVolume ?? 0n,
    soldCount: delta.soldCount ?? 0,
    soldProceeds: delta.soldProceeds ?? 0n,
    royaltiesEarned: delta.royaltiesEarned ?? 0n,
    channelEarned: delta.channelEarned ?? 0n,
  };
  await db
    .insert(accountStat)
    .values({ account, currency, ...d })
    .onConflictDoUpdate((row) => ({
      boughtCount: row.boughtCount + d.boughtCount,
      boughtVolume: row.boughtVolume + d.boughtVolume,
      soldCount: row.soldCount + d.soldCount,
      soldProceeds: row.soldProceeds + d.soldProceeds,
      royaltiesEarned: row.royaltiesEarned + d.royaltiesEarned,
      channelEarned: row.channelEarned + d.channelEarned,
    }));
}
