// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {EIP3009} from "./EIP3009.sol";

/// @title TestUSDC
/// @notice FOR TESTS AND LOCAL CHAINS ONLY: never deploy to a public network. A 6-decimal stand-in for
/// USD Coin (USDC) whose {mint} is a public faucet: anyone may mint any amount to anyone, so it has no value.
/// Like USDC it has EIP-3009 (transfer / receive / cancel with authorization), EIP-712 domain
/// {name: "Test USD Coin", version: "2"}, so x402 `exact` payments work on a local chain.
contract TestUSDC is EIP3009 {
    constructor() ERC20("Test USD Coin", "tUSDC") EIP712("Test USD Coin", "2") {}

    /// @notice Mints `amount` (6 decimals) to `to`. Anyone may call: this is a faucet.
    /// @dev Emits {Transfer} from the zero address.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice 6, like the real token.
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
