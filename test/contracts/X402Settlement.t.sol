// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {HostileEIP3009} from "../../contracts/test/HostileEIP3009.sol";
import {MockAIMRegistry} from "../../contracts/test/MockAIMRegistry.sol";
import {TestUSDC} from "../../contracts/tokens/TestUSDC.sol";
import {IX402Settlement} from "../../contracts/x402/IX402Settlement.sol";
import {X402Settlement} from "../../contracts/x402/X402Settlement.sol";

/// @dev Fuzzes X402Settlement: any sequence of payments pays the royalty of their sum (promise 2), and the contract
/// holds exactly the credits it owes whoever refuses its pushes (promises 4 and 5).
contract X402SettlementFuzzTest is Test {
    uint256 internal constant AIM = 1;
    uint16 internal constant BPS = 250;
    uint256 internal constant PAYER_KEY = 0xA11CE;
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    MockAIMRegistry internal registry;
    X402Settlement internal settlement;
    TestUSDC internal usdc;
    HostileEIP3009 internal hostile;
    address internal payer;
    address internal node = address(0xB0B);
    address internal receiver = address(0xC0FFEE);
    uint256 internal nonces;

    function setUp() public {
        registry = new MockAIMRegistry();
        registry.setAim(AIM, address(this), receiver, BPS);
        registry.mint(node, AIM, 1);
        usdc = new TestUSDC();
        hostile = new HostileEIP3009();
        address[] memory tokens = new address[](2);
        (tokens[0], tokens[1]) = (address(usdc), address(hostile));
        settlement = new X402Settlement(address(this), address(registry), tokens);
        payer = vm.addr(PAYER_KEY);
        usdc.mint(payer, type(uint128).max);
        hostile.mint(payer, type(uint128).max);
    }

    function _pay(address token, string memory name, uint256 value) internal {
        address to = settlement.payTo(AIM, node);
        IX402Settlement.Authorization memory a =
            IX402Settlement.Authorization(payer, value, 0, block.timestamp + 1 hours, bytes32(++nonces));
        bytes32 domain = keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256("2"), block.chainid, token));
        bytes32 structHash = keccak256(
            abi.encode(usdc.TRANSFER_WITH_AUTHORIZATION_TYPEHASH(), a.from, to, a.value, a.validAfter, a.validBefore, a.nonce)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PAYER_KEY, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        settlement.settle(AIM, node, token, a, abi.encodePacked(r, s, v));
    }

    /// Splitting a payment into any number of parts pays exactly the royalty of the whole.
    function testFuzz_partsPayTheRoyaltyOfTheWhole(uint64[8] memory parts, uint8 count) public {
        count = uint8(bound(count, 1, 8));
        uint256 total;
        for (uint256 i; i < count; ++i) {
            uint256 value = bound(parts[i], 1, 1e12);
            total += value;
            _pay(address(usdc), "Test USD Coin", value);
        }
        assertEq(usdc.balanceOf(receiver), (total * BPS) / 10_000);
        assertEq(usdc.balanceOf(node), total - (total * BPS) / 10_000);
        assertEq(usdc.balanceOf(address(settlement)), 0);
    }

    /// The concrete case: forty 1-unit payments pay the royalty of 40 (1), not 40 × 0.
    function test_fortyUnitsPayOneUnitOfRoyalty() public {
        for (uint256 i; i < 40; ++i) _pay(address(usdc), "Test USD Coin", 1);
        assertEq(usdc.balanceOf(receiver), 1);
        assertEq(usdc.balanceOf(node), 39);
    }

    /// Whoever blocks its pushes, the contract holds exactly the credits it owes, and the other party is paid.
    function testFuzz_balanceEqualsCredits(uint64 value, bool blockReceiver, bool blockNode) public {
        value = uint64(bound(value, 1, 1e15));
        hostile.setBlocked(receiver, blockReceiver);
        hostile.setBlocked(node, blockNode);
        _pay(address(hostile), "Hostile USD", value);
        uint256 owed = settlement.creditOf(receiver, address(hostile)) + settlement.creditOf(node, address(hostile));
        assertEq(hostile.balanceOf(address(settlement)), owed);
        assertEq(
            hostile.balanceOf(receiver) + hostile.balanceOf(node) + owed, value, "every unit reached someone or a credit"
        );
    }
}
