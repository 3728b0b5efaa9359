// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev Test-only rebasing ERC-20 (stETH-like): balances are shares times an index that `rebase` moves. A transfer
/// of `amount` moves `amount / index` shares, rounded down, so the recipient may get a unit less than `amount`.
contract RebasingERC20 {
    uint256 private constant _ONE = 1e18;
    string public constant name = "Rebasing";
    string public constant symbol = "REB";
    uint8 public constant decimals = 18;
    uint256 public index = 1.1e18;
    uint256 public totalShares;
    mapping(address account => uint256) public sharesOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function totalSupply() external view returns (uint256) {
        return totalShares * index / _ONE;
    }

    function balanceOf(address account) external view returns (uint256) {
        return sharesOf[account] * index / _ONE;
    }

    function mint(address to, uint256 amount) external {
        uint256 shares = amount * _ONE / index + 1;
        sharesOf[to] += shares;
        totalShares += shares;
    }

    /// @dev Moves every balance by `bps` basis points up (positive) or down (negative).
    function rebase(int256 bps) external {
        index = uint256(int256(index) * (10_000 + bps) / 10_000);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 shares = amount * _ONE / index;
        sharesOf[from] -= shares;
        sharesOf[to] += shares;
        emit Transfer(from, to, amount);
    }
}
