import { CardanoConfigError } from "@aim/sdk/cardano/errors";
import { connectFromEnv, readProviderConfig } from "@aim/sdk/cardano/provider";
import { connectCip30 } from "@aim/sdk/cardano/wallet";
import { describe, expect, test } from "vitest";

const blockfrost = {
  CARDANO_NETWORK: "preprod",
  CARDANO_PROVIDER: "blockfrost",
  BLOCKFROST_PROJECT_ID: "preprodABC",
};

function variableOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CardanoConfigError) return error.variable;
    throw error;
  }
  return undefined;
}

describe("provider configuration from the environment", () => {
  test("each provider's valid configuration", () => {
    expect(readProviderConfig(blockfrost)).toEqual({
      kind: "blockfrost",
      network: "Preprod",
      projectId: "preprodABC",
      url: "https://cardano-preprod.blockfrost.io/api/v0",
    });
    const kupmios = {
      CARDANO_NETWORK: "mainnet",
      CARDANO_PROVIDER: "kupmios",
      KUPO_URL: "http://127.0.0.1:1442",
      OGMIOS_URL: "ws://127.0.0.1:1337",
    };
    expect(readProviderConfig(kupmios)).toMatchObject({ kind: "kupmios", network: "Mainnet" });
    const maestro = { CARDANO_NETWORK: "Preview", CARDANO_PROVIDER: "Maestro", MAESTRO_API_KEY: "k" };
    expect(readProviderConfig(maestro)).toEqual({ kind: "maestro", network: "Preview", apiKey: "k" });
  });

  test("a missing or wrong setting names its variable", () => {
    expect(variableOf(() => readProviderConfig({}))).toBe("CARDANO_NETWORK");
    expect(variableOf(() => readProviderConfig({ CARDANO_NETWORK: "testnet" }))).toBe("CARDANO_NETWORK");
    expect(variableOf(() => readProviderConfig({ CARDANO_NETWORK: "preprod" }))).toBe("CARDANO_PROVIDER");
    expect(
      variableOf(() => readProviderConfig({ CARDANO_NETWORK: "preprod", CARDANO_PROVIDER: "koios" })),
    ).toBe("CARDANO_PROVIDER");
    expect(variableOf(() => readProviderConfig({ ...blockfrost, BLOCKFROST_PROJECT_ID: "" }))).toBe(
      "BLOCKFROST_PROJECT_ID",
    );
    expect(variableOf(() => readProviderConfig({ ...blockfrost, BLOCKFROST_PROJECT_ID: "mainnetXYZ" }))).toBe(
      "BLOCKFROST_PROJECT_ID",
    );
    expect(variableOf(() => readProviderConfig({ ...blockfrost, BLOCKFROST_URL: "not a url" }))).toBe(
      "BLOCKFROST_URL",
    );
    const kupmios = {
      CARDANO_NETWORK: "preprod",
      CARDANO_PROVIDER: "kupmios",
      KUPO_URL: "http://127.0.0.1:1442",
    };
    expect(variableOf(() => readProviderConfig(kupmios))).toBe("OGMIOS_URL");
    expect(
      variableOf(() => readProviderConfig({ CARDANO_NETWORK: "preprod", CARDANO_PROVIDER: "maestro" })),
    ).toBe("MAESTRO_API_KEY");
  });

  test("the message says what to set", () => {
    expect(() => readProviderConfig({})).toThrow(
      "CARDANO_NETWORK: not set (one of preprod, preview, mainnet)",
    );
  });

  test("signing without a wallet key names CARDANO_SEED_PHRASE, before any network request", async () => {
    await expect(connectFromEnv(blockfrost, true)).rejects.toThrow(/CARDANO_SEED_PHRASE: not set/);
  });
});

describe("CIP-30", () => {
  test("an absent wallet is a clear error listing the wallets present", async () => {
    const config = readProviderConfig(blockfrost);
    (globalThis as { cardano?: unknown }).cardano = { eternl: { enable: async () => ({}) } };
    try {
      await expect(connectCip30("nami", config)).rejects.toThrow(
        'no CIP-30 wallet named "nami" in this page',
      );
    } finally {
      delete (globalThis as { cardano?: unknown }).cardano;
    }
  });
});
