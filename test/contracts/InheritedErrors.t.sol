// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Test} from "forge-std/Test.sol";
import {AIMRegistry} from "../../contracts/AIMRegistry.sol";
import {PaymentChannels} from "../../contracts/PaymentChannels.sol";
import {RoyaltySplitterFactory} from "../../contracts/RoyaltySplitterFactory.sol";

/// @dev The errors the production contracts inherit from OpenZeppelin, each reached the way a user reaches it
/// (scripts/check-coverage.mjs requires a revert assertion for every error of every production ABI; the few
/// that cannot be reached are listed there with the reason). AIMMarketplace's (SafeERC20FailedOperation) is in
/// AIMMarketplaceAttacks.t.sol: instrumented for coverage, AIMMarketplace beside the other three contracts in one
/// compile job overflows solc-js's memory.
contract InheritedErrorsTest is Test {
    AIMRegistry internal registry;
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    uint256 internal aimId;

    function setUp() public {
        registry = new AIMRegistry(address(new RoyaltySplitterFactory()));
        AIMRegistry.PublishParams memory p;
        p.manifestURI = "ipfs://manifest";
        p.manifestHash = keccak256("manifest");
        p.royaltyReceiver = alice;
        p.initialHolder = alice;
        p.initialAmount = 2;
        aimId = registry.publish(p);
    }

    function test_transferringMoreLicensesThanHeld() public {
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, alice, 2, 3, aimId)
        );
        registry.safeTransferFrom(alice, bob, aimId, 3, "");
    }

    function test_transferringSomeoneElsesLicenses() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, bob, alice));
        registry.safeTransferFrom(alice, bob, aimId, 1, "");
    }

    function test_approvingTheZeroAddress() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidOperator.selector, address(0)));
        registry.setApprovalForAll(address(0), true);
    }

    function test_balanceOfBatchWithMismatchedLengths() public {
        address[] memory accounts = new address[](2);
        uint256[] memory ids = new uint256[](1);
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidArrayLength.selector, 1, 2));
        registry.balanceOfBatch(accounts, ids);
    }

    function test_transferFromTheZeroAddress() public {
        // Only reachable by a caller that is address(0) itself, as a chain's system calls could be.
        vm.prank(address(0));
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidSender.selector, address(0)));
        registry.safeTransferFrom(address(0), bob, aimId, 1, "");
    }

    function test_unpausingChannelsThatAreNotPaused() public {
        address[] memory none = new address[](0);
        PaymentChannels channels = new PaymentChannels(address(this), address(registry), none);
        vm.expectRevert(Pausable.ExpectedPause.selector);
        channels.unpause();
    }
}
