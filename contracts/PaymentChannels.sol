// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IAIMRegistry} from "./interfaces/IAIMRegistry.sol";
import {IPaymentChannels} from "./interfaces/IPaymentChannels.sol";

/// @title PaymentChannels: unidirectional pay-per-call channels for AIMs, with the AIM's royalty enforced.
/// @notice A payer locks a deposit (ETH or an allow-listed ERC-20) for a payee (a HyperBox operator) and one
/// AIM, then pays per call with off-chain EIP-712 vouchers carrying a cumulative amount. The payee claims at
/// any time (the channel stays open) or closes with the final voucher; after expiry the payer reclaims what
/// was not claimed. Every claim credits `royaltyBps` of the claimed delta to the AIM's royalty receiver.
/// @dev One storage slot per channel: deposit (96 bits) | claimed (96) | expiry (40) | closed (1). The id is
/// `keccak256(abi.encode(ChannelParams))`; the params come back in calldata. A slot is never cleared, so a
/// closed channel's id can never be reopened and its vouchers never replayed. The voucher domain binds the
/// chain id and this contract; the voucher binds the channel id.
contract PaymentChannels is IPaymentChannels, EIP712, Ownable2Step, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice EIP-712 type hash of `Voucher(bytes32 channelId,uint256 cumulativeAmount)`.
    bytes32 public constant VOUCHER_TYPEHASH = keccak256("Voucher(bytes32 channelId,uint256 cumulativeAmount)");

    uint256 private constant _BPS = 10_000;
    /// @dev secp256k1n / 2: larger `s` values are the malleable twins of valid signatures.
    uint256 private constant _HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
    uint256 private constant _MAX_AMOUNT = type(uint96).max;
    uint256 private constant _MAX_EXPIRY = type(uint40).max;
    uint256 private constant _CLAIMED_SHIFT = 96;
    uint256 private constant _EXPIRY_SHIFT = 192;
    uint256 private constant _CLOSED_BIT = 1 << 232;
    uint256 private constant _AMOUNT_MASK = (1 << 96) - 1;
    uint256 private constant _EXPIRY_MASK = (1 << 40) - 1;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    IAIMRegistry private immutable _AIM_REGISTRY;

    /// @dev channel id => deposit | claimed << 96 | expiry << 192 | closed << 232 (0: never opened).
    mapping(bytes32 channelId => uint256 packed) private _channels;
    mapping(address account => mapping(address currency => uint256 amount)) private _credits;
    mapping(address currency => bool allowed) private _allowedErc20s;

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

    /// @notice The EIP-712 digest a voucher's signer signs.
    function voucherDigest(bytes32 channelId, uint256 cumulativeAmount) external view returns (bytes32) {
        return _voucherDigest(channelId, cumulativeAmount);
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

    function _addPayout(Payouts memory t, ChannelParams calldata p, uint256 amount, uint256 royalty) private {
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

    /// @dev The channel's id and state; reverts unless it exists and is not closed.
    function _openChannel(ChannelParams calldata params) private view returns (bytes32 id, uint256 packed) {
        id = _channelId(params);
        packed = _channels[id];
        if (packed == 0) revert ChannelNotFound(id);
        if (packed & _CLOSED_BIT != 0) revert ChannelAlreadyClosed(id);
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

    /// @dev Checks a voucher for more than what was claimed (the caller checked that msg.sender is the payee). Returns the claimed delta, the royalty out of it
    /// and the new packed state, which the caller stores.
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

    /// @dev Accepts an ECDSA signature (65 bytes, low s) by `expected`, or an ERC-1271 signature when
    /// `expected` is a contract. Reads r, s, v straight from calldata (cheaper than copying to memory).
    function _checkSignature(bytes32 id, uint256 cumulativeAmount, address expected, bytes calldata signature)
        private
        view
    {
        bytes32 digest = _voucherDigest(id, cumulativeAmount);
        address recovered;
        if (signature.length == 65) {
            // The ecrecover precompile (address 1) called on free memory, ~70 gas cheaper than the builtin. It
            // returns nothing for an invalid signature, so the output word is cleared first. Malleable (high s)
            // signatures are refused, as in OpenZeppelin's ECDSA.
            uint256 halfOrder = _HALF_ORDER;
            assembly ("memory-safe") {
                let s := calldataload(add(signature.offset, 0x20))
                if iszero(gt(s, halfOrder)) {
                    let ptr := mload(0x40)
                    mstore(ptr, digest)
                    mstore(add(ptr, 0x20), byte(0, calldataload(add(signature.offset, 0x40))))
                    mstore(add(ptr, 0x40), calldataload(signature.offset))
                    mstore(add(ptr, 0x60), s)
                    mstore(0x00, 0)
                    pop(staticcall(gas(), 0x01, ptr, 0x80, 0x00, 0x20))
                    recovered := mload(0x00)
                }
            }
        }
        if (recovered == expected && recovered != address(0)) return;
        if (expected.code.length != 0 && SignatureChecker.isValidERC1271SignatureNow(expected, digest, signature)) {
            return;
        }
        revert InvalidSigner(recovered, expected);
    }

    /// @dev The EIP-712 digest of Voucher(channelId, cumulativeAmount), hashed in scratch memory.
    function _voucherDigest(bytes32 id, uint256 cumulativeAmount) private view returns (bytes32 digest) {
        bytes32 separator = _domainSeparatorV4();
        bytes32 typeHash = VOUCHER_TYPEHASH;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            mstore(add(ptr, 0x20), id)
            mstore(add(ptr, 0x40), cumulativeAmount)
            let structHash := keccak256(ptr, 0x60)
            mstore(ptr, 0x1901)
            mstore(add(ptr, 0x20), separator)
            mstore(add(ptr, 0x40), structHash)
            digest := keccak256(add(ptr, 0x1e), 0x42)
        }
    }

    /// @dev keccak256(abi.encode(params)): the struct is static, so its calldata bytes are its encoding.
    function _channelId(ChannelParams calldata params) private pure returns (bytes32 id) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, params, 0x100)
            id := keccak256(ptr, 0x100)
        }
    }

    /// @dev Checks msg.value against a payment of `amount` in `token` and that the currency is allowed.
    function _checkValue(address token, uint256 amount) private view {
        if (token == address(0)) {
            if (msg.value != amount) revert InvalidValue(msg.value, amount);
        } else {
            if (!_allowedErc20s[token]) revert CurrencyNotAllowed(token);
            if (msg.value != 0) revert InvalidValue(msg.value, 0);
        }
    }

    /// @dev Sends `amount`; a recipient that reverts (or a token that refuses) is credited instead.
    function _push(address to, address token, uint256 amount) private {
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
    function _credit(address account, address token, uint256 amount) private {
        if (amount != 0) _credits[account][token] += amount;
    }

    function _withdraw(address account, address currency, address recipient) private {
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

    function _setCurrencyAllowed(address currency, bool allowed) private {
        if (currency == address(0)) revert CurrencyNotAllowed(currency);
        _allowedErc20s[currency] = allowed;
        emit CurrencyAllowed(currency, allowed);
    }
}
