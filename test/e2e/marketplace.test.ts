// End to end in headless Chromium against the real local marketplace (`npm run dev` on free ports):
// publish an AIM and list it, buy it with another account in ETH and in the stablecoin, see it in
// the portfolio, open a channel and make a paid call, cancel a listing. The wallet is an injected
// EIP-1193 provider over the node's unlocked dev accounts, connected through RainbowKit's modal.
// No request may leave the machine. Screenshots of every step go to test-results/e2e/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { abis, deploymentFor } from "@aim/sdk/deployments";
import { splitSale } from "@aim/sdk/marketplace";
import type { Page } from "playwright-core";
import {
  type Abi,
  type Address,
  createPublicClient,
  createWalletClient,
  http,
  type PublicClient,
  parseEther,
  zeroAddress,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ETH, formatPrice } from "../../app/src/lib/price.js";
import { connectWallet, shot } from "../../scripts/fixtures/app-steps.js";
import { launchOffline, type OfflineBrowser } from "../../scripts/fixtures/browser.js";
import { injectWallet } from "../../scripts/fixtures/browser-wallet.js";
import { type Marketplace, startMarketplace } from "../../scripts/harness/marketplace.js";

const MNEMONIC = "test test test test test test test test test test test junk";
const creator = mnemonicToAccount(MNEMONIC, { addressIndex: 7 });
const buyer = mnemonicToAccount(MNEMONIC, { addressIndex: 8 });
const local = deploymentFor(31337);

let market: Marketplace;
let chain: PublicClient;
const registry = local.contracts.AIMRegistry?.address as Address;
const marketplace = local.contracts.AIMMarketplace?.address as Address;
/** Licenses `owner` holds of an AIM, read from the chain. */
const licenses = (owner: Address, aimId?: string) =>
  chain.readContract({
    address: registry,
    abi: abis.AIMRegistry,
    functionName: "balanceOf",
    args: [owner, BigInt(aimId as string)],
  });
let browser: OfflineBrowser;
let creatorPage: Page;
let buyerPage: Page;
const aims: { eth?: string; usdc?: string } = {};

function manifest(name: string, shortName: string): string {
  const base = JSON.parse(readFileSync(join(process.cwd(), "sdk/examples/echo.json"), "utf8")) as Record<
    string,
    unknown
  >;
  return JSON.stringify({ ...base, name, short_name: shortName }, null, 2);
}

async function newWalletPage(account: Address): Promise<Page> {
  const context = await browser.browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: "dark",
  });
  await context.route(
    (url) => !["127.0.0.1", "localhost"].includes(url.hostname) && !url.protocol.startsWith("data"),
    (route) => {
      browser.external.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  await injectWallet(context, market.rpcUrl, account);
  return context.newPage();
}

async function publishAndList(
  page: Page,
  name: string,
  currency: "ETH" | "tUSDC",
  price: string,
): Promise<string> {
  // Through the catalogue, so the publish screen starts fresh after a previous publish.
  await page.goto(`${market.appUrl}/#/`);
  await page.goto(`${market.appUrl}/#/publish`);
  await page
    .getByLabel("manifest.json", { exact: true })
    .fill(manifest(name, name.toLowerCase().replace(/[^a-z0-9]+/g, "-")));
  await page.getByText("✓ Manifest is valid").waitFor();
  if (currency !== "ETH") await page.getByLabel("Currency").selectOption({ label: currency });
  await page.getByLabel(/^Price per license/).fill(price);
  await shot(page, `publish-${currency}-form`);
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByText(/is published and listed/).waitFor({ timeout: 90_000 });
  await shot(page, `publish-${currency}-done`);
  const link = await page.getByRole("link", { name: "Open its page" }).getAttribute("href");
  const id = /#\/aim\/(\d+)/.exec(link ?? "")?.[1];
  expect(id).toBeDefined();
  return id as string;
}

describe("the dApp against the local marketplace", () => {
  beforeAll(async () => {
    market = await startMarketplace();
    browser = await launchOffline();
    // The buyer needs the stablecoin: TestUSDC has a public faucet mint.
    const usdc = local.contracts.TestUSDC?.address as Address;
    const wallet = createWalletClient({ account: buyer, transport: http(market.rpcUrl) });
    const client = createPublicClient({ transport: http(market.rpcUrl) });
    chain = client as PublicClient;
    const hash = await wallet.writeContract({
      address: usdc,
      abi: abis.TestUSDC as Abi,
      functionName: "mint",
      args: [buyer.address, 1_000_000_000n],
      chain: null,
    });
    await client.waitForTransactionReceipt({ hash });
    creatorPage = await newWalletPage(creator.address);
    buyerPage = await newWalletPage(buyer.address);
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await market?.stop();
  });

  it("shows the seeded catalogue", async () => {
    await creatorPage.goto(`${market.appUrl}/#/`);
    await creatorPage.locator(".card h2").first().waitFor({ timeout: 30_000 });
    await shot(creatorPage, "01-catalogue");
    expect(await creatorPage.locator(".card h2").count()).toBeGreaterThan(0);
  });

  it("connects the creator through RainbowKit's Browser Wallet and publishes + lists two AIMs", async () => {
    await connectWallet(creatorPage);
    await shot(creatorPage, "02-connected");
    aims.eth = await publishAndList(creatorPage, `E2E Echo ETH ${Date.now()}`, "ETH", "0.01");
    aims.usdc = await publishAndList(creatorPage, `E2E Echo USDC ${Date.now()}`, "tUSDC", "2.5");
  }, 240_000);

  it("buys in ETH with another account, showing the fee and royalty the chain will take", async () => {
    await buyerPage.goto(`${market.appUrl}/#/aim/${aims.eth}`);
    await connectWallet(buyerPage);
    await buyerPage.getByLabel("Quantity").fill("2");
    await expect.poll(() => buyerPage.getByTestId("total").textContent()).toBe("0.02 ETH");
    // The amounts shown are the ones the contracts compute, read from the chain.
    const total = parseEther("0.02");
    const feeBps = await chain.readContract({
      address: marketplace,
      abi: abis.AIMMarketplace,
      functionName: "feeBps",
    });
    const [receiver, royalty] = await chain.readContract({
      address: registry,
      abi: abis.AIMRegistry,
      functionName: "royaltyInfo",
      args: [BigInt(aims.eth as string), total],
    });
    const { fee, proceeds } = splitSale(total, feeBps, royalty);
    expect(fee).toBeGreaterThan(0n);
    expect(royalty).toBeGreaterThan(0n);
    expect(await buyerPage.getByTestId("fee").textContent()).toBe(formatPrice(fee, ETH));
    expect(await buyerPage.getByTestId("royalty").textContent()).toBe(formatPrice(royalty, ETH));
    expect(await buyerPage.getByTestId("proceeds").textContent()).toBe(formatPrice(proceeds, ETH));
    await shot(buyerPage, "03-buy-eth");
    const credit = () =>
      chain.readContract({
        address: marketplace,
        abi: abis.AIMMarketplace,
        functionName: "creditOf",
        args: [receiver, zeroAddress],
      });
    const [creatorBefore, creditBefore] = [
      await chain.getBalance({ address: creator.address }),
      await credit(),
    ];
    await buyerPage.getByRole("button", { name: /^Buy for/ }).click();
    await buyerPage.getByText("Buy 2 licenses: done.").waitFor({ timeout: 60_000 });
    await shot(buyerPage, "04-bought-eth");
    expect(await licenses(buyer.address, aims.eth)).toBe(2n);
    // The seller (the creator) is paid the proceeds; the royalty waits as the receiver's credit.
    expect((await chain.getBalance({ address: creator.address })) - creatorBefore).toBe(
      total - fee - royalty,
    );
    expect((await credit()) - creditBefore).toBe(royalty);
  }, 120_000);

  it("buys in the stablecoin with the approval step", async () => {
    await buyerPage.goto(`${market.appUrl}/#/aim/${aims.usdc}`);
    await buyerPage.getByRole("button", { name: "Approve & buy in tUSDC" }).click();
    await buyerPage.getByText(/^Approve 2.5 tUSDC: done\./).waitFor({ timeout: 60_000 });
    await buyerPage.getByText("Buy 1 license: done.").waitFor({ timeout: 60_000 });
    await shot(buyerPage, "05-bought-usdc");
    expect(await licenses(buyer.address, aims.usdc)).toBe(1n);
  }, 120_000);

  it("shows both purchases in the buyer's portfolio", async () => {
    await buyerPage.goto(`${market.appUrl}/#/portfolio`);
    const holdings = buyerPage.getByTestId("holdings");
    const row = (aimId?: string) =>
      holdings.locator("tr", { has: buyerPage.locator(`a[href="#/aim/${aimId}"]`) });
    await row(aims.eth).waitFor({ timeout: 30_000 });
    await row(aims.usdc).waitFor();
    // The Licenses column of each row, not any "2" in it (the AIM's name has one).
    expect(await row(aims.eth).locator("td").nth(1).textContent()).toBe("2");
    expect(await row(aims.usdc).locator("td").nth(1).textContent()).toBe("1");
    await shot(buyerPage, "06-portfolio");
  }, 60_000);

  it("opens a channel to a node serving an AIM and makes a paid call", async () => {
    const res = await fetch(`${market.indexerUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "{ offers(where: { active: true }) { items { aimId nodeId currency pricePerCall } } }",
      }),
    });
    // An offer of an AIM this gateway really serves (the seed offers every demo AIM on the node).
    const served = ((await (await fetch(`${market.gatewayUrl}/aims`)).json()) as { aimId: string }[]).map(
      (aim) => aim.aimId,
    );
    const offer = (
      (await res.json()) as {
        data: { offers: { items: { aimId: string; nodeId: string; currency: string }[] } };
      }
    ).data.offers.items.find((item) => served.includes(item.aimId));
    expect(offer).toBeDefined();
    await buyerPage.goto(`${market.appUrl}/#/channels?aim=${offer?.aimId}&node=${offer?.nodeId}`);
    const open = buyerPage.getByTestId("open-channel");
    await open
      .getByLabel(/^Deposit/)
      .fill(offer?.currency === "0x0000000000000000000000000000000000000000" ? "0.01" : "5");
    await shot(buyerPage, "07-open-channel");
    await open.getByRole("button", { name: "Open channel" }).click();
    await buyerPage.getByText(/^Open a channel with .*: done\./).waitFor({ timeout: 90_000 });
    const card = buyerPage.locator('[data-testid^="channel-"]').first();
    await card.getByRole("button", { name: "Get price" }).click();
    await card.getByTestId("quote").waitFor({ timeout: 30_000 });
    await shot(buyerPage, "08-call-quote");
    await card.getByRole("button", { name: "Approve & call" }).click();
    await card.getByTestId("response").waitFor({ timeout: 30_000 });
    await shot(buyerPage, "09-call-response");
    expect(await card.getByTestId("spent").textContent()).not.toMatch(/^0 /);
  }, 180_000);

  it("cancels a listing from the creator's portfolio", async () => {
    await creatorPage.goto(`${market.appUrl}/#/portfolio?tab=listings`);
    const list = creatorPage.getByTestId("my-listings");
    await list.waitFor({ timeout: 30_000 });
    const before = await list.locator("li").count();
    await list.getByRole("button", { name: "Cancel listing" }).first().click();
    // The row disappears once the indexer has the cancellation (the status line goes with it).
    await expect.poll(() => list.locator("li").count(), { timeout: 60_000 }).toBe(before - 1);
    await shot(creatorPage, "10-cancelled");
  }, 120_000);

  it("fits every route on a 390 px phone screen, without sideways scrolling", async () => {
    const routes = [
      "#/",
      `#/aim/${aims.eth}`,
      "#/publish",
      "#/portfolio",
      "#/portfolio?tab=listings",
      "#/channels",
      "#/activity",
    ];
    await buyerPage.setViewportSize({ width: 390, height: 844 });
    const overflowing: string[] = [];
    for (const route of routes) {
      await buyerPage.goto(`${market.appUrl}/${route}`);
      // Measure the page with its data: the widest content (tables, addresses) comes with the indexer's rows,
      // after the loading skeletons (.sk) are gone.
      await buyerPage.waitForFunction(
        () => document.querySelector("main") && !document.querySelector(".sk"),
        null,
        {
          timeout: 30_000,
        },
      );
      const { scrollWidth, width, widest } = await buyerPage.evaluate(() => {
        const viewport = document.documentElement.clientWidth;
        const offenders = [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > viewport + 1 && !e.closest(".table-wrap"))
          .map(
            (e) =>
              `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`,
          );
        return {
          scrollWidth: document.documentElement.scrollWidth,
          width: viewport,
          widest: offenders.slice(0, 3),
        };
      });
      if (scrollWidth > width)
        overflowing.push(`${route}: ${scrollWidth} px > ${width} px; ${widest.join(", ")}`);
    }
    await shot(buyerPage, "11-phone-activity");
    // The activity feed names AIMs as a person knows them, not by number.
    const feed = (await buyerPage.locator("main").textContent()) ?? "";
    expect(feed).toMatch(/bought \d+ × E2E Echo ETH \d+ for/);
    expect(feed).not.toMatch(/AIM #\d/);
    await buyerPage.setViewportSize({ width: 1280, height: 900 });
    expect(overflowing).toEqual([]);
  }, 120_000);

  it("sent no request off this machine", () => {
    expect(browser.external).toEqual([]);
  });
});
