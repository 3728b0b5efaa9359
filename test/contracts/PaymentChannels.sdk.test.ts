// End to end: vouchers made by the SDK (sdk/voucher.ts) are what PaymentChannels accepts, and the SDK's channel
// id and state reads (sdk/channel.ts) are the contract's.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ChannelParams, channelId, readChannel as readChannelOf } from "@aim/sdk/channel";
import { decodeVoucherHeader, encodeVoucherHeader, signVoucher, verifyVoucher } from "@aim/sdk/voucher";
import { network } from "hardhat";
import { parseEther, zeroAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { deployChannels, type Loose } from "../../scripts/fixtures/payment-channels.js";

const { viem: typedViem, networkHelpers } = await network.connect();
const viem: Loose = typedViem;
const fixture = () => deployChannels(viem);

/** The channel's state as the SDK reads it from the fixture's PaymentChannels. */
const readChannel = (f: Loose, params: ChannelParams) =>
  readChannelOf(f.publicClient, f.channels.address, params);

describe("SDK vouchers against the real contract", () => {
  it("a session-key voucher travels through the header and is accepted by claim", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const session = privateKeyToAccount(generatePrivateKey());
    const c = await f.open({ deposit: parseEther("1"), signer: session.address });
    assert.equal(c.id, channelId(c.params));
    assert.deepEqual(await readChannel(f, c.params), {
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
    assert.equal(
      await verifyVoucher(voucher, c.params.signer === zeroAddress ? c.params.payer : c.params.signer),
      session.address,
    );
    await f.channels.write.claim([c.params, voucher.cumulativeAmount, voucher.signature], {
      account: f.payee.account,
    });
    const state = await readChannel(f, c.params);
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
      (
        await verifyVoucher(signed, c.params.signer === zeroAddress ? c.params.payer : c.params.signer)
      ).toLowerCase(),
      f.payer.account.address.toLowerCase(),
    );
    await f.channels.write.close([c.params, 400n, signed.signature], { account: f.payee.account });
    const state = await readChannel(f, c.params);
    assert.deepEqual([state.claimed, state.closed], [400n, true]);
  });

  it("reads a channel that was never opened as all zero", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = await f.open({ deposit: 1_000n });
    const unknown = { ...c.params, salt: `0x${"ee".repeat(32)}` as const };
    assert.deepEqual(await readChannel(f, unknown), {
      deposit: 0n,
      claimed: 0n,
      expiry: 0n,
      closed: false,
    });
  });
});
