// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPaymentChannels} from "../interfaces/IPaymentChannels.sol";

/// @title Storage, slot packing and value movement of PaymentChannels.
/// @dev `_channels[id]` = deposit (bits 0-95) | claimed (96-191) | expiry (192-223) | max expiry (224-255); 0
/// means never opened, a max expiry of 0 in a non-zero slot means closed, and a slot is never cleared.
/// `_credits[account][currency]` is a pull balance: royalties, and pushes a recipient refused. `_allowedErc20s` is
/// the ERC-20 allow-list (ETH, address(0), is always allowed). `_sessionCaps[id]` is a session cap the payer raised
/// above the one in the channel's params (0: never raised). Declared in this order after the owner and pause state.
abstract contract ChannelLedger is IPaymentChannels {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    uint256 internal constant _MAX_AMOUNT = type(uint96).max;
    uint256 internal constant _CLAIMED_SHIFT = 96;
    uint256 internal constant _EXPIRY_SHIFT = 192;
    uint256 internal constant _MAX_EXPIRY_SHIFT = 224;
    uint256 internal constant _AMOUNT_MASK = (1 << 96) - 1;
    uint256 internal constant _TIME_MASK = (1 << 32) - 1;
    /// @dev Gas forwarded with an ETH push to an address the caller did not choose for itself (the payer's refund
    /// at close): a recipient that needs more, or burns it, is credited instead.
    uint256 internal constant _PUSH_GAS = 50_000;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev channel id => deposit | claimed << 96 | expiry << 192 | maxExpiry << 224 (0: never opened; maxExpiry 0:
    /// closed).
    mapping(bytes32 channelId => uint256 packed) internal _channels;
    mapping(address account => mapping(address currency => uint256 amount)) internal _credits;
    mapping(address currency => bool allowed) internal _allowedErc20s;
    mapping(bytes32 channelId => uint256 sessionCap) internal _sessionCaps;

    /// @dev claimMany's running totals: the payee's payout per currency, the current run of royalties owed to one
    /// receiver in one currency, and the call terms of the last AIM read (consecutive channels of one AIM share
    /// them: one AIMRegistry call per run of an AIM).
    struct Payouts {
        address[] currencies;
        uint256[] payouts;
        uint256 kinds;
        address runReceiver;
        address runToken;
        uint256 runRoyalty;
        uint256 termsAim;
        address termsReceiver;
        uint256 termsBps;
    }

    /*//////////////////////////////////////////////////////////////
                                CHANNELS
    //////////////////////////////////////////////////////////////*/

    /// @dev The channel's id and state; reverts unless it exists and is not closed.
    function _openChannel(ChannelParams calldata params) internal view returns (bytes32 id, uint256 packed) {
        id = _channelId(params);
        packed = _channels[id];
        if (packed == 0) revert PaymentChannelsChannelNotFound(id);
        if (packed >> _MAX_EXPIRY_SHIFT == 0) revert PaymentChannelsChannelAlreadyClosed(id);
    }

    /// @dev keccak256(abi.encode(params)): the struct is static, so its calldata bytes are its encoding.
    function _channelId(ChannelParams calldata params) internal pure returns (bytes32 id) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, params, 0xe0)
            id := keccak256(ptr, 0xe0)
        }
    }

    /*//////////////////////////////////////////////////////////////
                          PAYMENTS AND CREDITS
    //////////////////////////////////////////////////////////////*/

    /// @dev Adds one claim to claimMany's totals; a change of royalty receiver or currency credits the run so far.
    function _addPayout(Payouts memory t, address token, address receiver, uint256 amount, uint256 royalty) internal {
        if (receiver != t.runReceiver || token != t.runToken) {
            _credit(t.runReceiver, t.runToken, t.runRoyalty);
            (t.runReceiver, t.runToken, t.runRoyalty) = (receiver, token, 0);
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
            if (msg.value != amount) revert PaymentChannelsInvalidValue(msg.value, amount);
        } else {
            if (!_allowedErc20s[token]) revert PaymentChannelsCurrencyNotAllowed(token);
            if (msg.value != 0) revert PaymentChannelsInvalidValue(msg.value, 0);
        }
    }

    /// @dev Takes `amount` of ERC-20 `token` from msg.sender and checks that exactly `amount` arrived: a token that
    /// delivers less (fee on transfer, rebasing shares rounded down) is refused, never credited at face value.
    function _pull(address token, uint256 amount) internal {
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received != amount) revert PaymentChannelsFeeOnTransfer(token, amount, received);
    }

    /// @dev Sends `amount` to `to`, with at most `gasCap` gas for ETH (`gas()` when `to` is the caller itself); a
    /// recipient that reverts or needs more gas (or a token that refuses) is credited instead.
    function _push(address to, address token, uint256 amount, uint256 gasCap) internal {
        if (amount == 0) return;
        bool ok;
        if (token == address(0)) {
            assembly ("memory-safe") {
                ok := call(gasCap, to, amount, 0, 0, 0, 0)
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
        if (amount == 0) revert PaymentChannelsNothingToWithdraw(account, currency);
        _credits[account][currency] = 0;
        emit Withdrawn(account, currency, amount);
        if (currency == address(0)) {
            bool ok;
            assembly ("memory-safe") {
                ok := call(gas(), recipient, amount, 0, 0, 0, 0)
            }
            if (!ok) revert PaymentChannelsEthTransferFailed(recipient, amount);
        } else {
            IERC20(currency).safeTransfer(recipient, amount);
        }
    }

    /// @dev Emits {CurrencyAllowed}; ETH cannot be listed (it is always allowed).
    function _setCurrencyAllowed(address currency, bool allowed) internal {
        if (currency == address(0)) revert PaymentChannelsCurrencyNotAllowed(currency);
        _allowedErc20s[currency] = allowed;
        emit CurrencyAllowed(currency, allowed);
    }
}
