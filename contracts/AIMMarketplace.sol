// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAIMMarketplace} from "./interfaces/IAIMMarketplace.sol";
import {MarketplaceBulkBuy} from "./marketplace/MarketplaceBulkBuy.sol";
import {MarketplaceOffers} from "./marketplace/MarketplaceOffers.sol";

/// @title AIMMarketplace: non-custodial on-chain listings of ERC-1155 licenses and ERC-721 tokens.
/// @notice A seller lists tokens it keeps (the marketplace only holds an operator approval); a buyer
/// pays in ETH or an allow-listed ERC-20 and the payment is split at settlement into the platform fee
/// (accrued for the treasury), the ERC-2981 royalty (credited to its receiver, capped at 10% of the sale)
/// and the seller's proceeds (pushed; credited if the push fails). Credits are withdrawn with
/// {withdraw}, which works even while the marketplace is paused. Buyers may also make approval-based offers that
/// any holder accepts ({MarketplaceOffers}) and buy several listings in one transaction ({MarketplaceBulkBuy}).
/// @dev Gas design: a listing is ONE storage slot keyed by `listingId` (see {listingId}) packing
/// (price uint96, remaining uint64, expiry uint40, feeBps uint16); pause flag, fee bps and the ETH fee
/// accumulator share ONE slot, so an ETH buy touches two cold slots of this contract.
contract AIMMarketplace is IAIMMarketplace, Ownable2Step, MarketplaceOffers, MarketplaceBulkBuy {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The highest platform fee the owner may set: 10% (in basis points).
    uint16 public constant MAX_FEE_BPS = 1_000;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param initialOwner The admin (Ownable2Step).
    /// @param treasury_ Receives the platform fees (through {withdrawFees}).
    /// @param feeBps_ The platform fee in basis points, at most {MAX_FEE_BPS}.
    /// @param allowedErc20s The ERC-20 currencies accepted from the start (ETH is always accepted).
    constructor(address initialOwner, address treasury_, uint16 feeBps_, address[] memory allowedErc20s)
        Ownable(initialOwner)
    {
        _setTreasury(treasury_);
        _setFee(feeBps_);
        for (uint256 i; i < allowedErc20s.length; ++i) {
            _setCurrencyAllowed(allowedErc20s[i], true);
        }
    }

    /*//////////////////////////////////////////////////////////////
                            EXTERNAL: LISTINGS
    //////////////////////////////////////////////////////////////*/

    /// @notice Lists `quantity` units of `token`/`tokenId` owned by the caller at `pricePerUnit`.
    /// @dev Non-custodial: the caller keeps the tokens and must approve this contract as operator
    /// before a buy (the transfer at buy enforces ownership and approval). Overwrites a sold-out or
    /// expired listing with the same key; reverts if that listing is still live. `maxFeeBps` is the highest
    /// platform fee the seller accepts: if the owner raised the fee above it while the listing was in flight, the
    /// listing reverts; the fee in force is then snapshotted, so no later change ever reaches the listing.
    /// Emits a {ListingCreated} event.
    function list(
        address token,
        uint256 tokenId,
        uint8 standard,
        address currency,
        uint256 pricePerUnit,
        uint256 quantity,
        uint256 expiry,
        uint16 maxFeeBps
    ) external returns (bytes32 id) {
        uint256 config = _config;
        if (_isPaused(config)) revert MarketplacePaused();
        if (_feeBpsOf(config) > maxFeeBps) revert MarketplaceFeeAboveSellerMax(_feeBpsOf(config), maxFeeBps);
        if (currency != ETH && !_isAllowed(currency)) revert MarketplaceCurrencyNotAllowed(currency);
        _checkTerms(standard, pricePerUnit, quantity, expiry);
        id = _listingId(msg.sender, token, tokenId, standard, currency);
        uint256 previous = _listings[id];
        if (_remaining(previous) != 0 && _expiry(previous) > block.timestamp) {
            revert MarketplaceListingExists(id, _remaining(previous), _expiry(previous));
        }
        uint16 fee = _feeBpsOf(config);
        _listings[id] = _pack(pricePerUnit, quantity, expiry, fee);
        emit ListingCreated(id, msg.sender, token, tokenId, standard, currency, pricePerUnit, quantity, expiry, fee);
    }

    /// @notice Changes the price, remaining quantity and expiry of the caller's listing.
    /// @dev The fee snapshotted when the listing was created is kept. Emits a {ListingUpdated} event.
    function updateListing(
        address token,
        uint256 tokenId,
        uint8 standard,
        address currency,
        uint256 pricePerUnit,
        uint256 quantity,
        uint256 expiry
    ) external {
        if (_isPaused(_config)) revert MarketplacePaused();
        _checkTerms(standard, pricePerUnit, quantity, expiry);
        bytes32 id = _listingId(msg.sender, token, tokenId, standard, currency);
        uint256 packed = _listings[id];
        if (packed == 0) revert MarketplaceListingNotFound(id);
        _listings[id] = _pack(pricePerUnit, quantity, expiry, _listingFeeBps(packed));
        emit ListingUpdated(id, pricePerUnit, quantity, expiry);
    }

    /// @notice Removes the caller's listing. Works while paused. Emits a {ListingCancelled} event.
    function cancel(address token, uint256 tokenId, uint8 standard, address currency) external {
        bytes32 id = _listingId(msg.sender, token, tokenId, standard, currency);
        if (_listings[id] == 0) revert MarketplaceListingNotFound(id);
        delete _listings[id];
        emit ListingCancelled(id);
    }

    /// @notice Buys `quantity` units of a listing at `expectedPricePerUnit` (reverts if the price changed).
    /// @dev ETH listings: send at least the total; the excess is refunded (credited if the refund fails).
    /// ERC-20 listings: approve the total to this contract and send no ETH. The fee is accrued for the
    /// treasury, the royalty credited to its receiver and the proceeds paid to the seller.
    /// Emits a {Sale} event (and {Credited} for each credit).
    function buy(
        address seller,
        address token,
        uint256 tokenId,
        uint8 standard,
        address currency,
        uint256 quantity,
        uint256 expectedPricePerUnit
    ) external payable nonReentrant {
        uint256 config = _config;
        if (_isPaused(config)) revert MarketplacePaused();
        bytes32 id = _listingId(seller, token, tokenId, standard, currency);
        uint256 packed = _listings[id];
        (uint256 total, uint256 remaining) = _take(id, packed, standard, quantity, expectedPricePerUnit);
        // remaining < the stored uint64 and the other fields are kept: the write cannot spill.
        _listings[id] = (packed & ~_REMAINING_MASK) | (remaining << _REMAINING_SHIFT);
        Split memory split = _split(token, tokenId, total, _listingFeeBps(packed));
        _account(config, currency, total, split);
        _emitSale(id, seller, quantity, total, split, remaining);

        _transferToken(seller, msg.sender, token, tokenId, standard, quantity);
        if (currency == ETH) {
            _pushEth(seller, split.proceeds);
            // msg.value >= total was checked in _account.
            unchecked {
                if (msg.value > total) _pushEth(msg.sender, msg.value - total);
            }
        } else {
            _collectErc20(IERC20(currency), msg.sender, seller, split);
        }
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL: WITHDRAWALS
    //////////////////////////////////////////////////////////////*/

    /// @notice Pays `account` everything credited to it in `currency`. Anyone may trigger it; works
    /// while paused. Emits a {Withdrawn} event.
    function withdraw(address currency, address account) external nonReentrant {
        _withdraw(currency, account, account);
    }

    /// @notice Pays the caller's credit in `currency` to `to` (for an account that cannot receive ETH).
    /// Works while paused. Emits a {Withdrawn} event.
    function withdrawTo(address currency, address to) external nonReentrant {
        _withdraw(currency, msg.sender, to);
    }

    /// @notice Pays the platform fees accrued in `currency` to the treasury. Anyone may trigger it;
    /// works while paused. Emits a {FeesWithdrawn} event.
    function withdrawFees(address currency) external nonReentrant {
        uint256 amount;
        if (currency == ETH) {
            amount = _config >> _ETH_FEES_SHIFT;
            _config &= _CONFIG_LOW_MASK;
        } else {
            uint256 state = _currencies[currency];
            amount = state >> 1;
            _currencies[currency] = state & 1;
        }
        address to = _treasury;
        if (amount == 0) revert MarketplaceNothingToWithdraw(to, currency);
        emit FeesWithdrawn(to, currency, amount);
        _payOut(currency, to, amount);
    }

    /*//////////////////////////////////////////////////////////////
                              EXTERNAL: ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the platform fee for listings created from now on. Emits a {FeeUpdated} event.
    function setFee(uint16 newFeeBps) external onlyOwner {
        _setFee(newFeeBps);
    }

    /// @notice Sets the treasury that {withdrawFees} pays. Emits a {TreasuryUpdated} event.
    function setTreasury(address newTreasury) external onlyOwner {
        _setTreasury(newTreasury);
    }

    /// @notice Allows or disallows an ERC-20 currency for new listings and buys.
    /// Emits a {CurrencyAllowed} event.
    function setCurrencyAllowed(address currency, bool allowed) external onlyOwner {
        _setCurrencyAllowed(currency, allowed);
    }

    /// @notice Stops new listings, updates and buys. Cancel and withdrawals keep working.
    /// Emits a {Paused} event.
    function pause() external onlyOwner {
        if (_isPaused(_config)) revert MarketplacePaused();
        _config |= _PAUSED_BIT;
        emit Paused(msg.sender);
    }

    /// @notice Lifts a pause. Emits an {Unpaused} event.
    function unpause() external onlyOwner {
        if (!_isPaused(_config)) revert MarketplaceNotPaused();
        _config &= ~_PAUSED_BIT;
        emit Unpaused(msg.sender);
    }

    /*//////////////////////////////////////////////////////////////
                              EXTERNAL: VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The id of the listing of (`seller`, `token`, `tokenId`, `standard`, `currency`).
    function listingId(address seller, address token, uint256 tokenId, uint8 standard, address currency)
        external
        pure
        returns (bytes32)
    {
        return _listingId(seller, token, tokenId, standard, currency);
    }

    /// @notice The terms of a listing (all zero when it does not exist or was cancelled).
    function getListing(bytes32 id)
        external
        view
        returns (uint256 pricePerUnit, uint256 remaining, uint256 expiry, uint16 feeBps_)
    {
        uint256 packed = _listings[id];
        return (_price(packed), _remaining(packed), _expiry(packed), _listingFeeBps(packed));
    }

    /// @notice What `account` may withdraw in `currency`.
    function creditOf(address account, address currency) external view returns (uint256) {
        return _credits[account][currency];
    }

    /// @notice Platform fees accrued in `currency` and not yet withdrawn.
    function accruedFees(address currency) external view returns (uint256) {
        return currency == ETH ? _config >> _ETH_FEES_SHIFT : _currencies[currency] >> 1;
    }

    /// @notice Whether `currency` is accepted (ETH always is).
    function isCurrencyAllowed(address currency) external view returns (bool) {
        return currency == ETH || _isAllowed(currency);
    }

    /// @notice The platform fee, in basis points, for listings created now.
    function feeBps() external view returns (uint16) {
        return _feeBpsOf(_config);
    }

    /// @notice Where accrued platform fees are paid.
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @notice Whether new listings, updates and buys are stopped.
    function paused() external view returns (bool) {
        return _isPaused(_config);
    }

    /*//////////////////////////////////////////////////////////////
                                 INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _setFee(uint16 newFeeBps) private {
        if (newFeeBps > MAX_FEE_BPS) revert MarketplaceFeeTooHigh(newFeeBps, MAX_FEE_BPS);
        uint256 config = _config;
        emit FeeUpdated(_feeBpsOf(config), newFeeBps);
        _config = (config & ~_FEE_MASK) | newFeeBps;
    }

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0)) revert MarketplaceInvalidTreasury(newTreasury);
        emit TreasuryUpdated(_treasury, newTreasury);
        _treasury = newTreasury;
    }

    function _setCurrencyAllowed(address currency, bool allowed) private {
        if (currency == ETH) revert MarketplaceInvalidCurrency(currency);
        uint256 state = _currencies[currency];
        _currencies[currency] = allowed ? state | 1 : state & ~uint256(1);
        emit CurrencyAllowed(currency, allowed);
    }

    function _withdraw(address currency, address account, address to) private {
        uint256 amount = _credits[account][currency];
        if (amount == 0) revert MarketplaceNothingToWithdraw(account, currency);
        delete _credits[account][currency];
        emit Withdrawn(account, currency, amount);
        _payOut(currency, to, amount);
    }
}
