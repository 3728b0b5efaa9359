// Which chain an indexer state was built from (pure; used by indexer/run.ts, unit-tested).

export interface ChainIdentity {
  chainId: number;
  /** The block whose hash identifies the chain: the deployment's start block (genesis when 0). */
  blockNumber: number;
  /** Its hash, or "0x" when the chain is not that long (yet). */
  blockHash: string;
}

/** The identity block: the start block. (A chain shorter than it gets hash "0x".) */
export function pickIdentityBlock(startBlock: number, _head: number): number {
  return Math.max(0, startBlock);
}

/** True when `stored` describes the same chain as `now`. */
export function identityMatches(stored: ChainIdentity | undefined, now: ChainIdentity): boolean {
  return (
    stored !== undefined &&
    stored.chainId === now.chainId &&
    stored.blockNumber === now.blockNumber &&
    stored.blockHash.toLowerCase() === now.blockHash.toLowerCase()
  );
}
