// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Creates RoyaltySplitter clones.
/// @dev Implemented by RoyaltySplitterFactory. AIMRegistry calls it when a creator publishes an AIM
/// whose royalties are split among several payees.
interface IRoyaltySplitterFactory {
    /// @dev Emitted when `splitter` is created by `creator` (the caller of {createSplitter}) for `payees`
    /// holding `shares`.
    event SplitterCreated(address indexed splitter, address indexed creator, address[] payees, uint256[] shares);

    /// @dev The RoyaltySplitter implementation every clone delegates to.
    function implementation() external view returns (address);

    /// @dev Deploys an EIP-1167 clone of the implementation and initializes it with `payees` and
    /// `shares` (fixed for its whole life). Emits {SplitterCreated}.
    function createSplitter(address[] calldata payees, uint256[] calldata shares) external returns (address splitter);
}
