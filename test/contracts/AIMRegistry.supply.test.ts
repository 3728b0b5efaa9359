// Licenses: `mint` up to the max supply, re-entry through an ERC-1155 receiver, transfers.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getAddress, type Hex, zeroAddress } from "viem";
import {
  alice,
  aliceWallet,
  bob,
  bobWallet,
  carol,
  creator,
  deployRegistry,
  networkHelpers,
  params,
  publishedFixture,
  UINT128_MAX,
  viem,
} from "../support/registry-fixture.js";

describe("AIMRegistry: mint, supply and licenses", () => {
  describe("mint", () => {
    it("mints up to the max supply and emits TransferSingle", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      await viem.assertions.emitWithArgs(registry.write.mint([1n, alice, 90n]), registry, "TransferSingle", [
        creator,
        zeroAddress,
        alice,
        1n,
        90n,
      ]);
      assert.equal(await registry.read.balanceOf([alice, 1n]), 90n);
      assert.equal((await registry.read.aim([1n])).totalMinted, 100n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.mint([1n, alice, 1n]),
        registry,
        "AIMRegistryMaxSupplyExceeded",
        [1n, 100n, 101n],
      );
    });

    it("mints without limit below uint128 when maxSupply is 0", async () => {
      const { registry } = await networkHelpers.loadFixture(deployRegistry);
      await registry.write.publish([params({ maxSupply: 0n, initialAmount: 0n })]);
      await registry.write.mint([1n, bob, UINT128_MAX]);
      assert.equal(await registry.read.balanceOf([bob, 1n]), UINT128_MAX);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.mint([1n, bob, 1n]),
        registry,
        "AIMRegistryMaxSupplyExceeded",
        [1n, UINT128_MAX, UINT128_MAX + 1n],
      );
    });

    it("rejects a zero amount, a non-creator, an unknown AIM and the zero address", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      const cases: [Promise<Hex>, string, readonly unknown[]][] = [
        [registry.write.mint([1n, alice, 0n]), "AIMRegistryZeroAmount", [1n]],
        [
          registry.write.mint([1n, alice, 1n], { account: aliceWallet.account }),
          "AIMRegistryNotCreator",
          [1n, alice, creator],
        ],
        [registry.write.mint([7n, alice, 1n]), "AIMRegistryUnknownAIM", [7n]],
        [registry.write.mint([1n, zeroAddress, 1n]), "ERC1155InvalidReceiver", [zeroAddress]],
      ];
      for (const [tx, error, args] of cases) {
        // biome-ignore lint/suspicious/noExplicitAny: the error name and args are checked against the ABI at run time
        await viem.assertions.revertWithCustomErrorWithArgs(tx, registry, error as any, args as any);
      }
      assert.equal((await registry.read.aim([1n])).totalMinted, 10n);
    });
  });

  describe("re-entry through an ERC-1155 receiver", () => {
    it("keeps the max supply when the creator contract re-mints from onERC1155Received", async () => {
      const { registry } = await networkHelpers.loadFixture(deployRegistry);
      const attacker = await viem.deployContract("ReentrantCreator", [registry.address]);
      const self = getAddress(attacker.address);
      const p = params({ royaltyReceiver: self, initialHolder: self, initialAmount: 6n, maxSupply: 10n });
      await viem.assertions.revertWithCustomErrorWithArgs(
        attacker.write.publish([p, 5n]),
        registry,
        "AIMRegistryMaxSupplyExceeded",
        [1n, 10n, 11n],
      );
      assert.equal(await registry.read.lastAimId(), 0n);
      await attacker.write.publish([p, 4n]);
      assert.equal(await registry.read.balanceOf([self, 1n]), 10n);
      assert.equal((await registry.read.aim([1n])).totalMinted, 10n);
    });

    it("refuses to mint to a contract that is not an ERC-1155 receiver", async () => {
      const { registry, factory } = await networkHelpers.loadFixture(publishedFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.mint([1n, factory.address, 1n]),
        registry,
        "ERC1155InvalidReceiver",
        [getAddress(factory.address)],
      );
    });
  });

  describe("licenses", () => {
    it("transfer as plain ERC-1155 tokens", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      await viem.assertions.emitWithArgs(
        registry.write.safeTransferFrom([creator, bob, 1n, 3n, "0x"]),
        registry,
        "TransferSingle",
        [creator, creator, bob, 1n, 3n],
      );
      assert.equal(await registry.read.balanceOf([bob, 1n]), 3n);
      await viem.assertions.emitWithArgs(
        registry.write.setApprovalForAll([alice, true], { account: bobWallet.account }),
        registry,
        "ApprovalForAll",
        [bob, alice, true],
      );
      await registry.write.safeBatchTransferFrom([bob, carol, [1n], [2n], "0x"], {
        account: aliceWallet.account,
      });
      assert.deepEqual(
        await registry.read.balanceOfBatch([
          [bob, carol],
          [1n, 1n],
        ]),
        [1n, 2n],
      );
    });
  });
});
