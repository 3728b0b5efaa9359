// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IPaymentChannels} from "../../contracts/interfaces/IPaymentChannels.sol";
import {PaymentChannels} from "../../contracts/PaymentChannels.sol";
import {ChannelActor} from "../../contracts/test/ChannelActor.sol";
import {FeeOnTransferERC20} from "../../contracts/test/FeeOnTransferERC20.sol";
import {MockAIMRegistry} from "../../contracts/test/MockAIMRegistry.sol";
import {MockERC20} from "../../contracts/test/MockERC20.sol";
import {RebasingERC20} from "../../contracts/test/RebasingERC20.sol";

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
        registry.mint(payee, AIM, 1);
        channels = new PaymentChannels(address(this), address(registry), new address[](0));
        payer = vm.addr(PAYER_KEY);
        vm.deal(payer, 1e30);
    }

    function _open(address to, uint256 deposit, bytes32 salt) internal returns (IPaymentChannels.ChannelParams memory p) {
        if (registry.balanceOf(to, AIM) == 0) registry.mint(to, AIM, 1);
        vm.prank(payer);
        channels.open{value: deposit}(to, address(0), address(0), AIM, 0, salt, deposit, block.timestamp + 1 days);
        p = IPaymentChannels.ChannelParams(payer, to, address(0), address(0), AIM, 0, salt);
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

    /// Every claim splits exactly: payee + royalty = claimed delta; the royalty is computed on cumulative amounts.
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
        assertEq(royalty, (uint256(second) * BPS) / 10_000);
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
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.PaymentChannelsVoucherAmountTooLow.selector, later, first));
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
            vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.PaymentChannelsVoucherAmountTooLow.selector, 0, 0));
            channels.claim(p, amount, sig);
        } else if (amount > deposit) {
            vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.PaymentChannelsAmountExceedsDeposit.selector, amount, deposit));
            channels.claim(p, amount, sig);
        } else {
            channels.claim(p, amount, sig);
            vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.PaymentChannelsVoucherAmountTooLow.selector, amount, amount));
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
        vm.expectPartialRevert(IPaymentChannels.PaymentChannelsInvalidSigner.selector);
        channels.claim(p, 1 ether, foreign);
    }

    /// A voucher for one PaymentChannels contract is refused by another one holding the same channel id.
    function test_replayAcrossContractsFails() public {
        PaymentChannels twin = new PaymentChannels(address(this), address(registry), new address[](0));
        IPaymentChannels.ChannelParams memory p = _open(payee, 1 ether, bytes32(0));
        vm.prank(payer);
        twin.open{value: 1 ether}(payee, address(0), address(0), AIM, 0, bytes32(0), 1 ether, block.timestamp + 1 days);
        bytes32 id = channels.channelIdOf(p);
        assertEq(twin.channelIdOf(p), id);
        bytes memory sig = _sign(PAYER_KEY, channels, id, 0.5 ether);
        vm.prank(payee);
        vm.expectPartialRevert(IPaymentChannels.PaymentChannelsInvalidSigner.selector);
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
        vm.expectPartialRevert(IPaymentChannels.PaymentChannelsInvalidSigner.selector);
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
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.PaymentChannelsChannelAlreadyExists.selector, id));
        channels.open{value: 1 ether}(payee, address(0), address(0), AIM, 0, bytes32(0), 1 ether, block.timestamp + 1 days);
        vm.prank(payee);
        vm.expectRevert(abi.encodeWithSelector(IPaymentChannels.PaymentChannelsChannelAlreadyClosed.selector, id));
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

/// @dev Drives random opens, top-ups, claims (one by one and many at once, the same channel repeated), closes,
/// reclaims, replays, royalty and rate changes, token rebases and time jumps for the invariants, over four
/// currencies: ETH, a plain ERC-20, a fee-on-transfer ERC-20 and a rebasing ERC-20. Three AIMs with their own
/// receivers; each channel records the rate it was paid at while that rate stayed constant.
contract ChannelsHandler is Test {
    uint256 internal constant PAYER_KEY = 0xA11CE;
    uint256 internal constant AIMS = 3;
    PaymentChannels internal immutable channels;
    MockAIMRegistry internal immutable registry;
    address internal immutable payer;
    address public immutable payee = address(0xB0B);
    address[4] public currencies;

    IPaymentChannels.ChannelParams[] internal opened;
    mapping(bytes32 id => uint256) public lastClaimed;
    mapping(bytes32 id => uint256) public depositedOf;
    mapping(bytes32 id => uint256) public refundedOf;
    mapping(bytes32 id => uint256) public royaltyOf;
    /// @dev Whether the AIM's rate changed while the channel was open (then royalty exactness is per segment).
    mapping(bytes32 id => bool) public rateChanged;
    mapping(address currency => uint256) public claimedIn;
    mapping(address currency => uint256) public payeeGot;
    mapping(address currency => uint256) public withdrawnIn;
    bool public replayAccepted;
    bool public claimedShrank;
    bool public shortDepositAccepted;
    bool public rebased;

    constructor(PaymentChannels channels_, MockAIMRegistry registry_, address[4] memory currencies_) {
        channels = channels_;
        registry = registry_;
        currencies = currencies_;
        payer = vm.addr(PAYER_KEY);
        vm.deal(payer, type(uint128).max);
        for (uint256 k = 1; k < 4; ++k) {
            MockERC20(currencies_[k]).mint(payer, 1e40);
            vm.prank(payer);
            MockERC20(currencies_[k]).approve(address(channels_), type(uint256).max);
        }
    }

    function receiverOf(uint256 aimId) public pure returns (address) {
        return address(uint160(0xC0FFEE00 + aimId));
    }

    function count() external view returns (uint256) {
        return opened.length;
    }

    function paramsAt(uint256 i) external view returns (IPaymentChannels.ChannelParams memory) {
        return opened[i];
    }

    function idAt(uint256 i) external view returns (bytes32) {
        return channels.channelIdOf(opened[i]);
    }

    function open(uint96 deposit, uint8 aim, uint8 currency) external {
        deposit = uint96(bound(deposit, 1, 1e24));
        uint256 aimId = 1 + (aim % AIMS);
        address token = currencies[currency % 4];
        bytes32 salt = bytes32(opened.length);
        uint256 before = _balance(token);
        vm.prank(payer);
        try channels.open{value: token == address(0) ? deposit : 0}(
            payee, token, address(0), aimId, 0, salt, deposit, block.timestamp + 1 days
        ) {
            if (_balance(token) - before != deposit) shortDepositAccepted = true;
            opened.push(IPaymentChannels.ChannelParams(payer, payee, token, address(0), aimId, 0, salt));
            depositedOf[channels.channelIdOf(opened[opened.length - 1])] = deposit;
        } catch (bytes memory reason) {
            // Only a token that delivered less may be refused.
            require(bytes4(reason) == IPaymentChannels.PaymentChannelsFeeOnTransfer.selector, "open failed");
        }
    }

    function topUp(uint256 index, uint96 amount) external {
        if (opened.length == 0) return;
        IPaymentChannels.ChannelParams memory p = opened[index % opened.length];
        bytes32 id = channels.channelIdOf(p);
        (uint256 d,,, bool closed) = channels.channel(id);
        amount = uint96(bound(amount, 1, 1e24));
        if (closed || d + amount > type(uint96).max) return;
        uint256 before = _balance(p.token);
        vm.prank(payer);
        try channels.topUp{value: p.token == address(0) ? amount : 0}(p, amount) {
            if (_balance(p.token) - before != amount) shortDepositAccepted = true;
            depositedOf[id] += amount;
        } catch (bytes memory reason) {
            require(bytes4(reason) == IPaymentChannels.PaymentChannelsFeeOnTransfer.selector, "top up failed");
        }
    }

    function claim(uint256 index, uint256 amount, uint8 mode) external {
        if (opened.length == 0) return;
        IPaymentChannels.ChannelParams memory p = opened[index % opened.length];
        bytes32 id = channels.channelIdOf(p);
        (uint256 d, uint256 c, uint256 expiry, bool closed) = channels.channel(id);
        if (closed || block.timestamp >= expiry || c == d) return;
        amount = bound(amount, c + 1, d);
        bytes memory sig = _sig(id, amount);
        address r = receiverOf(p.aimId);
        uint256 credit = channels.credits(r, p.token);
        uint256 got = _balanceOf(p.token, payee);
        mode %= 3;
        vm.prank(payee);
        if (mode == 0) {
            channels.close(p, amount, sig);
            refundedOf[id] = d - amount;
        } else if (mode == 1) {
            channels.claim(p, amount, sig);
        } else {
            // claimMany with the channel twice: halfway, then the full amount.
            _claimTwice(p, id, c, amount);
        }
        royaltyOf[id] += channels.credits(r, p.token) - credit;
        payeeGot[p.token] += _balanceOf(p.token, payee) - got;
        claimedIn[p.token] += amount - c;
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
        refundedOf[id] = d - c;
        _record(id);
    }

    /// @dev The creator changes an AIM's rate (applies at once in the mock) and receiver stays: the royalty of
    /// channels open across the change is exact per segment, so they leave the exactness check.
    function setRate(uint8 aim, uint16 bps) external {
        uint256 aimId = 1 + (aim % AIMS);
        registry.setAim(aimId, address(this), receiverOf(aimId), uint16(bound(bps, 0, 2500)));
        for (uint256 i; i < opened.length; ++i) {
            if (opened[i].aimId == aimId) rateChanged[channels.channelIdOf(opened[i])] = true;
        }
    }

    function withdrawRoyalties(uint8 aim, uint8 currency) external {
        address token = currencies[currency % 4];
        address r = receiverOf(1 + (aim % AIMS));
        uint256 owed = channels.credits(r, token);
        if (owed == 0) return;
        channels.withdraw(token, r);
        withdrawnIn[token] += owed;
    }

    function rebase(uint16 bps) external {
        RebasingERC20(currencies[3]).rebase(int256(bound(bps, 0, 500)));
        rebased = true;
    }

    function warp(uint32 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 2 days));
    }

    function _claimTwice(IPaymentChannels.ChannelParams memory p, bytes32 id, uint256 c, uint256 amount) private {
        uint256 half = c + (amount - c) / 2;
        uint256 n = half > c ? 2 : 1;
        IPaymentChannels.ChannelParams[] memory ps = new IPaymentChannels.ChannelParams[](n);
        uint256[] memory amounts = new uint256[](n);
        bytes[] memory sigs = new bytes[](n);
        for (uint256 i; i < n; ++i) {
            ps[i] = p;
            amounts[i] = i + 1 == n ? amount : half;
            sigs[i] = _sig(id, amounts[i]);
        }
        vm.prank(payee);
        channels.claimMany(ps, amounts, sigs);
    }

    function _balance(address token) private view returns (uint256) {
        return _balanceOf(token, address(channels));
    }

    function _balanceOf(address token, address account) private view returns (uint256) {
        return token == address(0) ? account.balance : MockERC20(token).balanceOf(account);
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
    MockAIMRegistry internal registry;
    ChannelsHandler internal handler;
    address[4] internal currencies;

    function setUp() public {
        registry = new MockAIMRegistry();
        currencies = [
            address(0),
            address(new MockERC20("Plain", "PLN", 6)),
            address(new FeeOnTransferERC20()),
            address(new RebasingERC20())
        ];
        address[] memory allowed = new address[](3);
        for (uint256 k = 1; k < 4; ++k) {
            allowed[k - 1] = currencies[k];
        }
        channels = new PaymentChannels(address(this), address(registry), allowed);
        handler = new ChannelsHandler(channels, registry, currencies);
        for (uint256 aimId = 1; aimId <= 3; ++aimId) {
            registry.setAim(aimId, address(this), handler.receiverOf(aimId), uint16(aimId * 333));
            registry.mint(handler.payee(), aimId, 1);
        }
        targetContract(address(handler));
    }

    /// Per channel: deposits = claimed + refunded + what it still holds; claimed never exceeds the deposit.
    function invariant_perChannelDepositsAreClaimedRefundedOrHeld() public view {
        for (uint256 i; i < handler.count(); ++i) {
            bytes32 id = handler.idAt(i);
            (uint256 d, uint256 c,, bool closed) = channels.channel(id);
            assertLe(c, d, "claimed never exceeds the deposit");
            assertEq(d, handler.depositedOf(id), "the deposit is what arrived");
            uint256 held = closed ? 0 : d - c;
            assertEq(c + handler.refundedOf(id) + held, handler.depositedOf(id));
        }
    }

    /// Over any sequence of claims (one by one, many at once, the same channel repeated, a final close), the
    /// royalty paid is floor(total claimed * bps / 10,000), exactly, while the rate stays the same.
    function invariant_royaltyIsExactOnCumulativeAmounts() public view {
        for (uint256 i; i < handler.count(); ++i) {
            bytes32 id = handler.idAt(i);
            if (handler.rateChanged(id)) continue;
            (, uint256 c,,) = channels.channel(id);
            (, uint16 bps) = registry.callRoyalty(handler.paramsAt(i).aimId);
            assertEq(handler.royaltyOf(id), c * bps / 10_000, "royalty not exact");
        }
    }

    /// The contract's balance of each currency equals what it owes (open channels' rest + unwithdrawn credits);
    /// only a rebasing token's upward rebase leaves a surplus. A deposit that delivered less is never accepted.
    function invariant_balanceMatchesObligations() public view {
        assertFalse(handler.shortDepositAccepted(), "a short deposit was credited");
        for (uint256 k; k < 4; ++k) {
            address token = currencies[k];
            uint256 owed;
            for (uint256 i; i < handler.count(); ++i) {
                if (handler.paramsAt(i).token != token) continue;
                (uint256 d, uint256 c,, bool closed) = channels.channel(handler.idAt(i));
                if (!closed) owed += d - c;
            }
            for (uint256 aimId = 1; aimId <= 3; ++aimId) {
                owed += channels.credits(handler.receiverOf(aimId), token);
            }
            owed += channels.credits(handler.payee(), token);
            uint256 balance = token == address(0) ? address(channels).balance : MockERC20(token).balanceOf(address(channels));
            if (k == 3) {
                assertGe(balance, owed, "rebasing token: the contract owes more than it holds");
                if (!handler.rebased()) assertEq(balance, owed);
            } else {
                assertEq(balance, owed, "the contract's balance is what it owes");
            }
        }
    }

    function invariant_noReplayAndClaimsOnlyGrow() public view {
        assertFalse(handler.replayAccepted());
        assertFalse(handler.claimedShrank());
    }
}
