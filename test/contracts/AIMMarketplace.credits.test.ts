// AIMMarketplace: credits for payees that refuse ETH, withdraw and withdrawTo.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress } from "viem";
import {
  buy,
  deployMarketplace,
  ERC1155,
  ETH,
  list1155,
  PRICE,
  ROYALTY_BPS,
  split,
  TOKEN_ID,
} from "../support/marketplace.js";

const { viem, networkHelpers } = await network.create();
const fixture = () => deployMarketplace(viem);

describe("AIMMarketplace credits for payees that refuse ETH", () => {
  it("credits a seller that rejects ETH; it cannot withdraw to itself but can withdrawTo another address", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const r = f.rejecter;
    const seller = getAddress(r.address);
    await f.erc1155.write.mint([TOKEN_ID, seller, 5n], { account: f.wallets.sellerW.account });
    await r.write.execute([
      f.erc1155.address,
      0n,
      encodeFunctionData({
        abi: f.erc1155.abi,
        functionName: "setApprovalForAll",
        args: [f.market.address, true],
      }),
    ]);
    const expiry = (await f.now()) + 1000n;
    await r.write.execute([
      f.market.address,
      0n,
      encodeFunctionData({
        abi: f.market.abi,
        functionName: "list",
        args: [f.erc1155.address, TOKEN_ID, ERC1155, ETH, PRICE, 5n, expiry, 1000],
      }),
    ]);
    const { proceeds } = split(PRICE);
    const tx = buy(f, { seller });
    await viem.assertions.emitWithArgs(tx, f.market, "Credited", [seller, ETH, proceeds]);
    assert.equal(await f.market.read.creditOf([seller, ETH]), proceeds);

    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.withdraw([ETH, seller]),
      f.market,
      "MarketplaceEthTransferFailed",
      [seller, proceeds],
    );
    await f.market.write.pause();
    const w = r.write.execute([
      f.market.address,
      0n,
      encodeFunctionData({ abi: f.market.abi, functionName: "withdrawTo", args: [ETH, f.other] }),
    ]);
    await viem.assertions.balancesHaveChanged(w, [{ address: f.other, amount: proceeds }]);
    await viem.assertions.emitWithArgs(w, f.market, "Withdrawn", [seller, ETH, proceeds]);
    assert.equal(await f.market.read.creditOf([seller, ETH]), 0n);
  });

  it("credits a buyer whose refund bounces", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list1155(f);
    const r = f.rejecter;
    const data = encodeFunctionData({
      abi: f.market.abi,
      functionName: "buy",
      args: [f.seller, f.erc1155.address, TOKEN_ID, ERC1155, ETH, 1n, PRICE],
    });
    const tx = r.write.execute([f.market.address, PRICE + 5n, data], { value: PRICE + 5n });
    await viem.assertions.emitWithArgs(tx, f.market, "Credited", [getAddress(r.address), ETH, 5n]);
    assert.equal(await f.erc1155.read.balanceOf([r.address, TOKEN_ID]), 1n);
  });

  it("withdraw pays a royalty credit to its owner (anyone may trigger it, even while paused)", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await list1155(f);
    await buy(f, { quantity: 2n });
    const { royalty } = split(2n * PRICE, ROYALTY_BPS);
    await f.market.write.pause();
    const tx = f.market.write.withdraw([ETH, f.royaltyReceiver], { account: f.wallets.otherW.account });
    await viem.assertions.balancesHaveChanged(tx, [
      { address: f.royaltyReceiver, amount: royalty },
      { address: f.market.address, amount: -royalty },
    ]);
    await viem.assertions.emitWithArgs(tx, f.market, "Withdrawn", [f.royaltyReceiver, ETH, royalty]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.withdraw([ETH, f.royaltyReceiver]),
      f.market,
      "MarketplaceNothingToWithdraw",
      [f.royaltyReceiver, ETH],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.market.write.withdrawTo([ETH, f.other]),
      f.market,
      "MarketplaceNothingToWithdraw",
      [f.owner, ETH],
    );
    assert.equal(
      await f.publicClient.getBalance({ address: f.market.address }),
      await f.market.read.accruedFees([ETH]),
    );
  });
});
