// Every query the app sends to the indexer, as gql.tada documents: `tsc` checks each one against the
// indexer's GraphQL schema (app/src/lib/indexer.generated.d.ts, generated from indexer/ponder.schema.ts) and
// infers its variables and result, so the row types below are read off the queries, never written by hand.
// Ponder's GraphQL sends BigInt columns as decimal strings and hex columns as lower-case strings.
import { graphql, type ResultOf, request } from "./graphql.js";

// ─── Indexer progress ────────────────────────────────────────────────────────────────────────────

/** @public: test/app/queries-schema.test.ts checks every exported document against the schema. */
export const META = graphql(`
  query Meta {
    _meta {
      status
    }
  }
`);

/** The block each chain is indexed up to, from Ponder's `_meta.status` (JSON: `{ [chain]: { block: { number } } }`). */
function indexedBlocks(status: unknown): number[] {
  if (typeof status !== "object" || status === null) return [];
  return Object.values(status).flatMap((s) => (typeof s?.block?.number === "number" ? [s.block.number] : []));
}

/** The highest block the indexer has processed (0 before it has any). */
export async function indexerBlock(): Promise<bigint> {
  const data = await request(META, {});
  return indexedBlocks(data._meta?.status).reduce((max, n) => (BigInt(n) > max ? BigInt(n) : max), 0n);
}

class IndexerLagError extends Error {
  override name = "IndexerLagError";
}

/**
 * Polls the indexer until it has processed `block`. Returns the block it reached; throws an
 * IndexerLagError (a sentence) after `timeoutMs` so the UI can say the transaction is mined but
 * not visible yet.
 */
export async function waitForIndexer(block: bigint, timeoutMs = 30_000, intervalMs = 50): Promise<bigint> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const at = await indexerBlock();
      if (at >= block) return at;
    } catch {
      // Unreachable for now: keep trying until the deadline.
    }
    if (Date.now() > deadline)
      throw new IndexerLagError(
        `The transaction is mined (block ${block}), but the marketplace index has not caught up yet. It will appear once the indexer is back.`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ─── Catalogue ───────────────────────────────────────────────────────────────────────────────────

const AimCardFields = graphql(`
  fragment AimCardFields on aim {
    id name shortName manifestVersion author creator description manifestValid minPricePerCall salesCount
    unitsSold createdAt tags
  }
`);

/** An AIM as the catalogue shows it (the same columns /catalogue answers with). */
export type AimCard = ResultOf<typeof AimCardFields>;

const ListingFields = graphql(`
  fragment ListingFields on listing {
    id seller token tokenId aimId standard currency pricePerUnit quantity remaining sold expiry expiresAt feeBps
    status open createdAt
  }
`);

export type ListingRow = ResultOf<typeof ListingFields>;

export const LISTINGS = graphql(
  `
  query Listings($where: listingFilter, $orderBy: String, $orderDirection: String, $limit: Int) {
    listings(where: $where, orderBy: $orderBy, orderDirection: $orderDirection, limit: $limit) {
      items { ...ListingFields }
      totalCount
    }
  }
`,
  [ListingFields],
);

// ─── AIM page ────────────────────────────────────────────────────────────────────────────────────

const SaleFields = graphql(`
  fragment SaleFields on sale {
    id listingId buyer seller aimId currency quantity pricePerUnit totalPrice fee royalty royaltyReceiver
    sellerProceeds timestamp blockNumber txHash
  }
`);

export type SaleRow = ResultOf<typeof SaleFields>;

// The AIM's per-call royalty: `callFeeBps` is the rate in force as of the latest royalty event; a scheduled
// increase (`pendingCallFeeBps`, null or 0 when none) takes over at `pendingCallFeeAt` (unix seconds).
export const AIM_PAGE = graphql(
  `
  query AimPage($id: BigInt!, $now: BigInt) {
    aim(id: $id) {
      ...AimCardFields
      version manifestUri manifestHash manifestSource manifestError license endpoints
      royaltyReceiver royaltyBps callFeeBps pendingCallFeeBps pendingCallFeeAt maxSupply totalSupply holders
    }
    aimVersions(where: { aimId: $id }, orderBy: "version", orderDirection: "desc", limit: 50) {
      items { version manifestUri manifestHash manifestValid manifestError manifestVersion manifest publishedAt txHash }
      totalCount
    }
    listings(where: { aimId: $id, open: true, expiresAt_gt: $now }, orderBy: "pricePerUnit", orderDirection: "asc", limit: 100) {
      items { ...ListingFields }
      totalCount
    }
    sales(where: { aimId: $id }, orderBy: "timestamp", orderDirection: "asc", limit: 1000) {
      items { ...SaleFields }
      totalCount
    }
    offers(where: { aimId: $id }, orderBy: "pricePerCall", orderDirection: "asc", limit: 100) {
      items { nodeId aimId version currency pricePerCall active node { id operator endpoint region capabilities active } }
      totalCount
    }
    splitters(where: { aimId: $id }, limit: 5) {
      items { id payees shares totalShares receivedEth releasedEth }
      totalCount
    }
  }
`,
  [AimCardFields, ListingFields, SaleFields],
);

type AimPage = ResultOf<typeof AIM_PAGE>;
export type AimDetail = NonNullable<AimPage["aim"]>;
/** A royalty splitter; `payees` and `shares` are JSON columns (read them with `stringsOf`). */
export type SplitterRow = AimPage["splitters"]["items"][number];
/** A node's offer of the AIM; `active` is false once it was removed or its operator no longer holds a license. */
export type OfferRow = AimPage["offers"]["items"][number];

/** A JSON column holding a list of strings (a splitter's payees or shares); [] when it holds anything else. */
export function stringsOf(json: unknown): string[] {
  return Array.isArray(json) ? json.map(String) : [];
}

// ─── Portfolio ───────────────────────────────────────────────────────────────────────────────────

export const PORTFOLIO = graphql(
  `
  query Portfolio($account: String!) {
    holdings(where: { account: $account, balance_gt: "0" }, orderBy: "aimId", limit: 200) {
      items { aimId balance aim { id name manifestVersion creator } }
      totalCount
    }
    listings(where: { seller: $account, open: true }, orderBy: "createdAt", orderDirection: "desc", limit: 200) {
      items { ...ListingFields aim { name } }
      totalCount
    }
    sold: sales(where: { seller: $account }, orderBy: "timestamp", orderDirection: "desc", limit: 100) {
      items { ...SaleFields }
      totalCount
    }
    bought: sales(where: { buyer: $account }, orderBy: "timestamp", orderDirection: "desc", limit: 100) {
      items { ...SaleFields }
      totalCount
    }
    credits(where: { account: $account, balance_gt: "0" }, limit: 50) {
      items { contract currency balance credited withdrawn }
      totalCount
    }
    accountStats(where: { account: $account }, limit: 20) {
      items { currency boughtCount boughtVolume soldCount soldProceeds royaltiesEarned channelEarned }
      totalCount
    }
    splitters(where: { creator: $account }, limit: 50) {
      items { id aimId payees shares totalShares receivedEth releasedEth }
      totalCount
    }
  }
`,
  [ListingFields, SaleFields],
);

export type CreditRow = ResultOf<typeof PORTFOLIO>["credits"]["items"][number];

// ─── Channels ────────────────────────────────────────────────────────────────────────────────────

// `sessionCap` is the cap at open (one of the parameters the channel id hashes), `sessionCapInForce` the one the
// session key may sign up to now (0 without a session key).
export const MY_CHANNELS = graphql(`
  query MyChannels($payer: String!) {
    channels(where: { payer: $payer }, orderBy: "openedAt", orderDirection: "desc", limit: 100) {
      items { id payer payee token signer aimId sessionCap sessionCapInForce salt deposit claimed remaining expiry state openedAt aim { name } }
      totalCount
    }
  }
`);

export type ChannelRow = ResultOf<typeof MY_CHANNELS>["channels"]["items"][number];

// ─── Activity ────────────────────────────────────────────────────────────────────────────────────

export const ACTIVITY = graphql(`
  query Activity($kinds: [String!], $limit: Int) {
    activitys(where: { kind_in: $kinds }, orderBy: "blockNumber", orderDirection: "desc", limit: $limit) {
      items { id kind aimId aim { name } account counterparty currency amount quantity timestamp blockNumber txHash }
      totalCount
    }
  }
`);

export type ActivityRow = ResultOf<typeof ACTIVITY>["activitys"]["items"][number];

// ─── Creator analytics and notifications ─────────────────────────────────────────────────────────

/** One row per AIM, currency and day, maintained by the indexer (creator_revenue_day): never a scan of sales. */
export const CREATOR_REVENUE = graphql(`
  query CreatorRevenue($creator: String!, $since: Int!) {
    creatorRevenueDays(where: { creator: $creator, day_gte: $since }, orderBy: "day", limit: 1000) {
      items { aimId currency day date saleRoyalties callRoyalties sales claims aim { name } }
    }
  }
`);

export type RevenueDayRow = ResultOf<typeof CREATOR_REVENUE>["creatorRevenueDays"]["items"][number];

/** What happened to the connected account lately: its licenses sold, payments to its nodes, its open channels. */
export const NOTIFICATIONS = graphql(`
  query Notifications($account: String!) {
    sold: sales(where: { seller: $account }, orderBy: "timestamp", orderDirection: "desc", limit: 20) {
      items { id aimId aim { name } quantity totalPrice sellerProceeds currency buyer timestamp }
    }
    claims: channelClaims(where: { payee: $account }, orderBy: "timestamp", orderDirection: "desc", limit: 20) {
      items { id aimId channelId amount payeeAmount token timestamp }
    }
    x402: x402Payments(where: { node: $account }, orderBy: "timestamp", orderDirection: "desc", limit: 20) {
      items { id aimId nodeAmount token timestamp }
    }
    channels(where: { payer: $account, state: "open" }, orderBy: "openedAt", orderDirection: "desc", limit: 50) {
      items { id aimId aim { name } token deposit remaining expiry updatedAt }
    }
  }
`);

export type NotificationsData = ResultOf<typeof NOTIFICATIONS>;
