/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_INDEXER_URL?: string;
  readonly VITE_RPC_URL?: string;
  readonly VITE_CHAIN_ID?: string;
  readonly VITE_WALLETCONNECT_PROJECT_ID?: string;
  // Cardano (app/src/cardano/config.ts): unset VITE_CARDANO_NETWORK = no Cardano UI, no lucid download.
  readonly VITE_CARDANO_NETWORK?: string;
  readonly VITE_CARDANO_PROVIDER?: string;
  readonly VITE_BLOCKFROST_PROJECT_ID?: string;
  readonly VITE_BLOCKFROST_URL?: string;
  readonly VITE_KUPO_URL?: string;
  readonly VITE_OGMIOS_URL?: string;
  readonly VITE_MAESTRO_API_KEY?: string;
}
