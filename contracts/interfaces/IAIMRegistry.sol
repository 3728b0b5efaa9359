// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";

/// @title What other contracts need to know about an AIM.
/// @dev Implemented by AIMRegistry. PaymentChannels reads `callTerms` at every open, claim and close;
/// HyperBoxRegistry reads `balanceOf` to check that an operator holds a license per serving node.
/// (IERC2981 is listed before IERC1155 so that an implementation may also inherit OpenZeppelin's ERC1155 and ERC2981.)
interface IAIMRegistry is IERC2981, IERC1155 {
    /// @dev The account that may publish versions, mint licenses and change royalties of `aimId`
    /// (zero when the AIM does not exist).
    function creatorOf(uint256 aimId) external view returns (address);

    /// @dev The per-call royalty of `aimId`: the manifest's `royalties.fee_percent` in basis points,
    /// paid to `receiver` out of every payment-channel claim for a call of this AIM. Reverts for an AIM that does
    /// not exist (AIMRegistry: `AIMRegistryUnknownAIM(aimId)`), so a channel can only be opened for a real AIM.
    function callRoyalty(uint256 aimId) external view returns (address receiver, uint16 feeBps);

    /// @dev `callRoyalty(aimId)` and whether `operator` holds a license of it (`balanceOf(operator, aimId) != 0`),
    /// in one call: what PaymentChannels needs for each payment to a payee. Reverts for an unknown AIM.
    function callTerms(uint256 aimId, address operator)
        external
        view
        returns (address receiver, uint16 feeBps, bool licensed);
}
