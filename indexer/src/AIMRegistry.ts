// AIMRegistry: AIMs, their versions and manifests, royalties, creators and license holdings.

import { ponder } from "ponder:registry";
import { aim, aimVersion, approval, holding, licenseTransfer, splitter } from "ponder:schema";
import { recordActivity } from "../lib/activity.js";
import type { Db } from "../lib/credits.js";
import { refreshLicensed } from "../lib/licenses.js";
import { decodeManifest } from "../lib/manifest.js";
import { logId, transferKind, ZERO_ADDRESS } from "../lib/market.js";
import { cleanText } from "../lib/text.js";

type DecodedManifest = ReturnType<typeof decodeManifest>;

/** The manifest columns that both an `aim` row and each of its `aimVersion` rows carry. */
function manifestColumns(uri: string, manifestHash: `0x${string}`, m: DecodedManifest) {
  return {
    manifestUri: uri,
    manifestHash,
    manifestSource: m.manifestSource,
    manifestValid: m.manifestValid,
    manifestError: m.manifestError,
    name: m.name,
    manifestVersion: m.manifestVersion,
  };
}

/** The `aim` columns that come from its current manifest: written at publish and by every newer version. */
function aimManifestColumns(uri: string, manifestHash: `0x${string}`, m: DecodedManifest) {
  return {
    ...manifestColumns(uri, manifestHash, m),
    shortName: m.shortName,
    description: m.description,
    author: m.author,
    license: m.license,
    tags: m.tags,
    endpoints: m.endpoints,
    minPricePerCall: m.minPricePerCall,
    searchText: m.searchText,
  };
}

ponder.on("AIMRegistry:AIMPublished", async ({ event, context }) => {
  const { aimId, creator, manifestURI, manifestHash, royaltyReceiver, royaltyBps, callFeeBps, maxSupply } =
    event.args;
  const uri = cleanText(manifestURI);
  const m = decodeManifest(uri, manifestHash);
  const now = event.block.timestamp;
  // Upsert: AIMVersionPublished(version 1) may come first, and a row minted before publish cannot exist.
  const row = {
    creator,
    version: 1n,
    ...aimManifestColumns(uri, manifestHash, m),
    royaltyReceiver,
    royaltyBps: Number(royaltyBps),
    callFeeBps: Number(callFeeBps),
    maxSupply,
    createdAt: now,
    createdBlock: event.block.number,
    updatedAt: now,
  };
  await context.db
    .insert(aim)
    .values({ id: aimId, ...row, totalSupply: 0n, holders: 0, salesCount: 0, unitsSold: 0n })
    .onConflictDoUpdate(row);
  await linkSplitter(context.db, royaltyReceiver, aimId);
  await recordActivity(context.db, event, { kind: "publish", aimId, account: creator, ref: m.name });
});

ponder.on("AIMRegistry:AIMVersionPublished", async ({ event, context }) => {
  const { aimId, version, manifestURI, manifestHash } = event.args;
  const uri = cleanText(manifestURI);
  const m = decodeManifest(uri, manifestHash);
  const now = event.block.timestamp;
  await context.db
    .insert(aimVersion)
    .values({
      aimId,
      version,
      ...manifestColumns(uri, manifestHash, m),
      manifest: m.manifest,
      publishedAt: now,
      blockNumber: event.block.number,
      txHash: event.transaction.hash,
    })
    .onConflictDoNothing();
  if (version === 1n) return; // AIMPublished carries version 1
  const current = await context.db.find(aim, { id: aimId });
  if (current === null || current.version > version) return;
  await context.db.update(aim, { id: aimId }).set({
    version,
    ...aimManifestColumns(uri, manifestHash, m),
    updatedAt: now,
  });
  await recordActivity(context.db, event, {
    kind: "version",
    aimId,
    account: current.creator,
    quantity: version,
    ref: m.name,
  });
});

ponder.on("AIMRegistry:RoyaltyUpdated", async ({ event, context }) => {
  // The event carries the whole state after the call: the rate in force and the increase still pending
  // (0, 0 when none, so a cancellation is seen whoever made the call, a multisig included).
  const { aimId, receiver, royaltyBps, callFeeBps, pendingCallFeeBps, pendingCallFeeAt } = event.args;
  if ((await context.db.find(aim, { id: aimId })) === null) return;
  const pending = pendingCallFeeAt !== 0n;
  await context.db.update(aim, { id: aimId }).set({
    royaltyReceiver: receiver,
    royaltyBps: Number(royaltyBps),
    callFeeBps: Number(callFeeBps),
    pendingCallFeeBps: pending ? Number(pendingCallFeeBps) : null,
    pendingCallFeeAt: pending ? pendingCallFeeAt : null,
    updatedAt: event.block.timestamp,
  });
  await linkSplitter(context.db, receiver, aimId);
});

ponder.on("AIMRegistry:CreatorTransferStarted", async ({ event, context }) => {
  const { aimId, pendingCreator } = event.args;
  if ((await context.db.find(aim, { id: aimId })) === null) return;
  await context.db.update(aim, { id: aimId }).set({
    pendingCreator: pendingCreator === ZERO_ADDRESS ? null : pendingCreator,
    updatedAt: event.block.timestamp,
  });
});

ponder.on("AIMRegistry:CreatorTransferred", async ({ event, context }) => {
  const { aimId, newCreator } = event.args;
  if ((await context.db.find(aim, { id: aimId })) === null) return;
  await context.db
    .update(aim, { id: aimId })
    .set({ creator: newCreator, pendingCreator: null, updatedAt: event.block.timestamp });
});

ponder.on("AIMRegistry:URI", async ({ event, context }) => {
  // The registry's uri(id) is the latest version's manifest URI; AIMVersionPublished already carries it.
  // A URI event without a matching version (e.g. a future admin path) still updates the stored URI.
  const { id, value } = event.args;
  const current = await context.db.find(aim, { id });
  const uri = cleanText(value);
  if (current === null || current.manifestUri === uri) return;
  await context.db.update(aim, { id }).set({ manifestUri: uri, updatedAt: event.block.timestamp });
});

ponder.on("AIMRegistry:ApprovalForAll", async ({ event, context }) => {
  const { account, operator, approved } = event.args;
  await context.db
    .insert(approval)
    .values({ account, operator, approved, updatedAt: event.block.timestamp })
    .onConflictDoUpdate({ approved, updatedAt: event.block.timestamp });
});

ponder.on("AIMRegistry:TransferSingle", async ({ event, context }) => {
  const { operator, from, to, id, value } = event.args;
  await moveLicense(context.db, event, operator, from, to, id, value, logId(event));
});

ponder.on("AIMRegistry:TransferBatch", async ({ event, context }) => {
  const { operator, from, to, ids, values } = event.args;
  for (let i = 0; i < ids.length; i++) {
    await moveLicense(context.db, event, operator, from, to, ids[i] ?? 0n, values[i] ?? 0n, logId(event, i));
  }
});

/** Applies one ERC-1155 movement to holdings, supply and holder counts, and records it. */
async function moveLicense(
  db: Db,
  event: { block: { timestamp: bigint; number: bigint }; transaction: { hash: `0x${string}` } },
  operator: `0x${string}`,
  from: `0x${string}`,
  to: `0x${string}`,
  aimId: bigint,
  amount: bigint,
  id: string,
) {
  const kind = transferKind(from, to);
  const now = event.block.timestamp;
  await db.insert(licenseTransfer).values({
    id,
    aimId,
    kind,
    operator,
    from,
    to,
    amount,
    timestamp: now,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
  if (amount === 0n || from === to) return;
  let holderDelta = 0;
  let supplyDelta = 0n;
  if (kind === "mint") supplyDelta += amount;
  else {
    const before = await db.find(holding, { aimId, account: from });
    const balance = (before?.balance ?? 0n) - amount;
    if (before !== null && before.balance > 0n && balance <= 0n) holderDelta -= 1;
    await db
      .insert(holding)
      .values({ aimId, account: from, balance: balance < 0n ? 0n : balance, updatedAt: now })
      .onConflictDoUpdate({ balance: balance < 0n ? 0n : balance, updatedAt: now });
  }
  if (kind === "burn") supplyDelta -= amount;
  else {
    const before = await db.find(holding, { aimId, account: to });
    if (before === null || before.balance === 0n) holderDelta += 1;
    const balance = (before?.balance ?? 0n) + amount;
    await db
      .insert(holding)
      .values({ aimId, account: to, balance, updatedAt: now })
      .onConflictDoUpdate({ balance, updatedAt: now });
  }
  // An operator that serves the AIM on nodes: its offers follow its balance.
  if (kind !== "mint") await refreshLicensed(db, from, aimId, now);
  if (kind !== "burn") await refreshLicensed(db, to, aimId, now);
  if (holderDelta === 0 && supplyDelta === 0n) return;
  if ((await db.find(aim, { id: aimId })) === null) {
    // A mint emitted before AIMPublished in the same transaction: a placeholder that AIMPublished
    // fills in (its upsert leaves the counters alone).
    await db.insert(aim).values({ ...placeholder(aimId, operator, now, event.block.number) });
  }
  await db
    .update(aim, { id: aimId })
    .set((row) => ({ holders: row.holders + holderDelta, totalSupply: row.totalSupply + supplyDelta }));
}

function placeholder(id: bigint, creator: `0x${string}`, now: bigint, block: bigint) {
  return {
    id,
    creator,
    version: 0n,
    manifestUri: "",
    manifestHash: "0x" as `0x${string}`,
    manifestSource: "external",
    manifestValid: false,
    searchText: "",
    royaltyReceiver: ZERO_ADDRESS,
    royaltyBps: 0,
    callFeeBps: 0,
    pendingCallFeeBps: null,
    pendingCallFeeAt: null,
    maxSupply: 0n,
    totalSupply: 0n,
    holders: 0,
    salesCount: 0,
    unitsSold: 0n,
    createdAt: now,
    createdBlock: block,
    updatedAt: now,
  } as const;
}

/** Marks a splitter as the royalty receiver of `aimId` when `receiver` is one of ours. */
async function linkSplitter(db: Db, receiver: `0x${string}`, aimId: bigint) {
  const found = await db.find(splitter, { id: receiver });
  if (found !== null && found.aimId !== aimId) await db.update(splitter, { id: receiver }).set({ aimId });
}
