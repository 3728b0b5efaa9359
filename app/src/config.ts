// Runtime settings from the environment (Vite inlines import.meta.env at build time).

const env: Partial<ImportMetaEnv> = import.meta.env ?? {};

/** The Ponder indexer (GraphQL at /graphql, /search and /stats). */
export const indexerUrl: string = (env.VITE_INDEXER_URL || "http://127.0.0.1:42069").replace(/\/$/, "");
/** Overrides the RPC URL of the local chain (default: the chain's own, 127.0.0.1:8545 for 31337). */
export const rpcUrl: string | undefined = env.VITE_RPC_URL || undefined;
/** The chain to use when deployments know several (default: the first one). */
export const preferredChainId: number | undefined = env.VITE_CHAIN_ID ? Number(env.VITE_CHAIN_ID) : undefined;
/** WalletConnect-based wallets are only offered when a project id is set. */
export const walletConnectProjectId: string | undefined = env.VITE_WALLETCONNECT_PROJECT_ID || undefined;
