// RoyaltySplitterFactory: one row per splitter clone (the clones themselves: RoyaltySplitter.ts).
import { ponder } from "ponder:registry";
import { splitter } from "ponder:schema";

ponder.on("RoyaltySplitterFactory:SplitterCreated", async ({ event, context }) => {
  const { splitter: address, creator, payees, shares } = event.args;
  await context.db
    .insert(splitter)
    .values({
      id: address,
      creator,
      payees: payees.map((payee) => payee.toLowerCase()),
      shares: shares.map(String),
      totalShares: shares.reduce((sum, share) => sum + share, 0n),
      receivedEth: 0n,
      releasedEth: 0n,
      createdAt: event.block.timestamp,
      txHash: event.transaction.hash,
    })
    .onConflictDoNothing();
});
