// PaymentChannels: open, top up and extend — every revert and event (node:test + viem on the in-process network).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { channelId } from "@aim/sdk/channel";
import { network } from "hardhat";
import { type Hex, parseEther, zeroAddress } from "viem";
import { AIM_ID, DAY, deployChannels, type Loose, MAX96 } from "../../scripts/fixtures/payment-channels.js";

const { viem: typedViem, networkHelpers } = await network.connect();
const viem: Loose = typedViem;
const { loadFixture, time } = networkHelpers;
const fixture = () => deployChannels(viem);

const mockFixture = () => deployChannels(viem, { mockRegistry: true });

describe("PaymentChannels: open", () => {
  it("opens an ETH channel, stores its state and emits everything", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: parseEther("1") });
    const [deposit, claimed, expiry, closed] = await f.channels.read.channel([c.id]);
    assert.deepEqual([deposit, claimed, expiry, closed], [parseEther("1"), 0n, c.expiry, false]);
    assert.equal(await f.channels.read.channelIdOf([c.params]), c.id);
    const openedAt = (await f.publicClient.getBlock({ blockNumber: c.receipt.blockNumber })).timestamp;
    assert.equal(await f.channels.read.maxExpiryOf([c.id]), openedAt + 365n * DAY);
    assert.equal(await f.publicClient.getBalance({ address: f.channels.address }), parseEther("1"));
    const p = c.params;
    await viem.assertions.emitWithArgs(Promise.resolve(c.hash), f.channels, "ChannelOpened", [
      c.id,
      p.payer,
      p.payee,
      p.token,
      p.signer,
      p.aimId,
      p.sessionCap,
      p.salt,
      parseEther("1"),
      c.expiry,
    ]);
  });

  it("opens an ERC-20 channel and pulls the deposit", async () => {
    const f = await loadFixture(fixture);
    const before = await f.token.read.balanceOf([f.payer.account.address]);
    const c = await f.open({ token: f.token.address, deposit: 5_000_000n });
    assert.equal(await f.token.read.balanceOf([f.channels.address]), 5_000_000n);
    assert.equal(await f.token.read.balanceOf([f.payer.account.address]), before - 5_000_000n);
    assert.equal((await f.channels.read.channel([c.id]))[0], 5_000_000n);
  });

  it("pays no royalty when the AIM has no royalty receiver", async () => {
    const f = await loadFixture(mockFixture);
    await f.registry.write.setAim([9n, f.creator.account.address, zeroAddress, 500]);
    await f.license(f.payee.account.address, 9n);
    const c = await f.open({ aimId: 9n });
    assert.equal(await f.channels.read.channelIdOf([c.params]), c.id);
    await f.claim(c, 1000n);
    assert.equal(await f.channels.read.credits([zeroAddress, zeroAddress]), 0n);
  });

  it("refuses a payee without a license of the AIM", async () => {
    const f = await loadFixture(fixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.open({ payee: f.other.account.address }),
      f.channels,
      "PaymentChannelsPayeeNotLicensed",
      [f.other.account.address, AIM_ID],
    );
  });

  it("rejects bad parameters with explaining errors", async () => {
    const f = await loadFixture(fixture);
    const now = BigInt(await time.latest());
    const salt = `0x${"00".repeat(32)}` as Hex;
    const payee = f.payee.account.address;
    const openEth = (args: { payee?: `0x${string}`; deposit?: bigint; expiry?: bigint; value?: bigint }) =>
      f.channels.write.open(
        [
          args.payee ?? payee,
          zeroAddress,
          zeroAddress,
          AIM_ID,
          0n,
          salt,
          args.deposit ?? 1n,
          args.expiry ?? now + DAY,
        ],
        { account: f.payer.account, value: args.value ?? args.deposit ?? 1n },
      );
    // [open arguments, the custom error, its arguments (none: the error has none)]
    const refusals: [Parameters<typeof openEth>[0], string, unknown[]?][] = [
      [{ payee: zeroAddress }, "PaymentChannelsInvalidPayee"],
      [{ deposit: 0n }, "PaymentChannelsInvalidDeposit", [0n, MAX96]],
      [{ deposit: MAX96 + 1n, value: 0n }, "PaymentChannelsInvalidDeposit", [MAX96 + 1n, MAX96]],
      [{ expiry: now }, "PaymentChannelsInvalidExpiry"],
      [{ expiry: now + 366n * DAY }, "PaymentChannelsLifetimeExceeded"],
      [{ deposit: 10n, value: 9n }, "PaymentChannelsInvalidValue", [9n, 10n]],
    ];
    for (const [args, error, errorArgs] of refusals) {
      if (errorArgs === undefined)
        await viem.assertions.revertWithCustomError(openEth(args), f.channels, error);
      else await viem.assertions.revertWithCustomErrorWithArgs(openEth(args), f.channels, error, errorArgs);
    }
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.open([payee, f.token.address, zeroAddress, AIM_ID, 0n, salt, 10n, now + DAY], {
        account: f.payer.account,
        value: 1n,
      }),
      f.channels,
      "PaymentChannelsInvalidValue",
      [1n, 0n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.open([payee, f.registry.address, zeroAddress, AIM_ID, 0n, salt, 10n, now + DAY], {
        account: f.payer.account,
      }),
      f.channels,
      "PaymentChannelsCurrencyNotAllowed",
      [f.registry.address],
    );
  });

  it("rejects unknown AIMs and registry royalties above 100%", async () => {
    const f = await loadFixture(fixture);
    const expiry = BigInt(await time.latest()) + DAY;
    const salt = `0x${"00".repeat(32)}` as Hex;
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.open([f.payee.account.address, zeroAddress, zeroAddress, 99n, 0n, salt, 10n, expiry], {
        account: f.payer.account,
        value: 10n,
      }),
      f.registry,
      "AIMRegistryUnknownAIM",
      [99n],
    );
    const m = await loadFixture(mockFixture);
    await m.registry.write.setAim([5n, m.creator.account.address, m.creator.account.address, 10_001]);
    await m.license(m.payee.account.address, 5n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      m.channels.write.open(
        [m.payee.account.address, zeroAddress, zeroAddress, 5n, 0n, salt, 10n, expiry + DAY],
        {
          account: m.payer.account,
          value: 10n,
        },
      ),
      m.channels,
      "PaymentChannelsInvalidRoyalty",
      [10_001n],
    );
  });

  it("never reuses an id, even after the channel is closed", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open();
    const p = c.params;
    const again = () =>
      f.channels.write.open([p.payee, p.token, p.signer, p.aimId, p.sessionCap, p.salt, 1n, c.expiry], {
        account: f.payer.account,
        value: 1n,
      });
    await viem.assertions.revertWithCustomErrorWithArgs(
      again(),
      f.channels,
      "PaymentChannelsChannelAlreadyExists",
      [c.id],
    );
    await f.channels.write.close([p, 0n, "0x"], { account: f.payee.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      again(),
      f.channels,
      "PaymentChannelsChannelAlreadyExists",
      [c.id],
    );
  });
});

describe("PaymentChannels: top up and extend", () => {
  it("tops up ETH and ERC-20 channels", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 100n });
    await viem.assertions.emitWithArgs(
      f.channels.write.topUp([c.params, 50n], { account: f.payer.account, value: 50n }),
      f.channels,
      "ChannelToppedUp",
      [c.id, 50n, 150n],
    );
    const t = await f.open({ token: f.token.address, deposit: 100n });
    await f.channels.write.topUp([t.params, 7n], { account: f.payer.account });
    assert.equal((await f.channels.read.channel([t.id]))[0], 107n);
    assert.equal(await f.token.read.balanceOf([f.channels.address]), 107n);
  });

  it("rejects top-ups by others, of zero, past 96 bits, with wrong value, or in a de-listed currency", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 100n });
    const room = MAX96 - 100n; // what the 96-bit deposit can still take
    // [amount, sender, value sent, the custom error, its arguments]
    const refusals: [bigint, Loose, bigint | undefined, string, unknown[]][] = [
      [1n, f.other, 1n, "PaymentChannelsNotPayer", [f.other.account.address, c.params.payer]],
      [0n, f.payer, undefined, "PaymentChannelsInvalidDeposit", [0n, room]],
      [MAX96, f.payer, undefined, "PaymentChannelsInvalidDeposit", [MAX96, room]],
      [2n ** 256n - 1n, f.payer, undefined, "PaymentChannelsInvalidDeposit", [2n ** 256n - 1n, room]],
      [5n, f.payer, 4n, "PaymentChannelsInvalidValue", [4n, 5n]],
    ];
    for (const [amount, sender, value, error, args] of refusals) {
      const options = value === undefined ? { account: sender.account } : { account: sender.account, value };
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.channels.write.topUp([c.params, amount], options),
        f.channels,
        error,
        args,
      );
    }
    const t = await f.open({ token: f.token.address, deposit: 100n });
    await f.channels.write.setCurrencyAllowed([f.token.address, false]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.topUp([t.params, 5n], { account: f.payer.account }),
      f.channels,
      "PaymentChannelsCurrencyNotAllowed",
      [f.token.address],
    );
  });

  it("rejects unknown and closed channels", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 100n });
    const unknown = { ...c.params, salt: `0x${"ff".repeat(32)}` as Hex };
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.topUp([unknown, 1n], { account: f.payer.account, value: 1n }),
      f.channels,
      "PaymentChannelsChannelNotFound",
      [channelId(unknown)],
    );
    await f.channels.write.close([c.params, 0n, "0x"], { account: f.payee.account });
    const afterClose = [
      () => f.channels.write.topUp([c.params, 1n], { account: f.payer.account, value: 1n }),
      () => f.channels.write.extend([c.params, c.expiry + 1n], { account: f.payer.account }),
    ];
    for (const write of afterClose) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        write(),
        f.channels,
        "PaymentChannelsChannelAlreadyClosed",
        [c.id],
      );
    }
  });

  it("extends (even while paused and after expiry) and rejects earlier or oversized expiries", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 100n });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.extend([c.params, c.expiry + 1n], { account: f.other.account }),
      f.channels,
      "PaymentChannelsNotPayer",
      [f.other.account.address, c.params.payer],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.extend([c.params, c.expiry], { account: f.payer.account }),
      f.channels,
      "PaymentChannelsInvalidExpiry",
      [c.expiry, c.expiry + 1n],
    );
    const maxExpiry = await f.channels.read.maxExpiryOf([c.id]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.extend([c.params, maxExpiry + 1n], { account: f.payer.account }),
      f.channels,
      "PaymentChannelsLifetimeExceeded",
      [maxExpiry + 1n, maxExpiry],
    );
    await f.channels.write.pause();
    await viem.assertions.emitWithArgs(
      f.channels.write.extend([c.params, c.expiry + DAY], { account: f.payer.account }),
      f.channels,
      "ChannelExtended",
      [c.id, c.expiry + DAY],
    );
    await time.increaseTo(c.expiry + 2n * DAY);
    const now = BigInt(await time.latest());
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.extend([c.params, c.expiry + 2n * DAY], { account: f.payer.account }),
      f.channels,
      "PaymentChannelsInvalidExpiry",
      [c.expiry + 2n * DAY, now + 2n], // the next block is 1 s later
    );
    await f.channels.write.extend([c.params, now + DAY], { account: f.payer.account });
    assert.equal((await f.channels.read.channel([c.id]))[2], now + DAY);
  });
});
