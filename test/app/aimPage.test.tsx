// @vitest-environment jsdom
// The AIM page against issue 12: a node whose operator no longer holds a license of the AIM (offer
// `active: false`) is listed as unavailable with no Call button; a scheduled per-call royalty increase
// (AIMRegistry's pendingCallFeeBps / pendingCallFeeAt, from the indexer) is shown with its date.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import { print } from "graphql";
import { zeroAddress } from "viem";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AimDetail, OfferRow } from "../../app/src/lib/queries.js";
import { parseHash } from "../../app/src/router.js";
import AimPage from "../../app/src/routes/AimPage.js";
import { type FakeFetch, installFakeFetch } from "./support/fakeIndexer.js";

let fake: FakeFetch;
beforeEach(() => {
  fake = installFakeFetch();
});
afterEach(cleanup);

const now = () => Math.floor(Date.now() / 1000);

function aim(over: Partial<AimDetail> = {}): AimDetail {
  return {
    id: "1",
    name: "Sentiment",
    shortName: "sentiment",
    manifestVersion: "1.0.0",
    author: "Ada",
    creator: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
    description: "Classifies text.",
    manifestValid: true,
    minPricePerCall: "10000",
    salesCount: 0,
    unitsSold: "0",
    createdAt: "1",
    tags: [],
    version: "1",
    manifestUri: "data:,",
    manifestHash: `0x${"00".repeat(32)}`,
    manifestSource: "data",
    manifestError: null,
    license: "MIT",
    endpoints: [],
    royaltyReceiver: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
    royaltyBps: 500,
    callFeeBps: 100,
    pendingCallFeeBps: 0,
    pendingCallFeeAt: "0",
    maxSupply: "0",
    totalSupply: "10",
    holders: 1,
    ...over,
  };
}

function offer(nodeId: string, active: boolean): OfferRow {
  return {
    nodeId,
    aimId: "1",
    version: "1",
    currency: zeroAddress,
    pricePerCall: "1000000000000000",
    active,
    node: {
      id: nodeId,
      operator: `0x${nodeId.padStart(40, "0")}`,
      endpoint: `http://node${nodeId}.test`,
      region: "eu",
      capabilities: "{}",
      active: true,
    },
  };
}

function renderPage(detail: AimDetail, offers: OfferRow[]) {
  fake.graphql.AimPage = {
    aim: detail,
    aimVersions: { items: [], totalCount: 0 },
    listings: { items: [], totalCount: 0 },
    sales: { items: [], totalCount: 0 },
    offers: { items: offers, totalCount: offers.length },
    splitters: { items: [], totalCount: 0 },
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AimPage aimId="1" route={parseHash("#/aim/1")} />
    </QueryClientProvider>,
  );
}

describe("AIM page", () => {
  it("shows an offer whose operator lost its license as unavailable, without a Call button", async () => {
    renderPage(aim(), [offer("2", false), offer("1", true)]);
    const licensed = await screen.findByTestId("offer-1");
    const unlicensed = screen.getByTestId("offer-2");
    expect(within(licensed).getByRole("link", { name: "Call" }).getAttribute("href")).toBe(
      "#/channels?aim=1&node=1",
    );
    expect(within(unlicensed).queryByRole("link", { name: "Call" })).toBeNull();
    expect(within(unlicensed).getByText("Unavailable").getAttribute("title")).toMatch(
      /no longer holds a license of this AIM/,
    );
    // The payable one is listed first.
    const rows = screen.getAllByTestId(/^offer-/).map((r) => r.dataset.testid);
    expect(rows).toEqual(["offer-1", "offer-2"]);
  });

  it("the indexer query asks for every offer and their active flag, and the pending per-call royalty", async () => {
    renderPage(aim(), []);
    await screen.findByText("Sentiment");
    const { AIM_PAGE } = await import("../../app/src/lib/queries.js");
    // The query as sent (gql.tada documents are printed one field per line).
    const text = print(AIM_PAGE).replace(/\s+/g, " ");
    expect(text).toMatch(/offers\( ?where: \{ ?aimId: \$id ?\}/);
    expect(text).toMatch(/pricePerCall active node/);
    expect(text).toMatch(/pendingCallFeeBps pendingCallFeeAt/);
  });

  it("shows a scheduled per-call royalty increase and its effective date", async () => {
    const at = now() + 7 * 86_400;
    renderPage(aim({ callFeeBps: 100, pendingCallFeeBps: 250, pendingCallFeeAt: String(at) }), []);
    const notice = await screen.findByTestId("pending-call-fee");
    expect(notice.textContent).toContain(
      `The creator raised the per-call royalty to 2.5% from ${new Date(at * 1000).toLocaleString()}; until then 1% applies.`,
    );
    expect(screen.getByText(/1% of every paid call/)).toBeTruthy();
  });

  it("once the date has passed, says the raised rate is in force", async () => {
    const at = now() - 60;
    renderPage(aim({ callFeeBps: 100, pendingCallFeeBps: 250, pendingCallFeeAt: String(at) }), []);
    expect((await screen.findByTestId("pending-call-fee")).textContent).toMatch(
      /The per-call royalty rose to 2\.5% on /,
    );
    expect(screen.getByText(/2\.5% of every paid call/)).toBeTruthy();
  });

  it("shows no notice without a pending increase", async () => {
    renderPage(aim({ pendingCallFeeBps: null, pendingCallFeeAt: null }), []);
    await screen.findByText("Sentiment");
    expect(screen.queryByTestId("pending-call-fee")).toBeNull();
  });
});
