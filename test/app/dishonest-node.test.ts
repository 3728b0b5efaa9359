// @vitest-environment jsdom
// Finding 9 of issue 12: the app took the node's x-aim-paid header as the amount spent and signed the next
// voucher on that base, so a dishonest node could make a session key sign away the deposit. Now the app
// signs on top of what it signed itself and refuses quotes above the node's on-chain offer / the manifest.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signVoucher } from "@aim/sdk/voucher";
import type { Address, Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callAim,
  getQuote,
  nextCumulative,
  type Quote,
  quoteProblem,
  recordSigned,
} from "../../app/src/lib/gateway.js";

const CONTRACT = "0x00000000000000000000000000000000000000c1" as Address;
const PAYEE = "0x00000000000000000000000000000000000000e1" as Address;
const CHANNEL = `0x${"ab".repeat(32)}` as Hex;
const PRICE = 10_000n;
const DEPOSIT = 1_000_000n;
let server: Server;
let url: string;
let quotedPrice = PRICE;

// A real HTTP node that lies: it claims the deposit is nearly spent, and quotes what the test tells it to.
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.includes("/quote")) {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          aimId: "1",
          endpoint: "/analyze",
          methods: ["POST"],
          price: quotedPrice.toString(),
          currency: "0x0",
          payee: PAYEE,
          chainId: 31337,
          contract: CONTRACT,
        }),
      );
      return;
    }
    res.setHeader("content-type", "application/json");
    res.setHeader("x-aim-paid", (DEPOSIT - PRICE).toString());
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const expected = { chainId: 31337, contract: CONTRACT, payee: PAYEE, offerPrice: PRICE };

describe("the app never trusts a node's word for money", () => {
  it("signs the next voucher on what it signed itself, whatever x-aim-paid says", async () => {
    const session = privateKeyToAccount(generatePrivateKey());
    let spent = 0n;
    for (let call = 1n; call <= 3n; call++) {
      const cumulative = nextCumulative(CHANNEL, spent, PRICE);
      expect(cumulative).toBe(call * PRICE);
      const signed = await signVoucher(session, {
        chainId: 31337,
        contract: CONTRACT,
        channelId: CHANNEL,
        cumulativeAmount: cumulative,
      });
      recordSigned(CHANNEL, cumulative);
      const result = await callAim(url, "1", "/analyze", "POST", { text: "x" }, signed);
      expect(result.nodeSaysPaid).toBe(DEPOSIT - PRICE);
      spent = cumulative;
    }
    // Three calls cost three prices, not the deposit the node claims.
    expect(nextCumulative(CHANNEL, spent, PRICE)).toBe(4n * PRICE);
  });

  it("refuses a quote above the on-chain offer, or above the manifest's maximum for the endpoint", async () => {
    quotedPrice = PRICE;
    expect(quoteProblem(await getQuote(url, "1", "/analyze"), expected)).toBeNull();
    quotedPrice = PRICE + 1n;
    const higher = await getQuote(url, "1", "/analyze");
    expect(quoteProblem(higher, expected)).toBe(
      "The node quotes 10001 per call, above its on-chain offer of 10000: the call was not paid.",
    );
    expect(quoteProblem(higher, { ...expected, manifestMax: 20_000n })).toBeNull();
    quotedPrice = 20_001n;
    expect(quoteProblem(await getQuote(url, "1", "/analyze"), { ...expected, manifestMax: 20_000n })).toMatch(
      /above its on-chain offer of 10000 and the manifest's maximum of 20000/,
    );
  });

  it("refuses a quote that pays someone else or another contract", () => {
    const quote: Quote = {
      aimId: "1",
      endpoint: "/analyze",
      methods: ["POST"],
      price: "10000",
      currency: "0x0",
      payee: "0x00000000000000000000000000000000000000e2",
      chainId: 31337,
      contract: CONTRACT,
    };
    expect(quoteProblem(quote, expected)).toMatch(/asks to be paid as 0x0+e2, but this channel pays/);
    expect(quoteProblem({ ...quote, payee: PAYEE, chainId: 1 }, expected)).toMatch(/on chain 1, not this/);
    expect(quoteProblem({ ...quote, payee: PAYEE, price: "ten" }, expected)).toMatch(
      /"ten", which is not a price/,
    );
  });
});
