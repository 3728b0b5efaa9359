// The CLI is a thin argv parser over functions of a Lucid instance: the parser and the functions are tested
// here (the functions in the Emulator, which another process cannot reach), and the real entry point for its
// missing-configuration error.
import { spawnSync } from "node:child_process";
import { fetchListings } from "@aim/sdk/cardano/listings";
import { beforeAll, describe, expect, test } from "vitest";
import { CliUsageError, parseAda, parseCli } from "../../scripts/cardano/args.js";
import { runCommand } from "../../scripts/cardano/commands.js";
import { type Market, startMarket } from "./fixtures.js";

const policy = "ab".repeat(28);
const tx = "cd".repeat(32);

describe("argv parsing", () => {
  test("list (no royalty or fee flags: they are the creator's and the validator's), royalty terms", () => {
    const argv = ["list", "--policy", policy, "--aim", "sentiment", "--price", "10.5"];
    expect(parseCli(argv)).toEqual({
      command: { kind: "list", policyId: policy, aimId: "sentiment", price: 10_500_000n, quantity: 1n },
    });
    expect(() => parseCli([...argv, "--fee", "addr_test1fee:250"])).toThrow(/Unknown option '--fee'/);
    expect(parseCli(["royalty", "--royalty", "addr_test1xyz:500"]).command).toEqual({
      kind: "royalty",
      shares: [{ address: "addr_test1xyz", bps: 500 }],
    });
    expect(parseCli(["register"]).command).toEqual({ kind: "register" });
  });

  test("buy many, cancel, update, show, reference script", () => {
    expect(
      parseCli(["buy", "--listing", `${tx}#0`, "--listing", `${tx}#3`, "--reference", `${tx}#9`]),
    ).toEqual({
      command: {
        kind: "buy",
        listings: [
          { txHash: tx, outputIndex: 0 },
          { txHash: tx, outputIndex: 3 },
        ],
      },
      reference: { txHash: tx, outputIndex: 9 },
    });
    expect(parseCli(["cancel", "--listing", `${tx}#1`]).command).toEqual({
      kind: "cancel",
      listings: [{ txHash: tx, outputIndex: 1 }],
    });
    expect(parseCli(["update", "--listing", `${tx}#1`, "--price", "3"]).command).toEqual({
      kind: "update",
      listing: { txHash: tx, outputIndex: 1 },
      price: 3_000_000n,
    });
    expect(parseCli(["show", "--policy", policy]).command).toEqual({
      kind: "show",
      policyId: policy,
      seller: undefined,
    });
    expect(parseCli([]).command).toEqual({ kind: "help" });
  });

  test("bad input says which flag and why", () => {
    const bad: [string[], RegExp][] = [
      [["list", "--aim", "a", "--price", "1"], /--policy is required/],
      [["list", "--policy", "12", "--aim", "a", "--price", "1"], /--policy: 28 bytes of hex/],
      [["list", "--policy", policy, "--aim", "a", "--price", "ten"], /--price: "ten" is not an ADA amount/],
      [["royalty", "--royalty", "addr:0"], /--royalty: "addr:0" is not ADDRESS:BPS/],
      [["buy"], /--listing is required/],
      [["buy", "--listing", "abc#1"], /--listing: "abc#1" is not TXHASH#INDEX/],
      [["update", "--listing", `${tx}#1`, "--listing", `${tx}#2`, "--price", "1"], /exactly one --listing/],
      [["sell"], /unknown command "sell"/],
      [["show", "--colour"], /Unknown option '--colour'/],
    ];
    for (const [argv, message] of bad) expect(() => parseCli(argv), argv.join(" ")).toThrow(message);
    expect(() => parseCli(["buy"])).toThrow(CliUsageError);
    expect(parseAda("0.000001", "--price")).toBe(1n);
    expect(() => parseAda("0", "--price")).toThrow(/more than 0/);
    expect(() => parseAda("1.0000001", "--price")).toThrow(/not an ADA amount/);
  });
});

describe("commands against the Emulator", () => {
  let m: Market;
  beforeAll(async () => {
    m = await startMarket();
  });

  test("list, show, update, buy, cancel", async () => {
    const run = (who: string, argv: string[]) => runCommand(m.as(who), parseCli(argv));
    const listArgs = ["list", "--policy", m.policyId, "--aim", "sentiment", "--price", "100"];
    const [listed] = await run("creator", listArgs);
    m.emulator.awaitBlock(1);
    const ref = listed?.replace("listed: ", "") ?? "";
    expect(ref).toMatch(/^[0-9a-f]{64}#0$/);

    const shown = await run("buyer", ["show", "--policy", m.policyId]);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain(`${ref}  100 ADA  1 × ${m.policyId}.${m.assetName}`);
    expect(shown[0]).toContain(`royalties: ${m.addr("royaltyA")}=5, ${m.addr("royaltyB")}=2`);
    expect(shown[0]).toContain("fee 2.5");
    const [, gets, deposit] = /gets ([\d.]+) \(deposit ([\d.]+) included\)/.exec(shown[0] ?? "") ?? [];
    expect(Math.round((Number(gets) - Number(deposit)) * 1e6)).toBe(90_500_000); // 100 − 2.5 − 5 − 2

    const [updated] = await run("creator", ["update", "--listing", ref, "--price", "120"]);
    m.emulator.awaitBlock(1);
    const ref2 = updated?.replace("updated: ", "") ?? "";
    expect((await run("buyer", ["show"]))[0]).toContain(`${ref2}  120 ADA`);

    const royaltyBefore = await m.lovelaceOf("royaltyA");
    expect((await run("buyer", ["buy", "--listing", ref2]))[0]).toMatch(/^bought: [0-9a-f]{64}$/);
    m.emulator.awaitBlock(1);
    expect((await m.lovelaceOf("royaltyA")) - royaltyBefore).toBe(6_000_000n);
    expect(await m.licensesOf("buyer")).toBe(1n);

    // The creator replaces its royalty terms from the CLI: one receiver, 10 %.
    await run("creator", ["royalty", "--royalty", `${m.addr("royaltyB")}:1000`]);
    m.emulator.awaitBlock(1);

    const [again] = await run("creator", listArgs);
    m.emulator.awaitBlock(1);
    expect((await run("buyer", ["show"]))[0]).toContain(`royalties: ${m.addr("royaltyB")}=10`);
    await run("creator", ["cancel", "--listing", again?.replace("listed: ", "") ?? ""]);
    m.emulator.awaitBlock(1);
    expect(await run("buyer", ["show"])).toEqual(["no listings"]);
    expect(await fetchListings(m.lucid)).toEqual([]);
  });

  test("buying a listing that does not exist names it", async () => {
    await expect(runCommand(m.as("buyer"), parseCli(["buy", "--listing", `${tx}#0`]))).rejects.toThrow(
      `no listing at ${tx}#0`,
    );
  });
});

describe("the real CLI process", () => {
  test("with no provider configured it exits 1 naming the variable to set", () => {
    const env = { ...process.env };
    for (const k of Object.keys(env))
      if (/^(CARDANO_|BLOCKFROST_|KUPO_|OGMIOS_|MAESTRO_)/.test(k)) delete env[k];
    const run = spawnSync("npx", ["tsx", "scripts/cardano-cli.ts", "show"], { env, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("error: CARDANO_NETWORK: not set (one of preprod, preview, mainnet)");
    const signing = spawnSync("npx", ["tsx", "scripts/cardano-cli.ts", "buy", "--listing", `${tx}#0`], {
      env: {
        ...env,
        CARDANO_NETWORK: "preprod",
        CARDANO_PROVIDER: "blockfrost",
        BLOCKFROST_PROJECT_ID: "preprodX",
      },
      encoding: "utf8",
    });
    expect(signing.status).toBe(1);
    expect(signing.stderr).toContain("error: CARDANO_SEED_PHRASE: not set");
  });
});
