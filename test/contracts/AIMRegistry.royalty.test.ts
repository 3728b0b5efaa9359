// Royalties: `setRoyalty`, and what `royaltyInfo` and `callRoyalty` then answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Hex, zeroAddress } from "viem";
import {
  bob,
  bobWallet,
  carol,
  creator,
  networkHelpers,
  publishedFixture,
  viem,
} from "../support/registry-fixture.js";

describe("AIMRegistry: royalties", () => {
  describe("setRoyalty", () => {
    it("updates royaltyInfo and the receiver at once, a per-call increase only after the notice", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      const tx = registry.write.setRoyalty([1n, bob, 1000n, 2500]);
      await tx;
      const at = BigInt(await networkHelpers.time.latest()) + 7n * 86_400n;
      // The per-call royalty in force stays 250 bps; 2500 is announced for 7 days later.
      await viem.assertions.emitWithArgs(tx, registry, "RoyaltyUpdated", [1n, bob, 1000n, 250, 2500, at]);
      await viem.assertions.emitWithArgs(tx, registry, "CallFeeIncreaseScheduled", [1n, 2500, at]);
      assert.deepEqual(await registry.read.royaltyInfo([1n, 1_000_000n]), [bob, 100_000n]);
      assert.deepEqual(await registry.read.callRoyalty([1n]), [bob, 250]);
      assert.deepEqual(await registry.read.pendingCallFee([1n]), [2500, at]);
      assert.deepEqual(await registry.read.callTerms([1n, bob]), [bob, 250, false]);
      await networkHelpers.time.increaseTo(at);
      assert.deepEqual(await registry.read.callRoyalty([1n]), [bob, 2500]);
      assert.deepEqual(await registry.read.pendingCallFee([1n]), [0, 0n]);
      const info = await registry.read.aim([1n]);
      assert.equal(info.callFeeBps, 2500);
      assert.equal(info.pendingCallFeeBps, 0);
      await registry.write.setRoyalty([1n, carol, 0n, 0]);
      assert.deepEqual(await registry.read.royaltyInfo([1n, 1_000_000n]), [carol, 0n]);
      assert.deepEqual(await registry.read.callRoyalty([1n]), [carol, 0]);
    });

    it("says in RoyaltyUpdated when an announced increase is cancelled or kept", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      await registry.write.setRoyalty([1n, bob, 1000n, 2500]);
      const at = BigInt(await networkHelpers.time.latest()) + 7n * 86_400n;
      // Asking the same increase again keeps its date.
      const again = registry.write.setRoyalty([1n, carol, 1000n, 2500]);
      await viem.assertions.emitWithArgs(again, registry, "RoyaltyUpdated", [
        1n,
        carol,
        1000n,
        250,
        2500,
        at,
      ]);
      // A rate at or below the one in force cancels it, through any caller (a multisig included).
      const cancel = registry.write.setRoyalty([1n, carol, 1000n, 100]);
      await viem.assertions.emitWithArgs(cancel, registry, "RoyaltyUpdated", [1n, carol, 1000n, 100, 0, 0n]);
      assert.deepEqual(await registry.read.pendingCallFee([1n]), [0, 0n]);
      await networkHelpers.time.increaseTo(at);
      assert.deepEqual(await registry.read.callRoyalty([1n]), [carol, 100]);
    });

    it("rejects a zero receiver, royalties over their caps, a non-creator and an unknown AIM", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      const cases: [Promise<Hex>, string, readonly unknown[]][] = [
        [
          registry.write.setRoyalty([1n, zeroAddress, 1n, 1]),
          "AIMRegistryInvalidRoyaltyReceiver",
          [zeroAddress],
        ],
        [registry.write.setRoyalty([1n, bob, 1001n, 1]), "AIMRegistryRoyaltyTooHigh", [1001n, 1000n]],
        [registry.write.setRoyalty([1n, bob, 1n, 2501]), "AIMRegistryCallFeeTooHigh", [2501, 2500]],
        [
          registry.write.setRoyalty([1n, bob, 1n, 1], { account: bobWallet.account }),
          "AIMRegistryNotCreator",
          [1n, bob, creator],
        ],
        [registry.write.setRoyalty([9n, bob, 1n, 1]), "AIMRegistryUnknownAIM", [9n]],
      ];
      for (const [tx, error, args] of cases) {
        // biome-ignore lint/suspicious/noExplicitAny: the error name and args are checked against the ABI at run time
        await viem.assertions.revertWithCustomErrorWithArgs(tx, registry, error as any, args as any);
      }
      assert.deepEqual(await registry.read.callRoyalty([1n]), [creator, 250]);
    });
  });
});
