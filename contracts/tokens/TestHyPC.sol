// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestHyPC
/// @notice FOR TESTS AND LOCAL CHAINS ONLY: never deploy to a public network. A 6-decimal stand-in for
/// HyperCycle's HyPC whose {mint} is a public faucet: anyone may mint any amount to anyone, so it has no value.
contract TestHyPC is ERC20 {
    constructor() ERC20("Test HyPC", "tHyPC") {}

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
