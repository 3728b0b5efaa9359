// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPaymentChannels} from "../interfaces/IPaymentChannels.sol";

/// @title Storage, slot packing and value movement of PaymentChannels.
/// @dev `_channels[id]` = deposit (bits 0-95) | claimed (96-191) | expiry (192-231) | closed (bit 232); 0 means
/// never opened, and a slot is never cleared. `_credits[account][currency]` is a pull balance: royalties, and
/// pushes a recipient refused. `_allowedErc20s` is the ERC-20 allow-list (ETH, address(0), is always allowed).
/// Declared in this order after the owner and pause state, as PaymentChannels always laid them out.
abstract contract ChannelLedger is IPaymentChannels {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    uint256 internal constant _MAX_AMOUNT = type(uint96).max;
    uint256 internal constant _MAX_EXPIRY = type(uint40).max;
    uint256 internal constant _CLAIMED_SHIFT = 96;
    uint256 internal constant _EXPIRY_SHIFT = 192;
    uint256 internal constant _CLOSED_BIT = 1 << 232;
    uint256 internal constant _AMOUNT_MASK = (1 << 96) - 1;
    uint256 internal constant _EXPIRY_MASK = (1 << 40) - 1;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev channel id => deposit | claimed << 96 | expiry << 192 | closed << 232 (0: never opened).
    mapping(bytes32 channelId => uint256 packed) internal _channels;
    mapping(address account => mapping(address currency => uint256 amount)) internal _credits;
    mapping(address currency => bool allowed) internal _allowedErc20s;

    /// @dev claimMany's running totals: the payee's payout per currency, and the current run of royalties
    /// owed to one receiver in one currency.
    struct Payouts {
        address[] currencies;
        uint256[] payouts;
        uint256 kinds;
        address runReceiver;
        address runToken;
        uint256 runRoyalty;
    }

    /*//////////////////////////////////////////////////////////////
                                CHANNELS
    //////////////////////////////////////////////////////////////*/

    /// @dev The channel's id and state; reverts unless it exists and is not closed.
    function _openChannel(ChannelParams calldata params) internal view returns (bytes32 id, uint256 packed) {
        id = _channelId(params);
        packed = _channels[id];
        if (packed == 0) revert ChannelNotFound(id);
        if (packed & _CLOSED_BIT != 0) revert ChannelAlreadyClosed(id);
    }

    /// @dev keccak256(abi.encode(params)): the struct is static, so its calldata bytes are its encoding.
    function _channelId(ChannelParams calldata params) internal pure returns (bytes32 id) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, params, 0x100)
            id := keccak256(ptr, 0x100)
        }
    }

    /*//////////////////////////////////////////////////////////////
                          PAYMENTS AND CREDITS
    //////////////////////////////////////////////////////////////*/

    /// @dev Adds one claim to claimMany's totals; a change of royalty receiver or currency credits the run so far.
    function _addPayout(Payouts memory t, ChannelParams calldata p, uint256 amount, uint256 royalty) internal {
        address token = p.token;
        if (p.royaltyReceiver != t.runReceiver || token != t.runToken) {
            _credit(t.runReceiver, t.runToken, t.runRoyalty);
            (t.runReceiver, t.runToken, t.runRoyalty) = (p.royaltyReceiver, token, 0);
        }
        t.runRoyalty += royalty;
        uint256 k;
        while (k < t.kinds && t.currencies[k] != token) ++k;
        if (k == t.kinds) {
            t.currencies[k] = token;
            ++t.kinds;
        }
        t.payouts[k] += amount - royalty;
    }

    /// @dev Checks msg.value against a payment of `amount` in `token` and that the currency is allowed.
    function _checkValue(address token, uint256 amount) internal view {
        if (token == address(0)) {
            if (msg.value != amount) revert InvalidValue(msg.value, amount);
        } else {
            if (!_allowedErc20s[token]) revert CurrencyNotAllowed(token);
            if (msg.value != 0) revert InvalidValue(msg.value, 0);
        }
    }

    /// @dev Sends `amount`; a recipient that reverts (or a token that refuses) is credited instead.
    function _push(address to, address token, uint256 amount) internal {
        if (amount == 0) return;
        bool ok;
        if (token == address(0)) {
            assembly ("memory-safe") {
                ok := call(gas(), to, amount, 0, 0, 0, 0)
            }
        } else {
            ok = IERC20(token).trySafeTransfer(to, amount);
        }
        if (!ok) {
            _credits[to][token] += amount;
            emit Credited(to, token, amount);
        }
    }

    /// @dev Adds a royalty to a pull balance (no event: ChannelClaimed carries it).
    function _credit(address account, address token, uint256 amount) internal {
        if (amount != 0) _credits[account][token] += amount;
    }

    /// @dev Pays `account`'s whole credit in `currency` to `recipient`. Emits {Withdrawn}.
    function _withdraw(address account, address currency, address recipient) internal {
        uint256 amount = _credits[account][currency];
        if (amount == 0) revert NothingToWithdraw(account, currency);
        _credits[account][currency] = 0;
        emit Withdrawn(account, currency, amount);
        if (currency == address(0)) {
            bool ok;
            assembly ("memory-safe") {
                ok := call(gas(), recipient, amount, 0, 0, 0, 0)
            }
            if (!ok) revert EthTransferFailed(recipient, amount);
        } else {
            IERC20(currency).safeTransfer(recipient, amount);
        }
    }

    /// @dev Emits {CurrencyAllowed}; ETH cannot be listed (it is always allowed).
    function _setCurrencyAllowed(address currency, bool allowed) internal {
        if (currency == address(0)) revert CurrencyNotAllowed(currency);
        _allowedErc20s[currency] = allowed;
        emit CurrencyAllowed(currency, allowed);
    }
}
