// x402 `exact` payments against a real gateway on a real local chain, paid with the REAL @x402/fetch client
// (wrapFetchWithPayment + registerExactEvmScheme, viem account): the 402's PAYMENT-REQUIRED, the paid retry, the
// on-chain split (creator's royalty, node's share, X402Settlement holding exactly its credits), and every bad input
// (wrong network / asset / amount / payTo, replayed or expired authorization, malformed header): a 402 with a
// sentence, and nobody charged.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  decodePaymentRequiredHeader,
  decodePaymentResponseHeader,
  encodePaymentSignatureHeader,
} from "@x402/core/http";
import type { PaymentPayload, PaymentRequired } from "@x402/core/types";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment, x402Client } from "@x402/fetch";
import { type Address, erc20Abi, getAddress, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../gateway/server.js";
import {
  type ChannelsChain,
  ROYALTY_BPS,
  startChannelsChain,
  transferLicense,
} from "../../scripts/fixtures/channels-chain.js";
import { parseGatewayConfigFor } from "../../scripts/fixtures/gateway-config.js";
import { deployX402, type X402Chain } from "../../scripts/fixtures/x402-chain.js";

const PRICE = 10_000n;
const BODY = JSON.stringify({ text: "The cat sat. The cat ran!", top: 2 });
let env: ChannelsChain;
let x402: X402Chain;
let gateway: Gateway;
const dir = mkdtempSync(join(tmpdir(), "gateway-x402-"));

beforeAll(async () => {
  env = await startChannelsChain();
  x402 = await deployX402(env);
  gateway = await startGateway(parseGatewayConfigFor(env, join(dir, "vouchers.sqlite"), x402.overrides), {
    settle: false,
  });
});
afterAll(async () => {
  await gateway?.close();
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const url = () => `${gateway.url}/aims/1/call/analyze`;
const post = (headers: Record<string, string> = {}) =>
  fetch(url(), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: BODY });
const balanceOf = (owner: Address) =>
  env.chain.publicClient.readContract({
    address: x402.usdc,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [owner],
  });
const creditOf = (owner: Address) =>
  env.chain.publicClient.readContract({
    address: x402.settlement,
    abi: x402.settlementAbi,
    functionName: "creditOf",
    args: [owner, x402.usdc],
  }) as Promise<bigint>;

/** The real x402 client with the buyer's key; it pays in the local TestUSDC (not one of its default assets) at
 * most 1 USDC per payment. */
function newClient() {
  const client = new x402Client();
  registerExactEvmScheme(client, { signer: privateKeyToAccount(x402.buyerKey) });
  client.setSpendControls({
    allowedAssets: [{ network: "eip155:31337", asset: x402.usdc, maxAmountPerPayment: "1000000" }],
  });
  return client;
}

const payingFetch = () => wrapFetchWithPayment(fetch, newClient());

/** A fresh unpaid 402's requirements, and a payload the real client signs for them (to tamper with). */
async function signedPayload(): Promise<{ required: PaymentRequired; payload: PaymentPayload }> {
  const unpaid = await post();
  const required = decodePaymentRequiredHeader(unpaid.headers.get("payment-required") as string);
  return { required, payload: await newClient().createPaymentPayload(required) };
}

async function expectRefused(headers: Record<string, string>, code: string, sentence: RegExp) {
  const before = await balanceOf(env.buyer);
  const response = await post(headers);
  const body = await response.json();
  expect(response.status).toBe(402);
  expect(body).toMatchObject({ error: code });
  expect(body.message).toMatch(sentence);
  // Every x402 refusal carries the terms again, so the client can retry.
  expect(response.headers.get("payment-required")).toBeTruthy();
  expect(await balanceOf(env.buyer)).toBe(before);
}

describe("x402 on the gateway", () => {
  it("answers an unpaid call with a PAYMENT-REQUIRED header: exact, eip155:31337, TestUSDC, price, the AIM's vault", async () => {
    const response = await post();
    expect(response.status).toBe(402);
    const required = decodePaymentRequiredHeader(response.headers.get("payment-required") as string);
    const payTo = await env.chain.publicClient.readContract({
      address: x402.settlement,
      abi: x402.settlementAbi,
      functionName: "payTo",
      args: [1n, env.operator.address],
    });
    expect(required.x402Version).toBe(2);
    expect(required.resource.url).toBe("/aims/1/call/analyze");
    expect(required.accepts).toEqual([
      {
        scheme: "exact",
        network: "eip155:31337",
        asset: x402.usdc,
        amount: PRICE.toString(),
        payTo,
        maxTimeoutSeconds: 300,
        extra: { name: "Test USD Coin", version: "2" },
      },
    ]);
    // The channel quote stays in the body for this project's own clients.
    expect((await response.json()).quote).toMatchObject({ price: PRICE.toString() });
  });

  it("is paid by the real @x402/fetch client; the creator's royalty and the node's share arrive on chain", async () => {
    const royalty = (PRICE * BigInt(ROYALTY_BPS)) / 10_000n;
    const [buyer, creator, node] = await Promise.all([
      balanceOf(env.buyer),
      balanceOf(env.royaltyReceiver),
      balanceOf(env.operator.address),
    ]);
    const response = await payingFetch()(url(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: BODY,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ words: 6, sentences: 2 });
    const settled = decodePaymentResponseHeader(response.headers.get("payment-response") as string);
    expect(settled).toMatchObject({ success: true, network: "eip155:31337", payer: env.buyer });
    const receipt = await env.chain.publicClient.getTransactionReceipt({ hash: settled.transaction as Hex });
    expect(receipt.status).toBe("success");
    expect(await balanceOf(env.buyer)).toBe(buyer - PRICE);
    expect(await balanceOf(env.royaltyReceiver)).toBe(creator + royalty);
    expect(await balanceOf(env.operator.address)).toBe(node + PRICE - royalty);
    // X402Settlement holds exactly the credits it owes (none: both pushes went through).
    expect(await balanceOf(x402.settlement)).toBe(
      (await creditOf(env.royaltyReceiver)) + (await creditOf(env.operator.address)),
    );
    expect(await balanceOf(x402.settlement)).toBe(0n);
  });

  it("answers four concurrent x402 calls, each settled once in its own transaction", async () => {
    const buyer = await balanceOf(env.buyer);
    const pay = payingFetch();
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        pay(url(), { method: "POST", headers: { "content-type": "application/json" }, body: BODY }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const hashes = answers.map(
      (a) => decodePaymentResponseHeader(a.headers.get("payment-response") as string).transaction,
    );
    expect(new Set(hashes).size).toBe(4);
    expect(await balanceOf(env.buyer)).toBe(buyer - 4n * PRICE);
  });

  it("refuses a replayed authorization: the same PAYMENT-SIGNATURE twice is paid once", async () => {
    const { payload } = await signedPayload();
    const header = encodePaymentSignatureHeader(payload);
    const buyer = await balanceOf(env.buyer);
    const [a, b] = await Promise.all([
      post({ "payment-signature": header }),
      post({ "payment-signature": header }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 402]);
    expect(await balanceOf(env.buyer)).toBe(buyer - PRICE);
    await expectRefused({ "payment-signature": header }, "x402_replay", /already (presented|used)/);
  });

  it("refuses an expired authorization", async () => {
    const { required } = await signedPayload();
    const stale = await newClient().createPaymentPayload({
      ...required,
      accepts: required.accepts.map((a) => ({ ...a, maxTimeoutSeconds: 1 })),
    });
    // Signed for the gateway's terms except the timeout: validBefore = now + 1 s, under the 6 s margin.
    stale.accepted = required.accepts[0] as PaymentPayload["accepted"];
    await expectRefused(
      { "payment-signature": encodePaymentSignatureHeader(stale) },
      "x402_expired",
      /expired/,
    );
  });

  it("refuses a payment for the wrong network, asset, amount or payTo, each with its own sentence", async () => {
    const { payload } = await signedPayload();
    const tamper = (
      accepted: Partial<PaymentPayload["accepted"]>,
      authorization: Record<string, string> = {},
    ) => {
      const inner = payload.payload as { authorization: Record<string, string>; signature: string };
      return encodePaymentSignatureHeader({
        ...payload,
        accepted: { ...payload.accepted, ...accepted },
        payload: { ...inner, authorization: { ...inner.authorization, ...authorization } },
      });
    };
    const other = getAddress("0x000000000000000000000000000000000000dEaD");
    await expectRefused(
      { "payment-signature": tamper({ network: "eip155:1" }) },
      "x402_wrong_network",
      /eip155:1/,
    );
    await expectRefused({ "payment-signature": tamper({ asset: other }) }, "x402_wrong_asset", /priced in/);
    await expectRefused(
      { "payment-signature": tamper({ amount: "1" }, { value: "1" }) },
      "x402_wrong_amount",
      /costs exactly 10000/,
    );
    await expectRefused(
      { "payment-signature": tamper({ payTo: other }, { to: other }) },
      "x402_wrong_pay_to",
      /paid to 0x/,
    );
    // A signature over other terms than the payload says: the real verifier refuses it.
    const inner = payload.payload as { authorization: Record<string, string>; signature: Hex };
    const forged = encodePaymentSignatureHeader({
      ...payload,
      payload: { ...inner, authorization: { ...inner.authorization, from: env.deployer } },
    });
    await expectRefused({ "payment-signature": forged }, "x402_rejected", /not signed by its payer/);
    // The untampered payload still pays: nothing above used it.
    const ok = await post({ "payment-signature": encodePaymentSignatureHeader(payload) });
    expect(ok.status).toBe(200);
  });

  it("charges nothing when the AIM fails after the payment was verified: the authorization is never used", async () => {
    // A second gateway of the same node whose AIM is an upstream that refuses connections.
    const broken = await startGateway(
      parseGatewayConfigFor(env, join(dir, "broken.sqlite"), {
        ...x402.overrides,
        offer: { ...x402.overrides.offer, handler: "http://127.0.0.1:1" },
      }),
      { settle: false },
    );
    try {
      const brokenUrl = `${broken.url}/aims/1/call/analyze`;
      const send = (headers: Record<string, string> = {}) =>
        fetch(brokenUrl, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: BODY,
        });
      const required = decodePaymentRequiredHeader((await send()).headers.get("payment-required") as string);
      const payload = await newClient().createPaymentPayload(required);
      const before = await balanceOf(env.buyer);
      const failed = await send({ "payment-signature": encodePaymentSignatureHeader(payload) });
      expect(failed.status).toBe(502);
      expect(await failed.json()).toMatchObject({ error: "aim_failed" });
      expect(failed.headers.get("payment-response")).toBeNull();
      const { from, nonce } = (payload.payload as { authorization: { from: Address; nonce: Hex } })
        .authorization;
      const used = await env.chain.publicClient.readContract({
        address: x402.usdc,
        abi: x402.usdcAbi,
        functionName: "authorizationState",
        args: [from, nonce],
      });
      expect(used).toBe(false);
      expect(await balanceOf(env.buyer)).toBe(before);
    } finally {
      await broken.close();
    }
  });

  it("promise 1: a node that sold its license refuses x402 calls (503) and charges nothing", async () => {
    const { payload } = await signedPayload();
    await transferLicense(env, env.operator.address, env.deployer);
    try {
      await gateway.channels.refresh();
      const before = await balanceOf(env.buyer);
      const refused = await post({ "payment-signature": encodePaymentSignatureHeader(payload) });
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ error: "not_licensed", aimId: "1" });
      expect(await balanceOf(env.buyer)).toBe(before);
    } finally {
      await transferLicense(env, env.deployer, env.operator.address);
      await gateway.channels.refresh();
    }
    // Licensed again, the same authorization pays.
    expect((await post({ "payment-signature": encodePaymentSignatureHeader(payload) })).status).toBe(200);
  });

  it("refuses a malformed PAYMENT-SIGNATURE header", async () => {
    await expectRefused({ "payment-signature": "not base64 json!" }, "x402_invalid", /PAYMENT-SIGNATURE/);
    await expectRefused(
      { "payment-signature": Buffer.from(JSON.stringify({ x402Version: 1 })).toString("base64") },
      "x402_invalid",
      /x402 v2/,
    );
  });
});
