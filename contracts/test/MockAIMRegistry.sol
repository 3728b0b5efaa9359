// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IAIMRegistry} from "../interfaces/IAIMRegistry.sol";

/// @dev Test-only stand-in for AIMRegistry: anyone sets an AIM's creator, royalties and mints licenses.
contract MockAIMRegistry is ERC1155, IAIMRegistry {
    struct Aim {
        address creator;
        address receiver;
        uint16 callFeeBps;
    }

    mapping(uint256 aimId => Aim) private _aims;

    constructor() ERC1155("") {}

    function setAim(uint256 aimId, address creator, address receiver, uint16 callFeeBps) external {
        _aims[aimId] = Aim(creator, receiver, callFeeBps);
    }

    function mint(address to, uint256 aimId, uint256 amount) external {
        _mint(to, aimId, amount, "");
    }

    function creatorOf(uint256 aimId) external view returns (address) {
        return _aims[aimId].creator;
    }

    function callRoyalty(uint256 aimId) external view returns (address receiver, uint16 feeBps) {
        Aim storage a = _aims[aimId];
        return (a.receiver, a.callFeeBps);
    }

    function callTerms(uint256 aimId, address operator)
        external
        view
        returns (address receiver, uint16 feeBps, bool licensed)
    {
        Aim storage a = _aims[aimId];
        return (a.receiver, a.callFeeBps, balanceOf(operator, aimId) != 0);
    }

    function royaltyInfo(uint256 aimId, uint256 salePrice) external view returns (address, uint256) {
        return (_aims[aimId].receiver, salePrice / 20);
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC1155, IERC165) returns (bool) {
        return interfaceId == type(IERC2981).interfaceId || super.supportsInterface(interfaceId);
    }
}
