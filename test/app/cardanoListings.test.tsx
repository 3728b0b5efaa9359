// @vitest-environment jsdom
// The AIM page's Cardano panel against lucid's Emulator, through the same sdk/cardano code as the CLI:
// listings of the AIM (its manifest's policy id + asset name only) shown cheapest first with everything the
// seller receives, bought with a fake CIP-30 wallet (the buyer gets the license, the listing disappears),
// licenses listed from the wallet, and wallet refusals as sentences. A look-alike token with the AIM's asset
// name under another policy is never shown, however cheap.

import { listTx } from "@aim/sdk/cardano/list";
import { fetchListings } from "@aim/sdk/cardano/listings";
import { licensePolicy } from "@aim/sdk/cardano/mint";
import { MARKET_SCRIPT_HASH } from "@aim/sdk/cardano/script";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import CardanoListings from "../../app/src/cardano/CardanoListings.js";
import CardanoWalletButton from "../../app/src/cardano/CardanoWalletButton.js";
import { aimAssetNames, isAimLicense, parseAda, percentToBps } from "../../app/src/cardano/market.js";
import { setCardanoProvider } from "../../app/src/cardano/session.js";
import { type Market, startMarket } from "../cardano/fixtures.js";
import { fakeCip30, injectWallets } from "./support/cip30.js";

const ENV = { CARDANO_NETWORK: "custom" };
// The fixture mints licenses of the AIM "sentiment" (its manifest short_name); this app's AIM id is 7, and its
// manifest names the creator's policy in its "x-cardano" extension.
let AIM: { id: string; shortName: string; manifest: unknown };

let m: Market;
beforeAll(async () => {
  m = await startMarket();
  AIM = { id: "7", shortName: "sentiment", manifest: { "x-cardano": { policy_id: m.policyId } } };
  await m.listOne(100_000_000n); // 100 ADA
  await m.listOne(40_000_000n); // 40 ADA
  // Mallory mints a look-alike "sentiment" under her own key policy and lists it far cheaper.
  const mallory = m.as("mallory");
  const { script, policyId } = licensePolicy(mallory, m.accounts.mallory?.keyHash ?? "");
  const fake = `${policyId}${m.assetName}`;
  await m.submit(
    mallory
      .newTx()
      .mintAssets({ [fake]: 10n })
      .attachMintingPolicy(script)
      .addSignerKey(m.accounts.mallory?.keyHash ?? ""),
  );
  await m.submit((await listTx(m.as("mallory"), { policyId, assetName: m.assetName, price: 2_000_000n })).tx);
});
afterEach(() => {
  cleanup();
  setCardanoProvider(undefined);
});
afterAll(() => {
  delete (globalThis as { cardano?: unknown }).cardano;
});

async function renderPanel(walletOf: string, options: Parameters<typeof fakeCip30>[2] = {}) {
  setCardanoProvider({ kind: "custom", provider: m.emulator, network: "Custom" });
  const seed = m.accounts[walletOf]?.seedPhrase ?? "";
  const wallet = await fakeCip30(m.emulator, seed, { name: "Eternl", ...options });
  injectWallets({ eternl: wallet });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <CardanoWalletButton env={ENV} />
      <CardanoListings aim={AIM} env={ENV} />
    </QueryClientProvider>,
  );
  return wallet;
}

async function connect() {
  fireEvent.click(screen.getByRole("button", { name: "Connect a Cardano wallet" }));
  fireEvent.click(screen.getByRole("button", { name: "Eternl" }));
  await screen.findByRole("button", { name: /^Cardano wallet addr/ });
}

const rowTexts = () =>
  within(screen.getByRole("table", { name: "Cardano listings" }))
    .getAllByRole("row")
    .slice(1)
    .map((r) => r.textContent ?? "");

/** The Emulator only moves submitted transactions into the ledger when a block is made. */
async function nextBlock() {
  m.emulator.awaitBlock(1);
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
  });
}

describe("<CardanoListings>", () => {
  it("shows the AIM's listings cheapest first with everything the seller gets, not the look-alike", async () => {
    await renderPanel("buyer");
    await screen.findByRole("table", { name: "Cardano listings" });
    const rows = rowTexts();
    const sameName = (await fetchListings(m.lucid)).filter((l) => l.listing.assetName === m.assetName);
    expect(sameName.length).toBe(3); // the look-alike included
    await expect(fetchListings(m.lucid, { assetName: m.assetName })).rejects.toThrow(/needs the policy id/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      /^40 ADAseller gets 37\.\d+ ADA \(deposit 1\.\d+ ADA back\), fee 1 ADA, royalties 2\.8 ADA1/,
    );
    expect(rows[1]).toMatch(/^100 ADAseller gets 92\.\d+ ADA \(deposit/);
    expect(rows.join()).not.toMatch(/^2 ADA/);
    expect(screen.getByText(/Connect a Cardano wallet \(₳ at the top\) to buy or list/)).toBeTruthy();
    for (const buy of screen.getAllByRole("button", { name: /^Buy/ }))
      expect(buy.hasAttribute("disabled")).toBe(true);
  });

  it("buys the cheapest listing with the connected wallet: the buyer gets the license, the listing goes", async () => {
    const licensesBefore = await m.licensesOf("buyer");
    const sellerBefore = await m.lovelaceOf("creator");
    const wallet = await renderPanel("buyer");
    await screen.findByRole("table", { name: "Cardano listings" });
    await connect();
    fireEvent.click(await screen.findByRole("button", { name: "Buy 1 for 40 ADA" }));
    const status = await screen.findByText(/^Submitted transaction [0-9a-f]{64}\./);
    expect(status.getAttribute("role")).toBe("status");
    expect(wallet.calls).toContain("signTx");
    expect(wallet.calls).toContain("submitTx");
    await nextBlock();
    await waitFor(() => expect(rowTexts()).toHaveLength(1));
    expect(rowTexts()[0]).toMatch(/^100 ADA/);
    expect(await m.licensesOf("buyer")).toBe(licensesBefore + 1n);
    const deposit = m.listed.find((l) => l.listing.price === 40_000_000n)?.deposit ?? 0n;
    expect((await m.lovelaceOf("creator")) - sellerBefore).toBe(36_200_000n + deposit);
  });

  it("says nothing was sent when the user declines to sign", async () => {
    const wallet = await renderPanel("buyer", { signError: { code: 2, info: "user declined sign tx" } });
    await screen.findByRole("table", { name: "Cardano listings" });
    await connect();
    fireEvent.click(await screen.findByRole("button", { name: "Buy 1 for 100 ADA" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "You declined to sign in Eternl. Nothing was sent.",
    );
    expect(wallet.calls).not.toContain("submitTx");
    expect(rowTexts()).toHaveLength(1);
  });

  it("lists licenses the wallet holds (no royalty or fee fields) and shows the new listing as the seller's own", async () => {
    await renderPanel("creator");
    await screen.findByRole("table", { name: "Cardano listings" });
    await connect();
    const form = await screen.findByRole("form", { name: "List your licenses" });
    expect(within(form).getByLabelText("Licenses").textContent).toMatch(/held · policy/);
    expect(within(form).queryByLabelText(/Royalty/)).toBeNull();
    fireEvent.change(within(form).getByLabelText("Price (ADA)"), { target: { value: "abc" } });
    fireEvent.click(within(form).getByRole("button", { name: "List on Cardano" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not list your licenses: Price must be an ADA amount such as 10 or 2.5.",
    );
    fireEvent.change(within(form).getByLabelText("Price (ADA)"), { target: { value: "25" } });
    fireEvent.click(within(form).getByRole("button", { name: "List on Cardano" }));
    await screen.findByText(/^Submitted transaction [0-9a-f]{64}\./);
    await nextBlock();
    await waitFor(() => expect(rowTexts()).toHaveLength(2));
    expect(rowTexts()[0]).toMatch(/^25 ADAseller gets .*, fee 0\.625 ADA, royalties 1\.75 ADA1.*Cancel$/);
    const onChain = (await fetchListings(m.lucid, { seller: m.addr("creator") })).find(
      (l) => l.listing.price === 25_000_000n,
    );
    expect(onChain?.listing).toEqual({
      seller: m.addr("creator"),
      price: 25_000_000n,
      policyId: m.policyId,
      assetName: m.assetName,
    });

    // The seller takes it back: the licenses return to the wallet.
    const held = await m.licensesOf("creator");
    const listed = screen.getByRole("status").textContent;
    fireEvent.click(screen.getByRole("button", { name: "Cancel your listing at 25 ADA" }));
    await waitFor(() => {
      const text = screen.getByRole("status").textContent ?? "";
      expect(text).toMatch(/^Submitted transaction [0-9a-f]{64}\./);
      expect(text).not.toBe(listed);
    });
    await nextBlock();
    await waitFor(() => expect(rowTexts()).toHaveLength(1));
    expect(rowTexts()[0]).toMatch(/^100 ADA/);
    expect(await m.licensesOf("creator")).toBe(held + 1n);
  });
});

describe("panel logic", () => {
  it("names an AIM on Cardano by its manifest's policy id and its id or short_name (hex asset names)", () => {
    const policy = "ab".repeat(28);
    const aim = { id: "7", shortName: "sentiment", manifest: { "x-cardano": { policy_id: policy } } };
    expect(aimAssetNames(aim)).toEqual(["37", Buffer.from("sentiment").toString("hex")]);
    expect(aimAssetNames({ id: "7", shortName: "x".repeat(33) })).toEqual(["37"]);
    const name = Buffer.from("sentiment").toString("hex");
    expect(isAimLicense(aim, policy, name)).toBe(true);
    // The same asset name under any other policy, the market script's hash included, is not the AIM's.
    expect(isAimLicense(aim, "cd".repeat(28), name)).toBe(false);
    expect(isAimLicense(aim, MARKET_SCRIPT_HASH, name)).toBe(false);
    // No policy in the manifest (or a malformed one): nothing is the AIM's.
    expect(isAimLicense({ id: "7", shortName: "sentiment" }, policy, name)).toBe(false);
    expect(isAimLicense({ ...aim, manifest: { "x-cardano": { policy_id: "12" } } }, policy, name)).toBe(
      false,
    );
    // A manifest that names the asset too narrows it to that one.
    const named = { ...aim, manifest: { "x-cardano": { policy_id: policy, asset_name: "37" } } };
    expect(isAimLicense(named, policy, name)).toBe(false);
    expect(isAimLicense(named, policy, "37")).toBe(true);
  });

  it("parses ADA amounts and percentages, or says what is wrong", () => {
    expect(parseAda("2.5")).toBe(2_500_000n);
    expect(() => parseAda("0")).toThrow("Price must be more than 0 ADA");
    expect(() => parseAda("1.1234567")).toThrow("Price must be an ADA amount");
    expect(percentToBps("2.5", "Royalty")).toBe(250);
    expect(percentToBps("", "Royalty")).toBe(0);
    expect(() => percentToBps("101", "Royalty")).toThrow("Royalty must be a percentage between 0 and 100");
    // Percentages that are not exact in floating point, and texts Number() would accept.
    expect(["1.1", "2.3", "0.29", "0.07", "100"].map((t) => percentToBps(t, "Royalty"))).toEqual([
      110, 230, 29, 7, 10_000,
    ]);
    for (const bad of ["0x10", "1e1", "2.555", "-1", "100.01"]) {
      expect(() => percentToBps(bad, "Royalty"), bad).toThrow("two decimals at most");
    }
  });
});
