// PaymentChannels: credits, admin and views — every revert and event (node:test + viem on the in-process network).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { voucherDigest } from "@aim/sdk/voucher";
import { network } from "hardhat";
import { type Hex, keccak256, toHex, zeroAddress } from "viem";
import { deployChannels, type Loose, royaltyOf } from "../../scripts/fixtures/payment-channels.js";

const { viem: typedViem, networkHelpers } = await network.connect();
const viem: Loose = typedViem;
const { loadFixture } = networkHelpers;
const fixture = () => deployChannels(viem);

/** `pause` or `unpause` refuses a non-owner, then from the owner emits `event` naming the owner. */
async function ownerOnly(f: Loose, fn: "pause" | "unpause", event: "Paused" | "Unpaused") {
  await viem.assertions.revertWithCustomErrorWithArgs(
    f.channels.write[fn]({ account: f.other.account }),
    f.channels,
    "OwnableUnauthorizedAccount",
    [f.other.account.address],
  );
  await viem.assertions.emitWithArgs(f.channels.write[fn](), f.channels, event, [f.owner.account.address]);
}

describe("PaymentChannels: credits, admin and views", () => {
  it("lets anyone trigger a withdrawal of a credit, even while paused, and refuses empty ones", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 10_000n });
    await f.claim(c, 10_000n);
    await f.channels.write.pause();
    const receiver = f.royaltyReceiver.account.address;
    await viem.assertions.balancesHaveChanged(f.channels.write.withdraw([zeroAddress, receiver]), [
      { address: receiver, amount: royaltyOf(10_000n) },
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.withdraw([zeroAddress, receiver]),
      f.channels,
      "PaymentChannelsNothingToWithdraw",
      [receiver, zeroAddress],
    );
  });

  it("pauses open and top-up only, for the owner only", async () => {
    const f = await loadFixture(fixture);
    const c = await f.open({ deposit: 1000n });
    await ownerOnly(f, "pause", "Paused");
    await viem.assertions.revertWithCustomError(f.open(), f.channels, "EnforcedPause");
    await viem.assertions.revertWithCustomError(
      f.channels.write.topUp([c.params, 1n], { account: f.payer.account, value: 1n }),
      f.channels,
      "EnforcedPause",
    );
    await f.claim(c, 10n);
    await f.close(c, 20n);
    await ownerOnly(f, "unpause", "Unpaused");
    await f.open();
  });

  it("manages the ERC-20 allow-list", async () => {
    const f = await loadFixture(fixture);
    assert.equal(await f.channels.read.isCurrencyAllowed([zeroAddress]), true);
    assert.equal(await f.channels.read.isCurrencyAllowed([f.token.address]), true);
    assert.equal(await f.channels.read.isCurrencyAllowed([f.registry.address]), false);
    await viem.assertions.emitWithArgs(
      f.channels.write.setCurrencyAllowed([f.token.address, false]),
      f.channels,
      "CurrencyAllowed",
      [f.token.address, false],
    );
    assert.equal(await f.channels.read.isCurrencyAllowed([f.token.address]), false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.setCurrencyAllowed([zeroAddress, true]),
      f.channels,
      "PaymentChannelsCurrencyNotAllowed",
      [zeroAddress],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.channels.write.setCurrencyAllowed([f.token.address, true], { account: f.other.account }),
      f.channels,
      "OwnableUnauthorizedAccount",
      [f.other.account.address],
    );
  });

  it("transfers ownership in two steps", async () => {
    const f = await loadFixture(fixture);
    await f.channels.write.transferOwnership([f.other.account.address]);
    assert.equal((await f.channels.read.owner()).toLowerCase(), f.owner.account.address.toLowerCase());
    await f.channels.write.acceptOwnership({ account: f.other.account });
    assert.equal((await f.channels.read.owner()).toLowerCase(), f.other.account.address.toLowerCase());
  });

  it("exposes the registry, the EIP-712 domain and the voucher digest the SDK computes", async () => {
    const f = await loadFixture(fixture);
    assert.equal((await f.channels.read.aimRegistry()).toLowerCase(), f.registry.address.toLowerCase());
    const [, name, version, chainId, verifyingContract] = await f.channels.read.eip712Domain();
    assert.deepEqual([name, version, Number(chainId)], ["AIM PaymentChannels", "1", f.chainId]);
    assert.equal(verifyingContract.toLowerCase(), f.channels.address.toLowerCase());
    const id = `0x${"ab".repeat(32)}` as Hex;
    assert.equal(
      await f.channels.read.voucherDigest([id, 42n]),
      voucherDigest({
        chainId: f.chainId,
        contract: f.channels.address,
        channelId: id,
        cumulativeAmount: 42n,
      }),
    );
    assert.equal(
      await f.channels.read.VOUCHER_TYPEHASH(),
      keccak256(toHex("Voucher(bytes32 channelId,uint256 cumulativeAmount)")),
    );
  });
});
