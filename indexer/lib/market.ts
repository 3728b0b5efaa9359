// Pure rules the marketplace handlers apply; unit-tested in test/indexer/lib.test.ts.

/** Stored in `expiresAt` for listings with expiry 0 (never expire): the largest int8. */
export const NEVER = 9_223_372_036_854_775_807n;

export type ListingStatus = "active" | "partially_sold" | "sold_out" | "cancelled";

/** Expiry 0 means "never"; anything else is a unix time in seconds. */
export function expiresAt(expiry: bigint): bigint {
  return expiry === 0n || expiry > NEVER ? NEVER : expiry;
}

/** Status after an event: cancelled wins, then sold out (nothing left), then partially sold. */
export function listingStatus(remaining: bigint, sold: bigint, cancelled: boolean): ListingStatus {
  if (cancelled) return "cancelled";
  if (remaining === 0n) return sold > 0n ? "sold_out" : "cancelled";
  return sold > 0n ? "partially_sold" : "active";
}

/** Price per unit of a sale (the listing price the buyer accepted). */
export function unitPrice(totalPrice: bigint, quantity: bigint): bigint {
  return quantity === 0n ? 0n : totalPrice / quantity;
}

/** Kind of an ERC-1155 transfer. */
export function transferKind(from: string, to: string): "mint" | "burn" | "transfer" {
  if (/^0x0{40}$/i.test(from)) return "mint";
  if (/^0x0{40}$/i.test(to)) return "burn";
  return "transfer";
}

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as const;

/** UTC day number and its YYYY-MM-DD label for a unix timestamp in seconds. */
export function utcDay(timestamp: bigint): { day: number; date: string } {
  const day = Number(timestamp / 86_400n);
  return { day, date: new Date(day * 86_400_000).toISOString().slice(0, 10) };
}

/** The unique id of a log: `${txHash}-${logIndex}` (a reorg that drops the log drops the row). */
export function logId(
  event: { transaction: { hash: string }; log: { logIndex: number } },
  suffix?: number,
): string {
  return suffix === undefined
    ? `${event.transaction.hash}-${event.log.logIndex}`
    : `${event.transaction.hash}-${event.log.logIndex}-${suffix}`;
}

/** Parses a node's capabilities string when it is a JSON object (else null). */
export function parseCapabilities(raw: string): unknown {
  if (raw.length > 64 * 1024) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The license rule of HyperBoxRegistry.offerActive: the operator holds a license of the AIM, and at least one
 * per node it serves the AIM on.
 */
export function covers(balance: bigint, nodes: number): boolean {
  return balance > 0n && BigInt(nodes) <= balance;
}
