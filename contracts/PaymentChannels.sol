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

/// @title PaymentChannels: unidirectional pay-per-call channels for AIMs, with the AIM's royalty enforced.
/// @notice A payer locks a deposit (ETH or an allow-listed ERC-20) for a payee (a HyperBox operator) and one
/// AIM, then pays per call with off-chain EIP-712 vouchers carrying a cumulative amount. The payee claims at
/// any time (the channel stays open) or closes with the final voucher; after expiry the payer reclaims what
/// was not claimed. Every claim credits `royaltyBps` of the claimed delta to the AIM's royalty receiver.
/// @dev One storage slot per channel: deposit (96 bits) | claimed (96) | expiry (40) | closed (1). The id is
/// `keccak256(abi.encode(ChannelParams))`; the params come back in calldata. A slot is never cleared, so a
/// closed channel's id can never be reopened and its vouchers never replayed. The voucher domain binds the
/// chain id and this contract; the voucher binds the channel id. Voucher hashing and signature checks live in
/// {ChannelVouchers}; the storage, its packing and the pushes and credits of value in {ChannelLedger}.
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

    /*//////////////////////////////////////////////////////////////
                               IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    IAIMRegistry private immutable _AIM_REGISTRY;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param initialOwner May pause, unpause and change the ERC-20 allow-list.
    /// @param aimRegistry_ The AIMRegistry whose `callRoyalty` fixes each channel's royalty at open.
    /// @param allowedErc20s ERC-20s accepted from the start (plain tokens: no fee on transfer, no rebasing).
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
    /// @dev ETH: send msg.value == deposit. ERC-20: approve first, msg.value == 0. `signer` (session key) signs
    /// vouchers; address(0) means the payer signs. Emits a {ChannelOpened} event.
    /// @return channelId keccak256(abi.encode(ChannelParams)) with the royalty read from AIMRegistry.
    function open(
        address payee,
        address token,
        address signer,
        uint256 aimId,
        bytes32 salt,
        uint256 deposit,
        uint256 expiry
    ) external payable whenNotPaused returns (bytes32 channelId) {
        // No reentrancy guard needed (saves ~400 gas): the only calls out are a view of AIMRegistry and, after
        // every effect, the allow-listed token's transferFrom; a re-entered call finds the channel complete.
        if (payee == address(0)) revert InvalidPayee();
        if (deposit == 0 || deposit > _MAX_AMOUNT) revert InvalidDeposit(deposit, _MAX_AMOUNT);
        if (expiry <= block.timestamp || expiry > _MAX_EXPIRY) revert InvalidExpiry(expiry, block.timestamp + 1);
        _checkValue(token, deposit);
        (address receiver, uint256 bps) = _callRoyalty(aimId);
        bytes32 topic = ChannelOpened.selector;
        uint256 ptr;
        // keccak256(abi.encode(ChannelParams(msg.sender, payee, token, signer, aimId, receiver, bps, salt))),
        // built in free memory that the ChannelOpened event then reuses as its data.
        assembly ("memory-safe") {
            ptr := mload(0x40)
            mstore(ptr, caller())
            mstore(add(ptr, 0x20), payee)
            mstore(add(ptr, 0x40), token)
            mstore(add(ptr, 0x60), signer)
            mstore(add(ptr, 0x80), aimId)
            mstore(add(ptr, 0xa0), receiver)
            mstore(add(ptr, 0xc0), bps)
            mstore(add(ptr, 0xe0), salt)
            channelId := keccak256(ptr, 0x100)
        }
        if (_channels[channelId] != 0) revert ChannelAlreadyExists(channelId);
        _channels[channelId] = deposit | (expiry << _EXPIRY_SHIFT);
        // emit ChannelOpened(channelId, msg.sender, payee, token, signer, aimId, receiver, bps, salt, deposit, expiry)
        assembly ("memory-safe") {
            mstore(add(ptr, 0x100), deposit)
            mstore(add(ptr, 0x120), expiry)
            log4(add(ptr, 0x40), 0x100, topic, channelId, caller(), payee)
        }
        if (token != address(0)) IERC20(token).safeTransferFrom(msg.sender, address(this), deposit);
    }

    /// @notice Adds `amount` to an open channel's deposit (payer only; ETH: msg.value == amount).
    /// @dev Emits a {ChannelToppedUp} event.
    function topUp(ChannelParams calldata params, uint256 amount) external payable nonReentrant whenNotPaused {
        (bytes32 id, uint256 packed) = _openChannel(params);
        if (msg.sender != params.payer) revert NotPayer(msg.sender, params.payer);
        uint256 room = _MAX_AMOUNT - (packed & _AMOUNT_MASK);
        if (amount == 0 || amount > room) revert InvalidDeposit(amount, room);
        _checkValue(params.token, amount);
        // amount <= room keeps the deposit (the low 96 bits) within 96 bits: adding cannot carry into `claimed`.
        _channels[id] = packed + amount;
        emit ChannelToppedUp(id, amount, _MAX_AMOUNT - room + amount);
        if (params.token != address(0)) IERC20(params.token).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Moves an open channel's expiry later (payer only); allowed while paused, it moves no value.
    /// @dev Emits a {ChannelExtended} event.
    function extend(ChannelParams calldata params, uint256 newExpiry) external {
        (bytes32 id, uint256 packed) = _openChannel(params);
        if (msg.sender != params.payer) revert NotPayer(msg.sender, params.payer);
        uint256 expiry = (packed >> _EXPIRY_SHIFT) & _EXPIRY_MASK;
        uint256 minimum = (expiry > block.timestamp ? expiry : block.timestamp) + 1;
        if (newExpiry < minimum || newExpiry > _MAX_EXPIRY) revert InvalidExpiry(newExpiry, minimum);
        _channels[id] = (packed & ~(_EXPIRY_MASK << _EXPIRY_SHIFT)) | (newExpiry << _EXPIRY_SHIFT);
        emit ChannelExtended(id, newExpiry);
    }

    /// @notice After expiry, returns what was not claimed to the payer and closes the channel (payer only).
    /// @dev Emits a {ChannelReclaimed} event (and {Credited} if the payer cannot receive the refund).
    function reclaim(ChannelParams calldata params) external nonReentrant {
        (bytes32 id, uint256 packed) = _openChannel(params);
        if (msg.sender != params.payer) revert NotPayer(msg.sender, params.payer);
        uint256 expiry = (packed >> _EXPIRY_SHIFT) & _EXPIRY_MASK;
        if (block.timestamp < expiry) revert NotExpired(id, expiry);
        // claimed <= deposit always holds (every claim checks it).
        uint256 refund = (packed & _AMOUNT_MASK) - ((packed >> _CLAIMED_SHIFT) & _AMOUNT_MASK);
        _channels[id] = packed | _CLOSED_BIT;
        emit ChannelReclaimed(id, refund);
        _push(params.payer, params.token, refund);
    }

    /*//////////////////////////////////////////////////////////////
                            PAYEE FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Claims up to `cumulativeAmount` with the payer's voucher; the channel stays open (payee only).
    /// @dev Emits a {ChannelClaimed} event.
    function claim(ChannelParams calldata params, uint256 cumulativeAmount, bytes calldata signature)
        external
        nonReentrant
    {
        (uint256 amount, uint256 royalty) = _claimOne(params, cumulativeAmount, signature);
        _credit(params.royaltyReceiver, params.token, royalty);
        _push(msg.sender, params.token, amount - royalty);
    }

    /// @notice Claims many channels of msg.sender in one transaction; reverts entirely if any claim is invalid.
    /// @dev The payee's payout is summed per currency and sent once per currency; royalties are summed over
    /// consecutive channels with the same receiver and currency. Emits a {ChannelClaimed} event per channel.
    function claimMany(
        ChannelParams[] calldata params,
        uint256[] calldata cumulativeAmounts,
        bytes[] calldata signatures
    ) external nonReentrant {
        uint256 n = params.length;
        if (cumulativeAmounts.length != n || signatures.length != n) {
            revert LengthMismatch(n, cumulativeAmounts.length, signatures.length);
        }
        Payouts memory t = Payouts(new address[](n), new uint256[](n), 0, address(0), address(0), 0);
        for (uint256 i; i < n; ++i) {
            ChannelParams calldata p = params[i];
            (uint256 amount, uint256 royalty) = _claimOne(p, cumulativeAmounts[i], signatures[i]);
            _addPayout(t, p, amount, royalty);
        }
        _credit(t.runReceiver, t.runToken, t.runRoyalty);
        for (uint256 k; k < t.kinds; ++k) {
            _push(msg.sender, t.currencies[k], t.payouts[k]);
        }
    }

    /// @notice Claims with the final voucher, refunds the rest of the deposit to the payer and closes the
    /// channel for good (payee only). Pass `cumulativeAmount` == already claimed (any signature) to close
    /// without a new claim.
    /// @dev Emits only a {ChannelClosed} event (one event saves ~1,900 gas): the final claim is
    /// `claimed` - the previous claimed, and its royalty that amount * royaltyBps / 10000, rounded down.
    function close(ChannelParams calldata params, uint256 cumulativeAmount, bytes calldata signature) external {
        // No reentrancy guard (saves ~350 gas, as in open): every effect (the closed bit, the final claimed amount,
        // the royalty credit) is written before the first call out and the amounts sent are locals, so a call
        // re-entered from either push finds this channel closed, and any other entry point is itself guarded.
        (bytes32 id, uint256 packed) = _openChannel(params);
        if (msg.sender != params.payee) revert NotPayee(msg.sender, params.payee);
        uint256 royalty;
        uint256 amount;
        if (cumulativeAmount != (packed >> _CLAIMED_SHIFT) & _AMOUNT_MASK) {
            (amount, royalty, packed) = _settle(id, packed, params, cumulativeAmount, signature);
        }
        uint256 refund;
        address token = params.token;
        // cumulativeAmount <= deposit (_settle checked it, or it equals claimed, which never exceeds the deposit),
        // and royalty <= amount (open refused a royaltyBps above 10,000, and the id binds it): no underflow.
        unchecked {
            refund = (packed & _AMOUNT_MASK) - cumulativeAmount;
            amount -= royalty;
        }
        _channels[id] = packed | _CLOSED_BIT;
        emit ChannelClosed(id, cumulativeAmount, refund);
        _credit(params.royaltyReceiver, token, royalty);
        _push(msg.sender, token, amount);
        _push(params.payer, token, refund);
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
            (packed >> _EXPIRY_SHIFT) & _EXPIRY_MASK,
            packed & _CLOSED_BIT != 0
        );
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

    /// @notice The AIMRegistry read at open.
    function aimRegistry() external view returns (address) {
        return address(_AIM_REGISTRY);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev AIMRegistry.callRoyalty(aimId) through a bare staticcall (~150 gas cheaper than a high-level call);
    /// the registry's revert (an unknown AIM) bubbles up. No royalty without a receiver; above 100% reverts.
    function _callRoyalty(uint256 aimId) private view returns (address receiver, uint256 bps) {
        IAIMRegistry registry = _AIM_REGISTRY;
        bytes4 selector = IAIMRegistry.callRoyalty.selector;
        assembly ("memory-safe") {
            mstore(0x00, selector)
            mstore(0x04, aimId)
            if iszero(staticcall(gas(), registry, 0x00, 0x24, 0x00, 0x40)) {
                returndatacopy(0x00, 0x00, returndatasize())
                revert(0x00, returndatasize())
            }
            if lt(returndatasize(), 0x40) { revert(0x00, 0x00) }
            // A trusted registry returns a clean address; masking keeps a broken one from dirtying the id.
            receiver := and(mload(0x00), 0xffffffffffffffffffffffffffffffffffffffff)
            bps := mload(0x20)
        }
        if (bps > _BPS) revert InvalidRoyalty(bps);
        if (receiver == address(0)) bps = 0;
    }

    /// @dev Settles one claim of a channel that stays open. Emits {ChannelClaimed}.
    function _claimOne(ChannelParams calldata params, uint256 cumulativeAmount, bytes calldata signature)
        private
        returns (uint256 amount, uint256 royalty)
    {
        (bytes32 id, uint256 packed) = _openChannel(params);
        if (msg.sender != params.payee) revert NotPayee(msg.sender, params.payee);
        (amount, royalty, packed) = _settle(id, packed, params, cumulativeAmount, signature);
        _channels[id] = packed;
        emit ChannelClaimed(id, cumulativeAmount, amount, royalty);
    }

    /// @dev Checks a voucher for more than what was claimed (the caller checked that msg.sender is the payee).
    /// Returns the claimed delta, the royalty out of it and the new packed state, which the caller stores.
    function _settle(
        bytes32 id,
        uint256 packed,
        ChannelParams calldata params,
        uint256 cumulativeAmount,
        bytes calldata signature
    ) private view returns (uint256 amount, uint256 royalty, uint256 newPacked) {
        uint256 expiry = (packed >> _EXPIRY_SHIFT) & _EXPIRY_MASK;
        if (block.timestamp >= expiry) revert ChannelExpired(id, expiry);
        uint256 claimed = (packed >> _CLAIMED_SHIFT) & _AMOUNT_MASK;
        if (cumulativeAmount <= claimed) revert VoucherAmountTooLow(cumulativeAmount, claimed);
        uint256 deposit = packed & _AMOUNT_MASK;
        if (cumulativeAmount > deposit) revert AmountExceedsDeposit(cumulativeAmount, deposit);
        _checkSignature(id, cumulativeAmount, params.signer == address(0) ? params.payer : params.signer, signature);
        // claimed < cumulativeAmount <= deposit < 2^96: the subtraction and the product cannot overflow.
        unchecked {
            amount = cumulativeAmount - claimed;
            royalty = (amount * params.royaltyBps) / _BPS;
        }
        newPacked = (packed & ~(_AMOUNT_MASK << _CLAIMED_SHIFT)) | (cumulativeAmount << _CLAIMED_SHIFT);
    }
}
