// AIMMarketplace offers: make, accept all or part, cancel; the payment split, funding and every way they fail.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type OfferTerms, offerId } from "@aim/sdk/marketplace";
import { network } from "hardhat";
import { type Address, getAddress } from "viem";
import {
  DAY,
  deployMarketplace,
  ERC1155,
  ETH,
  FEE_BPS,
  type Fixture,
  split,
  TOKEN_ID,
  USDC_PRICE,
} from "../support/marketplace.js";

const { viem, networkHelpers } = await network.create();
const fixture = () => deployMarketplace(viem);

/** The buyer offers `quantity` licenses of the fixture's AIM at USDC_PRICE in `currency` for a day. */
async function makeOffer(f: Fixture, quantity = 5n, currency: Address = f.usdc.address, salt = 1n) {
  const offer: OfferTerms = {
    buyer: f.buyer,
    token: getAddress(f.erc1155.address),
    tokenId: TOKEN_ID,
    standard: ERC1155,
    currency: getAddress(currency),
    pricePerUnit: USDC_PRICE,
    expiry: (await f.now()) + DAY,
    salt,
  };
  const hash = await f.market.write.makeOffer(
    [
      offer.token,
      offer.tokenId,
      offer.standard,
      offer.currency,
      offer.pricePerUnit,
      quantity,
      offer.expiry,
      salt,
    ],
    { account: f.wallets.buyerW.account },
  );
  return { offer, id: offerId(offer), hash };
}

const accept = (f: Fixture, offer: OfferTerms, quantity: bigint, from = f.wallets.sellerW) =>
  f.market.write.acceptOffer([offer, quantity], { account: from.account });

const usdcBalances = (f: Fixture, accounts: Address[]) =>
  Promise.all(accounts.map((a) => f.usdc.read.balanceOf([a])));

describe("AIMMarketplace offers", () => {
  it("makes an offer: OfferMade with the terms and the fee snapshot, stored remaining, funded", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { offer, id, hash } = await makeOffer(f);
    await viem.assertions.emitWithArgs(Promise.resolve(hash), f.market, "OfferMade", [
      id,
      f.buyer,
      offer.token,
      TOKEN_ID,
      ERC1155,
      offer.currency,
      USDC_PRICE,
      5n,
      offer.expiry,
      1n,
      FEE_BPS,
    ]);
    assert.equal(await f.market.read.offerId([offer]), id);
    assert.deepEqual(await f.market.read.getOffer([id]), [true, 5n, FEE_BPS]);
    const [funded, needed] = await f.market.read.offerFunding([offer]);
    assert.equal(funded, true);
    assert.equal(needed, 5n * USDC_PRICE);
  });

  it("accepts in parts: pays fee + royalty + seller exactly like a sale, then refuses a fill past the quantity", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { offer, id } = await makeOffer(f);
    const total = 3n * USDC_PRICE;
    const { fee, royalty, proceeds } = split(total);
    const who = [f.buyer, f.seller, f.market.address];
    const before = await usdcBalances(f, who);
    const tx = accept(f, offer, 3n);
    await viem.assertions.emitWithArgs(tx, f.market, "OfferAccepted", [
      id,
      f.seller,
      f.buyer,
      3n,
      total,
      fee,
      f.royaltyReceiver,
      royalty,
      2n,
    ]);
    const after = await usdcBalances(f, who);
    assert.deepEqual(
      after.map((b, i) => b - (before[i] ?? 0n)),
      [-total, proceeds, fee + royalty],
    );
    assert.equal(await f.market.read.accruedFees([f.usdc.address]), fee);
    assert.equal(await f.market.read.creditOf([f.royaltyReceiver, f.usdc.address]), royalty);
    assert.equal(await f.erc1155.read.balanceOf([f.buyer, TOKEN_ID]), 3n);
    assert.deepEqual(await f.market.read.getOffer([id]), [true, 2n, FEE_BPS]);

    await viem.assertions.revertWithCustomErrorWithArgs(
      accept(f, offer, 3n),
      f.market,
      "MarketplaceOfferInsufficientQuantity",
      [id, 3n, 2n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      accept(f, offer, 0n),
      f.market,
      "MarketplaceInvalidQuantity",
      [ERC1155, 0n],
    );
    await accept(f, offer, 2n);
    assert.deepEqual(await f.market.read.getOffer([id]), [true, 0n, FEE_BPS]);
    assert.equal((await f.market.read.offerFunding([offer]))[0], false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      accept(f, offer, 1n),
      f.market,
      "MarketplaceOfferClosed",
      [id],
    );
  });

  it("keeps the fee snapshotted when the offer was made", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { offer, id } = await makeOffer(f);
    await f.market.write.setFee([1000], { account: f.wallets.ownerW.account });
    const { fee } = split(USDC_PRICE);
    await viem.assertions.emitWithArgs(accept(f, offer, 1n), f.market, "OfferAccepted", [
      id,
      f.seller,
      f.buyer,
      1n,
      USDC_PRICE,
      fee,
      f.royaltyReceiver,
      split(USDC_PRICE).royalty,
      4n,
    ]);
  });

  it("refuses an accept beyond the buyer's allowance or balance, and says the offer is unfunded", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { offer, id } = await makeOffer(f);
    const as = { account: f.wallets.buyerW.account };
    await f.usdc.write.approve([f.market.address, 2n * USDC_PRICE], as);
    const balance = await f.usdc.read.balanceOf([f.buyer]);
    assert.deepEqual(await f.market.read.offerFunding([offer]), [
      false,
      5n * USDC_PRICE,
      balance,
      2n * USDC_PRICE,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      accept(f, offer, 3n),
      f.market,
      "MarketplaceOfferUnfunded",
      [id, f.buyer, 3n * USDC_PRICE, balance, 2n * USDC_PRICE],
    );
    await accept(f, offer, 2n); // within the allowance
    await f.usdc.write.approve([f.market.address, 2n ** 255n], as);
    await f.usdc.write.transfer([f.other, balance - 2n * USDC_PRICE - USDC_PRICE], as);
    await viem.assertions.revertWithCustomErrorWithArgs(
      accept(f, offer, 2n),
      f.market,
      "MarketplaceOfferUnfunded",
      [id, f.buyer, 2n * USDC_PRICE, USDC_PRICE, 2n ** 255n],
    );
    assert.equal((await f.market.read.offerFunding([offer]))[0], false);
    await accept(f, offer, 1n); // what the balance still covers
    assert.equal(await f.erc1155.read.balanceOf([f.buyer, TOKEN_ID]), 3n);
  });

  it("refuses an accept after expiry, after cancel, of an unknown offer, or while paused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { offer, id } = await makeOffer(f);
    const unknown = { ...offer, salt: 99n };
    await viem.assertions.revertWithCustomErrorWithArgs(
      accept(f, unknown, 1n),
      f.market,
      "MarketplaceOfferNotFound",
      [offerId(unknown)],
    );
    await f.market.write.pause({ account: f.wallets.ownerW.account });
    await viem.assertions.revertWithCustomError(accept(f, offer, 1n), f.market, "MarketplacePaused");
    await f.market.write.unpause({ account: f.wallets.ownerW.account });

    await networkHelpers.time.increaseTo(offer.expiry);
    await viem.assertions.revertWithCustomErrorWithArgs(
      accept(f, offer, 1n),
      f.market,
      "MarketplaceOfferExpired",
      [id, offer.expiry],
    );
    assert.equal((await f.market.read.offerFunding([offer]))[0], false);

    const second = await makeOffer(f, 2n, f.usdc.address, 2n);
    await viem.assertions.emitWithArgs(
      f.market.write.cancelOffer([second.offer], { account: f.wallets.buyerW.account }),
      f.market,
      "OfferCancelled",
      [second.id],
    );
    assert.deepEqual(await f.market.read.getOffer([second.id]), [true, 0n, FEE_BPS]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      accept(f, second.offer, 1n),
      f.market,
      "MarketplaceOfferClosed",
      [second.id],
    );
  });

  it("lets only the buyer cancel, once, even while paused; never reuses an id", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { offer, id } = await makeOffer(f);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.cancelOffer([offer], { account: f.wallets.otherW.account }),
      f.market,
      "MarketplaceNotOfferBuyer",
      [id, f.other],
    );
    await f.market.write.pause({ account: f.wallets.ownerW.account });
    await f.market.write.cancelOffer([offer], { account: f.wallets.buyerW.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.cancelOffer([offer], { account: f.wallets.buyerW.account }),
      f.market,
      "MarketplaceOfferClosed",
      [id],
    );
    const unknown = { ...offer, salt: 7n };
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.cancelOffer([unknown], { account: f.wallets.buyerW.account }),
      f.market,
      "MarketplaceOfferNotFound",
      [offerId(unknown)],
    );
    await viem.assertions.revertWithCustomError(
      makeOffer(f, 1n, f.usdc.address, 3n),
      f.market,
      "MarketplacePaused",
    );
    await f.market.write.unpause({ account: f.wallets.ownerW.account });
    // The same terms and salt again (the offer was cancelled): refused.
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.makeOffer(
        [
          offer.token,
          offer.tokenId,
          offer.standard,
          offer.currency,
          offer.pricePerUnit,
          1n,
          offer.expiry,
          offer.salt,
        ],
        { account: f.wallets.buyerW.account },
      ),
      f.market,
      "MarketplaceOfferExists",
      [id],
    );
  });

  it("refuses offers in ETH, in a currency not allowed, and with invalid terms", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      makeOffer(f, 1n, ETH),
      f.market,
      "MarketplaceInvalidCurrency",
      [ETH],
    );
    const other = await viem.deployContract("MockERC20", ["Other", "OTH", 6]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      makeOffer(f, 1n, other.address),
      f.market,
      "MarketplaceCurrencyNotAllowed",
      [getAddress(other.address)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      makeOffer(f, 0n),
      f.market,
      "MarketplaceInvalidQuantity",
      [ERC1155, 0n],
    );
  });

  it("explains an accept by someone who does not hold the licenses, and refuses a fee-on-transfer currency", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { offer } = await makeOffer(f);
    await f.erc1155.write.setApprovalForAll([f.market.address, true], { account: f.wallets.otherW.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      accept(f, offer, 1n, f.wallets.otherW),
      f.market,
      "MarketplaceSellerBalanceInsufficient",
      [f.other, offer.token, TOKEN_ID, 0n, 1n],
    );
    const fot = await makeOffer(f, 1n, f.fot.address);
    await viem.assertions.revertWithCustomError(
      accept(f, fot.offer, 1n),
      f.market,
      "MarketplaceFeeOnTransfer",
    );
    // A currency disallowed after the offer was made is refused at accept.
    await f.market.write.setCurrencyAllowed([f.usdc.address, false], { account: f.wallets.ownerW.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      accept(f, offer, 1n),
      f.market,
      "MarketplaceCurrencyNotAllowed",
      [getAddress(f.usdc.address)],
    );
  });
});
