// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IAIMRegistry} from "../interfaces/IAIMRegistry.sol";
import {IEIP3009} from "../tokens/IEIP3009.sol";
import {IX402Settlement} from "./IX402Settlement.sol";
import {X402Vault} from "./X402Vault.sol";

/// @title X402Settlement: x402 `exact` payments (EIP-3009) for AIM calls, with the AIM's license and royalty enforced.
/// @notice An x402 payer signs an EIP-3009 authorization that binds only (from, to, value, validity, nonce): not
/// the AIM. So the AIM is bound by the recipient: each (aimId, node) pair has its own `payTo`, a CREATE2 vault
/// ({X402Vault}, an EIP-1167 clone) that only this contract can empty. A node cannot make a payment count for an
/// AIM with a lower royalty: that AIM's vault is another address, which the payer did not sign.
/// {settle} (anyone may call it) executes the authorization to the vault, sweeps everything the vault holds (a
/// front-runner who submits the authorization straight to the token only delays the accounting: the money waits
/// in the vault), checks that `node` holds a license of the AIM now (AIMRegistry.callTerms), and pays the
/// per-call royalty in force to the AIM's royalty receiver and the rest to `node`. The royalty is computed on the
/// cumulative total per (aimId, node, token): many small payments pay exactly the royalty of one big one.
/// Each payout is a gas-capped push that falls back to a credit only its owner can withdraw, so neither the
/// receiver nor the node can block the other. Only allow-listed tokens are accepted, and a token that delivers
/// less than it says is refused: this contract's balance of each token always equals the credits it owes.
contract X402Settlement is IX402Settlement, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    uint256 private constant _BPS = 10_000;
    /// @dev Gas forwarded to the token for a push to an address settle's caller did not choose (royalty receiver,
    /// node): a token or recipient that needs more is left a credit instead.
    uint256 private constant _PUSH_GAS = 100_000;

    /*//////////////////////////////////////////////////////////////
                               IMMUTABLES
    //////////////////////////////////////////////////////////////*/

    IAIMRegistry private immutable _AIM_REGISTRY;
    address private immutable _VAULT_IMPLEMENTATION;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    mapping(uint256 aimId => mapping(address node => mapping(address token => uint256 total))) private _settled;
    mapping(address account => mapping(address token => uint256 amount)) private _credits;
    mapping(address token => bool allowed) private _allowedTokens;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param initialOwner May change the token allow-list.
    /// @param aimRegistry_ The AIMRegistry whose `callTerms` gives each payment's license check and royalty.
    /// @param allowedTokens EIP-3009 tokens accepted from the start (never one whose balances shrink by themselves).
    constructor(address initialOwner, address aimRegistry_, address[] memory allowedTokens) Ownable(initialOwner) {
        _AIM_REGISTRY = IAIMRegistry(aimRegistry_);
        _VAULT_IMPLEMENTATION = address(new X402Vault());
        for (uint256 i; i < allowedTokens.length; ++i) {
            _setTokenAllowed(allowedTokens[i], true);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                EXTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IX402Settlement
    function payTo(uint256 aimId, address node) external view returns (address) {
        return Clones.predictDeterministicAddress(_VAULT_IMPLEMENTATION, _salt(aimId, node));
    }

    /// @inheritdoc IX402Settlement
    /// @dev Reverts unless `token` is allowed, `node` holds a license of `aimId` and the authorization is used
    /// (executed here, or before by someone else; a cancelled one with an empty vault reverts as nothing to
    /// settle). Emits {X402Settled} (and {Credited} for a refused push).
    function settle(
        uint256 aimId,
        address node,
        address token,
        Authorization calldata authorization,
        bytes calldata signature
    ) external nonReentrant returns (uint256 amount, uint256 royalty) {
        if (!_allowedTokens[token]) revert X402SettlementTokenNotAllowed(token);
        address vault = _vault(aimId, node);
        _execute(IEIP3009(token), vault, authorization, signature);
        amount = _sweep(vault, token);
        if (amount == 0) revert X402SettlementNothingToSettle(aimId, node, token);
        royalty = _split(aimId, node, token, amount, authorization);
    }

    /// @dev Checks the license, adds `amount` to the (aimId, node, token) total and pays the royalty on it to the
    /// AIM's receiver and the rest to `node`. Emits {X402Settled}.
    function _split(uint256 aimId, address node, address token, uint256 amount, Authorization calldata authorization)
        private
        returns (uint256 royalty)
    {
        (address receiver, uint16 feeBps, bool licensed) = _AIM_REGISTRY.callTerms(aimId, node);
        if (!licensed) revert X402SettlementNotLicensed(aimId, node);
        uint256 previous = _settled[aimId][node][token];
        uint256 total = previous + amount;
        _settled[aimId][node][token] = total;
        // feeBps <= 10,000 and floor is monotone: 0 <= royalty <= amount.
        royalty = (total * feeBps) / _BPS - (previous * feeBps) / _BPS;
        emit X402Settled(aimId, node, token, authorization.from, amount, royalty, authorization.nonce);
        _push(receiver, token, royalty);
        // royalty <= amount (above).
        unchecked {
            _push(node, token, amount - royalty);
        }
    }

    /// @inheritdoc IX402Settlement
    /// @dev Emits {Withdrawn}.
    function withdraw(address token, address recipient) external nonReentrant {
        uint256 amount = _credits[msg.sender][token];
        if (amount == 0) revert X402SettlementNothingToWithdraw(msg.sender, token);
        _credits[msg.sender][token] = 0;
        emit Withdrawn(msg.sender, token, amount);
        IERC20(token).safeTransfer(recipient, amount);
    }

    /// @inheritdoc IX402Settlement
    /// @dev Owner only. Emits {TokenAllowed}.
    function setTokenAllowed(address token, bool allowed) external onlyOwner {
        _setTokenAllowed(token, allowed);
    }

    /// @inheritdoc IX402Settlement
    function settledTotal(uint256 aimId, address node, address token) external view returns (uint256) {
        return _settled[aimId][node][token];
    }

    /// @inheritdoc IX402Settlement
    function creditOf(address account, address token) external view returns (uint256) {
        return _credits[account][token];
    }

    /// @inheritdoc IX402Settlement
    function isTokenAllowed(address token) external view returns (bool) {
        return _allowedTokens[token];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _salt(uint256 aimId, address node) private pure returns (bytes32) {
        return keccak256(abi.encode(aimId, node));
    }

    /// @dev The vault of (aimId, node), deployed on first use.
    function _vault(uint256 aimId, address node) private returns (address vault) {
        bytes32 salt = _salt(aimId, node);
        vault = Clones.predictDeterministicAddress(_VAULT_IMPLEMENTATION, salt);
        if (vault.code.length == 0) Clones.cloneDeterministic(_VAULT_IMPLEMENTATION, salt);
    }

    /// @dev Executes the authorization to `vault` and checks exactly `value` arrived. If it fails because it was
    /// already used (someone submitted it straight to the token), its money is already in the vault: go on.
    function _execute(
        IEIP3009 token,
        address vault,
        Authorization calldata a,
        bytes calldata signature
    ) private {
        uint256 before = IERC20(address(token)).balanceOf(vault);
        try token.transferWithAuthorization(a.from, vault, a.value, a.validAfter, a.validBefore, a.nonce, signature) {
            uint256 received = IERC20(address(token)).balanceOf(vault) - before;
            if (received != a.value) revert X402SettlementFeeOnTransfer(address(token), a.value, received);
        } catch {
            if (!token.authorizationState(a.from, a.nonce)) revert X402SettlementAuthorizationFailed(a.from, a.nonce);
        }
    }

    /// @dev Moves the vault's balance here and checks that exactly what it held arrived.
    function _sweep(address vault, address token) private returns (uint256 amount) {
        uint256 before = IERC20(token).balanceOf(address(this));
        amount = X402Vault(vault).sweep(token);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received != amount) revert X402SettlementFeeOnTransfer(token, amount, received);
    }

    /// @dev Transfers `amount` of `token` to `to` with at most {_PUSH_GAS} gas; a transfer that reverts, returns
    /// false or runs out of gas (a blocked or hostile recipient) becomes a credit of `to`.
    function _push(address to, address token, uint256 amount) private {
        if (amount == 0) return;
        bytes memory data = abi.encodeCall(IERC20.transfer, (to, amount));
        bool ok;
        assembly ("memory-safe") {
            ok := call(_PUSH_GAS, token, 0, add(data, 0x20), mload(data), 0, 0x20)
            // Like SafeERC20: no return data is success (the token has code: it is allow-listed), else it must be true.
            ok := and(ok, or(and(eq(returndatasize(), 0), gt(extcodesize(token), 0)), and(gt(returndatasize(), 31), eq(mload(0), 1))))
        }
        if (!ok) {
            _credits[to][token] += amount;
            emit Credited(to, token, amount);
        }
    }

    function _setTokenAllowed(address token, bool allowed) private {
        _allowedTokens[token] = allowed;
        emit TokenAllowed(token, allowed);
    }
}
