// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {AIMMarketplace} from "../../contracts/AIMMarketplace.sol";
import {IAIMMarketplace} from "../../contracts/interfaces/IAIMMarketplace.sol";
import {EthRejecter} from "../../contracts/test/EthRejecter.sol";
import {HookedERC20} from "../../contracts/test/HookedERC20.sol";
import {MockERC1155Royalty} from "../../contracts/test/MockERC1155Royalty.sol";
import {MockERC20} from "../../contracts/test/MockERC20.sol";
import {ReentrantReceiver} from "../../contracts/test/ReentrantReceiver.sol";

/// @dev Offers and bulk buy under attack: re-entry through the buyer's ERC-1155 receiver, a hooked ERC-20 and a
/// seller's ETH receiver; payees that refuse ETH. None may sell twice, pay twice, take licenses unpaid or block
/// a sale.
contract AIMMarketplaceOfferAttacksTest is Test {
    AIMMarketplace internal market;
    MockERC1155Royalty internal token;
    MockERC20 internal usdc;
    HookedERC20 internal hooked;
    address internal treasury = address(0x7EA5);
    address internal seller = address(0x5E11);
    address internal buyer = address(0xB0B);
    address internal royaltyReceiver = address(0x2981);
    uint256 internal constant ID = 1;
    uint256 internal constant PRICE = 1 ether;
    bytes4 internal constant REENTRANT = bytes4(keccak256("ReentrancyGuardReentrantCall()"));

    function setUp() public {
        usdc = new MockERC20("Test USD Coin", "tUSDC", 6);
        hooked = new HookedERC20();
        address[] memory allowed = new address[](2);
        (allowed[0], allowed[1]) = (address(usdc), address(hooked));
        market = new AIMMarketplace(address(this), treasury, 250, allowed);
        token = new MockERC1155Royalty();
        token.setTokenRoyalty(ID, royaltyReceiver, 500);
        token.mint(seller, ID, 100);
        vm.prank(seller);
        token.setApprovalForAll(address(market), true);
        vm.deal(buyer, 100 ether);
    }

    function _offer(address offerer, address currency) internal view returns (IAIMMarketplace.Offer memory) {
        return IAIMMarketplace.Offer(offerer, address(token), ID, 0, currency, PRICE, block.timestamp + 1 days, 1);
    }

    /// @dev `attacker` holds 10 ether of `currency`, approves the marketplace and offers 5 units at PRICE.
    function _offerFrom(ReentrantReceiver attacker, address currency) internal returns (IAIMMarketplace.Offer memory o) {
        MockERC20(currency).mint(address(attacker), 10 ether);
        attacker.execute(currency, 0, abi.encodeCall(usdc.approve, (address(market), type(uint256).max)));
        o = _offer(address(attacker), currency);
        attacker.execute(
            address(market),
            0,
            abi.encodeCall(market.makeOffer, (address(token), ID, 0, currency, PRICE, 5, o.expiry, o.salt))
        );
    }

    /*//////////////////////////////////////////////////////////////
                    OFFERS: RE-ENTRY THROUGH THE BUYER
    //////////////////////////////////////////////////////////////*/

    function test_BuyerReenteringAcceptFromItsReceiver_IsBlocked() public {
        ReentrantReceiver attacker = new ReentrantReceiver();
        IAIMMarketplace.Offer memory o = _offerFrom(attacker, address(usdc));
        attacker.setAttack(address(market), abi.encodeCall(market.acceptOffer, (o, 1)), false);

        vm.prank(seller);
        market.acceptOffer(o, 2);

        assertEq(bytes4(attacker.reentryRevertData()), REENTRANT);
        assertEq(token.balanceOf(address(attacker), ID), 2);
        assertEq(usdc.balanceOf(seller), 1.85 ether); // 2 - 2.5% fee - 5% royalty
        assertEq(usdc.balanceOf(address(market)), 0.15 ether);
        (, uint256 remaining,) = market.getOffer(market.offerId(o));
        assertEq(remaining, 3);
    }

    function test_BuyerCancellingFromItsReceiver_StillPaysForWhatItReceived() public {
        ReentrantReceiver attacker = new ReentrantReceiver();
        IAIMMarketplace.Offer memory o = _offerFrom(attacker, address(usdc));
        attacker.setAttack(address(market), abi.encodeCall(market.cancelOffer, (o)), false);

        vm.prank(seller);
        market.acceptOffer(o, 2);

        assertTrue(attacker.reentrySucceeded()); // the rest of the offer is withdrawn...
        assertEq(usdc.balanceOf(seller), 1.85 ether); // ...but the 2 units delivered are paid in full
        assertEq(token.balanceOf(address(attacker), ID), 2);
        (, uint256 remaining,) = market.getOffer(market.offerId(o));
        assertEq(remaining, 0);
    }

    function test_BuyerRevokingItsApprovalFromItsReceiver_RevertsTheAccept() public {
        ReentrantReceiver attacker = new ReentrantReceiver();
        IAIMMarketplace.Offer memory o = _offerFrom(attacker, address(usdc));
        attacker.setAttack(address(usdc), abi.encodeCall(usdc.approve, (address(market), 0)), false);

        vm.prank(seller);
        vm.expectRevert(); // the payment's transferFrom fails: nothing moves
        market.acceptOffer(o, 2);
        assertEq(token.balanceOf(seller, ID), 100);
        assertEq(usdc.balanceOf(address(attacker)), 10 ether);
    }

    function test_HookedErc20ReenteringAccept_IsBlocked() public {
        hooked.mint(buyer, 10 ether);
        vm.startPrank(buyer);
        hooked.approve(address(market), type(uint256).max);
        IAIMMarketplace.Offer memory o = _offer(buyer, address(hooked));
        market.makeOffer(address(token), ID, 0, address(hooked), PRICE, 5, o.expiry, o.salt);
        vm.stopPrank();
        hooked.setHook(address(market), abi.encodeCall(market.acceptOffer, (o, 1)));

        vm.prank(seller);
        market.acceptOffer(o, 1);

        assertEq(hooked.hookCalls(), 2); // proceeds to the seller, fee + royalty to the marketplace
        assertEq(bytes4(hooked.hookRevertData()), REENTRANT);
        assertEq(token.balanceOf(buyer, ID), 1);
        assertEq(hooked.balanceOf(seller), 0.925 ether);
        assertEq(hooked.balanceOf(address(market)), 0.075 ether);
    }

    /// @dev Fuzz: fee + royalty + seller = what the buyer paid, and the marketplace keeps exactly fee + royalty.
    function testFuzz_AcceptSplitsExactly(uint96 price, uint64 quantity, uint8 part) public {
        price = uint96(bound(price, 1, 1e24));
        quantity = uint64(bound(quantity, 1, 100));
        uint256 take = bound(part, 1, quantity);
        usdc.mint(buyer, uint256(price) * quantity);
        vm.startPrank(buyer);
        usdc.approve(address(market), type(uint256).max);
        market.makeOffer(address(token), ID, 0, address(usdc), price, quantity, block.timestamp + 1, 7);
        vm.stopPrank();
        IAIMMarketplace.Offer memory o =
            IAIMMarketplace.Offer(buyer, address(token), ID, 0, address(usdc), price, block.timestamp + 1, 7);
        vm.prank(seller);
        market.acceptOffer(o, take);
        uint256 total = uint256(price) * take;
        uint256 kept = market.accruedFees(address(usdc)) + market.creditOf(royaltyReceiver, address(usdc));
        assertEq(usdc.balanceOf(seller) + kept, total);
        assertEq(usdc.balanceOf(address(market)), kept);
        assertEq(market.accruedFees(address(usdc)), total * 250 / 10_000);
        assertEq(market.creditOf(royaltyReceiver, address(usdc)), total * 500 / 10_000);
    }

    function test_AcceptSplitsExactly_Example() public {
        testFuzz_AcceptSplitsExactly(3e6, 10, 4);
        assertEq(usdc.balanceOf(seller), 11.1e6); // 12e6 - 0.3e6 fee - 0.6e6 royalty
    }

    /*//////////////////////////////////////////////////////////////
                        BULK BUY: RE-ENTRY AND PAYEES
    //////////////////////////////////////////////////////////////*/

    function _items(address s1, address s2) internal view returns (IAIMMarketplace.BulkItem[] memory items) {
        items = new IAIMMarketplace.BulkItem[](2);
        items[0] = IAIMMarketplace.BulkItem(s1, address(token), ID, 0, 1, PRICE);
        items[1] = IAIMMarketplace.BulkItem(s2, address(token), ID, 0, 1, PRICE);
    }

    /// @dev `who` (a contract with `execute`) holds 5 units of ID and lists them for ETH at PRICE.
    function _listFrom(address who) internal {
        token.mint(who, ID, 5);
        ReentrantReceiver(payable(who)).execute(
            address(token), 0, abi.encodeCall(token.setApprovalForAll, (address(market), true))
        );
        ReentrantReceiver(payable(who)).execute(
            address(market),
            0,
            abi.encodeCall(market.list, (address(token), ID, 0, address(0), PRICE, 5, block.timestamp + 1 days, 1000))
        );
    }

    function test_SellerReenteringBuyManyOnProceeds_SellsOnce() public {
        ReentrantReceiver attacker = new ReentrantReceiver();
        _listFrom(address(attacker));
        vm.prank(seller);
        market.list(address(token), ID, 0, address(0), PRICE, 5, block.timestamp + 1 days, 1000);
        IAIMMarketplace.BulkItem[] memory items = _items(address(attacker), seller);
        // The shortest buyMany call: the re-entry must fit in the 50,000 gas the proceeds' push forwards.
        IAIMMarketplace.BulkItem[] memory none;
        attacker.setAttack(address(market), abi.encodeCall(market.buyMany, (none, address(0), 0, false)), false);

        vm.prank(buyer);
        market.buyMany{value: 3 * PRICE}(items, address(0), 2 * PRICE, false);

        assertEq(bytes4(attacker.reentryRevertData()), REENTRANT);
        assertEq(token.balanceOf(buyer, ID), 2);
        assertEq(address(attacker).balance, 0.925 ether);
        assertEq(seller.balance, 0.925 ether);
        assertEq(buyer.balance, 98 ether); // the third ether refunded
        assertEq(address(market).balance, 0.15 ether); // fees + royalties, nothing else
    }

    function test_BuyerReenteringBuyManyFromItsReceiver_GetsEachUnitOnce() public {
        vm.prank(seller);
        market.list(address(token), ID, 0, address(0), PRICE, 5, block.timestamp + 1 days, 1000);
        ReentrantReceiver attacker = new ReentrantReceiver();
        vm.deal(address(attacker), 10 ether);
        IAIMMarketplace.BulkItem[] memory items = _items(seller, seller);
        bytes memory data = abi.encodeCall(market.buyMany, (items, address(0), 2 * PRICE, false));
        attacker.setAttack(address(market), data, false);

        attacker.execute(address(market), 2 * PRICE, data);

        assertEq(bytes4(attacker.reentryRevertData()), REENTRANT);
        assertEq(token.balanceOf(address(attacker), ID), 2);
        (, uint256 remaining,,) = market.getListing(market.listingId(seller, address(token), ID, 0, address(0)));
        assertEq(remaining, 3);
    }

    function test_RefundRefusingBuyerAndGasBurningSeller_AreCredited() public {
        EthRejecter burner = new EthRejecter();
        burner.setMode(2); // loops until out of gas
        _listFrom(address(burner));
        EthRejecter payer = new EthRejecter(); // refuses ETH: its refund is credited
        vm.deal(address(payer), 10 ether);
        IAIMMarketplace.BulkItem[] memory items = new IAIMMarketplace.BulkItem[](1);
        items[0] = IAIMMarketplace.BulkItem(address(burner), address(token), ID, 0, 1, PRICE);

        payer.execute{gas: 1_000_000}(
            address(market), 3 * PRICE, abi.encodeCall(market.buyMany, (items, address(0), PRICE, false))
        );

        assertEq(market.creditOf(address(burner), address(0)), 0.925 ether);
        assertEq(market.creditOf(address(payer), address(0)), 2 ether);
        assertEq(token.balanceOf(address(payer), ID), 1);
        assertEq(address(market).balance, 2 ether + 0.925 ether + 0.075 ether);
    }
}
