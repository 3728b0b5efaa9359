// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev Test-only ERC-20 that, on every transfer, calls `hookTarget` with `hookData` (an attacker's
/// re-entry) and records the outcome; the transfer goes through whatever the hook does.
contract HookedERC20 is ERC20 {
    address public hookTarget;
    bytes public hookData;
    bool public hookSucceeded;
    bytes public hookRevertData;
    uint256 public hookCalls;

    constructor() ERC20("Hooked", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address target = hookTarget;
        if (target != address(0) && from != address(0) && to != address(0)) {
            ++hookCalls;
            (bool ok, bytes memory ret) = target.call(hookData);
            hookSucceeded = ok;
            hookRevertData = ret;
        }
    }
}
