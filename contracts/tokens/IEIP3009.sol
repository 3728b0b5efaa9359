// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IEIP3009: the part of EIP-3009 (USD Coin's transfer with authorization) that X402Settlement calls.
/// @dev Implemented by {EIP3009}; real USDC has the same functions.
interface IEIP3009 {
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool);
}
