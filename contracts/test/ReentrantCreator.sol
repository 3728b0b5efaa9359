// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {AIMRegistry} from "../AIMRegistry.sol";

/// @dev TEST ONLY. A contract creator that, when its initial licenses arrive, re-enters the registry once to mint
/// `reentryAmount` more to itself (to show the max supply holds against re-entry from an ERC-1155 receiver).
contract ReentrantCreator is ERC1155Holder {
    AIMRegistry public immutable registry;
    uint256 public reentryAmount;
    bool private _entered;

    constructor(AIMRegistry registry_) {
        registry = registry_;
    }

    function publish(AIMRegistry.PublishParams calldata p, uint256 reentryAmount_) external returns (uint256) {
        reentryAmount = reentryAmount_;
        _entered = false;
        return registry.publish(p);
    }

    function onERC1155Received(address, address, uint256 id, uint256, bytes memory)
        public
        override
        returns (bytes4)
    {
        if (!_entered && reentryAmount != 0) {
            _entered = true;
            registry.mint(id, address(this), reentryAmount);
        }
        return this.onERC1155Received.selector;
    }
}
