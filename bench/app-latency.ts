// From a buy mined (the receipt, seen by the app) to the portfolio showing the new licenses, in a
// real browser against `npm run dev`. The app marks `tx-mined:<hash>` and `tx-indexed:<hash>`
// (hooks/useTransaction.ts); this clicks Buy on the AIM page, then opens the portfolio.
import { createWalletClient, http, parseEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { connectWallet, firstListedAim } from "../scripts/fixtures/app-steps.js";
import { launchOffline } from "../scripts/fixtures/browser.js";
import { injectWallet } from "../scripts/fixtures/browser-wallet.js";
import type { Marketplace } from "../scripts/harness/marketplace.js";

const MNEMONIC = "test test test test test test test test test test test junk";

/** One buy by a fresh account (`addressIndex`, so repeated runs do not share a wallet). */
export async function measureBuyToPortfolio(
  market: Marketplace,
  addressIndex = 11,
  appUrl = market.appUrl,
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
    const aimId = await listedAimOnceIndexed(market.indexerUrl);
    await page.goto(`${appUrl.replace(/\/$/, "")}/#/aim/${aimId}`);
    await connectWallet(page);
    // In the page, so no driver round trip sits in the figure: once the buy reads "done", go to the
    // portfolio at once (as a user clicking through would), and note when the new holding is shown.
    // (A string: tsx would wrap named functions in a helper the page does not have.)
    const shown = page.evaluate<number>(`new Promise((resolve, reject) => {
      const selector = '[data-testid="holdings"] a[href="#/aim/${aimId}"]';
      let navigated = false;
      const observer = new MutationObserver(() => {
        if (!navigated && /licenses? ?: done\\./.test(document.body.textContent ?? "")) {
          navigated = true;
          window.location.hash = "#/portfolio";
        }
        if (navigated && document.querySelector(selector)) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      setTimeout(() => reject(new Error("the portfolio did not show the bought AIM within 60 s")), 60000);
    })`);
    shown.catch(() => {});
    await page
      .getByRole("button", { name: /^Buy for/ })
      .first()
      .click();
    const shownAt = await shown;
    const [minedAt, indexedAt] = await page.evaluate(() =>
      ["tx-mined:", "tx-indexed:"].map(
        (prefix) =>
          performance.getEntriesByType("mark").find((m) => m.name.startsWith(prefix))?.startTime ??
          Number.NaN,
      ),
    );
    const minedToIndexed = (indexedAt ?? Number.NaN) - (minedAt ?? Number.NaN);
    if (browser.external.length > 0)
      throw new Error(`requests left the machine: ${browser.external.join(", ")}`);
    return { minedToIndexed, minedToPortfolio: shownAt - (minedAt ?? Number.NaN) };
  } finally {
    await browser.close();
  }
}

/** The first AIM listed in ETH, retried while the indexer catches up with the seed's blocks. */
async function listedAimOnceIndexed(indexerUrl: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await firstListedAim(indexerUrl, "0x0000000000000000000000000000000000000000");
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
