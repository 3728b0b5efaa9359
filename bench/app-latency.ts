// From a buy mined (the receipt, seen by the app) to the portfolio showing the new licenses, in a
// real browser against `npm run dev`. The app marks `tx-mined:<hash>` and `tx-indexed:<hash>`
// (hooks/useTransaction.ts); this clicks Buy on the AIM page, then opens the portfolio.
import { createWalletClient, http, parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { launchOffline } from "../test/e2e/support/browser.js";
import type { Marketplace } from "../test/e2e/support/marketplace.js";
import { connectWallet, firstListedAim } from "../test/e2e/support/steps.js";
import { injectWallet } from "../test/e2e/support/wallet.js";

const MNEMONIC = "test test test test test test test test test test test junk";

/** One buy by a fresh account (`addressIndex`, so repeated runs do not share a wallet). */
export async function measureBuyToPortfolio(
  market: Marketplace,
  addressIndex = 11,
): Promise<{ minedToIndexed: number; minedToPortfolio: number }> {
  const browser = await launchOffline();
  try {
    const buyer = mnemonicToAccount(MNEMONIC, { addressIndex });
    // Fund the buyer explicitly (hardhat funds only the first 20 accounts).
    const funder = createWalletClient({
      account: mnemonicToAccount(MNEMONIC, { addressIndex: 0 }),
      transport: http(market.rpcUrl),
    });
    await funder.sendTransaction({ to: buyer.address, value: parseEther("1"), chain: null });
    await injectWallet(browser.context, market.rpcUrl, buyer.address);
    const page = await browser.context.newPage();
    const aimId = await firstListedAim(market.indexerUrl, "0x0000000000000000000000000000000000000000");
    await page.goto(`${market.appUrl}/#/aim/${aimId}`);
    await connectWallet(page);
    await page
      .getByRole("button", { name: /^Buy for/ })
      .first()
      .click();
    await page.getByText(/licenses?: done\./).waitFor({ timeout: 60_000 });
    const minedToIndexed = await page.evaluate(() => {
      const mined = performance.getEntriesByType("mark").find((m) => m.name.startsWith("tx-mined:"));
      const indexed = performance.getEntriesByType("mark").find((m) => m.name.startsWith("tx-indexed:"));
      return (indexed?.startTime ?? 0) - (mined?.startTime ?? 0);
    });
    const minedAt = await page.evaluate(
      () => performance.getEntriesByType("mark").find((m) => m.name.startsWith("tx-mined:"))?.startTime ?? 0,
    );
    await page.evaluate(() => {
      window.location.hash = "#/portfolio";
    });
    await page.locator(`[data-testid="holdings"] a[href="#/aim/${aimId}"]`).waitFor({ timeout: 30_000 });
    const shownAt = await page.evaluate(() => performance.now());
    if (browser.external.length > 0)
      throw new Error(`requests left the machine: ${browser.external.join(", ")}`);
    return { minedToIndexed, minedToPortfolio: shownAt - minedAt };
  } finally {
    await browser.close();
  }
}
