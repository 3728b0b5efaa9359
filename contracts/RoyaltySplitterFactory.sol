// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IRoyaltySplitterFactory} from "./interfaces/IRoyaltySplitterFactory.sol";
import {RoyaltySplitter} from "./RoyaltySplitter.sol";

/// @title RoyaltySplitterFactory
/// @notice Creates cheap EIP-1167 clones of one RoyaltySplitter implementation, each with its own fixed payees
/// and shares. Anyone may create a splitter; the factory holds no funds and has no admin.
contract RoyaltySplitterFactory is IRoyaltySplitterFactory {
    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltySplitterFactory
    address public immutable implementation;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @dev Deploys the implementation; its constructor locks it so it can never be initialized itself.
    constructor() {
        implementation = address(new RoyaltySplitter());
    }

    /*//////////////////////////////////////////////////////////////
                                EXTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IRoyaltySplitterFactory
    /// @dev Reverts with the splitter's errors when `payees`/`shares` are invalid (see {RoyaltySplitter-initialize}).
    function createSplitter(address[] calldata payees, uint256[] calldata shares) external returns (address splitter) {
        splitter = Clones.clone(implementation);
        RoyaltySplitter(payable(splitter)).initialize(payees, shares);
        emit SplitterCreated(splitter, msg.sender, payees, shares);
    }
}
