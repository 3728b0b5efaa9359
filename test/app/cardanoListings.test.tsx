// @vitest-environment jsdom
// The AIM page's Cardano panel against lucid's Emulator, through the same sdk/cardano code as the CLI:
// listings of the AIM shown cheapest first, bought with a fake CIP-30 wallet (the buyer gets the license,
// the listing disappears), licenses listed from the wallet, and wallet refusals as sentences.

import { fetchListings } from "@aim/sdk/cardano/listings";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import CardanoListings from "../../app/src/cardano/CardanoListings.js";
import CardanoWalletButton from "../../app/src/cardano/CardanoWalletButton.js";
import {
  aimAssetNames,
  configuredFee,
  type ListingRow,
  parseAda,
  paysFee,
  percentToBps,
} from "../../app/src/cardano/market.js";
import { setCardanoProvider } from "../../app/src/cardano/session.js";
import { type Market, startMarket } from "../cardano/fixtures.js";
import { fakeCip30, injectWallets } from "./support/cip30.js";

const ENV = { CARDANO_NETWORK: "custom", CARDANO_FEE_ADDRESS: "", CARDANO_FEE_BPS: "" };
// The fixture mints licenses of the AIM "sentiment" (its manifest short_name); this app's AIM id is 7.
const AIM = { id: "7", shortName: "sentiment" };

let m: Market;
beforeAll(async () => {
  m = await startMarket();
  await m.listOne(100_000_000n); // 100 ADA
  await m.listOne(40_000_000n); // 40 ADA
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
  it("shows the AIM's listings cheapest first with what the seller gets, without a wallet", async () => {
    await renderPanel("buyer");
    await screen.findByRole("table", { name: "Cardano listings" });
    const rows = rowTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^40 ADAseller gets 30.5 ADA, royalties \+ fee 9.5 ADA1/);
    expect(rows[1]).toMatch(/^100 ADAseller gets 90.5 ADA/);
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
    expect((await m.lovelaceOf("creator")) - sellerBefore).toBe(30_500_000n);
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

  it("lists licenses the wallet holds, with a royalty, and shows the new listing as the seller's own", async () => {
    await renderPanel("creator");
    await screen.findByRole("table", { name: "Cardano listings" });
    await connect();
    const form = await screen.findByRole("form", { name: "List your licenses" });
    expect(within(form).getByLabelText("Licenses").textContent).toMatch(/held · policy/);
    fireEvent.change(within(form).getByLabelText("Price (ADA)"), { target: { value: "abc" } });
    fireEvent.click(within(form).getByRole("button", { name: "List on Cardano" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not list your licenses: Price must be an ADA amount such as 10 or 2.5.",
    );
    fireEvent.change(within(form).getByLabelText("Price (ADA)"), { target: { value: "25" } });
    fireEvent.change(within(form).getByLabelText(/Royalty receiver/), {
      target: { value: m.addr("royaltyA") },
    });
    fireEvent.change(within(form).getByLabelText("Royalty (%)"), { target: { value: "10" } });
    fireEvent.click(within(form).getByRole("button", { name: "List on Cardano" }));
    await screen.findByText(/^Submitted transaction [0-9a-f]{64}\./);
    await nextBlock();
    await waitFor(() => expect(rowTexts()).toHaveLength(2));
    expect(rowTexts()[0]).toMatch(/^25 ADAseller gets 22.5 ADA, royalties \+ fee 2.5 ADA1.*Cancel$/);
    const onChain = (await fetchListings(m.lucid, { seller: m.addr("creator") })).find(
      (l) => l.listing.price === 25_000_000n,
    );
    expect(onChain?.listing.payouts).toEqual([{ address: m.addr("royaltyA"), lovelace: 2_500_000n }]);

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
  it("names an AIM on Cardano by its id and manifest short_name (hex asset names)", () => {
    expect(aimAssetNames({ id: "7", shortName: "sentiment" })).toEqual([
      "37",
      Buffer.from("sentiment").toString("hex"),
    ]);
    expect(aimAssetNames({ id: "7", shortName: "x".repeat(33) })).toEqual(["37"]);
  });

  it("flags listings that do not pay the configured marketplace fee", () => {
    const fee = configuredFee({ CARDANO_FEE_ADDRESS: "addr_fee", CARDANO_FEE_BPS: "250" });
    expect(fee).toEqual({ address: "addr_fee", bps: 250 });
    expect(configuredFee({ CARDANO_FEE_ADDRESS: "addr_fee", CARDANO_FEE_BPS: "0" })).toBeUndefined();
    const row = (payouts: { address: string; lovelace: bigint }[]) =>
      ({ price: 100_000_000n, market: { listing: { payouts } } }) as unknown as ListingRow;
    expect(paysFee(row([{ address: "addr_fee", lovelace: 2_500_000n }]), fee)).toBe(true);
    expect(paysFee(row([{ address: "addr_fee", lovelace: 2_499_999n }]), fee)).toBe(false);
    expect(paysFee(row([{ address: "addr_other", lovelace: 9_000_000n }]), fee)).toBe(false);
    expect(paysFee(row([]), undefined)).toBe(true);
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
