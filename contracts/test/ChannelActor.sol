// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {IPaymentChannels} from "../interfaces/IPaymentChannels.sol";

/// @dev Test-only contract account for PaymentChannels: acts as payer or payee, can refuse ETH (to check that
/// it is credited instead of losing money), can try to re-enter on receipt, and signs vouchers by ERC-1271
/// for a chosen owner key. Holds AIM licenses (ERC-1155) so it can be a licensed payee.
contract ChannelActor is IERC1271, ERC1155Holder {
    IPaymentChannels private immutable _CHANNELS;
    address public signingKey;
    bool public rejectEth;
    bool public reenter;
    bytes public reentryCall;
    bool public reentrySucceeded;

    constructor(IPaymentChannels channels) payable {
        _CHANNELS = channels;
    }

    function setRejectEth(bool value) external {
        rejectEth = value;
    }

    function setReentry(bytes calldata data) external {
        reenter = data.length != 0;
        reentryCall = data;
    }

    function setSigningKey(address key) external {
        signingKey = key;
    }

    function approve(IERC20 token, uint256 amount) external {
        token.approve(address(_CHANNELS), amount);
    }

    /// @dev Forwards any call to PaymentChannels as this account (open, claim, close, reclaim, withdraw...).
    function execute(bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = address(_CHANNELS).call{value: msg.value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
        return result;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (signature.length != 65) return 0xffffffff;
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        return ecrecover(hash, v, r, s) == signingKey ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }

    receive() external payable {
        if (rejectEth) revert("ChannelActor: no ETH");
        if (reenter) {
            (bool ok,) = address(_CHANNELS).call(reentryCall);
            reentrySucceeded = ok;
        }
    }
}
