// Cardano settings from the Vite environment. Tiny and free of any Cardano code: the app's eager chunks
// import only this, so EVM-only users (no VITE_CARDANO_NETWORK) never download lucid or its WASM.
//   VITE_CARDANO_NETWORK   preprod | preview | mainnet    (unset: no Cardano UI at all)
//   VITE_CARDANO_PROVIDER  blockfrost | kupmios | maestro
//   blockfrost: VITE_BLOCKFROST_PROJECT_ID, VITE_BLOCKFROST_URL (optional, e.g. a local proxy)
//   kupmios:    VITE_KUPO_URL, VITE_OGMIOS_URL
//   maestro:    VITE_MAESTRO_API_KEY
//   (the marketplace fee is compiled into the validator: contracts/cardano/params.json)

export type CardanoEnv = Record<string, string | undefined>;

/** The sdk/cardano variable each VITE_ variable sets (sdk/cardano/provider.ts reads the unprefixed names). */
const NAMES = [
  "CARDANO_NETWORK",
  "CARDANO_PROVIDER",
  "BLOCKFROST_PROJECT_ID",
  "BLOCKFROST_URL",
  "KUPO_URL",
  "OGMIOS_URL",
  "MAESTRO_API_KEY",
] as const;

const viteEnv: CardanoEnv = (import.meta.env ?? {}) as unknown as CardanoEnv;

/** VITE_CARDANO_NETWORK… → CARDANO_NETWORK…, the names sdk/cardano's readProviderConfig expects. */
export function cardanoEnv(source: CardanoEnv = viteEnv): CardanoEnv {
  const env: CardanoEnv = {};
  for (const name of NAMES) {
    const value = source[`VITE_${name}`]?.trim();
    if (value) env[name] = value;
  }
  return env;
}

/** True when a Cardano network is configured: only then does the app show (and load) any Cardano UI. */
export function cardanoEnabled(env: CardanoEnv = cardanoEnv()): boolean {
  return Boolean(env.CARDANO_NETWORK);
}
