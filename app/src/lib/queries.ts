// Every query the app sends to the indexer, typed by hand against indexer/ponder.schema.ts
// (Ponder GraphQL: bigints arrive as decimal strings). test/app/queries-schema.test.ts checks each one
// against the schema with the `graphql` package.
import { gql, request } from "./graphql.js";

type BigIntString = string;
type Hex = `0x${string}`;

export interface Page<T> {
  items: T[];
  totalCount: number;
}

// ─── Indexer progress ────────────────────────────────────────────────────────────────────────────

/** @public: test/app/queries-schema.test.ts checks every exported document against the schema. */
export const META = gql<{
  _meta: { status: Record<string, { id: number; block: { number: number } }> | null };
}>`
  query Meta {
    _meta {
      status
    }
  }
`;

/** The highest block the indexer has processed (0 before it has any). */
export async function indexerBlock(): Promise<bigint> {
  const data = await request(META);
  const status = data._meta.status ?? {};
  return Object.values(status).reduce(
    (max, s) => (BigInt(s.block.number) > max ? BigInt(s.block.number) : max),
    0n,
  );
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

export interface AimCard {
  id: BigIntString;
  name: string | null;
  shortName: string | null;
  manifestVersion: string | null;
  author: string | null;
  creator: Hex;
  description: string | null;
  manifestValid: boolean;
  minPricePerCall: BigIntString | null;
  salesCount: number;
  unitsSold: BigIntString;
  createdAt: BigIntString;
  tags: string[] | null;
}

const AIM_CARD_FIELDS = `id name shortName manifestVersion author creator description manifestValid minPricePerCall salesCount unitsSold createdAt tags`;

export interface ListingRow {
  id: Hex;
  seller: Hex;
  token: Hex;
  tokenId: BigIntString;
  aimId: BigIntString | null;
  standard: number;
  currency: Hex;
  pricePerUnit: BigIntString;
  quantity: BigIntString;
  remaining: BigIntString;
  sold: BigIntString;
  expiry: BigIntString;
  expiresAt: BigIntString;
  feeBps: number;
  status: string;
  open: boolean;
  createdAt: BigIntString;
}

const LISTING_FIELDS = `id seller token tokenId aimId standard currency pricePerUnit quantity remaining sold expiry expiresAt feeBps status open createdAt`;

export interface ListingFilter {
  open?: boolean;
  aimId?: BigIntString;
  aimId_in?: BigIntString[];
  seller?: Hex;
  currency?: Hex;
  pricePerUnit_gte?: BigIntString;
  pricePerUnit_lte?: BigIntString;
  expiresAt_gt?: BigIntString;
}

export const LISTINGS = gql<
  { listings: Page<ListingRow> },
  { where: ListingFilter; orderBy?: string; orderDirection?: "asc" | "desc"; limit?: number }
>`
  query Listings($where: listingFilter, $orderBy: String, $orderDirection: String, $limit: Int) {
    listings(where: $where, orderBy: $orderBy, orderDirection: $orderDirection, limit: $limit) {
      items { ${LISTING_FIELDS} }
      totalCount
    }
  }
`;

// ─── AIM page ────────────────────────────────────────────────────────────────────────────────────

export interface AimDetail extends AimCard {
  version: BigIntString;
  manifestUri: string;
  manifestHash: Hex;
  manifestSource: string;
  manifestError: string | null;
  license: string | null;
  endpoints: unknown[] | null;
  royaltyReceiver: Hex;
  royaltyBps: number;
  /** The per-call royalty in force. */
  callFeeBps: number;
  /** A scheduled per-call royalty increase (AIMRegistry.aim().pendingCallFeeBps), null/0 when none. */
  pendingCallFeeBps: number | null;
  /** When that increase takes effect (unix seconds; CALL_FEE_NOTICE after it was announced), null/0 when none. */
  pendingCallFeeAt: BigIntString | null;
  maxSupply: BigIntString;
  totalSupply: BigIntString;
  holders: number;
}

export interface VersionRow {
  version: BigIntString;
  manifestUri: string;
  manifestHash: Hex;
  manifestValid: boolean;
  manifestError: string | null;
  manifestVersion: string | null;
  manifest: Record<string, unknown> | null;
  publishedAt: BigIntString;
  txHash: Hex;
}

export interface SaleRow {
  id: string;
  listingId: Hex;
  buyer: Hex;
  seller: Hex;
  aimId: BigIntString | null;
  currency: Hex;
  quantity: BigIntString;
  pricePerUnit: BigIntString;
  totalPrice: BigIntString;
  fee: BigIntString;
  royalty: BigIntString;
  royaltyReceiver: Hex;
  sellerProceeds: BigIntString;
  timestamp: BigIntString;
  blockNumber: BigIntString;
  txHash: Hex;
}

const SALE_FIELDS = `id listingId buyer seller aimId currency quantity pricePerUnit totalPrice fee royalty royaltyReceiver sellerProceeds timestamp blockNumber txHash`;

export interface OfferRow {
  nodeId: BigIntString;
  aimId: BigIntString;
  version: BigIntString;
  currency: Hex;
  pricePerCall: BigIntString;
  /** False once the offer was removed or its operator no longer holds a license of the AIM: not payable. */
  active: boolean;
  node: {
    id: BigIntString;
    operator: Hex;
    endpoint: string;
    region: string;
    capabilities: string;
    active: boolean;
  } | null;
}

export interface SplitterRow {
  id: Hex;
  payees: string[];
  shares: string[];
  totalShares: BigIntString;
  receivedEth: BigIntString;
  releasedEth: BigIntString;
}

export const AIM_PAGE = gql<
  {
    aim: AimDetail | null;
    aimVersions: Page<VersionRow>;
    listings: Page<ListingRow>;
    sales: Page<SaleRow>;
    offers: Page<OfferRow>;
    splitters: Page<SplitterRow>;
  },
  { id: BigIntString; now: BigIntString }
>`
  query AimPage($id: BigInt!, $now: BigInt) {
    aim(id: $id) {
      ${AIM_CARD_FIELDS}
      version manifestUri manifestHash manifestSource manifestError license endpoints
      royaltyReceiver royaltyBps callFeeBps pendingCallFeeBps pendingCallFeeAt maxSupply totalSupply holders
    }
    aimVersions(where: { aimId: $id }, orderBy: "version", orderDirection: "desc", limit: 50) {
      items { version manifestUri manifestHash manifestValid manifestError manifestVersion manifest publishedAt txHash }
      totalCount
    }
    listings(where: { aimId: $id, open: true, expiresAt_gt: $now }, orderBy: "pricePerUnit", orderDirection: "asc", limit: 100) {
      items { ${LISTING_FIELDS} }
      totalCount
    }
    sales(where: { aimId: $id }, orderBy: "timestamp", orderDirection: "asc", limit: 1000) {
      items { ${SALE_FIELDS} }
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
`;

// ─── Portfolio ───────────────────────────────────────────────────────────────────────────────────

export interface HoldingRow {
  aimId: BigIntString;
  balance: BigIntString;
  aim: { id: BigIntString; name: string | null; manifestVersion: string | null; creator: Hex } | null;
}

export interface CreditRow {
  contract: string;
  currency: Hex;
  balance: BigIntString;
  credited: BigIntString;
  withdrawn: BigIntString;
}

export interface AccountStatRow {
  currency: Hex;
  boughtCount: number;
  boughtVolume: BigIntString;
  soldCount: number;
  soldProceeds: BigIntString;
  royaltiesEarned: BigIntString;
  channelEarned: BigIntString;
}

export const PORTFOLIO = gql<
  {
    holdings: Page<HoldingRow>;
    listings: Page<ListingRow & { aim: { name: string | null } | null }>;
    sold: Page<SaleRow>;
    bought: Page<SaleRow>;
    credits: Page<CreditRow>;
    accountStats: Page<AccountStatRow>;
    splitters: Page<SplitterRow & { aimId: BigIntString | null }>;
  },
  { account: Hex }
>`
  query Portfolio($account: String!) {
    holdings(where: { account: $account, balance_gt: "0" }, orderBy: "aimId", limit: 200) {
      items { aimId balance aim { id name manifestVersion creator } }
      totalCount
    }
    listings(where: { seller: $account, open: true }, orderBy: "createdAt", orderDirection: "desc", limit: 200) {
      items { ${LISTING_FIELDS} aim { name } }
      totalCount
    }
    sold: sales(where: { seller: $account }, orderBy: "timestamp", orderDirection: "desc", limit: 100) {
      items { ${SALE_FIELDS} }
      totalCount
    }
    bought: sales(where: { buyer: $account }, orderBy: "timestamp", orderDirection: "desc", limit: 100) {
      items { ${SALE_FIELDS} }
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
`;

// ─── Channels ────────────────────────────────────────────────────────────────────────────────────

export interface ChannelRow {
  id: Hex;
  payer: Hex;
  payee: Hex;
  token: Hex;
  signer: Hex;
  aimId: BigIntString;
  /** The session cap in force (the cap at open, or the one the payer raised it to; 0 without a session key). */
  sessionCap: BigIntString;
  sessionCapInForce: BigIntString;
  salt: Hex;
  deposit: BigIntString;
  claimed: BigIntString;
  remaining: BigIntString;
  expiry: BigIntString;
  state: string;
  openedAt: BigIntString;
  aim: { name: string | null } | null;
}

export const MY_CHANNELS = gql<{ channels: Page<ChannelRow> }, { payer: Hex }>`
  query MyChannels($payer: String!) {
    channels(where: { payer: $payer }, orderBy: "openedAt", orderDirection: "desc", limit: 100) {
      items { id payer payee token signer aimId sessionCap sessionCapInForce salt deposit claimed remaining expiry state openedAt aim { name } }
      totalCount
    }
  }
`;

// ─── Activity ────────────────────────────────────────────────────────────────────────────────────

export interface ActivityRow {
  id: string;
  kind: string;
  aimId: BigIntString | null;
  account: Hex;
  counterparty: Hex | null;
  currency: Hex | null;
  amount: BigIntString | null;
  quantity: BigIntString | null;
  timestamp: BigIntString;
  blockNumber: BigIntString;
  txHash: Hex;
}

export const ACTIVITY = gql<{ activitys: Page<ActivityRow> }, { kinds: string[]; limit: number }>`
  query Activity($kinds: [String!], $limit: Int) {
    activitys(where: { kind_in: $kinds }, orderBy: "blockNumber", orderDirection: "desc", limit: $limit) {
      items { id kind aimId account counterparty currency amount quantity timestamp blockNumber txHash }
      totalCount
    }
  }
`;
