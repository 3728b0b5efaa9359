// The Channels page's chat with an LLM AIM, against the real thing: a local chain with PaymentChannels, the real
// gateway in this process serving the demo chat manifest (sdk/examples/chat.json) through a deterministic
// OpenAI-compatible upstream (scripts/fixtures/openai-upstream.ts), and a channel opened on chain with a session
// key kept in this browser's storage. Only the indexer's answers and the wallet (wagmi) are stand-ins. The reply
// must appear token by token, the cost shown must be the gateway's charge (the receipt it stored), a reload must
// keep tokens and cost per call, and refusals must be sentences. jsdom comes from ./support/dom.ts (see there).

// A side-effect import first: the DOM must exist before Testing Library loads (biome keeps it in place).
import "./support/dom.js";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { maxCallCost, promptTokens, tokenCost } from "@aim/sdk/metered";
import { MeteredCallError, NodeMisbehaviourError } from "@aim/sdk/metered-client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { Address, Hex } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { chatErrorSentence } from "../../app/src/lib/meteredCall.js";
import { formatPrice } from "../../app/src/lib/price.js";
import type { ChannelRow, OfferRow } from "../../app/src/lib/queries.js";
import { parseHash } from "../../app/src/router.js";
import Channels from "../../app/src/routes/Channels.js";
import { type Gateway, startGateway } from "../../gateway/server.js";
import {
  type ChannelsChain,
  type OpenChannel,
  openChannel,
  startChannelsChain,
} from "../../scripts/fixtures/channels-chain.js";
import { parseGatewayConfigFor } from "../../scripts/fixtures/gateway-config.js";
import {
  type OpenAiUpstream,
  replyToken,
  startOpenAiUpstream,
} from "../../scripts/fixtures/openai-upstream.js";
import { REPO_ROOT } from "../../scripts/harness/processes.js";
import { teardownDom } from "./support/dom.js";
import { installFakeFetch } from "./support/fakeIndexer.js";

const TUSDC = { address: "0x" as Address, symbol: "tUSDC", decimals: 6 };
const chain = vi.hoisted(() => ({ buyer: "0x" as string, contract: "0x" as string, usdc: "0x" as string }));
vi.mock("wagmi", () => ({
  useAccount: () => ({ address: chain.buyer, chain: { id: 31337 } }),
  useConfig: () => ({}),
}));
const wagmi = vi.hoisted(() => ({
  readContract: vi.fn(),
  writeContract: vi.fn(),
  signTypedData: vi.fn(),
  getWalletClient: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
}));
vi.mock("wagmi/actions", () => wagmi);
// The app's deployment is the generated one; this chain's PaymentChannels and test USDC stand in for it.
vi.mock("../../app/src/contracts.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../app/src/contracts.js")>();
  return {
    ...actual,
    contracts: {
      ...actual.contracts,
      channels: {
        ...actual.contracts.channels,
        get address() {
          return chain.contract;
        },
      },
    },
    currencyOf: (address: string) =>
      address.toLowerCase() === chain.usdc.toLowerCase() ? TUSDC : actual.currencyOf(address),
  };
});

const MANIFEST = JSON.parse(readFileSync(join(REPO_ROOT, "sdk", "examples", "chat.json"), "utf8"));
const PRICES = MANIFEST["x-per-token"];
const FULL = Array.from({ length: 20 }, (_, i) => replyToken(i)).join("");
const format = (v: bigint) => formatPrice(v, TUSDC);
let env: ChannelsChain;
let upstream: OpenAiUpstream;
let gateway: Gateway;
let opened: OpenChannel;
const dir = mkdtempSync(join(tmpdir(), "app-chat-"));

beforeAll(async () => {
  env = await startChannelsChain();
  Object.assign(chain, { buyer: env.buyer, contract: env.contract, usdc: env.usdc });
  upstream = await startOpenAiUpstream({ tokenDelayMs: 60 });
  gateway = await startGateway(
    parseGatewayConfigFor(env, join(dir, "vouchers.sqlite"), {
      offer: {
        manifest: join(REPO_ROOT, "sdk", "examples", "chat.json"),
        handler: "openai",
        openai: { baseUrl: `${upstream.url}/v1`, model: "demo-llm", timeoutMs: 2000 },
      },
    }),
    { settle: false, defaultMetrics: false },
  );
  opened = await openChannel(env, { deposit: 1_000_000n });
  localStorage.clear();
  // The session key the app's open flow would have made and kept (app/src/lib/session.ts).
  localStorage.setItem(`aim.session.${opened.session.address.toLowerCase()}`, opened.sessionKey);
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
  await teardownDom();
});
beforeEach(() => {
  wagmi.readContract.mockImplementation(async (_: unknown, { functionName }: { functionName: string }) =>
    functionName === "sessionCapOf" ? 1_000_000n : BigInt(Math.floor(Date.now() / 1000) + 86_400 * 300),
  );
  upstream.options.tokenDelayMs = 60;
  upstream.options.dieAfterTokens = undefined;
});

function row(): ChannelRow {
  const { params } = opened;
  return {
    id: opened.id,
    payer: params.payer,
    payee: params.payee,
    token: params.token,
    signer: params.signer,
    aimId: "1",
    sessionCap: params.sessionCap.toString(),
    sessionCapInForce: params.sessionCap.toString(),
    salt: params.salt,
    deposit: "1000000",
    claimed: "0",
    remaining: "1000000",
    expiry: String(Math.floor(Date.now() / 1000) + 86_400),
    state: "open",
    openedAt: String(Math.floor(Date.now() / 1000) - 60),
    aim: { name: "Demo Chat" },
  };
}

function renderChannels(manifest: unknown = MANIFEST, endpoint = gateway.url) {
  const fake = installFakeFetch({ passthrough: true });
  const offer: OfferRow = {
    nodeId: "1",
    aimId: "1",
    version: "1",
    currency: env.usdc,
    pricePerCall: "0",
    active: true,
    node: {
      id: "1",
      operator: env.operator.address,
      endpoint,
      region: "local",
      capabilities: "{}",
      active: true,
    },
  };
  fake.graphql.MyChannels = { channels: { items: [row()], totalCount: 1 } };
  fake.graphql.AimPage = {
    aim: { id: "1", name: "Demo Chat", endpoints: MANIFEST.endpoints },
    aimVersions: { items: [{ version: "1", manifest }], totalCount: 1 },
    listings: { items: [], totalCount: 0 },
    sales: { items: [], totalCount: 0 },
    offers: { items: [offer], totalCount: 1 },
    splitters: { items: [], totalCount: 0 },
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Channels route={parseHash("#/channels?aim=1")} />
    </QueryClientProvider>,
  );
  return fake;
}

const receipted = async () => (await gateway.store.latest(opened.id as Hex))?.cumulativeAmount ?? 0n;

async function send(chat: HTMLElement, text: string) {
  fireEvent.change(within(chat).getByLabelText("Message"), { target: { value: text } });
  fireEvent.click(within(chat).getByRole("button", { name: "Send" }));
}

describe("chat with an LLM AIM on the Channels page", () => {
  it("streams the reply token by token and shows the gateway's charge, the maximum and charged vs deposit", async () => {
    renderChannels();
    const chat = await screen.findByTestId("chat");
    const messages = [{ role: "user", content: "Tell me about the cat on the mat." }];
    await send(chat, messages[0]?.content ?? "");
    // Part of the reply is on screen before the rest has come: it streams.
    let partial = "";
    await waitFor(
      () => {
        partial = within(chat).getByTestId("chat-stream").textContent ?? "";
        expect(partial.length).toBeGreaterThan(0);
        expect(partial).not.toBe(FULL);
      },
      { interval: 10 },
    );
    expect(FULL.startsWith(partial)).toBe(true);
    expect(within(chat).getByTestId("chat-estimate").textContent).toMatch(/^So far ≈ .* tUSDC/);
    const charged = await within(chat).findByTestId("chat-charged", {}, { timeout: 10_000 });
    expect(within(chat).getByRole("list", { name: "Conversation" }).textContent).toContain(`AIM: ${FULL}`);

    // The cost shown is what the gateway charged and holds a receipt for, and the usage at the manifest's prices.
    const cost = await receipted();
    expect(cost).toBe(tokenCost(PRICES, promptTokens(messages), 20));
    expect(charged.textContent).toBe(format(cost));
    expect(within(chat).getByTestId("chat-tokens").textContent).toBe(`${promptTokens(messages)} / 20`);
    expect(within(chat).getByTestId("chat-max").textContent).toBe(
      format(maxCallCost(PRICES, messages, PRICES.max_tokens_default)),
    );
    expect(within(chat).getByTestId("chat-cumulative").textContent).toBe(format(cost));
    // The Channels page lists the call: tokens in, out and cost.
    const table = screen.getByTestId("metered-calls");
    const cells = within(table)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(cells.slice(1)).toEqual([String(promptTokens(messages)), "20", format(cost)]);
  });

  it("keeps tokens and cost per call across a reload, and goes on from the charged cumulative it kept", async () => {
    const before = await receipted();
    cleanup();
    renderChannels();
    const table = await screen.findByTestId("metered-calls");
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    expect(within(table).getAllByRole("cell").at(-1)?.textContent).toBe(format(before));
    // A fresh MeteredClient resumes the stored state: the gateway accepts its authorisation and charges on.
    upstream.options.tokenDelayMs = 0;
    const chat = await screen.findByTestId("chat");
    await send(chat, "Again.");
    const charged = await within(chat).findByTestId("chat-charged", {}, { timeout: 10_000 });
    const after = await receipted();
    expect(after).toBeGreaterThan(before);
    expect(charged.textContent).toBe(format(after - before));
    expect(within(chat).getByTestId("chat-cumulative").textContent).toBe(format(after));
    expect(within(screen.getByTestId("metered-calls")).getAllByRole("row")).toHaveLength(3);
    cleanup();
  });

  it("says the model failed mid-stream and shows the cut call charged only for what was delivered", async () => {
    const before = await receipted();
    upstream.options.dieAfterTokens = 4;
    renderChannels();
    const chat = await screen.findByTestId("chat");
    await send(chat, "Tell me more.");
    const alert = await within(chat).findByRole("alert", {}, { timeout: 10_000 });
    expect(alert.textContent).toMatch(
      /^The model behind the node failed: .*Only the text delivered is charged\.$/,
    );
    expect(within(chat).getByTestId("chat-tokens").textContent).toMatch(
      / \/ 4 \(cut: only what was delivered\)$/,
    );
    const after = await receipted();
    expect(within(chat).getByTestId("chat-charged").textContent).toBe(format(after - before));
    cleanup();
  });

  it("refuses, before signing anything, a node that charges more than the manifest's prices", async () => {
    const before = await receipted();
    const cheaper = {
      ...MANIFEST,
      "x-per-token": { ...PRICES, output_per_1k_tokens: PRICES.output_per_1k_tokens - 1 },
    };
    const fake = renderChannels(cheaper);
    const chat = await screen.findByTestId("chat");
    await send(chat, "Hello.");
    expect((await within(chat).findByRole("alert")).textContent).toMatch(
      /^The node charges 10000 \/ 30000 micro-USDC per 1,000 tokens in \/ out, above the manifest's 10000 \/ 29999: nothing was signed\.$/,
    );
    expect(fake.calls.some((u) => u.includes("/v1/chat/completions"))).toBe(false);
    expect(await receipted()).toBe(before);
    cleanup();
  });
});

/** A node in front of the real gateway that adds one unit to the charge it reports (and to the cumulative). */
async function inflatingNode(): Promise<{ url: string; server: Server; chats: number }> {
  const node = { url: "", server: undefined as unknown as Server, chats: 0 };
  node.server = createServer(async (request, response) => {
    if (request.url === "/v1/chat/completions") node.chats++;
    let body = "";
    for await (const chunk of request) body += chunk;
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([k]) => k === "content-type" || k === "x-aim-voucher"),
    ) as Record<string, string>;
    const answer = await fetch(`${gateway.url}${request.url}`, {
      method: request.method,
      headers,
      body: request.method === "GET" ? undefined : body,
    });
    let text = await answer.text();
    text = text.replace(/^data: (\{.*"aim":.*\})$/gm, (_, json: string) => {
      const chunk = JSON.parse(json);
      chunk.aim.charged = String(BigInt(chunk.aim.charged) + 1n);
      chunk.aim.cumulative = String(BigInt(chunk.aim.cumulative) + 1n);
      return `data: ${JSON.stringify(chunk)}`;
    });
    response.writeHead(answer.status, {
      "content-type": answer.headers.get("content-type") ?? "application/json",
    });
    response.end(text);
  });
  await new Promise<void>((resolve) => node.server.listen(0, "127.0.0.1", resolve));
  node.url = `http://127.0.0.1:${(node.server.address() as AddressInfo).port}`;
  return node;
}

describe("opening a channel for an LLM AIM", () => {
  it("defaults to a session key and states the per-token prices", async () => {
    renderChannels();
    const panel = await screen.findByTestId("open-channel");
    expect(within(panel).getByLabelText(/Session key in this browser/)).toHaveProperty("checked", true);
    expect(within(panel).getByText(/^Priced per token:/).textContent).toBe(
      "Priced per token: 10,000 micro-USDC per 1,000 tokens in, 30,000 out. Unused deposit comes back after expiry.",
    );
    // The channel's card says what was authorised (the most the node can claim), not "spent".
    expect(screen.getByTestId(`channel-${opened.id}`).textContent).toMatch(/Authorised \d/);
    cleanup();
  });
});

describe("a node caught misbehaving", () => {
  it("says so, signs no receipt for the inflated charge and stops using the node", async () => {
    upstream.options.tokenDelayMs = 0;
    const before = await receipted();
    const node = await inflatingNode();
    try {
      renderChannels(MANIFEST, node.url);
      const chat = await screen.findByTestId("chat");
      await send(chat, "Hello.");
      const alert = await within(chat).findByRole("alert", {}, { timeout: 10_000 });
      expect(alert.textContent).toMatch(
        /^The node broke the metering rules, so no receipt was signed and this app stops using it \(charged \d+ for usage that costs \d+\)\. It can claim at most what was authorised for that call\.$/,
      );
      // The reply was shown, but no receipt reached the gateway and no charge was recorded.
      expect(await receipted()).toBe(before);
      expect(within(screen.getByTestId("metered-calls")).getAllByRole("row")).toHaveLength(4);
      // The next message is refused without a call.
      await send(chat, "Hello again.");
      await waitFor(() =>
        expect(within(chat).getByRole("alert").textContent).toMatch(/broke the metering rules/),
      );
    } finally {
      cleanup();
      await new Promise<void>((resolve) => node.server.close(() => resolve()));
    }
  });
});

describe("refusals as sentences", () => {
  const refusal = (status: number, code: string, extra: Record<string, string> = {}) =>
    chatErrorSentence(
      new MeteredCallError(status, code, `${code} message`, { error: { code, ...extra } }),
      format,
    );

  it("names each refusal of a metered call", () => {
    expect(refusal(402, "receipt_required", { charged: "1500" })).toBe(
      "The node still waits for the receipt of the previous call (charged 0.0015 tUSDC): send again to settle it first.",
    );
    expect(refusal(402, "insufficient_authorization", { charged: "0", required: "2000" })).toBe(
      "The node wants an authorisation of 0.002 tUSDC for this call, more than was signed: lower the maximum reply length.",
    );
    expect(refusal(409, "channel_busy")).toMatch(/^Another call on this channel is still running/);
    expect(refusal(502, "upstream_error")).toBe(
      "The model behind the node failed: upstream_error message. Only the text delivered is charged.",
    );
    expect(refusal(504, "upstream_timeout")).toBe(
      "The model behind the node did not answer in time. Nothing was charged.",
    );
    expect(refusal(400, "invalid_request")).toBe(
      "The node refused the call (400 invalid_request): invalid_request message.",
    );
    expect(
      chatErrorSentence(
        new NodeMisbehaviourError("node http://n refused: cumulative went backwards"),
        format,
      ),
    ).toMatch(/^The node broke the metering rules, .*\(cumulative went backwards\)\./);
    expect(chatErrorSentence(new TypeError("fetch failed"), format)).toBe(
      "The node cannot be reached (offline, or the connection dropped).",
    );
  });
});
