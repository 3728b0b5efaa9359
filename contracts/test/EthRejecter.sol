// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {PlainCaller} from "./PlainCaller.sol";

/// @dev Test-only account that refuses ETH (mode 1) or burns all the gas it is given (mode 2), yet can
/// act (list, approve, buy, withdraw) through `execute`.
contract EthRejecter is PlainCaller, ERC1155Holder {
    uint8 public mode = 1;

    function setMode(uint8 m) external {
        mode = m;
    }

    receive() external payable {
        if (mode == 1) revert("EthRejecter: no ETH");
        if (mode == 2) {
            while (true) {}
        }
    }
}
