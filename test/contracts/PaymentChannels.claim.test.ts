// PaymentChannels: claim and claimMany — every revert and event (node:test + viem on the in-process network).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { signVoucher } from "@aim/sdk/voucher";
import { network } from "hardhat";
import { encodeFunctionData, type Hex, parseEther, zeroAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { deployChannels, type Loose, royaltyOf } from "../../scripts/fixtures/payment-channels.js";

const { viem: typedViem, networkHelpers } = await network.connect();
const viem: Loose = typedViem;
const { loadFixture, time } = networkHelpers;
const fixture = () => deployChannels(viem);

/** A ChannelActor (an ERC-1271 contract) whose signatures are those of a fresh key. */
async function signingActor(f: Loose) {
  const actor = await viem.deployContract("ChannelActor", [f.channels.address]);
  const key = privateKeyToAccount(generatePrivateKey());
  await actor.write.setSigningKey([key.address]);
  return { actor, key };
}

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

  it("accepts vouchers of the payer and of a session signer (up to its cap) on an ERC-20 channel", async () => {
    const f = await loadFixture(fixture);
    const session = privateKeyToAccount(generatePrivateKey());
    const c = await f.open({
      token: f.token.address,
      deposit: 1_000_000n,
      signer: session.address,
      sessionCap: 20_000n,
    });
    await f.claim(c, 5_000n);
    await f.channels.write.claim([c.params, 10_000n, await f.sign(c.id, 10_000n, session)], {
      account: f.payee.account,
    });
    assert.equal(await f.token.read.balanceOf([f.payee.account.address]), 10_000n - royaltyOf(10_000n));
    assert.equal(
      await f.channels.read.credits([f.royaltyReceiver.account.address, f.token.address]),
      royaltyOf(10_000n),
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.claim([c.params, 30_000n, await f.sign(c.id, 30_000n, session)], {
        account: f.payee.account,
      }),
      f.channels,
      "PaymentChannelsSessionCapExceeded",
      [30_000n, 20_000n],
    );
    const stranger = privateKeyToAccount(generatePrivateKey());
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.claim([c.params, 11_000n, await f.sign(c.id, 11_000n, stranger)], {
        account: f.payee.account,
      }),
      f.channels,
      "PaymentChannelsInvalidSigner",
      [stranger.address, session.address],
    );
    await f.claim(c, 1_000_000n);
  });

  it("raises a session cap for the payer only, never lowers it, only on session channels", async () => {
    const f = await loadFixture(fixture);
    const session = privateKeyToAccount(generatePrivateKey());
    const c = await f.open({ deposit: 1_000_000n, signer: session.address, sessionCap: 100n });
    assert.equal(await f.channels.read.sessionCapOf([c.params]), 100n);
    /** The payer's raise to `cap` reverts: a new cap must be at least `lowest`. */
    const rejectsCap = (params: Loose, cap: bigint, lowest: bigint) =>
      viem.assertions.revertWithCustomErrorWithArgs(
        f.channels.write.raiseSessionCap([params, cap], { account: f.payer.account }),
        f.channels,
        "PaymentChannelsInvalidSessionCap",
        [cap, lowest],
      );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.raiseSessionCap([c.params, 200n], { account: f.other.account }),
      f.channels,
      "PaymentChannelsNotPayer",
      [f.other.account.address, f.payer.account.address],
    );
    await viem.assertions.emitWithArgs(
      f.channels.write.raiseSessionCap([c.params, 200n], { account: f.payer.account }),
      f.channels,
      "SessionCapRaised",
      [c.id, 200n],
    );
    assert.equal(await f.channels.read.sessionCapOf([c.params]), 200n);
    await rejectsCap(c.params, 150n, 201n);
    const plain = await f.open({ deposit: 1_000n });
    assert.equal(await f.channels.read.sessionCapOf([plain.params]), 0n);
    await rejectsCap(plain.params, 150n, 1n);
  });

  it("accepts ERC-1271 vouchers of a contract session signer within its cap", async () => {
    const f = await loadFixture(fixture);
    const { actor: signer, key } = await signingActor(f);
    const c = await f.open({ deposit: 1_000n, signer: signer.address, sessionCap: 100n });
    await f.channels.write.claim([c.params, 100n, await f.sign(c.id, 100n, key)], {
      account: f.payee.account,
    });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.claim([c.params, 101n, await f.sign(c.id, 101n, key)], { account: f.payee.account }),
      f.channels,
      "PaymentChannelsSessionCapExceeded",
      [101n, 100n],
    );
  });

  it("rejects claims by others, stale or excessive amounts, and expired channels", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 1000n });
    const claim = (amount: bigint, from = f.payee) => f.claim(c, amount, from);
    const rejects = (amount: bigint, error: string, args: unknown[], from = f.payee) =>
      viem.assertions.revertWithCustomErrorWithArgs(claim(amount, from), f.channels, error, args);
    await rejects(10n, "PaymentChannelsNotPayee", [f.other.account.address, c.params.payee], f.other);
    await rejects(0n, "PaymentChannelsVoucherAmountTooLow", [0n, 0n]);
    await rejects(1001n, "PaymentChannelsAmountExceedsDeposit", [1001n, 1000n]);
    await claim(500n);
    await rejects(500n, "PaymentChannelsVoucherAmountTooLow", [500n, 500n]);
    await rejects(400n, "PaymentChannelsVoucherAmountTooLow", [400n, 500n]);
    await time.increaseTo(c.expiry);
    await rejects(600n, "PaymentChannelsChannelExpired", [c.id, c.expiry]);
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
      await viem.assertions.revertWithCustomError(
        tryClaim(signature),
        f.channels,
        "PaymentChannelsInvalidSigner",
      );
    }
    await viem.assertions.revertWithCustomErrorWithArgs(
      tryClaim(await f.sign(c.id, 10n, stranger)),
      f.channels,
      "PaymentChannelsInvalidSigner",
      [stranger.address, payer],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      tryClaim("0x1234"),
      f.channels,
      "PaymentChannelsInvalidSigner",
      [zeroAddress, payer],
    );
    const good = await f.sign(c.id, 10n);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(`0x${good.slice(66, 130)}`);
    const v = Number.parseInt(good.slice(130, 132), 16);
    const twin = `${good.slice(0, 66)}${(n - s).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}`;
    await viem.assertions.revertWithCustomErrorWithArgs(
      tryClaim(twin as Hex),
      f.channels,
      "PaymentChannelsInvalidSigner",
      [zeroAddress, payer],
    );
    await tryClaim(good);
    assert.equal((await f.channels.read.channel([c.id]))[1], 10n);
  });

  it("accepts ERC-1271 vouchers of a contract payer", async () => {
    const f = await loadFixture(fixture);
    const { actor, key } = await signingActor(f);
    const { params, id } = await f.openFromContract(actor, `0x${"01".repeat(32)}`, 1000n);
    const wrongKey = privateKeyToAccount(generatePrivateKey());
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.claim([params, 10n, await f.sign(id, 10n, wrongKey)], { account: f.payee.account }),
      f.channels,
      "PaymentChannelsInvalidSigner",
      [wrongKey.address, actor.address],
    );
    await f.channels.write.claim([params, 10n, await f.sign(id, 10n, key)], { account: f.payee.account });
    assert.equal((await f.channels.read.channel([id]))[1], 10n);
  });

  it("credits a payee contract that refuses ETH, and resists re-entry", async () => {
    const f = await loadFixture(fixture);
    const actor = await viem.deployContract("ChannelActor", [f.channels.address]);
    await f.license(actor.address);
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
    await f.license(f.other.account.address);
    const b = await f.open({ deposit: 1000n, payee: f.other.account.address });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.claimMany([[a.params], [1n, 2n], []], { account: f.payee.account }),
      f.channels,
      "PaymentChannelsLengthMismatch",
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
      "PaymentChannelsNotPayee",
      [f.payee.account.address, f.other.account.address],
    );
    assert.equal((await f.channels.read.channel([a.id]))[1], 0n);
    await f.channels.write.claimMany([[], [], []], { account: f.payee.account });
  });
});
