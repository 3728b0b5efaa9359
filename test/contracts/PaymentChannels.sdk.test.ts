// End to end: vouchers made by the SDK (sdk/voucher.ts, sdk/channel.ts) are what PaymentChannels accepts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { channelId, readChannel, voucherSigner } from "@aim/sdk/channel";
import { decodeVoucherHeader, encodeVoucherHeader, signVoucher, verifyVoucher } from "@aim/sdk/voucher";
import { network } from "hardhat";
import { type PublicClient, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { deployChannels, type Loose } from "../support/channels-fixture.js";

const { viem: typedViem, networkHelpers } = await network.connect();
const viem: Loose = typedViem;
const fixture = () => deployChannels(viem);

describe("SDK vouchers against the real contract", () => {
  it("a session-key voucher travels through the header and is accepted by claim", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const session = privateKeyToAccount(generatePrivateKey());
    const c = await f.open({ deposit: parseEther("1"), signer: session.address });
    const publicClient = f.publicClient as PublicClient;
    assert.equal(c.id, channelId(c.params));
    assert.deepEqual(await readChannel(publicClient, f.channels.address, c.params), {
      deposit: parseEther("1"),
      claimed: 0n,
      expiry: c.expiry,
      closed: false,
    });

    // App side: sign and put the voucher in a header.
    const signed = await signVoucher(session, {
      chainId: f.chainId,
      contract: f.channels.address,
      channelId: c.id,
      cumulativeAmount: 10_000n,
    });
    const header = encodeVoucherHeader(signed);

    // Gateway side: decode, verify off chain, then claim on chain.
    const voucher = decodeVoucherHeader(header);
    assert.equal(await verifyVoucher(voucher, voucherSigner(c.params)), session.address);
    await f.channels.write.claim([c.params, voucher.cumulativeAmount, voucher.signature], {
      account: f.payee.account,
    });
    const state = await readChannel(publicClient, f.channels.address, c.params);
    assert.equal(state.claimed, 10_000n);
    assert.equal(state.closed, false);
  });

  it("a voucher signed by the payer's wallet (eth_signTypedData_v4) closes the channel", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = await f.open({ deposit: 1_000n });
    const signed = await signVoucher(f.payer, {
      chainId: f.chainId,
      contract: f.channels.address,
      channelId: c.id,
      cumulativeAmount: 400n,
    });
    assert.equal(
      (await verifyVoucher(signed, voucherSigner(c.params))).toLowerCase(),
      f.payer.account.address.toLowerCase(),
    );
    await f.channels.write.close([c.params, 400n, signed.signature], { account: f.payee.account });
    const state = await readChannel(f.publicClient as PublicClient, f.channels.address, c.params);
    assert.deepEqual([state.claimed, state.closed], [400n, true]);
  });

  it("reads a channel that was never opened as all zero", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = await f.open({ deposit: 1_000n });
    const unknown = { ...c.params, salt: `0x${"ee".repeat(32)}` as const };
    assert.deepEqual(await readChannel(f.publicClient as PublicClient, f.channels.address, unknown), {
      deposit: 0n,
      claimed: 0n,
      expiry: 0n,
      closed: false,
    });
  });
});
