// X402Settlement: x402 `exact` (EIP-3009) payments pay the AIM's per-call royalty on chain (DESIGN promises 1, 2, 4,
// 5). Each attack test names the promise it checks.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Address, getAddress, zeroAddress } from "viem";
import type { Loose } from "../../scripts/fixtures/payment-channels.js";
import { deployX402, X402_AIM_ID, X402_ROYALTY_BPS } from "../../scripts/fixtures/x402-settlement.js";

const { viem: typedViem, networkHelpers } = await network.connect();
const viem: Loose = typedViem;
const { loadFixture } = networkHelpers;
const fixture = () => deployX402(viem);
type F = Awaited<ReturnType<typeof fixture>>;

const royaltyOf = (total: bigint, previous = 0n, bps = X402_ROYALTY_BPS) =>
  (total * BigInt(bps)) / 10_000n - (previous * BigInt(bps)) / 10_000n;

/** Promise 4: the contract holds exactly the credits it owes, per token. */
async function assertSolvent(f: F, token: Loose, accounts: Address[]) {
  let owed = 0n;
  for (const account of accounts) owed += await f.settlement.read.creditOf([account, token.address]);
  assert.equal(await token.read.balanceOf([f.settlement.address]), owed);
}

const args = (aimId: bigint, node: Address, token: Loose, a: Loose, signature: string) =>
  [aimId, node, token.address, a, signature] as const;

describe("X402Settlement", () => {
  it("settles an authorization to the vault: royalty to the creator's receiver, the rest to the node", async () => {
    const f = await loadFixture(fixture);
    const node = f.node.account.address;
    const receiver = f.royaltyReceiver.account.address;
    const before = await f.usdc.read.balanceOf([node]);
    const paid = await f.pay(1_000_000n);
    const royalty = royaltyOf(1_000_000n);
    assert.equal(await f.usdc.read.balanceOf([receiver]), royalty);
    assert.equal((await f.usdc.read.balanceOf([node])) - before, 1_000_000n - royalty);
    assert.equal(await f.settlement.read.settledTotal([X402_AIM_ID, node, f.usdc.address]), 1_000_000n);
    await viem.assertions.emitWithArgs(Promise.resolve(paid.hash), f.settlement, "X402Settled", [
      X402_AIM_ID,
      getAddress(node),
      getAddress(f.usdc.address),
      getAddress(f.payer.account.address),
      1_000_000n,
      royalty,
      paid.authorization.nonce,
    ]);
    assert.notEqual(await f.publicClient.getCode({ address: paid.to }), undefined);
    assert.equal(await f.usdc.read.balanceOf([paid.to]), 0n);
    await assertSolvent(f, f.usdc, [receiver, node]);
  });

  it("gives each (AIM, node) its own payTo, deterministic before deployment", async () => {
    const f = await loadFixture(fixture);
    const node = f.node.account.address;
    const a = await f.settlement.read.payTo([1n, node]);
    assert.notEqual(a, await f.settlement.read.payTo([2n, node]));
    assert.notEqual(a, await f.settlement.read.payTo([1n, f.other.account.address]));
    assert.equal(await f.publicClient.getCode({ address: a }), undefined);
  });

  it("promise 2: a node cannot count a payment for a lower-royalty AIM (the signature names the other vault)", async () => {
    const f = await loadFixture(fixture);
    const cheap = await f.publishAim(0);
    const node = f.node.account.address;
    const to = await f.settlement.read.payTo([X402_AIM_ID, node]);
    const { authorization, signature } = await f.authorize(f.usdc, to, 1_000_000n);
    // The node settles the payer's authorization for AIM 1 as if it were for its royalty-free AIM.
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.settlement.write.settle(args(cheap, node, f.usdc, authorization, signature), {
        account: f.node.account,
      }),
      f.settlement,
      "X402SettlementAuthorizationFailed",
      [getAddress(authorization.from), authorization.nonce],
    );
    // Settled as signed, the royalty of AIM 1 is paid.
    await f.settlement.write.settle(args(X402_AIM_ID, node, f.usdc, authorization, signature));
    assert.equal(await f.usdc.read.balanceOf([f.royaltyReceiver.account.address]), royaltyOf(1_000_000n));
  });

  it("promise 1: refuses to pay a node that holds no license of the AIM (and nothing moves)", async () => {
    const f = await loadFixture(fixture);
    const stranger = f.other.account.address;
    const to = await f.settlement.read.payTo([X402_AIM_ID, stranger]);
    const { authorization, signature } = await f.authorize(f.usdc, to, 1_000n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.settlement.write.settle(args(X402_AIM_ID, stranger, f.usdc, authorization, signature)),
      f.settlement,
      "X402SettlementNotLicensed",
      [X402_AIM_ID, getAddress(stranger)],
    );
    assert.equal(await f.usdc.read.authorizationState([authorization.from, authorization.nonce]), false);
    // A node that sold its license is refused from that moment.
    await f.registry.write.safeTransferFrom([f.node.account.address, stranger, X402_AIM_ID, 1n, "0x"], {
      account: f.node.account,
    });
    const node = f.node.account.address;
    const toNode = await f.settlement.read.payTo([X402_AIM_ID, node]);
    const second = await f.authorize(f.usdc, toNode, 1_000n);
    await viem.assertions.revertWithCustomError(
      f.settlement.write.settle(args(X402_AIM_ID, node, f.usdc, second.authorization, second.signature)),
      f.settlement,
      "X402SettlementNotLicensed",
    );
  });

  it("a front-runner who submits the authorization to the token only delays the accounting", async () => {
    const f = await loadFixture(fixture);
    const node = f.node.account.address;
    const to = await f.settlement.read.payTo([X402_AIM_ID, node]);
    const { authorization: a, signature } = await f.authorize(f.usdc, to, 1_000_000n);
    await f.usdc.write.transferWithAuthorization(
      [a.from, to, a.value, a.validAfter, a.validBefore, a.nonce, signature],
      { account: f.other.account },
    );
    assert.equal(await f.usdc.read.balanceOf([to]), 1_000_000n);
    await f.settlement.write.settle(args(X402_AIM_ID, node, f.usdc, a, signature));
    assert.equal(await f.usdc.read.balanceOf([to]), 0n);
    assert.equal(await f.usdc.read.balanceOf([f.royaltyReceiver.account.address]), royaltyOf(1_000_000n));
    await assertSolvent(f, f.usdc, [f.royaltyReceiver.account.address, node]);
  });

  it("refuses a replayed authorization (nothing left to settle) and a forged one", async () => {
    const f = await loadFixture(fixture);
    const node = f.node.account.address;
    const paid = await f.pay(1_000n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.settlement.write.settle(args(X402_AIM_ID, node, f.usdc, paid.authorization, paid.signature)),
      f.settlement,
      "X402SettlementNothingToSettle",
      [X402_AIM_ID, getAddress(node), getAddress(f.usdc.address)],
    );
    const bad = await f.authorize(f.usdc, paid.to, 1_000n, { signer: f.other });
    await viem.assertions.revertWithCustomError(
      f.settlement.write.settle(args(X402_AIM_ID, node, f.usdc, bad.authorization, bad.signature)),
      f.settlement,
      "X402SettlementAuthorizationFailed",
    );
  });

  it("promise 2: forty 1-unit payments pay the royalty of one payment of 40 (no rounding away)", async () => {
    const f = await loadFixture(fixture);
    const node = f.node.account.address;
    const receiver = f.royaltyReceiver.account.address;
    // 39 payments of 1 at 2.5%: 0 each if rounded alone, 0.975 → 0 in total; one more reaches 40 → 1.
    for (let i = 0; i < 40; i++) await f.pay(1n);
    assert.equal(await f.usdc.read.balanceOf([receiver]), royaltyOf(40n));
    assert.equal(royaltyOf(40n), 1n);
    await assertSolvent(f, f.usdc, [receiver, node]);
  });

  it("promise 5: a blocked royalty receiver gets a credit only it can withdraw; the node is still paid", async () => {
    const f = await loadFixture(fixture);
    const node = f.node.account.address;
    const receiver = f.royaltyReceiver.account.address;
    await f.hostile.write.setBlocked([receiver, true]);
    const paid = await f.pay(1_000_000n, { token: f.hostile });
    const royalty = royaltyOf(1_000_000n);
    await viem.assertions.emitWithArgs(Promise.resolve(paid.hash), f.settlement, "Credited", [
      getAddress(receiver),
      getAddress(f.hostile.address),
      royalty,
    ]);
    assert.equal(await f.hostile.read.balanceOf([node]), 1_000_000n - royalty);
    assert.equal(await f.settlement.read.creditOf([receiver, f.hostile.address]), royalty);
    await assertSolvent(f, f.hostile, [receiver, node]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.settlement.write.withdraw([f.hostile.address, node], { account: f.node.account }),
      f.settlement,
      "X402SettlementNothingToWithdraw",
      [getAddress(node), getAddress(f.hostile.address)],
    );
    await f.hostile.write.setBlocked([receiver, false]);
    await viem.assertions.emitWithArgs(
      f.settlement.write.withdraw([f.hostile.address, receiver], { account: f.royaltyReceiver.account }),
      f.settlement,
      "Withdrawn",
      [getAddress(receiver), getAddress(f.hostile.address), royalty],
    );
    assert.equal(await f.hostile.read.balanceOf([receiver]), royalty);
    await assertSolvent(f, f.hostile, [receiver, node]);
  });

  it("promise 5: a blocked node is credited, the royalty still reaches the creator", async () => {
    const f = await loadFixture(fixture);
    const node = f.node.account.address;
    await f.hostile.write.setBlocked([node, true]);
    await f.pay(1_000_000n, { token: f.hostile });
    assert.equal(await f.hostile.read.balanceOf([f.royaltyReceiver.account.address]), royaltyOf(1_000_000n));
    assert.equal(
      await f.settlement.read.creditOf([node, f.hostile.address]),
      1_000_000n - royaltyOf(1_000_000n),
    );
    await assertSolvent(f, f.hostile, [f.royaltyReceiver.account.address, node]);
  });

  it("promise 4: refuses a token that delivers less than it says, and a token not allowed", async () => {
    const f = await loadFixture(fixture);
    await f.hostile.write.setFeeBps([100n]);
    const node = f.node.account.address;
    const to = await f.settlement.read.payTo([X402_AIM_ID, node]);
    const { authorization, signature } = await f.authorize(f.hostile, to, 1_000_000n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.settlement.write.settle(args(X402_AIM_ID, node, f.hostile, authorization, signature)),
      f.settlement,
      "X402SettlementFeeOnTransfer",
      [getAddress(f.hostile.address), 1_000_000n, 990_000n],
    );
    await f.settlement.write.setTokenAllowed([f.hostile.address, false]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.settlement.write.settle(args(X402_AIM_ID, node, f.hostile, authorization, signature)),
      f.settlement,
      "X402SettlementTokenNotAllowed",
      [getAddress(f.hostile.address)],
    );
    assert.equal(await f.settlement.read.isTokenAllowed([f.hostile.address]), false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.settlement.write.setTokenAllowed([f.hostile.address, true], { account: f.other.account }),
      f.settlement,
      "OwnableUnauthorizedAccount",
      [getAddress(f.other.account.address)],
    );
  });

  it("promise 4: refuses a fee-taking token on the sweep too (the authorization front-run straight to the vault)", async () => {
    const f = await loadFixture(fixture);
    await f.hostile.write.setFeeBps([100n]);
    const node = f.node.account.address;
    const to = await f.settlement.read.payTo([X402_AIM_ID, node]);
    const { authorization: a, signature } = await f.authorize(f.hostile, to, 1_000_000n);
    await f.hostile.write.transferWithAuthorization([
      a.from,
      to,
      a.value,
      a.validAfter,
      a.validBefore,
      a.nonce,
      signature,
    ]);
    // The vault holds 990,000; sweeping it delivers 980,100.
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.settlement.write.settle(args(X402_AIM_ID, node, f.hostile, a, signature)),
      f.settlement,
      "X402SettlementFeeOnTransfer",
      [getAddress(f.hostile.address), 990_000n, 980_100n],
    );
  });

  it("only X402Settlement can empty a vault", async () => {
    const f = await loadFixture(fixture);
    const paid = await f.pay(1n);
    const vault = await viem.getContractAt("X402Vault", paid.to);
    await viem.assertions.revertWithCustomErrorWithArgs(
      vault.write.sweep([f.usdc.address], { account: f.other.account }),
      vault,
      "X402VaultNotSettlement",
      [getAddress(f.other.account.address)],
    );
  });

  it("pays no royalty when the per-call royalty is 0, and the whole amount to the node", async () => {
    const f = await loadFixture(fixture);
    const free = await f.publishAim(0);
    const node = f.node.account.address;
    const before = await f.usdc.read.balanceOf([node]);
    await f.pay(999n, { aimId: free });
    assert.equal((await f.usdc.read.balanceOf([node])) - before, 999n);
    assert.equal(await f.settlement.read.creditOf([zeroAddress, f.usdc.address]), 0n);
  });
});
