// The indexer benchmark's chain history: 1,000 AIMs published and minted, N synthetic listings (by
// ListingSource, thousands per transaction), then 1,000 listings by one seller and 2,500 sales of them.
// Everything is emitted at the deployment addresses with the real ABIs, so the real handlers run.

import { emitLogs, installPump, mineBlocks, type RawLog } from "../scripts/fixtures/event-pump.js";
import { emitSyntheticListings, installListingSource } from "../scripts/fixtures/listing-source.js";
import type { LocalChain } from "../scripts/harness/chain.js";
import { addr, buy, CORE, ETH, list, mint, publish, SPLITTER, USDC } from "../test/indexer/scenario.js";

export const AIMS = 1_000;
const SALES = 2_500;
const SELLERS = Array.from(
  { length: 100 },
  (_, i) => `0x${(0xa11ce000 + i).toString(16).padStart(40, "0")}` as `0x${string}`,
);
const TAGS = ["nlp", "vision", "audio", "finance", "code", "search", "translation", "chat"];
/** Ponder treats the newest 30 blocks of chain 31337 as unfinalized (indexed live, not backfilled). */
const FINALITY_BLOCKS = 30;

/** Reorders each run of `chunk` logs so logs of one address are adjacent (one pump tx each). */
function groupByAddress(logs: RawLog[], chunk: number): RawLog[] {
  const out: RawLog[] = [];
  for (let i = 0; i < logs.length; i += chunk) {
    const part = logs.slice(i, i + chunk);
    const addresses = [...new Set(part.map((l) => l.address))];
    for (const a of addresses) out.push(...part.filter((l) => l.address === a));
  }
  return out;
}

export interface History {
  events: number;
  /** The last block the indexer must reach (the events plus the finality window). */
  head: number;
}

/** Installs the event sources and emits the whole history; `listings` synthetic listings. */
export async function emitHistory(chain: LocalChain, listings: number): Promise<History> {
  await installPump(chain, [...CORE.map(addr), SPLITTER]);
  await installListingSource(chain, addr("AIMMarketplace"));
  await mineBlocks(chain, 8);

  const aims: RawLog[] = [];
  for (let i = 1; i <= AIMS; i++) {
    const tag = TAGS[i % TAGS.length] as string;
    aims.push(...publish(BigInt(i), `Model ${i} ${tag}`, [tag]));
    aims.push(mint(BigInt(i), SELLERS[0] as `0x${string}`, 1_000n));
  }
  await emitLogs(chain, groupByAddress(aims, 600), 400);

  await emitSyntheticListings(chain, addr("AIMMarketplace"), {
    count: listings,
    token: addr("AIMRegistry"),
    ids: AIMS,
    sellers: SELLERS,
    currencies: [ETH, USDC],
  });

  // A listing by scenario's seller A on every AIM, then sales of them (Sale + TransferSingle each).
  const sales: RawLog[] = [];
  for (let i = 1; i <= AIMS; i++) sales.push(list(BigInt(i), 1_000n, 10n));
  for (let i = 1; i <= SALES; i++) sales.push(...buy(BigInt((i % AIMS) + 1), 1n, 1_000n, 9n));
  await emitLogs(chain, groupByAddress(sales, 800), 400);

  await mineBlocks(chain, FINALITY_BLOCKS + 1);
  const head = Number(await chain.publicClient.getBlockNumber());
  // As `npm run dev` does: Ponder's WebSocket realtime moves on new heads only, so keep them coming.
  await chain.publicClient.request({ method: "evm_setIntervalMining", params: [1_000] } as never);
  return { events: aims.length + listings + sales.length, head };
}
