// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/// @dev Test-only attacker: when it receives ETH or an ERC-1155 it re-enters `target` with `data`
/// once and records whether that call succeeded and what it reverted with; it then accepts the
/// ETH/token (or, with `failAfter`, reverts so the outer transfer fails).
contract ReentrantReceiver is IERC1155Receiver {
    address public target;
    bytes public data;
    bool public failAfter;
    uint256 public attempts;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    function setAttack(address target_, bytes calldata data_, bool failAfter_) external {
        target = target_;
        data = data_;
        failAfter = failAfter_;
    }

    function execute(address to, uint256 value, bytes calldata callData) external payable returns (bytes memory) {
        (bool ok, bytes memory ret) = to.call{value: value}(callData);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        return ret;
    }

    receive() external payable {
        _attack();
    }

    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external returns (bytes4) {
        _attack();
        return this.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata, uint256[] calldata, bytes calldata)
        external
        pure
        returns (bytes4)
    {
        return this.onERC1155BatchReceived.selector;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }

    function _attack() private {
        if (target == address(0)) return;
        ++attempts;
        (bool ok, bytes memory ret) = target.call(data);
        reentrySucceeded = ok;
        reentryRevertData = ret;
        require(!failAfter, "ReentrantReceiver: failing after attack");
    }
}
