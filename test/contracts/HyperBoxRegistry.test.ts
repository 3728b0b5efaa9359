// HyperBoxRegistry: every external function, revert and event (node:test + viem on the in-process network).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, toHex, zeroAddress } from "viem";

import type { Loose } from "../../scripts/fixtures/payment-channels.js";

const { viem: typedViem, networkHelpers } = await network.connect();
const viem: Loose = typedViem;
const CAPS = '{"gpus":[{"model":"RTX 4090","memoryGb":24}],"memoryGb":64}';

async function deployRegistry() {
  const [deployer, operator, other, creator] = await viem.getWalletClients();
  const factory = await viem.deployContract("RoyaltySplitterFactory", []);
  const aims = await viem.deployContract("AIMRegistry", [factory.address]);
  for (const [i, holder] of [operator, other].entries()) {
    await aims.write.publish(
      [
        {
          manifestURI: `data:application/json,{"name":"aim-${i + 1}"}`,
          manifestHash: keccak256(toHex(`aim-${i + 1}`)),
          royaltyReceiver: creator.account.address,
          royaltyBps: 500n,
          callFeeBps: 250,
          maxSupply: 0n,
          initialHolder: holder.account.address,
          initialAmount: 1n,
          splitPayees: [],
          splitShares: [],
        },
      ],
      { account: creator.account },
    );
  }
  const registry = await viem.deployContract("HyperBoxRegistry", [aims.address]);
  const token = await viem.deployContract("TestUSDC", []);
  const asOperator = { account: operator.account };
  await registry.write.registerNode(["https://box-1.example:8000", CAPS, "eu-west"], asOperator);
  return { deployer, operator, other, aims, registry, token, asOperator };
}
const fixture = () => deployRegistry();

describe("HyperBoxRegistry: nodes", () => {
  it("registers nodes with sequential ids and emits every field", async () => {
    const { registry, operator, other, aims } = await networkHelpers.loadFixture(fixture);
    assert.equal(await registry.read.nodeCount(), 1n);
    assert.equal((await registry.read.aimRegistry()).toLowerCase(), aims.address.toLowerCase());
    await viem.assertions.emitWithArgs(
      registry.write.registerNode(["https://box-2.example", "{}", "us-east"], { account: other.account }),
      registry,
      "NodeRegistered",
      [2n, other.account.address, "https://box-2.example", "{}", "us-east"],
    );
    const node = await registry.read.node([1n]);
    assert.equal(node.operator.toLowerCase(), operator.account.address.toLowerCase());
    assert.deepEqual(
      [node.retired, node.endpoint, node.capabilities, node.region],
      [false, "https://box-1.example:8000", CAPS, "eu-west"],
    );
  });

  it("rejects empty endpoints and oversized fields", async () => {
    const { registry, asOperator } = await networkHelpers.loadFixture(fixture);
    await viem.assertions.revertWithCustomError(
      registry.write.registerNode(["", CAPS, "eu"], asOperator),
      registry,
      "HyperBoxRegistryEmptyEndpoint",
    );
    const cases: [string, string, string, number, number, number][] = [
      ["x".repeat(513), "", "", 0, 513, 512],
      ["u", "c".repeat(4097), "", 1, 4097, 4096],
      ["u", "", "r".repeat(65), 2, 65, 64],
    ];
    for (const [endpoint, caps, region, field, length, max] of cases) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.registerNode([endpoint, caps, region], asOperator),
        registry,
        "HyperBoxRegistryFieldTooLong",
        [field, BigInt(length), BigInt(max)],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.updateNode([1n, endpoint, caps, region], asOperator),
        registry,
        "HyperBoxRegistryFieldTooLong",
        [field, BigInt(length), BigInt(max)],
      );
    }
  });

  it("updates a node for its operator only", async () => {
    const { registry, operator, other, asOperator } = await networkHelpers.loadFixture(fixture);
    await viem.assertions.emitWithArgs(
      registry.write.updateNode([1n, "https://new.example", '{"gpus":[]}', "ap-south"], asOperator),
      registry,
      "NodeUpdated",
      [1n, "https://new.example", '{"gpus":[]}', "ap-south"],
    );
    assert.equal((await registry.read.node([1n])).endpoint, "https://new.example");
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.updateNode([1n, "https://evil.example", "", ""], { account: other.account }),
      registry,
      "HyperBoxRegistryNotOperator",
      [other.account.address, operator.account.address],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.updateNode([7n, "https://x.example", "", ""], asOperator),
      registry,
      "HyperBoxRegistryNodeNotFound",
      [7n],
    );
  });

  it("retires a node for good, with its offers", async () => {
    const { registry, other, asOperator, token } = await networkHelpers.loadFixture(fixture);
    await registry.write.setOffer([1n, 1n, 1n, token.address, 10_000n], asOperator);
    await viem.assertions.revertWithCustomError(
      registry.write.retireNode([1n], { account: other.account }),
      registry,
      "HyperBoxRegistryNotOperator",
    );
    await viem.assertions.emitWithArgs(registry.write.retireNode([1n], asOperator), registry, "NodeRetired", [
      1n,
    ]);
    assert.equal((await registry.read.node([1n])).retired, true);
    const [offer] = await registry.read.offer([1n, 1n]);
    assert.equal(offer.active, false);
    for (const call of [
      registry.write.retireNode([1n], asOperator),
      registry.write.updateNode([1n, "https://x.example", "", ""], asOperator),
      registry.write.setOffer([1n, 1n, 1n, zeroAddress, 1n], asOperator),
      registry.write.retireOffer([1n, 1n], asOperator),
    ]) {
      await viem.assertions.revertWithCustomErrorWithArgs(call, registry, "HyperBoxRegistryNodeIsRetired", [
        1n,
      ]);
    }
  });

  it("reverts on reading an unknown node", async () => {
    const { registry } = await networkHelpers.loadFixture(fixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.read.node([9n]),
      registry,
      "HyperBoxRegistryNodeNotFound",
      [9n],
    );
  });
});

describe("HyperBoxRegistry: offers", () => {
  it("sets and re-prices offers of licensed AIMs, emitting every field", async () => {
    const { registry, asOperator, token } = await networkHelpers.loadFixture(fixture);
    await viem.assertions.emitWithArgs(
      registry.write.setOffer([1n, 1n, 1n, token.address, 10_000n], asOperator),
      registry,
      "OfferSet",
      [1n, 1n, 1n, token.address, 10_000n],
    );
    await registry.write.setOffer([1n, 1n, 2n, zeroAddress, 5n], asOperator);
    const [offer, licensed] = await registry.read.offer([1n, 1n]);
    assert.deepEqual(
      [offer.version, offer.currency, offer.pricePerCall, offer.active, licensed],
      [2n, zeroAddress, 5n, true, true],
    );
  });

  it("requires a license, a version and the operator", async () => {
    const { registry, operator, other, asOperator, aims } = await networkHelpers.loadFixture(fixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.setOffer([1n, 2n, 1n, zeroAddress, 1n], asOperator),
      registry,
      "HyperBoxRegistryNotLicensed",
      [operator.account.address, 2n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.setOffer([1n, 1n, 0n, zeroAddress, 1n], asOperator),
      registry,
      "HyperBoxRegistryInvalidVersion",
      [0n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.setOffer([1n, 2n, 1n, zeroAddress, 1n], { account: other.account }),
      registry,
      "HyperBoxRegistryNotOperator",
      [other.account.address, operator.account.address],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.setOffer([5n, 1n, 1n, zeroAddress, 1n], asOperator),
      registry,
      "HyperBoxRegistryNodeNotFound",
      [5n],
    );
    await registry.write.setOffer([1n, 1n, 1n, zeroAddress, 1n], asOperator);
    await aims.write.safeTransferFrom(
      [operator.account.address, other.account.address, 1n, 1n, "0x"],
      asOperator,
    );
    const [, licensed] = await registry.read.offer([1n, 1n]);
    assert.equal(licensed, false, "the view reports a license sold after the offer was made");
    const [unknown, unknownLicensed] = await registry.read.offer([42n, 1n]);
    assert.deepEqual([unknown.active, unknownLicensed], [false, false]);
  });

  it("retires offers once, for the operator only", async () => {
    const { registry, other, asOperator } = await networkHelpers.loadFixture(fixture);
    await registry.write.setOffer([1n, 1n, 1n, zeroAddress, 1n], asOperator);
    await viem.assertions.revertWithCustomError(
      registry.write.retireOffer([1n, 1n], { account: other.account }),
      registry,
      "HyperBoxRegistryNotOperator",
    );
    await viem.assertions.emitWithArgs(
      registry.write.retireOffer([1n, 1n], asOperator),
      registry,
      "OfferRetired",
      [1n, 1n],
    );
    assert.equal((await registry.read.offer([1n, 1n]))[0].active, false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.retireOffer([1n, 1n], asOperator),
      registry,
      "HyperBoxRegistryOfferNotFound",
      [1n, 1n],
    );
  });
});
