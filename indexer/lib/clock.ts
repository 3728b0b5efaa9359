// "Now" for query-time expiry: the later of the wall clock and the chain's latest block time (local
// chains move time forward with evm_increaseTime). Refreshed in the background, at most every 2 s.
export function chainClock(latestTimestamp: () => Promise<bigint>, ttlMs = 2_000): () => bigint {
  let chainNow = 0n;
  let fetchedAt = 0;
  let inFlight = false;
  const refresh = () => {
    if (inFlight || Date.now() - fetchedAt < ttlMs) return;
    inFlight = true;
    latestTimestamp()
      .then((ts) => {
        chainNow = ts;
        fetchedAt = Date.now();
      })
      .catch(() => {
        fetchedAt = Date.now(); // RPC down: fall back to the wall clock until the next try
      })
      .finally(() => {
        inFlight = false;
      });
  };
  refresh();
  return () => {
    refresh();
    const wall = BigInt(Math.floor(Date.now() / 1000));
    return chainNow > wall ? chainNow : wall;
  };
}
