// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title RoyaltySplitter
/// @notice Splits every ETH and ERC-20 payment it receives among fixed payees in proportion to fixed shares.
/// Payments are pulled: anyone may release what is due to a payee, and it is sent to that payee only.
/// @dev A rewrite of OpenZeppelin 4's PaymentSplitter for OpenZeppelin 5, used through EIP-1167 clones made by
/// RoyaltySplitterFactory. Payees and shares are set once by {initialize}; the implementation itself is locked.
/// What a payee is owed never depends on when others release: `due = received * shares / totalShares - released`.
/// Tokens that charge a fee on transfer or rebase are not supported (the accounting would not match the balance).
contract RoyaltySplitter is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev {initialize} was called on a splitter that already has payees, or on the locked implementation.
    error RoyaltySplitterAlreadyInitialized();
    /// @dev {initialize} was given no payees, or more than {MAX_PAYEES}.
    error RoyaltySplitterInvalidPayeeCount(uint256 count, uint256 max);
    /// @dev {initialize} was given `payees` and `shares` arrays of different lengths.
    error RoyaltySplitterLengthMismatch(uint256 payees, uint256 shares);
    /// @dev The payee at `index` is the zero address.
    error RoyaltySplitterZeroPayee(uint256 index);
    /// @dev `payee` was given zero shares.
    error RoyaltySplitterZeroShares(address payee);
    /// @dev `payee` appears twice.
    error RoyaltySplitterDuplicatePayee(address payee);
    /// @dev `account` holds no shares in this splitter.
    error RoyaltySplitterNotPayee(address account);
    /// @dev Nothing is due to `account` in `token` (address(0) for ETH).
    error RoyaltySplitterNothingDue(address token, address account);
    /// @dev Sending `amount` wei to `account` failed.
    error RoyaltySplitterETHTransferFailed(address account, uint256 amount);
    /// @dev {releaseAll} was left with `gasLeft` gas before a payment, less than the `needed` that a capped push
    /// requires (so a caller cannot make payments fail, and be recorded as refused, by sending too little gas).
    error RoyaltySplitterInsufficientGas(uint256 gasLeft, uint256 needed);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @dev `from` sent `amount` wei to the splitter.
    event PaymentReceived(address from, uint256 amount);
    /// @dev `amount` wei were sent to payee `to`.
    event PaymentReleased(address indexed to, uint256 amount);
    /// @dev `amount` of `token` were sent to payee `to`.
    event ERC20PaymentReleased(address indexed token, address indexed to, uint256 amount);
    /// @dev {releaseAll} could not pay `amount` of `token` (address(0) for ETH) to `to`; it stays due to `to`.
    event ReleaseFailed(address indexed token, address indexed to, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @notice The largest number of payees, which bounds the gas of {releaseAll}.
    uint256 public constant MAX_PAYEES = 64;
    /// @notice The gas {releaseAll} forwards with each ETH payment: a payee that needs more (or burns it all) is
    /// skipped and keeps its due amount, which it releases alone with {release}.
    uint256 public constant RELEASE_GAS = 50_000;
    /// @dev What must be left before each capped push of {releaseAll}: the cap, the 1/64 EIP-150 keeps back, the
    /// value transfer and cold account costs, and the bookkeeping around it.
    uint256 private constant _RELEASE_GAS_NEEDED = 70_000;

    uint256 private _totalShares;
    uint256 private _totalReleased;
    address[] private _payees;
    mapping(address account => uint256) private _shares;
    mapping(address account => uint256) private _released;
    mapping(IERC20 token => uint256) private _erc20TotalReleased;
    mapping(IERC20 token => mapping(address account => uint256)) private _erc20Released;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @dev Locks the implementation: only clones can be initialized. A non-zero `_totalShares` marks an
    /// initialized splitter (it saves the separate flag slot of OpenZeppelin's Initializable, ~22k gas per clone).
    constructor() {
        _totalShares = type(uint256).max;
    }

    /// @notice Sets the payees and their shares, once. Called by the factory in the clone's creation transaction.
    /// @param payees_ Distinct non-zero accounts, 1 to {MAX_PAYEES} of them.
    /// @param shares_ Non-zero shares, one per payee.
    /// @dev Reverts with {RoyaltySplitterAlreadyInitialized} the second time, and on the implementation.
    function initialize(address[] calldata payees_, uint256[] calldata shares_) external {
        if (_totalShares != 0) revert RoyaltySplitterAlreadyInitialized();
        uint256 count = payees_.length;
        if (count == 0 || count > MAX_PAYEES) revert RoyaltySplitterInvalidPayeeCount(count, MAX_PAYEES);
        if (count != shares_.length) revert RoyaltySplitterLengthMismatch(count, shares_.length);
        uint256 total;
        for (uint256 i; i < count; ++i) {
            address account = payees_[i];
            uint256 share = shares_[i];
            if (account == address(0)) revert RoyaltySplitterZeroPayee(i);
            if (share == 0) revert RoyaltySplitterZeroShares(account);
            if (_shares[account] != 0) revert RoyaltySplitterDuplicatePayee(account);
            _shares[account] = share;
            _payees.push(account);
            total += share;
        }
        _totalShares = total;
    }

    /*//////////////////////////////////////////////////////////////
                                EXTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice Accepts ETH. Emits {PaymentReceived}.
    receive() external payable {
        emit PaymentReceived(msg.sender, msg.value);
    }

    /// @notice Sends `account` the ETH due to it. Anyone may call.
    /// @dev Reverts with {RoyaltySplitterNotPayee}, {RoyaltySplitterNothingDue} or, when `account` rejects the ETH,
    /// {RoyaltySplitterETHTransferFailed}. Emits {PaymentReleased}.
    function release(address payable account) external nonReentrant {
        uint256 payment = _dueOrRevert(address(0), account, _pendingETH(account));
        _recordETH(account, payment);
        if (!_sendValue(account, payment)) revert RoyaltySplitterETHTransferFailed(account, payment);
        emit PaymentReleased(account, payment);
    }

    /// @notice Sends `account` the `token` due to it. Anyone may call.
    /// @dev Reverts with {RoyaltySplitterNotPayee}, {RoyaltySplitterNothingDue} or the token's error.
    /// Emits {ERC20PaymentReleased}.
    function release(IERC20 token, address account) external nonReentrant {
        uint256 payment = _dueOrRevert(address(token), account, _pendingERC20(token, account));
        _recordERC20(token, account, payment);
        token.safeTransfer(account, payment);
        emit ERC20PaymentReleased(address(token), account, payment);
    }

    /// @notice Sends every payee the ETH due to it, each with at most {RELEASE_GAS} gas. A payee that rejects ETH
    /// or needs more gas is skipped (its due amount stays releasable) so it can never block the others. Anyone may
    /// call.
    /// @dev Emits {PaymentReleased} for each payment made and {ReleaseFailed} for each payment refused.
    function releaseAll() external nonReentrant {
        uint256 count = _payees.length;
        for (uint256 i; i < count; ++i) {
            address account = _payees[i];
            uint256 payment = _pendingETH(account);
            if (payment == 0) continue;
            if (gasleft() < _RELEASE_GAS_NEEDED) revert RoyaltySplitterInsufficientGas(gasleft(), _RELEASE_GAS_NEEDED);
            _recordETH(account, payment);
            if (_sendValueCapped(account, payment)) {
                emit PaymentReleased(account, payment);
            } else {
                _unrecordETH(account, payment);
                emit ReleaseFailed(address(0), account, payment);
            }
        }
    }

    /// @notice Sends every payee the `token` due to it. A transfer that fails (e.g. a blocked account) is skipped
    /// (its due amount stays releasable) so it can never block the others. Anyone may call.
    /// @dev Emits {ERC20PaymentReleased} for each payment made and {ReleaseFailed} for each payment refused.
    function releaseAll(IERC20 token) external nonReentrant {
        uint256 count = _payees.length;
        for (uint256 i; i < count; ++i) {
            address account = _payees[i];
            uint256 payment = _pendingERC20(token, account);
            if (payment == 0) continue;
            _recordERC20(token, account, payment);
            if (token.trySafeTransfer(account, payment)) {
                emit ERC20PaymentReleased(address(token), account, payment);
            } else {
                _unrecordERC20(token, account, payment);
                emit ReleaseFailed(address(token), account, payment);
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The sum of all payees' shares.
    function totalShares() external view returns (uint256) {
        return _totalShares;
    }

    /// @notice The shares held by `account` (zero for a non-payee).
    function shares(address account) external view returns (uint256) {
        return _shares[account];
    }

    /// @notice The payee at `index` (in initialization order).
    function payee(uint256 index) external view returns (address) {
        return _payees[index];
    }

    /// @notice All payees, in initialization order.
    function payees() external view returns (address[] memory) {
        return _payees;
    }

    /// @notice The total ETH released so far.
    function totalReleased() external view returns (uint256) {
        return _totalReleased;
    }

    /// @notice The total `token` released so far.
    function totalReleased(IERC20 token) external view returns (uint256) {
        return _erc20TotalReleased[token];
    }

    /// @notice The ETH released to `account` so far.
    function released(address account) external view returns (uint256) {
        return _released[account];
    }

    /// @notice The `token` released to `account` so far.
    function released(IERC20 token, address account) external view returns (uint256) {
        return _erc20Released[token][account];
    }

    /// @notice The ETH `account` could release now.
    function releasable(address account) external view returns (uint256) {
        return _pendingETH(account);
    }

    /// @notice The `token` `account` could release now.
    function releasable(IERC20 token, address account) external view returns (uint256) {
        return _pendingERC20(token, account);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _pendingETH(address account) private view returns (uint256) {
        return _pending(account, address(this).balance + _totalReleased, _released[account]);
    }

    function _pendingERC20(IERC20 token, address account) private view returns (uint256) {
        uint256 received = token.balanceOf(address(this)) + _erc20TotalReleased[token];
        return _pending(account, received, _erc20Released[token][account]);
    }

    /// @dev `account`'s share of everything ever received, minus what it already got. Never negative: received
    /// only grows and each payee is only ever paid its own share of it.
    function _pending(address account, uint256 totalReceived, uint256 alreadyReleased) private view returns (uint256) {
        uint256 share = _shares[account];
        if (share == 0) return 0;
        return Math.mulDiv(totalReceived, share, _totalShares) - alreadyReleased;
    }

    /// @dev Sends `amount` wei to `to` with all remaining gas, without copying any returned data (so a payee cannot
    /// make the caller run out of gas by returning a huge revert reason).
    function _sendValue(address to, uint256 amount) private returns (bool ok) {
        assembly ("memory-safe") {
            ok := call(gas(), to, amount, 0, 0, 0, 0)
        }
    }

    /// @dev As {_sendValue}, with at most {RELEASE_GAS} gas: a payee cannot burn the gas of a batch release.
    function _sendValueCapped(address to, uint256 amount) private returns (bool ok) {
        assembly ("memory-safe") {
            ok := call(RELEASE_GAS, to, amount, 0, 0, 0, 0)
        }
    }

    function _dueOrRevert(address token, address account, uint256 payment) private view returns (uint256) {
        if (_shares[account] == 0) revert RoyaltySplitterNotPayee(account);
        if (payment == 0) revert RoyaltySplitterNothingDue(token, account);
        return payment;
    }

    function _recordETH(address account, uint256 payment) private {
        // Cannot overflow: the sum of all releases is bounded by the ETH ever received.
        unchecked {
            _released[account] += payment;
            _totalReleased += payment;
        }
    }

    function _unrecordETH(address account, uint256 payment) private {
        // Cannot underflow: undoes the {_recordETH} of the same `payment` just made.
        unchecked {
            _released[account] -= payment;
            _totalReleased -= payment;
        }
    }

    function _recordERC20(IERC20 token, address account, uint256 payment) private {
        // Cannot overflow: the sum of all releases is bounded by the tokens ever received (<= total supply).
        unchecked {
            _erc20Released[token][account] += payment;
            _erc20TotalReleased[token] += payment;
        }
    }

    function _unrecordERC20(IERC20 token, address account, uint256 payment) private {
        // Cannot underflow: undoes the {_recordERC20} of the same `payment` just made.
        unchecked {
            _erc20Released[token][account] -= payment;
            _erc20TotalReleased[token] -= payment;
        }
    }
}
