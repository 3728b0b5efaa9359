// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IPaymentChannels} from "../interfaces/IPaymentChannels.sol";

/// @title EIP-712 vouchers of PaymentChannels: the digest a payer signs and the check of its signature.
/// @dev A voucher is `Voucher(bytes32 channelId,uint256 cumulativeAmount)` under the domain the inheriting
/// contract names through EIP712's constructor; the domain binds the chain id and the contract, the voucher
/// binds the channel id. Holds no storage of its own (EIP712's fallback strings are its only slots).
abstract contract ChannelVouchers is IPaymentChannels, EIP712 {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice EIP-712 type hash of `Voucher(bytes32 channelId,uint256 cumulativeAmount)`.
    bytes32 public constant VOUCHER_TYPEHASH = keccak256("Voucher(bytes32 channelId,uint256 cumulativeAmount)");

    /// @dev secp256k1n / 2: larger `s` values are the malleable twins of valid signatures.
    uint256 private constant _HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The EIP-712 digest a voucher's signer signs.
    function voucherDigest(bytes32 channelId, uint256 cumulativeAmount) external view returns (bytes32) {
        return _voucherDigest(channelId, cumulativeAmount);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Accepts an ECDSA signature (65 bytes, low s) or an ERC-1271 signature (when the account is a contract)
    /// by the payer, or by the session key `signer` (when not zero); returns true when the session key signed (the
    /// caller then applies the session cap). Reads r, s, v straight from calldata (cheaper than copying to memory).
    function _checkSignature(
        bytes32 id,
        uint256 cumulativeAmount,
        address payer,
        address signer,
        bytes calldata signature
    ) internal view returns (bool bySession) {
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
        if (recovered != address(0)) {
            if (recovered == signer) return true;
            if (recovered == payer) return false;
        }
        if (payer.code.length != 0 && SignatureChecker.isValidERC1271SignatureNow(payer, digest, signature)) {
            return false;
        }
        if (signer.code.length != 0 && SignatureChecker.isValidERC1271SignatureNow(signer, digest, signature)) {
            return true;
        }
        revert PaymentChannelsInvalidSigner(recovered, signer == address(0) ? payer : signer);
    }

    /// @dev The EIP-712 digest of Voucher(channelId, cumulativeAmount), hashed in scratch memory.
    function _voucherDigest(bytes32 id, uint256 cumulativeAmount) internal view returns (bytes32 digest) {
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
}
