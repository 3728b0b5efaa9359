// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IAIMMarketplace} from "../interfaces/IAIMMarketplace.sol";

/// @title Storage layout, packing and settlement helpers of AIMMarketplace.
/// @dev Slots: `_config` = feeBps (bits 0-15) | paused (bit 16) | ETH fees accrued (bits 24-255);
/// `_listings[id]` = price (0-95) | remaining (96-159) | expiry (160-199) | feeBps snapshot (200-215);
/// `_currencies[erc20]` = allowed (bit 0) | fees accrued (bits 1-255);
/// `_offers[offerId]` = made (bit 0) | remaining (bits 1-64) | feeBps snapshot (bits 65-80).
abstract contract MarketplaceSettlement is IAIMMarketplace {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The ETH currency.
    address public constant ETH = address(0);
    /// @notice Token standards: ERC-1155 and ERC-721.
    uint8 public constant ERC1155 = 0;
    uint8 public constant ERC721 = 1;
    /// @notice A royalty above this share of the sale (10%) is cut to it.
    uint256 public constant MAX_ROYALTY_BPS = 1_000;
    /// @notice Gas forwarded when pushing ETH to a seller or a buyer (a payee burning more is credited).
    uint256 public constant PUSH_GAS = 50_000;

    uint256 internal constant _BPS = 10_000;
    uint256 internal constant _FEE_MASK = 0xffff;
    uint256 internal constant _PAUSED_BIT = 1 << 16;
    uint256 internal constant _ETH_FEES_SHIFT = 24;
    uint256 internal constant _CONFIG_LOW_MASK = (1 << 24) - 1;
    uint256 internal constant _REMAINING_SHIFT = 96;
    uint256 internal constant _REMAINING_MASK = ((1 << 64) - 1) << 96;
    uint256 private constant _EXPIRY_SHIFT = 160;
    uint256 private constant _FEE_SHIFT = 200;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    uint256 internal _config;
    address internal _treasury;
    mapping(bytes32 listingId => uint256 packed) internal _listings;
    mapping(address currency => uint256 state) internal _currencies;
    mapping(address account => mapping(address currency => uint256)) internal _credits;
    mapping(bytes32 offerId => uint256 packed) internal _offers;

    /// @dev How a sale's total is divided.
    struct Split {
        uint256 fee;
        address royaltyReceiver;
        uint256 royalty;
        uint256 proceeds;
    }

    /*//////////////////////////////////////////////////////////////
                             LISTING PACKING
    //////////////////////////////////////////////////////////////*/

    function _listingId(address seller, address token, uint256 tokenId, uint8 standard, address currency)
        internal
        pure
        returns (bytes32 id)
    {
        // keccak256(abi.encode(seller, token, tokenId, standard, currency)) in scratch memory past the
        // free memory pointer (not allocated: nothing else is written before it is hashed).
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, seller)
            mstore(add(m, 0x20), token)
            mstore(add(m, 0x40), tokenId)
            mstore(add(m, 0x60), standard)
            mstore(add(m, 0x80), currency)
            id := keccak256(m, 0xa0)
        }
    }

    /// @dev Reverts unless the terms fit their packed widths and make a valid listing.
    function _checkTerms(uint8 standard, uint256 pricePerUnit, uint256 quantity, uint256 expiry) internal view {
        if (standard > ERC721) revert MarketplaceInvalidStandard(standard);
        if (pricePerUnit == 0 || pricePerUnit > type(uint96).max) revert MarketplaceInvalidPrice(pricePerUnit);
        if (quantity == 0 || quantity > type(uint64).max || (standard == ERC721 && quantity != 1)) {
            revert MarketplaceInvalidQuantity(standard, quantity);
        }
        if (expiry <= block.timestamp || expiry > type(uint40).max) {
            revert MarketplaceInvalidExpiry(expiry, block.timestamp);
        }
    }

    /// @dev Terms must have passed {_checkTerms}.
    function _pack(uint256 pricePerUnit, uint256 quantity, uint256 expiry, uint16 feeBps_)
        internal
        pure
        returns (uint256)
    {
        return pricePerUnit | (quantity << _REMAINING_SHIFT) | (expiry << _EXPIRY_SHIFT)
            | (uint256(feeBps_) << _FEE_SHIFT);
    }

    function _price(uint256 packed) internal pure returns (uint256) {
        return uint96(packed);
    }

    function _remaining(uint256 packed) internal pure returns (uint256) {
        return uint64(packed >> _REMAINING_SHIFT);
    }

    function _expiry(uint256 packed) internal pure returns (uint256) {
        return uint40(packed >> _EXPIRY_SHIFT);
    }

    function _listingFeeBps(uint256 packed) internal pure returns (uint16) {
        return uint16(packed >> _FEE_SHIFT);
    }

    /// @dev Checks a buy of `quantity` at `expected` against a listing; returns the total price and the
    /// quantity left.
    function _take(bytes32 id, uint256 packed, uint8 standard, uint256 quantity, uint256 expected)
        internal
        view
        returns (uint256 total, uint256 remaining)
    {
        if (packed == 0) revert MarketplaceListingNotFound(id);
        remaining = _remaining(packed);
        if (remaining == 0) revert MarketplaceListingSoldOut(id);
        if (_expiry(packed) <= block.timestamp) revert MarketplaceListingExpired(id, _expiry(packed));
        if (quantity == 0) revert MarketplaceInvalidQuantity(standard, quantity);
        if (quantity > remaining) revert MarketplaceInsufficientQuantity(id, quantity, remaining);
        uint256 price = _price(packed);
        if (price != expected) revert MarketplacePriceMismatch(id, expected, price);
        // price < 2^96 and quantity <= remaining < 2^64: the product fits in 160 bits; quantity <= remaining.
        unchecked {
            total = price * quantity;
            remaining -= quantity;
        }
    }

    /*//////////////////////////////////////////////////////////////
                              CONFIG FIELDS
    //////////////////////////////////////////////////////////////*/

    function _isPaused(uint256 config) internal pure returns (bool) {
        return config & _PAUSED_BIT != 0;
    }

    function _feeBpsOf(uint256 config) internal pure returns (uint16) {
        return uint16(config);
    }

    function _isAllowed(address currency) internal view returns (bool) {
        return _currencies[currency] & 1 != 0;
    }

    /*//////////////////////////////////////////////////////////////
                                SETTLEMENT
    //////////////////////////////////////////////////////////////*/

    /// @dev Divides `total` into the platform fee, the (capped) ERC-2981 royalty and the seller's proceeds.
    function _split(address token, uint256 tokenId, uint256 total, uint256 feeBps_)
        internal
        view
        returns (Split memory s)
    {
        // total < 2^160 and both bps are <= 1000: no product overflows and fee + royalty <= 20% of total.
        unchecked {
            s.fee = total * feeBps_ / _BPS;
            (address receiver, uint256 royalty) = _royaltyInfo(token, tokenId, total);
            if (receiver != address(0) && royalty != 0) {
                uint256 cap = total * MAX_ROYALTY_BPS / _BPS;
                s.royaltyReceiver = receiver;
                s.royalty = royalty > cap ? cap : royalty;
            }
            s.proceeds = total - s.fee - s.royalty;
        }
    }

    /// @dev ERC-2981 `royaltyInfo(tokenId, salePrice)`; (0, 0) if the token does not implement it.
    function _royaltyInfo(address token, uint256 tokenId, uint256 salePrice)
        private
        view
        returns (address receiver, uint256 amount)
    {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0x2a55205a)) // royaltyInfo(uint256,uint256)
            mstore(add(m, 0x04), tokenId)
            mstore(add(m, 0x24), salePrice)
            if and(gt(returndatasize(), 0x3f), staticcall(gas(), token, m, 0x44, m, 0x40)) {
                receiver := and(mload(m), 0xffffffffffffffffffffffffffffffffffffffff)
                amount := mload(add(m, 0x20))
            }
        }
    }

    /// @dev Makes `amount` of `currency` withdrawable by `account`.
    function _credit(address account, address currency, uint256 amount) internal {
        _credits[account][currency] += amount;
        emit Credited(account, currency, amount);
    }

    /// @dev Adds an ERC-20 fee to its accumulator; reverts if the currency is no longer allowed.
    function _accrueErc20Fee(address currency, uint256 fee) internal {
        uint256 state = _currencies[currency];
        if (state & 1 == 0) revert MarketplaceCurrencyNotAllowed(currency);
        if (fee != 0) _currencies[currency] = state + (fee << 1);
    }

    /// @dev Moves the sold tokens from the seller to the buyer `to`; on failure explains why if the seller no
    /// longer holds or approved them, else re-raises the token's error.
    function _transferToken(
        address seller,
        address to,
        address token,
        uint256 tokenId,
        uint8 standard,
        uint256 quantity
    ) internal {
        if (standard == ERC1155) {
            try IERC1155(token).safeTransferFrom(seller, to, tokenId, quantity, "") {}
            catch (bytes memory reason) {
                uint256 balance = IERC1155(token).balanceOf(seller, tokenId);
                if (balance < quantity) {
                    revert MarketplaceSellerBalanceInsufficient(seller, token, tokenId, balance, quantity);
                }
                if (!IERC1155(token).isApprovedForAll(seller, address(this))) {
                    revert MarketplaceNotApproved(seller, token, tokenId);
                }
                _bubble(reason);
            }
        } else {
            try IERC721(token).safeTransferFrom(seller, to, tokenId) {}
            catch (bytes memory reason) {
                address owner;
                try IERC721(token).ownerOf(tokenId) returns (address o) {
                    owner = o;
                } catch {}
                if (owner != seller) revert MarketplaceSellerNotOwner(seller, token, tokenId, owner);
                if (
                    IERC721(token).getApproved(tokenId) != address(this)
                        && !IERC721(token).isApprovedForAll(seller, address(this))
                ) revert MarketplaceNotApproved(seller, token, tokenId);
                _bubble(reason);
            }
        }
    }

    /// @dev Moves the sold tokens from `seller` to the caller; false (nothing moved) where {_transferToken} reverts.
    function _tryTransferToken(address seller, address token, uint256 tokenId, uint8 standard, uint256 quantity)
        internal
        returns (bool)
    {
        if (standard == ERC1155) {
            try IERC1155(token).safeTransferFrom(seller, msg.sender, tokenId, quantity, "") {
                return true;
            } catch {
                return false;
            }
        }
        try IERC721(token).safeTransferFrom(seller, msg.sender, tokenId) {
            return true;
        } catch {
            return false;
        }
    }

    function _emitSale(
        bytes32 id,
        address seller,
        uint256 quantity,
        uint256 total,
        Split memory split,
        uint256 remaining
    ) internal {
        emit Sale(
            id, msg.sender, seller, quantity, total, split.fee, split.royaltyReceiver, split.royalty, remaining
        );
    }

    /// @dev Pushes ETH with a gas cap; a payee that rejects it (or needs more gas) is credited instead.
    function _pushEth(address to, uint256 amount) internal {
        bool ok;
        assembly ("memory-safe") {
            ok := call(PUSH_GAS, to, amount, 0, 0, 0, 0)
        }
        if (!ok) _credit(to, ETH, amount);
    }

    /// @dev Pulls an ERC-20 payment from `payer`: the proceeds straight to the seller, fee + royalty to this
    /// contract (see {_pullOwed}).
    function _collectErc20(IERC20 currency, address payer, address seller, Split memory s) internal {
        currency.safeTransferFrom(payer, seller, s.proceeds);
        _pullOwed(currency, payer, s.fee + s.royalty);
    }

    /// @dev Pulls `owed` (fees + royalties) from `payer` to this contract, which must receive exactly that (a
    /// fee-on-transfer token would leave it short).
    function _pullOwed(IERC20 currency, address payer, uint256 owed) internal {
        if (owed != 0) {
            uint256 before = currency.balanceOf(address(this));
            currency.safeTransferFrom(payer, address(this), owed);
            uint256 received = currency.balanceOf(address(this)) - before;
            if (received != owed) revert MarketplaceFeeOnTransfer(address(currency), owed, received);
        }
    }

    /// @dev Checks the payment, accrues the fee and credits the royalty (effects before any transfer).
    function _account(uint256 config, address currency, uint256 total, Split memory split) internal {
        if (currency == ETH) {
            if (msg.value < total) revert MarketplaceInsufficientPayment(total, msg.value);
            // fee <= total < 2^160 and the ETH accrued can never exceed the ETH in existence (< 2^232).
            unchecked {
                _config = config + (split.fee << _ETH_FEES_SHIFT);
            }
        } else {
            if (msg.value != 0) revert MarketplaceUnexpectedEth(msg.value);
            _accrueErc20Fee(currency, split.fee);
        }
        if (split.royalty != 0) _credit(split.royaltyReceiver, currency, split.royalty);
    }

    /// @dev Pays out `amount` of `currency` (all gas forwarded); reverts if ETH is refused.
    function _payOut(address currency, address to, uint256 amount) internal {
        if (currency == ETH) {
            bool ok;
            assembly ("memory-safe") {
                ok := call(gas(), to, amount, 0, 0, 0, 0)
            }
            if (!ok) revert MarketplaceEthTransferFailed(to, amount);
        } else {
            IERC20(currency).safeTransfer(to, amount);
        }
    }

    function _bubble(bytes memory reason) private pure {
        assembly ("memory-safe") {
            revert(add(reason, 0x20), mload(reason))
        }
    }
}
