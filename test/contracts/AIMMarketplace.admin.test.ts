// AIMMarketplace: constructor, views, admin (fee, treasury, currencies, pause), Ownable2Step, fee withdrawal.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listingId } from "@aim/sdk/marketplace";
import { network } from "hardhat";
import { getAddress, type Hex, zeroAddress } from "viem";
import {
  buy,
  deployMarketplace,
  ERC721,
  ETH,
  FEE_BPS,
  type Fixture,
  list1155,
  PRICE,
  split,
  USDC_PRICE,
} from "../support/marketplace.js";

const { viem, networkHelpers } = await network.create();
const fixture = () => deployMarketplace(viem);

/** An owner-only call sent by `other` reverts with OwnableUnauthorizedAccount naming it. */
const refusesNonOwner = (f: Fixture, write: Promise<Hex>) =>
  viem.assertions.revertWithCustomErrorWithArgs(write, f.market, "OwnableUnauthorizedAccount", [f.other]);

describe("AIMMarketplace constructor", () => {
  it("stores its configuration and emits an event for each setting", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { contract, deploymentTransaction } = await viem.sendDeploymentTransaction("AIMMarketplace", [
      f.owner,
      f.treasury,
      300,
      [f.usdc.address],
    ]);
    await viem.assertions.emitWithArgs(deploymentTransaction.hash, contract, "TreasuryUpdated", [
      zeroAddress,
      f.treasury,
    ]);
    await viem.assertions.emitWithArgs(deploymentTransaction.hash, contract, "FeeUpdated", [0, 300]);
    await viem.assertions.emitWithArgs(deploymentTransaction.hash, contract, "CurrencyAllowed", [
      getAddress(f.usdc.address),
      true,
    ]);
    assert.equal(await contract.read.owner(), f.owner);
    assert.equal(await contract.read.treasury(), f.treasury);
    assert.equal(await contract.read.feeBps(), 300);
    assert.equal(await contract.read.paused(), false);
    assert.equal(await contract.read.isCurrencyAllowed([ETH]), true);
    assert.equal(await contract.read.isCurrencyAllowed([f.usdc.address]), true);
    assert.equal(await contract.read.isCurrencyAllowed([f.fot.address]), false);
    assert.equal(await contract.read.MAX_FEE_BPS(), 1000);
    assert.equal(await contract.read.MAX_ROYALTY_BPS(), 1000n);
    assert.equal(await contract.read.ERC1155(), 0);
    assert.equal(await contract.read.ERC721(), 1);
    assert.equal(await contract.read.ETH(), zeroAddress);
    assert.equal(await contract.read.PUSH_GAS(), 50_000n);
  });

  it("rejects a zero owner, a zero treasury, a fee above 10% and ETH in the ERC-20 list", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("AIMMarketplace", [zeroAddress, f.treasury, 0, []]),
      f.market,
      "OwnableInvalidOwner",
      [zeroAddress],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("AIMMarketplace", [f.owner, zeroAddress, 0, []]),
      f.market,
      "MarketplaceInvalidTreasury",
      [zeroAddress],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("AIMMarketplace", [f.owner, f.treasury, 1001, []]),
      f.market,
      "MarketplaceFeeTooHigh",
      [1001n, 1000n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("AIMMarketplace", [f.owner, f.treasury, 0, [zeroAddress]]),
      f.market,
      "MarketplaceInvalidCurrency",
      [zeroAddress],
    );
  });
});

describe("AIMMarketplace views", () => {
  it("listingId is keccak256(abi.encode(seller, token, tokenId, standard, currency))", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const expected = listingId({
      seller: f.seller,
      token: f.erc721.address,
      tokenId: 42n,
      standard: ERC721,
      currency: f.usdc.address,
    });
    assert.equal(
      await f.market.read.listingId([f.seller, f.erc721.address, 42n, ERC721, f.usdc.address]),
      expected,
    );
  });

  it("getListing returns zeros for an unknown listing and the packed terms of a listing", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const empty = await f.market.read.getListing([
      listingId({ seller: f.seller, token: f.erc1155.address, tokenId: 9n, standard: 0, currency: ETH }),
    ]);
    assert.deepEqual(empty, [0n, 0n, 0n, 0]);
    const { id, expiry } = await list1155(f, ETH, PRICE, 7n);
    assert.deepEqual(await f.market.read.getListing([id]), [PRICE, 7n, expiry, FEE_BPS]);
  });
});

describe("AIMMarketplace admin", () => {
  it("setFee changes the fee of new listings, emits FeeUpdated and is capped at 10%", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.emitWithArgs(f.market.write.setFee([1000]), f.market, "FeeUpdated", [
      FEE_BPS,
      1000,
    ]);
    assert.equal(await f.market.read.feeBps(), 1000);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.setFee([1001]),
      f.market,
      "MarketplaceFeeTooHigh",
      [1001n, 1000n],
    );
    await refusesNonOwner(f, f.market.write.setFee([1], { account: f.wallets.otherW.account }));
  });

  it("setTreasury emits TreasuryUpdated and refuses the zero address and non-owners", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.emitWithArgs(f.market.write.setTreasury([f.other]), f.market, "TreasuryUpdated", [
      f.treasury,
      f.other,
    ]);
    assert.equal(await f.market.read.treasury(), f.other);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.setTreasury([zeroAddress]),
      f.market,
      "MarketplaceInvalidTreasury",
      [zeroAddress],
    );
    await refusesNonOwner(f, f.market.write.setTreasury([f.other], { account: f.wallets.otherW.account }));
  });

  it("setCurrencyAllowed toggles an ERC-20, emits CurrencyAllowed and refuses ETH and non-owners", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.emitWithArgs(
      f.market.write.setCurrencyAllowed([f.usdc.address, false]),
      f.market,
      "CurrencyAllowed",
      [getAddress(f.usdc.address), false],
    );
    assert.equal(await f.market.read.isCurrencyAllowed([f.usdc.address]), false);
    await f.market.write.setCurrencyAllowed([f.usdc.address, true]);
    assert.equal(await f.market.read.isCurrencyAllowed([f.usdc.address]), true);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.setCurrencyAllowed([ETH, false]),
      f.market,
      "MarketplaceInvalidCurrency",
      [ETH],
    );
    await refusesNonOwner(
      f,
      f.market.write.setCurrencyAllowed([f.usdc.address, false], { account: f.wallets.otherW.account }),
    );
  });

  it("pause/unpause emit Paused/Unpaused, only from the owner and only when it changes something", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await refusesNonOwner(f, f.market.write.pause({ account: f.wallets.otherW.account }));
    await viem.assertions.revertWithCustomError(f.market.write.unpause(), f.market, "MarketplaceNotPaused");
    await viem.assertions.emitWithArgs(f.market.write.pause(), f.market, "Paused", [f.owner]);
    assert.equal(await f.market.read.paused(), true);
    assert.equal(await f.market.read.feeBps(), FEE_BPS, "the pause bit leaves the fee alone");
    await viem.assertions.revertWithCustomError(f.market.write.pause(), f.market, "MarketplacePaused");
    await refusesNonOwner(f, f.market.write.unpause({ account: f.wallets.otherW.account }));
    await viem.assertions.emitWithArgs(f.market.write.unpause(), f.market, "Unpaused", [f.owner]);
    assert.equal(await f.market.read.paused(), false);
  });

  it("transfers ownership in two steps (Ownable2Step)", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.emitWithArgs(
      f.market.write.transferOwnership([f.other]),
      f.market,
      "OwnershipTransferStarted",
      [f.owner, f.other],
    );
    assert.equal(await f.market.read.owner(), f.owner, "nothing changes before acceptance");
    assert.equal(await f.market.read.pendingOwner(), f.other);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.acceptOwnership({ account: f.wallets.buyerW.account }),
      f.market,
      "OwnableUnauthorizedAccount",
      [f.buyer],
    );
    await viem.assertions.emitWithArgs(
      f.market.write.acceptOwnership({ account: f.wallets.otherW.account }),
      f.market,
      "OwnershipTransferred",
      [f.owner, f.other],
    );
    await f.market.write.setFee([100], { account: f.wallets.otherW.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.setFee([1]),
      f.market,
      "OwnableUnauthorizedAccount",
      [f.owner],
    );
  });
});

describe("AIMMarketplace withdrawFees", () => {
  it("pays the accrued ETH and ERC-20 fees to the treasury, even while paused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list1155(f, ETH);
    await list1155(f, f.usdc.address, USDC_PRICE);
    await buy(f, { quantity: 2n });
    await buy(f, { quantity: 3n, currency: f.usdc.address });
    const ethFee = split(2n * PRICE).fee;
    const usdcFee = split(3n * USDC_PRICE).fee;
    assert.equal(await f.market.read.accruedFees([ETH]), ethFee);
    assert.equal(await f.market.read.accruedFees([f.usdc.address]), usdcFee);
    await f.market.write.pause();

    const tx = f.market.write.withdrawFees([ETH], { account: f.wallets.otherW.account });
    await viem.assertions.balancesHaveChanged(tx, [
      { address: f.treasury, amount: ethFee },
      { address: f.market.address, amount: -ethFee },
    ]);
    await viem.assertions.emitWithArgs(tx, f.market, "FeesWithdrawn", [f.treasury, ETH, ethFee]);
    assert.equal(await f.market.read.accruedFees([ETH]), 0n);
    assert.equal(await f.market.read.paused(), true, "withdrawing fees keeps the pause bit");
    assert.equal(await f.market.read.feeBps(), FEE_BPS, "and the fee");

    await viem.assertions.emitWithArgs(
      f.market.write.withdrawFees([f.usdc.address]),
      f.market,
      "FeesWithdrawn",
      [f.treasury, getAddress(f.usdc.address), usdcFee],
    );
    assert.equal(await f.usdc.read.balanceOf([f.treasury]), usdcFee);
    assert.equal(await f.market.read.accruedFees([f.usdc.address]), 0n);
    assert.equal(await f.market.read.isCurrencyAllowed([f.usdc.address]), true, "the allowed bit survives");
    assert.equal(
      await f.usdc.read.balanceOf([f.market.address]),
      await f.market.read.creditOf([f.royaltyReceiver, f.usdc.address]),
    );
  });

  it("reverts when there is nothing to withdraw or the treasury refuses ETH", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.withdrawFees([ETH]),
      f.market,
      "MarketplaceNothingToWithdraw",
      [f.treasury, ETH],
    );
    await list1155(f, ETH);
    await buy(f);
    await f.market.write.setTreasury([f.rejecter.address]);
    const fee = split(PRICE).fee;
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.withdrawFees([ETH]),
      f.market,
      "MarketplaceEthTransferFailed",
      [getAddress(f.rejecter.address), fee],
    );
    assert.equal(await f.market.read.accruedFees([ETH]), fee, "the fees are still there");
  });
});
