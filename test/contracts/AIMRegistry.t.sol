// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {AIMRegistry} from "../../contracts/AIMRegistry.sol";
import {RoyaltySplitter} from "../../contracts/RoyaltySplitter.sol";
import {RoyaltySplitterFactory} from "../../contracts/RoyaltySplitterFactory.sol";

/// @dev Fuzz tests of AIMRegistry, each paired with a concrete example of the same property.
contract AIMRegistryTest is Test {
    AIMRegistry internal registry;
    address internal holder = address(0xB0B);
    address internal receiver = address(0xFEE);

    function setUp() public {
        registry = new AIMRegistry(address(new RoyaltySplitterFactory()));
    }

    function _params(uint96 royaltyBps, uint16 callFeeBps, uint256 maxSupply, uint256 initialAmount)
        internal
        view
        returns (AIMRegistry.PublishParams memory p)
    {
        p.manifestURI = "ipfs://manifest";
        p.manifestHash = keccak256("manifest");
        p.royaltyReceiver = receiver;
        p.royaltyBps = royaltyBps;
        p.callFeeBps = callFeeBps;
        p.maxSupply = maxSupply;
        p.initialHolder = holder;
        p.initialAmount = initialAmount;
    }

    /*//////////////////////////////////////////////////////////////
                       ROYALTIES ARE CAPPED AND EXACT
    //////////////////////////////////////////////////////////////*/

    function test_RoyaltyInfo_Example() public {
        uint256 id = registry.publish(_params(750, 300, 0, 0));
        (address to, uint256 amount) = registry.royaltyInfo(id, 1 ether);
        assertEq(to, receiver);
        assertEq(amount, 0.075 ether);
        (address callTo, uint16 callBps) = registry.callRoyalty(id);
        assertEq(callTo, receiver);
        assertEq(callBps, 300);
    }

    function testFuzz_RoyaltyInfo(uint96 royaltyBps, uint16 callFeeBps, uint128 salePrice) public {
        royaltyBps = uint96(bound(royaltyBps, 0, 1000));
        callFeeBps = uint16(bound(callFeeBps, 0, 2500));
        uint256 id = registry.publish(_params(royaltyBps, callFeeBps, 0, 0));
        (address to, uint256 amount) = registry.royaltyInfo(id, salePrice);
        assertEq(to, receiver);
        assertEq(amount, uint256(salePrice) * royaltyBps / 10_000);
        assertLe(amount, uint256(salePrice) / 10);
        (, uint16 callBps) = registry.callRoyalty(id);
        assertEq(callBps, callFeeBps);
    }

    function test_RoyaltyCaps_Example() public {
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryRoyaltyTooHigh.selector, 1001, 1000));
        registry.publish(_params(1001, 0, 0, 0));
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryCallFeeTooHigh.selector, 2501, 2500));
        registry.publish(_params(0, 2501, 0, 0));
    }

    function testFuzz_RoyaltyCaps(uint96 royaltyBps, uint16 callFeeBps) public {
        royaltyBps = uint96(bound(royaltyBps, 1001, type(uint96).max));
        callFeeBps = uint16(bound(callFeeBps, 2501, type(uint16).max));
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryRoyaltyTooHigh.selector, royaltyBps, 1000));
        registry.publish(_params(royaltyBps, 0, 0, 0));
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryCallFeeTooHigh.selector, callFeeBps, 2500));
        registry.publish(_params(0, callFeeBps, 0, 0));
        uint256 id = registry.publish(_params(0, 0, 0, 0));
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryRoyaltyTooHigh.selector, royaltyBps, 1000));
        registry.setRoyalty(id, receiver, royaltyBps, 0);
    }

    /*//////////////////////////////////////////////////////////////
                    NOTHING IS MINTED PAST THE MAX SUPPLY
    //////////////////////////////////////////////////////////////*/

    function test_MaxSupply_Example() public {
        uint256 id = registry.publish(_params(0, 0, 10, 4));
        registry.mint(id, holder, 6);
        assertEq(registry.balanceOf(holder, id), 10);
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryMaxSupplyExceeded.selector, id, 10, 11));
        registry.mint(id, holder, 1);
    }

    function testFuzz_MaxSupply(uint128 maxSupply, uint128 initialAmount, uint128[4] calldata mints) public {
        maxSupply = uint128(bound(maxSupply, 1, type(uint128).max));
        initialAmount = uint128(bound(initialAmount, 0, maxSupply));
        uint256 id = registry.publish(_params(0, 0, maxSupply, initialAmount));
        uint256 minted = initialAmount;
        for (uint256 i; i < mints.length; ++i) {
            uint256 amount = mints[i];
            if (amount == 0) continue;
            if (minted + amount > maxSupply) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        AIMRegistry.AIMRegistryMaxSupplyExceeded.selector, id, maxSupply, minted + amount
                    )
                );
                registry.mint(id, holder, amount);
            } else {
                registry.mint(id, holder, amount);
                minted += amount;
            }
            assertEq(registry.balanceOf(holder, id), minted);
            assertLe(registry.aim(id).totalMinted, maxSupply);
        }
        assertEq(registry.aim(id).totalMinted, minted);
    }

    /*//////////////////////////////////////////////////////////////
                ONLY THE CREATOR ACTS; THE HAND-OVER IS TWO-STEP
    //////////////////////////////////////////////////////////////*/

    function test_OnlyCreator_Example() public {
        uint256 id = registry.publish(_params(0, 0, 0, 0));
        vm.prank(holder);
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryNotCreator.selector, id, holder, address(this)));
        registry.mint(id, holder, 1);
    }

    function testFuzz_OnlyCreator(address stranger, address heir) public {
        vm.assume(stranger != address(this) && heir != address(0) && heir != stranger && heir != address(this));
        uint256 id = registry.publish(_params(0, 0, 0, 0));
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryNotCreator.selector, id, stranger, address(this)));
        registry.publishVersion(id, "ipfs://v2", keccak256("v2"));
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryNotCreator.selector, id, stranger, address(this)));
        registry.setRoyalty(id, stranger, 1000, 2500);
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryNotCreator.selector, id, stranger, address(this)));
        registry.transferCreator(id, stranger);
        vm.stopPrank();

        registry.transferCreator(id, heir);
        assertEq(registry.creatorOf(id), address(this));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(AIMRegistry.AIMRegistryNotPendingCreator.selector, id, stranger, heir));
        registry.acceptCreator(id);
        vm.prank(heir);
        registry.acceptCreator(id);
        assertEq(registry.creatorOf(id), heir);
        assertEq(registry.pendingCreatorOf(id), address(0));
    }

    /*//////////////////////////////////////////////////////////////
                    URI IS THE LATEST VERSION; HISTORY KEPT
    //////////////////////////////////////////////////////////////*/

    function test_Versions_Example() public {
        uint256 id = registry.publish(_params(0, 0, 0, 0));
        assertEq(registry.publishVersion(id, "ipfs://v2", keccak256("v2")), 2);
        assertEq(registry.uri(id), "ipfs://v2");
        (string memory first, bytes32 firstHash) = registry.version(id, 1);
        assertEq(first, "ipfs://manifest");
        assertEq(firstHash, keccak256("manifest"));
    }

    function testFuzz_Versions(string[] calldata uris) public {
        uint256 id = registry.publish(_params(0, 0, 0, 0));
        uint256 count = 1;
        for (uint256 i; i < uris.length && i < 8; ++i) {
            if (bytes(uris[i]).length == 0) {
                vm.expectRevert(AIMRegistry.AIMRegistryEmptyURI.selector);
                registry.publishVersion(id, uris[i], keccak256(bytes(uris[i])));
                continue;
            }
            registry.publishVersion(id, uris[i], keccak256(bytes(uris[i])));
            ++count;
            assertEq(registry.uri(id), uris[i]);
            (string memory u, bytes32 h) = registry.version(id, count);
            assertEq(u, uris[i]);
            assertEq(h, keccak256(bytes(uris[i])));
        }
        assertEq(registry.aim(id).versionCount, count);
    }

    /*//////////////////////////////////////////////////////////////
                         PUBLISH WITH A SPLITTER
    //////////////////////////////////////////////////////////////*/

    function test_PublishWithSplitter_Example() public {
        AIMRegistry.PublishParams memory p = _params(500, 100, 0, 0);
        p.royaltyReceiver = address(0);
        p.splitPayees = new address[](2);
        p.splitPayees[0] = address(0xA);
        p.splitPayees[1] = address(0xB);
        p.splitShares = new uint256[](2);
        p.splitShares[0] = 9;
        p.splitShares[1] = 1;
        uint256 id = registry.publish(p);
        (address to,) = registry.royaltyInfo(id, 100);
        RoyaltySplitter splitter = RoyaltySplitter(payable(to));
        assertEq(splitter.totalShares(), 10);
        assertEq(splitter.shares(address(0xA)), 9);
    }

    function testFuzz_PublishWithSplitter(uint8 count, uint256 seed) public {
        count = uint8(bound(count, 1, 8));
        AIMRegistry.PublishParams memory p = _params(1000, 2500, 0, 0);
        p.royaltyReceiver = address(0);
        p.splitPayees = new address[](count);
        p.splitShares = new uint256[](count);
        uint256 total;
        for (uint256 i; i < count; ++i) {
            p.splitPayees[i] = address(uint160(0x1000 + i));
            p.splitShares[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, 1e30);
            total += p.splitShares[i];
        }
        uint256 id = registry.publish(p);
        (address to,) = registry.callRoyalty(id);
        RoyaltySplitter splitter = RoyaltySplitter(payable(to));
        assertEq(splitter.totalShares(), total);
        assertEq(splitter.payees().length, count);
    }
}
