// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IAIMRegistry} from "./interfaces/IAIMRegistry.sol";
import {IPaymentChannels} from "./interfaces/IPaymentChannels.sol";
import {ChannelLedger} from "./channels/ChannelLedger.sol";
import {ChannelVouchers} from "./channels/ChannelVouchers.sol";

/// @title PaymentChannels: unidirectional pay-per-call channels for AIMs, with the AIM's license and royalty enforced.
/// @notice A payer locks a deposit (ETH or an allow-listed ERC-20) for a payee (a HyperBox operator) and one
/// AIM, then pays per call with off-chain EIP-712 vouchers carrying a cumulative amount, signed by the payer or by
/// a session key up to a cap the payer set on chain. The payee claims at any time (the channel stays open) or
/// closes with the final voucher; after expiry the payer reclaims what was not claimed. Every open, claim and
/// close with a claim reads AIMRegistry.callTerms(aimId, payee): the payee must hold a license of the AIM, and the
/// royalty receiver and rate in force are paid, on cumulative amounts (splitting a payment changes nothing).
/// No channel lives more than {MAX_CHANNEL_LIFETIME} after it was opened.
/// @dev One storage slot per channel: deposit (96 bits) | claimed (96) | expiry (32) | max expiry (32; 0 once
/// closed). The id is `keccak256(abi.encode(ChannelParams))`; the params come back in calldata. A slot is never
/// cleared, so a closed channel's id can never be reopened and its vouchers never replayed. The voucher domain
/// binds the chain id and this contract; the voucher binds the channel id. Voucher hashing and signature checks
/// live in {ChannelVouchers}; the storage, its packing and the pushes and credits of value in {ChannelLedger}.
contract PaymentChannels is
    IPaymentChannels,
    ChannelVouchers,
    Ownable2Step,
    Pausable,
    ReentrancyGuardTransient,
    ChannelLedger
{
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    uint256 private constant _BPS = 10_000;

    /// @notice No channel can be extended past this long after it was opened: a royalty or license change reaches
    /// every payment anyway (they are read at each claim), and this bounds how long a deposit can be tied up.
    uint256 public constant MAX_CHANNEL_LIFETIME = 365 days;

    /*//////////////////////////////////////////////////////////////
                               IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    IAIMRegistry private immutable _AIM_REGISTRY;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param initialOwner May pause, unpause and change the ERC-20 allow-list.
    /// @param aimRegistry_ The AIMRegistry whose `callTerms` gives each payment's license check and royalty.
    /// @param allowedErc20s ERC-20s accepted from the start (a deposit of a token that delivers less than stated is
    /// refused; a token whose balances shrink later, a negative rebase, must never be allowed).
    constructor(address initialOwner, address aimRegistry_, address[] memory allowedErc20s)
        EIP712("AIM PaymentChannels", "1")
        Ownable(initialOwner)
    {
        _AIM_REGISTRY = IAIMRegistry(aimRegistry_);
        for (uint256 i; i < allowedErc20s.length; ++i) {
            _setCurrencyAllowed(allowedErc20s[i], true);
        }
    }

    /*//////////////////////////////////////////////////////////////
                            PAYER FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Opens a channel from msg.sender to `payee` for AIM `aimId`, funded with `deposit` of `token`.
    /// @dev ETH: send msg.value == deposit. ERC-20: approve first, msg.value == 0; exactly `deposit` must arrive.
    /// `signer` (session key) may sign vouchers up to `sessionCap` (address(0): only the payer signs). The payee
    /// must hold a license of the AIM. `expiry` is at most {MAX_CHANNEL_LIFETIME} from now, and so is any later
    /// extension. Emits a {ChannelOpened} event.
    /// @return channelId keccak256(abi.encode(ChannelParams(msg.sender, payee, token, signer, aimId, sessionCap, salt))).
    function open(
        address payee,
        address token,
        address signer,
        uint256 aimId,
        uint256 sessionCap,
        bytes32 salt,
        uint256 deposit,
        uint256 expiry
    ) external payable whenNotPaused returns (bytes32 channelId) {
        // No reentrancy guard needed (saves ~400 gas): the only calls out are a view of AIMRegistry and, after
        // every effect, the allow-listed token's transferFrom, checked by balance (a re-entered deposit of the same
        // token makes the balance grow by more than `deposit`, which reverts too).
        if (payee == address(0)) revert PaymentChannelsInvalidPayee();
        if (deposit == 0 || deposit > _MAX_AMOUNT) revert PaymentChannelsInvalidDeposit(deposit, _MAX_AMOUNT);
        if (expiry <= block.timestamp) revert PaymentChannelsInvalidExpiry(expiry, block.timestamp + 1);
        // Fits in 32 bits until 2105.
        uint256 maxExpiry = block.timestamp + MAX_CHANNEL_LIFETIME;
        if (expiry > maxExpiry) revert PaymentChannelsLifetimeExceeded(expiry, maxExpiry);
        _checkValue(token, deposit);
        _licensedTerms(aimId, payee);
        bytes32 topic = ChannelOpened.selector;
        uint256 ptr;
        // keccak256(abi.encode(ChannelParams(msg.sender, payee, token, signer, aimId, sessionCap, salt))), built in
        // free memory that the ChannelOpened event then reuses as its data.
        assembly ("memory-safe") {
            ptr := mload(0x40)
            mstore(ptr, caller())
            mstore(add(ptr, 0x20), payee)
            mstore(add(ptr, 0x40), token)
            mstore(add(ptr, 0x60), signer)
            mstore(add(ptr, 0x80), aimId)
            mstore(add(ptr, 0xa0), sessionCap)
            mstore(add(ptr, 0xc0), salt)
            channelId := keccak256(ptr, 0xe0)
        }
        if (_channels[channelId] != 0) revert PaymentChannelsChannelAlreadyExists(channelId);
        _channels[channelId] = deposit | (expiry << _EXPIRY_SHIFT) | (maxExpiry << _MAX_EXPIRY_SHIFT);
        // emit ChannelOpened(channelId, msg.sender, payee, token, signer, aimId, sessionCap, salt, deposit, expiry)
        assembly ("memory-safe") {
            mstore(add(ptr, 0xe0), deposit)
            mstore(add(ptr, 0x100), expiry)
            log4(add(ptr, 0x40), 0xe0, topic, channelId, caller(), payee)
        }
        if (token != address(0)) _pull(token, deposit);
    }

    /// @notice Adds `amount` to an open channel's deposit (payer only; ETH: msg.value == amount; ERC-20: exactly
    /// `amount` must arrive). The session cap does not move: raise it with {raiseSessionCap}.
    /// @dev Emits a {ChannelToppedUp} event.
    function topUp(ChannelParams calldata params, uint256 amount) external payable nonReentrant whenNotPaused {
        (bytes32 id, uint256 packed) = _openChannel(params);
        if (msg.sender != params.payer) revert PaymentChannelsNotPayer(msg.sender, params.payer);
        uint256 room = _MAX_AMOUNT - (packed & _AMOUNT_MASK);
        if (amount == 0 || amount > room) revert PaymentChannelsInvalidDeposit(amount, room);
        _checkValue(params.token, amount);
        // amount <= room keeps the deposit (the low 96 bits) within 96 bits: adding cannot carry into `claimed`.
        _channels[id] = packed + amount;
        emit ChannelToppedUp(id, amount, _MAX_AMOUNT - room + amount);
        if (params.token != address(0)) _pull(params.token, amount);
    }

    /// @notice Moves an open channel's expiry later, up to {MAX_CHANNEL_LIFETIME} after it was opened (payer only);
    /// allowed while paused, it moves no value.
    /// @dev Emits a {ChannelExtended} event.
    function extend(ChannelParams calldata params, uint256 newExpiry) external {
        (bytes32 id, uint256 packed) = _openChannel(params);
        if (msg.sender != params.payer) revert PaymentChannelsNotPayer(msg.sender, params.payer);
        uint256 expiry = (packed >> _EXPIRY_SHIFT) & _TIME_MASK;
        uint256 minimum = (expiry > block.timestamp ? expiry : block.timestamp) + 1;
        if (newExpiry < minimum) revert PaymentChannelsInvalidExpiry(newExpiry, minimum);
        uint256 maxExpiry = packed >> _MAX_EXPIRY_SHIFT;
        if (newExpiry > maxExpiry) revert PaymentChannelsLifetimeExceeded(newExpiry, maxExpiry);
        _channels[id] = (packed & ~(_TIME_MASK << _EXPIRY_SHIFT)) | (newExpiry << _EXPIRY_SHIFT);
        emit ChannelExtended(id, newExpiry);
    }

    /// @notice Raises the cap up to which the channel's session key may sign vouchers (payer only; raise only: a
    /// cap never goes down, so a voucher the payee accepted stays claimable). Allowed while paused.
    /// @dev Emits a {SessionCapRaised} event.
    function raiseSessionCap(ChannelParams calldata params, uint256 newCap) external {
        (bytes32 id,) = _openChannel(params);
        if (msg.sender != params.payer) revert PaymentChannelsNotPayer(msg.sender, params.payer);
        uint256 current = _sessionCapOf(id, params.sessionCap);
        if (params.signer == address(0) || newCap <= current || newCap > _MAX_AMOUNT) {
            revert PaymentChannelsInvalidSessionCap(newCap, current + 1);
        }
        _sessionCaps[id] = newCap;
        emit SessionCapRaised(id, newCap);
    }

    /// @notice After expiry, returns what was not claimed to the payer and closes the channel (payer only).
    /// @dev Emits a {ChannelReclaimed} event (and {Credited} if the payer cannot receive the refund).
    function reclaim(ChannelParams calldata params) external nonReentrant {
        (bytes32 id, uint256 packed) = _openChannel(params);
        if (msg.sender != params.payer) revert PaymentChannelsNotPayer(msg.sender, params.payer);
        uint256 expiry = (packed >> _EXPIRY_SHIFT) & _TIME_MASK;
        if (block.timestamp < expiry) revert PaymentChannelsNotExpired(id, expiry);
        // claimed <= deposit always holds (every claim checks it).
        uint256 refund = (packed & _AMOUNT_MASK) - ((packed >> _CLAIMED_SHIFT) & _AMOUNT_MASK);
        _channels[id] = packed & ~(_TIME_MASK << _MAX_EXPIRY_SHIFT);
        emit ChannelReclaimed(id, refund);
        // The payer is the caller: all the gas is its own.
        _push(msg.sender, params.token, refund, gasleft());
    }

    /*//////////////////////////////////////////////////////////////
                            PAYEE FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Claims up to `cumulativeAmount` with a voucher; the channel stays open (payee only, licensed).
    /// @dev Emits a {ChannelClaimed} event. No reentrancy guard (as in close): the channel's new state and the
    /// royalty credit are written before the only call out, the payout to the caller itself.
    function claim(ChannelParams calldata params, uint256 cumulativeAmount, bytes calldata signature) external {
        if (msg.sender != params.payee) revert PaymentChannelsNotPayee(msg.sender, params.payee);
        (address receiver, uint256 bps) = _licensedTerms(params.aimId, msg.sender);
        (uint256 amount, uint256 royalty) = _claimOne(params, cumulativeAmount, signature, bps);
        _credit(receiver, params.token, royalty);
        _push(msg.sender, params.token, amount - royalty, gasleft());
    }

    /// @notice Claims many channels of msg.sender in one transaction; reverts entirely if any claim is invalid.
    /// @dev The payee's payout is summed per currency and sent once per currency; royalties are summed over
    /// consecutive channels with the same receiver and currency; AIMRegistry is asked once per run of channels of
    /// the same AIM. A channel may appear more than once (each voucher must exceed the last): the royalty is
    /// computed on cumulative amounts, so this pays exactly what one claim would. All effects are written before
    /// the payouts to the caller itself. Emits a {ChannelClaimed} event per channel.
    function claimMany(
        ChannelParams[] calldata params,
        uint256[] calldata cumulativeAmounts,
        bytes[] calldata signatures
    ) external {
        uint256 n = params.length;
        if (cumulativeAmounts.length != n || signatures.length != n) {
            revert PaymentChannelsLengthMismatch(n, cumulativeAmounts.length, signatures.length);
        }
        Payouts memory t = Payouts(new address[](n), new uint256[](n), 0, address(0), address(0), 0, type(uint256).max, address(0), 0);
        for (uint256 i; i < n; ++i) {
            _claimInMany(t, params[i], cumulativeAmounts[i], signatures[i]);
        }
        _credit(t.runReceiver, t.runToken, t.runRoyalty);
        for (uint256 k; k < t.kinds; ++k) {
            _push(msg.sender, t.currencies[k], t.payouts[k], gasleft());
        }
    }

    /// @notice Claims with the final voucher, refunds the rest of the deposit to the payer and closes the
    /// channel for good (payee only; licensed when it claims). Pass `cumulativeAmount` == already claimed (any
    /// signature) to close without a new claim: no license needed, the payer just gets the rest back.
    /// @dev Emits only a {ChannelClosed} event (one event saves ~1,900 gas): the final claim is
    /// `claimed` - the previous claimed, and its royalty is computed as for a claim. The refund to the payer is
    /// pushed with at most 50,000 gas (ETH); a payer that needs more, or refuses, is credited instead.
    function close(ChannelParams calldata params, uint256 cumulativeAmount, bytes calldata signature) external {
        // No reentrancy guard (saves ~350 gas, as in open): every effect (the closed state, the final claimed amount,
        // the royalty credit) is written before the first call out and the amounts sent are locals, so a call
        // re-entered from either push finds this channel closed, and any other entry point is itself guarded.
        (bytes32 id, uint256 packed) = _openChannel(params);
        if (msg.sender != params.payee) revert PaymentChannelsNotPayee(msg.sender, params.payee);
        uint256 royalty;
        uint256 amount;
        address receiver;
        if (cumulativeAmount != (packed >> _CLAIMED_SHIFT) & _AMOUNT_MASK) {
            uint256 bps;
            (receiver, bps) = _licensedTerms(params.aimId, msg.sender);
            (amount, royalty, packed) = _settle(id, packed, params, cumulativeAmount, signature, bps);
        }
        uint256 refund;
        address token = params.token;
        // cumulativeAmount <= deposit (_settle checked it, or it equals claimed, which never exceeds the deposit),
        // and royalty <= amount (bps <= 10,000): no underflow.
        unchecked {
            refund = (packed & _AMOUNT_MASK) - cumulativeAmount;
            amount -= royalty;
        }
        _channels[id] = packed & ~(_TIME_MASK << _MAX_EXPIRY_SHIFT);
        emit ChannelClosed(id, cumulativeAmount, refund);
        _credit(receiver, token, royalty);
        _push(msg.sender, token, amount, gasleft());
        _push(params.payer, token, refund, _PUSH_GAS);
    }

    /*//////////////////////////////////////////////////////////////
                          CREDITS AND ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Pays `account` everything credited to it in `currency`; anyone may trigger it. Never paused.
    /// @dev Emits a {Withdrawn} event.
    function withdraw(address currency, address account) external nonReentrant {
        _withdraw(account, currency, account);
    }

    /// @notice Pays msg.sender's credit in `currency` to `recipient` (for accounts that cannot receive ETH).
    /// @dev Emits a {Withdrawn} event.
    function withdrawTo(address currency, address recipient) external nonReentrant {
        _withdraw(msg.sender, currency, recipient);
    }

    /// @notice Adds or removes an ERC-20 from the currencies new channels and top-ups may use (owner only).
    /// @dev Claims, closes and reclaims of existing channels are never affected. Emits {CurrencyAllowed}.
    function setCurrencyAllowed(address currency, bool allowed) external onlyOwner {
        _setCurrencyAllowed(currency, allowed);
    }

    /// @notice Stops new channels and top-ups (owner only); claims, closes, reclaims and withdrawals go on.
    function pause() external onlyOwner {
        _pause();
    }

    /// @notice Lets new channels and top-ups in again (owner only).
    function unpause() external onlyOwner {
        _unpause();
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The mutable state of a channel (all zero: never opened).
    function channel(bytes32 channelId)
        external
        view
        returns (uint256 deposit, uint256 claimed, uint256 expiry, bool closed)
    {
        uint256 packed = _channels[channelId];
        return (
            packed & _AMOUNT_MASK,
            (packed >> _CLAIMED_SHIFT) & _AMOUNT_MASK,
            (packed >> _EXPIRY_SHIFT) & _TIME_MASK,
            packed != 0 && packed >> _MAX_EXPIRY_SHIFT == 0
        );
    }

    /// @notice The latest expiry an open channel may be extended to: {MAX_CHANNEL_LIFETIME} after it was opened
    /// (0: never opened, or closed).
    function maxExpiryOf(bytes32 channelId) external view returns (uint256) {
        return _channels[channelId] >> _MAX_EXPIRY_SHIFT;
    }

    /// @notice Up to which cumulative amount the channel's session key may sign: the params' cap or the one the
    /// payer raised it to (0 when the channel has no session key).
    function sessionCapOf(ChannelParams calldata params) external view returns (uint256) {
        if (params.signer == address(0)) return 0;
        return _sessionCapOf(_channelId(params), params.sessionCap);
    }

    /// @notice The id of the channel with these parameters.
    function channelIdOf(ChannelParams calldata params) external pure returns (bytes32) {
        return _channelId(params);
    }

    /// @notice What `account` may withdraw in `currency`.
    function credits(address account, address currency) external view returns (uint256) {
        return _credits[account][currency];
    }

    /// @notice Whether new channels may use `currency` (ETH, address(0), always may).
    function isCurrencyAllowed(address currency) external view returns (bool) {
        return currency == address(0) || _allowedErc20s[currency];
    }

    /// @notice The AIMRegistry read at every open, claim and close with a claim.
    function aimRegistry() external view returns (address) {
        return address(_AIM_REGISTRY);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev AIMRegistry.callTerms(aimId, payee) through a bare staticcall (~150 gas cheaper than a high-level call);
    /// the registry's revert (an unknown AIM) bubbles up. Reverts unless the payee holds a license. No royalty
    /// without a receiver; above 100% reverts.
    function _licensedTerms(uint256 aimId, address payee) private view returns (address receiver, uint256 bps) {
        IAIMRegistry registry = _AIM_REGISTRY;
        bytes4 selector = IAIMRegistry.callTerms.selector;
        bool licensed;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), aimId)
            mstore(add(ptr, 0x24), payee)
            if iszero(staticcall(gas(), registry, ptr, 0x44, ptr, 0x60)) {
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
            if lt(returndatasize(), 0x60) { revert(0x00, 0x00) }
            receiver := and(mload(ptr), 0xffffffffffffffffffffffffffffffffffffffff)
            bps := mload(add(ptr, 0x20))
            licensed := iszero(iszero(mload(add(ptr, 0x40))))
        }
        if (!licensed) revert PaymentChannelsPayeeNotLicensed(payee, aimId);
        if (bps > _BPS) revert PaymentChannelsInvalidRoyalty(bps);
        if (receiver == address(0)) bps = 0;
    }

    /// @dev The session cap in force: the params' cap or a higher one the payer set since.
    function _sessionCapOf(bytes32 id, uint256 paramsCap) private view returns (uint256) {
        uint256 raised = _sessionCaps[id];
        return raised > paramsCap ? raised : paramsCap;
    }

    /// @dev One channel of claimMany: claims it and adds it to the totals; asks AIMRegistry for the terms only when
    /// the AIM differs from the previous channel's.
    function _claimInMany(
        Payouts memory t,
        ChannelParams calldata p,
        uint256 cumulativeAmount,
        bytes calldata signature
    ) private {
        if (msg.sender != p.payee) revert PaymentChannelsNotPayee(msg.sender, p.payee);
        uint256 aimId = p.aimId;
        // termsAim starts at 2^256 - 1, which no AIM id reaches: the first channel always asks.
        if (aimId != t.termsAim) {
            (t.termsReceiver, t.termsBps) = _licensedTerms(aimId, msg.sender);
            t.termsAim = aimId;
        }
        (uint256 amount, uint256 royalty) = _claimOne(p, cumulativeAmount, signature, t.termsBps);
        _addPayout(t, p.token, t.termsReceiver, amount, royalty);
    }

    /// @dev Settles one claim of a channel that stays open. Emits {ChannelClaimed}.
    function _claimOne(ChannelParams calldata params, uint256 cumulativeAmount, bytes calldata signature, uint256 bps)
        private
        returns (uint256 amount, uint256 royalty)
    {
        (bytes32 id, uint256 packed) = _openChannel(params);
        (amount, royalty, packed) = _settle(id, packed, params, cumulativeAmount, signature, bps);
        _channels[id] = packed;
        emit ChannelClaimed(id, cumulativeAmount, amount, royalty);
    }

    /// @dev Checks a voucher for more than what was claimed (the caller checked that msg.sender is the payee and
    /// licensed). Returns the claimed delta, the royalty out of it at `bps` computed on cumulative amounts, and the
    /// new packed state, which the caller stores.
    function _settle(
        bytes32 id,
        uint256 packed,
        ChannelParams calldata params,
        uint256 cumulativeAmount,
        bytes calldata signature,
        uint256 bps
    ) private view returns (uint256 amount, uint256 royalty, uint256 newPacked) {
        uint256 expiry = (packed >> _EXPIRY_SHIFT) & _TIME_MASK;
        if (block.timestamp >= expiry) revert PaymentChannelsChannelExpired(id, expiry);
        uint256 claimed = (packed >> _CLAIMED_SHIFT) & _AMOUNT_MASK;
        if (cumulativeAmount <= claimed) revert PaymentChannelsVoucherAmountTooLow(cumulativeAmount, claimed);
        uint256 deposit = packed & _AMOUNT_MASK;
        if (cumulativeAmount > deposit) revert PaymentChannelsAmountExceedsDeposit(cumulativeAmount, deposit);
        if (_checkSignature(id, cumulativeAmount, params.payer, params.signer, signature)) {
            // Signed by the session key: within the params' cap costs nothing more; above it, the raised cap is read.
            uint256 cap = params.sessionCap;
            if (cumulativeAmount > cap) {
                cap = _sessionCapOf(id, cap);
                if (cumulativeAmount > cap) revert PaymentChannelsSessionCapExceeded(cumulativeAmount, cap);
            }
        }
        // claimed < cumulativeAmount <= deposit < 2^96 and bps <= 10,000: no overflow; floor is monotone, so the
        // royalty is never negative, and it never exceeds amount (bps <= 10,000).
        unchecked {
            amount = cumulativeAmount - claimed;
            royalty = (cumulativeAmount * bps) / _BPS - (claimed * bps) / _BPS;
        }
        newPacked = (packed & ~(_AMOUNT_MASK << _CLAIMED_SHIFT)) | (cumulativeAmount << _CLAIMED_SHIFT);
    }
}
