// Why the gateway answers an x402 call only when the payer's own Transfer reached the vault: X402Settlement
// settles an authorization that was already used (its money waits in the vault), so a mined settle proves
// nothing about whose money it swept. Real TestUSDC (EIP-3009) and X402Settlement on a local chain.
import { type Address, type Hex, keccak256, type PublicClient, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Authorization, paidByThisAuthorization } from "../../gateway/x402.js";
import {
  type ChannelsChain,
  DEV_KEYS,
  send,
  startChannelsChain,
} from "../../scripts/fixtures/channels-chain.js";
import { deployX402, type X402Chain } from "../../scripts/fixtures/x402-chain.js";
import { transferWithAuthorizationTypes } from "../../scripts/fixtures/x402-settlement.js";
import { walletClientFor } from "../../scripts/harness/chain.js";

const PRICE = 10_000n;
let env: ChannelsChain;
let x402: X402Chain;
let vault: Address;
let client: PublicClient;
let nonces = 0;

beforeAll(async () => {
  env = await startChannelsChain();
  x402 = await deployX402(env);
  client = env.chain.publicClient as PublicClient;
  vault = (await client.readContract({
    address: x402.settlement,
    abi: x402.settlementAbi,
    functionName: "payTo",
    args: [1n, env.operator.address],
  })) as Address;
});
afterAll(async () => {
  await env?.stop();
});

async function authorize(key: Hex, to: Address, value: bigint, nonce?: Hex) {
  const account = privateKeyToAccount(key);
  const authorization: Authorization = {
    from: account.address,
    to,
    value: value.toString(),
    validAfter: "0",
    validBefore: String(2n ** 40n),
    nonce: nonce ?? keccak256(toHex(`x402-proof-${++nonces}`)),
  };
  const signature = await account.signTypedData({
    domain: { name: "Test USD Coin", version: "2", chainId: 31337, verifyingContract: x402.usdc },
    types: transferWithAuthorizationTypes,
    primaryType: "TransferWithAuthorization",
    message: {
      ...authorization,
      value,
      validAfter: 0n,
      validBefore: 2n ** 40n,
    },
  });
  return { authorization, signature };
}
const asStruct = ({ authorization: a }: Awaited<ReturnType<typeof authorize>>) => ({
  from: a.from,
  value: BigInt(a.value),
  validAfter: BigInt(a.validAfter),
  validBefore: BigInt(a.validBefore),
  nonce: a.nonce,
});
/** Anyone submits the authorization straight to the token (a front-run of the gateway's settle). */
const submitToToken = (signed: Awaited<ReturnType<typeof authorize>>) =>
  send(env.chain, env.deployer, x402.usdc, x402.usdcAbi, "transferWithAuthorization", [
    signed.authorization.from,
    signed.authorization.to,
    BigInt(signed.authorization.value),
    0n,
    2n ** 40n,
    signed.authorization.nonce,
    signed.signature,
  ]);
async function settle(signed: Awaited<ReturnType<typeof authorize>>) {
  const hash = await walletClientFor(env.chain, env.operator.address).writeContract({
    address: x402.settlement,
    abi: x402.settlementAbi,
    functionName: "settle",
    args: [1n, env.operator.address, x402.usdc, asStruct(signed), signed.signature],
    chain: null,
  });
  return client.waitForTransactionReceipt({ hash });
}
const paid = (signed: Awaited<ReturnType<typeof authorize>>, receipt: Awaited<ReturnType<typeof settle>>) =>
  paidByThisAuthorization(client, { asset: x402.usdc, payTo: vault }, signed.authorization, receipt);

describe("x402: a settled payment is the payer's own", () => {
  it("proves a payment settled by the gateway's own transaction", async () => {
    const signed = await authorize(DEV_KEYS[2], vault, PRICE);
    const receipt = await settle(signed);
    expect(receipt.status).toBe("success");
    expect(await paid(signed, receipt)).toBe(true);
  });

  it("proves a payment someone submitted to the token first, from the transaction that used its nonce", async () => {
    const signed = await authorize(DEV_KEYS[2], vault, PRICE);
    await submitToToken(signed);
    const receipt = await settle(signed);
    expect(receipt.status).toBe("success");
    expect(await paid(signed, receipt)).toBe(true);
  });

  it("refuses a payer who spent its nonce elsewhere while another payer's money waited in the vault", async () => {
    // An honest payer's authorization, front-run straight to the token: its money waits in the vault.
    await submitToToken(await authorize(DEV_KEYS[2], vault, PRICE));
    // The cheat signs the payment it shows the gateway, then spends the same nonce on a transfer to itself.
    const cheatKey = generatePrivateKey();
    const cheat = privateKeyToAccount(cheatKey).address;
    await send(env.chain, env.deployer, x402.usdc, x402.usdcAbi, "mint", [cheat, PRICE]);
    const shown = await authorize(cheatKey, vault, PRICE);
    await submitToToken(await authorize(cheatKey, cheat, 1n, shown.authorization.nonce));
    // The settle is mined (it swept the honest payer's money) but the cheat's money never reached the vault.
    const receipt = await settle(shown);
    expect(receipt.status).toBe("success");
    expect(await paid(shown, receipt)).toBe(false);
  });
});
