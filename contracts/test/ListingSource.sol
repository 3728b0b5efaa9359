// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAIMMarketplace} from "../interfaces/IAIMMarketplace.sol";
import {EventPump} from "./EventPump.sol";

/// @title ListingSource
/// @notice Benchmark-only: installed (hardhat_setCode) at the marketplace's address, it emits
/// AIMMarketplace's exact `ListingCreated` event for thousands of synthetic listings per transaction
/// from a few words of calldata. Replaying 100,000 listings through EventPump would put ~38 MB of
/// calldata in the blocks the indexer fetches, and the benchmark would measure JSON-RPC, not indexing.
/// It is still an EventPump, so the same address can replay any other marketplace event.
contract ListingSource is EventPump {
    /// @notice Emits listings number `first` to `first + count - 1` of `token`: listing n is for id
    /// (n % ids) + 1, by `sellers[(n / ids) % sellers.length]`, in a pseudo-random one of `currencies`
    /// (so an AIM has floors in several), at a pseudo-random unit price in [1,000, 1,001,000), 10 units,
    /// with a 2.5% fee snapshot.
    function emitListings(
        uint256 first,
        uint256 count,
        address token,
        uint256 ids,
        address[] calldata sellers,
        address[] calldata currencies
    ) external {
        for (uint256 n = first; n < first + count; ++n) {
            uint256 noise = uint256(keccak256(abi.encode(n)));
            uint256 price = 1_000 + (noise % 1_000_000);
            emit IAIMMarketplace.ListingCreated(
                keccak256(abi.encode("bench-listing", n)),
                sellers[(n / ids) % sellers.length],
                token,
                (n % ids) + 1,
                0,
                currencies[(noise >> 128) % currencies.length],
                price,
                10,
                4_000_000_000,
                250
            );
        }
    }
}
