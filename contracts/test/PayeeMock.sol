// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev TEST ONLY. A contract payee of a RoyaltySplitter that accepts ETH, rejects it, or tries to re-enter the
/// splitter when paid.
contract PayeeMock {
    enum Mode {
        Accept,
        Reject,
        Reenter
    }

    Mode public mode;
    address public target;
    bytes public reentryCall;
    bool public reentrySucceeded;

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @dev In Reenter mode, `call` is sent to `target_` from inside `receive`.
    function setReentry(address target_, bytes calldata call) external {
        target = target_;
        reentryCall = call;
    }

    receive() external payable {
        if (mode == Mode.Reject) revert("PayeeMock: rejected");
        if (mode == Mode.Reenter) {
            (bool ok,) = target.call(reentryCall);
            if (!ok) revert("PayeeMock: reentry failed");
            reentrySucceeded = true;
        }
    }
}
