// @vitest-environment jsdom
// The Channels screen against issue 12's PaymentChannels: open(payee, token, signer, aimId, sessionCap, salt,
// deposit, expiry) with the session key's spending limit as the on-chain session cap (0 in wallet mode); the
// cap raised with raiseSessionCap; a session voucher above the cap in force on chain refused with a sentence
// before anything is signed; extend capped by MAX_CHANNEL_LIFETIME; ChannelParams built from the indexer row
// (and refused when they do not hash to its id); nodes whose operator no longer holds a license unavailable.
// The wallet (wagmi) is a stub; the indexer and the node are fake HTTP answers.

import { channelId } from "@aim/sdk/channel";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { type Address, type Hex, parseEther, zeroAddress } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chainId, contracts } from "../../app/src/contracts.js";
import {
  channelParamsOf,
  extendTarget,
  lifetimeProblem,
  sessionVoucherProblem,
} from "../../app/src/lib/channel.js";
import { recordSigned, signedSoFar } from "../../app/src/lib/gateway.js";
import type { ChannelRow, OfferRow } from "../../app/src/lib/queries.js";
import { createSessionKey } from "../../app/src/lib/session.js";
import { parseHash } from "../../app/src/router.js";
import Channels from "../../app/src/routes/Channels.js";
import { type FakeFetch, installFakeFetch } from "./support/fakeIndexer.js";

const PAYER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" as Address;
const OPERATOR = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc" as Address;
const UNLICENSED = "0x90f79bf6eb2c4f870365e785982e1f101e93b906" as Address;
const NODE_URL = "http://node.test";

const wagmi = vi.hoisted(() => ({
  readContract: vi.fn(),
  writeContract: vi.fn(),
  signTypedData: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
}));
vi.mock("wagmi", () => ({
  useAccount: () => ({ address: PAYER, chain: { id: 31337 } }),
  useConfig: () => ({}),
}));
vi.mock("wagmi/actions", () => wagmi);

let fake: FakeFetch;
const now = () => Math.floor(Date.now() / 1000);

function offer(nodeId: string, operator: Address, active: boolean, price = "10000"): OfferRow {
  return {
    nodeId,
    aimId: "1",
    version: "1",
    currency: zeroAddress,
    pricePerCall: price,
    active,
    node: { id: nodeId, operator, endpoint: NODE_URL, region: "eu", capabilities: "{}", active: true },
  };
}

function aimPage(offers: OfferRow[]) {
  return {
    aim: {
      id: "1",
      name: "Sentiment",
      endpoints: [{ uri: "/analyze", methods: ["POST"], price_per_call: { max: 20000 } }],
    },
    aimVersions: { items: [], totalCount: 0 },
    listings: { items: [], totalCount: 0 },
    sales: { items: [], totalCount: 0 },
    offers: { items: offers, totalCount: offers.length },
    splitters: { items: [], totalCount: 0 },
  };
}

function channelRow(over: Partial<ChannelRow> = {}): ChannelRow {
  const row: ChannelRow = {
    id: "0x",
    payer: PAYER,
    payee: OPERATOR,
    token: zeroAddress,
    signer: zeroAddress,
    aimId: "1",
    sessionCap: "0",
    sessionCapInForce: over.sessionCapInForce ?? over.sessionCap ?? "0",
    salt: `0x${"11".repeat(32)}`,
    deposit: "100000",
    claimed: "0",
    remaining: "100000",
    expiry: String(now() + 3600),
    state: "open",
    openedAt: String(now() - 60),
    aim: { name: "Sentiment" },
    ...over,
  };
  return { ...row, id: over.id ?? channelId(channelParamsOf(row)) };
}

function renderChannels(hash: string, channels: ChannelRow[], offers: OfferRow[]) {
  fake.graphql.MyChannels = { channels: { items: channels, totalCount: channels.length } };
  fake.graphql.AimPage = aimPage(offers);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Channels route={parseHash(hash)} />
    </QueryClientProvider>,
  );
}

/** Reads answered by function name: the session cap in force and the maximum expiry. */
function chainReads(reads: { sessionCapOf?: bigint; maxExpiryOf?: bigint }) {
  wagmi.readContract.mockImplementation(
    async (_config: unknown, { functionName }: { functionName: string }) => {
      const value = reads[functionName as keyof typeof reads];
      if (value === undefined) throw new Error(`unexpected read ${functionName}`);
      return value;
    },
  );
}

beforeEach(() => {
  localStorage.clear();
  fake = installFakeFetch();
  wagmi.writeContract.mockReset().mockResolvedValue(`0x${"aa".repeat(32)}`);
  wagmi.waitForTransactionReceipt
    .mockReset()
    .mockResolvedValue({ status: "success", blockNumber: 5n, logs: [] });
  wagmi.signTypedData.mockReset().mockResolvedValue(`0x${"00".repeat(65)}`);
  chainReads({ maxExpiryOf: BigInt(now() + 365 * 86_400) });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const writes = (name: string) =>
  wagmi.writeContract.mock.calls
    .map(([, call]) => call as { functionName: string; args: readonly unknown[]; address: Address })
    .filter((c) => c.functionName === name);

describe("opening a channel", () => {
  it("session mode: the spending limit the user sets is the channel's session cap on chain", async () => {
    renderChannels("#/channels?aim=1&node=1", [], [offer("1", OPERATOR, true)]);
    const panel = await screen.findByTestId("open-channel");
    fireEvent.change(within(panel).getByLabelText(/^Deposit/), { target: { value: "0.01" } });
    fireEvent.click(within(panel).getByLabelText(/Session key in this browser/));
    fireEvent.change(within(panel).getByLabelText(/^Session spending limit/), { target: { value: "0.004" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Open channel" }));
    await waitFor(() => expect(writes("open")).toHaveLength(1));
    const [call] = writes("open");
    const [payee, token, signer, aimId, sessionCap, , deposit] = call?.args ?? [];
    expect(call?.address).toBe(contracts.channels.address);
    expect([payee, token, aimId, deposit]).toEqual([OPERATOR, zeroAddress, 1n, parseEther("0.01")]);
    expect(sessionCap).toBe(parseEther("0.004"));
    // The session key was made here and kept in this browser; it is the channel's signer.
    expect(signer).not.toBe(zeroAddress);
    expect(localStorage.getItem(`aim.session.${String(signer).toLowerCase()}`)).toMatch(/^0x/);
  });

  it("session mode without a limit typed: the cap is the deposit", async () => {
    renderChannels("#/channels?aim=1", [], [offer("1", OPERATOR, true)]);
    const panel = await screen.findByTestId("open-channel");
    fireEvent.change(within(panel).getByLabelText(/^Deposit/), { target: { value: "0.02" } });
    fireEvent.click(within(panel).getByLabelText(/Session key in this browser/));
    fireEvent.click(within(panel).getByRole("button", { name: "Open channel" }));
    await waitFor(() => expect(writes("open")).toHaveLength(1));
    expect(writes("open")[0]?.args[4]).toBe(parseEther("0.02"));
  });

  it("wallet mode: no session key and a session cap of 0", async () => {
    renderChannels("#/channels?aim=1", [], [offer("1", OPERATOR, true)]);
    const panel = await screen.findByTestId("open-channel");
    fireEvent.change(within(panel).getByLabelText(/^Deposit/), { target: { value: "0.01" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Open channel" }));
    await waitFor(() => expect(writes("open")).toHaveLength(1));
    const args = writes("open")[0]?.args ?? [];
    expect(args[2]).toBe(zeroAddress);
    expect(args[4]).toBe(0n);
  });

  it("refuses an expiry past the maximum channel lifetime with a sentence", async () => {
    renderChannels("#/channels?aim=1", [], [offer("1", OPERATOR, true)]);
    const panel = await screen.findByTestId("open-channel");
    fireEvent.change(within(panel).getByLabelText(/^Deposit/), { target: { value: "0.01" } });
    fireEvent.change(within(panel).getByLabelText(/^Expires in/), { target: { value: String(366 * 24) } });
    expect(within(panel).getByText(/A channel lives at most 365 days/)).toBeTruthy();
    expect((within(panel).getByRole("button", { name: "Open channel" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it("shows a node whose operator lost its license as unavailable, and offers only licensed nodes", async () => {
    renderChannels(
      "#/channels?aim=1&node=2",
      [],
      [offer("1", OPERATOR, true), offer("2", UNLICENSED, false, "1")],
    );
    const panel = await screen.findByTestId("open-channel");
    expect(within(panel).getByTestId("node-unavailable").textContent).toMatch(
      /Node #2: Unavailable: this node's operator no longer holds a license/,
    );
    const options = within(panel)
      .getAllByRole("option")
      .map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(["1"]);
    fireEvent.change(within(panel).getByLabelText(/^Deposit/), { target: { value: "0.01" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Open channel" }));
    await waitFor(() => expect(writes("open")).toHaveLength(1));
    expect(writes("open")[0]?.args[0]).toBe(OPERATOR);
  });

  it("has no Open button when no node of the AIM can be paid", async () => {
    renderChannels("#/channels?aim=1", [], [offer("2", UNLICENSED, false)]);
    expect((await screen.findByTestId("open-unavailable")).textContent).toMatch(/no longer hold a license/);
    expect(screen.queryByRole("button", { name: "Open channel" })).toBeNull();
  });
});

describe("a channel with a session key", () => {
  const quote = (price: bigint) => ({
    aimId: "1",
    endpoint: "/analyze",
    methods: ["POST"],
    price: price.toString(),
    currency: zeroAddress,
    payee: OPERATOR,
    chainId,
    contract: contracts.channels.address,
  });

  async function getPriceAndPay(card: HTMLElement) {
    fireEvent.click(await within(card).findByRole("button", { name: "Get price" }));
    fireEvent.click(await within(card).findByRole("button", { name: "Pay & call" }));
  }

  it("refuses to sign a voucher above the session cap in force on chain, then pays once the cap is raised", async () => {
    const key = createSessionKey();
    const row = channelRow({
      signer: key.address,
      sessionCap: parseEther("0.001").toString(),
      deposit: parseEther("0.01").toString(),
    });
    recordSigned(row.id as Hex, parseEther("0.001"));
    // The cap in force on chain (raised since the open) decides, not the row's opening cap.
    chainReads({ sessionCapOf: parseEther("0.002"), maxExpiryOf: BigInt(now() + 86_400 * 300) });
    fake.routes[`${NODE_URL}/aims/1/quote`] = quote(parseEther("0.0015"));
    fake.routes[`${NODE_URL}/aims/1/call`] = { ok: true };
    renderChannels("#/channels?aim=1", [row], [offer("1", OPERATOR, true, parseEther("0.0015").toString())]);
    const card = await screen.findByTestId(`channel-${row.id}`);
    await waitFor(() => expect(within(card).getByTestId("session-cap").textContent).toBe("0.002 ETH"));
    await getPriceAndPay(card);
    expect((await within(card).findByRole("alert")).textContent).toBe(
      "This call would bring what the session key signed to 0.0025 ETH, above the channel's session cap of 0.002 ETH on chain: the node could not be paid for it, so it was not signed. Raise the session cap first.",
    );
    expect(fake.calls.some((u) => u.includes("/call"))).toBe(false);
    expect(signedSoFar(row.id as Hex)).toBe(parseEther("0.001"));

    // The payer raises the cap on chain: raiseSessionCap(params, newCap) with the params of the row.
    fireEvent.change(within(card).getByLabelText(/^New session cap/), { target: { value: "0.005" } });
    chainReads({ sessionCapOf: parseEther("0.005"), maxExpiryOf: BigInt(now() + 86_400 * 300) });
    fireEvent.click(within(card).getByRole("button", { name: "Raise session cap" }));
    await waitFor(() => expect(writes("raiseSessionCap")).toHaveLength(1));
    expect(writes("raiseSessionCap")[0]?.args).toEqual([channelParamsOf(row), parseEther("0.005")]);
    await waitFor(() => expect(within(card).getByTestId("session-cap").textContent).toBe("0.005 ETH"));

    fireEvent.click(within(card).getByRole("button", { name: "Pay & call" }));
    await within(card).findByTestId("response");
    expect(signedSoFar(row.id as Hex)).toBe(parseEther("0.0025"));
    // Signed by the session key, not the wallet.
    expect(wagmi.signTypedData).not.toHaveBeenCalled();
  });

  it("a session channel whose row holds a cap it did not open with: refused with a sentence, no raise", async () => {
    const key = createSessionKey();
    const atOpen = channelRow({ signer: key.address, sessionCap: parseEther("0.001").toString() });
    // An index that is wrong or behind: same id, sessionCap = a cap the channel did not open with.
    const row = { ...atOpen, sessionCap: parseEther("0.003").toString() };
    chainReads({ sessionCapOf: parseEther("0.003"), maxExpiryOf: BigInt(now() + 86_400 * 300) });
    wagmi.readContract.mockClear();
    renderChannels("#/channels", [row], [offer("1", OPERATOR, true)]);
    const card = await screen.findByTestId(`channel-${row.id}`);
    expect(within(card).getByRole("alert").textContent).toMatch(
      /do not match its id on chain \(the index is wrong or behind\), so top-ups, extensions, cap raises and reclaims would fail/,
    );
    expect(within(card).queryByRole("button", { name: "Raise session cap" })).toBeNull();
    // The id is computed from the params: nothing is read from the channel or sent to it.
    expect(wagmi.readContract).not.toHaveBeenCalled();
    expect(wagmi.writeContract).not.toHaveBeenCalled();
  });

  it("refuses a cap that does not go up", async () => {
    const key = createSessionKey();
    const row = channelRow({ signer: key.address, sessionCap: parseEther("0.001").toString() });
    chainReads({ sessionCapOf: parseEther("0.002"), maxExpiryOf: BigInt(now() + 86_400) });
    renderChannels("#/channels", [row], [offer("1", OPERATOR, true)]);
    const card = await screen.findByTestId(`channel-${row.id}`);
    await waitFor(() => expect(within(card).getByTestId("session-cap").textContent).toBe("0.002 ETH"));
    fireEvent.change(within(card).getByLabelText(/^New session cap/), { target: { value: "0.002" } });
    expect(within(card).getByText(/a session cap only goes up/)).toBeTruthy();
    expect(
      (within(card).getByRole("button", { name: "Raise session cap" }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });
});

describe("channel upkeep", () => {
  it("builds ChannelParams (sessionCap included) from the indexer row for top-up and extend", async () => {
    const row = channelRow();
    const maxExpiry = BigInt(Number(row.expiry) + 3600);
    chainReads({ maxExpiryOf: maxExpiry });
    renderChannels("#/channels", [row], [offer("1", OPERATOR, true)]);
    const card = await screen.findByTestId(`channel-${row.id}`);
    // Less than 24 h of lifetime left: the extension stops at the maximum, and says so.
    const extend = await within(card).findByRole("button", { name: "Extend to the maximum" });
    expect(within(card).getByTestId("lifetime").textContent).toMatch(/at most 365 days after it opened/);
    fireEvent.click(extend);
    await waitFor(() => expect(writes("extend")).toHaveLength(1));
    expect(writes("extend")[0]?.args).toEqual([channelParamsOf(row), maxExpiry]);
    expect(channelId(channelParamsOf(row))).toBe(row.id);
  });

  it("says a channel at its maximum lifetime cannot be extended", async () => {
    const row = channelRow();
    chainReads({ maxExpiryOf: BigInt(row.expiry) });
    renderChannels("#/channels", [row], [offer("1", OPERATOR, true)]);
    const card = await screen.findByTestId(`channel-${row.id}`);
    await waitFor(() =>
      expect(within(card).getByTestId("lifetime").textContent).toMatch(
        /reached its maximum lifetime .* cannot be extended\. Open a new channel/,
      ),
    );
    expect((within(card).getByRole("button", { name: "Extend 24 h" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it("offers no call when the channel's node lost its license", async () => {
    const row = channelRow({ payee: UNLICENSED });
    renderChannels("#/channels", [row], [offer("2", UNLICENSED, false)]);
    const card = await screen.findByTestId(`channel-${row.id}`);
    expect((await within(card).findByTestId("channel-unavailable")).textContent).toMatch(
      /no longer holds a license of this AIM/,
    );
    expect(within(card).queryByText("Call this AIM")).toBeNull();
  });

  it("refuses to act on a row whose parameters do not hash to its id", async () => {
    const row = { ...channelRow(), sessionCap: "5" };
    renderChannels("#/channels", [row], [offer("1", OPERATOR, true)]);
    const card = await screen.findByTestId(`channel-${row.id}`);
    expect(within(card).getByRole("alert").textContent).toMatch(/do not match its id on chain/);
    expect(within(card).queryByRole("button", { name: "Top up" })).toBeNull();
  });
});

describe("channel limits", () => {
  it("sessionVoucherProblem, lifetimeProblem and extendTarget", () => {
    const f = (v: bigint) => v.toString();
    expect(sessionVoucherProblem(20n, 20n, f)).toBeNull();
    expect(sessionVoucherProblem(21n, 20n, f)).toMatch(
      /to 21, above the channel's session cap of 20 on chain/,
    );
    expect(lifetimeProblem(365 * 24)).toBeNull();
    expect(lifetimeProblem(365 * 24 + 1)).toMatch(/at most 365 days/);
    expect(extendTarget(100n, 1_000_000n, 50n, 86_400n)).toEqual({ expiry: 86_500n, capped: false });
    expect(extendTarget(100n, 1_000n, 50n, 86_400n)).toEqual({ expiry: 1_000n, capped: true });
    expect(extendTarget(1_000n, 1_000n, 50n, 86_400n)).toHaveProperty("problem");
  });
});
