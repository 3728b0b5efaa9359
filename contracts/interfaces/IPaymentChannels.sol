// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Pay-per-call payment channels for AIMs: the parameters, errors, events and functions.
/// @dev Implemented by PaymentChannels. A channel is identified by `keccak256(abi.encode(ChannelParams))`;
/// only its mutable state (deposit, claimed, expiry, closed) is stored, so every call that changes a
/// channel takes its `ChannelParams` back in calldata.
interface IPaymentChannels {
    /// @dev Everything that never changes about a channel. `token` is address(0) for ETH; `signer` is the
    /// session key that signs vouchers (address(0): the payer signs). `royaltyReceiver`/`royaltyBps` are read
    /// from AIMRegistry.callRoyalty(aimId) at open. `salt` lets one payer open many channels to one payee.
    struct ChannelParams {
        address payer;
        address payee;
        address token;
        address signer;
        uint256 aimId;
        address royaltyReceiver;
        uint16 royaltyBps;
        bytes32 salt;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev No channel was ever opened with this id (wrong params, or wrong contract/chain).
    error ChannelNotFound(bytes32 channelId);
    /// @dev A channel with this id exists or existed: closed channel ids are never reused.
    error ChannelAlreadyExists(bytes32 channelId);
    /// @dev The channel was closed (by the payee) or reclaimed (by the payer).
    error ChannelAlreadyClosed(bytes32 channelId);
    /// @dev Claims are only accepted while `block.timestamp < expiry`.
    error ChannelExpired(bytes32 channelId, uint256 expiry);
    /// @dev The payer may reclaim only once `block.timestamp >= expiry`.
    error NotExpired(bytes32 channelId, uint256 expiry);
    /// @dev Only the channel's payee may claim or close.
    error NotPayee(address caller, address payee);
    /// @dev Only the channel's payer may top up, extend or reclaim.
    error NotPayer(address caller, address payer);
    /// @dev A voucher must carry more than what was already claimed (close accepts an equal amount).
    error VoucherAmountTooLow(uint256 cumulativeAmount, uint256 alreadyClaimed);
    /// @dev A voucher can never be worth more than the channel's deposit.
    error AmountExceedsDeposit(uint256 cumulativeAmount, uint256 deposit);
    /// @dev The voucher was not signed by the channel's signer (or payer when there is no session signer).
    error InvalidSigner(address recovered, address expected);
    /// @dev The currency is neither ETH nor an allow-listed ERC-20.
    error CurrencyNotAllowed(address currency);
    /// @dev ETH channels need msg.value == amount; ERC-20 channels need msg.value == 0.
    error InvalidValue(uint256 sent, uint256 expected);
    /// @dev Deposits and top-ups must be positive and the deposit must fit in 96 bits.
    error InvalidDeposit(uint256 deposit, uint256 max);
    /// @dev The expiry must be in the future (and later than the current one on extend) and fit in 40 bits.
    error InvalidExpiry(uint256 expiry, uint256 minimum);
    /// @dev The payee of a channel cannot be address(0).
    error InvalidPayee();
    /// @dev AIMRegistry returned a per-call royalty above 100%.
    error InvalidRoyalty(uint256 royaltyBps);
    /// @dev claimMany needs as many amounts and signatures as channels.
    error LengthMismatch(uint256 channels, uint256 amounts, uint256 signatures);
    /// @dev There is no credit for this account in this currency.
    error NothingToWithdraw(address account, address currency);
    /// @dev An ETH transfer that must succeed (a withdrawal) failed.
    error EthTransferFailed(address to, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    event ChannelOpened(
        bytes32 indexed channelId,
        address indexed payer,
        address indexed payee,
        address token,
        address signer,
        uint256 aimId,
        address royaltyReceiver,
        uint16 royaltyBps,
        bytes32 salt,
        uint256 deposit,
        uint256 expiry
    );
    event ChannelToppedUp(bytes32 indexed channelId, uint256 amount, uint256 deposit);
    event ChannelExtended(bytes32 indexed channelId, uint256 expiry);
    /// @dev `amount` is the claimed delta (royalty included); `royalty` of it is credited to the royalty receiver.
    event ChannelClaimed(bytes32 indexed channelId, uint256 cumulativeAmount, uint256 amount, uint256 royalty);
    /// @dev The payee closed the channel: `claimed` is the final cumulative amount, `refunded` went back to the
    /// payer. Close emits no ChannelClaimed: its final claim is `claimed` minus the previous cumulative amount,
    /// and the royalty credited out of it is that amount * royaltyBps / 10000, rounded down.
    event ChannelClosed(bytes32 indexed channelId, uint256 claimed, uint256 refunded);
    event ChannelReclaimed(bytes32 indexed channelId, uint256 refunded);
    /// @dev A payout that could not be pushed (a reverting payee/payer contract, a token transfer that failed) is
    /// owed to `account`. Royalties are always credited, silently: a ChannelClaimed event's `royalty` is owed to
    /// the `royaltyReceiver` its ChannelOpened event names.
    event Credited(address indexed account, address indexed currency, uint256 amount);
    event Withdrawn(address indexed account, address indexed currency, uint256 amount);
    event CurrencyAllowed(address indexed currency, bool allowed);

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    function open(
        address payee,
        address token,
        address signer,
        uint256 aimId,
        bytes32 salt,
        uint256 deposit,
        uint256 expiry
    ) external payable returns (bytes32 channelId);

    function topUp(ChannelParams calldata params, uint256 amount) external payable;

    function extend(ChannelParams calldata params, uint256 newExpiry) external;

    function claim(ChannelParams calldata params, uint256 cumulativeAmount, bytes calldata signature) external;

    function claimMany(
        ChannelParams[] calldata params,
        uint256[] calldata cumulativeAmounts,
        bytes[] calldata signatures
    ) external;

    function close(ChannelParams calldata params, uint256 cumulativeAmount, bytes calldata signature) external;

    function reclaim(ChannelParams calldata params) external;

    function withdraw(address currency, address account) external;

    function channel(bytes32 channelId)
        external
        view
        returns (uint256 deposit, uint256 claimed, uint256 expiry, bool closed);

    function channelIdOf(ChannelParams calldata params) external pure returns (bytes32);

    function voucherDigest(bytes32 channelId, uint256 cumulativeAmount) external view returns (bytes32);

    function credits(address account, address currency) external view returns (uint256);

    function isCurrencyAllowed(address currency) external view returns (bool);
}
