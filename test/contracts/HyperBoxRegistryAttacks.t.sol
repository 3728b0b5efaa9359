// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {AIMRegistry} from "../../contracts/AIMRegistry.sol";
import {HyperBoxRegistry} from "../../contracts/HyperBoxRegistry.sol";
import {RoyaltySplitterFactory} from "../../contracts/RoyaltySplitterFactory.sol";

/// @dev Issue 12, finding 4 (HyperBoxRegistry): before the fix one license backed any number of serving nodes
/// (test_attack4_oneLicenseBacksOneServingNode failed: "a second node serves on the same license"), and an offer
/// stayed active after its operator sold the license.
contract HyperBoxRegistryAttacks is Test {
    AIMRegistry internal registry;
    HyperBoxRegistry internal hyperbox;
    address internal operator = address(0xB0B);
    uint256 internal aim;
    uint256 internal a;
    uint256 internal b;

    function setUp() public {
        registry = new AIMRegistry(address(new RoyaltySplitterFactory()));
        AIMRegistry.PublishParams memory p;
        p.manifestURI = "ipfs://manifest";
        p.manifestHash = keccak256("manifest");
        p.royaltyReceiver = address(0xC0FFEE);
        p.initialHolder = operator;
        p.initialAmount = 1;
        aim = registry.publish(p);
        hyperbox = new HyperBoxRegistry(address(registry));
        vm.startPrank(operator);
        a = hyperbox.registerNode("https://a", "{}", "eu");
        b = hyperbox.registerNode("https://b", "{}", "eu");
        hyperbox.setOffer(a, aim, 1, address(0), 100);
        vm.stopPrank();
    }

    function test_attack4_oneLicenseBacksOneServingNode() public {
        vm.prank(operator);
        try hyperbox.setOffer(b, aim, 1, address(0), 100) {} catch {}
        (HyperBoxRegistry.Offer memory ob,) = hyperbox.offer(b, aim);
        assertFalse(ob.active, "a second node serves on the same license");
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(HyperBoxRegistry.HyperBoxRegistryLicensesInUse.selector, operator, aim, 1, 1));
        hyperbox.setOffer(b, aim, 1, address(0), 100);
        // A second license backs a second node; re-pricing an active offer needs no new license.
        registry.mint(aim, operator, 1);
        vm.startPrank(operator);
        hyperbox.setOffer(b, aim, 1, address(0), 100);
        hyperbox.setOffer(b, aim, 2, address(0), 90);
        vm.stopPrank();
        assertEq(hyperbox.servingCount(operator, aim), 2);
        assertTrue(hyperbox.offerActive(a, aim) && hyperbox.offerActive(b, aim));
    }

    /// An offer whose operator sold its license is inactive at once, and active again when a license returns.
    function test_attack4_offerOfAnOperatorWithoutLicenseIsInactive() public {
        assertTrue(hyperbox.offerActive(a, aim));
        vm.prank(operator);
        registry.safeTransferFrom(operator, address(0xDEAD), aim, 1, "");
        assertFalse(hyperbox.offerActive(a, aim), "an unlicensed operator's offer is active");
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(HyperBoxRegistry.HyperBoxRegistryNotLicensed.selector, operator, aim));
        hyperbox.setOffer(a, aim, 1, address(0), 50);
        vm.prank(address(0xDEAD));
        registry.safeTransferFrom(address(0xDEAD), operator, aim, 1, "");
        assertTrue(hyperbox.offerActive(a, aim));
    }

    /// Over-committed (2 nodes, 1 license left): both offers are inactive and neither can be re-priced until one
    /// node stops serving; retiring a node or an offer frees its license.
    function test_overCommittedOperatorMustFreeANode() public {
        registry.mint(aim, operator, 1);
        vm.prank(operator);
        hyperbox.setOffer(b, aim, 1, address(0), 100);
        vm.prank(operator);
        registry.safeTransferFrom(operator, address(0xDEAD), aim, 1, "");
        assertFalse(hyperbox.offerActive(a, aim));
        assertFalse(hyperbox.offerActive(b, aim));
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(HyperBoxRegistry.HyperBoxRegistryLicensesInUse.selector, operator, aim, 2, 1));
        hyperbox.setOffer(a, aim, 1, address(0), 50);
        vm.prank(operator);
        hyperbox.retireNode(b);
        assertEq(hyperbox.servingCount(operator, aim), 1);
        assertTrue(hyperbox.offerActive(a, aim));
        assertFalse(hyperbox.offerActive(b, aim));
        vm.startPrank(operator);
        hyperbox.retireOffer(a, aim);
        assertEq(hyperbox.servingCount(operator, aim), 0);
        assertFalse(hyperbox.offerActive(a, aim));
        uint256 c = hyperbox.registerNode("https://c", "{}", "eu");
        hyperbox.setOffer(c, aim, 1, address(0), 100);
        // Retiring a node whose offer was already retired frees nothing more.
        hyperbox.retireNode(a);
        vm.stopPrank();
        assertEq(hyperbox.servingCount(operator, aim), 1);
        assertTrue(hyperbox.offerActive(c, aim));
    }
}
