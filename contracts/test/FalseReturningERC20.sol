// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev TEST ONLY. An ERC-20 whose transfers return false instead of reverting once `failing` is set (old
/// tokens such as early USDT do this): SafeERC20 must turn that into SafeERC20FailedOperation.
contract FalseReturningERC20 is ERC20 {
    bool public failing;

    constructor() ERC20("False", "FLS") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFailing(bool failing_) external {
        failing = failing_;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        return failing ? false : super.transfer(to, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        return failing ? false : super.transferFrom(from, to, value);
    }
}
