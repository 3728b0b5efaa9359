// The two-step creator transfer (`transferCreator`, `acceptCreator`).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Address, getAddress, zeroAddress } from "viem";
import {
  alice,
  aliceWallet,
  bob,
  bobWallet,
  creator,
  networkHelpers,
  publishedFixture,
  viem,
} from "../support/registry-fixture.js";

describe("AIMRegistry: creator transfer", () => {
  describe("creator transfer", () => {
    it("takes two steps: transferCreator then acceptCreator", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      await viem.assertions.emitWithArgs(
        registry.write.transferCreator([1n, alice]),
        registry,
        "CreatorTransferStarted",
        [1n, creator, alice],
      );
      assert.equal(getAddress(await registry.read.pendingCreatorOf([1n])), alice);
      assert.equal(getAddress((await registry.read.aim([1n])).pendingCreator), alice);
      assert.equal(getAddress(await registry.read.creatorOf([1n])), creator);

      await viem.assertions.emitWithArgs(
        registry.write.acceptCreator([1n], { account: aliceWallet.account }),
        registry,
        "CreatorTransferred",
        [1n, creator, alice],
      );
      assert.equal(getAddress(await registry.read.creatorOf([1n])), alice);
      assert.equal(await registry.read.pendingCreatorOf([1n]), zeroAddress);
      // The new creator has the powers, the old one lost them.
      await registry.write.mint([1n, alice, 1n], { account: aliceWallet.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.mint([1n, creator, 1n]),
        registry,
        "AIMRegistryNotCreator",
        [1n, creator, alice],
      );
    });

    it("lets only the pending creator accept, and a zero address withdraws the offer", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      const refusesAccept = (wallet: typeof aliceWallet, pending: Address) =>
        viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.acceptCreator([1n], { account: wallet.account }),
          registry,
          "AIMRegistryNotPendingCreator",
          [1n, getAddress(wallet.account.address), pending],
        );
      await refusesAccept(aliceWallet, zeroAddress);
      await registry.write.transferCreator([1n, alice]);
      await refusesAccept(bobWallet, alice);
      await viem.assertions.emitWithArgs(
        registry.write.transferCreator([1n, zeroAddress]),
        registry,
        "CreatorTransferStarted",
        [1n, creator, zeroAddress],
      );
      await refusesAccept(aliceWallet, zeroAddress);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.transferCreator([1n, bob], { account: aliceWallet.account }),
        registry,
        "AIMRegistryNotCreator",
        [1n, alice, creator],
      );
    });
  });
});
