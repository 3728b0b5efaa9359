// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev Test-only contract account with no token receiver hooks: it forwards calls and bubbles reverts. The
/// other test accounts (EthRejecter, ReentrantReceiver) inherit its `execute`.
contract PlainCaller {
    function execute(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        return ret;
    }
}
