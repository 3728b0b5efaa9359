// The indexer's tables: everything here is derived from contract events (see indexer/src/*.ts).
// Amounts are uint256 (numeric(78)), times are unix seconds, addresses lower-case hex.
// Currency 0x000…000 is ETH. Every table is exposed by GraphQL at /graphql.
import { index, onchainTable, primaryKey, relations } from "ponder";

// ─── AIMs and their manifests ───────────────────────────────────────────────────────────────────

/** One row per AIM (ERC-1155 token id of AIMRegistry), with its current manifest decoded. */
export const aim = onchainTable(
  "aim",
  (t) => ({
    id: t.bigint().primaryKey(),
    creator: t.hex().notNull(),
    pendingCreator: t.hex(),
    /** Latest on-chain version number (1, 2, …). */
    version: t.bigint().notNull(),
    manifestUri: t.text().notNull(),
    manifestHash: t.hex().notNull(),
    /** "data" when decoded from a data: URI, "external" when the app must fetch it. */
    manifestSource: t.text().notNull(),
    manifestValid: t.boolean().notNull(),
    /** Why the manifest is invalid ("field: reason"), null when valid or not yet fetched. */
    manifestError: t.text(),
    name: t.text(),
    shortName: t.text(),
    manifestVersion: t.text(),
    description: t.text(),
    author: t.text(),
    license: t.text(),
    tags: t.json().$type<string[]>(),
    endpoints: t.json().$type<unknown[]>(),
    /** Cheapest endpoint price per call (micro-USDC), from the manifest. */
    minPricePerCall: t.bigint(),
    /** Lower-cased name + short name + description + tags, for /search. */
    searchText: t.text().notNull(),
    /** The current royalty receiver: every sale and every channel claim from now on pays it. */
    royaltyReceiver: t.hex().notNull(),
    royaltyBps: t.integer().notNull(),
    /**
     * The per-call royalty (bps of each channel claim) in force as of the latest royalty event. An announced
     * increase (`pendingCallFeeBps`) takes over at `pendingCallFeeAt` with no event: the rate in force at time
     * t is `pendingCallFeeBps` when `pendingCallFeeAt` <= t, else `callFeeBps` (see lib/royalty.ts).
     */
    callFeeBps: t.integer().notNull(),
    /** An announced per-call royalty increase (AIMRegistry CallFeeIncreaseScheduled), null when none. */
    pendingCallFeeBps: t.integer(),
    /** When the increase takes effect (unix seconds), null when none. */
    pendingCallFeeAt: t.bigint(),
    maxSupply: t.bigint().notNull(),
    totalSupply: t.bigint().notNull(),
    holders: t.integer().notNull(),
    salesCount: t.integer().notNull(),
    unitsSold: t.bigint().notNull(),
    createdAt: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (t) => ({
    creatorIdx: index().on(t.creator),
    createdIdx: index().on(t.createdAt),
    salesIdx: index().on(t.salesCount),
  }),
);

/** Every published version of every AIM (version 1 included). */
export const aimVersion = onchainTable(
  "aim_version",
  (t) => ({
    aimId: t.bigint().notNull(),
    version: t.bigint().notNull(),
    manifestUri: t.text().notNull(),
    manifestHash: t.hex().notNull(),
    manifestSource: t.text().notNull(),
    manifestValid: t.boolean().notNull(),
    manifestError: t.text(),
    name: t.text(),
    manifestVersion: t.text(),
    /** The decoded manifest (unknown fields kept), null when not decodable. */
    manifest: t.json(),
    publishedAt: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.aimId, t.version] }) }),
);

/** License balance of one account for one AIM (rows with balance 0 are kept as history). */
export const holding = onchainTable(
  "holding",
  (t) => ({
    aimId: t.bigint().notNull(),
    account: t.hex().notNull(),
    balance: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.aimId, t.account] }),
    accountIdx: index().on(t.account),
  }),
);

/** Every license movement: kind "mint" | "transfer" | "burn". */
export const licenseTransfer = onchainTable(
  "license_transfer",
  (t) => ({
    id: t.text().primaryKey(),
    aimId: t.bigint().notNull(),
    kind: t.text().notNull(),
    operator: t.hex().notNull(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    amount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ aimIdx: index().on(t.aimId) }),
);

/** ERC-1155 operator approvals on AIMRegistry. */
export const approval = onchainTable(
  "approval",
  (t) => ({
    account: t.hex().notNull(),
    operator: t.hex().notNull(),
    approved: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.account, t.operator] }) }),
);

// ─── Marketplace ────────────────────────────────────────────────────────────────────────────────

/**
 * A listing. `status`: "active" | "partially_sold" | "sold_out" | "cancelled"; `open` is true while
 * it can still sell (not cancelled, remaining > 0). Expiry is a query-time condition:
 * a listing is buyable when `open` and `expiresAt > now` (expiry 0 = never, stored as 2^63-1).
 */
export const listing = onchainTable(
  "listing",
  (t) => ({
    id: t.hex().primaryKey(),
    seller: t.hex().notNull(),
    token: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    /** tokenId when `token` is AIMRegistry, else null. */
    aimId: t.bigint(),
    standard: t.integer().notNull(),
    currency: t.hex().notNull(),
    pricePerUnit: t.bigint().notNull(),
    /** Quantity offered by the latest ListingCreated/ListingUpdated. */
    quantity: t.bigint().notNull(),
    remaining: t.bigint().notNull(),
    sold: t.bigint().notNull(),
    salesCount: t.integer().notNull(),
    expiry: t.bigint().notNull(),
    expiresAt: t.bigint().notNull(),
    feeBps: t.integer().notNull(),
    status: t.text().notNull(),
    open: t.boolean().notNull(),
    createdAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({
    // Catalogue: open listings of one currency by price (and the per-AIM floor).
    catalogueIdx: index().on(t.open, t.currency, t.pricePerUnit, t.id),
    // Covers an AIM's floor probe (/catalogue, /stats) without touching the table: expiry is a filter.
    aimPriceIdx: index().on(t.aimId, t.open, t.currency, t.pricePerUnit, t.expiresAt),
    recentIdx: index().on(t.open, t.createdAt),
    sellerIdx: index().on(t.seller),
  }),
);

/** One purchase: buyer paid totalPrice = sellerProceeds + royalty + fee. */
export const sale = onchainTable(
  "sale",
  (t) => ({
    id: t.text().primaryKey(),
    listingId: t.hex().notNull(),
    buyer: t.hex().notNull(),
    seller: t.hex().notNull(),
    token: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    aimId: t.bigint(),
    currency: t.hex().notNull(),
    quantity: t.bigint().notNull(),
    pricePerUnit: t.bigint().notNull(),
    totalPrice: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    royaltyReceiver: t.hex().notNull(),
    royalty: t.bigint().notNull(),
    sellerProceeds: t.bigint().notNull(),
    remaining: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({
    aimIdx: index().on(t.aimId, t.timestamp),
    buyerIdx: index().on(t.buyer),
    sellerIdx: index().on(t.seller),
    timeIdx: index().on(t.timestamp),
  }),
);

/** Pull balances owed by AIMMarketplace or PaymentChannels (`contract`) to an account. */
export const credit = onchainTable(
  "credit",
  (t) => ({
    contract: t.text().notNull(),
    account: t.hex().notNull(),
    currency: t.hex().notNull(),
    credited: t.bigint().notNull(),
    withdrawn: t.bigint().notNull(),
    balance: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.contract, t.account, t.currency] }) }),
);

/** Currencies allowed by AIMMarketplace or PaymentChannels (`contract`). */
export const allowedCurrency = onchainTable(
  "allowed_currency",
  (t) => ({
    contract: t.text().notNull(),
    currency: t.hex().notNull(),
    allowed: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.contract, t.currency] }) }),
);

/** Platform fees paid out of AIMMarketplace to its treasury (FeesWithdrawn). */
export const feeWithdrawal = onchainTable("fee_withdrawal", (t) => ({
  id: t.text().primaryKey(),
  treasury: t.hex().notNull(),
  currency: t.hex().notNull(),
  amount: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  txHash: t.hex().notNull(),
}));

/** Marketplace settings (one row, id "market"). */
export const marketConfig = onchainTable("market_config", (t) => ({
  id: t.text().primaryKey(),
  feeBps: t.integer(),
  treasury: t.hex(),
  paused: t.boolean().notNull(),
  updatedAt: t.bigint().notNull(),
}));

// ─── Royalty splitters ──────────────────────────────────────────────────────────────────────────

export const splitter = onchainTable(
  "splitter",
  (t) => ({
    id: t.hex().primaryKey(),
    creator: t.hex().notNull(),
    /** The AIM whose royalty receiver this splitter is (set by AIMPublished/RoyaltyUpdated). */
    aimId: t.bigint(),
    payees: t.json().$type<string[]>().notNull(),
    shares: t.json().$type<string[]>().notNull(),
    totalShares: t.bigint().notNull(),
    receivedEth: t.bigint().notNull(),
    releasedEth: t.bigint().notNull(),
    createdAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ aimIdx: index().on(t.aimId) }),
);

/** ETH received by a splitter (PaymentReceived). */
export const splitterPayment = onchainTable("splitter_payment", (t) => ({
  id: t.text().primaryKey(),
  splitter: t.hex().notNull(),
  from: t.hex().notNull(),
  amount: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  txHash: t.hex().notNull(),
}));

/**
 * A release to a payee: token 0x0 for ETH (PaymentReleased) or the ERC-20 (ERC20PaymentReleased);
 * `failed` when the splitter reported ReleaseFailed (the amount stays releasable).
 */
export const splitterRelease = onchainTable(
  "splitter_release",
  (t) => ({
    id: t.text().primaryKey(),
    splitter: t.hex().notNull(),
    token: t.hex().notNull(),
    to: t.hex().notNull(),
    amount: t.bigint().notNull(),
    failed: t.boolean().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ splitterIdx: index().on(t.splitter), toIdx: index().on(t.to) }),
);

// ─── Payment channels ───────────────────────────────────────────────────────────────────────────

/**
 * `state`: "open" | "closed" (payee closed) | "reclaimed" (payer took the rest after expiry). The royalty is
 * not frozen at open: each claim pays the AIM's receiver and per-call rate in force at that claim.
 */
export const channel = onchainTable(
  "channel",
  (t) => ({
    id: t.hex().primaryKey(),
    payer: t.hex().notNull(),
    payee: t.hex().notNull(),
    token: t.hex().notNull(),
    signer: t.hex().notNull(),
    aimId: t.bigint().notNull(),
    /** The session cap the channel opened with: one of the 7 parameters its id hashes, never changes. */
    sessionCap: t.bigint().notNull(),
    /** Up to which cumulative amount the session key may sign now: the cap at open, or the one the payer raised. */
    sessionCapInForce: t.bigint().notNull(),
    salt: t.hex().notNull(),
    deposit: t.bigint().notNull(),
    claimed: t.bigint().notNull(),
    royaltyPaid: t.bigint().notNull(),
    remaining: t.bigint().notNull(),
    refunded: t.bigint().notNull(),
    claimsCount: t.integer().notNull(),
    expiry: t.bigint().notNull(),
    state: t.text().notNull(),
    openedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({
    payerIdx: index().on(t.payer),
    payeeIdx: index().on(t.payee),
    aimIdx: index().on(t.aimId),
  }),
);

/**
 * One claim: ChannelClaimed, or the final claim of a ChannelClosed (`final`; its royalty is computed like the
 * contract's: floor(cumulative × bps / 10,000) − the same for the previous cumulative amount, at the rate in
 * force at that block). `royaltyReceiver` is the AIM's receiver at that block.
 */
export const channelClaim = onchainTable(
  "channel_claim",
  (t) => ({
    id: t.text().primaryKey(),
    channelId: t.hex().notNull(),
    aimId: t.bigint().notNull(),
    payee: t.hex().notNull(),
    token: t.hex().notNull(),
    cumulativeAmount: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    royalty: t.bigint().notNull(),
    royaltyReceiver: t.hex().notNull(),
    final: t.boolean().notNull(),
    payeeAmount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ channelIdx: index().on(t.channelId), payeeIdx: index().on(t.payee, t.timestamp) }),
);

// ─── x402 payments ──────────────────────────────────────────────────────────────────────────────

/**
 * One X402Settlement.settle: `amount` paid by x402 (EIP-3009) for calls to `aimId` on `node`, split on chain:
 * `royalty` to the AIM's receiver at that block, the rest to the node.
 */
export const x402Payment = onchainTable(
  "x402_payment",
  (t) => ({
    id: t.text().primaryKey(),
    aimId: t.bigint().notNull(),
    node: t.hex().notNull(),
    token: t.hex().notNull(),
    payer: t.hex().notNull(),
    amount: t.bigint().notNull(),
    royalty: t.bigint().notNull(),
    nodeAmount: t.bigint().notNull(),
    nonce: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ aimIdx: index().on(t.aimId, t.timestamp), nodeIdx: index().on(t.node, t.timestamp) }),
);

// ─── HyperBox nodes and offers ──────────────────────────────────────────────────────────────────

export const node = onchainTable(
  "node",
  (t) => ({
    id: t.bigint().primaryKey(),
    operator: t.hex().notNull(),
    endpoint: t.text().notNull(),
    /** The raw capabilities string, and its JSON parse when it is a JSON object (else null). */
    capabilities: t.text().notNull(),
    capabilitiesJson: t.json(),
    region: t.text().notNull(),
    active: t.boolean().notNull(),
    registeredAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (t) => ({ operatorIdx: index().on(t.operator) }),
);

/**
 * Which AIM runs on which node, at what price per call. As HyperBoxRegistry.offerActive: `active` = not
 * `retired` (OfferRetired, or its node retired) and `licensed`; `licensed` = the operator holds at least one
 * license of the AIM per node it serves it on (false as soon as a license leaves its balance, true again when
 * it returns; always false at balance 0).
 */
export const offer = onchainTable(
  "offer",
  (t) => ({
    nodeId: t.bigint().notNull(),
    aimId: t.bigint().notNull(),
    /** The node's operator (the payee of this offer's channels). */
    operator: t.hex().notNull(),
    version: t.bigint().notNull(),
    currency: t.hex().notNull(),
    pricePerCall: t.bigint().notNull(),
    active: t.boolean().notNull(),
    retired: t.boolean().notNull(),
    licensed: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.nodeId, t.aimId] }),
    aimIdx: index().on(t.aimId, t.active),
    operatorIdx: index().on(t.operator, t.aimId),
  }),
);

/**
 * HyperBoxRegistry.servingCount: on how many non-retired nodes `operator` offers `aimId` (`nodes`), and
 * whether its license balance covers them (`licensed`, copied onto its offers).
 */
export const serving = onchainTable(
  "serving",
  (t) => ({
    operator: t.hex().notNull(),
    aimId: t.bigint().notNull(),
    nodes: t.integer().notNull(),
    licensed: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.operator, t.aimId] }) }),
);

// ─── Aggregates ─────────────────────────────────────────────────────────────────────────────────

/** Sales of one AIM in one currency. (Floor price is a query-time figure: see /stats and README.) */
export const aimCurrencyStat = onchainTable(
  "aim_currency_stat",
  (t) => ({
    aimId: t.bigint().notNull(),
    currency: t.hex().notNull(),
    volume: t.bigint().notNull(),
    sales: t.integer().notNull(),
    units: t.bigint().notNull(),
    royalties: t.bigint().notNull(),
    fees: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.aimId, t.currency] }) }),
);

/** What one account bought, sold and earned in royalties (sales + channel claims), per currency. */
export const accountStat = onchainTable(
  "account_stat",
  (t) => ({
    account: t.hex().notNull(),
    currency: t.hex().notNull(),
    boughtCount: t.integer().notNull(),
    boughtVolume: t.bigint().notNull(),
    soldCount: t.integer().notNull(),
    soldProceeds: t.bigint().notNull(),
    royaltiesEarned: t.bigint().notNull(),
    channelEarned: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.account, t.currency] }) }),
);

/**
 * What an AIM earned its creator per UTC day and currency: royalties from license sales and from paid calls
 * (channel claims and x402 settlements). `creator` is the AIM's publisher (the royalty may go to a splitter it set up). Written as
 * events arrive, so the creator's analytics read one row per day, never the sales.
 */
export const creatorRevenueDay = onchainTable(
  "creator_revenue_day",
  (t) => ({
    aimId: t.bigint().notNull(),
    currency: t.hex().notNull(),
    day: t.integer().notNull(),
    date: t.text().notNull(),
    creator: t.hex().notNull(),
    saleRoyalties: t.bigint().notNull(),
    callRoyalties: t.bigint().notNull(),
    sales: t.integer().notNull(),
    claims: t.integer().notNull(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.aimId, t.currency, t.day] }),
    creatorIdx: index().on(t.creator, t.day),
  }),
);

/** Marketplace volume and sales per UTC day (`day` = unix day number, `date` = YYYY-MM-DD). */
export const dailyStat = onchainTable(
  "daily_stat",
  (t) => ({
    day: t.integer().notNull(),
    currency: t.hex().notNull(),
    date: t.text().notNull(),
    volume: t.bigint().notNull(),
    sales: t.integer().notNull(),
    fees: t.bigint().notNull(),
    royalties: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.day, t.currency] }) }),
);

/**
 * The live feed: kind "publish" | "version" | "listing" | "listing_updated" | "listing_cancelled" |
 * "sale" | "claim" | "channel_opened" | "session_cap_raised" | "channel_closed" | "channel_reclaimed" | "offer" |
 * "x402_payment".
 */
export const activity = onchainTable(
  "activity",
  (t) => ({
    id: t.text().primaryKey(),
    kind: t.text().notNull(),
    aimId: t.bigint(),
    account: t.hex().notNull(),
    counterparty: t.hex(),
    currency: t.hex(),
    amount: t.bigint(),
    quantity: t.bigint(),
    ref: t.text(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({
    timeIdx: index().on(t.blockNumber, t.logIndex),
    aimIdx: index().on(t.aimId, t.blockNumber),
    accountIdx: index().on(t.account),
  }),
);

// ─── Relations (GraphQL nested fields) ──────────────────────────────────────────────────────────

export const aimRelations = relations(aim, ({ many }) => ({
  versions: many(aimVersion),
  holdings: many(holding),
  listings: many(listing),
  sales: many(sale),
  offers: many(offer),
  stats: many(aimCurrencyStat),
  channels: many(channel),
}));
export const aimVersionRelations = relations(aimVersion, ({ one }) => ({
  aim: one(aim, { fields: [aimVersion.aimId], references: [aim.id] }),
}));
export const holdingRelations = relations(holding, ({ one }) => ({
  aim: one(aim, { fields: [holding.aimId], references: [aim.id] }),
}));
export const listingRelations = relations(listing, ({ one, many }) => ({
  aim: one(aim, { fields: [listing.aimId], references: [aim.id] }),
  sales: many(sale),
}));
export const saleRelations = relations(sale, ({ one }) => ({
  aim: one(aim, { fields: [sale.aimId], references: [aim.id] }),
  listing: one(listing, { fields: [sale.listingId], references: [listing.id] }),
}));
export const splitterRelations = relations(splitter, ({ many }) => ({
  releases: many(splitterRelease),
  payments: many(splitterPayment),
}));
export const splitterReleaseRelations = relations(splitterRelease, ({ one }) => ({
  splitter: one(splitter, { fields: [splitterRelease.splitter], references: [splitter.id] }),
}));
export const splitterPaymentRelations = relations(splitterPayment, ({ one }) => ({
  splitter: one(splitter, { fields: [splitterPayment.splitter], references: [splitter.id] }),
}));
export const channelRelations = relations(channel, ({ one, many }) => ({
  aim: one(aim, { fields: [channel.aimId], references: [aim.id] }),
  claims: many(channelClaim),
}));
export const channelClaimRelations = relations(channelClaim, ({ one }) => ({
  channel: one(channel, { fields: [channelClaim.channelId], references: [channel.id] }),
}));
export const nodeRelations = relations(node, ({ many }) => ({ offers: many(offer) }));
export const offerRelations = relations(offer, ({ one }) => ({
  node: one(node, { fields: [offer.nodeId], references: [node.id] }),
  aim: one(aim, { fields: [offer.aimId], references: [aim.id] }),
}));
export const activityRelations = relations(activity, ({ one }) => ({
  aim: one(aim, { fields: [activity.aimId], references: [aim.id] }),
}));
export const creatorRevenueDayRelations = relations(creatorRevenueDay, ({ one }) => ({
  aim: one(aim, { fields: [creatorRevenueDay.aimId], references: [aim.id] }),
}));
export const aimCurrencyStatRelations = relations(aimCurrencyStat, ({ one }) => ({
  aim: one(aim, { fields: [aimCurrencyStat.aimId], references: [aim.id] }),
}));
