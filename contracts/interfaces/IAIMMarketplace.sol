// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title The events and errors of AIMMarketplace (what an indexer and an app need to know).
/// @dev Currency `address(0)` means ETH. `standard`: 0 = ERC-1155, 1 = ERC-721.
/// listingId = keccak256(abi.encode(seller, token, tokenId, standard, currency));
/// offerId = keccak256(abi.encode(offer)) of an {Offer}.
interface IAIMMarketplace {
    /*//////////////////////////////////////////////////////////////
                                 STRUCTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The terms of an offer, as {OfferMade} carries them; its id is keccak256(abi.encode(offer)).
    /// The quantity left and the fee snapshot are stored under the id, so acceptors pass the terms back.
    struct Offer {
        address buyer;
        address token;
        uint256 tokenId;
        uint8 standard;
        address currency;
        uint256 pricePerUnit;
        uint256 expiry;
        uint256 salt;
    }

    /// @dev One listing of a bulk buy, in the call's currency.
    struct BulkItem {
        address seller;
        address token;
        uint256 tokenId;
        uint8 standard;
        uint256 quantity;
        uint256 expectedPricePerUnit;
    }

    /*//////////////////////////////////////////////////////////////
                                  EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @dev A listing was created (or a sold-out/expired one with the same key overwritten).
    event ListingCreated(
        bytes32 indexed listingId,
        address indexed seller,
        address indexed token,
        uint256 tokenId,
        uint8 standard,
        address currency,
        uint256 pricePerUnit,
        uint256 quantity,
        uint256 expiry,
        uint16 feeBps
    );
    /// @dev The seller changed a listing's terms (its fee snapshot is unchanged).
    event ListingUpdated(bytes32 indexed listingId, uint256 pricePerUnit, uint256 quantity, uint256 expiry);
    /// @dev The seller removed a listing.
    event ListingCancelled(bytes32 indexed listingId);
    /// @dev `quantity` units were sold for `totalPrice`: `fee` accrued for the treasury, `royalty` credited
    /// to `royaltyReceiver` (a {Credited} event follows), the rest paid to the seller.
    event Sale(
        bytes32 indexed listingId,
        address indexed buyer,
        address indexed seller,
        uint256 quantity,
        uint256 totalPrice,
        uint256 fee,
        address royaltyReceiver,
        uint256 royalty,
        uint256 remaining
    );
    /// @dev `buyer` offers to buy `quantity` units at `pricePerUnit` of `currency` (an allowed ERC-20) until
    /// `expiry`; the buyer keeps the funds and approves this contract. `feeBps` is the platform fee snapshot.
    event OfferMade(
        bytes32 indexed offerId,
        address indexed buyer,
        address indexed token,
        uint256 tokenId,
        uint8 standard,
        address currency,
        uint256 pricePerUnit,
        uint256 quantity,
        uint256 expiry,
        uint256 salt,
        uint16 feeBps
    );
    /// @dev `seller` sold `quantity` units to the offer's buyer for `totalPrice`, split as in {Sale}.
    event OfferAccepted(
        bytes32 indexed offerId,
        address indexed seller,
        address indexed buyer,
        uint256 quantity,
        uint256 totalPrice,
        uint256 fee,
        address royaltyReceiver,
        uint256 royalty,
        uint256 remaining
    );
    /// @dev The buyer withdrew an offer; its id can never be used again.
    event OfferCancelled(bytes32 indexed offerId);
    /// @dev `amount` of `currency` became withdrawable by `account` (a royalty, or a push that failed).
    event Credited(address indexed account, address indexed currency, uint256 amount);
    /// @dev `account`'s credit in `currency` was paid out.
    event Withdrawn(address indexed account, address indexed currency, uint256 amount);
    /// @dev Accrued platform fees in `currency` were paid to `treasury`.
    event FeesWithdrawn(address indexed treasury, address indexed currency, uint256 amount);
    event FeeUpdated(uint16 previousBps, uint16 newBps);
    event TreasuryUpdated(address previous, address next);
    event CurrencyAllowed(address indexed currency, bool allowed);
    /// @dev Same signatures as OpenZeppelin's Pausable.
    event Paused(address account);
    event Unpaused(address account);

    /*//////////////////////////////////////////////////////////////
                                  ERRORS
    //////////////////////////////////////////////////////////////*/

    error MarketplacePaused();
    error MarketplaceNotPaused();
    error MarketplaceInvalidStandard(uint8 standard);
    error MarketplaceCurrencyNotAllowed(address currency);
    error MarketplaceInvalidCurrency(address currency);
    /// @dev Zero, or above 2^96 - 1.
    error MarketplaceInvalidPrice(uint256 pricePerUnit);
    /// @dev Zero, above 2^64 - 1, or not 1 for an ERC-721.
    error MarketplaceInvalidQuantity(uint8 standard, uint256 quantity);
    /// @dev Not after `now`, or above 2^40 - 1.
    error MarketplaceInvalidExpiry(uint256 expiry, uint256 now);
    error MarketplaceListingExists(bytes32 listingId, uint256 remaining, uint256 expiry);
    /// @dev Never listed, or cancelled.
    error MarketplaceListingNotFound(bytes32 listingId);
    error MarketplaceListingSoldOut(bytes32 listingId);
    error MarketplaceListingExpired(bytes32 listingId, uint256 expiry);
    error MarketplaceInsufficientQuantity(bytes32 listingId, uint256 requested, uint256 remaining);
    error MarketplacePriceMismatch(bytes32 listingId, uint256 expectedPricePerUnit, uint256 pricePerUnit);
    error MarketplaceInsufficientPayment(uint256 required, uint256 sent);
    /// @dev ETH sent to buy an ERC-20 listing.
    error MarketplaceUnexpectedEth(uint256 sent);
    error MarketplaceSellerBalanceInsufficient(
        address seller, address token, uint256 tokenId, uint256 balance, uint256 needed
    );
    error MarketplaceSellerNotOwner(address seller, address token, uint256 tokenId, address owner);
    error MarketplaceNotApproved(address seller, address token, uint256 tokenId);
    /// @dev The marketplace received less of `currency` than it is owed (a fee-on-transfer token).
    error MarketplaceFeeOnTransfer(address currency, uint256 expected, uint256 received);
    error MarketplaceNothingToWithdraw(address account, address currency);
    error MarketplaceEthTransferFailed(address to, uint256 amount);
    error MarketplaceFeeTooHigh(uint256 feeBps, uint256 maxBps);
    /// @dev The platform fee in force, `feeBps`, is above the `maxFeeBps` the seller accepted when listing.
    error MarketplaceFeeAboveSellerMax(uint16 feeBps, uint16 maxFeeBps);
    error MarketplaceInvalidTreasury(address treasury);
    /// @dev An offer with the same terms and salt was already made (it may be filled or cancelled).
    error MarketplaceOfferExists(bytes32 offerId);
    error MarketplaceOfferNotFound(bytes32 offerId);
    /// @dev Filled or cancelled.
    error MarketplaceOfferClosed(bytes32 offerId);
    error MarketplaceOfferExpired(bytes32 offerId, uint256 expiry);
    error MarketplaceOfferInsufficientQuantity(bytes32 offerId, uint256 requested, uint256 remaining);
    /// @dev The offer's buyer holds or approved less than `needed` of the offer's currency.
    error MarketplaceOfferUnfunded(bytes32 offerId, address buyer, uint256 needed, uint256 balance, uint256 allowance);
    error MarketplaceNotOfferBuyer(bytes32 offerId, address caller);
    /// @dev The listings of a bulk buy cost `total`, above the buyer's `maxTotal`.
    error MarketplaceBulkTotalAboveMax(uint256 total, uint256 maxTotal);
    /// @dev Every listing of a bulk buy was gone, sold, expired or re-priced: nothing was bought.
    error MarketplaceNothingBought();
}
