// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title The events, errors and functions of X402Settlement.
interface IX402Settlement {
    /// @notice An EIP-3009 TransferWithAuthorization as the payer signed it, without `to` (the vault of the
    /// (aimId, node) settled).
    struct Authorization {
        address from;
        uint256 value;
        uint256 validAfter;
        uint256 validBefore;
        bytes32 nonce;
    }

    /// @notice `amount` of `token` paid to the vault of (aimId, node) was split: `royalty` to the AIM's royalty
    /// receiver, the rest to `node`. `from` and `nonce` are those of the EIP-3009 authorization settled; `amount`
    /// is everything the vault held (it includes payments someone else submitted straight to the token).
    event X402Settled(
        uint256 indexed aimId,
        address indexed node,
        address indexed token,
        address from,
        uint256 amount,
        uint256 royalty,
        bytes32 nonce
    );
    /// @notice A push to `account` failed (it reverts, is blocked by the token, or needs too much gas): it is
    /// credited instead, and only `account` can withdraw it.
    event Credited(address indexed account, address indexed token, uint256 amount);
    event Withdrawn(address indexed account, address indexed token, uint256 amount);
    event TokenAllowed(address indexed token, bool allowed);

    error X402SettlementTokenNotAllowed(address token);
    error X402SettlementNotLicensed(uint256 aimId, address node);
    error X402SettlementAuthorizationFailed(address from, bytes32 nonce);
    error X402SettlementFeeOnTransfer(address token, uint256 expected, uint256 received);
    error X402SettlementNothingToSettle(uint256 aimId, address node, address token);
    error X402SettlementNothingToWithdraw(address account, address token);

    /// @notice The x402 `payTo` of calls of `aimId` served by `node`: its vault's address (deployed or not).
    function payTo(uint256 aimId, address node) external view returns (address);

    /// @notice Executes `from`'s EIP-3009 authorization to the vault of (aimId, node) and splits everything the
    /// vault holds: the AIM's per-call royalty (callTerms, on cumulative totals) and the rest to `node`.
    function settle(
        uint256 aimId,
        address node,
        address token,
        Authorization calldata authorization,
        bytes calldata signature
    ) external returns (uint256 amount, uint256 royalty);

    /// @notice What has been paid through the vault of (aimId, node) in `token`, in total.
    function settledTotal(uint256 aimId, address node, address token) external view returns (uint256);

    /// @notice The credit `account` can withdraw in `token`.
    function creditOf(address account, address token) external view returns (uint256);

    /// @notice Pays msg.sender's whole credit in `token` to `recipient`.
    function withdraw(address token, address recipient) external;

    function isTokenAllowed(address token) external view returns (bool);

    function setTokenAllowed(address token, bool allowed) external;
}
