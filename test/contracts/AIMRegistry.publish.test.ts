// Publishing: the constructor, `publish` (events, stored state, splitters) and every way it refuses.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Address, getAddress, zeroAddress, zeroHash } from "viem";
import {
  alice,
  aliceWallet,
  bob,
  creator,
  deployRegistry,
  HASH1,
  networkHelpers,
  type Params,
  params,
  publishedFixture,
  UINT128_MAX,
  URI1,
  viem,
} from "../support/registry-fixture.js";

describe("AIMRegistry: constructor and publish", () => {
  describe("constructor", () => {
    it("stores the splitter factory and starts with no AIM", async () => {
      const { factory, registry } = await networkHelpers.loadFixture(deployRegistry);
      assert.equal(getAddress(await registry.read.splitterFactory()), getAddress(factory.address));
      assert.equal(await registry.read.lastAimId(), 0n);
      assert.equal(await registry.read.MAX_ROYALTY_BPS(), 1000n);
      assert.equal(await registry.read.MAX_CALL_FEE_BPS(), 2500);
    });

    it("rejects a zero splitter factory", async () => {
      const { registry } = await networkHelpers.loadFixture(deployRegistry);
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("AIMRegistry", [zeroAddress]),
        registry,
        "AIMRegistryInvalidSplitterFactory",
        [zeroAddress],
      );
    });
  });

  describe("publish", () => {
    it("records the AIM and emits AIMPublished, AIMVersionPublished, URI and TransferSingle", async () => {
      const { registry } = await networkHelpers.loadFixture(deployRegistry);
      const tx = registry.write.publish([params()]);
      await viem.assertions.emitWithArgs(tx, registry, "AIMPublished", [
        1n,
        creator,
        URI1,
        HASH1,
        creator,
        500n,
        250,
        100n,
      ]);
      await viem.assertions.emitWithArgs(tx, registry, "AIMVersionPublished", [1n, 1n, URI1, HASH1]);
      await viem.assertions.emitWithArgs(tx, registry, "URI", [URI1, 1n]);
      await viem.assertions.emitWithArgs(tx, registry, "TransferSingle", [
        creator,
        zeroAddress,
        creator,
        1n,
        10n,
      ]);

      assert.equal(await registry.read.lastAimId(), 1n);
      assert.equal(await registry.read.uri([1n]), URI1);
      assert.equal(getAddress(await registry.read.creatorOf([1n])), creator);
      assert.equal(await registry.read.balanceOf([creator, 1n]), 10n);
      assert.deepEqual(await registry.read.callRoyalty([1n]), [creator, 250]);
      assert.deepEqual(await registry.read.royaltyInfo([1n, 10_000n]), [creator, 500n]);
      assert.deepEqual(await registry.read.version([1n, 1n]), [URI1, HASH1]);
      const info = await registry.read.aim([1n]);
      assert.deepEqual(info, {
        creator,
        pendingCreator: zeroAddress,
        royaltyReceiver: creator,
        royaltyBps: 500n,
        callFeeBps: 250,
        pendingCallFeeBps: 0,
        pendingCallFeeAt: 0n,
        versionCount: 1n,
        maxSupply: 100n,
        totalMinted: 10n,
        manifestURI: URI1,
        manifestHash: HASH1,
      });
    });

    it("gives sequential ids, lets anyone publish, and mints nothing when initialAmount is 0", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      await registry.write.publish([params({ initialAmount: 0n, maxSupply: 0n, royaltyReceiver: alice })], {
        account: aliceWallet.account,
      });
      assert.equal(await registry.read.lastAimId(), 2n);
      assert.equal(getAddress(await registry.read.creatorOf([2n])), alice);
      const info = await registry.read.aim([2n]);
      assert.equal(info.totalMinted, 0n);
      assert.equal(info.maxSupply, 0n);
      assert.equal(await registry.read.balanceOf([alice, 2n]), 0n);
    });

    it("mints the initial licenses to another holder", async () => {
      const { registry } = await networkHelpers.loadFixture(deployRegistry);
      await registry.write.publish([params({ initialHolder: bob, initialAmount: 100n })]);
      assert.equal(await registry.read.balanceOf([bob, 1n]), 100n);
      assert.equal(await registry.read.balanceOf([creator, 1n]), 0n);
    });

    it("creates a RoyaltySplitter that becomes the royalty receiver", async () => {
      const { factory, registry } = await networkHelpers.loadFixture(deployRegistry);
      const tx = registry.write.publish([
        params({ royaltyReceiver: zeroAddress, splitPayees: [creator, alice], splitShares: [70n, 30n] }),
      ]);
      await viem.assertions.emitWithArgs(tx, factory, "SplitterCreated", [
        (a: Address) => a !== zeroAddress,
        getAddress(registry.address),
        [creator, alice],
        [70n, 30n],
      ]);
      const [receiver, fee] = await registry.read.callRoyalty([1n]);
      assert.equal(fee, 250);
      assert.notEqual(receiver, zeroAddress);
      await viem.assertions.emitWithArgs(tx, registry, "AIMPublished", [
        1n,
        creator,
        URI1,
        HASH1,
        receiver,
        500n,
        250,
        100n,
      ]);
      assert.deepEqual(await registry.read.royaltyInfo([1n, 1000n]), [receiver, 50n]);
      const splitter = await viem.getContractAt("RoyaltySplitter", receiver);
      assert.deepEqual(await splitter.read.payees(), [creator, alice]);
      assert.equal(await splitter.read.totalShares(), 100n);
    });

    const reverts: [string, Partial<Params>, string, readonly unknown[]][] = [
      ["an empty URI", { manifestURI: "" }, "AIMRegistryEmptyURI", []],
      ["a zero manifest hash", { manifestHash: zeroHash }, "AIMRegistryZeroManifestHash", []],
      [
        "a zero royalty receiver",
        { royaltyReceiver: zeroAddress },
        "AIMRegistryInvalidRoyaltyReceiver",
        [zeroAddress],
      ],
      ["a sale royalty over 10%", { royaltyBps: 1001n }, "AIMRegistryRoyaltyTooHigh", [1001n, 1000n]],
      ["a per-call royalty over 25%", { callFeeBps: 2501 }, "AIMRegistryCallFeeTooHigh", [2501, 2500]],
      [
        "a receiver together with splitter payees",
        { splitPayees: [alice], splitShares: [1n] },
        "AIMRegistryAmbiguousRoyaltyReceiver",
        [creator, 1n],
      ],
      [
        "more payees than shares",
        { royaltyReceiver: zeroAddress, splitPayees: [alice, bob], splitShares: [1n] },
        "AIMRegistrySplitterMismatch",
        [2n, 1n],
      ],
      ["shares without payees", { splitShares: [1n] }, "AIMRegistrySplitterMismatch", [0n, 1n]],
      [
        "a max supply above uint128",
        { maxSupply: UINT128_MAX + 1n },
        "AIMRegistryInvalidMaxSupply",
        [UINT128_MAX + 1n, UINT128_MAX],
      ],
      [
        "an initial mint above the max supply",
        { maxSupply: 5n, initialAmount: 6n },
        "AIMRegistryMaxSupplyExceeded",
        [1n, 5n, 6n],
      ],
      [
        "an unlimited initial mint above uint128",
        { maxSupply: 0n, initialAmount: UINT128_MAX + 1n },
        "AIMRegistryMaxSupplyExceeded",
        [1n, UINT128_MAX, UINT128_MAX + 1n],
      ],
      [
        "an initial mint to the zero address",
        { initialHolder: zeroAddress },
        "ERC1155InvalidReceiver",
        [zeroAddress],
      ],
    ];
    for (const [what, overrides, error, args] of reverts) {
      it(`rejects ${what} with ${error}`, async () => {
        const { registry } = await networkHelpers.loadFixture(deployRegistry);
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.publish([params(overrides)]),
          registry,
          // biome-ignore lint/suspicious/noExplicitAny: the error name is checked against the ABI at run time
          error as any,
          // biome-ignore lint/suspicious/noExplicitAny: the args are checked against the ABI at run time
          args as any,
        );
        assert.equal(await registry.read.lastAimId(), 0n);
      });
    }

    it("bubbles up the splitter's own errors (zero shares)", async () => {
      const { registry } = await networkHelpers.loadFixture(deployRegistry);
      const splitter = await viem.getContractAt("RoyaltySplitter", zeroAddress);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publish([
          params({ royaltyReceiver: zeroAddress, splitPayees: [alice], splitShares: [0n] }),
        ]),
        splitter,
        "RoyaltySplitterZeroShares",
        [alice],
      );
    });
  });
});
