// sdk/deployments.generated.ts: generated, committed, and current with artifacts/ and deploy/; read through the
// hand-written accessors of sdk/deployments.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { abis, deployedChainIds, deploymentFor } from "@aim/sdk/deployments";
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { REPO_ROOT as ROOT, runToCompletion } from "../../scripts/harness/processes.js";

describe("sdk/deployments.generated.ts", () => {
  it("is what scripts/generate-deployments.ts produces from the current artifacts and deployments", async () => {
    const result = await runToCompletion("npx", ["tsx", "scripts/generate-deployments.ts", "--check"]);
    expect(result.stderr).not.toMatch(/out of date/);
    expect(result.code).toBe(0);
  }, 300_000);

  it("is reported stale, in one line, when it differs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aim-deployments-"));
    try {
      const copy = join(dir, "deployments.generated.ts");
      const source = readFileSync(join(ROOT, "sdk", "deployments.generated.ts"), "utf8");
      writeFileSync(copy, source.replace(/startBlock: 4\b/, "startBlock: 5"));
      const result = await runToCompletion("npx", [
        "tsx",
        "scripts/generate-deployments.ts",
        "--check",
        "--file",
        copy,
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /is out of date with artifacts\/ and deploy\/: run `npm run deploy:generate`/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it("is data only: exported constants, no code (the types and accessors are hand-written in sdk/deployments.ts)", () => {
    const source = readFileSync(join(ROOT, "sdk", "deployments.generated.ts"), "utf8");
    const exported = source.match(/^export \w+/gm) ?? [];
    expect(exported.length).toBeGreaterThan(2);
    expect(exported.every((line) => line === "export const")).toBe(true);
    // ABIs mention "function" as a string; code would start a line with it, or use an arrow.
    expect(source).not.toMatch(/^\s*(export )?(async )?function\b|=>/m);
  });

  it("holds the local chain with every core contract, checksummed, in deployment order", () => {
    const local = deploymentFor(31337);
    expect(deployedChainIds).toContain(31337);
    const names = [
      "AIMRegistry",
      "RoyaltySplitterFactory",
      "AIMMarketplace",
      "PaymentChannels",
      "HyperBoxRegistry",
      "X402Settlement",
    ];
    for (const name of names) {
      const contract = local.contracts[name as keyof typeof local.contracts];
      expect(contract, name).toBeDefined();
      expect(contract?.address).toBe(getAddress(contract?.address ?? ""));
      expect(contract?.startBlock).toBeGreaterThanOrEqual(local.startBlock);
    }
    expect(local.contracts.TestUSDC).toBeDefined();
    expect(local.marketplace.currencies).toEqual([
      local.contracts.TestUSDC?.address,
      local.contracts.TestHyPC?.address,
    ]);
  });

  it("exports an ABI for every contract the other parts use", () => {
    for (const name of [
      "AIMRegistry",
      "AIMMarketplace",
      "PaymentChannels",
      "HyperBoxRegistry",
      "X402Settlement",
      "TestUSDC",
    ] as const) {
      expect(abis[name].length, name).toBeGreaterThan(0);
    }
  });

  it("throws a clear error for a chain without a deployment", () => {
    expect(() => deploymentFor(1)).toThrow(
      /AIM Marketplace is not deployed on chain id 1 \(deployed on: .*31337.*\)\. Deploy with `npm run deploy -- --network <name>`/,
    );
  });
});
