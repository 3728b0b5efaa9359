// Per-token prices: the manifest's "x-per-token" extension (field + reason errors), the shared token count and
// costs, and the SDK client against a dishonest node (a real node:http server that lies about the charge).
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseManifest } from "@aim/sdk/manifest";
import { countTokens, maxCallCost, promptTokens, tokenCost } from "@aim/sdk/metered";
import { MeteredClient, NodeMisbehaviourError } from "@aim/sdk/metered-client";
import { decodeVoucherHeader } from "@aim/sdk/voucher";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterEach, describe, expect, it } from "vitest";

// biome-ignore lint/suspicious/noExplicitAny: the tests reach into arbitrary JSON to break it
type Json = Record<string, any>;
const chat = (): Json =>
  JSON.parse(readFileSync(new URL("../../sdk/examples/chat.json", import.meta.url), "utf8"));
const PRICES = { input_per_1k_tokens: 10_000, output_per_1k_tokens: 30_000, max_tokens_default: 256 };

function issuesAfter(mutate: (m: Json) => void) {
  const manifest = chat();
  mutate(manifest);
  const result = parseManifest(manifest);
  if (result.ok) throw new Error("expected the manifest to be refused");
  return result.issues;
}

describe("x-per-token manifest extension", () => {
  it("accepts the chat example and keeps the prices", () => {
    const result = parseManifest(chat());
    expect(result.ok && result.manifest["x-per-token"]).toEqual({ ...PRICES, max_tokens_limit: 4096 });
  });

  it("refuses bad prices and limits with the field and the reason", () => {
    const ext = "x-per-token";
    expect(
      issuesAfter((m) => {
        m[ext].input_per_1k_tokens = -1;
      }),
    ).toEqual([
      { path: '["x-per-token"].input_per_1k_tokens', reason: "expected a non-negative integer (micro-USDC)" },
    ]);
    expect(
      issuesAfter((m) => {
        m[ext].output_per_1k_tokens = 1.5;
      })[0],
    ).toEqual({
      path: '["x-per-token"].output_per_1k_tokens',
      reason: "expected a non-negative integer (micro-USDC)",
    });
    expect(issuesAfter((m) => delete m[ext].max_tokens_default)[0]).toEqual({
      path: '["x-per-token"].max_tokens_default',
      reason: "missing; expected a positive integer (tokens)",
    });
    expect(
      issuesAfter((m) => {
        m[ext].max_tokens_default = 5000;
      })[0],
    ).toEqual({
      path: '["x-per-token"].max_tokens_default',
      reason: "must not exceed max_tokens_limit (4096)",
    });
    expect(
      issuesAfter((m) => {
        m[ext].input_per_1k_tokens = 0;
        m[ext].output_per_1k_tokens = 0;
      })[0],
    ).toEqual({
      path: '["x-per-token"].output_per_1k_tokens',
      reason: "a metered endpoint must price input or output tokens above 0",
    });
    expect(
      issuesAfter((m) => {
        m[ext] = "cheap";
      })[0]?.path,
    ).toBe('["x-per-token"]');
  });
});

describe("token counts and costs", () => {
  it("counts runs of up to 4 non-space characters, prompts with one token per role, and rounds costs up", () => {
    expect(countTokens("")).toBe(0);
    expect(countTokens(" the cat sat")).toBe(3);
    expect(countTokens("internationalisation")).toBe(5);
    expect(
      promptTokens([
        { role: "user", content: "the cat" },
        { role: "system", content: null },
      ]),
    ).toBe(4);
    expect(tokenCost(PRICES, 1, 0)).toBe(10n);
    expect(tokenCost({ input_per_1k_tokens: 1, output_per_1k_tokens: 1 }, 1, 0)).toBe(1n);
    expect(maxCallCost(PRICES, [{ role: "user", content: "the cat" }], 100)).toBe(3030n);
  });
});

describe("the SDK client against a dishonest node", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A fake node that streams one token and reports `lie(authorized)` as its charge; counts receipts. */
  async function dishonestNode(
    lie: (authorized: bigint) => { charged: bigint; cumulative: bigint },
    state = { charged: 1000n, signed: 1000n },
  ) {
    const seen = { receipts: 0 };
    server = createServer((request, response) => {
      if (request.url === "/v1/receipts") {
        seen.receipts++;
        return response.end("{}");
      }
      const authorized = decodeVoucherHeader(request.headers["x-aim-voucher"] as string).cumulativeAmount;
      const { charged, cumulative } = lie(authorized);
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: " hi" } }] })}\n\n`);
      const aim = {
        channelId: "0x",
        charged: charged.toString(),
        cumulative: cumulative.toString(),
        authorized: authorized.toString(),
        prompt_tokens: 3,
        completion_tokens: 1,
        complete: true,
      };
      response.end(`data: ${JSON.stringify({ choices: [], aim })}\n\ndata: [DONE]\n\n`);
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const client = new MeteredClient({
      nodeUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      aimId: 1n,
      channel: { id: `0x${"11".repeat(32)}`, chainId: 31337, contract: `0x${"22".repeat(20)}` },
      signer: privateKeyToAccount(generatePrivateKey()),
      prices: PRICES,
      state,
    });
    const drain = async () => {
      for await (const _ of client.stream({
        messages: [{ role: "user", content: "the cat" }],
        max_tokens: 10,
      })) {
      }
    };
    return { client, seen, drain };
  }

  it("refuses a charge above what it authorised, signs no receipt and stops using the node", async () => {
    const { client, seen, drain } = await dishonestNode((authorized) => ({
      charged: authorized + 1n - 1000n,
      cumulative: authorized + 1n,
    }));
    await expect(drain()).rejects.toThrow(NodeMisbehaviourError);
    expect(seen.receipts).toBe(0);
    expect(client.state.charged).toBe(1000n);
    // It never signed more than charged + the maximum it chose.
    expect(client.state.signed).toBe(1000n + maxCallCost(PRICES, [{ role: "user", content: "the cat" }], 10));
    await expect(drain()).rejects.toThrow(NodeMisbehaviourError);
  });

  it("refuses a charge above this call's maximum even within an older, larger authorisation", async () => {
    const { seen, drain } = await dishonestNode(() => ({ charged: 4000n, cumulative: 5000n }), {
      charged: 1000n,
      signed: 5000n,
    });
    await expect(drain()).rejects.toThrow(/above this call's maximum/);
    expect(seen.receipts).toBe(0);
  });

  it("refuses a cumulative that went backwards", async () => {
    const { seen, drain } = await dishonestNode(() => ({ charged: 0n, cumulative: 900n }));
    await expect(drain()).rejects.toThrow(/went backwards/);
    expect(seen.receipts).toBe(0);
  });

  it("refuses a charge above the reported usage at the manifest's prices", async () => {
    // Usage 3 prompt + 1 completion tokens costs 60; the node charges 200, within the authorisation.
    const { seen, drain } = await dishonestNode(() => ({ charged: 200n, cumulative: 1200n }));
    await expect(drain()).rejects.toThrow(/costs 60/);
    expect(seen.receipts).toBe(0);
  });
});
