// Per-call royalty rules (AIMRegistry + PaymentChannels), pure; unit-tested in test/indexer/lib.test.ts.

/** The per-call rate columns of an `aim` row. */
export interface CallFeeTerms {
  callFeeBps: number;
  pendingCallFeeBps: number | null;
  pendingCallFeeAt: bigint | null;
}

/** The per-call royalty in force at `timestamp`: an announced increase once its date has come (AIMRegistry._callFeeOf). */
export function callFeeAt(terms: CallFeeTerms, timestamp: bigint): number {
  return terms.pendingCallFeeBps !== null &&
    terms.pendingCallFeeAt !== null &&
    timestamp >= terms.pendingCallFeeAt
    ? terms.pendingCallFeeBps
    : terms.callFeeBps;
}

/**
 * The royalty of one claim from `previous` to `cumulative` at `bps` (PaymentChannels): computed on cumulative
 * amounts, so splitting a payment into many claims at one rate pays exactly floor(total × bps / 10,000).
 */
export function claimRoyalty(previous: bigint, cumulative: bigint, bps: number): bigint {
  if (cumulative <= previous) return 0n;
  const b = BigInt(bps);
  return (cumulative * b) / 10_000n - (previous * b) / 10_000n;
}

/**
 * The pending increase after a RoyaltyUpdated whose rate in force is `inForce`. The event does not say whether
 * an announced increase survives, so `requested` is the callFeeBps argument of the setRoyalty call when the
 * transaction is a direct call (decoded from its input), else undefined. AIMRegistry.setRoyalty keeps the
 * pending increase only when the request is above the rate in force (a new one was just announced by
 * CallFeeIncreaseScheduled, or the same one asked again); an increase already in force is no longer pending.
 * Without the request it keeps a pending increase still ahead (a cancellation through a contract wallet is
 * not visible in events; see indexer/README.md).
 */
export function pendingAfterUpdate(
  pending: Pick<CallFeeTerms, "pendingCallFeeBps" | "pendingCallFeeAt">,
  inForce: number,
  requested: number | undefined,
  timestamp: bigint,
): Pick<CallFeeTerms, "pendingCallFeeBps" | "pendingCallFeeAt"> {
  const none = { pendingCallFeeBps: null, pendingCallFeeAt: null };
  if (pending.pendingCallFeeAt === null || pending.pendingCallFeeAt <= timestamp) return none;
  if (requested !== undefined && requested <= inForce) return none;
  return pending;
}
