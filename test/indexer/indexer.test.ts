// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL answers are checked field by field below
// The indexer end to end: a real hardhat node, the real handlers in a real `ponder start` (through
// indexer/run.ts), queried through GraphQL and the custom routes. Contract events are replayed with
// EventPump at the deployment addresses (exactly the logs the contracts emit, by their ABIs).
// PGlite always; Postgres too when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { emitLogs, installPump, mineBlocks } from "../../scripts/fixtures/event-pump.js";
import { type LocalChain, startLocalChain, testClientFor } from "../../scripts/harness/chain.js";
import { type IndexerProcess, startIndexer } from "../../scripts/harness/indexer.js";
import { eventually } from "../support/eventually.js";
import { type ScratchDatabase, scratchDatabase, testDatabaseUrl } from "../support/postgres.js";
import {
  A,
  addr,
  B,
  buy,
  C,
  CORE,
  ETH,
  ev,
  hostileManifests,
  list,
  listingId,
  manifest,
  mint,
  publish,
  SPLITTER,
  USDC,
} from "./scenario.js";

// Ponder starts in 10–60 s on a busy 2-core machine; waits are bounded by the harness deadlines.
vi.setConfig({ testTimeout: 400_000, hookTimeout: 300_000 });

const databaseUrl = testDatabaseUrl();
const databases = [
  { name: "PGlite", url: undefined as string | undefined },
  ...(databaseUrl ? [{ name: "Postgres", url: databaseUrl }] : []),
];

const CH1 = `0x${"c1".repeat(32)}` as const;
const CH2 = `0x${"c2".repeat(32)}` as const;

/** Every event of every contract, in an order the contracts could emit them. */
function everyEvent() {
  const v2 = manifest("Sentiment Pro", ["nlp", "sentiment"]);
  return [
    ev("RoyaltySplitterFactory", "SplitterCreated", {
      splitter: SPLITTER,
      creator: A,
      payees: [A, C],
      shares: [70n, 30n],
    }),
    ...publish(1n, "Sentiment Analyzer", ["nlp"], SPLITTER),
    ...publish(2n, "Image Tagger", ["vision"]),
    ev("AIMRegistry", "AIMVersionPublished", {
      aimId: 1n,
      version: 2n,
      manifestURI: v2.uri,
      manifestHash: v2.hash,
    }),
    ev("AIMRegistry", "URI", { value: v2.uri, id: 1n }),
    ev("AIMRegistry", "RoyaltyUpdated", {
      aimId: 2n,
      receiver: C,
      royaltyBps: 300n,
      callFeeBps: 50,
      pendingCallFeeBps: 0,
      pendingCallFeeAt: 0n,
    }),
    ev("AIMRegistry", "CreatorTransferStarted", { aimId: 2n, creator: A, pendingCreator: C }),
    ev("AIMRegistry", "CreatorTransferred", { aimId: 2n, previousCreator: A, newCreator: C }),
    ev("AIMRegistry", "ApprovalForAll", { account: A, operator: addr("AIMMarketplace"), approved: true }),
    mint(1n, A, 10n),
    ev("AIMRegistry", "TransferBatch", {
      operator: A,
      from: "0x0000000000000000000000000000000000000000",
      to: C,
      ids: [1n, 2n],
      values: [1n, 5n],
    }),
    ev("AIMRegistry", "TransferSingle", {
      operator: C,
      from: C,
      to: "0x0000000000000000000000000000000000000000",
      id: 2n,
      value: 2n,
    }),
    ev("AIMMarketplace", "FeeUpdated", { previousBps: 0, newBps: 250 }),
    ev("AIMMarketplace", "TreasuryUpdated", { previous: ETH, next: C }),
    ev("AIMMarketplace", "CurrencyAllowed", { currency: USDC, allowed: true }),
    list(1n, 1_000_000n, 5n),
    ev("AIMMarketplace", "ListingUpdated", {
      listingId: listingId(A, 1n, ETH),
      pricePerUnit: 2_000_000n,
      quantity: 4n,
      expiry: 4_000_000_000n,
    }),
    ...buy(1n, 1n, 2_000_000n, 3n),
    ev("AIMMarketplace", "Credited", { account: SPLITTER, currency: ETH, amount: 100_000n }),
    ev("AIMMarketplace", "Withdrawn", { account: SPLITTER, currency: ETH, amount: 100_000n }),
    ev("AIMMarketplace", "FeesWithdrawn", { treasury: C, currency: ETH, amount: 50_000n }),
    ev("AIMMarketplace", "Paused", { account: A }),
    ev("AIMMarketplace", "Unpaused", { account: A }),
    list(1n, 700n, 2n, USDC),
    ev("AIMMarketplace", "ListingCancelled", { listingId: listingId(A, 1n, USDC) }),
    ev("RoyaltySplitter", "PaymentReceived", { from: addr("AIMMarketplace"), amount: 100_000n }, SPLITTER),
    ev("RoyaltySplitter", "PaymentReleased", { to: A, amount: 70_000n }, SPLITTER),
    ev("RoyaltySplitter", "ERC20PaymentReleased", { token: USDC, to: C, amount: 9n }, SPLITTER),
    ev("RoyaltySplitter", "ReleaseFailed", { token: ETH, to: C, amount: 30_000n }, SPLITTER),
    ev("HyperBoxRegistry", "NodeRegistered", {
      nodeId: 1n,
      operator: C,
      endpoint: "https://box.example",
      capabilities: '{"gpus":2}',
      region: "eu",
    }),
    ev("HyperBoxRegistry", "NodeUpdated", {
      nodeId: 1n,
      endpoint: "https://box2.example",
      capabilities: "not json",
      region: "us",
    }),
    ev("HyperBoxRegistry", "OfferSet", {
      nodeId: 1n,
      aimId: 1n,
      version: 2n,
      currency: USDC,
      pricePerCall: 10_000n,
    }),
    ev("HyperBoxRegistry", "OfferSet", {
      nodeId: 1n,
      aimId: 2n,
      version: 1n,
      currency: USDC,
      pricePerCall: 5_000n,
    }),
    ev("HyperBoxRegistry", "OfferRetired", { nodeId: 1n, aimId: 2n }),
    ev("HyperBoxRegistry", "NodeRegistered", {
      nodeId: 2n,
      operator: C,
      endpoint: "x",
      capabilities: "{}",
      region: "ap",
    }),
    ev("HyperBoxRegistry", "OfferSet", {
      nodeId: 2n,
      aimId: 2n,
      version: 1n,
      currency: ETH,
      pricePerCall: 7n,
    }),
    ev("HyperBoxRegistry", "NodeRetired", { nodeId: 2n }),
    ev("PaymentChannels", "CurrencyAllowed", { currency: USDC, allowed: true }),
    ...[CH1, CH2].map((channelId) =>
      ev("PaymentChannels", "ChannelOpened", {
        channelId,
        payer: B,
        payee: C,
        token: USDC,
        signer: ETH,
        aimId: 1n,
        sessionCap: 0n,
        salt: channelId,
        deposit: 1_000_000n,
        expiry: 4_000_000_000n,
      }),
    ),
    ev("PaymentChannels", "ChannelToppedUp", { channelId: CH1, amount: 500_000n, deposit: 1_500_000n }),
    ev("PaymentChannels", "ChannelExtended", { channelId: CH1, expiry: 4_100_000_000n }),
    ev("PaymentChannels", "ChannelClaimed", {
      channelId: CH1,
      cumulativeAmount: 100_000n,
      amount: 100_000n,
      royalty: 1_000n,
    }),
    ev("PaymentChannels", "ChannelClaimed", {
      channelId: CH1,
      cumulativeAmount: 300_000n,
      amount: 200_000n,
      royalty: 2_000n,
    }),
    ev("PaymentChannels", "Credited", { account: SPLITTER, currency: USDC, amount: 3_000n }),
    ev("PaymentChannels", "Withdrawn", { account: SPLITTER, currency: USDC, amount: 1_000n }),
    ev("PaymentChannels", "ChannelClosed", { channelId: CH1, claimed: 300_000n, refunded: 1_200_000n }),
    ev("PaymentChannels", "ChannelReclaimed", { channelId: CH2, refunded: 1_000_000n }),
    ...hostileManifests(100n),
  ];
}

describe.each(databases)("indexer on $name", ({ url: baseUrl }) => {
  let chain: LocalChain;
  let scratch: ScratchDatabase | undefined;
  let url: string | undefined;
  let indexer: IndexerProcess;
  const dirs: string[] = [];
  const schemas: string[] = [];
  const start = (tag: string, rpcUrl = chain.url) => {
    const dir = mkdtempSync(path.join(tmpdir(), `aim-idx-${tag}-`));
    dirs.push(dir);
    const schema = `t_${tag}_${process.pid}`;
    schemas.push(schema);
    return startIndexer({ rpcUrl, pgliteDir: path.join(dir, "pglite"), databaseUrl: url, schema });
  };

  beforeAll(async () => {
    // Postgres: a database of its own, so no other run's RPC cache (same chain id) is replayed here.
    scratch = baseUrl ? await scratchDatabase(baseUrl, "pump") : undefined;
    url = scratch?.url;
    chain = await startLocalChain();
    await installPump(chain, [...CORE.map(addr), SPLITTER]);
    await mineBlocks(chain, 8); // past every contract's start block
    indexer = await start("main");
  });

  afterAll(async () => {
    if (process.env.AIM_TEST_LOG)
      (await import("node:fs")).writeFileSync(process.env.AIM_TEST_LOG, indexer?.output() ?? "");
    await indexer?.stop();
    await chain?.stop();
    await scratch?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("lands every event of every contract in the right rows", async () => {
    const receipts = await emitLogs(chain, everyEvent());
    await indexer.waitForBlock((receipts.at(-1) as { blockNumber: bigint }).blockNumber);
    const d = await indexer.gql<Record<string, any>>(`{
      a1: aim(id: "1") { name version manifestValid manifestVersion tags royaltyReceiver holders totalSupply salesCount unitsSold manifestUri }
      a2: aim(id: "2") { creator pendingCreator royaltyReceiver royaltyBps callFeeBps holders totalSupply }
      versions: aimVersions(where: { aimId: "1" }, orderBy: "version") { items { version name manifestValid } }
      holdings: holdings(orderBy: "account") { items { aimId account balance } }
      transfers: licenseTransfers { totalCount }
      approval(account: "${A}", operator: "${addr("AIMMarketplace").toLowerCase()}") { approved }
      eth: listing(id: "${listingId(A, 1n, ETH)}") { status open remaining sold pricePerUnit salesCount aimId }
      usdc: listing(id: "${listingId(A, 1n, USDC)}") { status open }
      sales { items { buyer seller quantity totalPrice fee royalty sellerProceeds currency aimId } }
      credits(orderBy: "contract") { items { contract account currency credited withdrawn balance } }
      feeWithdrawals { items { treasury amount } }
      marketConfig(id: "market") { feeBps treasury paused }
      allowedCurrencys { totalCount }
      splitter(id: "${SPLITTER}") { aimId payees totalShares receivedEth releasedEth }
      splitterReleases(orderBy: "amount") { items { token to amount failed } }
      node1: node(id: "1") { endpoint capabilities capabilitiesJson region active }
      node2: node(id: "2") { active }
      offers(orderBy: "nodeId") { items { nodeId aimId operator active licensed retired pricePerCall } }
      ch1: channel(id: "${CH1}") { deposit claimed royaltyPaid remaining refunded state expiry claimsCount sessionCap }
      ch2: channel(id: "${CH2}") { state refunded remaining }
      claims: channelClaims { items { amount royalty payeeAmount royaltyReceiver final } }
      stat: aimCurrencyStat(aimId: "1", currency: "${ETH}") { volume sales royalties fees }
      buyer: accountStat(account: "${B}", currency: "${ETH}") { boughtCount boughtVolume }
      seller: accountStat(account: "${A}", currency: "${ETH}") { soldCount soldProceeds royaltiesEarned }
      payee: accountStat(account: "${C}", currency: "${USDC}") { channelEarned }
      days: dailyStats { items { volume sales } }
      feed: activitys(orderBy: "blockNumber", orderDirection: "desc", limit: 50) { items { kind } }
      bad: aims(where: { manifestValid: false }) { totalCount items { id manifestError } }
    }`);
    expect(d.a1).toMatchObject({
      name: "Sentiment Pro",
      version: "2",
      manifestValid: true,
      royaltyReceiver: SPLITTER,
    });
    expect(d.a1.tags).toEqual(["nlp", "sentiment"]);
    expect(d.a1).toMatchObject({ holders: 3, totalSupply: "11", salesCount: 1, unitsSold: "1" });
    expect(d.a2).toMatchObject({
      creator: C,
      pendingCreator: null,
      royaltyReceiver: C,
      royaltyBps: 300,
      callFeeBps: 50,
    });
    expect(d.a2).toMatchObject({ holders: 1, totalSupply: "3" });
    expect(d.versions.items.map((v: { version: string }) => v.version)).toEqual(["1", "2"]);
    expect(d.holdings.items).toEqual(
      expect.arrayContaining([
        { aimId: "1", account: A, balance: "9" },
        { aimId: "1", account: B, balance: "1" },
        { aimId: "2", account: C, balance: "3" },
      ]),
    );
    expect(d.transfers.totalCount).toBe(5);
    expect(d.approval.approved).toBe(true);
    expect(d.eth).toMatchObject({
      status: "partially_sold",
      open: true,
      remaining: "3",
      sold: "1",
      pricePerUnit: "2000000",
      aimId: "1",
    });
    expect(d.usdc).toEqual({ status: "cancelled", open: false });
    expect(d.sales.items).toEqual([
      {
        buyer: B,
        seller: A,
        quantity: "1",
        totalPrice: "2000000",
        fee: "50000",
        royalty: "100000",
        sellerProceeds: "1850000",
        currency: ETH,
        aimId: "1",
      },
    ]);
    expect(d.credits.items).toEqual([
      {
        contract: "AIMMarketplace",
        account: SPLITTER,
        currency: ETH,
        credited: "100000",
        withdrawn: "100000",
        balance: "0",
      },
      {
        contract: "PaymentChannels",
        account: SPLITTER,
        currency: USDC,
        credited: "3000",
        withdrawn: "1000",
        balance: "2000",
      },
    ]);
    expect(d.feeWithdrawals.items).toEqual([{ treasury: C, amount: "50000" }]);
    expect(d.marketConfig).toEqual({ feeBps: 250, treasury: C, paused: false });
    expect(d.allowedCurrencys.totalCount).toBe(2);
    expect(d.splitter).toMatchObject({
      aimId: "1",
      payees: [A, C],
      totalShares: "100",
      receivedEth: "100000",
      releasedEth: "70000",
    });
    expect(d.splitterReleases.items).toEqual([
      { token: USDC, to: C, amount: "9", failed: false },
      { token: ETH, to: C, amount: "30000", failed: true },
      { token: ETH, to: A, amount: "70000", failed: false },
    ]);
    expect(d.node1).toEqual({
      endpoint: "https://box2.example",
      capabilities: "not json",
      capabilitiesJson: null,
      region: "us",
      active: true,
    });
    expect(d.node2.active).toBe(false);
    const offer = { operator: C, licensed: true };
    expect(d.offers.items).toEqual([
      { ...offer, nodeId: "1", aimId: "1", active: true, retired: false, pricePerCall: "10000" },
      { ...offer, nodeId: "1", aimId: "2", active: false, retired: true, pricePerCall: "5000" },
      // Retiring node 2 retired its offer.
      { ...offer, nodeId: "2", aimId: "2", active: false, retired: true, pricePerCall: "7" },
    ]);
    expect(d.ch1).toEqual({
      deposit: "1500000",
      claimed: "300000",
      royaltyPaid: "3000",
      remaining: "0",
      refunded: "1200000",
      state: "closed",
      expiry: "4100000000",
      claimsCount: 2,
      sessionCap: "0",
    });
    expect(d.ch2).toEqual({ state: "reclaimed", refunded: "1000000", remaining: "0" });
    expect(d.claims.items).toHaveLength(2);
    for (const claim of d.claims.items)
      expect(claim).toMatchObject({ royaltyReceiver: SPLITTER, final: false });
    expect(d.stat).toEqual({ volume: "2000000", sales: 1, royalties: "100000", fees: "50000" });
    expect(d.buyer).toEqual({ boughtCount: 1, boughtVolume: "2000000" });
    expect(d.seller).toEqual({ soldCount: 1, soldProceeds: "1850000", royaltiesEarned: "100000" });
    expect(d.payee.channelEarned).toBe(String(99_000 + 198_000));
    expect(d.days.items).toEqual([{ volume: "2000000", sales: 1 }]);
    const kinds = new Set(d.feed.items.map((i: { kind: string }) => i.kind));
    for (const kind of [
      "publish",
      "version",
      "listing",
      "listing_updated",
      "listing_cancelled",
      "sale",
      "claim",
      "offer",
    ]) {
      expect(kinds).toContain(kind);
    }
    // Hostile manifests: indexed, flagged, with a reason.
    expect(d.bad.totalCount).toBe(6);
    for (const item of d.bad.items) expect(item.manifestError).toMatch(/\w/);
  });

  it("answers /search and /stats", async () => {
    const listed = await indexer.get<any>("/search?q=sentiment&currency=ETH&sort=price");
    expect(listed.status).toBe(200);
    expect(listed.body.mode).toBe("listing");
    expect(listed.body.items.map((i: any) => i.aim.name)).toEqual(["Sentiment Pro"]);
    const onNode = await indexer.get<any>("/search?node=1");
    expect(onNode.body.items.map((i: any) => i.aim.id)).toEqual(["1"]);
    const bad = await indexer.get<any>("/search?limit=500");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/limit/);
    const stats = await indexer.get<any>("/stats?aimId=1");
    expect(stats.body.floor).toEqual([{ currency: ETH, price: "2000000", listings: 1 }]);
    const all = await indexer.get<any>("/stats");
    expect(all.body.aims.total).toBe(8);
  });

  it("answers /catalogue: AIM cards with floors per currency, filtered, sorted and counted", async () => {
    const byFloor = await indexer.get<any>("/catalogue?currency=ETH&sort=price");
    expect(byFloor.status).toBe(200);
    const ethFloor = (item: any) => BigInt(item.floors.find((f: any) => f.currency === ETH).price);
    const floors = byFloor.body.items.map(ethFloor);
    expect(floors).toEqual([...floors].sort((a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(byFloor.body.total).toBe(byFloor.body.items.length);
    expect(byFloor.body.items.find((i: any) => i.id === "1")?.floors).toEqual([
      { currency: ETH, price: "2000000", listings: 1 },
    ]);
    const priced = await indexer.get<any>("/catalogue?currency=ETH&minPrice=2000001&sort=price");
    expect(priced.body.items.map((i: any) => i.id)).not.toContain("1");
    for (const item of priced.body.items) expect(ethFloor(item)).toBeGreaterThanOrEqual(2_000_001n);
    const pastTheEnd = await indexer.get<any>("/catalogue?currency=ETH&sort=price&offset=40");
    expect(pastTheEnd.body).toEqual({ items: [], total: byFloor.body.total });

    const named = await indexer.get<any>("/catalogue?q=sentiment");
    expect(named.body.items.map((i: any) => i.name)).toContain("Sentiment Pro");
    const nothing = await indexer.get<any>("/catalogue?q=no-such-words-anywhere");
    expect(nothing.body).toEqual({ items: [], total: 0 });
    const served = await indexer.get<any>("/catalogue?onNode=true");
    expect(served.body.items.map((i: any) => i.id)).toEqual(["1"]);
    const sold = await indexer.get<any>("/catalogue?sort=sold&limit=2");
    expect(sold.body.total).toBe(8);
    expect(sold.body.items).toHaveLength(2);
    expect(sold.body.items[0].salesCount).toBeGreaterThanOrEqual(sold.body.items[1].salesCount);

    const bad = await indexer.get<any>("/catalogue?minPrice=5");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("minPrice: a price range needs a currency");
  });

  it("marks an offer inactive when its operator's last license leaves, and active when it returns", async () => {
    // C serves AIM 1 on node 1 with its only license of AIM 1.
    const served = async () =>
      indexer.gql<any>(`{
        offer(nodeId: "1", aimId: "1") { active licensed retired }
        serving(operator: "${C}", aimId: "1") { nodes licensed }
      }`);
    const away = await emitLogs(chain, [
      ev("AIMRegistry", "TransferSingle", { operator: C, from: C, to: B, id: 1n, value: 1n }),
    ]);
    await indexer.waitForBlock((away.at(-1) as { blockNumber: bigint }).blockNumber);
    expect(await served()).toEqual({
      offer: { active: false, licensed: false, retired: false },
      serving: { nodes: 1, licensed: false },
    });
    expect((await indexer.get<any>("/search?node=1")).body.items).toEqual([]);
    expect((await indexer.get<any>("/catalogue?onNode=true")).body.items).toEqual([]);
    expect((await indexer.get<any>("/stats?aimId=1")).body.nodes).toBe(0);

    const back = await emitLogs(chain, [
      ev("AIMRegistry", "TransferSingle", { operator: B, from: B, to: C, id: 1n, value: 1n }),
    ]);
    await indexer.waitForBlock((back.at(-1) as { blockNumber: bigint }).blockNumber);
    expect(await served()).toEqual({
      offer: { active: true, licensed: true, retired: false },
      serving: { nodes: 1, licensed: true },
    });
    expect((await indexer.get<any>("/stats?aimId=1")).body.nodes).toBe(1);
  });

  it("pays each channel claim's royalty to the receiver and at the rate in force at that block", async () => {
    // AIM 2: receiver C, per-call royalty 50 bps (RoyaltyUpdated in the first scenario).
    const D = "0x00000000000000000000000000000000000000d0" as const;
    const CH3 = `0x${"c3".repeat(32)}` as const;
    const CH4 = `0x${"c4".repeat(32)}` as const;
    const { timestamp } = await chain.publicClient.getBlock({ blockTag: "latest" });
    const effectiveAt = timestamp + 1_000n;
    const opened = (channelId: `0x${string}`) =>
      ev("PaymentChannels", "ChannelOpened", {
        channelId,
        payer: B,
        payee: C,
        token: USDC,
        signer: A,
        aimId: 2n,
        sessionCap: 1_000n,
        salt: channelId,
        deposit: 1_000_000n,
        expiry: 4_000_000_000n,
      });
    const claimed = (cumulativeAmount: bigint, amount: bigint, royalty: bigint) =>
      ev("PaymentChannels", "ChannelClaimed", { channelId: CH3, cumulativeAmount, amount, royalty });
    const royaltyUpdated = (receiver: `0x${string}`, pendingCallFeeBps: number, pendingCallFeeAt: bigint) =>
      ev("AIMRegistry", "RoyaltyUpdated", {
        aimId: 2n,
        receiver,
        royaltyBps: 300n,
        callFeeBps: 50,
        pendingCallFeeBps,
        pendingCallFeeAt,
      });
    const before = await indexer.gql<any>(
      `{ c: accountStat(account: "${C}", currency: "${USDC}") { royaltiesEarned channelEarned } }`,
    );
    const logs = await emitLogs(chain, [
      opened(CH3),
      opened(CH4),
      ev("PaymentChannels", "SessionCapRaised", { channelId: CH3, sessionCap: 5_000n }),
      claimed(100_000n, 100_000n, 500n), // 50 bps, to C
      royaltyUpdated(D, 0, 0n),
      claimed(200_000n, 100_000n, 500n), // to D from now on
      // An increase to 200 bps, announced: 50 bps stay in force until effectiveAt.
      ev("AIMRegistry", "CallFeeIncreaseScheduled", { aimId: 2n, callFeeBps: 200, effectiveAt }),
      royaltyUpdated(D, 200, effectiveAt),
      claimed(300_000n, 100_000n, 500n),
      // The final claim of a close: royalty floor(400,000 × 50 / 10,000) − floor(300,000 × 50 / 10,000).
      ev("PaymentChannels", "ChannelClosed", { channelId: CH3, claimed: 400_000n, refunded: 600_000n }),
    ]);
    await indexer.waitForBlock((logs.at(-1) as { blockNumber: bigint }).blockNumber);
    const d = await indexer.gql<any>(`{
      a2: aim(id: "2") { royaltyReceiver callFeeBps pendingCallFeeBps pendingCallFeeAt }
      ch3: channel(id: "${CH3}") { sessionCap sessionCapInForce claimed royaltyPaid claimsCount state refunded }
      claims: channelClaims(where: { channelId: "${CH3}" }, orderBy: "cumulativeAmount") {
        items { cumulativeAmount amount royalty payeeAmount royaltyReceiver final } }
      feed: activitys(where: { kind: "session_cap_raised" }) { items { ref amount account } }
    }`);
    expect(d.a2).toEqual({
      royaltyReceiver: D,
      callFeeBps: 50,
      pendingCallFeeBps: 200,
      pendingCallFeeAt: String(effectiveAt),
    });
    expect(d.ch3).toEqual({
      sessionCap: "1000",
      sessionCapInForce: "5000",
      claimed: "400000",
      royaltyPaid: "2000",
      claimsCount: 4,
      state: "closed",
      refunded: "600000",
    });
    expect(d.claims.items).toEqual([
      {
        cumulativeAmount: "100000",
        amount: "100000",
        royalty: "500",
        payeeAmount: "99500",
        royaltyReceiver: C,
        final: false,
      },
      {
        cumulativeAmount: "200000",
        amount: "100000",
        royalty: "500",
        payeeAmount: "99500",
        royaltyReceiver: D,
        final: false,
      },
      {
        cumulativeAmount: "300000",
        amount: "100000",
        royalty: "500",
        payeeAmount: "99500",
        royaltyReceiver: D,
        final: false,
      },
      {
        cumulativeAmount: "400000",
        amount: "100000",
        royalty: "500",
        payeeAmount: "99500",
        royaltyReceiver: D,
        final: true,
      },
    ]);
    expect(d.feed.items).toEqual([{ ref: CH3, amount: "5000", account: B }]);

    // After effectiveAt (no event marks it) a close pays 200 bps: floor(100,001 × 200 / 10,000) = 2,000.
    await testClientFor(chain).increaseTime({ seconds: 2_000 });
    const late = await emitLogs(chain, [
      ev("PaymentChannels", "ChannelClosed", { channelId: CH4, claimed: 100_001n, refunded: 899_999n }),
    ]);
    await indexer.waitForBlock((late.at(-1) as { blockNumber: bigint }).blockNumber);
    const after = await indexer.gql<any>(`{
      ch4: channel(id: "${CH4}") { royaltyPaid claimed }
      c: accountStat(account: "${C}", currency: "${USDC}") { royaltiesEarned channelEarned }
      d: accountStat(account: "${D}", currency: "${USDC}") { royaltiesEarned }
    }`);
    expect(after.ch4).toEqual({ royaltyPaid: "2000", claimed: "100001" });
    expect(after.d.royaltiesEarned).toBe(String(500 + 500 + 500 + 2_000));
    expect(BigInt(after.c.royaltiesEarned) - BigInt(before.c.royaltiesEarned)).toBe(500n);
    expect(BigInt(after.c.channelEarned) - BigInt(before.c.channelEarned)).toBe(4n * 99_500n + 98_001n);

    // A cancelled increase is an event too, whoever sent it (a multisig included): RoyaltyUpdated with none pending.
    const cancelled = await emitLogs(chain, [
      royaltyUpdated(D, 300, effectiveAt + 10_000n),
      royaltyUpdated(D, 0, 0n),
    ]);
    await indexer.waitForBlock((cancelled.at(-1) as { blockNumber: bigint }).blockNumber);
    const terms = await indexer.gql<any>(
      `{ a2: aim(id: "2") { callFeeBps pendingCallFeeBps pendingCallFeeAt } }`,
    );
    expect(terms.a2).toEqual({ callFeeBps: 50, pendingCallFeeBps: null, pendingCallFeeAt: null });
  });

  it("keeps each creator's revenue per day equal to the royalties of its AIMs' sales, claims and x402 payments", async () => {
    const nonce = `0x${"ab".repeat(32)}` as const;
    const paid = await emitLogs(chain, [
      ev("X402Settlement", "X402Settled", {
        aimId: 2n,
        node: C,
        token: USDC,
        from: B,
        amount: 1_000_000n,
        royalty: 5_000n,
        nonce,
      }),
    ]);
    await indexer.waitForBlock((paid.at(-1) as { blockNumber: bigint }).blockNumber);
    const d = await indexer.gql<any>(`{
      x402: x402Payments(limit: 1000) { items { aimId node token payer amount royalty nodeAmount nonce timestamp } }
      days: creatorRevenueDays(limit: 1000) { items { aimId currency day creator saleRoyalties callRoyalties sales claims } }
      sales(limit: 1000) { items { aimId currency royalty timestamp } }
      claims: channelClaims(limit: 1000) { items { aimId token royalty timestamp } }
      aims(limit: 100) { items { id creator } }
    }`);
    const creators = new Map(d.aims.items.map((a: any) => [a.id, a.creator]));
    const expected = new Map<string, { sale: bigint; call: bigint; sales: number; claims: number }>();
    const add = (
      aimId: string,
      currency: string,
      timestamp: string,
      royalty: string,
      kind: "sale" | "call",
    ) => {
      if (!creators.has(aimId)) return;
      const key = `${aimId}:${currency}:${Math.floor(Number(timestamp) / 86_400)}`;
      const row = expected.get(key) ?? { sale: 0n, call: 0n, sales: 0, claims: 0 };
      row[kind] += BigInt(royalty);
      if (kind === "sale") row.sales += 1;
      else row.claims += 1;
      expected.set(key, row);
    };
    for (const s of d.sales.items) add(s.aimId, s.currency, s.timestamp, s.royalty, "sale");
    for (const c of d.claims.items) add(c.aimId, c.token, c.timestamp, c.royalty, "call");
    expect(d.x402.items).toEqual([
      expect.objectContaining({
        aimId: "2",
        node: C,
        payer: B,
        amount: "1000000",
        royalty: "5000",
        nodeAmount: "995000",
        nonce,
      }),
    ]);
    for (const x of d.x402.items) add(x.aimId, x.token, x.timestamp, x.royalty, "call");
    expect(d.claims.items.length).toBeGreaterThan(0);
    expect(d.days.items).toHaveLength(expected.size);
    for (const day of d.days.items) {
      expect(day.creator).toBe(creators.get(day.aimId));
      const want = expected.get(`${day.aimId}:${day.currency}:${day.day}`);
      expect(want, `${day.aimId} ${day.currency} day ${day.day}`).toBeDefined();
      expect({
        sale: BigInt(day.saleRoyalties),
        call: BigInt(day.callRoyalties),
        sales: day.sales,
        claims: day.claims,
      }).toEqual(want);
    }
  });

  it("converges to the canonical chain after a reorg", async () => {
    const test = testClientFor(chain);
    const snapshot = await test.snapshot();
    const dropped = await emitLogs(chain, [
      ...publish(50n, "Doomed Model"),
      mint(50n, A, 5n),
      list(50n, 123n, 5n),
      ...buy(50n, 2n, 123n, 3n),
    ]);
    await indexer.waitForBlock((dropped.at(-1) as { blockNumber: bigint }).blockNumber);
    await eventually(async () =>
      (await indexer.gql<any>(`{ aim(id: "50") { id } }`)).aim ? true : undefined,
    );
    await test.revert({ id: snapshot });
    const canonical = await emitLogs(chain, [...publish(60n, "Survivor"), mint(60n, B, 1n)]);
    await mineBlocks(chain, 3);
    const head = Number((canonical.at(-1) as { blockNumber: bigint }).blockNumber) + 3;
    await indexer.waitForBlock(head);
    const d = await eventually(async () => {
      const r = await indexer.gql<any>(`{
        gone: aim(id: "50") { id } kept: aim(id: "60") { name }
        sales(where: { aimId: "50" }) { totalCount }
        listings(where: { aimId: "50" }) { totalCount }
        holdings(where: { aimId: "50" }) { totalCount }
      }`);
      return r.kept ? r : undefined;
    });
    expect(d).toMatchObject({ gone: null, kept: { name: "Survivor" } });
    expect(d.sales.totalCount + d.listings.totalCount + d.holdings.totalCount).toBe(0);
  });

  it("gives identical tables after kill -9 mid-backfill and a restart", async () => {
    const logs = [];
    for (let i = 0n; i < 40n; i++) logs.push(...publish(1_000n + i, `Bulk ${i}`), mint(1_000n + i, A, 9n));
    for (let i = 0n; i < 40n; i++)
      for (let q = 0n; q < 3n; q++) logs.push(list(1_000n + i, 10n + q, 9n, q === 0n ? ETH : USDC));
    for (let i = 0n; i < 40n; i++) logs.push(...buy(1_000n + i, 2n, 10n, 7n));
    const receipts = await emitLogs(chain, logs, 25);
    const head = Number((receipts.at(-1) as { blockNumber: bigint }).blockNumber);
    await indexer.waitForBlock(head);

    const crashed = await start("crash");
    await eventually(async () => (crashed.output().includes("Started backfill") ? true : undefined), 120_000);
    await crashed.kill9();
    expect(await crashed.indexedBlock()).toBe(-1);
    const again = await startIndexer({
      rpcUrl: chain.url,
      pgliteDir: path.join(dirs.at(-1) as string, "pglite"),
      databaseUrl: url,
      schema: schemas.at(-1) as string,
    });
    try {
      await again.waitForBlock(head, 180_000);
      const dump = async (p: IndexerProcess) =>
        p.gql(`{
          aims(limit: 1000, orderBy: "id") { items { id name holders totalSupply salesCount } }
          listings(limit: 1000, orderBy: "id") { items { id remaining sold status } }
          sales(limit: 1000, orderBy: "id") { items { id totalPrice } }
          holdings(limit: 1000, orderBy: "account") { items { aimId account balance } }
          aimCurrencyStats(limit: 1000, orderBy: "aimId") { items { aimId currency volume sales } }
          activitys(limit: 1000, orderBy: "id") { totalCount }
        }`);
      expect(await dump(again)).toEqual(await dump(indexer));
    } finally {
      await again.stop();
    }
  });

  it("detects a reset chain with the same id and drops the stale state", async () => {
    const dir = dirs[0] as string;
    await indexer.stop();
    const port = chain.port;
    await chain.stop();
    chain = await startLocalChain({ port });
    await installPump(chain, [...CORE.map(addr), SPLITTER]);
    await mineBlocks(chain, 8);
    const receipts = await emitLogs(chain, [...publish(1n, "Fresh Start"), mint(1n, B, 1n)]);
    indexer = await startIndexer({
      rpcUrl: chain.url,
      pgliteDir: path.join(dir, "pglite"),
      databaseUrl: url,
      schema: schemas[0] as string,
    });
    await indexer.waitForBlock((receipts.at(-1) as { blockNumber: bigint }).blockNumber);
    expect(indexer.output()).toMatch(/Chain reset detected/);
    const d = await indexer.gql<any>(
      `{ aim(id: "1") { name holders } aims { totalCount } listings { totalCount } }`,
    );
    expect(d).toEqual({
      aim: { name: "Fresh Start", holders: 1 },
      aims: { totalCount: 1 },
      listings: { totalCount: 0 },
    });
  });
});
