// The gateway installs and runs alone, as an operator would: a copy of the repository's manifests (root
// package.json + package-lock.json, the workspaces' package.json) with only the sources of sdk/ and gateway/,
// `npm install --workspace=@aim/gateway --include-workspace-root=false` from npm's cache (filled by the root
// install), then `npm start` in gateway/. No Hardhat, Chromium, Lighthouse, Vite or Ponder gets installed,
// and the started gateway answers /health on a real local chain. Prints both installed sizes.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChannelsChain, DEV_KEYS, startChannelsChain } from "../../scripts/fixtures/channels-chain.js";
import { startService } from "../../scripts/harness/processes.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORKSPACES = ["sdk", "gateway", "indexer", "app"];
const dir = mkdtempSync(join(tmpdir(), "gateway-alone-"));
// npm and tsx run on the Node that runs the tests (the pinned Node 24, not the system's).
const PATH = [dirname(process.execPath), join(ROOT, "node_modules", ".bin"), process.env.PATH].join(":");
let env: ChannelsChain;

/** The directory's size in KiB, as `du -sk` prints it. */
function kib(path: string): number {
  return Number(execFileSync("du", ["-sk", path], { encoding: "utf8" }).split("\t")[0]);
}

beforeAll(async () => {
  for (const file of ["package.json", "package-lock.json", "scripts/ensure-native-edr.mjs"]) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  for (const workspace of WORKSPACES) {
    mkdirSync(join(dir, workspace));
    cpSync(join(ROOT, workspace, "package.json"), join(dir, workspace, "package.json"));
  }
  const sources = (from: string) => !/(^|\/)(node_modules|\.gateway|config\.json)$/.test(from);
  for (const workspace of ["sdk", "gateway"]) {
    cpSync(join(ROOT, workspace), join(dir, workspace), { recursive: true, filter: sources });
  }
  execFileSync(
    "npm",
    [
      "install",
      "--workspace=@aim/gateway",
      "--include-workspace-root=false",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
    ],
    { cwd: dir, env: { ...process.env, PATH }, stdio: "pipe" },
  );
  env = await startChannelsChain();
}, 300_000);
afterAll(async () => {
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the gateway alone", () => {
  it("installs without the dev tooling", () => {
    const installed = (name: string) => existsSync(join(dir, "node_modules", name));
    for (const absent of [
      "hardhat",
      "lighthouse",
      "playwright-core",
      "vite",
      "vitest",
      "ponder",
      "react",
      "node",
    ]) {
      expect(installed(absent), absent).toBe(false);
    }
    for (const present of ["@aim/sdk", "viem", "hono", "tsx", "secp256k1"]) {
      expect(installed(present), present).toBe(true);
    }
    const alone = kib(join(dir, "node_modules"));
    const whole = kib(join(ROOT, "node_modules"));
    console.log(
      `installed size: gateway alone ${Math.round(alone / 1024)} MiB, whole repository ${Math.round(whole / 1024)} MiB`,
    );
    expect(alone).toBeLessThan(whole / 3);
  });

  it("starts with `npm start` in gateway/ and answers /health", async () => {
    const config = JSON.parse(readFileSync(join(dir, "gateway", "config.example.json"), "utf8"));
    writeFileSync(
      join(dir, "gateway", "config.json"),
      JSON.stringify({
        ...config,
        listen: { host: "127.0.0.1", port: 0 },
        chain: {
          rpcUrl: env.chain.url,
          chainId: 31337,
          paymentChannels: env.contract,
          pollingIntervalMs: 200,
        },
        node: { register: false },
        store: { sqlitePath: join(dir, "vouchers.sqlite") },
        // The example's manifests are package paths (@aim/sdk/examples/…): resolved in the installed sdk.
        offers: config.offers.map((offer: Record<string, unknown>) => ({ ...offer, currency: env.usdc })),
      }),
    );
    const gateway = startService("gateway", "npm", ["start", "--silent"], {
      cwd: join(dir, "gateway"),
      env: { PATH, GATEWAY_PRIVATE_KEY: DEV_KEYS[1] },
    });
    try {
      const [, url] = await gateway.waitForOutput(/gateway listening on (http:\/\/\S+)/, 60_000);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, chainId: 31337, contract: env.contract });
      const offers = (await (await fetch(`${url}/aims`)).json()) as { aimId: string; manifest: unknown }[];
      // Each offer's manifest (a package path, @aim/sdk/examples/<name>.json), the chat AIM's included.
      const example = (manifest: string) =>
        JSON.parse(readFileSync(join(ROOT, "sdk", "examples", manifest.split("/").at(-1) as string), "utf8"));
      expect(offers.map((offer) => [offer.aimId, offer.manifest])).toEqual(
        config.offers.map((offer: { aimId: string; manifest: string }) => [
          offer.aimId,
          example(offer.manifest),
        ]),
      );
    } finally {
      await gateway.stop();
    }
  }, 120_000);
});
