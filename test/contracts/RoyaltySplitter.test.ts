import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Address, encodeFunctionData, getAddress, parseEther, zeroAddress } from "viem";

const { viem, networkHelpers } = await network.create();
const publicClient = await viem.getPublicClient();
const [deployerWallet, aliceWallet, bobWallet, carolWallet] = await viem.getWalletClients();
if (!deployerWallet || !aliceWallet || !bobWallet || !carolWallet) throw new Error("needs 4 dev accounts");
const deployer = getAddress(deployerWallet.account.address);
const alice = getAddress(aliceWallet.account.address);
const bob = getAddress(bobWallet.account.address);
const carol = getAddress(carolWallet.account.address);

const MODE_ACCEPT = 0;
const MODE_REJECT = 1;
const MODE_REENTER = 2;

type Splitter = Awaited<ReturnType<typeof viem.getContractAt<"RoyaltySplitter">>>;
/** A splitter (or the factory's implementation) is initialized once: `initialize` reverts afterwards. */
const refusesInitialize = (splitter: Splitter, payees: Address[], shares: bigint[]) =>
  viem.assertions.revertWithCustomErrorWithArgs(
    splitter.write.initialize([payees, shares]),
    splitter,
    "RoyaltySplitterAlreadyInitialized",
    [],
  );

async function deployAll() {
  const factory = await viem.deployContract("RoyaltySplitterFactory");
  const token = await viem.deployContract("BlockableERC20");
  const usdc = await viem.deployContract("TestUSDC");
  const payee = await viem.deployContract("PayeeMock");
  return { factory, token, usdc, payee };
}

/** Deploys everything and a splitter for `payees` (a function of the deployed PayeeMock's address). */
async function deployWithSplitter(payees: (payee: Address) => readonly Address[], shares: readonly bigint[]) {
  const deployed = await deployAll();
  const hash = await deployed.factory.write.createSplitter([
    payees(getAddress(deployed.payee.address)),
    shares,
  ]);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const events = await deployed.factory.getEvents.SplitterCreated({}, { blockHash: receipt.blockHash });
  const address = events[0]?.args.splitter;
  if (!address) throw new Error("no SplitterCreated event");
  const splitter = await viem.getContractAt("RoyaltySplitter", address);
  return { ...deployed, splitter };
}

/** alice 50, bob 30, carol 20. */
async function threeWaySplitter() {
  return deployWithSplitter(() => [alice, bob, carol], [50n, 30n, 20n]);
}

/** alice 1, bob 1, carol 1. */
async function equalSplitter() {
  return deployWithSplitter(() => [alice, bob, carol], [1n, 1n, 1n]);
}

/** alice 3, bob 1. */
async function twoWaySplitter() {
  return deployWithSplitter(() => [alice, bob], [3n, 1n]);
}

/** alice 1, the PayeeMock contract 1. */
async function contractPayeeSplitter() {
  return deployWithSplitter((payee) => [alice, payee], [1n, 1n]);
}

/**
 * The contract-payee splitter holding 100 wei, its payee set to call `call` back on the splitter when paid
 * (`release(alice)` or `releaseAll()`).
 */
const reenteringPayeeSplitter = async (call: "release" | "releaseAll") => {
  const deployed = await networkHelpers.loadFixture(contractPayeeSplitter);
  const { splitter, payee } = deployed;
  await deployerWallet.sendTransaction({ to: splitter.address, value: 100n });
  await payee.write.setMode([MODE_REENTER]);
  const data =
    call === "release"
      ? encodeFunctionData({ abi: splitter.abi, functionName: call, args: [alice] })
      : encodeFunctionData({ abi: splitter.abi, functionName: call, args: [] });
  await payee.write.setReentry([splitter.address, data]);
  return deployed;
};

describe("RoyaltySplitterFactory", () => {
  it("deploys a locked implementation", async () => {
    const { factory } = await networkHelpers.loadFixture(deployAll);
    const implementation = await viem.getContractAt("RoyaltySplitter", await factory.read.implementation());
    await refusesInitialize(implementation, [alice], [1n]);
  });

  it("creates an initialized clone and emits SplitterCreated", async () => {
    const { factory } = await networkHelpers.loadFixture(deployAll);
    const tx = factory.write.createSplitter([
      [alice, bob],
      [3n, 1n],
    ]);
    await viem.assertions.emitWithArgs(tx, factory, "SplitterCreated", [
      (a: Address) => a !== zeroAddress,
      deployer,
      [alice, bob],
      [3n, 1n],
    ]);
    const { splitter } = await networkHelpers.loadFixture(twoWaySplitter);
    assert.deepEqual(await splitter.read.payees(), [alice, bob]);
    assert.equal(getAddress(await splitter.read.payee([1n])), bob);
    assert.equal(await splitter.read.shares([alice]), 3n);
    assert.equal(await splitter.read.shares([carol]), 0n);
    assert.equal(await splitter.read.totalShares(), 4n);
    assert.equal(await splitter.read.MAX_PAYEES(), 64n);
    // A clone is 45 bytes of EIP-1167 code.
    const code = await publicClient.getCode({ address: splitter.address });
    assert.equal(code?.length, 2 + 45 * 2);
    // It cannot be initialized twice.
    await refusesInitialize(splitter, [carol], [1n]);
  });

  it("rejects bad payees and shares with the splitter's errors", async () => {
    const { factory } = await networkHelpers.loadFixture(deployAll);
    const splitterAbi = await viem.getContractAt("RoyaltySplitter", zeroAddress);
    const many = Array.from({ length: 65 }, (_, i) =>
      getAddress(`0x${(i + 1).toString(16).padStart(40, "0")}`),
    );
    const cases: [readonly Address[], readonly bigint[], string, readonly unknown[]][] = [
      [[], [], "RoyaltySplitterInvalidPayeeCount", [0n, 64n]],
      [many, many.map(() => 1n), "RoyaltySplitterInvalidPayeeCount", [65n, 64n]],
      [[alice, bob], [1n], "RoyaltySplitterLengthMismatch", [2n, 1n]],
      [[alice, zeroAddress], [1n, 1n], "RoyaltySplitterZeroPayee", [1n]],
      [[alice, bob], [1n, 0n], "RoyaltySplitterZeroShares", [bob]],
      [[alice, bob, alice], [1n, 1n, 1n], "RoyaltySplitterDuplicatePayee", [alice]],
    ];
    for (const [payees, shares, error, args] of cases) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        factory.write.createSplitter([payees, shares]),
        splitterAbi,
        // biome-ignore lint/suspicious/noExplicitAny: the error name is checked against the ABI at run time
        error as any,
        // biome-ignore lint/suspicious/noExplicitAny: the args are checked against the ABI at run time
        args as any,
      );
    }
  });
});

describe("RoyaltySplitter", () => {
  describe("ETH", () => {
    it("emits PaymentReceived and splits by shares", async () => {
      const { splitter } = await networkHelpers.loadFixture(threeWaySplitter);
      await viem.assertions.emitWithArgs(
        deployerWallet.sendTransaction({ to: splitter.address, value: parseEther("1") }),
        splitter,
        "PaymentReceived",
        [deployer, parseEther("1")],
      );
      assert.equal(await splitter.read.releasable([alice]), parseEther("0.5"));
      assert.equal(await splitter.read.releasable([bob]), parseEther("0.3"));
      assert.equal(await splitter.read.releasable([carol]), parseEther("0.2"));
      assert.equal(await splitter.read.releasable([deployer]), 0n);
    });

    it("releases to the payee whoever calls, emits PaymentReleased and keeps the others' dues", async () => {
      const { splitter } = await networkHelpers.loadFixture(threeWaySplitter);
      await deployerWallet.sendTransaction({ to: splitter.address, value: 1000n });
      const tx = splitter.write.release([bob], { account: carolWallet.account });
      await viem.assertions.balancesHaveChanged(tx, [
        { address: bob, amount: 300n },
        { address: splitter.address, amount: -300n },
      ]);
      await viem.assertions.emitWithArgs(tx, splitter, "PaymentReleased", [bob, 300n]);
      assert.equal(await splitter.read.released([bob]), 300n);
      assert.equal(await splitter.read.totalReleased(), 300n);
      assert.equal(await splitter.read.releasable([bob]), 0n);
      // More ETH arrives: the released payee is owed only its share of the new money.
      await deployerWallet.sendTransaction({ to: splitter.address, value: 1000n });
      assert.equal(await splitter.read.releasable([bob]), 300n);
      assert.equal(await splitter.read.releasable([alice]), 1000n);
      assert.equal(await splitter.read.releasable([carol]), 400n);
    });

    it("rejects a non-payee, a payee with nothing due, and a payee that refuses ETH", async () => {
      const { splitter, payee } = await networkHelpers.loadFixture(contractPayeeSplitter);
      await viem.assertions.revertWithCustomErrorWithArgs(
        splitter.write.release([bob]),
        splitter,
        "RoyaltySplitterNotPayee",
        [bob],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        splitter.write.release([alice]),
        splitter,
        "RoyaltySplitterNothingDue",
        [zeroAddress, alice],
      );
      await deployerWallet.sendTransaction({ to: splitter.address, value: 10n });
      await payee.write.setMode([MODE_REJECT]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        splitter.write.release([payee.address]),
        splitter,
        "RoyaltySplitterETHTransferFailed",
        [getAddress(payee.address), 5n],
      );
      // The refusing payee does not block alice.
      await splitter.write.release([alice]);
      assert.equal(await splitter.read.released([alice]), 5n);
      assert.equal(await splitter.read.releasable([payee.address]), 5n);
      // Once it accepts again, it gets everything due.
      await payee.write.setMode([MODE_ACCEPT]);
      await splitter.write.release([payee.address]);
      assert.equal(await publicClient.getBalance({ address: payee.address }), 5n);
    });

    it("blocks re-entry: a payee that calls back into the splitter is not paid twice", async () => {
      const { splitter, payee } = await reenteringPayeeSplitter("release");
      await viem.assertions.revertWithCustomErrorWithArgs(
        splitter.write.release([payee.address]),
        splitter,
        "RoyaltySplitterETHTransferFailed",
        [getAddress(payee.address), 50n],
      );
      assert.equal(await splitter.read.totalReleased(), 0n);
      assert.equal(await payee.read.reentrySucceeded(), false);
    });

    it("releaseAll pays every payee and skips (and reports) one that refuses", async () => {
      const { splitter, payee } = await networkHelpers.loadFixture(contractPayeeSplitter);
      await deployerWallet.sendTransaction({ to: splitter.address, value: 100n });
      await payee.write.setMode([MODE_REJECT]);
      const tx = splitter.write.releaseAll({ account: bobWallet.account });
      await viem.assertions.emitWithArgs(tx, splitter, "PaymentReleased", [alice, 50n]);
      await viem.assertions.emitWithArgs(tx, splitter, "ReleaseFailed", [
        zeroAddress,
        getAddress(payee.address),
        50n,
      ]);
      assert.equal(await splitter.read.released([alice]), 50n);
      assert.equal(await splitter.read.released([payee.address]), 0n);
      assert.equal(await splitter.read.totalReleased(), 50n);
      assert.equal(await splitter.read.releasable([payee.address]), 50n);
      // Nothing due to alice any more: releaseAll skips her and pays the payee once it accepts.
      await payee.write.setMode([MODE_ACCEPT]);
      await viem.assertions.emitWithArgs(splitter.write.releaseAll(), splitter, "PaymentReleased", [
        getAddress(payee.address),
        50n,
      ]);
      assert.equal(await publicClient.getBalance({ address: splitter.address }), 0n);
    });

    it("releaseAll counts a re-entering payee as refusing", async () => {
      const { splitter, payee } = await reenteringPayeeSplitter("releaseAll");
      await viem.assertions.emitWithArgs(splitter.write.releaseAll(), splitter, "ReleaseFailed", [
        zeroAddress,
        getAddress(payee.address),
        50n,
      ]);
      assert.equal(await splitter.read.totalReleased(), 50n);
      assert.equal(await publicClient.getBalance({ address: splitter.address }), 50n);
    });
  });

  describe("ERC-20", () => {
    it("splits, releases and emits ERC20PaymentReleased", async () => {
      const { splitter, usdc } = await networkHelpers.loadFixture(threeWaySplitter);
      await usdc.write.mint([splitter.address, 1_000_000n]);
      assert.equal(await splitter.read.releasable([usdc.address, carol]), 200_000n);
      await viem.assertions.emitWithArgs(
        splitter.write.release([usdc.address, carol], { account: bobWallet.account }),
        splitter,
        "ERC20PaymentReleased",
        [getAddress(usdc.address), carol, 200_000n],
      );
      assert.equal(await usdc.read.balanceOf([carol]), 200_000n);
      assert.equal(await splitter.read.released([usdc.address, carol]), 200_000n);
      assert.equal(await splitter.read.totalReleased([usdc.address]), 200_000n);
      assert.equal(await splitter.read.releasable([usdc.address, carol]), 0n);
      assert.equal(await splitter.read.releasable([usdc.address, deployer]), 0n);
      // ETH accounting is separate.
      assert.equal(await splitter.read.totalReleased(), 0n);
    });

    it("rejects a non-payee, nothing due, and bubbles up a refused transfer", async () => {
      const { splitter, token } = await networkHelpers.loadFixture(threeWaySplitter);
      await viem.assertions.revertWithCustomErrorWithArgs(
        splitter.write.release([token.address, deployer]),
        splitter,
        "RoyaltySplitterNotPayee",
        [deployer],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        splitter.write.release([token.address, alice]),
        splitter,
        "RoyaltySplitterNothingDue",
        [getAddress(token.address), alice],
      );
      await token.write.mint([splitter.address, 100n]);
      await token.write.setBlocked([alice, true]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        splitter.write.release([token.address, alice]),
        token,
        "Blocked",
        [alice],
      );
      assert.equal(await splitter.read.releasable([token.address, alice]), 50n);
    });

    it("releaseAll skips a blocked payee and pays the others", async () => {
      const { splitter, token } = await networkHelpers.loadFixture(threeWaySplitter);
      await token.write.mint([splitter.address, 1000n]);
      await token.write.setBlocked([bob, true]);
      const tx = splitter.write.releaseAll([token.address]);
      await viem.assertions.emitWithArgs(tx, splitter, "ERC20PaymentReleased", [
        getAddress(token.address),
        alice,
        500n,
      ]);
      await viem.assertions.emitWithArgs(tx, splitter, "ERC20PaymentReleased", [
        getAddress(token.address),
        carol,
        200n,
      ]);
      await viem.assertions.emitWithArgs(tx, splitter, "ReleaseFailed", [
        getAddress(token.address),
        bob,
        300n,
      ]);
      assert.equal(await token.read.balanceOf([alice]), 500n);
      assert.equal(await token.read.balanceOf([carol]), 200n);
      assert.equal(await splitter.read.totalReleased([token.address]), 700n);
      assert.equal(await splitter.read.releasable([token.address, bob]), 300n);
      await token.write.setBlocked([bob, false]);
      await splitter.write.releaseAll([token.address]);
      assert.equal(await token.read.balanceOf([bob]), 300n);
      assert.equal(await token.read.balanceOf([splitter.address]), 0n);
    });
  });

  describe("rounding", () => {
    it("never pays out more than it received (dust stays in the splitter)", async () => {
      const { splitter } = await networkHelpers.loadFixture(equalSplitter);
      await deployerWallet.sendTransaction({ to: splitter.address, value: 100n });
      await splitter.write.releaseAll();
      assert.equal(await splitter.read.totalReleased(), 99n);
      assert.equal(await publicClient.getBalance({ address: splitter.address }), 1n);
      // The dust is paid out as more arrives.
      await deployerWallet.sendTransaction({ to: splitter.address, value: 2n });
      await splitter.write.releaseAll();
      assert.equal(await splitter.read.totalReleased(), 102n);
    });
  });
});
