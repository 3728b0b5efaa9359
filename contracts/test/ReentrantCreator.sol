// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {AIMRegistry} from "../AIMRegistry.sol";

/// @dev TEST ONLY. A contract creator that, when its initial licenses arrive, re-enters the registry once to mint
/// `reentryAmount` more to itself (to show the max supply holds against re-entry from an ERC-1155 receiver).
contract ReentrantCreator is IERC1155Receiver {
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

    function onERC1155Received(address, address, uint256 id, uint256, bytes calldata) external returns (bytes4) {
        if (!_entered && reentryAmount != 0) {
            _entered = true;
            registry.mint(id, address(this), reentryAmount);
        }
        return IERC1155Receiver.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata, uint256[] calldata, bytes calldata)
        external
        pure
        returns (bytes4)
    {
        return IERC1155Receiver.onERC1155BatchReceived.selector;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }
}
