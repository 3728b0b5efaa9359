// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL answers are checked field by field below
// The indexer on the real contracts: LocalSystem deployed with the project's Ignition module on a
// real hardhat node, the demo catalogue seeded by deploy/seed.ts (what `npm run dev` does), then the
// real `ponder start` (through indexer/run.ts) queried through GraphQL and /stats. One chain and one
// seed are shared by every database (PGlite always; Postgres too when TEST_DATABASE_URL is set).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deploymentFor } from "@aim/sdk/deployments";
import { erc2981Royalty } from "@aim/sdk/marketplace";
import { findNodes } from "@aim/sdk/metered-discovery";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { devAccount } from "../../deploy/dev-accounts.js";
import { loadExamples, type SeedResult, seedCatalogue } from "../../deploy/seed.js";
import { type LocalChain, startLocalChain } from "../../scripts/harness/chain.js";
import { type IndexerProcess, startIndexer } from "../../scripts/harness/indexer.js";
import { deployLocalSystem } from "../deploy/helpers.js";
import { type ScratchDatabase, scratchDatabase, testDatabaseUrl } from "../support/postgres.js";

const databaseUrl = testDatabaseUrl();

vi.setConfig({ testTimeout: 300_000, hookTimeout: 400_000 });

const GATEWAY = "http://127.0.0.1:8787";
const ETH = "0x0000000000000000000000000000000000000000";
const USDC = deploymentFor(31337).contracts.TestUSDC?.address.toLowerCase() as string;
const dev = (index: number) => devAccount(index).address.toLowerCase();
const examples = loadExamples();

let chain: LocalChain;
let seeded: SeedResult;
const running: { name: string; indexer: Promise<IndexerProcess>; scratch?: ScratchDatabase }[] = [];
const dir = mkdtempSync(path.join(tmpdir(), "aim-idx-seeded-"));

beforeAll(async () => {
  chain = await startLocalChain();
  await deployLocalSystem(chain.url);
  seeded = await seedCatalogue({ rpcUrl: chain.url, gatewayUrl: GATEWAY });
  // Both indexers start (and backfill) at once: each waits only for its own startup.
  running.push({
    name: "PGlite",
    indexer: startIndexer({ rpcUrl: chain.url, pgliteDir: path.join(dir, "pglite"), schema: "seeded" }),
  });
  if (databaseUrl) {
    const scratch = await scratchDatabase(databaseUrl, "seeded");
    running.push({
      name: "Postgres",
      scratch,
      indexer: startIndexer({ rpcUrl: chain.url, databaseUrl: scratch.url, schema: "seeded" }),
    });
  }
});

afterAll(async () => {
  for (const { indexer, scratch } of running) {
    await (await indexer.catch(() => undefined))?.stop();
    await scratch?.drop();
  }
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(["PGlite", ...(databaseUrl ? ["Postgres"] : [])])(
  "indexer on the seeded real contracts, %s",
  (name) => {
    it("finds the node serving the seeded chat AIM (sdk findNodes)", async () => {
      const indexer = await (running.find((r) => r.name === name)?.indexer as Promise<IndexerProcess>);
      await indexer.waitForBlock(seeded.lastBlock, 240_000);
      const chat = seeded.aims.find((aim) => aim.shortName === "demo-chat");
      const nodes = await findNodes(indexer.url, chat?.aimId as bigint);
      expect(nodes).toHaveLength(1);
      expect(nodes[0]).toMatchObject({ nodeId: seeded.nodeId, endpoint: GATEWAY });
      expect(nodes[0]?.currency.toLowerCase()).toBe(USDC);
      expect(await findNodes(indexer.url, 999n)).toEqual([]);
    });

    it("shows the seeded AIMs, listings, sales, holdings, node, offers and channel", async () => {
      const indexer = await (running.find((r) => r.name === name)?.indexer as Promise<IndexerProcess>);
      await indexer.waitForBlock(seeded.lastBlock, 240_000);
      expect(seeded.aims).toHaveLength(examples.length);

      const d = await indexer.gql<Record<string, any>>(`{
      aims(orderBy: "id", limit: 100) { totalCount items { id name shortName creator manifestValid manifestSource
        royaltyReceiver royaltyBps totalSupply holders salesCount unitsSold } }
      listings(orderBy: "pricePerUnit", limit: 100) { totalCount items { aimId seller currency pricePerUnit quantity remaining sold status open } }
      sales(limit: 100) { totalCount items { aimId buyer seller currency quantity totalPrice royalty } }
      holdings(where: { balance_gt: "0" }, limit: 100) { items { aimId account balance } }
      splitters { items { id aimId payees shares } }
      nodes { items { id operator endpoint region active capabilitiesJson } }
      offers(orderBy: "aimId") { items { nodeId aimId operator version currency pricePerCall active licensed retired } }
      servings(limit: 100) { items { operator nodes licensed } }
      channels { items { payer payee token aimId sessionCap deposit claimed remaining state } }
    }`);

      // AIMs: one per example manifest, valid data: URIs, 100 minted to the creator, three sold.
      expect(d.aims.totalCount).toBe(examples.length);
      for (const [i, example] of examples.entries()) {
        const aim = d.aims.items[i];
        const creator = seeded.aims[i]?.creator.toLowerCase();
        expect(aim).toMatchObject({
          id: String(seeded.aims[i]?.aimId),
          shortName: example.shortName,
          creator,
          manifestValid: true,
          manifestSource: "data",
          royaltyBps: 500,
          totalSupply: "100",
          holders: 4,
          salesCount: 3,
          unitsSold: "3",
        });
        expect(aim.name).toMatch(/\w/);
        // The second AIM shares its royalties through a RoyaltySplitter clone (creator 80 / dev #9 20).
        if (i === 1) {
          expect(d.splitters.items).toEqual([
            { id: aim.royaltyReceiver, aimId: aim.id, payees: [creator, dev(9)], shares: ["80", "20"] },
          ]);
        } else expect(aim.royaltyReceiver).toBe(creator);
      }

      // Listings: each AIM in ETH (two sold) and TestUSDC (one sold), 50 units each.
      expect(d.listings.totalCount).toBe(2 * examples.length);
      for (const [i, aim] of seeded.aims.entries()) {
        const mine = d.listings.items.filter((l: any) => l.aimId === String(aim.aimId));
        expect(mine).toEqual(
          expect.arrayContaining([
            {
              aimId: String(aim.aimId),
              seller: aim.creator.toLowerCase(),
              currency: ETH,
              pricePerUnit: String(parseEther("0.01") * BigInt(i + 1)),
              quantity: "50",
              remaining: "48",
              sold: "2",
              status: "partially_sold",
              open: true,
            },
            {
              aimId: String(aim.aimId),
              seller: aim.creator.toLowerCase(),
              currency: USDC,
              pricePerUnit: String(25_000_000n * BigInt(i + 1)),
              quantity: "50",
              remaining: "49",
              sold: "1",
              status: "partially_sold",
              open: true,
            },
          ]),
        );
      }

      // Sales: three per AIM, one unit each, 5% royalty; the operator (dev #6) bought one of each.
      expect(d.sales.totalCount).toBe(seeded.sales);
      expect(seeded.sales).toBe(3 * examples.length);
      for (const sale of d.sales.items) {
        expect(sale.quantity).toBe("1");
        expect(sale.royalty).toBe(String(erc2981Royalty(BigInt(sale.totalPrice), 500n)));
      }
      const operatorBought = d.sales.items.filter((s: any) => s.buyer === dev(6));
      expect(operatorBought.map((s: any) => s.aimId).sort()).toEqual(
        seeded.aims.map((a) => String(a.aimId)).sort(),
      );

      // Holdings: creator 97, each buyer (dev #4, #5) and the operator 1 per AIM.
      for (const aim of seeded.aims) {
        const rows = d.holdings.items
          .filter((h: any) => h.aimId === String(aim.aimId))
          .map((h: any) => [h.account, h.balance])
          .sort();
        expect(rows).toEqual(
          [
            [aim.creator.toLowerCase(), "97"],
            [dev(4), "1"],
            [dev(5), "1"],
            [dev(6), "1"],
          ].sort(),
        );
      }

      // The gateway's HyperBox node with one TestUSDC offer per AIM at the manifest's minimum price.
      expect(d.nodes.items).toEqual([
        {
          id: String(seeded.nodeId),
          operator: dev(6),
          endpoint: GATEWAY,
          region: "local",
          active: true,
          capabilitiesJson: { gpus: 0, cpus: 2, memory_gb: 8 },
        },
      ]);
      expect(d.offers.items).toEqual(
        examples.map((example, i) => ({
          nodeId: String(seeded.nodeId),
          aimId: String(seeded.aims[i]?.aimId),
          version: "1",
          currency: USDC,
          operator: dev(6),
          pricePerCall: String(example.pricePerCall),
          active: true,
          licensed: true,
          retired: false,
        })),
      );
      // The operator bought one license of each AIM for its one node: each serving count is covered.
      expect(d.servings.items).toEqual(examples.map(() => ({ operator: dev(6), nodes: 1, licensed: true })));

      // The demo channel: dev #4 → the operator, 10 tUSDC for the first AIM, nothing claimed yet.
      expect(d.channels.items).toEqual([
        {
          payer: dev(4),
          payee: dev(6),
          token: USDC,
          aimId: String(seeded.aims[0]?.aimId),
          // The seed's choice (0 for a channel without a session key): set at open, by the event.
          sessionCap: expect.stringMatching(/^\d+$/),
          deposit: "10000000",
          claimed: "0",
          remaining: "10000000",
          state: "open",
        },
      ]);

      const stats = await indexer.get<any>(`/stats?aimId=${seeded.aims[0]?.aimId}`);
      expect(stats.status).toBe(200);
      expect(stats.body.floor).toEqual(
        expect.arrayContaining([{ currency: ETH, price: String(parseEther("0.01")), listings: 1 }]),
      );
    });
  },
);
