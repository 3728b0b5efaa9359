// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {EIP3009} from "../tokens/EIP3009.sol";

/// @dev TEST ONLY. An EIP-3009 token whose transfers to a blocked account revert (USDC's blocklist) and which can
/// take a fee of `feeBps` on every transfer (delivers less than it says).
contract HostileEIP3009 is EIP3009 {
    error Blocked(address account);

    mapping(address => bool) public blocked;
    uint256 public feeBps;

    constructor() ERC20("Hostile USD", "hUSD") EIP712("Hostile USD", "2") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function setFeeBps(uint256 bps) external {
        feeBps = bps;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[to]) revert Blocked(to);
        uint256 fee = from == address(0) ? 0 : (value * feeBps) / 10_000;
        if (fee != 0) super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
