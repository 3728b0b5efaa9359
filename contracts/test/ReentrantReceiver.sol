// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {PlainCaller} from "./PlainCaller.sol";

/// @dev Test-only attacker: when it receives ETH or an ERC-1155 it re-enters `target` with `data`
/// once and records whether that call succeeded and what it reverted with; it then accepts the
/// ETH/token (or, with `failAfter`, reverts so the outer transfer fails).
contract ReentrantReceiver is PlainCaller, ERC1155Holder {
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

    receive() external payable {
        _attack();
    }

    function onERC1155Received(address, address, uint256, uint256, bytes memory) public override returns (bytes4) {
        _attack();
        return this.onERC1155Received.selector;
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
