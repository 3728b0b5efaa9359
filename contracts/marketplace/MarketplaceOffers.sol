// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MarketplaceSettlement} from "./MarketplaceSettlement.sol";

/// @title Offers of AIMMarketplace: a buyer offers to buy licenses at a price; any holder accepts all or part.
/// @notice Approval-based, like Seaport and Blur bids: the buyer keeps the funds and approves this contract;
/// an accept pulls the payment from the buyer and pays the platform fee, the royalty and the seller exactly as a
/// sale of a listing does. An offer the buyer can no longer pay is refused at accept with
/// {MarketplaceOfferUnfunded}, and {offerFunding} tells it beforehand.
/// @dev One storage slot per offer, keyed by keccak256(abi.encode(offer)): made bit | remaining | fee snapshot.
/// The terms themselves live in the {OfferMade} event; acceptors pass them back. A filled or cancelled offer keeps
/// its made bit, so its id is never reused.
abstract contract MarketplaceOffers is MarketplaceSettlement, ReentrancyGuardTransient {
    uint256 private constant _OFFER_MADE = 1;
    uint256 private constant _OFFER_REMAINING_SHIFT = 1;
    uint256 private constant _OFFER_FEE_SHIFT = 65;

    /*//////////////////////////////////////////////////////////////
                                EXTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice Offers to buy `quantity` units of `token`/`tokenId` at `pricePerUnit` of `currency` until `expiry`.
    /// @dev `currency` must be an allowed ERC-20 (ETH cannot be approved). The caller keeps the funds: approve
    /// this contract for at least price × quantity. `salt` lets the same terms be offered again. The platform fee
    /// in force is snapshotted for the seller. Emits an {OfferMade} event.
    function makeOffer(
        address token,
        uint256 tokenId,
        uint8 standard,
        address currency,
        uint256 pricePerUnit,
        uint256 quantity,
        uint256 expiry,
        uint256 salt
    ) external returns (bytes32 id) {
        uint256 config = _config;
        if (_isPaused(config)) revert MarketplacePaused();
        if (currency == ETH) revert MarketplaceInvalidCurrency(currency);
        if (!_isAllowed(currency)) revert MarketplaceCurrencyNotAllowed(currency);
        _checkTerms(standard, pricePerUnit, quantity, expiry);
        id = keccak256(abi.encode(Offer(msg.sender, token, tokenId, standard, currency, pricePerUnit, expiry, salt)));
        if (_offers[id] != 0) revert MarketplaceOfferExists(id);
        uint16 fee = _feeBpsOf(config);
        _offers[id] = _OFFER_MADE | (quantity << _OFFER_REMAINING_SHIFT) | (uint256(fee) << _OFFER_FEE_SHIFT);
        emit OfferMade(
            id, msg.sender, token, tokenId, standard, currency, pricePerUnit, quantity, expiry, salt, fee
        );
    }

    /// @notice Sells `quantity` units of the offer's token, held by the caller, to the offer's buyer.
    /// @dev The caller must approve this contract as operator of the token. The buyer pays price × quantity: the
    /// fee is accrued for the treasury, the royalty credited to its receiver, the rest paid to the caller.
    /// Emits an {OfferAccepted} event (and {Credited} for the royalty).
    function acceptOffer(Offer calldata offer, uint256 quantity) external nonReentrant {
        uint256 config = _config;
        if (_isPaused(config)) revert MarketplacePaused();
        bytes32 id = keccak256(abi.encode(offer));
        uint256 packed = _offers[id];
        if (packed == 0) revert MarketplaceOfferNotFound(id);
        uint256 remaining = _offerRemaining(packed);
        if (remaining == 0) revert MarketplaceOfferClosed(id);
        if (offer.expiry <= block.timestamp) revert MarketplaceOfferExpired(id, offer.expiry);
        if (quantity == 0) revert MarketplaceInvalidQuantity(offer.standard, quantity);
        if (quantity > remaining) revert MarketplaceOfferInsufficientQuantity(id, quantity, remaining);
        uint256 total;
        // The id matched, so the terms passed {_checkTerms}: price < 2^96, quantity <= remaining < 2^64.
        unchecked {
            total = offer.pricePerUnit * quantity;
            remaining -= quantity;
            _offers[id] = packed - (quantity << _OFFER_REMAINING_SHIFT);
        }
        IERC20 currency = IERC20(offer.currency);
        (, uint256 balance, uint256 allowance) = _funding(currency, offer.buyer, total);
        if (balance < total || allowance < total) {
            revert MarketplaceOfferUnfunded(id, offer.buyer, total, balance, allowance);
        }
        Split memory split = _split(offer.token, offer.tokenId, total, uint16(packed >> _OFFER_FEE_SHIFT));
        _account(config, offer.currency, total, split);
        emit OfferAccepted(
            id, msg.sender, offer.buyer, quantity, total, split.fee, split.royaltyReceiver, split.royalty, remaining
        );

        _transferToken(msg.sender, offer.buyer, offer.token, offer.tokenId, offer.standard, quantity);
        _collectErc20(currency, offer.buyer, msg.sender, split);
    }

    /// @notice Withdraws the caller's offer (works while paused and after expiry). Emits an {OfferCancelled} event.
    function cancelOffer(Offer calldata offer) external {
        bytes32 id = keccak256(abi.encode(offer));
        if (offer.buyer != msg.sender) revert MarketplaceNotOfferBuyer(id, msg.sender);
        uint256 packed = _offers[id];
        if (packed == 0) revert MarketplaceOfferNotFound(id);
        if (_offerRemaining(packed) == 0) revert MarketplaceOfferClosed(id);
        _offers[id] = packed & ~(uint256(type(uint64).max) << _OFFER_REMAINING_SHIFT);
        emit OfferCancelled(id);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The id of an offer: keccak256(abi.encode(offer)).
    function offerId(Offer calldata offer) external pure returns (bytes32) {
        return keccak256(abi.encode(offer));
    }

    /// @notice The state of offer `id`: whether it was made, the units still wanted (0 once filled or
    /// cancelled) and the platform fee snapshotted for the seller.
    function getOffer(bytes32 id) external view returns (bool made, uint256 remaining, uint16 feeBps_) {
        uint256 packed = _offers[id];
        return (packed & _OFFER_MADE != 0, _offerRemaining(packed), uint16(packed >> _OFFER_FEE_SHIFT));
    }

    /// @notice Whether the offer's buyer can pay for everything the offer still wants: `needed` = price ×
    /// remaining, beside the buyer's balance and its allowance to this contract. An offer that is filled,
    /// cancelled, expired or never made is not funded.
    function offerFunding(Offer calldata offer)
        external
        view
        returns (bool funded, uint256 needed, uint256 balance, uint256 allowance)
    {
        uint256 remaining = _offerRemaining(_offers[keccak256(abi.encode(offer))]);
        if (remaining == 0) return (false, 0, 0, 0);
        // A made offer's price < 2^96 (other terms match no stored offer) and remaining < 2^64.
        unchecked {
            needed = offer.pricePerUnit * remaining;
        }
        (funded, balance, allowance) = _funding(IERC20(offer.currency), offer.buyer, needed);
        funded = funded && offer.expiry > block.timestamp;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _offerRemaining(uint256 packed) private pure returns (uint256) {
        return uint64(packed >> _OFFER_REMAINING_SHIFT);
    }

    /// @dev The buyer's balance and allowance to this contract, and whether both cover `needed`.
    function _funding(IERC20 currency, address buyer, uint256 needed)
        private
        view
        returns (bool funded, uint256 balance, uint256 allowance)
    {
        balance = currency.balanceOf(buyer);
        allowance = currency.allowance(buyer, address(this));
        funded = balance >= needed && allowance >= needed;
    }
}
