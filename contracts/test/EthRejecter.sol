// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";

/// @dev Test-only account that refuses ETH (mode 1) or burns all the gas it is given (mode 2), yet can
/// act (list, approve, buy, withdraw) through `execute`.
contract EthRejecter is ERC1155Holder {
    uint8 public mode = 1;

    function setMode(uint8 m) external {
        mode = m;
    }

    function execute(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        return ret;
    }

    receive() external payable {
        if (mode == 1) revert("EthRejecter: no ETH");
        if (mode == 2) {
            while (true) {}
        }
    }
}
