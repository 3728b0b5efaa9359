// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title X402Vault: the x402 `payTo` address of one (AIM, node) pair.
/// @notice Deployed by X402Settlement as EIP-1167 clones at a CREATE2 address per (aimId, node). Payers' EIP-3009
/// authorizations name it as `to`; only X402Settlement can move what it holds, and only to itself, where the
/// royalty of that one AIM is taken out. Anyone may send it tokens; nothing else can take them out.
/// @dev Clones run this code: the immutable is the settlement contract that deployed the implementation.
contract X402Vault {
    using SafeERC20 for IERC20;

    address private immutable _SETTLEMENT;

    error X402VaultNotSettlement(address caller);

    constructor() {
        _SETTLEMENT = msg.sender;
    }

    /// @notice Moves the vault's whole balance of `token` to X402Settlement (X402Settlement only).
    /// @return amount What the vault held.
    function sweep(address token) external returns (uint256 amount) {
        if (msg.sender != _SETTLEMENT) revert X402VaultNotSettlement(msg.sender);
        amount = IERC20(token).balanceOf(address(this));
        if (amount != 0) IERC20(token).safeTransfer(msg.sender, amount);
    }
}
