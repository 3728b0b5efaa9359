// Network configuration from environment variables, for real networks (preprod, preview, mainnet). Reading
// the configuration is pure; only createProvider/connectFromEnv load lucid.
//   CARDANO_NETWORK   preprod | preview | mainnet
//   CARDANO_PROVIDER  blockfrost | kupmios | maestro
//   blockfrost: BLOCKFROST_PROJECT_ID (its prefix names the network), BLOCKFROST_URL (optional)
//   kupmios:    KUPO_URL, OGMIOS_URL
//   maestro:    MAESTRO_API_KEY
//   wallet (CLI): CARDANO_SEED_PHRASE or CARDANO_PRIVATE_KEY (bech32 ed25519_sk…)
import type { Provider } from "lucid-cardano";
import { CardanoConfigError } from "./errors.js";
import { type Lucid, loadLucid } from "./lucid.js";

export type CardanoNetwork = "Mainnet" | "Preprod" | "Preview";
export type Env = Record<string, string | undefined>;

export type ProviderConfig =
  | { kind: "blockfrost"; network: CardanoNetwork; projectId: string; url: string }
  | { kind: "kupmios"; network: CardanoNetwork; kupoUrl: string; ogmiosUrl: string }
  | { kind: "maestro"; network: CardanoNetwork; apiKey: string };

const NETWORKS: Record<string, CardanoNetwork> = {
  mainnet: "Mainnet",
  preprod: "Preprod",
  preview: "Preview",
};

function required(env: Env, name: string, hint: string): string {
  const value = env[name]?.trim();
  if (!value) throw new CardanoConfigError(name, `not set (${hint})`);
  return value;
}

function url(env: Env, name: string, hint: string): string {
  const value = required(env, name, hint);
  try {
    new URL(value);
  } catch {
    throw new CardanoConfigError(name, `not a URL: ${value}`);
  }
  return value;
}

/** Reads and checks the provider configuration; throws CardanoConfigError naming the variable at fault. */
export function readProviderConfig(env: Env): ProviderConfig {
  const rawNetwork = required(env, "CARDANO_NETWORK", "one of preprod, preview, mainnet");
  const network = NETWORKS[rawNetwork.toLowerCase()];
  if (!network)
    throw new CardanoConfigError(
      "CARDANO_NETWORK",
      `unknown network "${rawNetwork}" (preprod, preview, mainnet)`,
    );
  const kind = required(env, "CARDANO_PROVIDER", "one of blockfrost, kupmios, maestro").toLowerCase();
  switch (kind) {
    case "blockfrost": {
      const projectId = required(env, "BLOCKFROST_PROJECT_ID", "your Blockfrost project id");
      if (!projectId.toLowerCase().startsWith(network.toLowerCase())) {
        throw new CardanoConfigError(
          "BLOCKFROST_PROJECT_ID",
          `project id is for another network than ${network} (it should start with "${network.toLowerCase()}")`,
        );
      }
      const fallback = `https://cardano-${network.toLowerCase()}.blockfrost.io/api/v0`;
      const urlValue = env.BLOCKFROST_URL ? url(env, "BLOCKFROST_URL", "") : fallback;
      return { kind, network, projectId, url: urlValue };
    }
    case "kupmios":
      return {
        kind,
        network,
        kupoUrl: url(env, "KUPO_URL", "e.g. http://localhost:1442"),
        ogmiosUrl: url(env, "OGMIOS_URL", "e.g. ws://localhost:1337"),
      };
    case "maestro":
      return { kind, network, apiKey: required(env, "MAESTRO_API_KEY", "your Maestro API key") };
    default:
      throw new CardanoConfigError(
        "CARDANO_PROVIDER",
        `unknown provider "${kind}" (blockfrost, kupmios, maestro)`,
      );
  }
}

/** The lucid provider for a configuration (no network request is made here). */
export async function createProvider(config: ProviderConfig): Promise<Provider> {
  const { Blockfrost, Kupmios, Maestro } = await loadLucid();
  switch (config.kind) {
    case "blockfrost":
      return new Blockfrost(config.url, config.projectId);
    case "kupmios":
      return new Kupmios(config.kupoUrl, config.ogmiosUrl);
    case "maestro":
      return new Maestro({ network: config.network, apiKey: config.apiKey });
  }
}

/** Lucid on the configured network, with the wallet from CARDANO_SEED_PHRASE or CARDANO_PRIVATE_KEY when
 * `needsWallet` (the CLI's signing commands); queries need no wallet. */
export async function connectFromEnv(env: Env, needsWallet: boolean): Promise<Lucid> {
  const config = readProviderConfig(env);
  const seed = env.CARDANO_SEED_PHRASE?.trim();
  const key = env.CARDANO_PRIVATE_KEY?.trim();
  if (needsWallet && !seed && !key) {
    throw new CardanoConfigError(
      "CARDANO_SEED_PHRASE",
      "not set (or set CARDANO_PRIVATE_KEY) to sign transactions",
    );
  }
  const { Lucid } = await loadLucid();
  const lucid = await Lucid.new(await createProvider(config), config.network);
  if (seed) return lucid.selectWalletFromSeed(seed);
  if (key) return lucid.selectWalletFromPrivateKey(key);
  return lucid;
}
