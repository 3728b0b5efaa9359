// Whether the indexer and the RPC node answered last time: drives the "unreachable" banner.
// A tiny external store for useSyncExternalStore; no React import here.

export interface Health {
  indexer: boolean;
  rpc: boolean;
}

let health: Health = { indexer: true, rpc: true };
const listeners = new Set<() => void>();

function set(next: Health): void {
  if (next.indexer === health.indexer && next.rpc === health.rpc) return;
  health = next;
  for (const l of listeners) l();
}

export const reportIndexer = (ok: boolean): void => set({ ...health, indexer: ok });
export const reportRpc = (ok: boolean): void => set({ ...health, rpc: ok });
export const getHealth = (): Health => health;
export function subscribeHealth(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
