// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IPaymentChannels} from "../../contracts/interfaces/IPaymentChannels.sol";
import {PaymentChannels} from "../../contracts/PaymentChannels.sol";
import {ChannelActor} from "../../contracts/test/ChannelActor.sol";
import {MockAIMRegistry} from "../../contracts/test/MockAIMRegistry.sol";

/// @dev Shared setup: a registry with AIM 1 (2.5% per-call royalty), PaymentChannels, payer key, payee.
abstract contract ChannelsBase is Test {
    uint256 internal constant AIM = 1;
    uint16 internal constant BPS = 250;
    uint256 internal constant PAYER_KEY = 0xA11CE;
    MockAIMRegistry internal registry;
    PaymentChannels internal channels;
    address internal payer;
    address internal payee = address(0xB0B);
    address internal receiver = address(0xC0FFEE);

    function _deploy() internal {
        registry = new MockAIMRegistry();
        registry.setAim(AIM, address(this), receiver, BPS);
        channels = new PaymentChannels(address(this), address(registry), new address[](0));
        payer = vm.addr(PAYER_KEY);
        vm.deal(payer, 1e30);
    }

    function _open(address to, uint256 deposit, bytes32 salt) internal returns (IPaymentChannels.ChannelParams memory p) {
        vm.prank(payer);
        channels.open{value: deposit}(to, address(0), address(0), AIM, salt, deposit, block.timestamp + 1 days);
        p = IPaymentChannels.ChannelParams(payer, to, address(0), address(0), AIM, receiver, BPS, salt);
    }

    function _sign(uint256 key, PaymentChannels on, bytes32 id, uint256 amount) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, on.voucherDigest(id, amount));
        return abi.encodePacked(r, s, v);
    }
}

contract PaymentChannelsFuzzTest is ChannelsBase {
    function setUp() public {
        _deploy();
    }

    /// Every claim splits exactly: payee + royalty = claimed delta; royalty = delta * bps / 10000.
    function testFuzz_claimSplitsExactly(uint96 deposit, uint96 first, uint96 second) public {
        deposit = uint96(bound(deposit, 2, type(uint96).max));
        first = uint96(bound(first, 1, deposit - 1));
        second = uint96(bound(second, uint256(first) + 1, deposit));
        IPaymentChannels.ChannelParams memory p = _open(payee, deposit, bytes32(0));
        bytes32 id = channels.channelIdOf(p);
        uint256 before = payee.balance;
        bytes memory firstSig = _sign(PAYER_KEY, channels, id, first);
        bytes memory secondSig = _sign(PAYER_KEY, channels, id, second);
        vm.prank(payee);
        channels.claim(p, first, firstSig);
        vm.prank(payee);
        channels.claim(p, second, secondSig);
        uint256 royalty = channels.credits(receiver, address(0));
        assertEq(royalty, (uint256(first) * BPS) / 10_000 + ((uint256(second) - first) * BPS) / 10_000);
        assertEq(payee.balance - before + royalty, second);
        (uint256 d, uint256 claimed,,) = channels.channel(id);
        assertEq(d, deposit);
        assertEq(claimed, second);
        assertEq(address(channels).balance, uint256(deposit) - second + royalty);
    }

    function test_claimSplitsExactly() public {
        testFuzz_claimSplitsExactly(1 ether, 0.25 ether, 0.5 ether);
        assertEq(channels.credits(receiver, address(0)), 0.0125 ether);
    }

    /// A voucher for no more than what was claimed is refused: claimed amounts only grow.
    function testFuzz_claimedOnlyGrows(uint96 deposit, uint96 first, uint96 later) public {
        deposit = uint96(bound(deposit, 1, type(uint96).max));
        first = uint96(bound(first, 1, deposit));
        later = uint96(bound(later, 0, first));
        IPaymentChannels.ChannelParams memory p = _open(payee, deposit, bytes32(0));
        bytes32 id = channels.channelIdOf(p);
        bytes memory firstSig = _sign(PAYER_KEY, channels, id, first);
        vm.prank(payee);
        channels.claim(p, first, firstSig);
        bytes memory sig = _sign(PAYER_KEY, channels, id, later);
        vm.prank(payee);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.VoucherAmountTooLow.selector, later, first));
        channels.claim(p, later, sig);
    }

    /// No voucher is accepted twice, and nobody can take more than the deposit.
    function testFuzz_noDoubleSpendNorOverdraw(uint96 deposit, uint256 amount) public {
        deposit = uint96(bound(deposit, 1, type(uint96).max));
        IPaymentChannels.ChannelParams memory p = _open(payee, deposit, bytes32(amount));
        bytes32 id = channels.channelIdOf(p);
        bytes memory sig = _sign(PAYER_KEY, channels, id, amount);
        vm.startPrank(payee);
        if (amount == 0) {
            vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.VoucherAmountTooLow.selector, 0, 0));
            channels.claim(p, amount, sig);
        } else if (amount > deposit) {
            vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.AmountExceedsDeposit.selector, amount, deposit));
            channels.claim(p, amount, sig);
        } else {
            channels.claim(p, amount, sig);
            vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.VoucherAmountTooLow.selector, amount, amount));
            channels.claim(p, amount, sig);
        }
        vm.stopPrank();
    }

    function test_noDoubleSpend() public {
        testFuzz_noDoubleSpendNorOverdraw(100, 100);
        testFuzz_noDoubleSpendNorOverdraw(100, 101);
    }

    /// A voucher signed for one chain is refused on every other chain.
    function testFuzz_replayAcrossChainsFails(uint64 otherChain) public {
        vm.assume(otherChain != block.chainid && otherChain != 0);
        IPaymentChannels.ChannelParams memory p = _open(payee, 1 ether, bytes32(0));
        bytes32 id = channels.channelIdOf(p);
        uint256 home = block.chainid;
        vm.chainId(otherChain);
        bytes memory foreign = _sign(PAYER_KEY, channels, id, 1 ether);
        vm.chainId(home);
        vm.prank(payee);
        vm.expectPartialRevert(IPaymentChannels.InvalidSigner.selector);
        channels.claim(p, 1 ether, foreign);
    }

    /// A voucher for one PaymentChannels contract is refused by another one holding the same channel id.
    function test_replayAcrossContractsFails() public {
        PaymentChannels twin = new PaymentChannels(address(this), address(registry), new address[](0));
        IPaymentChannels.ChannelParams memory p = _open(payee, 1 ether, bytes32(0));
        vm.prank(payer);
        twin.open{value: 1 ether}(payee, address(0), address(0), AIM, bytes32(0), 1 ether, block.timestamp + 1 days);
        bytes32 id = channels.channelIdOf(p);
        assertEq(twin.channelIdOf(p), id);
        bytes memory sig = _sign(PAYER_KEY, channels, id, 0.5 ether);
        vm.prank(payee);
        vm.expectPartialRevert(IPaymentChannels.InvalidSigner.selector);
        twin.claim(p, 0.5 ether, sig);
        vm.prank(payee);
        channels.claim(p, 0.5 ether, sig);
    }

    /// A voucher for one channel is refused on another channel of the same payer and payee.
    function testFuzz_replayAcrossChannelsFails(bytes32 saltA, bytes32 saltB) public {
        vm.assume(saltA != saltB);
        IPaymentChannels.ChannelParams memory a = _open(payee, 1 ether, saltA);
        IPaymentChannels.ChannelParams memory b = _open(payee, 1 ether, saltB);
        bytes memory sig = _sign(PAYER_KEY, channels, channels.channelIdOf(a), 1 ether);
        vm.prank(payee);
        vm.expectPartialRevert(IPaymentChannels.InvalidSigner.selector);
        channels.claim(b, 1 ether, sig);
    }

    /// Once closed, a channel id can never be reopened and its vouchers never replayed.
    function test_closedChannelIsNeverReused() public {
        IPaymentChannels.ChannelParams memory p = _open(payee, 1 ether, bytes32(0));
        bytes32 id = channels.channelIdOf(p);
        bytes memory sig = _sign(PAYER_KEY, channels, id, 0.5 ether);
        vm.prank(payee);
        channels.close(p, 0.5 ether, sig);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChannelAlreadyExists.selector, id));
        channels.open{value: 1 ether}(payee, address(0), address(0), AIM, bytes32(0), 1 ether, block.timestamp + 1 days);
        vm.prank(payee);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.ChannelAlreadyClosed.selector, id));
        channels.claim(p, 0.5 ether, sig);
    }

    /// A payee contract that reverts on receipt loses nothing: it is credited and withdraws elsewhere.
    function test_revertingPayeeIsCredited() public {
        ChannelActor actor = new ChannelActor(IPaymentChannels(address(channels)));
        actor.setRejectEth(true);
        IPaymentChannels.ChannelParams memory p = _open(address(actor), 1 ether, bytes32(0));
        bytes32 id = channels.channelIdOf(p);
        actor.execute(abi.encodeCall(channels.close, (p, 0.4 ether, _sign(PAYER_KEY, channels, id, 0.4 ether))));
        uint256 owed = 0.4 ether - (0.4 ether * uint256(BPS)) / 10_000;
        assertEq(channels.credits(address(actor), address(0)), owed);
        actor.execute(abi.encodeCall(channels.withdrawTo, (address(0), address(0xD00D))));
        assertEq(address(0xD00D).balance, owed);
        assertEq(address(channels).balance, channels.credits(receiver, address(0)));
    }
}

/// @dev Drives random opens, top-ups, claims, closes, reclaims, replays and time jumps for the invariants.
contract ChannelsHandler is Test {
    uint256 internal constant PAYER_KEY = 0xA11CE;
    PaymentChannels internal immutable channels;
    address internal immutable payer;
    address internal immutable receiver;
    address public immutable payee = address(0xB0B);

    IPaymentChannels.ChannelParams[] internal opened;
    mapping(bytes32 id => uint256) public lastClaimed;
    uint256 public deposited;
    uint256 public claimed;
    uint256 public refunded;
    uint256 public withdrawn;
    bool public replayAccepted;
    bool public claimedShrank;

    constructor(PaymentChannels channels_, address receiver_) {
        channels = channels_;
        receiver = receiver_;
        payer = vm.addr(PAYER_KEY);
        vm.deal(payer, type(uint128).max);
    }

    function count() external view returns (uint256) {
        return opened.length;
    }

    function idAt(uint256 i) external view returns (bytes32) {
        return channels.channelIdOf(opened[i]);
    }

    function open(uint96 deposit, uint16 bps) external {
        deposit = uint96(bound(deposit, 1, 1e24));
        MockAIMRegistry(channels.aimRegistry()).setAim(1, address(this), receiver, uint16(bound(bps, 0, 2500)));
        (, uint16 royaltyBps) = MockAIMRegistry(channels.aimRegistry()).callRoyalty(1);
        bytes32 salt = bytes32(opened.length);
        vm.prank(payer);
        channels.open{value: deposit}(payee, address(0), address(0), 1, salt, deposit, block.timestamp + 1 days);
        opened.push(IPaymentChannels.ChannelParams(payer, payee, address(0), address(0), 1, receiver, royaltyBps, salt));
        deposited += deposit;
    }

    function topUp(uint256 index, uint96 amount) external {
        if (opened.length == 0) return;
        IPaymentChannels.ChannelParams memory p = opened[index % opened.length];
        (uint256 d,,, bool closed) = channels.channel(channels.channelIdOf(p));
        amount = uint96(bound(amount, 1, 1e24));
        if (closed || d + amount > type(uint96).max) return;
        vm.prank(payer);
        channels.topUp{value: amount}(p, amount);
        deposited += amount;
    }

    function claim(uint256 index, uint256 amount, bool closeIt) external {
        if (opened.length == 0) return;
        IPaymentChannels.ChannelParams memory p = opened[index % opened.length];
        bytes32 id = channels.channelIdOf(p);
        (uint256 d, uint256 c, uint256 expiry, bool closed) = channels.channel(id);
        if (closed || block.timestamp >= expiry || c == d) return;
        amount = bound(amount, c + 1, d);
        bytes memory sig = _sig(id, amount);
        vm.prank(payee);
        if (closeIt) {
            channels.close(p, amount, sig);
            refunded += d - amount;
        } else {
            channels.claim(p, amount, sig);
        }
        claimed += amount - c;
        _record(id);
        vm.prank(payee);
        try channels.claim(p, amount, sig) {
            replayAccepted = true;
        } catch {}
    }

    function reclaim(uint256 index) external {
        if (opened.length == 0) return;
        IPaymentChannels.ChannelParams memory p = opened[index % opened.length];
        bytes32 id = channels.channelIdOf(p);
        (uint256 d, uint256 c, uint256 expiry, bool closed) = channels.channel(id);
        if (closed) return;
        if (block.timestamp < expiry) vm.warp(expiry);
        vm.prank(payer);
        channels.reclaim(p);
        refunded += d - c;
        _record(id);
    }

    function withdrawRoyalties() external {
        uint256 owed = channels.credits(receiver, address(0));
        if (owed == 0) return;
        channels.withdraw(address(0), receiver);
        withdrawn += owed;
    }

    function warp(uint32 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 2 days));
    }

    function _sig(bytes32 id, uint256 amount) private view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PAYER_KEY, channels.voucherDigest(id, amount));
        return abi.encodePacked(r, s, v);
    }

    function _record(bytes32 id) private {
        (, uint256 c,,) = channels.channel(id);
        if (c < lastClaimed[id]) claimedShrank = true;
        lastClaimed[id] = c;
    }
}

contract PaymentChannelsInvariantTest is Test {
    PaymentChannels internal channels;
    ChannelsHandler internal handler;
    address internal receiver = address(0xC0FFEE);

    function setUp() public {
        MockAIMRegistry registry = new MockAIMRegistry();
        channels = new PaymentChannels(address(this), address(registry), new address[](0));
        handler = new ChannelsHandler(channels, receiver);
        targetContract(address(handler));
    }

    /// claims + refunds + what open channels still hold = deposits.
    function invariant_claimsPlusRefundsEqualDeposits() public view {
        uint256 held;
        for (uint256 i; i < handler.count(); ++i) {
            (uint256 d, uint256 c,, bool closed) = channels.channel(handler.idAt(i));
            assertLe(c, d, "claimed never exceeds the deposit");
            if (!closed) held += d - c;
        }
        assertEq(handler.claimed() + handler.refunded() + held, handler.deposited());
    }

    /// The contract holds exactly what open channels hold plus unwithdrawn credits.
    function invariant_balanceMatchesObligations() public view {
        uint256 held;
        for (uint256 i; i < handler.count(); ++i) {
            (uint256 d, uint256 c,, bool closed) = channels.channel(handler.idAt(i));
            if (!closed) held += d - c;
        }
        assertEq(address(channels).balance, held + channels.credits(receiver, address(0)));
        assertEq(handler.payee().balance + handler.withdrawn() + channels.credits(receiver, address(0)), handler.claimed());
    }

    function invariant_noReplayAndClaimsOnlyGrow() public view {
        assertFalse(handler.replayAccepted());
        assertFalse(handler.claimedShrank());
    }
}
