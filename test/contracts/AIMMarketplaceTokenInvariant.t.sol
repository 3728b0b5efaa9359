// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {AIMMarketplace} from "../../contracts/AIMMarketplace.sol";
import {IAIMMarketplace} from "../../contracts/interfaces/IAIMMarketplace.sol";
import {FeeOnTransferERC20} from "../../contracts/test/FeeOnTransferERC20.sol";
import {MockERC1155Royalty} from "../../contracts/test/MockERC1155Royalty.sol";
import {MockERC20} from "../../contracts/test/MockERC20.sol";
import {RebasingERC20} from "../../contracts/test/RebasingERC20.sol";

/// @dev Issue 12: AIMMarketplace's balance of each token equals what it owes, with a plain, a fee-on-transfer and a
/// rebasing ERC-20 among the currencies (even if an owner allow-lists them): random lists, buys, withdrawals,
/// fee changes and rebases.
contract MarketplaceTokenHandler is Test {
    AIMMarketplace public immutable market;
    MockERC1155Royalty public immutable nft;
    address[3] public currencies;
    address public constant SELLER = address(0x5E11);
    address public constant BUYER = address(0xB1);
    address public constant RECEIVER = address(0x2981);
    address public constant TREASURY = address(0x7EA5);
    bool public shortPaymentAccepted;
    bool public rebased;
    uint256 public sales;

    constructor() {
        currencies = [
            address(new MockERC20("Plain", "PLN", 6)),
            address(new FeeOnTransferERC20()),
            address(new RebasingERC20())
        ];
        address[] memory allowed = new address[](3);
        for (uint256 k; k < 3; ++k) {
            allowed[k] = currencies[k];
            MockERC20(currencies[k]).mint(BUYER, 1e40);
        }
        // The handler owns the marketplace (setFee).
        market = new AIMMarketplace(address(this), TREASURY, 250, allowed);
        for (uint256 k; k < 3; ++k) {
            vm.prank(BUYER);
            MockERC20(currencies[k]).approve(address(market), type(uint256).max);
        }
        nft = new MockERC1155Royalty();
        nft.setTokenRoyalty(1, RECEIVER, 500);
        nft.mint(SELLER, 1, type(uint64).max);
        vm.prank(SELLER);
        nft.setApprovalForAll(address(market), true);
    }

    function list(uint8 currency, uint96 price) external {
        address c = currencies[currency % 3];
        price = uint96(bound(price, 1, 1e24));
        vm.prank(SELLER);
        try market.list(address(nft), 1, 0, c, price, 1_000_000, block.timestamp + 365 days, 1000) {} catch {}
    }

    function buy(uint8 currency, uint64 quantity) external {
        address c = currencies[currency % 3];
        (uint256 price, uint256 remaining,,) = market.getListing(market.listingId(SELLER, address(nft), 1, 0, c));
        if (remaining == 0) return;
        quantity = uint64(bound(quantity, 1, remaining < 100 ? remaining : 100));
        uint256 before = MockERC20(c).balanceOf(address(market));
        uint256 fees = market.accruedFees(c);
        uint256 credit = market.creditOf(RECEIVER, c);
        vm.prank(BUYER);
        try market.buy(SELLER, address(nft), 1, 0, c, quantity, price) {
            uint256 owedMore = market.accruedFees(c) - fees + market.creditOf(RECEIVER, c) - credit;
            if (MockERC20(c).balanceOf(address(market)) - before != owedMore) shortPaymentAccepted = true;
            ++sales;
        } catch (bytes memory reason) {
            require(bytes4(reason) == IAIMMarketplace.MarketplaceFeeOnTransfer.selector, "buy failed");
        }
    }

    function withdraw(uint8 currency, bool fees) external {
        address c = currencies[currency % 3];
        if (fees) {
            if (market.accruedFees(c) != 0) market.withdrawFees(c);
        } else if (market.creditOf(RECEIVER, c) != 0) {
            market.withdraw(c, RECEIVER);
        }
    }

    function setFee(uint16 feeBps) external {
        market.setFee(uint16(bound(feeBps, 0, 1000)));
    }

    function rebase(uint16 bps) external {
        RebasingERC20(currencies[2]).rebase(int256(bound(bps, 0, 500)));
        rebased = true;
    }
}

contract AIMMarketplaceTokenInvariantTest is Test {
    MarketplaceTokenHandler internal handler;

    function setUp() public {
        handler = new MarketplaceTokenHandler();
        targetContract(address(handler));
    }

    /// The marketplace holds exactly its accrued fees plus unwithdrawn credits in each token; a payment that
    /// delivered less is never accepted; only a rebasing token's upward rebase leaves a surplus.
    function invariant_tokenBalanceIsWhatItOwes() public view {
        AIMMarketplace market = handler.market();
        assertFalse(handler.shortPaymentAccepted(), "a short payment was credited");
        for (uint256 k; k < 3; ++k) {
            address c = handler.currencies(k);
            uint256 owed = market.accruedFees(c) + market.creditOf(handler.RECEIVER(), c)
                + market.creditOf(handler.SELLER(), c) + market.creditOf(handler.BUYER(), c);
            uint256 balance = MockERC20(c).balanceOf(address(market));
            if (k == 2 && handler.rebased()) assertGe(balance, owed, "the marketplace owes more than it holds");
            else assertEq(balance, owed, "the marketplace's balance is what it owes");
        }
    }
}
