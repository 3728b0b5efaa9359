// PaymentChannels: every external function, revert and event (node:test + viem on the in-process network).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, type Hex, keccak256, parseEther, toHex, zeroAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { channelId } from "../../sdk/channel.js";
import { signVoucher, voucherDigest } from "../../sdk/voucher.js";
import { AIM_ID, DAY, deployChannels, type Loose, ROYALTY_BPS } from "../support/channels-fixture.js";

const { viem: typedViem, networkHelpers } = await network.connect();
const viem: Loose = typedViem;
const { loadFixture, time } = networkHelpers;
const fixture = () => deployChannels(viem);
const mockFixture = () => deployChannels(viem, { mockRegistry: true });
const MAX96 = 2n ** 96n - 1n;
const royaltyOf = (amount: bigint) => (amount * BigInt(ROYALTY_BPS)) / 10_000n;

describe("PaymentChannels: open", () => {
  it("opens an ETH channel, stores its state and emits everything", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: parseEther("1") });
    const [deposit, claimed, expiry, closed] = await f.channels.read.channel([c.id]);
    assert.deepEqual([deposit, claimed, expiry, closed], [parseEther("1"), 0n, c.expiry, false]);
    assert.equal(await f.channels.read.channelIdOf([c.params]), c.id);
    assert.equal(c.params.royaltyReceiver.toLowerCase(), f.royaltyReceiver.account.address.toLowerCase());
    assert.equal(await f.publicClient.getBalance({ address: f.channels.address }), parseEther("1"));
    const p = c.params;
    await viem.assertions.emitWithArgs(Promise.resolve(c.hash), f.channels, "ChannelOpened", [
      c.id,
      p.payer,
      p.payee,
      p.token,
      p.signer,
      p.aimId,
      p.royaltyReceiver,
      p.royaltyBps,
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

  it("opens with no royalty when the AIM has no royalty receiver", async () => {
    const f = await loadFixture(mockFixture);
    await f.registry.write.setAim([9n, f.creator.account.address, zeroAddress, 500]);
    const c = await f.open({ aimId: 9n });
    assert.equal(c.params.royaltyBps, 0);
    assert.equal(await f.channels.read.channelIdOf([c.params]), c.id);
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
          salt,
          args.deposit ?? 1n,
          args.expiry ?? now + DAY,
        ],
        { account: f.payer.account, value: args.value ?? args.deposit ?? 1n },
      );
    await viem.assertions.revertWithCustomError(openEth({ payee: zeroAddress }), f.channels, "InvalidPayee");
    await viem.assertions.revertWithCustomErrorWithArgs(
      openEth({ deposit: 0n }),
      f.channels,
      "InvalidDeposit",
      [0n, MAX96],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      openEth({ deposit: MAX96 + 1n, value: 0n }),
      f.channels,
      "InvalidDeposit",
      [MAX96 + 1n, MAX96],
    );
    await viem.assertions.revertWithCustomError(openEth({ expiry: now }), f.channels, "InvalidExpiry");
    await viem.assertions.revertWithCustomError(openEth({ expiry: 2n ** 40n }), f.channels, "InvalidExpiry");
    await viem.assertions.revertWithCustomErrorWithArgs(
      openEth({ deposit: 10n, value: 9n }),
      f.channels,
      "InvalidValue",
      [9n, 10n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.open([payee, f.token.address, zeroAddress, AIM_ID, salt, 10n, now + DAY], {
        account: f.payer.account,
        value: 1n,
      }),
      f.channels,
      "InvalidValue",
      [1n, 0n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.open([payee, f.registry.address, zeroAddress, AIM_ID, salt, 10n, now + DAY], {
        account: f.payer.account,
      }),
      f.channels,
      "CurrencyNotAllowed",
      [f.registry.address],
    );
  });

  it("rejects unknown AIMs and registry royalties above 100%", async () => {
    const f = await loadFixture(fixture);
    const expiry = BigInt(await time.latest()) + DAY;
    const salt = `0x${"00".repeat(32)}` as Hex;
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.open([f.payee.account.address, zeroAddress, zeroAddress, 99n, salt, 10n, expiry], {
        account: f.payer.account,
        value: 10n,
      }),
      f.registry,
      "AIMRegistryUnknownAIM",
      [99n],
    );
    const m = await loadFixture(mockFixture);
    await m.registry.write.setAim([5n, m.creator.account.address, m.creator.account.address, 10_001]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      m.channels.write.open(
        [m.payee.account.address, zeroAddress, zeroAddress, 5n, salt, 10n, expiry + DAY],
        {
          account: m.payer.account,
          value: 10n,
        },
      ),
      m.channels,
      "InvalidRoyalty",
      [10_001n],
    );
  });

  it("never reuses an id, even after the channel is closed", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open();
    const p = c.params;
    const again = () =>
      f.channels.write.open([p.payee, p.token, p.signer, p.aimId, p.salt, 1n, c.expiry], {
        account: f.payer.account,
        value: 1n,
      });
    await viem.assertions.revertWithCustomErrorWithArgs(again(), f.channels, "ChannelAlreadyExists", [c.id]);
    await f.channels.write.close([p, 0n, "0x"], { account: f.payee.account });
    await viem.assertions.revertWithCustomErrorWithArgs(again(), f.channels, "ChannelAlreadyExists", [c.id]);
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
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.topUp([c.params, 1n], { account: f.other.account, value: 1n }),
      f.channels,
      "NotPayer",
      [f.other.account.address, c.params.payer],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.topUp([c.params, 0n], { account: f.payer.account }),
      f.channels,
      "InvalidDeposit",
      [0n, MAX96 - 100n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.topUp([c.params, MAX96], { account: f.payer.account }),
      f.channels,
      "InvalidDeposit",
      [MAX96, MAX96 - 100n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.topUp([c.params, 2n ** 256n - 1n], { account: f.payer.account }),
      f.channels,
      "InvalidDeposit",
      [2n ** 256n - 1n, MAX96 - 100n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.topUp([c.params, 5n], { account: f.payer.account, value: 4n }),
      f.channels,
      "InvalidValue",
      [4n, 5n],
    );
    const t = await f.open({ token: f.token.address, deposit: 100n });
    await f.channels.write.setCurrencyAllowed([f.token.address, false]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.topUp([t.params, 5n], { account: f.payer.account }),
      f.channels,
      "CurrencyNotAllowed",
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
      "ChannelNotFound",
      [channelId(unknown)],
    );
    await f.channels.write.close([c.params, 0n, "0x"], { account: f.payee.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.topUp([c.params, 1n], { account: f.payer.account, value: 1n }),
      f.channels,
      "ChannelAlreadyClosed",
      [c.id],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.extend([c.params, c.expiry + 1n], { account: f.payer.account }),
      f.channels,
      "ChannelAlreadyClosed",
      [c.id],
    );
  });

  it("extends (even while paused and after expiry) and rejects earlier or oversized expiries", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 100n });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.extend([c.params, c.expiry + 1n], { account: f.other.account }),
      f.channels,
      "NotPayer",
      [f.other.account.address, c.params.payer],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.extend([c.params, c.expiry], { account: f.payer.account }),
      f.channels,
      "InvalidExpiry",
      [c.expiry, c.expiry + 1n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.extend([c.params, 2n ** 40n], { account: f.payer.account }),
      f.channels,
      "InvalidExpiry",
      [2n ** 40n, c.expiry + 1n],
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
      "InvalidExpiry",
      [c.expiry + 2n * DAY, now + 2n], // the next block is 1 s later
    );
    await f.channels.write.extend([c.params, now + DAY], { account: f.payer.account });
    assert.equal((await f.channels.read.channel([c.id]))[2], now + DAY);
  });
});

describe("PaymentChannels: claim", () => {
  it("pays the payee, credits the royalty and keeps the channel open", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: parseEther("1") });
    const amount = 1_000_000n;
    const receipt = f.claim(c, amount);
    await viem.assertions.balancesHaveChanged(receipt, [
      { address: f.channels.address, amount: -(amount - royaltyOf(amount)) },
    ]);
    await viem.assertions.emitWithArgs(f.claim(c, 3n * amount), f.channels, "ChannelClaimed", [
      c.id,
      3n * amount,
      2n * amount,
      royaltyOf(2n * amount),
    ]);
    assert.equal(
      await f.channels.read.credits([f.royaltyReceiver.account.address, zeroAddress]),
      royaltyOf(amount) + royaltyOf(2n * amount),
    );
    assert.deepEqual(await f.channels.read.channel([c.id]), [parseEther("1"), 3n * amount, c.expiry, false]);
  });

  it("accepts vouchers of a session signer and of an ERC-20 channel", async () => {
    const f = await loadFixture(fixture);
    const session = privateKeyToAccount(generatePrivateKey());
    const c = await f.open({ token: f.token.address, deposit: 1_000_000n, signer: session.address });
    await viem.assertions.revertWithCustomErrorWithArgs(f.claim(c, 10_000n), f.channels, "InvalidSigner", [
      f.payer.account.address,
      session.address,
    ]);
    await f.channels.write.claim([c.params, 10_000n, await f.sign(c.id, 10_000n, session)], {
      account: f.payee.account,
    });
    assert.equal(await f.token.read.balanceOf([f.payee.account.address]), 10_000n - royaltyOf(10_000n));
    assert.equal(
      await f.channels.read.credits([c.params.royaltyReceiver, f.token.address]),
      royaltyOf(10_000n),
    );
  });

  it("rejects claims by others, stale or excessive amounts, and expired channels", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 1000n });
    const claim = (amount: bigint, from = f.payee) => f.claim(c, amount, from);
    await viem.assertions.revertWithCustomErrorWithArgs(claim(10n, f.other), f.channels, "NotPayee", [
      f.other.account.address,
      c.params.payee,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(claim(0n), f.channels, "VoucherAmountTooLow", [
      0n,
      0n,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(claim(1001n), f.channels, "AmountExceedsDeposit", [
      1001n,
      1000n,
    ]);
    await claim(500n);
    await viem.assertions.revertWithCustomErrorWithArgs(claim(500n), f.channels, "VoucherAmountTooLow", [
      500n,
      500n,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(claim(400n), f.channels, "VoucherAmountTooLow", [
      400n,
      500n,
    ]);
    await time.increaseTo(c.expiry);
    await viem.assertions.revertWithCustomErrorWithArgs(claim(600n), f.channels, "ChannelExpired", [
      c.id,
      c.expiry,
    ]);
  });

  it("rejects vouchers of another signer, chain, contract or channel, bad lengths and malleable twins", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 1000n });
    const d = await f.open({ deposit: 1000n });
    const payer = f.payer.account.address;
    const stranger = privateKeyToAccount(generatePrivateKey());
    const signed = (over: { chainId?: number; contract?: `0x${string}`; channelId?: Hex }) =>
      signVoucher(f.payer, {
        chainId: over.chainId ?? f.chainId,
        contract: over.contract ?? f.channels.address,
        channelId: over.channelId ?? c.id,
        cumulativeAmount: 10n,
      }).then((v) => v.signature);
    const tryClaim = (signature: Hex) =>
      f.channels.write.claim([c.params, 10n, signature], { account: f.payee.account });
    for (const signature of [
      await signed({ chainId: 1 }),
      await signed({ contract: f.registry.address }),
      await signed({ channelId: d.id }),
    ]) {
      await viem.assertions.revertWithCustomError(tryClaim(signature), f.channels, "InvalidSigner");
    }
    await viem.assertions.revertWithCustomErrorWithArgs(
      tryClaim(await f.sign(c.id, 10n, stranger)),
      f.channels,
      "InvalidSigner",
      [stranger.address, payer],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(tryClaim("0x1234"), f.channels, "InvalidSigner", [
      zeroAddress,
      payer,
    ]);
    const good = await f.sign(c.id, 10n);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(`0x${good.slice(66, 130)}`);
    const v = Number.parseInt(good.slice(130, 132), 16);
    const twin = `${good.slice(0, 66)}${(n - s).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}`;
    await viem.assertions.revertWithCustomErrorWithArgs(tryClaim(twin as Hex), f.channels, "InvalidSigner", [
      zeroAddress,
      payer,
    ]);
    await tryClaim(good);
    assert.equal((await f.channels.read.channel([c.id]))[1], 10n);
  });

  it("accepts ERC-1271 vouchers of a contract payer", async () => {
    const f = await loadFixture(fixture);
    const actor = await viem.deployContract("ChannelActor", [f.channels.address]);
    const key = privateKeyToAccount(generatePrivateKey());
    await actor.write.setSigningKey([key.address]);
    const { params, id } = await f.openFromContract(actor, `0x${"01".repeat(32)}`, 1000n);
    const wrongKey = privateKeyToAccount(generatePrivateKey());
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.claim([params, 10n, await f.sign(id, 10n, wrongKey)], { account: f.payee.account }),
      f.channels,
      "InvalidSigner",
      [wrongKey.address, actor.address],
    );
    await f.channels.write.claim([params, 10n, await f.sign(id, 10n, key)], { account: f.payee.account });
    assert.equal((await f.channels.read.channel([id]))[1], 10n);
  });

  it("credits a payee contract that refuses ETH, and resists re-entry", async () => {
    const f = await loadFixture(fixture);
    const actor = await viem.deployContract("ChannelActor", [f.channels.address]);
    const c = await f.open({ deposit: 1000n, payee: actor.address });
    await actor.write.setRejectEth([true]);
    const claimData = encodeFunctionData({
      abi: f.channels.abi,
      functionName: "claim",
      args: [c.params, 100n, await f.sign(c.id, 100n)],
    });
    await viem.assertions.emitWithArgs(actor.write.execute([claimData]), f.channels, "Credited", [
      actor.address,
      zeroAddress,
      100n - royaltyOf(100n),
    ]);
    assert.equal(await f.channels.read.credits([actor.address, zeroAddress]), 100n - royaltyOf(100n));
    await actor.write.setRejectEth([false]);
    const again = encodeFunctionData({
      abi: f.channels.abi,
      functionName: "claim",
      args: [c.params, 200n, await f.sign(c.id, 200n)],
    });
    await actor.write.setReentry([again]);
    await actor.write.execute([again]);
    assert.equal(await actor.read.reentrySucceeded(), false);
    assert.equal((await f.channels.read.channel([c.id]))[1], 200n);
  });

  it("credits a payee an ERC-20 refuses to pay", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ token: f.blockable.address, deposit: 1000n });
    await f.blockable.write.setBlocked([f.payee.account.address, true]);
    await f.claim(c, 100n);
    assert.equal(
      await f.channels.read.credits([f.payee.account.address, f.blockable.address]),
      100n - royaltyOf(100n),
    );
    await f.blockable.write.setBlocked([f.payee.account.address, false]);
    await viem.assertions.emitWithArgs(
      f.channels.write.withdraw([f.blockable.address, f.payee.account.address], { account: f.other.account }),
      f.channels,
      "Withdrawn",
      [f.payee.account.address, f.blockable.address, 100n - royaltyOf(100n)],
    );
    assert.equal(await f.blockable.read.balanceOf([f.payee.account.address]), 100n - royaltyOf(100n));
  });
});

describe("PaymentChannels: claimMany", () => {
  it("settles many channels and pays the payee once per currency", async () => {
    const f = await loadFixture(fixture);
    const aim2 = await f.publishAim(1000, f.creator.account.address);
    const chans = [
      await f.open({ deposit: 1000n }),
      await f.open({ deposit: 1000n, token: f.token.address }),
      await f.open({ deposit: 1000n, aimId: aim2 }),
      await f.open({ deposit: 1000n }),
      await f.open({ deposit: 1000n, token: f.token.address }),
    ];
    const amounts = [100n, 200n, 300n, 400n, 500n];
    const sigs = await Promise.all(chans.map((c, i) => f.sign(c.id, amounts[i] ?? 0n)));
    const tokenBefore = await f.token.read.balanceOf([f.payee.account.address]);
    const ethRoyalty = royaltyOf(100n) + royaltyOf(400n);
    const creatorRoyalty = (300n * 1000n) / 10_000n;
    const hash = f.channels.write.claimMany([chans.map((c) => c.params), amounts, sigs], {
      account: f.payee.account,
    });
    await viem.assertions.balancesHaveChanged(hash, [
      { address: f.channels.address, amount: -(800n - ethRoyalty - creatorRoyalty) },
    ]);
    const receipt = await f.publicClient.getTransactionReceipt({ hash: await hash });
    const transfers = receipt.logs.filter(
      (l: { address: string }) => l.address.toLowerCase() === f.token.address.toLowerCase(),
    );
    assert.equal(transfers.length, 1, "one ERC-20 transfer to the payee");
    assert.equal(
      await f.token.read.balanceOf([f.payee.account.address]),
      tokenBefore + 700n - royaltyOf(200n) - royaltyOf(500n),
    );
    assert.equal(await f.channels.read.credits([f.royaltyReceiver.account.address, zeroAddress]), ethRoyalty);
    assert.equal(
      await f.channels.read.credits([f.royaltyReceiver.account.address, f.token.address]),
      royaltyOf(200n) + royaltyOf(500n),
    );
    assert.equal(await f.channels.read.credits([f.creator.account.address, zeroAddress]), creatorRoyalty);
    const claimed = await f.channels.getEvents.ChannelClaimed({}, { blockHash: receipt.blockHash });
    assert.equal(claimed.length, 5);
    assert.equal(claimed[2]?.args.royalty, creatorRoyalty);
  });

  it("reverts entirely on mismatched lengths or any bad claim", async () => {
    const f = await loadFixture(fixture);
    const a = await f.open({ deposit: 1000n });
    const b = await f.open({ deposit: 1000n, payee: f.other.account.address });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.claimMany([[a.params], [1n, 2n], []], { account: f.payee.account }),
      f.channels,
      "LengthMismatch",
      [1n, 2n, 0n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.claimMany(
        [
          [a.params, b.params],
          [10n, 10n],
          [await f.sign(a.id, 10n), await f.sign(b.id, 10n)],
        ],
        { account: f.payee.account },
      ),
      f.channels,
      "NotPayee",
      [f.payee.account.address, f.other.account.address],
    );
    assert.equal((await f.channels.read.channel([a.id]))[1], 0n);
    await f.channels.write.claimMany([[], [], []], { account: f.payee.account });
  });
});

describe("PaymentChannels: close and reclaim", () => {
  it("closes with the final voucher, refunding the rest to the payer", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 1000n });
    await f.claim(c, 100n);
    const hash = f.close(c, 300n);
    await viem.assertions.balancesHaveChanged(hash, [
      { address: f.payer.account.address, amount: 700n },
      { address: f.channels.address, amount: -(900n - royaltyOf(200n)) },
    ]);
    await viem.assertions.emitWithArgs(Promise.resolve(await hash), f.channels, "ChannelClosed", [
      c.id,
      300n,
      700n,
    ]);
    assert.deepEqual(await f.channels.read.channel([c.id]), [1000n, 300n, c.expiry, true]);
    assert.equal(
      await f.channels.read.credits([f.royaltyReceiver.account.address, zeroAddress]),
      royaltyOf(100n) + royaltyOf(200n),
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.claim(c, 400n),
      f.channels,
      "ChannelAlreadyClosed",
      [c.id],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.reclaim([c.params], { account: f.payer.account }),
      f.channels,
      "ChannelAlreadyClosed",
      [c.id],
    );
  });

  it("closes without a new voucher, even after expiry, but never with a stale or late one", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 1000n });
    await f.claim(c, 100n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.close([c.params, 100n, "0x"], { account: f.other.account }),
      f.channels,
      "NotPayee",
      [f.other.account.address, c.params.payee],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(f.close(c, 50n), f.channels, "VoucherAmountTooLow", [
      50n,
      100n,
    ]);
    await time.increaseTo(c.expiry);
    await viem.assertions.revertWithCustomErrorWithArgs(f.close(c, 200n), f.channels, "ChannelExpired", [
      c.id,
      c.expiry,
    ]);
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
      "EthTransferFailed",
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
      "NotExpired",
      [c.id, c.expiry],
    );
    await time.increaseTo(c.expiry);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.reclaim([c.params], { account: f.other.account }),
      f.channels,
      "NotPayer",
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
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.reclaim([c.params], { account: f.payer.account }),
      f.channels,
      "ChannelAlreadyClosed",
      [c.id],
    );
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

describe("PaymentChannels: credits, admin and views", () => {
  it("lets anyone trigger a withdrawal of a credit, even while paused, and refuses empty ones", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 10_000n });
    await f.claim(c, 10_000n);
    await f.channels.write.pause();
    const receiver = f.royaltyReceiver.account.address;
    await viem.assertions.balancesHaveChanged(f.channels.write.withdraw([zeroAddress, receiver]), [
      { address: receiver, amount: royaltyOf(10_000n) },
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.withdraw([zeroAddress, receiver]),
      f.channels,
      "NothingToWithdraw",
      [receiver, zeroAddress],
    );
  });

  it("pauses open and top-up only, for the owner only", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 1000n });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.pause({ account: f.other.account }),
      f.channels,
      "OwnableUnauthorizedAccount",
      [f.other.account.address],
    );
    await viem.assertions.emitWithArgs(f.channels.write.pause(), f.channels, "Paused", [
      f.owner.account.address,
    ]);
    await viem.assertions.revertWithCustomError(f.open(), f.channels, "EnforcedPause");
    await viem.assertions.revertWithCustomError(
      f.channels.write.topUp([c.params, 1n], { account: f.payer.account, value: 1n }),
      f.channels,
      "EnforcedPause",
    );
    await f.claim(c, 10n);
    await f.close(c, 20n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.unpause({ account: f.other.account }),
      f.channels,
      "OwnableUnauthorizedAccount",
      [f.other.account.address],
    );
    await viem.assertions.emitWithArgs(f.channels.write.unpause(), f.channels, "Unpaused", [
      f.owner.account.address,
    ]);
    await f.open();
  });

  it("manages the ERC-20 allow-list", async () => {
    const f = await loadFixture(fixture);
    assert.equal(await f.channels.read.isCurrencyAllowed([zeroAddress]), true);
    assert.equal(await f.channels.read.isCurrencyAllowed([f.token.address]), true);
    assert.equal(await f.channels.read.isCurrencyAllowed([f.registry.address]), false);
    await viem.assertions.emitWithArgs(
      f.channels.write.setCurrencyAllowed([f.token.address, false]),
      f.channels,
      "CurrencyAllowed",
      [f.token.address, false],
    );
    assert.equal(await f.channels.read.isCurrencyAllowed([f.token.address]), false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.setCurrencyAllowed([zeroAddress, true]),
      f.channels,
      "CurrencyNotAllowed",
      [zeroAddress],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.setCurrencyAllowed([f.token.address, true], { account: f.other.account }),
      f.channels,
      "OwnableUnauthorizedAccount",
      [f.other.account.address],
    );
  });

  it("transfers ownership in two steps", async () => {
    const f = await loadFixture(fixture);
    await f.channels.write.transferOwnership([f.other.account.address]);
    assert.equal((await f.channels.read.owner()).toLowerCase(), f.owner.account.address.toLowerCase());
    await f.channels.write.acceptOwnership({ account: f.other.account });
    assert.equal((await f.channels.read.owner()).toLowerCase(), f.other.account.address.toLowerCase());
  });

  it("exposes the registry, the EIP-712 domain and the voucher digest the SDK computes", async () => {
    const f = await loadFixture(fixture);
    assert.equal((await f.channels.read.aimRegistry()).toLowerCase(), f.registry.address.toLowerCase());
    const [, name, version, chainId, verifyingContract] = await f.channels.read.eip712Domain();
    assert.deepEqual([name, version, Number(chainId)], ["AIM PaymentChannels", "1", f.chainId]);
    assert.equal(verifyingContract.toLowerCase(), f.channels.address.toLowerCase());
    const id = `0x${"ab".repeat(32)}` as Hex;
    assert.equal(
      await f.channels.read.voucherDigest([id, 42n]),
      voucherDigest({
        chainId: f.chainId,
        contract: f.channels.address,
        channelId: id,
        cumulativeAmount: 42n,
      }),
    );
    assert.equal(
      await f.channels.read.VOUCHER_TYPEHASH(),
      keccak256(toHex("Voucher(bytes32 channelId,uint256 cumulativeAmount)")),
    );
  });
});
