// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";

/// @dev Test-only ERC-721 with per-token ERC-2981 royalties, a public mint and burn.
contract MockERC721Royalty is ERC721, ERC2981 {
    constructor() ERC721("Mock721", "M721") {}

    function mint(address to, uint256 id) external {
        _mint(to, id);
    }

    function burn(uint256 id) external {
        _burn(id);
    }

    function setTokenRoyalty(uint256 id, address receiver, uint96 bps) external {
        _setTokenRoyalty(id, receiver, bps);
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC721, ERC2981) returns (bool) {
        return super.supportsInterface(interfaceId);
    }
}
