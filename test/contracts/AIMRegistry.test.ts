import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  type Address,
  getAddress,
  type Hex,
  keccak256,
  stringToHex,
  toFunctionSelector,
  zeroAddress,
  zeroHash,
} from "viem";

const { viem, networkHelpers } = await network.create();
const [creatorWallet, aliceWallet, bobWallet, carolWallet] = await viem.getWalletClients();
if (!creatorWallet || !aliceWallet || !bobWallet || !carolWallet) throw new Error("needs 4 dev accounts");
const creator = getAddress(creatorWallet.account.address);
const alice = getAddress(aliceWallet.account.address);
const bob = getAddress(bobWallet.account.address);
const carol = getAddress(carolWallet.account.address);

const URI1 = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/manifest.json";
const HASH1: Hex = keccak256(stringToHex('{"name":"echo","version":"1.0.0"}'));
const URI2 = "data:application/json;base64,eyJuYW1lIjoiZWNobyJ9";
const HASH2: Hex = keccak256(stringToHex('{"name":"echo","version":"2.0.0"}'));
const UINT128_MAX = 2n ** 128n - 1n;

interface Params {
  manifestURI: string;
  manifestHash: Hex;
  royaltyReceiver: Address;
  royaltyBps: bigint;
  callFeeBps: number;
  maxSupply: bigint;
  initialHolder: Address;
  initialAmount: bigint;
  splitPayees: readonly Address[];
  splitShares: readonly bigint[];
}

function params(overrides: Partial<Params> = {}): Params {
  return {
    manifestURI: URI1,
    manifestHash: HASH1,
    royaltyReceiver: creator,
    royaltyBps: 500n,
    callFeeBps: 250,
    maxSupply: 100n,
    initialHolder: creator,
    initialAmount: 10n,
    splitPayees: [],
    splitShares: [],
    ...overrides,
  };
}

async function deployRegistry() {
  const factory = await viem.deployContract("RoyaltySplitterFactory");
  const registry = await viem.deployContract("AIMRegistry", [factory.address]);
  return { factory, registry };
}

/** A registry where `creator` published AIM 1 with the default params. */
async function publishedFixture() {
  const { factory, registry } = await deployRegistry();
  await registry.write.publish([params()]);
  return { factory, registry };
}

describe("AIMRegistry", () => {
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
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.mint([1n, alice, 0n]),
        registry,
        "AIMRegistryZeroAmount",
        [1n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.mint([1n, alice, 1n], { account: aliceWallet.account }),
        registry,
        "AIMRegistryNotCreator",
        [1n, alice, creator],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.mint([7n, alice, 1n]),
        registry,
        "AIMRegistryUnknownAIM",
        [7n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.mint([1n, zeroAddress, 1n]),
        registry,
        "ERC1155InvalidReceiver",
        [zeroAddress],
      );
    });
  });

  describe("setRoyalty", () => {
    it("updates royaltyInfo and callRoyalty and emits RoyaltyUpdated", async () => {
      const { registry } = await networkHelpers.loadFixture(publishedFixture);
      await viem.assertions.emitWithArgs(
        registry.write.setRoyalty([1n, bob, 1000n, 2500]),
        registry,
        "RoyaltyUpdated",
        [1n, bob, 1000n, 2500],
      );
      assert.deepEqual(await registry.read.royaltyInfo([1n, 1_000_000n]), [bob, 100_000n]);
      assert.deepEqual(await registry.read.callRoyalty([1n]), [bob, 2500]);
      await registry.write.setRoyalty([1n, carol, 0n, 0]);
      assert.deepEqual(await registry.read.royaltyInfo([1n, 1_000_000n]), [carol, 0n]);
      assert.deepEqual(await registry.read.callRoyalty([1n]), [carol, 0]);
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
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.acceptCreator([1n], { account: aliceWallet.account }),
        registry,
        "AIMRegistryNotPendingCreator",
        [1n, alice, zeroAddress],
      );
      await registry.write.transferCreator([1n, alice]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.acceptCreator([1n], { account: bobWallet.account }),
        registry,
        "AIMRegistryNotPendingCreator",
        [1n, bob, alice],
      );
      await viem.assertions.emitWithArgs(
        registry.write.transferCreator([1n, zeroAddress]),
        registry,
        "CreatorTransferStarted",
        [1n, creator, zeroAddress],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.acceptCreator([1n], { account: aliceWallet.account }),
        registry,
        "AIMRegistryNotPendingCreator",
        [1n, alice, zeroAddress],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.transferCreator([1n, bob], { account: aliceWallet.account }),
        registry,
        "AIMRegistryNotCreator",
        [1n, alice, creator],
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
        BigInt(toFunctionSelector("creatorOf(uint256)")) ^ BigInt(toFunctionSelector("callRoyalty(uint256)"));
      const iaimId = `0x${iaim.toString(16).padStart(8, "0")}` as Hex;
      for (const id of ["0x01ffc9a7", "0xd9b67a26", "0x0e89341c", "0x2a55205a", iaimId] as const) {
        assert.equal(await registry.read.supportsInterface([id]), true, id);
      }
      assert.equal(await registry.read.supportsInterface(["0xffffffff"]), false);
      assert.equal(await registry.read.supportsInterface(["0x12345678"]), false);
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
