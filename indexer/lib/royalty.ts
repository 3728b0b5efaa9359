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
