// Manifest versions (`publishVersion`), the read functions and ERC-165.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Hex, toFunctionSelector, zeroAddress, zeroHash } from "viem";
import {
  alice,
  aliceWallet,
  creator,
  deployRegistry,
  HASH1,
  HASH2,
  networkHelpers,
  publishedFixture,
  URI1,
  URI2,
  viem,
} from "../support/registry-fixture.js";

describe("AIMRegistry: versions and views", () => {
  describe("publishVersion", () => {
    it("adds version 2, which uri() then returns, and keeps version 1", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      const tx = registry.write.publishVersion([1n, URI2, HASH2]);
      await viem.assertions.emitWithArgs(tx, registry, "AIMVersionPublished", [1n, 2n, URI2, HASH2]);
      await viem.assertions.emitWithArgs(tx, registry, "URI", [URI2, 1n]);
      assert.equal(await registry.read.uri([1n]), URI2);
      assert.deepEqual(await registry.read.version([1n, 1n]), [URI1, HASH1]);
      assert.deepEqual(await registry.read.version([1n, 2n]), [URI2, HASH2]);
      const info = await registry.read.aim([1n]);
      assert.equal(info.versionCount, 2n);
      assert.equal(info.manifestURI, URI2);
      assert.equal(info.manifestHash, HASH2);
    });

    it("rejects a non-creator, an unknown AIM, an empty URI and a zero hash", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishVersion([1n, URI2, HASH2], { account: aliceWallet.account }),
        registry,
        "AIMRegistryNotCreator",
        [1n, alice, creator],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishVersion([2n, URI2, HASH2]),
        registry,
        "AIMRegistryUnknownAIM",
        [2n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishVersion([1n, "", HASH2]),
        registry,
        "AIMRegistryEmptyURI",
        [],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishVersion([1n, URI2, zeroHash]),
        registry,
        "AIMRegistryZeroManifestHash",
        [],
      );
    });
  });

  describe("views", () => {
    it("reverts for unknown AIMs and versions, and creatorOf returns zero", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      assert.equal(await registry.read.creatorOf([2n]), zeroAddress);
      assert.equal(await registry.read.pendingCreatorOf([2n]), zeroAddress);
      assert.deepEqual(await registry.read.royaltyInfo([2n, 100n]), [zeroAddress, 0n]);
      for (const read of [
        registry.read.uri([2n]),
        registry.read.callRoyalty([2n]),
        registry.read.aim([2n]),
      ]) {
        await viem.assertions.revertWithCustomErrorWithArgs(read, registry, "AIMRegistryUnknownAIM", [2n]);
      }
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.read.version([2n, 1n]),
        registry,
        "AIMRegistryUnknownAIM",
        [2n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.read.version([1n, 0n]),
        registry,
        "AIMRegistryUnknownVersion",
        [1n, 0n, 1n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.read.version([1n, 2n]),
        registry,
        "AIMRegistryUnknownVersion",
        [1n, 2n, 1n],
      );
    });

    it("supports ERC-165, ERC-1155, its metadata, ERC-2981 and IAIMRegistry", async () => {
      const { registry } = await networkHelpers.loadFixture(deployRegistry);
      const iaim =
        BigInt(toFunctionSelector("creatorOf(uint256)")) ^
        BigInt(toFunctionSelector("callRoyalty(uint256)")) ^
        BigInt(toFunctionSelector("callTerms(uint256,address)"));
      const iaimId = `0x${iaim.toString(16).padStart(8, "0")}` as Hex;
      for (const id of ["0x01ffc9a7", "0xd9b67a26", "0x0e89341c", "0x2a55205a", iaimId] as const) {
        assert.equal(await registry.read.supportsInterface([id]), true, id);
      }
      assert.equal(await registry.read.supportsInterface(["0xffffffff"]), false);
      assert.equal(await registry.read.supportsInterface(["0x12345678"]), false);
    });
  });
});
