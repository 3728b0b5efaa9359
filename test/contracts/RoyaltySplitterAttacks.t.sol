// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {RoyaltySplitter} from "../../contracts/RoyaltySplitter.sol";
import {RoyaltySplitterFactory} from "../../contracts/RoyaltySplitterFactory.sol";
import {EthRejecter} from "../../contracts/test/EthRejecter.sol";

/// @dev Issue 12, finding 7 (splitter): before the fix, releaseAll forwarded all gas to each payee, so one payee
/// that burns gas made it revert for everyone (this test failed: "a payee was blocked: 0 != 1e18").
contract RoyaltySplitterAttacks is Test {
    RoyaltySplitter internal splitter;
    EthRejecter internal burner;

    function setUp() public {
        burner = new EthRejecter();
        burner.setMode(2);
        address[] memory payees = new address[](3);
        payees[0] = address(burner);
        payees[1] = address(0xA1);
        payees[2] = address(0xB2);
        uint256[] memory shares = new uint256[](3);
        shares[0] = shares[1] = shares[2] = 1;
        splitter = RoyaltySplitter(payable(new RoyaltySplitterFactory().createSplitter(payees, shares)));
        vm.deal(address(splitter), 3 ether);
    }

    function test_attack7_gasBurningPayeeCannotBlockReleaseAll() public {
        try splitter.releaseAll{gas: 1_000_000}() {} catch {}
        assertEq(address(0xA1).balance, 1 ether, "a payee was blocked");
        assertEq(address(0xB2).balance, 1 ether, "a payee was blocked");
        assertEq(splitter.releasable(address(burner)), 1 ether, "the burner keeps its due");
        // The burner's due stays its own: released to it alone, never to anyone else.
        burner.setMode(0);
        splitter.release(payable(address(burner)));
        assertEq(address(burner).balance, 1 ether);
    }

    /// A caller that sends too little gas cannot make payees fail and be recorded as refusing.
    function test_releaseAllWithTooLittleGasReverts() public {
        vm.expectPartialRevert(RoyaltySplitter.RoyaltySplitterInsufficientGas.selector);
        splitter.releaseAll{gas: 60_000}();
        assertEq(splitter.releasable(address(0xA1)), 1 ether);
    }
}
