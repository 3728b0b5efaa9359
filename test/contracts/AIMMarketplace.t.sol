// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {AIMMarketplace} from "../../contracts/AIMMarketplace.sol";
import {IAIMMarketplace} from "../../contracts/interfaces/IAIMMarketplace.sol";
import {MockERC1155Royalty} from "../../contracts/test/MockERC1155Royalty.sol";
import {MockERC20} from "../../contracts/test/MockERC20.sol";

/// @dev Fuzz tests of AIMMarketplace's settlement, each paired with a concrete example of the same property.
contract AIMMarketplaceTest is Test {
    AIMMarketplace internal market;
    MockERC1155Royalty internal token;
    MockERC20 internal usdc;
    address internal treasury = address(0x7EA5);
    address internal seller = address(0x5E11);
    address internal buyer = address(0xB0B);
    address internal royaltyReceiver = address(0x2981);
    uint256 internal constant ID = 7;
    address internal constant ETH = address(0);

    function setUp() public {
        usdc = new MockERC20("Test USD Coin", "tUSDC", 6);
        address[] memory allowed = new address[](1);
        allowed[0] = address(usdc);
        market = new AIMMarketplace(address(this), treasury, 250, allowed);
        token = new MockERC1155Royalty();
        token.mint(seller, ID, type(uint64).max);
        vm.prank(seller);
        token.setApprovalForAll(address(market), true);
    }

    /*//////////////////////////////////////////////////////////////
                 THE SELLER'S MAXIMUM FEE (issue 12)
    //////////////////////////////////////////////////////////////*/

    /// A fee raised while a listing is in flight makes the listing revert; the fee is then snapshotted, so no later
    /// change reaches it.
    function testFuzz_listRefusesAFeeAboveTheSellersMaximum(uint16 feeBps, uint16 maxFeeBps) public {
        feeBps = uint16(bound(feeBps, 0, 1000));
        market.setFee(feeBps);
        vm.prank(seller);
        if (feeBps > maxFeeBps) {
            vm.expectRevert(
                abi.encodeWithSelector(IAIMMarketplace.MarketplaceFeeAboveSellerMax.selector, feeBps, maxFeeBps)
            );
        }
        market.list(address(token), ID, 0, ETH, 1 ether, 1, block.timestamp + 1 days, maxFeeBps);
        if (feeBps <= maxFeeBps) {
            market.setFee(1000);
            (,,, uint16 snapshot) = market.getListing(market.listingId(seller, address(token), ID, 0, ETH));
            assertEq(snapshot, feeBps);
        }
    }

    function test_listRefusesAFeeAboveTheSellersMaximum() public {
        testFuzz_listRefusesAFeeAboveTheSellersMaximum(300, 250);
    }

    /*//////////////////////////////////////////////////////////////
                 BUYER PAID = SELLER + ROYALTY + FEE + REFUND
    //////////////////////////////////////////////////////////////*/

    /// @dev Lists, buys `buyQty` with `overpay` extra wei and checks every wei is accounted for.
    function _checkEthSplit(
        uint16 feeBps,
        uint96 royaltyBps,
        uint96 price,
        uint64 quantity,
        uint64 buyQty,
        uint256 overpay
    ) internal {
        market.setFee(feeBps);
        token.setTokenRoyalty(ID, royaltyReceiver, royaltyBps);
        vm.prank(seller);
        market.list(address(token), ID, 0, ETH, price, quantity, block.timestamp + 1 days, 1000);

        uint256 total = uint256(price) * buyQty;
        vm.deal(buyer, total + overpay);
        uint256 sellerBefore = seller.balance;
        vm.prank(buyer);
        market.buy{value: total + overpay}(seller, address(token), ID, 0, ETH, buyQty, price);

        uint256 paid = total + overpay - buyer.balance;
        uint256 toSeller = seller.balance - sellerBefore;
        uint256 royalty = market.creditOf(royaltyReceiver, ETH);
        uint256 fee = market.accruedFees(ETH);
        assertEq(buyer.balance, overpay, "excess refunded");
        assertEq(paid, toSeller + royalty + fee, "buyer paid = seller + royalty + fee");
        assertEq(fee, total * feeBps / 10_000, "fee");
        uint256 asked = total * royaltyBps / 10_000;
        uint256 cap = total / 10;
        assertEq(royalty, asked < cap ? asked : cap, "royalty capped at 10%");
        assertEq(address(market).balance, royalty + fee, "marketplace holds exactly what it owes");
        assertEq(token.balanceOf(buyer, ID), buyQty);
    }

    function test_EthSplit_Example() public {
        // 3 units at 1 ETH, 2.5% fee, 7.5% royalty, 0.5 ETH overpaid.
        _checkEthSplit(250, 750, 1 ether, 5, 3, 0.5 ether);
        assertEq(market.accruedFees(ETH), 0.075 ether);
        assertEq(market.creditOf(royaltyReceiver, ETH), 0.225 ether);
    }

    function test_EthSplit_RoyaltyAboveCap_Example() public {
        _checkEthSplit(1000, 5000, 1 ether, 1, 1, 0);
        assertEq(market.creditOf(royaltyReceiver, ETH), 0.1 ether);
        assertEq(seller.balance, 0.8 ether);
    }

    function testFuzz_EthSplit(
        uint16 feeBps,
        uint96 royaltyBps,
        uint96 price,
        uint64 quantity,
        uint64 buyQty,
        uint128 overpay
    ) public {
        feeBps = uint16(_bound(feeBps, 0, 1000));
        royaltyBps = uint96(_bound(royaltyBps, 0, 10_000));
        price = uint96(_bound(price, 1, type(uint96).max));
        quantity = uint64(_bound(quantity, 1, type(uint64).max));
        buyQty = uint64(_bound(buyQty, 1, quantity));
        _checkEthSplit(feeBps, royaltyBps, price, quantity, buyQty, overpay);
    }

    function _checkErc20Split(uint16 feeBps, uint96 royaltyBps, uint96 price, uint64 buyQty) internal {
        market.setFee(feeBps);
        token.setTokenRoyalty(ID, royaltyReceiver, royaltyBps);
        vm.prank(seller);
        market.list(address(token), ID, 0, address(usdc), price, buyQty, block.timestamp + 1 days, 1000);
        uint256 total = uint256(price) * buyQty;
        usdc.mint(buyer, total);
        vm.startPrank(buyer);
        usdc.approve(address(market), total);
        market.buy(seller, address(token), ID, 0, address(usdc), buyQty, price);
        vm.stopPrank();

        uint256 royalty = market.creditOf(royaltyReceiver, address(usdc));
        uint256 fee = market.accruedFees(address(usdc));
        assertEq(usdc.balanceOf(buyer), 0, "buyer paid exactly the total");
        assertEq(usdc.balanceOf(seller) + royalty + fee, total, "buyer paid = seller + royalty + fee");
        assertEq(usdc.balanceOf(address(market)), royalty + fee, "marketplace holds exactly what it owes");
    }

    function test_Erc20Split_Example() public {
        _checkErc20Split(250, 500, 25_000_000, 4); // 4 x 25 tUSDC
        assertEq(usdc.balanceOf(seller), 92_500_000);
    }

    function test_Erc20Split_NoFeeNoRoyalty_Example() public {
        _checkErc20Split(0, 0, 25_000_000, 2); // nothing for the marketplace to collect
        assertEq(usdc.balanceOf(seller), 50_000_000);
        assertEq(usdc.balanceOf(address(market)), 0);
    }

    function testFuzz_Erc20Split(uint16 feeBps, uint96 royaltyBps, uint96 price, uint64 buyQty) public {
        feeBps = uint16(_bound(feeBps, 0, 1000));
        royaltyBps = uint96(_bound(royaltyBps, 0, 10_000));
        price = uint96(_bound(price, 1, type(uint96).max));
        buyQty = uint64(_bound(buyQty, 1, type(uint64).max));
        _checkErc20Split(feeBps, royaltyBps, price, buyQty);
    }

    /*//////////////////////////////////////////////////////////////
                     NOTHING SELLS PAST ITS QUANTITY
    //////////////////////////////////////////////////////////////*/

    /// @dev Tries each buy in `buys` (bounded to 1..2*quantity) and checks the sold total never exceeds
    /// `quantity`, that a buy succeeds exactly when it fits, and that `remaining` tracks the sales.
    function _checkQuantity(uint64 quantity, uint64[] memory buys) internal {
        vm.prank(seller);
        market.list(address(token), ID, 0, ETH, 1 gwei, quantity, block.timestamp + 1 days, 1000);
        bytes32 id = market.listingId(seller, address(token), ID, 0, ETH);
        uint256 sold;
        vm.deal(buyer, type(uint128).max);
        for (uint256 i; i < buys.length; ++i) {
            uint256 q = _bound(buys[i], 1, uint256(quantity) * 2);
            uint256 left = quantity - sold;
            vm.prank(buyer);
            if (q > left) {
                if (left == 0) {
                    vm.expectRevert(abi.encodeWithSelector(IAIMMarketplace.MarketplaceListingSoldOut.selector, id));
                } else {
                    vm.expectRevert(
                        abi.encodeWithSelector(
                            IAIMMarketplace.MarketplaceInsufficientQuantity.selector, id, q, left
                        )
                    );
                }
                market.buy{value: q * 1 gwei}(seller, address(token), ID, 0, ETH, q, 1 gwei);
            } else {
                market.buy{value: q * 1 gwei}(seller, address(token), ID, 0, ETH, q, 1 gwei);
                sold += q;
            }
            (, uint256 remaining,,) = market.getListing(id);
            assertEq(remaining, quantity - sold);
        }
        assertLe(sold, quantity);
        assertEq(token.balanceOf(buyer, ID), sold);
    }

    function test_Quantity_Example() public {
        uint64[] memory buys = new uint64[](4);
        buys[0] = 2;
        buys[1] = 4; // only 3 left: reverts
        buys[2] = 3;
        buys[3] = 1; // sold out: reverts
        _checkQuantity(5, buys);
        assertEq(token.balanceOf(buyer, ID), 5);
    }

    function testFuzz_Quantity(uint64 quantity, uint64[] memory buys) public {
        quantity = uint64(_bound(quantity, 1, 1000));
        vm.assume(buys.length <= 16);
        _checkQuantity(quantity, buys);
    }
}
