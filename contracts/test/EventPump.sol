// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title EventPump
/// @notice Test-only: emits arbitrary logs from its own address. Indexer tests and benchmarks install
/// its runtime code (hardhat_setCode) at the addresses of the real contracts and replay any event
/// stream, encoded with the real ABIs, at hundreds of events per transaction.
contract EventPump {
    /// @notice Emits one log per entry: topics `topics[i]` (0 to 4) and data `data[i]`.
    function pump(bytes32[][] calldata topics, bytes[] calldata data) external {
        for (uint256 i = 0; i < topics.length; ++i) {
            bytes32[] calldata t = topics[i];
            bytes calldata d = data[i];
            assembly ("memory-safe") {
                let ptr := mload(0x40)
                calldatacopy(ptr, d.offset, d.length)
                let n := t.length
                let t0 := calldataload(t.offset)
                let t1 := calldataload(add(t.offset, 0x20))
                let t2 := calldataload(add(t.offset, 0x40))
                let t3 := calldataload(add(t.offset, 0x60))
                switch n
                case 0 { log0(ptr, d.length) }
                case 1 { log1(ptr, d.length, t0) }
                case 2 { log2(ptr, d.length, t0, t1) }
                case 3 { log3(ptr, d.length, t0, t1, t2) }
                default { log4(ptr, d.length, t0, t1, t2, t3) }
            }
        }
    }
}
