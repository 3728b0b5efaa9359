// @vitest-environment jsdom
// Creator analytics and the notification centre, against the indexer's answers (a fake fetch): the Creator page
// groups the maintained daily rows per AIM and currency and shows sales and calls apart; the bell counts what is
// newer than the account last looked, lists sales, claims and channels running low or expiring, and opening it
// marks everything read (kept across a reload of the component).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { zeroAddress } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Notifications } from "../../app/src/components/Notifications.js";
import { currencies, currencyOf } from "../../app/src/contracts.js";
import { notices, unreadCount } from "../../app/src/lib/notifications.js";
import { formatPrice } from "../../app/src/lib/price.js";
import type { NotificationsData, RevenueDayRow } from "../../app/src/lib/queries.js";
import { revenueSeries } from "../../app/src/lib/revenue.js";
import { parseHash } from "../../app/src/router.js";
import Creator from "../../app/src/routes/Creator.js";
import { type FakeFetch, installFakeFetch } from "./support/fakeIndexer.js";

const ME = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
vi.mock("wagmi", () => ({ useAccount: () => ({ address: ME }) }));

const USDC = (currencies.find((c) => c.symbol !== "ETH")?.address ?? zeroAddress).toLowerCase();
const eth = (amount: bigint) => formatPrice(amount, currencyOf(zeroAddress));
const usdc = (amount: bigint) => formatPrice(amount, currencyOf(USDC));
const today = Math.floor(Date.now() / 86_400_000);
const now = () => Math.floor(Date.now() / 1000);

let fake: FakeFetch;
beforeEach(() => {
  fake = installFakeFetch();
  localStorage.clear();
});
afterEach(cleanup);

const day = (over: Partial<RevenueDayRow>): RevenueDayRow => ({
  aimId: "1",
  currency: zeroAddress,
  day: today,
  date: new Date(today * 86_400_000).toISOString().slice(0, 10),
  saleRoyalties: "0",
  callRoyalties: "0",
  sales: 0,
  claims: 0,
  aim: { name: "Sentiment" },
  ...over,
});

const wrap = (node: React.ReactNode) =>
  render(<QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>);

describe("creator analytics", () => {
  const rows = [
    day({ day: today - 2, saleRoyalties: "500000000000000", sales: 1 }),
    day({
      day: today,
      saleRoyalties: "1000000000000000",
      callRoyalties: "2000000000000000",
      sales: 2,
      claims: 3,
    }),
    day({
      aimId: "2",
      currency: USDC as `0x${string}`,
      callRoyalties: "1250000",
      claims: 1,
      aim: { name: "Chat" },
    }),
  ];

  it("groups days per AIM and currency, oldest first, biggest earner first", () => {
    const series = revenueSeries([rows[1], rows[2], rows[0]] as RevenueDayRow[]);
    expect(series.map((s) => [s.aimId, s.currency])).toEqual([
      ["1", zeroAddress],
      ["2", USDC],
    ]);
    expect(series[0]).toMatchObject({
      sale: 1_500_000_000_000_000n,
      call: 2_000_000_000_000_000n,
      sales: 3,
      claims: 3,
    });
    expect(series[0]?.days.map((d) => d.day)).toEqual([today - 2, today]);
  });

  it("shows each AIM's royalties from sales and from calls, with a chart", async () => {
    let asked: Record<string, unknown> = {};
    fake.graphql.CreatorRevenue = (variables: Record<string, unknown>) => {
      asked = variables;
      return { creatorRevenueDays: { items: rows } };
    };
    wrap(<Creator route={parseHash("#/creator")} />);
    const first = await screen.findByTestId("revenue-1");
    expect(asked).toEqual({ creator: ME, since: today - 29 });
    expect(within(first).getByText("From sales").nextElementSibling?.textContent).toBe(
      `${eth(1_500_000_000_000_000n)} · 3 sales`,
    );
    expect(within(first).getByText("From calls").nextElementSibling?.textContent).toBe(
      `${eth(2_000_000_000_000_000n)} · 3 claims`,
    );
    expect(within(first).getByText("Total").nextElementSibling?.textContent).toBe(
      eth(3_500_000_000_000_000n),
    );
    expect(within(first).getAllByRole("img")[0]?.getAttribute("aria-label")).toBe(
      `Royalties per day: ${eth(3_500_000_000_000_000n)} in all`,
    );
    const chat = screen.getByTestId("revenue-2");
    expect(within(chat).getByText("From calls").nextElementSibling?.textContent).toBe(
      `${usdc(1_250_000n)} · 1 claim`,
    );
  });

  it("says so when nothing was earned in the window", async () => {
    fake.graphql.CreatorRevenue = { creatorRevenueDays: { items: [] } };
    wrap(<Creator route={parseHash("#/creator?days=90")} />);
    expect(await screen.findByText("No royalties in the last 90 days.")).toBeTruthy();
  });
});

describe("notification centre", () => {
  const data = (): NotificationsData => ({
    sold: {
      items: [
        {
          id: "s1",
          aimId: "1",
          aim: { name: "Sentiment" },
          quantity: "2",
          totalPrice: "20000000000000000",
          sellerProceeds: "19000000000000000",
          currency: zeroAddress,
          buyer: "0x00000000000000000000000000000000000000b0",
          timestamp: String(now() - 60),
        },
      ],
    },
    claims: {
      items: [
        {
          id: "c1",
          aimId: "5",
          channelId: `0x${"c1".repeat(32)}`,
          amount: "1000000",
          payeeAmount: "990000",
          token: USDC as `0x${string}`,
          timestamp: String(now() - 120),
        },
      ],
    },
    x402: {
      items: [
        {
          id: "x1",
          aimId: "5",
          nodeAmount: "495000",
          token: USDC as `0x${string}`,
          timestamp: String(now() - 150),
        },
      ],
    },
    channels: {
      items: [
        // 5 % left: low. Expires in an hour: expiring.
        {
          id: `0x${"d1".repeat(32)}`,
          aimId: "5",
          aim: { name: "Chat" },
          token: USDC as `0x${string}`,
          deposit: "10000000",
          remaining: "500000",
          expiry: String(now() + 3_600),
          updatedAt: String(now() - 30),
        },
        // Healthy: half left, a month to go.
        {
          id: `0x${"d2".repeat(32)}`,
          aimId: "1",
          aim: { name: "Sentiment" },
          token: USDC as `0x${string}`,
          deposit: "10000000",
          remaining: "5000000",
          expiry: String(now() + 30 * 86_400),
          updatedAt: String(now() - 30),
        },
      ],
    },
  });

  it("lists sales, claims and channels running low or expiring, newest first", () => {
    const list = notices(data(), now());
    expect(list.map((n) => n.kind)).toEqual(["channel_low", "sold", "claim", "claim", "channel_expiring"]);
    expect(list.find((n) => n.kind === "sold")?.text).toBe(
      `You sold 2 licenses of Sentiment for ${eth(20_000_000_000_000_000n)}; you received ${eth(19_000_000_000_000_000n)}.`,
    );
    expect(list.find((n) => n.kind === "channel_low")?.text).toContain(`running low: ${usdc(500_000n)} left`);
    expect(unreadCount(list, now() - 90)).toBe(2);
  });

  it("counts unread items on the bell and marks them read when opened", async () => {
    fake.graphql.Notifications = data();
    const { unmount } = wrap(<Notifications />);
    const bell = await screen.findByRole("button", { name: "Notifications, 5 unread" });
    fireEvent.click(bell);
    const panel = screen.getByRole("region", { name: "Notifications" });
    expect(within(panel).getAllByRole("listitem")).toHaveLength(5);
    expect(within(panel).getByText(`Your node claimed ${usdc(990_000n)} for calls to AIM #5.`)).toBeTruthy();
    expect(
      within(panel).getByText(`Your node was paid ${usdc(495_000n)} by x402 for calls to AIM #5.`),
    ).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("button", { name: "Notifications" })).toBeTruthy());
    unmount();
    wrap(<Notifications />);
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeTruthy();
  });
});
