// `npm run deploy` / `npm run deploy:verify`: a missing configuration variable is ONE line naming it.
import { describe, expect, it } from "vitest";
import { runToCompletion } from "../../scripts/harness/processes.js";

const WITHOUT_SECRETS = {
  SEPOLIA_RPC_URL: undefined,
  BASE_SEPOLIA_RPC_URL: undefined,
  POLYGON_AMOY_RPC_URL: undefined,
  DEPLOYER_PRIVATE_KEY: undefined,
  ETHERSCAN_API_KEY: undefined,
  SHAPE_SEPOLIA_RPC_URL: undefined,
};

describe("deploy and verify commands", () => {
  it("name every missing variable of the network in one line", async () => {
    const result = await runToCompletion("npx", ["tsx", "scripts/deploy.ts", "--network", "sepolia"], {
      env: WITHOUT_SECRETS,
    });
    expect(result.code).toBe(1);
    const lines = result.stderr
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.startsWith("npm warn"));
    expect(lines).toEqual([
      expect.stringMatching(
        /^deploy --network sepolia: missing configuration variables DEPLOYER_PRIVATE_KEY, SEPOLIA_RPC_URL \(/,
      ),
    ]);
  }, 120_000);

  it("name only what is missing", async () => {
    const result = await runToCompletion("npx", ["tsx", "scripts/deploy.ts", "--network", "baseSepolia"], {
      env: { ...WITHOUT_SECRETS, BASE_SEPOLIA_RPC_URL: "http://127.0.0.1:1" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/missing configuration variable DEPLOYER_PRIVATE_KEY \(/);
    expect(result.stderr).not.toMatch(/BASE_SEPOLIA_RPC_URL/);
  }, 120_000);

  it("know Shape Sepolia, an OP-stack L2, with its own RPC variable", async () => {
    const result = await runToCompletion("npx", ["tsx", "scripts/deploy.ts", "--network", "shapeSepolia"], {
      env: WITHOUT_SECRETS,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /deploy --network shapeSepolia: missing configuration variables DEPLOYER_PRIVATE_KEY, SHAPE_SEPOLIA_RPC_URL \(/,
    );
  }, 120_000);

  it("ask for the Etherscan key when verifying", async () => {
    const result = await runToCompletion("npx", ["tsx", "scripts/verify.ts", "--network", "polygonAmoy"], {
      env: WITHOUT_SECRETS,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /verify --network polygonAmoy: missing configuration variables POLYGON_AMOY_RPC_URL, ETHERSCAN_API_KEY/,
    );
  }, 120_000);

  it("refuse an unknown network, listing the known ones", async () => {
    const result = await runToCompletion("npx", ["tsx", "scripts/deploy.ts", "--network", "mainnet"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /deploy: unknown network "mainnet" \(known: .*sepolia.*baseSepolia.*polygonAmoy.*shapeSepolia.*shape/,
    );
  }, 120_000);
});
