// UI steps shared by the end-to-end test and the app benchmark.
import type { Page } from "playwright-core";

/** Opens RainbowKit's modal from the header and picks "Browser Wallet" (the injected provider). */
export async function connectWallet(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Connect wallet" }).first().click();
  await page.getByRole("button", { name: /Browser Wallet/ }).click();
  await page.getByRole("button", { name: /^Account 0x/ }).waitFor({ timeout: 30_000 });
}

/** The first AIM with an open listing in `currency`, from the indexer. */
export async function firstListedAim(indexerUrl: string, currency: string): Promise<string> {
  const res = await fetch(`${indexerUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `query($c: String) { listings(where: { open: true, currency: $c }, orderBy: "pricePerUnit", limit: 1) { items { aimId } } }`,
      variables: { c: currency.toLowerCase() },
    }),
  });
  const body = (await res.json()) as { data?: { listings: { items: { aimId: string }[] } } };
  const id = body.data?.listings.items[0]?.aimId;
  if (!id) throw new Error(`no open listing in ${currency} in the seeded catalogue`);
  return id;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/e2e/${name}.png`, fullPage: true });
}
