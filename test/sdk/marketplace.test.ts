// @aim/sdk/marketplace against AIMMarketplace itself, on an in-process Hardhat network: the listing id matches
// the contract's `listingId`, and the split of real buys (Sale event, seller's balance) matches `splitSale`.
import { erc2981Royalty, listingId, sellerProceeds, splitSale, TokenStandard } from "@aim/sdk/marketplace";
import { network } from "hardhat";
import { parseEventLogs } from "viem";
import { describe, expect, it } from "vitest";
import { DAY, deployMarketplace, ETH } from "../support/marketplace.js";

const { viem, networkHelpers } = await network.create();
const fixture = () => deployMarketplace(viem);

describe("listingId", () => {
  it("is the id AIMMarketplace derives, for both standards and currencies", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const ethKey = {
      seller: f.seller,
      token: f.erc1155.address,
      tokenId: 1n,
      standard: TokenStandard.ERC1155,
      currency: ETH,
    };
    const usdcKey = {
      seller: f.other,
      token: f.erc721.address,
      tokenId: 2n ** 256n - 1n,
      standard: TokenStandard.ERC721,
      currency: f.usdc.address,
    };
    for (const k of [ethKey, usdcKey]) {
      expect(listingId(k)).toBe(
        await f.market.read.listingId([k.seller, k.token, k.tokenId, k.standard, k.currency]),
      );
    }
    expect(listingId(ethKey)).not.toBe(listingId({ ...ethKey, currency: f.usdc.address }));
  });
});

describe("splitSale", () => {
  // Prices that do not divide evenly, fees from 0 to the 10% maximum, royalties under, at and over the 10% cap.
  const cases = [
    { price: 999n, feeBps: 250, royaltyBps: 500n },
    { price: 10_001n, feeBps: 0, royaltyBps: 1_000n },
    { price: 123_456_789n, feeBps: 1_000, royaltyBps: 2_500n },
    { price: 7n, feeBps: 333, royaltyBps: 9_999n },
    { price: 10n ** 18n + 1n, feeBps: 1, royaltyBps: 0n },
  ];

  it("divides real ERC-721 buys in ETH as the contract does", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const seller = f.wallets.sellerW.account;
    for (const [i, c] of cases.entries()) {
      const tokenId = 100n + BigInt(i);
      await f.market.write.setFee([c.feeBps]);
      await f.erc721.write.mint([f.seller, tokenId]);
      await f.erc721.write.setTokenRoyalty([tokenId, f.royaltyReceiver, c.royaltyBps]);
      const expiry = (await f.now()) + DAY;
      const args = [f.erc721.address, tokenId, TokenStandard.ERC721, ETH] as const;
      await f.market.write.list([...args, c.price, 1n, expiry, 1_000], { account: seller });
      const before = await f.publicClient.getBalance({ address: f.seller });
      const hash = await f.market.write.buy([f.seller, ...args, 1n, c.price], {
        account: f.wallets.buyerW.account,
        value: c.price,
      });
      const receipt = await f.publicClient.waitForTransactionReceipt({ hash });
      const [sale] = parseEventLogs({ abi: f.market.abi, eventName: "Sale", logs: receipt.logs });
      const expected = splitSale(c.price, c.feeBps, erc2981Royalty(c.price, c.royaltyBps));
      expect({ fee: sale?.args.fee, royalty: sale?.args.royalty }).toEqual({
        fee: expected.fee,
        royalty: expected.royalty,
      });
      expect((await f.publicClient.getBalance({ address: f.seller })) - before).toBe(expected.proceeds);
      expect(expected.fee + expected.royalty + expected.proceeds).toBe(c.price);
    }
  });

  it("divides an ERC-1155 buy in an ERC-20 as the contract does (AIMRegistry's 5% royalty, the 2.5% fee)", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const price = 33_333_333n;
    const expiry = (await f.now()) + DAY;
    const args = [f.erc1155.address, 1n, TokenStandard.ERC1155, f.usdc.address] as const;
    await f.market.write.list([...args, price, 10n, expiry, 1_000], { account: f.wallets.sellerW.account });
    const before = await f.usdc.read.balanceOf([f.seller]);
    const hash = await f.market.write.buy([f.seller, ...args, 3n, price], {
      account: f.wallets.buyerW.account,
    });
    const receipt = await f.publicClient.waitForTransactionReceipt({ hash });
    const [sale] = parseEventLogs({ abi: f.market.abi, eventName: "Sale", logs: receipt.logs });
    const [, royalty] = await f.erc1155.read.royaltyInfo([1n, 3n * price]);
    const expected = splitSale(3n * price, await f.market.read.feeBps(), royalty);
    expect(royalty).toBe(erc2981Royalty(3n * price, 500n));
    expect({ fee: sale?.args.fee, royalty: sale?.args.royalty }).toEqual({
      fee: expected.fee,
      royalty: expected.royalty,
    });
    expect((await f.usdc.read.balanceOf([f.seller])) - before).toBe(expected.proceeds);
  });
});

describe("the split's rounding (no chain)", () => {
  it("splits the total into fee, royalty and seller proceeds like the marketplace", () => {
    const b = splitSale(3_000_000n, 250n, erc2981Royalty(3_000_000n, 500n));
    expect(b).toEqual({ total: 3_000_000n, fee: 75_000n, royalty: 150_000n, proceeds: 2_775_000n });
    expect(b.fee + b.royalty + b.proceeds).toBe(b.total);
  });
  it("rounds fee and royalty down and caps the royalty at 10%", () => {
    expect(splitSale(999n, 250n, erc2981Royalty(999n, 5_000n))).toEqual({
      total: 999n,
      fee: 24n,
      royalty: 99n,
      proceeds: 876n,
    });
  });
  it("never reports negative proceeds, whatever an event says", () => {
    expect(sellerProceeds(1000n, 25n, 50n)).toBe(925n);
    expect(sellerProceeds(10n, 25n, 50n)).toBe(0n);
  });
});
