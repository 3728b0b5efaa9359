// AIMMarketplace: list, updateListing, cancel (every revert and event).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { listingId } from "@aim/sdk/marketplace";
import { network } from "hardhat";
import { getAddress } from "viem";
import {
  buy,
  DAY,
  deployMarketplace,
  ERC721,
  ERC1155,
  ETH,
  FEE_BPS,
  id1155,
  list1155,
  PRICE,
  TOKEN_ID,
  USDC_PRICE,
} from "../support/marketplace.js";

const { viem, networkHelpers } = await network.create();
const fixture = () => deployMarketplace(viem);

describe("AIMMarketplace list", () => {
  it("lists an ERC-1155 for ETH in one slot and emits ListingCreated with every term", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const expiry = (await f.now()) + DAY;
    const args = [f.erc1155.address, TOKEN_ID, ERC1155, ETH, PRICE, 10n, expiry, 1000] as const;
    const id = id1155(f, f.seller);
    const { result } = await f.market.simulate.list(args, { account: f.seller });
    assert.equal(result, id, "list returns the listing id");
    await viem.assertions.emitWithArgs(
      f.market.write.list(args, { account: f.wallets.sellerW.account }),
      f.market,
      "ListingCreated",
      [id, f.seller, getAddress(f.erc1155.address), TOKEN_ID, ERC1155, ETH, PRICE, 10n, expiry, FEE_BPS],
    );
    assert.deepEqual(await f.market.read.getListing([id]), [PRICE, 10n, expiry, FEE_BPS]);
    assert.equal(await f.erc1155.read.balanceOf([f.seller, TOKEN_ID]), 100n, "non-custodial: tokens stay");
  });

  it("lists an ERC-721 for an allowed ERC-20", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const expiry = (await f.now()) + DAY;
    const id = listingId({
      seller: f.seller,
      token: f.erc721.address,
      tokenId: TOKEN_ID,
      standard: ERC721,
      currency: f.usdc.address,
    });
    await viem.assertions.emitWithArgs(
      f.market.write.list(
        [f.erc721.address, TOKEN_ID, ERC721, f.usdc.address, USDC_PRICE, 1n, expiry, 1000],
        {
          account: f.wallets.sellerW.account,
        },
      ),
      f.market,
      "ListingCreated",
      [
        id,
        f.seller,
        getAddress(f.erc721.address),
        TOKEN_ID,
        ERC721,
        getAddress(f.usdc.address),
        USDC_PRICE,
        1n,
        expiry,
        FEE_BPS,
      ],
    );
    assert.equal(await f.erc721.read.ownerOf([TOKEN_ID]), f.seller);
  });

  it("rejects bad terms with the values that explain them", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const now = await f.now();
    const expiry = now + DAY;
    const as = { account: f.wallets.sellerW.account };
    const t = f.erc1155.address;
    const cases = [
      [[t, TOKEN_ID, 2, ETH, PRICE, 1n, expiry, 1000], "MarketplaceInvalidStandard", [2]],
      [
        [t, TOKEN_ID, ERC1155, ETH, PRICE, 1n, expiry, FEE_BPS - 1],
        "MarketplaceFeeAboveSellerMax",
        [FEE_BPS, FEE_BPS - 1],
      ],
      [[t, TOKEN_ID, ERC1155, ETH, 0n, 1n, expiry, 1000], "MarketplaceInvalidPrice", [0n]],
      [[t, TOKEN_ID, ERC1155, ETH, 2n ** 96n, 1n, expiry, 1000], "MarketplaceInvalidPrice", [2n ** 96n]],
      [[t, TOKEN_ID, ERC1155, ETH, PRICE, 0n, expiry, 1000], "MarketplaceInvalidQuantity", [ERC1155, 0n]],
      [
        [t, TOKEN_ID, ERC1155, ETH, PRICE, 2n ** 64n, expiry, 1000],
        "MarketplaceInvalidQuantity",
        [ERC1155, 2n ** 64n],
      ],
      [
        [f.erc721.address, TOKEN_ID, ERC721, ETH, PRICE, 2n, expiry, 1000],
        "MarketplaceInvalidQuantity",
        [ERC721, 2n],
      ],
      [
        [t, TOKEN_ID, ERC1155, ETH, PRICE, 1n, now + 1n, 1000],
        "MarketplaceInvalidExpiry",
        [now + 1n, now + 1n],
      ],
      [
        [t, TOKEN_ID, ERC1155, ETH, PRICE, 1n, 2n ** 40n, 1000],
        "MarketplaceInvalidExpiry",
        [2n ** 40n, now + 1n],
      ],
      [[t, TOKEN_ID, ERC1155, f.other, PRICE, 1n, expiry, 1000], "MarketplaceCurrencyNotAllowed", [f.other]],
    ] as const;
    for (const [args, error, errorArgs] of cases) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.market.write.list(args, as),
        f.market,
        error,
        errorArgs as never,
      );
    }
  });

  it("refuses a second live listing with the same key, but replaces a sold-out or expired one", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, expiry } = await list1155(f, ETH, PRICE, 2n);
    const as = { account: f.wallets.sellerW.account };
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.list([f.erc1155.address, TOKEN_ID, ERC1155, ETH, PRICE, 5n, expiry, 1000], as),
      f.market,
      "MarketplaceListingExists",
      [id, 2n, expiry],
    );
    // Sold out: the slot keeps its terms with remaining 0, and a new listing replaces it.
    await buy(f, { quantity: 2n });
    await viem.assertions.revertWithCustomErrorWithArgs(buy(f), f.market, "MarketplaceListingSoldOut", [id]);
    await f.market.write.setFee([100]);
    const again = await list1155(f, ETH, 2n * PRICE, 3n);
    assert.equal(again.id, id);
    assert.deepEqual(
      await f.market.read.getListing([id]),
      [2n * PRICE, 3n, again.expiry, 100],
      "new fee snapshot",
    );
    // Expired: replaced as well.
    await networkHelpers.time.increaseTo(again.expiry);
    const third = await list1155(f, ETH, PRICE, 4n);
    assert.deepEqual(await f.market.read.getListing([id]), [PRICE, 4n, third.expiry, 100]);
  });

  it("refuses new listings while paused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await f.market.write.pause();
    await viem.assertions.revertWithCustomError(list1155(f), f.market, "MarketplacePaused");
  });
});

describe("AIMMarketplace updateListing", () => {
  it("changes price, quantity and expiry, keeps the fee snapshot and emits ListingUpdated", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, expiry } = await list1155(f);
    await f.market.write.setFee([900]);
    await viem.assertions.emitWithArgs(
      f.market.write.updateListing(
        [f.erc1155.address, TOKEN_ID, ERC1155, ETH, 3n * PRICE, 4n, expiry + DAY],
        {
          account: f.wallets.sellerW.account,
        },
      ),
      f.market,
      "ListingUpdated",
      [id, 3n * PRICE, 4n, expiry + DAY],
    );
    assert.deepEqual(await f.market.read.getListing([id]), [3n * PRICE, 4n, expiry + DAY, FEE_BPS]);
  });

  it("reverts for a missing listing, bad terms, or while paused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { expiry } = await list1155(f);
    const as = { account: f.wallets.sellerW.account };
    const otherId = id1155(f, f.other);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.updateListing([f.erc1155.address, TOKEN_ID, ERC1155, ETH, PRICE, 1n, expiry], {
        account: f.wallets.otherW.account,
      }),
      f.market,
      "MarketplaceListingNotFound",
      [otherId],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.updateListing([f.erc1155.address, TOKEN_ID, ERC1155, ETH, 0n, 1n, expiry], as),
      f.market,
      "MarketplaceInvalidPrice",
      [0n],
    );
    await f.market.write.pause();
    await viem.assertions.revertWithCustomError(
      f.market.write.updateListing([f.erc1155.address, TOKEN_ID, ERC1155, ETH, PRICE, 1n, expiry], as),
      f.market,
      "MarketplacePaused",
    );
  });
});

describe("AIMMarketplace cancel", () => {
  it("deletes the listing and emits ListingCancelled, even while paused; a cancelled listing cannot be bought", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id } = await list1155(f);
    await f.market.write.pause();
    await viem.assertions.emitWithArgs(
      f.market.write.cancel([f.erc1155.address, TOKEN_ID, ERC1155, ETH], {
        account: f.wallets.sellerW.account,
      }),
      f.market,
      "ListingCancelled",
      [id],
    );
    assert.deepEqual(await f.market.read.getListing([id]), [0n, 0n, 0n, 0]);
    await f.market.write.unpause();
    await viem.assertions.revertWithCustomErrorWithArgs(buy(f), f.market, "MarketplaceListingNotFound", [id]);
  });

  it("reverts for a listing that does not exist (or belongs to someone else)", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list1155(f);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.cancel([f.erc1155.address, TOKEN_ID, ERC1155, ETH], {
        account: f.wallets.otherW.account,
      }),
      f.market,
      "MarketplaceListingNotFound",
      [id1155(f, f.other)],
    );
  });
});
