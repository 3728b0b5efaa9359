// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Test} from "forge-std/Test.sol";
import {AIMMarketplace} from "../../contracts/AIMMarketplace.sol";
import {EthRejecter} from "../../contracts/test/EthRejecter.sol";
import {FalseReturningERC20} from "../../contracts/test/FalseReturningERC20.sol";
import {HookedERC20} from "../../contracts/test/HookedERC20.sol";
import {MockERC1155Royalty} from "../../contracts/test/MockERC1155Royalty.sol";
import {ReentrantReceiver} from "../../contracts/test/ReentrantReceiver.sol";

/// @dev Re-entrancy through an ETH receiver, an ERC-1155 receiver and a hooked ERC-20, and payees that
/// refuse ETH or burn gas: none may sell twice, pay twice or block a sale.
contract AIMMarketplaceAttacksTest is Test {
    AIMMarketplace internal market;
    MockERC1155Royalty internal token;
    HookedERC20 internal hooked;
    address internal treasury = address(0x7EA5);
    address internal buyer = address(0xB0B);
    address internal royaltyReceiver = address(0x2981);
    uint256 internal constant ID = 1;
    uint256 internal constant PRICE = 1 ether;
    bytes4 internal constant REENTRANT = bytes4(keccak256("ReentrancyGuardReentrantCall()"));

    function setUp() public {
        hooked = new HookedERC20();
        address[] memory allowed = new address[](1);
        allowed[0] = address(hooked);
        market = new AIMMarketplace(address(this), treasury, 250, allowed);
        token = new MockERC1155Royalty();
        token.setTokenRoyalty(ID, royaltyReceiver, 500);
        vm.deal(buyer, 100 ether);
    }

    /// @dev `seller` (a contract with `execute`) lists `qty` units of ID for `currency`.
    function _listFrom(address seller, address currency, uint256 qty) internal {
        token.mint(seller, ID, qty);
        ReentrantReceiver(payable(seller)).execute(
            address(token), 0, abi.encodeCall(token.setApprovalForAll, (address(market), true))
        );
        ReentrantReceiver(payable(seller)).execute(
            address(market),
            0,
            abi.encodeCall(market.list, (address(token), ID, 0, currency, PRICE, qty, block.timestamp + 1 days, 1000))
        );
    }

    function _buyData(address seller, address currency) internal view returns (bytes memory) {
        return abi.encodeCall(market.buy, (seller, address(token), ID, 0, currency, 1, PRICE));
    }

    /// @dev A plain seller lists 5 units of ID for ETH; the returned buyer contract (holding 10 ether) re-enters
    /// `buy` from its onERC1155Received hook, then reverts there if `failAfter`.
    function _listForAttackingBuyer(bool failAfter) internal returns (address seller, ReentrantReceiver attacker) {
        seller = address(0x5E11);
        token.mint(seller, ID, 5);
        vm.startPrank(seller);
        token.setApprovalForAll(address(market), true);
        market.list(address(token), ID, 0, address(0), PRICE, 5, block.timestamp + 1 days, 1000);
        vm.stopPrank();
        attacker = new ReentrantReceiver();
        vm.deal(address(attacker), 10 ether);
        attacker.setAttack(address(market), _buyData(seller, address(0)), failAfter);
    }

    /*//////////////////////////////////////////////////////////////
                         RE-ENTRY THROUGH ETH RECEIVERS
    //////////////////////////////////////////////////////////////*/

    function test_SellerReenteringBuyOnProceeds_SellsOnce() public {
        ReentrantReceiver seller = new ReentrantReceiver();
        _listFrom(address(seller), address(0), 5);
        seller.setAttack(address(market), _buyData(address(seller), address(0)), false);

        vm.prank(buyer);
        market.buy{value: PRICE}(address(seller), address(token), ID, 0, address(0), 1, PRICE);

        assertFalse(seller.reentrySucceeded());
        assertEq(bytes4(seller.reentryRevertData()), REENTRANT);
        assertEq(token.balanceOf(buyer, ID), 1);
        assertEq(address(seller).balance, 0.925 ether); // 1 - 2.5% fee - 5% royalty, pushed once
        assertEq(address(market).balance, 0.075 ether); // fee + royalty, nothing else
    }

    function test_ReenteringWithdraw_PaysOnce() public {
        ReentrantReceiver seller = new ReentrantReceiver();
        _listFrom(address(seller), address(0), 5);
        // First it refuses the proceeds, so they are credited.
        seller.setAttack(address(market), "", true);
        vm.prank(buyer);
        market.buy{value: PRICE}(address(seller), address(token), ID, 0, address(0), 1, PRICE);
        assertEq(market.creditOf(address(seller), address(0)), 0.925 ether);

        // Then it withdraws and re-enters withdraw while receiving.
        seller.setAttack(address(market), abi.encodeCall(market.withdraw, (address(0), address(seller))), false);
        market.withdraw(address(0), address(seller));
        assertFalse(seller.reentrySucceeded());
        assertEq(bytes4(seller.reentryRevertData()), REENTRANT);
        assertEq(address(seller).balance, 0.925 ether);
        assertEq(market.creditOf(address(seller), address(0)), 0);
        assertEq(address(market).balance, 0.075 ether);
    }

    /*//////////////////////////////////////////////////////////////
                      RE-ENTRY THROUGH AN ERC-1155 RECEIVER
    //////////////////////////////////////////////////////////////*/

    function test_BuyerReenteringFromOnERC1155Received_GetsOneUnit() public {
        (address seller, ReentrantReceiver attacker) = _listForAttackingBuyer(false);

        attacker.execute(address(market), PRICE, _buyData(seller, address(0)));

        assertFalse(attacker.reentrySucceeded());
        assertEq(bytes4(attacker.reentryRevertData()), REENTRANT);
        assertEq(token.balanceOf(address(attacker), ID), 1);
        (, uint256 remaining,,) = market.getListing(market.listingId(seller, address(token), ID, 0, address(0)));
        assertEq(remaining, 4);
    }

    function test_BuyerReceiverReverting_RevertsTheBuyWithItsReason() public {
        (address seller, ReentrantReceiver attacker) = _listForAttackingBuyer(true);

        vm.expectRevert(bytes("ReentrantReceiver: failing after attack"));
        attacker.execute(address(market), PRICE, _buyData(seller, address(0)));
    }

    /*//////////////////////////////////////////////////////////////
                       RE-ENTRY THROUGH A HOOKED ERC-20
    //////////////////////////////////////////////////////////////*/

    function test_HookedErc20ReenteringBuy_IsBlocked() public {
        ReentrantReceiver seller = new ReentrantReceiver();
        _listFrom(address(seller), address(hooked), 5);
        hooked.mint(buyer, 10 ether);
        vm.prank(buyer);
        hooked.approve(address(market), type(uint256).max);
        // On every transfer the token calls back into buy (and the hook is the token itself).
        hooked.setHook(address(market), _buyData(address(seller), address(hooked)));

        vm.prank(buyer);
        market.buy(address(seller), address(token), ID, 0, address(hooked), 1, PRICE);

        assertEq(hooked.hookCalls(), 2); // proceeds to the seller, fee + royalty to the marketplace
        assertFalse(hooked.hookSucceeded());
        assertEq(bytes4(hooked.hookRevertData()), REENTRANT);
        assertEq(token.balanceOf(buyer, ID), 1);
        assertEq(hooked.balanceOf(address(seller)), 0.925 ether);
        assertEq(hooked.balanceOf(address(market)), 0.075 ether);
        assertEq(market.accruedFees(address(hooked)) + market.creditOf(royaltyReceiver, address(hooked)), 0.075 ether);
    }

    function test_HookedErc20ReenteringWithdraw_IsBlocked() public {
        ReentrantReceiver seller = new ReentrantReceiver();
        _listFrom(address(seller), address(hooked), 5);
        hooked.mint(buyer, 10 ether);
        vm.startPrank(buyer);
        hooked.approve(address(market), type(uint256).max);
        market.buy(address(seller), address(token), ID, 0, address(hooked), 1, PRICE);
        vm.stopPrank();

        hooked.setHook(address(market), abi.encodeCall(market.withdraw, (address(hooked), royaltyReceiver)));
        market.withdraw(address(hooked), royaltyReceiver);
        assertFalse(hooked.hookSucceeded());
        assertEq(bytes4(hooked.hookRevertData()), REENTRANT);
        assertEq(hooked.balanceOf(royaltyReceiver), 0.05 ether);
        assertEq(hooked.balanceOf(address(market)), 0.025 ether);
    }

    /*//////////////////////////////////////////////////////////////
                     PAYEES THAT REFUSE ETH OR BURN GAS
    //////////////////////////////////////////////////////////////*/

    function test_GasBurningSeller_IsCreditedAndTheSaleCompletes() public {
        EthRejecter seller = new EthRejecter();
        seller.setMode(2); // loops until out of gas
        token.mint(address(seller), ID, 1);
        seller.execute(address(token), 0, abi.encodeCall(token.setApprovalForAll, (address(market), true)));
        seller.execute(
            address(market),
            0,
            abi.encodeCall(market.list, (address(token), ID, 0, address(0), PRICE, 1, block.timestamp + 1 days, 1000))
        );
        vm.prank(buyer);
        market.buy{value: PRICE, gas: 500_000}(address(seller), address(token), ID, 0, address(0), 1, PRICE);
        assertEq(market.creditOf(address(seller), address(0)), 0.925 ether);
        assertEq(token.balanceOf(buyer, ID), 1);
    }

    /// @dev OpenZeppelin's SafeERC20FailedOperation, inherited into the ABI (moved from InheritedErrors.t.sol).
    function test_aTokenThatReturnsFalseIsRefused() public {
        FalseReturningERC20 falseToken = new FalseReturningERC20();
        address[] memory allowed = new address[](1);
        allowed[0] = address(falseToken);
        AIMMarketplace fresh = new AIMMarketplace(address(this), address(0x7EA5), 250, allowed);
        MockERC1155Royalty licenses = new MockERC1155Royalty();
        licenses.mint(address(0xA11CE), 1, 1);
        vm.startPrank(address(0xA11CE));
        licenses.setApprovalForAll(address(fresh), true);
        fresh.list(address(licenses), 1, 0, address(falseToken), 100, 1, block.timestamp + 1 days, 1000);
        vm.stopPrank();
        falseToken.mint(address(0xB0B), 100);
        falseToken.setFailing(true);
        vm.startPrank(address(0xB0B));
        falseToken.approve(address(fresh), 100);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(falseToken)));
        fresh.buy(address(0xA11CE), address(licenses), 1, 0, address(falseToken), 1, 100);
        vm.stopPrank();
    }
}
