// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IEIP3009} from "./IEIP3009.sol";

/// @title EIP3009: transfers authorised by an off-chain signature, as USD Coin (FiatToken v2.2) implements them.
/// @notice {transferWithAuthorization} (anyone submits it), {receiveWithAuthorization} (only the payee submits it:
/// no front-running of a deposit) and {cancelAuthorization}, each with a `(v, r, s)` and a `bytes signature`
/// overload. An authorization is valid strictly after `validAfter` and strictly before `validBefore`; its nonce is
/// a random 32-byte value, unique per authorizer, used once. The signer may be a contract (ERC-1271). This is what
/// x402's `exact` EVM scheme signs: EIP-712 domain {name, version, chainId, verifyingContract = the token}.
/// @dev The EIP-712 domain name must equal the token's `name()` (x402 clients read it from the payment
/// requirements' `extra.name`, and facilitators compare it with `name()`); {version} returns the domain version.
abstract contract EIP3009 is ERC20, EIP712, IEIP3009 {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 public constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 public constant CANCEL_AUTHORIZATION_TYPEHASH =
        keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    error EIP3009AuthorizationNotYetValid(uint256 validAfter, uint256 timestamp);
    error EIP3009AuthorizationExpired(uint256 validBefore, uint256 timestamp);
    error EIP3009AuthorizationUsed(address authorizer, bytes32 nonce);
    error EIP3009InvalidSignature(address authorizer);
    error EIP3009CallerNotPayee(address caller, address payee);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    mapping(address authorizer => mapping(bytes32 nonce => bool used)) private _authorizationStates;

    /*//////////////////////////////////////////////////////////////
                                EXTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice True once the authorizer's `nonce` was used or cancelled.
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return _authorizationStates[authorizer][nonce];
    }

    /// @notice The EIP-712 domain version (x402's `extra.version`).
    function version() external view returns (string memory) {
        return _EIP712Version();
    }

    /// @notice Executes a transfer `from` signed; anyone may submit it.
    /// @dev Emits {AuthorizationUsed} and {Transfer}.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        _transferWithAuthorization(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, abi.encodePacked(r, s, v)
        );
    }

    /// @notice {transferWithAuthorization} with a packed (or ERC-1271) signature.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external {
        _transferWithAuthorization(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, signature
        );
    }

    /// @notice Executes a transfer `from` signed to msg.sender; only the payee may submit it.
    /// @dev Emits {AuthorizationUsed} and {Transfer}.
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (to != msg.sender) revert EIP3009CallerNotPayee(msg.sender, to);
        _transferWithAuthorization(
            RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, abi.encodePacked(r, s, v)
        );
    }

    /// @notice {receiveWithAuthorization} with a packed (or ERC-1271) signature.
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external {
        if (to != msg.sender) revert EIP3009CallerNotPayee(msg.sender, to);
        _transferWithAuthorization(
            RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, signature
        );
    }

    /// @notice Marks an unused authorization of `authorizer` used, so it can never execute.
    /// @dev Emits {AuthorizationCanceled}.
    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external {
        _cancelAuthorization(authorizer, nonce, abi.encodePacked(r, s, v));
    }

    /// @notice {cancelAuthorization} with a packed (or ERC-1271) signature.
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes calldata signature) external {
        _cancelAuthorization(authorizer, nonce, signature);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _transferWithAuthorization(
        bytes32 typehash,
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) private {
        if (block.timestamp <= validAfter) revert EIP3009AuthorizationNotYetValid(validAfter, block.timestamp);
        if (block.timestamp >= validBefore) revert EIP3009AuthorizationExpired(validBefore, block.timestamp);
        _useNonce(from, nonce);
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(typehash, from, to, value, validAfter, validBefore, nonce)));
        if (!SignatureChecker.isValidSignatureNow(from, digest, signature)) revert EIP3009InvalidSignature(from);
        emit AuthorizationUsed(from, nonce);
        _transfer(from, to, value);
    }

    function _cancelAuthorization(address authorizer, bytes32 nonce, bytes memory signature) private {
        _useNonce(authorizer, nonce);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(CANCEL_AUTHORIZATION_TYPEHASH, authorizer, nonce)));
        if (!SignatureChecker.isValidSignatureNow(authorizer, digest, signature)) {
            revert EIP3009InvalidSignature(authorizer);
        }
        emit AuthorizationCanceled(authorizer, nonce);
    }

    function _useNonce(address authorizer, bytes32 nonce) private {
        if (_authorizationStates[authorizer][nonce]) revert EIP3009AuthorizationUsed(authorizer, nonce);
        _authorizationStates[authorizer][nonce] = true;
    }
}
