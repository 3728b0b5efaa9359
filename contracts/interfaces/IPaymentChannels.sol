// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Pay-per-call payment channels for AIMs: the parameters, errors, events and functions.
/// @dev Implemented by PaymentChannels. A channel is identified by `keccak256(abi.encode(ChannelParams))`;
/// only its mutable state (deposit, claimed, expiry, latest allowed expiry, closed; a raised session cap) is
/// stored, so every call that changes a channel takes its `ChannelParams` back in calldata.
interface IPaymentChannels {
    /// @dev Everything that never changes about a channel. `token` is address(0) for ETH; `signer` is the
    /// session key that may sign vouchers up to `sessionCap` (address(0): no session key; `sessionCap` is then
    /// ignored); the payer's own signature is always valid up to the deposit. The payer may raise the session
    /// cap later (`raiseSessionCap`), never lower it. The royalty is not frozen here: every payment reads
    /// AIMRegistry.callTerms(aimId, payee). `salt` lets one payer open many channels to one payee.
    struct ChannelParams {
        address payer;
        address payee;
        address token;
        address signer;
        uint256 aimId;
        uint256 sessionCap;
        bytes32 salt;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev No channel was ever opened with this id (wrong params, or wrong contract/chain).
    error PaymentChannelsChannelNotFound(bytes32 channelId);
    /// @dev A channel with this id exists or existed: closed channel ids are never reused.
    error PaymentChannelsChannelAlreadyExists(bytes32 channelId);
    /// @dev The channel was closed (by the payee) or reclaimed (by the payer).
    error PaymentChannelsChannelAlreadyClosed(bytes32 channelId);
    /// @dev Claims are only accepted while `block.timestamp < expiry`.
    error PaymentChannelsChannelExpired(bytes32 channelId, uint256 expiry);
    /// @dev The payer may reclaim only once `block.timestamp >= expiry`.
    error PaymentChannelsNotExpired(bytes32 channelId, uint256 expiry);
    /// @dev Only the channel's payee may claim or close.
    error PaymentChannelsNotPayee(address caller, address payee);
    /// @dev Only the channel's payer may top up, extend, raise the session cap or reclaim.
    error PaymentChannelsNotPayer(address caller, address payer);
    /// @dev The payee holds no license of the channel's AIM (AIMRegistry balance 0): it may not be paid for its
    /// calls, nor be opened a channel to. It may still close without a new claim (refunding the payer).
    error PaymentChannelsPayeeNotLicensed(address payee, uint256 aimId);
    /// @dev A voucher must carry more than what was already claimed (close accepts an equal amount).
    error PaymentChannelsVoucherAmountTooLow(uint256 cumulativeAmount, uint256 alreadyClaimed);
    /// @dev A voucher can never be worth more than the channel's deposit.
    error PaymentChannelsAmountExceedsDeposit(uint256 cumulativeAmount, uint256 deposit);
    /// @dev A voucher signed by the session key is worth at most the session cap (the payer's signature is not).
    error PaymentChannelsSessionCapExceeded(uint256 cumulativeAmount, uint256 sessionCap);
    /// @dev A new session cap must be above the current one and fit in 96 bits (and the channel needs a signer).
    error PaymentChannelsInvalidSessionCap(uint256 sessionCap, uint256 minimum);
    /// @dev The voucher was signed neither by the payer nor by the channel's session key.
    error PaymentChannelsInvalidSigner(address recovered, address expected);
    /// @dev The currency is neither ETH nor an allow-listed ERC-20.
    error PaymentChannelsCurrencyNotAllowed(address currency);
    /// @dev ETH channels need msg.value == amount; ERC-20 channels need msg.value == 0.
    error PaymentChannelsInvalidValue(uint256 sent, uint256 expected);
    /// @dev Deposits and top-ups must be positive and the deposit must fit in 96 bits.
    error PaymentChannelsInvalidDeposit(uint256 deposit, uint256 max);
    /// @dev The expiry must be in the future (and later than the current one on extend).
    error PaymentChannelsInvalidExpiry(uint256 expiry, uint256 minimum);
    /// @dev No channel lives past `maxExpiry`: MAX_CHANNEL_LIFETIME after it was opened.
    error PaymentChannelsLifetimeExceeded(uint256 expiry, uint256 maxExpiry);
    /// @dev The payee of a channel cannot be address(0).
    error PaymentChannelsInvalidPayee();
    /// @dev AIMRegistry returned a per-call royalty above 100%.
    error PaymentChannelsInvalidRoyalty(uint256 royaltyBps);
    /// @dev The contract received `received` of `currency` for a deposit of `expected` (a fee-on-transfer or
    /// rebasing token): it never credits more than arrived, so the deposit is refused.
    error PaymentChannelsFeeOnTransfer(address currency, uint256 expected, uint256 received);
    /// @dev claimMany needs as many amounts and signatures as channels.
    error PaymentChannelsLengthMismatch(uint256 channels, uint256 amounts, uint256 signatures);
    /// @dev There is no credit for this account in this currency.
    error PaymentChannelsNothingToWithdraw(address account, address currency);
    /// @dev An ETH transfer that must succeed (a withdrawal) failed.
    error PaymentChannelsEthTransferFailed(address to, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Every param of the channel (its id is their keccak256), the deposit and the expiry. The channel can
    /// never be extended past `block.timestamp + MAX_CHANNEL_LIFETIME` of this block.
    event ChannelOpened(
        bytes32 indexed channelId,
        address indexed payer,
        address indexed payee,
        address token,
        address signer,
        uint256 aimId,
        uint256 sessionCap,
        bytes32 salt,
        uint256 deposit,
        uint256 expiry
    );
    event ChannelToppedUp(bytes32 indexed channelId, uint256 amount, uint256 deposit);
    event ChannelExtended(bytes32 indexed channelId, uint256 expiry);
    /// @dev The payer raised the channel's session cap to `sessionCap`.
    event SessionCapRaised(bytes32 indexed channelId, uint256 sessionCap);
    /// @dev `amount` is the claimed delta (royalty included); `royalty` of it is credited to the receiver that
    /// AIMRegistry named at that moment (`callTerms`): floor(cumulativeAmount * bps / 10000) minus the same
    /// for the previous cumulative amount, at the rate in force.
    event ChannelClaimed(bytes32 indexed channelId, uint256 cumulativeAmount, uint256 amount, uint256 royalty);
    /// @dev The payee closed the channel: `claimed` is the final cumulative amount, `refunded` went back to the
    /// payer (or was credited to it). Close emits no ChannelClaimed: its final claim is `claimed` minus the
    /// previous cumulative amount, and the royalty credited out of it is computed as for a claim.
    event ChannelClosed(bytes32 indexed channelId, uint256 claimed, uint256 refunded);
    event ChannelReclaimed(bytes32 indexed channelId, uint256 refunded);
    /// @dev A payout that could not be pushed (a payer or payee contract that reverts or needs more than the gas
    /// cap, a token transfer that failed) is owed to `account`. Royalties are always credited, silently: a
    /// ChannelClaimed event's `royalty` is owed to the AIM's royalty receiver at that block.
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
        uint256 sessionCap,
        bytes32 salt,
        uint256 deposit,
        uint256 expiry
    ) external payable returns (bytes32 channelId);

    function topUp(ChannelParams calldata params, uint256 amount) external payable;

    function extend(ChannelParams calldata params, uint256 newExpiry) external;

    function raiseSessionCap(ChannelParams calldata params, uint256 newCap) external;

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

    function maxExpiryOf(bytes32 channelId) external view returns (uint256);

    function sessionCapOf(ChannelParams calldata params) external view returns (uint256);

    function channelIdOf(ChannelParams calldata params) external pure returns (bytes32);

    function voucherDigest(bytes32 channelId, uint256 cumulativeAmount) external view returns (bytes32);

    function credits(address account, address currency) external view returns (uint256);

    function isCurrencyAllowed(address currency) external view returns (bool);
}
