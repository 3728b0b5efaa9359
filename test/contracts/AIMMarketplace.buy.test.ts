// AIMMarketplace: buy (ETH and ERC-20, ERC-1155 and ERC-721) and every way it can fail.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listingId } from "@aim/sdk/marketplace";
import { network } from "hardhat";
import { type Address, getAddress, type Hex, parseEther, zeroAddress } from "viem";
import {
  buy,
  contractBuyer,
  deployMarketplace,
  ERC721,
  ERC1155,
  ETH,
  type Fixture,
  id1155,
  list1155,
  PRICE,
  split,
  TOKEN_ID,
  USDC_PRICE,
} from "../support/marketplace.js";

const { viem, networkHelpers } = await network.create();
const fixture = () => deployMarketplace(viem);

interface SaleOf {
  quantity: bigint;
  total: bigint;
  fee: bigint;
  receiver: Address;
  royalty: bigint;
  remaining: bigint;
}
/** `tx` emits Sale for listing `id` from the fixture's seller to its buyer, with these amounts. */
const emitsSale = (f: Fixture, tx: Promise<Hex>, id: Hex, s: SaleOf) =>
  viem.assertions.emitWithArgs(tx, f.market, "Sale", [
    id,
    f.buyer,
    f.seller,
    s.quantity,
    s.total,
    s.fee,
    s.receiver,
    s.royalty,
    s.remaining,
  ]);

describe("AIMMarketplace buy with ETH", () => {
  it("splits the payment: fee accrued, royalty credited, proceeds pushed; emits Sale and Credited", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id } = await list1155(f);
    const total = 3n * PRICE;
    const { fee, royalty, proceeds } = split(total);
    const tx = buy(f, { quantity: 3n });
    await viem.assertions.balancesHaveChanged(tx, [
      { address: f.buyer, amount: -total },
      { address: f.seller, amount: proceeds },
      { address: f.market.address, amount: fee + royalty },
    ]);
    await emitsSale(f, tx, id, {
      quantity: 3n,
      total,
      fee,
      receiver: f.royaltyReceiver,
      royalty,
      remaining: 7n,
    });
    await viem.assertions.emitWithArgs(tx, f.market, "Credited", [f.royaltyReceiver, ETH, royalty]);
    assert.equal(await f.erc1155.read.balanceOf([f.buyer, TOKEN_ID]), 3n);
    assert.equal(await f.market.read.accruedFees([ETH]), fee);
    assert.equal(await f.market.read.creditOf([f.royaltyReceiver, ETH]), royalty);
    assert.deepEqual((await f.market.read.getListing([id]))[1], 7n);
  });

  it("refunds ETH sent above the total", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list1155(f);
    await viem.assertions.balancesHaveChanged(buy(f, { value: PRICE + parseEther("1") }), [
      { address: f.buyer, amount: -PRICE },
    ]);
  });

  it("caps the royalty at 10% of the sale; pays none when no receiver is named or the token lacks ERC-2981", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const mock = await viem.deployContract("MockERC1155Royalty");
    const plain = await viem.deployContract("PlainERC1155");
    const as = { account: f.wallets.sellerW.account };
    const expiry = (await f.now()) + 1000n;
    await mock.write.mint([f.seller, 1n, 5n]);
    await mock.write.mint([f.seller, 2n, 5n]);
    await plain.write.mint([f.seller, 1n, 5n]);
    await mock.write.setApprovalForAll([f.market.address, true], as);
    await plain.write.setApprovalForAll([f.market.address, true], as);
    for (const [token, id] of [
      [mock.address, 1n],
      [mock.address, 2n],
      [plain.address, 1n],
    ] as const) {
      await f.market.write.list([token, id, ERC1155, ETH, PRICE, 5n, expiry, 1000], as);
    }
    await mock.write.setTokenRoyalty([1n, f.royaltyReceiver, 5000n]); // asks 50%
    const buyOf = (token: Address, tokenId: bigint) => buy(f, { token, tokenId });
    const { fee } = split(PRICE, 0n);
    await emitsSale(
      f,
      buyOf(mock.address, 1n),
      listingId({ seller: f.seller, token: mock.address, tokenId: 1n, standard: ERC1155, currency: ETH }),
      {
        quantity: 1n,
        total: PRICE,
        fee,
        receiver: f.royaltyReceiver,
        royalty: PRICE / 10n,
        remaining: 4n,
      },
    );
    for (const [token, id] of [
      [mock.address, 2n], // ERC-2981 with no receiver set
      [plain.address, 1n], // no royaltyInfo at all
    ] as const) {
      await emitsSale(
        f,
        buyOf(token, id),
        listingId({ seller: f.seller, token, tokenId: id, standard: ERC1155, currency: ETH }),
        { quantity: 1n, total: PRICE, fee, receiver: zeroAddress, royalty: 0n, remaining: 4n },
      );
    }
  });

  it("lets a seller buy its own listing (it pays only fee + royalty)", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list1155(f);
    const { fee, royalty } = split(PRICE);
    const tx = buy(f, { from: f.wallets.sellerW });
    await viem.assertions.balancesHaveChanged(tx, [{ address: f.seller, amount: -(fee + royalty) }]);
    assert.equal(await f.erc1155.read.balanceOf([f.seller, TOKEN_ID]), 100n);
  });

  it("reverts on a wrong price, too little ETH, a bad quantity, expiry, a missing listing, or pause", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, expiry } = await list1155(f, ETH, PRICE, 2n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      buy(f, { price: PRICE - 1n, value: PRICE }),
      f.market,
      "MarketplacePriceMismatch",
      [id, PRICE - 1n, PRICE],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      buy(f, { quantity: 2n, value: 2n * PRICE - 1n }),
      f.market,
      "MarketplaceInsufficientPayment",
      [2n * PRICE, 2n * PRICE - 1n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      buy(f, { quantity: 0n }),
      f.market,
      "MarketplaceInvalidQuantity",
      [ERC1155, 0n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      buy(f, { quantity: 3n }),
      f.market,
      "MarketplaceInsufficientQuantity",
      [id, 3n, 2n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      buy(f, { seller: f.other }),
      f.market,
      "MarketplaceListingNotFound",
      [id1155(f, f.other)],
    );
    await f.market.write.pause();
    await viem.assertions.revertWithCustomError(buy(f), f.market, "MarketplacePaused");
    await f.market.write.unpause();
    await networkHelpers.time.increaseTo(expiry);
    await viem.assertions.revertWithCustomErrorWithArgs(buy(f), f.market, "MarketplaceListingExpired", [
      id,
      expiry,
    ]);
  });

  it("explains a failed transfer: the seller moved the tokens or revoked the approval", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list1155(f, ETH, PRICE, 10n);
    const as = { account: f.wallets.sellerW.account };
    await f.erc1155.write.safeTransferFrom([f.seller, f.other, TOKEN_ID, 95n, "0x"], as);
    await viem.assertions.revertWithCustomErrorWithArgs(
      buy(f, { quantity: 6n }),
      f.market,
      "MarketplaceSellerBalanceInsufficient",
      [f.seller, getAddress(f.erc1155.address), TOKEN_ID, 5n, 6n],
    );
    await f.erc1155.write.setApprovalForAll([f.market.address, false], as);
    await viem.assertions.revertWithCustomErrorWithArgs(buy(f), f.market, "MarketplaceNotApproved", [
      f.seller,
      getAddress(f.erc1155.address),
      TOKEN_ID,
    ]);
  });

  it("re-raises the token's own error when the seller still holds and approved the tokens", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list1155(f);
    // The buyer is a contract with no ERC-1155 receiver hook: the token refuses the transfer.
    const caller = await contractBuyer(viem, f, f.erc1155.address, ERC1155);
    await viem.assertions.revertWithCustomErrorWithArgs(caller.buy(), f.erc1155, "ERC1155InvalidReceiver", [
      caller.address,
    ]);
  });
});

describe("AIMMarketplace buy with an ERC-20", () => {
  it("pulls the proceeds to the seller and fee + royalty to the marketplace", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id } = await list1155(f, f.usdc.address, USDC_PRICE);
    const total = 4n * USDC_PRICE;
    const { fee, royalty, proceeds } = split(total);
    const tx = buy(f, { quantity: 4n, currency: f.usdc.address });
    await emitsSale(f, tx, id, {
      quantity: 4n,
      total,
      fee,
      receiver: f.royaltyReceiver,
      royalty,
      remaining: 6n,
    });
    assert.equal(await f.usdc.read.balanceOf([f.seller]), proceeds);
    assert.equal(await f.usdc.read.balanceOf([f.market.address]), fee + royalty);
    assert.equal(await f.market.read.accruedFees([f.usdc.address]), fee);
    assert.equal(await f.market.read.creditOf([f.royaltyReceiver, f.usdc.address]), royalty);

    const w = f.market.write.withdraw([f.usdc.address, f.royaltyReceiver], {
      account: f.wallets.otherW.account,
    });
    await viem.assertions.emitWithArgs(w, f.market, "Withdrawn", [
      f.royaltyReceiver,
      getAddress(f.usdc.address),
      royalty,
    ]);
    assert.equal(await f.usdc.read.balanceOf([f.royaltyReceiver]), royalty);
  });

  it("refuses ETH sent along, a currency disallowed since listing, and a fee-on-transfer token", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list1155(f, f.usdc.address, USDC_PRICE);
    await viem.assertions.revertWithCustomErrorWithArgs(
      buy(f, { currency: f.usdc.address, value: 1n }),
      f.market,
      "MarketplaceUnexpectedEth",
      [1n],
    );
    await f.market.write.setCurrencyAllowed([f.usdc.address, false]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      buy(f, { currency: f.usdc.address }),
      f.market,
      "MarketplaceCurrencyNotAllowed",
      [getAddress(f.usdc.address)],
    );

    await list1155(f, f.fot.address, USDC_PRICE);
    const { fee, royalty } = split(USDC_PRICE);
    const owed = fee + royalty;
    await viem.assertions.revertWithCustomErrorWithArgs(
      buy(f, { currency: f.fot.address }),
      f.market,
      "MarketplaceFeeOnTransfer",
      [getAddress(f.fot.address), owed, owed - owed / 100n],
    );
  });
});

describe("AIMMarketplace buy of an ERC-721", () => {
  async function list721(f: Fixture) {
    const expiry = (await f.now()) + 1000n;
    await f.market.write.list([f.erc721.address, TOKEN_ID, ERC721, ETH, PRICE, 1n, expiry, 1000], {
      account: f.wallets.sellerW.account,
    });
    return listingId({
      seller: f.seller,
      token: f.erc721.address,
      tokenId: TOKEN_ID,
      standard: ERC721,
      currency: ETH,
    });
  }
  const buy721 = (f: Fixture) => buy(f, { token: f.erc721.address, standard: ERC721 });

  it("transfers the token and sells out the listing", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await list721(f);
    const { fee, royalty } = split(PRICE);
    await emitsSale(f, buy721(f), id, {
      quantity: 1n,
      total: PRICE,
      fee,
      receiver: f.royaltyReceiver,
      royalty,
      remaining: 0n,
    });
    assert.equal(await f.erc721.read.ownerOf([TOKEN_ID]), f.buyer);
    await viem.assertions.revertWithCustomErrorWithArgs(buy721(f), f.market, "MarketplaceListingSoldOut", [
      id,
    ]);
  });

  it("works with a single-token approval", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list721(f);
    const as = { account: f.wallets.sellerW.account };
    await f.erc721.write.setApprovalForAll([f.market.address, false], as);
    await f.erc721.write.approve([f.market.address, TOKEN_ID], as);
    await buy721(f);
    assert.equal(await f.erc721.read.ownerOf([TOKEN_ID]), f.buyer);
  });

  it("explains a failed transfer: token moved, burned, or not approved", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list721(f);
    const token = getAddress(f.erc721.address);
    const as = { account: f.wallets.sellerW.account };
    await f.erc721.write.setApprovalForAll([f.market.address, false], as);
    await viem.assertions.revertWithCustomErrorWithArgs(buy721(f), f.market, "MarketplaceNotApproved", [
      f.seller,
      token,
      TOKEN_ID,
    ]);
    await f.erc721.write.transferFrom([f.seller, f.other, TOKEN_ID], as);
    await viem.assertions.revertWithCustomErrorWithArgs(buy721(f), f.market, "MarketplaceSellerNotOwner", [
      f.seller,
      token,
      TOKEN_ID,
      f.other,
    ]);
    await f.erc721.write.burn([TOKEN_ID]);
    await viem.assertions.revertWithCustomErrorWithArgs(buy721(f), f.market, "MarketplaceSellerNotOwner", [
      f.seller,
      token,
      TOKEN_ID,
      zeroAddress,
    ]);
  });

  it("re-raises the token's error when the seller still owns and approved it", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list721(f);
    const caller = await contractBuyer(viem, f, f.erc721.address, ERC721);
    const refused = () =>
      viem.assertions.revertWithCustomErrorWithArgs(caller.buy(), f.erc721, "ERC721InvalidReceiver", [
        caller.address,
      ]);
    await refused();
    // Same with a single-token approval instead of an operator approval.
    const as = { account: f.wallets.sellerW.account };
    await f.erc721.write.setApprovalForAll([f.market.address, false], as);
    await f.erc721.write.approve([f.market.address, TOKEN_ID], as);
    await refused();
  });
});
