// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MarketplaceSettlement} from "./MarketplaceSettlement.sol";

/// @title Bulk buy of AIMMarketplace: several listings (any sellers, any quantities) in one transaction.
/// @notice One currency per call (ETH or an allowed ERC-20) and one total price check (`maxTotal`). All or
/// nothing, or skipping the listings that are gone: cancelled, sold out or short of the quantity, expired,
/// re-priced, or whose seller no longer holds or approved the tokens. Each listing bought is settled exactly as
/// {AIMMarketplace-buy} settles it: fee accrued, royalty credited, proceeds pushed (credited if the push fails),
/// with one push per run of consecutive listings of the same seller and one credit per run of the same royalty
/// receiver; unspent ETH is refunded the same way.
abstract contract MarketplaceBulkBuy is MarketplaceSettlement, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev What a bulk buy still owes: `proceeds` of ETH to `payee` (the seller of the current run of listings),
    /// `royalty` to credit to `receiver`, and the ERC-20 fees + royalties to pull from the buyer.
    struct Dues {
        address payee;
        uint256 proceeds;
        address receiver;
        uint256 royalty;
        uint256 owed;
    }

    /// @notice Buys each of `items` in `currency` at its expected price, paying at most `maxTotal` in all.
    /// @dev ETH: send at least the total (e.g. `maxTotal`); what is not spent is refunded. ERC-20: approve the total
    /// and send no ETH; fees and royalties are pulled in one transfer at the end. With `skipUnavailable` a listing
    /// that cannot be bought as asked is left out (nothing of it is paid); reverts with
    /// {MarketplaceNothingBought} if every listing was left out. Without it, the first such listing reverts the
    /// call with the error {AIMMarketplace-buy} would raise. Emits a {Sale} event per listing bought.
    function buyMany(BulkItem[] calldata items, address currency, uint256 maxTotal, bool skipUnavailable)
        external
        payable
        nonReentrant
        returns (uint256 spent)
    {
        if (_isPaused(_config)) revert MarketplacePaused();
        bool eth = currency == ETH;
        if (!eth) {
            if (msg.value != 0) revert MarketplaceUnexpectedEth(msg.value);
            if (!_isAllowed(currency)) revert MarketplaceCurrencyNotAllowed(currency);
        }
        Dues memory dues;
        for (uint256 i; i < items.length; ++i) {
            BulkItem calldata item = items[i];
            (bytes32 id, uint256 total, uint256 remaining, uint256 fee) = _takeItem(item, currency, skipUnavailable);
            if (total == 0) continue; // left out
            spent += total;
            if (spent > maxTotal) revert MarketplaceBulkTotalAboveMax(spent, maxTotal);
            if (eth && spent > msg.value) revert MarketplaceInsufficientPayment(spent, msg.value);
            _payItem(item, currency, id, total, remaining, fee, dues);
        }
        if (spent == 0) revert MarketplaceNothingBought();
        if (dues.royalty != 0) _credit(dues.receiver, currency, dues.royalty);
        if (eth) {
            _pushEth(dues.payee, dues.proceeds);
            // spent <= msg.value was checked with every listing bought.
            unchecked {
                if (msg.value > spent) _pushEth(msg.sender, msg.value - spent);
            }
        } else {
            _pullOwed(IERC20(currency), msg.sender, dues.owed);
        }
    }

    /// @dev Checks one listing, moves its tokens to the buyer and records the quantity left; returns the listing
    /// id, the price of the units bought (0 when a listing is left out), the quantity left and the fee snapshot.
    function _takeItem(BulkItem calldata item, address currency, bool skipUnavailable)
        private
        returns (bytes32 id, uint256 total, uint256 remaining, uint256 fee)
    {
        id = _listingId(item.seller, item.token, item.tokenId, item.standard, currency);
        uint256 packed = _listings[id];
        if (skipUnavailable && !_available(packed, item.quantity, item.expectedPricePerUnit)) return (id, 0, 0, 0);
        (total, remaining) = _take(id, packed, item.standard, item.quantity, item.expectedPricePerUnit);
        if (!skipUnavailable) {
            _transferToken(item.seller, msg.sender, item.token, item.tokenId, item.standard, item.quantity);
        } else if (!_tryTransferToken(item.seller, item.token, item.tokenId, item.standard, item.quantity)) {
            return (id, 0, 0, 0);
        }
        _listings[id] = (packed & ~_REMAINING_MASK) | (remaining << _REMAINING_SHIFT);
        fee = _listingFeeBps(packed);
    }

    /// @dev Settles one listing bought for `total`: fee accrued, ERC-20 proceeds pulled from the buyer to the
    /// seller; what is paid later is added to `dues`: the royalty (credited once per run of listings with the same
    /// receiver), the ETH proceeds (pushed once per run of listings of the same seller: a value transfer costs
    /// 9,000 gas) and the ERC-20 fee + royalty (pulled once at the end).
    function _payItem(
        BulkItem calldata item,
        address currency,
        bytes32 id,
        uint256 total,
        uint256 remaining,
        uint256 fee,
        Dues memory dues
    ) private {
        Split memory split = _split(item.token, item.tokenId, total, fee);
        _emitSale(id, item.seller, item.quantity, total, split, remaining);
        if (split.royalty != 0) {
            if (split.royaltyReceiver != dues.receiver) {
                if (dues.royalty != 0) _credit(dues.receiver, currency, dues.royalty);
                (dues.receiver, dues.royalty) = (split.royaltyReceiver, 0);
            }
            dues.royalty += split.royalty;
        }
        if (currency == ETH) {
            // fee <= total < 2^160 and the ETH accrued can never exceed the ETH in existence (< 2^232).
            unchecked {
                _config += split.fee << _ETH_FEES_SHIFT;
            }
            if (item.seller != dues.payee) {
                if (dues.proceeds != 0) _pushEth(dues.payee, dues.proceeds);
                (dues.payee, dues.proceeds) = (item.seller, 0);
            }
            dues.proceeds += split.proceeds;
        } else {
            _accrueErc20Fee(currency, split.fee);
            IERC20(currency).safeTransferFrom(msg.sender, item.seller, split.proceeds);
            dues.owed += split.fee + split.royalty;
        }
    }

    /// @dev Whether {_take} would accept buying `quantity` units at `expected` from the listing `packed`.
    function _available(uint256 packed, uint256 quantity, uint256 expected) private view returns (bool) {
        return quantity != 0 && quantity <= _remaining(packed) && _expiry(packed) > block.timestamp
            && _price(packed) == expected;
    }
}
