// AIMMarketplace bulk buy (buyMany): several listings of several sellers in one transaction, all or nothing or
// skipping what is gone, one total price check, the unspent ETH refunded.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Address, getAddress, parseEther } from "viem";
import {
  DAY,
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

/** The fixture, plus a second seller (`other`) holding 20 licenses of AIM 1 and listing them. */
async function fixture() {
  const f = await deployMarketplace(viem);
  await f.erc1155.write.safeTransferFrom([f.seller, f.other, TOKEN_ID, 20n, "0x"], {
    account: f.wallets.sellerW.account,
  });
  await f.erc1155.write.setApprovalForAll([f.market.address, true], { account: f.wallets.otherW.account });
  return f;
}

/** `seller` lists `quantity` of AIM 1 in `currency` at `price` for a day. */
async function listAs(
  f: Fixture,
  seller: "sellerW" | "otherW",
  currency: Address,
  price: bigint,
  quantity = 10n,
) {
  const expiry = (await f.now()) + DAY;
  await f.market.write.list([f.erc1155.address, TOKEN_ID, ERC1155, currency, price, quantity, expiry, 1000], {
    account: f.wallets[seller].account,
  });
}

const item = (
  seller: Address,
  token: Address,
  quantity: bigint,
  price: bigint,
  standard: number = ERC1155,
) => ({
  seller,
  token,
  tokenId: TOKEN_ID,
  standard,
  quantity,
  expectedPricePerUnit: price,
});

/** The two sellers each list 10 in `currency`; the cart takes 2 from the seller and 3 from `other`. */
async function cartOfTwo(f: Fixture, currency: Address, price: bigint) {
  await listAs(f, "sellerW", currency, price);
  await listAs(f, "otherW", currency, price);
  const token = getAddress(f.erc1155.address);
  return [item(f.seller, token, 2n, price), item(f.other, token, 3n, price)];
}

type Cart = Awaited<ReturnType<typeof cartOfTwo>>;
const buyMany = (f: Fixture, cart: Cart, currency: Address, maxTotal: bigint, skip: boolean, value = 0n) =>
  f.market.write.buyMany([cart, currency, maxTotal, skip], { account: f.wallets.buyerW.account, value });

describe("AIMMarketplace bulk buy with ETH", () => {
  it("buys every listing, pays each seller its proceeds, and refunds the ETH not spent", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const cart = await cartOfTwo(f, ETH, PRICE);
    const [a, b] = [split(2n * PRICE), split(3n * PRICE)];
    const tx = buyMany(f, cart, ETH, 5n * PRICE, false, 5n * PRICE + parseEther("1"));
    await viem.assertions.balancesHaveChanged(tx, [
      { address: f.buyer, amount: -5n * PRICE },
      { address: f.seller, amount: a.proceeds },
      { address: f.other, amount: b.proceeds },
      { address: f.market.address, amount: a.fee + a.royalty + b.fee + b.royalty },
    ]);
    await viem.assertions.emitWithArgs(tx, f.market, "Sale", [
      id1155(f, f.other),
      f.buyer,
      f.other,
      3n,
      3n * PRICE,
      b.fee,
      f.royaltyReceiver,
      b.royalty,
      7n,
    ]);
    assert.equal(await f.erc1155.read.balanceOf([f.buyer, TOKEN_ID]), 5n);
    assert.equal(await f.market.read.accruedFees([ETH]), a.fee + b.fee);
    assert.equal(await f.market.read.creditOf([f.royaltyReceiver, ETH]), a.royalty + b.royalty);
  });

  it("with one listing gone: all-or-nothing reverts, skip mode buys the rest and refunds the gone one's price", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const cart = await cartOfTwo(f, ETH, PRICE);
    await f.market.write.cancel([f.erc1155.address, TOKEN_ID, ERC1155, ETH], {
      account: f.wallets.sellerW.account,
    });
    await viem.assertions.revertWithCustomErrorWithArgs(
      buyMany(f, cart, ETH, 5n * PRICE, false, 5n * PRICE),
      f.market,
      "MarketplaceListingNotFound",
      [id1155(f, f.seller)],
    );
    const tx = buyMany(f, cart, ETH, 5n * PRICE, true, 5n * PRICE);
    await viem.assertions.balancesHaveChanged(tx, [{ address: f.buyer, amount: -3n * PRICE }]);
    assert.equal(await f.erc1155.read.balanceOf([f.buyer, TOKEN_ID]), 3n);
    assert.deepEqual((await f.market.read.getListing([id1155(f, f.other)]))[1], 7n);
  });

  it("skips listings sold out or short, re-priced, expired, or whose seller moved the tokens", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const cart = await cartOfTwo(f, ETH, PRICE);
    const as = { account: f.wallets.otherW.account };
    const token = getAddress(f.erc1155.address);
    // other re-prices; the seller keeps only 1 license of the 2 asked for.
    await f.market.write.updateListing(
      [token, TOKEN_ID, ERC1155, ETH, PRICE + 1n, 10n, (await f.now()) + DAY],
      as,
    );
    await f.erc1155.write.safeTransferFrom([f.seller, f.other, TOKEN_ID, 79n, "0x"], {
      account: f.wallets.sellerW.account,
    });
    await viem.assertions.revertWithCustomErrorWithArgs(
      buyMany(f, cart, ETH, 5n * PRICE, false, 5n * PRICE),
      f.market,
      "MarketplaceSellerBalanceInsufficient",
      [f.seller, token, TOKEN_ID, 1n, 2n],
    );
    await viem.assertions.revertWithCustomError(
      buyMany(f, cart, ETH, 5n * PRICE, true, 5n * PRICE),
      f.market,
      "MarketplaceNothingBought",
    );
    // Quantity above what is left, and an expired listing, are left out too.
    const short = [item(f.other, token, 11n, PRICE + 1n), item(f.other, token, 1n, PRICE + 1n)];
    const tx = buyMany(f, short, ETH, 3n * PRICE, true, 3n * PRICE);
    await viem.assertions.balancesHaveChanged(tx, [{ address: f.buyer, amount: -(PRICE + 1n) }]);
    await networkHelpers.time.increase(DAY);
    await viem.assertions.revertWithCustomError(
      buyMany(f, short, ETH, 3n * PRICE, true, 3n * PRICE),
      f.market,
      "MarketplaceNothingBought",
    );
  });

  it("checks the total against maxTotal and the ETH sent", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const cart = await cartOfTwo(f, ETH, PRICE);
    await viem.assertions.revertWithCustomErrorWithArgs(
      buyMany(f, cart, ETH, 5n * PRICE - 1n, false, 5n * PRICE),
      f.market,
      "MarketplaceBulkTotalAboveMax",
      [5n * PRICE, 5n * PRICE - 1n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      buyMany(f, cart, ETH, 5n * PRICE, true, 5n * PRICE - 1n),
      f.market,
      "MarketplaceInsufficientPayment",
      [5n * PRICE, 5n * PRICE - 1n],
    );
    await f.market.write.pause({ account: f.wallets.ownerW.account });
    await viem.assertions.revertWithCustomError(
      buyMany(f, cart, ETH, 5n * PRICE, false, 5n * PRICE),
      f.market,
      "MarketplacePaused",
    );
  });
  it("buys an ERC-721 in skip mode, and skips one whose seller gave it away", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const as = { account: f.wallets.sellerW.account };
    const token = getAddress(f.erc721.address);
    await f.erc721.write.mint([f.seller, 2n]);
    for (const id of [TOKEN_ID, 2n]) {
      await f.market.write.list([token, id, ERC721, ETH, PRICE, 1n, (await f.now()) + DAY, 1000], as);
    }
    await f.erc721.write.transferFrom([f.seller, f.other, 2n], as);
    const cart = [TOKEN_ID, 2n].map((tokenId) => ({
      ...item(f.seller, token, 1n, PRICE),
      tokenId,
      standard: ERC721,
    }));
    const tx = buyMany(f, cart, ETH, 2n * PRICE, true, 2n * PRICE);
    await viem.assertions.balancesHaveChanged(tx, [{ address: f.buyer, amount: -PRICE }]);
    assert.equal(await f.erc721.read.ownerOf([TOKEN_ID]), f.buyer);
    assert.equal(await f.erc721.read.ownerOf([2n]), f.other);
  });
  it("credits each royalty receiver its own royalty when the cart's receivers change from listing to listing", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const as = { account: f.wallets.sellerW.account };
    const erc721 = getAddress(f.erc721.address);
    // AIM 1's royalty goes to royaltyReceiver; the ERC-721's to `other`: the receiver changes mid-cart, twice.
    await f.erc721.write.setTokenRoyalty([TOKEN_ID, f.other, 500n]);
    await f.market.write.list([erc721, TOKEN_ID, ERC721, ETH, PRICE, 1n, (await f.now()) + DAY, 1000], as);
    await listAs(f, "sellerW", ETH, PRICE);
    await listAs(f, "otherW", ETH, PRICE);
    const erc1155 = getAddress(f.erc1155.address);
    const cart = [
      item(f.seller, erc1155, 1n, PRICE),
      { ...item(f.seller, erc721, 1n, PRICE), standard: ERC721 },
      item(f.other, erc1155, 2n, PRICE),
    ];
    const [before1155, before721] = await Promise.all([
      f.market.read.creditOf([f.royaltyReceiver, ETH]),
      f.market.read.creditOf([f.other, ETH]),
    ]);
    await buyMany(f, cart, ETH, 4n * PRICE, false, 4n * PRICE);
    assert.equal(
      (await f.market.read.creditOf([f.royaltyReceiver, ETH])) - before1155,
      split(PRICE).royalty + split(2n * PRICE).royalty,
    );
    assert.equal((await f.market.read.creditOf([f.other, ETH])) - before721, split(PRICE, 500n).royalty);
    assert.equal(await f.erc721.read.ownerOf([TOKEN_ID]), f.buyer);
  });
});

describe("AIMMarketplace bulk buy with an ERC-20", () => {
  it("pulls each seller's proceeds and fees + royalties in one transfer", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const cart = await cartOfTwo(f, f.usdc.address, USDC_PRICE);
    const [a, b] = [split(2n * USDC_PRICE), split(3n * USDC_PRICE)];
    const who = [f.buyer, f.seller, f.other, f.market.address];
    const before = await Promise.all(who.map((w) => f.usdc.read.balanceOf([w])));
    await buyMany(f, cart, f.usdc.address, 5n * USDC_PRICE, false);
    const after = await Promise.all(who.map((w) => f.usdc.read.balanceOf([w])));
    assert.deepEqual(
      after.map((x, i) => x - (before[i] ?? 0n)),
      [-5n * USDC_PRICE, a.proceeds, b.proceeds, a.fee + a.royalty + b.fee + b.royalty],
    );
    assert.equal(await f.market.read.accruedFees([f.usdc.address]), a.fee + b.fee);
  });

  it("refuses ETH sent along, a currency not allowed, and a fee-on-transfer token", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const cart = await cartOfTwo(f, f.usdc.address, USDC_PRICE);
    await viem.assertions.revertWithCustomErrorWithArgs(
      buyMany(f, cart, f.usdc.address, 5n * USDC_PRICE, false, 1n),
      f.market,
      "MarketplaceUnexpectedEth",
      [1n],
    );
    const fotCart = await cartOfTwo(f, f.fot.address, USDC_PRICE);
    await viem.assertions.revertWithCustomError(
      buyMany(f, fotCart, f.fot.address, 5n * USDC_PRICE, false),
      f.market,
      "MarketplaceFeeOnTransfer",
    );
    await f.market.write.setCurrencyAllowed([f.usdc.address, false], { account: f.wallets.ownerW.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      buyMany(f, cart, f.usdc.address, 5n * USDC_PRICE, false),
      f.market,
      "MarketplaceCurrencyNotAllowed",
      [getAddress(f.usdc.address)],
    );
  });

  it("leaves the rest of a listing bought in part on sale", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id } = await list1155(f);
    const token = getAddress(f.erc1155.address);
    await buyMany(f, [item(f.seller, token, 4n, PRICE)], ETH, 4n * PRICE, false, 4n * PRICE);
    assert.deepEqual((await f.market.read.getListing([id]))[1], 6n);
  });
});
