// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {AIMRegistry} from "../../contracts/AIMRegistry.sol";
import {RoyaltySplitterFactory} from "../../contracts/RoyaltySplitterFactory.sol";

/// @dev Issue 12, finding 5 (registry side): the per-call royalty is read live by PaymentChannels, so a change
/// must be bounded: a decrease or a new receiver applies at once, an increase only {CALL_FEE_NOTICE} after it is
/// announced. Before the fix an increase applied at once (test_attack5_royaltyIncreaseWaitsForNotice failed:
/// "the increase applied at once: 2000 != 250").
contract AIMRegistryCallFeeTest is Test {
    AIMRegistry internal registry;
    address internal receiver = address(0xFEE);
    address internal holder = address(0xB0B);
    uint256 internal aim;

    function setUp() public {
        registry = new AIMRegistry(address(new RoyaltySplitterFactory()));
        AIMRegistry.PublishParams memory p;
        p.manifestURI = "ipfs://manifest";
        p.manifestHash = keccak256("manifest");
        p.royaltyReceiver = receiver;
        p.callFeeBps = 250;
        p.initialHolder = holder;
        p.initialAmount = 1;
        aim = registry.publish(p);
    }

    function test_attack5_royaltyIncreaseWaitsForNotice() public {
        uint256 at = block.timestamp + 7 days;
        vm.expectEmit(address(registry));
        emit AIMRegistry.CallFeeIncreaseScheduled(aim, 2000, at);
        registry.setRoyalty(aim, receiver, 0, 2000);
        (, uint16 bps) = registry.callRoyalty(aim);
        assertEq(bps, 250, "the increase applied at once");
        (uint16 pending, uint256 effectiveAt) = registry.pendingCallFee(aim);
        assertEq(pending, 2000);
        assertEq(effectiveAt, at);
        // Setting the same increase again (e.g. with a new receiver) keeps its date; the receiver moves at once.
        vm.warp(at - 1);
        registry.setRoyalty(aim, address(0xFE5), 0, 2000);
        (address to, uint16 feeBps, bool licensed) = registry.callTerms(aim, holder);
        assertEq(to, address(0xFE5));
        assertEq(feeBps, 250);
        assertTrue(licensed);
        vm.warp(at);
        (, bps) = registry.callRoyalty(aim);
        assertEq(bps, 2000);
        (pending, effectiveAt) = registry.pendingCallFee(aim);
        assertEq(pending, 0);
        assertEq(effectiveAt, 0);
    }

    /// Any sequence of changes: the rate in force never rises without CALL_FEE_NOTICE since it was announced,
    /// and a decrease applies at once.
    function testFuzz_callFeeNeverRisesWithoutNotice(uint16[6] memory rates, uint32[6] memory waits) public {
        uint16 inForce = 250;
        uint16 announced;
        uint256 announcedAt;
        for (uint256 i; i < rates.length; ++i) {
            uint16 rate = uint16(bound(rates[i], 0, 2500));
            (, uint16 before) = registry.callRoyalty(aim);
            registry.setRoyalty(aim, receiver, 0, rate);
            (, uint16 now_) = registry.callRoyalty(aim);
            if (rate <= before) {
                assertEq(now_, rate, "a decrease applies at once");
                announced = 0;
            } else {
                assertEq(now_, before, "an increase waits");
                if (rate != announced) (announced, announcedAt) = (rate, block.timestamp);
            }
            inForce = now_;
            vm.warp(block.timestamp + bound(waits[i], 0, 10 days));
            (, now_) = registry.callRoyalty(aim);
            if (now_ > inForce) {
                assertEq(now_, announced);
                assertGe(block.timestamp, announcedAt + 7 days, "an increase applied before its notice");
            }
        }
    }

    function test_callTermsOfAnUnknownAIMReverts() public {
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryUnknownAIM.selector, 9));
        registry.callTerms(9, holder);
        (,, bool licensed) = registry.callTerms(aim, address(0xDEAD));
        assertFalse(licensed);
    }
}
