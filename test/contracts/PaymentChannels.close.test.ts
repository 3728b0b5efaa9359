// PaymentChannels: close and reclaim — every revert and event (node:test + viem on the in-process network).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, zeroAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { deployChannels, type Loose, royaltyOf } from "../../scripts/fixtures/payment-channels.js";

const { viem: typedViem, networkHelpers } = await network.connect();
const viem: Loose = typedViem;
const { loadFixture, time } = networkHelpers;
const fixture = () => deployChannels(viem);

/** `write` on the closed channel `c` reverts with PaymentChannelsChannelAlreadyClosed. */
const rejectsClosed = (f: Loose, c: Loose, write: Promise<unknown>) =>
  viem.assertions.revertWithCustomErrorWithArgs(write, f.channels, "PaymentChannelsChannelAlreadyClosed", [
    c.id,
  ]);

describe("PaymentChannels: close and reclaim", () => {
  it("closes with the final voucher, refunding the rest to the payer", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 1000n });
    await f.claim(c, 100n);
    const hash = f.close(c, 300n);
    await viem.assertions.balancesHaveChanged(hash, [
      { address: f.payer.account.address, amount: 700n },
      { address: f.channels.address, amount: -(900n - royaltyOf(300n, 100n)) },
    ]);
    await viem.assertions.emitWithArgs(Promise.resolve(await hash), f.channels, "ChannelClosed", [
      c.id,
      300n,
      700n,
    ]);
    assert.deepEqual(await f.channels.read.channel([c.id]), [1000n, 300n, c.expiry, true]);
    assert.equal(
      await f.channels.read.credits([f.royaltyReceiver.account.address, zeroAddress]),
      royaltyOf(300n),
    );
    await rejectsClosed(f, c, f.claim(c, 400n));
    await rejectsClosed(f, c, f.channels.write.reclaim([c.params], { account: f.payer.account }));
  });

  it("closes without a new voucher, even after expiry, but never with a stale or late one", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 1000n });
    await f.claim(c, 100n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.close([c.params, 100n, "0x"], { account: f.other.account }),
      f.channels,
      "PaymentChannelsNotPayee",
      [f.other.account.address, c.params.payee],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.close(c, 50n),
      f.channels,
      "PaymentChannelsVoucherAmountTooLow",
      [50n, 100n],
    );
    await time.increaseTo(c.expiry);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.close(c, 200n),
      f.channels,
      "PaymentChannelsChannelExpired",
      [c.id, c.expiry],
    );
    await viem.assertions.emitWithArgs(
      f.channels.write.close([c.params, 100n, "0x"], { account: f.payee.account }),
      f.channels,
      "ChannelClosed",
      [c.id, 100n, 900n],
    );
  });

  it("credits a payer contract that refuses its refund", async () => {
    const f = await loadFixture(fixture);
    const actor = await viem.deployContract("ChannelActor", [f.channels.address]);
    const key = privateKeyToAccount(generatePrivateKey());
    await actor.write.setSigningKey([key.address]);
    const { params, id } = await f.openFromContract(actor, `0x${"02".repeat(32)}`, 1000n);
    await actor.write.setRejectEth([true]);
    await viem.assertions.emitWithArgs(
      f.channels.write.close([params, 10n, await f.sign(id, 10n, key)], { account: f.payee.account }),
      f.channels,
      "Credited",
      [actor.address, zeroAddress, 990n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.withdraw([zeroAddress, actor.address]),
      f.channels,
      "PaymentChannelsEthTransferFailed",
      [actor.address, 990n],
    );
    const withdrawTo = encodeFunctionData({
      abi: f.channels.abi,
      functionName: "withdrawTo",
      args: [zeroAddress, f.other.account.address],
    });
    await viem.assertions.balancesHaveChanged(actor.write.execute([withdrawTo]), [
      { address: f.other.account.address, amount: 990n },
    ]);
    assert.equal(await f.channels.read.credits([actor.address, zeroAddress]), 0n);
  });

  it("reclaims after expiry only, for the payer only, and only once", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 1000n, token: f.token.address });
    await f.claim(c, 100n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.reclaim([c.params], { account: f.payer.account }),
      f.channels,
      "PaymentChannelsNotExpired",
      [c.id, c.expiry],
    );
    await time.increaseTo(c.expiry);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.reclaim([c.params], { account: f.other.account }),
      f.channels,
      "PaymentChannelsNotPayer",
      [f.other.account.address, c.params.payer],
    );
    const before = await f.token.read.balanceOf([f.payer.account.address]);
    await viem.assertions.emitWithArgs(
      f.channels.write.reclaim([c.params], { account: f.payer.account }),
      f.channels,
      "ChannelReclaimed",
      [c.id, 900n],
    );
    assert.equal(await f.token.read.balanceOf([f.payer.account.address]), before + 900n);
    assert.deepEqual(await f.channels.read.channel([c.id]), [1000n, 100n, c.expiry, true]);
    await rejectsClosed(f, c, f.channels.write.reclaim([c.params], { account: f.payer.account }));
  });

  it("reclaims nothing from a fully claimed channel without failing", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 100n });
    await f.claim(c, 100n);
    await time.increaseTo(c.expiry);
    await viem.assertions.emitWithArgs(
      f.channels.write.reclaim([c.params], { account: f.payer.account }),
      f.channels,
      "ChannelReclaimed",
      [c.id, 0n],
    );
  });
});
