// The built app with Cardano configured (the worst case for the catalogue's weight): the catalogue route's
// chunks carry no lucid/CML code and request no WASM, even in a real browser once wagmi has loaded on idle;
// connecting a CIP-30 wallet then loads lucid and its WASM from the app's own origin and nothing else
// (a local stand-in answers the two Blockfrost calls lucid makes; every non-loopback request is aborted).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadLucid } from "@aim/sdk/cardano/lucid";
import { build, type PreviewServer, preview } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardanoCodeIn, measureBuild, staticClosure } from "../../bench/app-size.js";
import { launchOffline, type OfflineBrowser } from "../../scripts/fixtures/browser.js";

const ROOT = process.cwd();
const CONFIG = join(ROOT, "app/vite.config.ts");
const dist = mkdtempSync(join(tmpdir(), "aim-app-cardano-"));
let blockfrost: Server;
let server: PreviewServer;
let browser: OfflineBrowser;
const blockfrostCalls: string[] = [];

/** Blockfrost's /epochs/latest/parameters from lucid's default protocol parameters; 404 for the rest. */
async function startBlockfrost(): Promise<Server> {
  const { PROTOCOL_PARAMETERS_DEFAULT: p } = await loadLucid();
  const parameters = {
    min_fee_a: p.minFeeA,
    min_fee_b: p.minFeeB,
    max_tx_size: p.maxTxSize,
    max_val_size: String(p.maxValSize),
    key_deposit: String(p.keyDeposit),
    pool_deposit: String(p.poolDeposit),
    price_mem: p.priceMem,
    price_step: p.priceStep,
    max_tx_ex_mem: String(p.maxTxExMem),
    max_tx_ex_steps: String(p.maxTxExSteps),
    coins_per_utxo_size: String(p.coinsPerUtxoByte),
    collateral_percent: p.collateralPercentage,
    max_collateral_inputs: p.maxCollateralInputs,
    cost_models: p.costModels,
    min_fee_ref_script_cost_per_byte: p.minfeeRefscriptCostPerByte,
  };
  const s = createServer((req, res) => {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-headers", "project_id, lucid, content-type");
    if (req.method === "OPTIONS") return res.writeHead(204).end();
    blockfrostCalls.push(req.url ?? "");
    if (req.url === "/api/v0/epochs/latest/parameters") {
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(parameters));
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ status_code: 404, error: "Not Found", message: "not here" }));
  });
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return s;
}

/** A CIP-30 wallet injected in the page: a fixed preprod address, no UTxOs. */
async function walletScript(): Promise<string> {
  const { Lucid, C, toHex, generateSeedPhrase } = await loadLucid();
  const lucid = (await Lucid.new(undefined, "Preprod")).selectWalletFromSeed(generateSeedPhrase());
  const address = await lucid.wallet.address();
  const hex = toHex(C.Address.from_bech32(address).to_bytes());
  return `
    window.__cardanoAddress = ${JSON.stringify(address)};
    const api = {
      getNetworkId: async () => 0,
      getUsedAddresses: async () => [${JSON.stringify(hex)}],
      getUnusedAddresses: async () => [],
      getChangeAddress: async () => ${JSON.stringify(hex)},
      getRewardAddresses: async () => [],
      getUtxos: async () => [],
      getBalance: async () => "00",
    };
    window.cardano = { testwallet: { name: "Test Wallet", apiVersion: "0.1.0", icon: "", enable: async () => api, isEnabled: async () => true } };
  `;
}

beforeAll(async () => {
  blockfrost = await startBlockfrost();
  const { port } = blockfrost.address() as AddressInfo;
  const env = {
    VITE_CARDANO_NETWORK: "preprod",
    VITE_CARDANO_PROVIDER: "blockfrost",
    VITE_BLOCKFROST_PROJECT_ID: "preprodLocalTest",
    VITE_BLOCKFROST_URL: `http://127.0.0.1:${port}/api/v0`,
  };
  Object.assign(process.env, env);
  try {
    await build({ configFile: CONFIG, logLevel: "error", build: { outDir: dist, emptyOutDir: true } });
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
  }
  server = await preview({
    configFile: CONFIG,
    logLevel: "silent",
    build: { outDir: dist },
    preview: { port: 0, host: "127.0.0.1" },
  });
  browser = await launchOffline();
  await browser.context.addInitScript({ content: await walletScript() });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => blockfrost?.close(resolve));
  rmSync(dist, { recursive: true, force: true });
});

describe("the built app with Cardano configured", () => {
  it("keeps lucid and its WASM out of every chunk the catalogue loads, wagmi's lazy chunk included", () => {
    const assets = readdirSync(join(dist, "assets"));
    const wagmiApp = assets.find((f) => /^WagmiApp-.*\.js$/.test(f));
    expect(wagmiApp).toBeDefined();
    const catalogue = [...measureBuild(dist).routeFiles.map((f) => f.file)];
    const closure = [
      ...staticClosure(dist, [...catalogue.filter((f) => f.endsWith(".js")), `assets/${wagmiApp}`]),
    ];
    expect(closure.length).toBeGreaterThan(3);
    expect(cardanoCodeIn(dist, closure)).toEqual([]);
    // …while the build does contain them, served from the app's own assets (no CDN).
    const everything = assets.filter((f) => f.endsWith(".js")).map((f) => `assets/${f}`);
    expect(cardanoCodeIn(dist, everything).length).toBeGreaterThan(0);
    expect(assets.filter((f) => f.endsWith(".wasm")).map((f) => f.replace(/-[\w-]+\.wasm$/, ""))).toEqual(
      expect.arrayContaining(["cardano_multiplatform_lib_bg", "cardano_message_signing_bg"]),
    );
    // The Node-only branch of lucid (node-fetch, ws, fs and the nodejs/ bindings) is not shipped.
    expect(assets.some((f) => f.includes("node-fetch") || /nodejs/.test(f))).toBe(false);
  });

  it("loads no Cardano code in a real browser until a wallet connects; then the WASM comes from the app's origin", async () => {
    const page = await browser.context.newPage();
    const requested: { path: string; origin: string; status?: number }[] = [];
    page.on("response", (r) => {
      const u = new URL(r.url());
      requested.push({ path: u.pathname.replace(/^\//, ""), origin: u.origin, status: r.status() });
    });
    const appUrl = server.resolvedUrls?.local[0] ?? "";
    await page.goto(`${appUrl}#/`, { waitUntil: "networkidle" });
    const button = page.getByRole("button", { name: "Connect a Cardano wallet" });
    await button.waitFor({ timeout: 30_000 }); // the header's Cardano button arrives with wagmi's chunk
    const beforeConnect = requested.map((r) => r.path);
    expect(beforeConnect.some((p) => p.endsWith(".wasm"))).toBe(false);
    expect(
      cardanoCodeIn(
        dist,
        beforeConnect.filter((p) => p.endsWith(".js")),
      ),
    ).toEqual([]);
    expect(blockfrostCalls).toEqual([]);

    await button.click();
    await page.getByRole("button", { name: "Test Wallet" }).click();
    const address = (await page.evaluate("window.__cardanoAddress")) as string;
    const connected = page.getByRole("button", { name: `Cardano wallet ${address}` });
    await connected.waitFor({ timeout: 60_000 });
    expect(await connected.textContent()).toContain("0 ADA");
    const wasm = requested.filter((r) => r.path.endsWith(".wasm"));
    expect(wasm.map((r) => r.path.replace(/^assets\/|-[\w-]+\.wasm$/g, "")).sort()).toEqual([
      "cardano_message_signing_bg",
      "cardano_multiplatform_lib_bg",
    ]);
    for (const r of wasm) expect(r).toMatchObject({ origin: new URL(appUrl).origin, status: 200 });
    expect(blockfrostCalls).toContain("/api/v0/epochs/latest/parameters");
    expect(browser.external).toEqual([]);
    await page.close();
  });
});
