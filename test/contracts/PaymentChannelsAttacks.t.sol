// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {AIMRegistry} from "../../contracts/AIMRegistry.sol";
import {IPaymentChannels} from "../../contracts/interfaces/IPaymentChannels.sol";
import {PaymentChannels} from "../../contracts/PaymentChannels.sol";
import {RoyaltySplitterFactory} from "../../contracts/RoyaltySplitterFactory.sol";
import {EthRejecter} from "../../contracts/test/EthRejecter.sol";
import {FeeOnTransferERC20} from "../../contracts/test/FeeOnTransferERC20.sol";

/// @dev Issue 12's attacks on PaymentChannels with the real AIMRegistry. Each test asserts the promise; on the
/// contracts before issue 12 each one failed, i.e. the attack succeeded (the failure is quoted above each test).
contract PaymentChannelsAttacks is Test {
    uint16 internal constant BPS = 250;
    uint256 internal constant PAYER_KEY = 0xA11CE;
    uint256 internal constant SESSION_KEY = 0x5E55;
    AIMRegistry internal registry;
    PaymentChannels internal channels;
    RoyaltySplitterFactory internal factory;
    address internal payer;
    address internal payee = address(0xB0B);
    address internal receiver = address(0xC0FFEE);
    uint256 internal aim;

    function setUp() public {
        factory = new RoyaltySplitterFactory();
        registry = new AIMRegistry(address(factory));
        AIMRegistry.PublishParams memory p;
        p.manifestURI = "ipfs://manifest";
        p.manifestHash = keccak256("manifest");
        p.royaltyReceiver = receiver;
        p.callFeeBps = BPS;
        p.initialHolder = payee;
        p.initialAmount = 1;
        aim = registry.publish(p);
        channels = new PaymentChannels(address(this), address(registry), new address[](0));
        payer = vm.addr(PAYER_KEY);
        vm.deal(payer, 1e30);
    }

    /*//////////////////////////////////////////////////////////////
                        HELPERS (the only ABI-specific code)
    //////////////////////////////////////////////////////////////*/

    function _open(address from, address token, address signer, uint256 cap, uint256 deposit, bytes32 salt)
        internal
        returns (IPaymentChannels.ChannelParams memory p)
    {
        vm.prank(from);
        channels.open{value: token == address(0) ? deposit : 0}(
            payee, token, signer, aim, cap, salt, deposit, block.timestamp + 1 days
        );
        p = IPaymentChannels.ChannelParams(from, payee, token, signer, aim, cap, salt);
    }

    function _sign(uint256 key, IPaymentChannels.ChannelParams memory p, uint256 amount)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, channels.voucherDigest(channels.channelIdOf(p), amount));
        return abi.encodePacked(r, s, v);
    }

    /*//////////////////////////////////////////////////////////////
                                 ATTACKS
    //////////////////////////////////////////////////////////////*/

    /// Finding 2: a fee-on-transfer deposit is credited at face value, so the contract owes more than it holds.
    /// Old code: "the contract holds what it owes: 990 != 1000". Now: the deposit is refused.
    function test_attack2_feeOnTransferDepositNeverLeavesTheContractShort() public {
        FeeOnTransferERC20 fot = new FeeOnTransferERC20();
        channels.setCurrencyAllowed(address(fot), true);
        fot.mint(payer, 1000);
        vm.prank(payer);
        fot.approve(address(channels), type(uint256).max);
        uint256 owed;
        try this.openAs(payer, address(fot), 1000) returns (IPaymentChannels.ChannelParams memory p) {
            (uint256 d,,,) = channels.channel(channels.channelIdOf(p));
            owed = d;
        } catch {}
        assertEq(fot.balanceOf(address(channels)), owed, "the contract holds what it owes");
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentChannels.PaymentChannelsFeeOnTransfer.selector, address(fot), 1000, 990)
        );
        this.openAs(payer, address(fot), 1000);
    }

    function openAs(address from, address token, uint256 deposit) external returns (IPaymentChannels.ChannelParams memory) {
        return _open(from, token, address(0), 0, deposit, bytes32("fot"));
    }

    /// Finding 3: a session key signs a voucher for the whole deposit; only the cap the payer set may be spent.
    /// Old code: "the session key spent above its cap: 1e18 > 1e17". Now: PaymentChannelsSessionCapExceeded.
    function test_attack3_sessionKeyCannotSpendAboveItsCap() public {
        IPaymentChannels.ChannelParams memory p = _open(payer, address(0), vm.addr(SESSION_KEY), 0.1 ether, 1 ether, 0);
        bytes memory sig = _sign(SESSION_KEY, p, 1 ether);
        vm.prank(payee);
        try channels.claim(p, 1 ether, sig) {} catch {}
        (, uint256 claimed,,) = channels.channel(channels.channelIdOf(p));
        assertLe(claimed, 0.1 ether, "the session key spent above its cap");
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentChannels.PaymentChannelsSessionCapExceeded.selector, 1 ether, 0.1 ether)
        );
        vm.prank(payee);
        channels.claim(p, 1 ether, sig);
        // Up to the cap the session key's voucher is good; the payer may raise the cap (never lower it).
        sig = _sign(SESSION_KEY, p, 0.1 ether);
        vm.prank(payee);
        channels.claim(p, 0.1 ether, sig);
        vm.prank(payer);
        channels.raiseSessionCap(p, 0.3 ether);
        assertEq(channels.sessionCapOf(p), 0.3 ether);
        sig = _sign(SESSION_KEY, p, 0.3 ether);
        vm.prank(payee);
        channels.claim(p, 0.3 ether, sig);
        sig = _sign(SESSION_KEY, p, 0.4 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentChannels.PaymentChannelsSessionCapExceeded.selector, 0.4 ether, 0.3 ether)
        );
        vm.prank(payee);
        channels.claim(p, 0.4 ether, sig);
        // The payer's own signature is valid up to the deposit.
        sig = _sign(PAYER_KEY, p, 1 ether);
        vm.prank(payee);
        channels.claim(p, 1 ether, sig);
    }

    /// Finding 4: an operator sells its license and keeps claiming.
    /// Old code: "an unlicensed payee was paid: 5e17 != 0". Now: PaymentChannelsPayeeNotLicensed on claim,
    /// claimMany, close with a claim and open; a close without a claim still refunds the payer.
    function test_attack4_operatorWithoutLicenseIsNotPaid() public {
        IPaymentChannels.ChannelParams memory p = _open(payer, address(0), address(0), 0, 1 ether, 0);
        vm.prank(payee);
        registry.safeTransferFrom(payee, address(0xDEAD), aim, 1, "");
        bytes memory sig = _sign(PAYER_KEY, p, 0.5 ether);
        vm.prank(payee);
        try channels.claim(p, 0.5 ether, sig) {} catch {}
        (, uint256 claimed,,) = channels.channel(channels.channelIdOf(p));
        assertEq(claimed, 0, "an unlicensed payee was paid");
        bytes memory notLicensed =
            abi.encodeWithSelector(IPaymentChannels.PaymentChannelsPayeeNotLicensed.selector, payee, aim);
        vm.startPrank(payee);
        vm.expectRevert(notLicensed);
        channels.claim(p, 0.5 ether, sig);
        vm.expectRevert(notLicensed);
        channels.close(p, 0.5 ether, sig);
        IPaymentChannels.ChannelParams[] memory ps = new IPaymentChannels.ChannelParams[](1);
        ps[0] = p;
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = 0.5 ether;
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = sig;
        vm.expectRevert(notLicensed);
        channels.claimMany(ps, amounts, sigs);
        vm.stopPrank();
        vm.expectRevert(notLicensed);
        vm.prank(payer);
        channels.open{value: 1}(payee, address(0), address(0), aim, 0, bytes32("again"), 1, block.timestamp + 1);
        uint256 before = payer.balance;
        vm.prank(payee);
        channels.close(p, 0, "");
        assertEq(payer.balance - before, 1 ether, "closing without a claim refunds the payer");
    }

    /// Finding 5: a creator's change of receiver (and rate) never reaches an open channel; channels live forever.
    /// Old code: "the old receiver was paid: 2.5e16 != 0"; "a channel outlives the maximum: 315360001 > 31536001".
    function test_attack5_royaltyChangeReachesOpenChannels() public {
        IPaymentChannels.ChannelParams memory p = _open(payer, address(0), address(0), 0, 1 ether, 0);
        address fresh = address(0xFE5);
        registry.setRoyalty(aim, fresh, 0, 100);
        bytes memory sig = _sign(PAYER_KEY, p, 1 ether);
        vm.prank(payee);
        channels.claim(p, 1 ether, sig);
        assertEq(channels.credits(receiver, address(0)), 0, "the old receiver was paid");
        assertEq(channels.credits(fresh, address(0)), 0.01 ether, "the new receiver at the new rate");
    }

    function test_attack5_channelsCannotOutliveTheMaximum() public {
        IPaymentChannels.ChannelParams memory p = _open(payer, address(0), address(0), 0, 1 ether, 0);
        vm.prank(payer);
        try channels.extend(p, block.timestamp + 10 * 365 days) {} catch {}
        (,, uint256 expiry,) = channels.channel(channels.channelIdOf(p));
        assertLe(expiry, block.timestamp + 365 days, "a channel outlives the maximum");
        uint256 maxExpiry = block.timestamp + 365 days;
        assertEq(channels.maxExpiryOf(channels.channelIdOf(p)), maxExpiry);
        vm.warp(block.timestamp + 300 days);
        vm.startPrank(payer);
        channels.extend(p, maxExpiry);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentChannels.PaymentChannelsLifetimeExceeded.selector, maxExpiry + 1, maxExpiry)
        );
        channels.extend(p, maxExpiry + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IPaymentChannels.PaymentChannelsLifetimeExceeded.selector, block.timestamp + 366 days, block.timestamp + 365 days
            )
        );
        channels.open{value: 1}(payee, address(0), address(0), aim, 0, bytes32("long"), 1, block.timestamp + 366 days);
        vm.stopPrank();
    }

    /// An increase announced by the creator reaches open channels after the notice, not before.
    function test_royaltyIncreaseReachesOpenChannelsAfterNotice() public {
        IPaymentChannels.ChannelParams memory p = _open(payer, address(0), address(0), 0, 1 ether, 0);
        registry.setRoyalty(aim, receiver, 0, 1000);
        vm.prank(payer);
        channels.extend(p, block.timestamp + 30 days);
        vm.startPrank(payee);
        channels.claim(p, 0.1 ether, _sign(PAYER_KEY, p, 0.1 ether));
        assertEq(channels.credits(receiver, address(0)), 0.0025 ether, "the old rate until the notice ends");
        vm.warp(block.timestamp + 7 days);
        channels.claim(p, 0.2 ether, _sign(PAYER_KEY, p, 0.2 ether));
        vm.stopPrank();
        assertEq(channels.credits(receiver, address(0)), 0.0125 ether, "the new rate on what is claimed after");
    }


    /// Finding 6: many tiny claims pay no royalty (rounded down per claim), claimMany repeats one channel.
    /// Old code: "royalty avoided: 0 != 48" and "royalty avoided: 0 != 29".
    function test_attack6_tinyClaimsPayTheFullRoyalty() public {
        IPaymentChannels.ChannelParams memory p = _open(payer, address(0), address(0), 0, 1 ether, 0);
        vm.startPrank(payee);
        for (uint256 i = 1; i <= 50; ++i) {
            channels.claim(p, i * 39, _sign(PAYER_KEY, p, i * 39));
        }
        vm.stopPrank();
        assertEq(channels.credits(receiver, address(0)), (50 * 39 * uint256(BPS)) / 10_000, "royalty avoided");
    }

    function test_attack6_claimManyRepeatingAChannelPaysTheFullRoyalty() public {
        IPaymentChannels.ChannelParams memory p = _open(payer, address(0), address(0), 0, 1 ether, 0);
        uint256 n = 30;
        IPaymentChannels.ChannelParams[] memory ps = new IPaymentChannels.ChannelParams[](n);
        uint256[] memory amounts = new uint256[](n);
        bytes[] memory sigs = new bytes[](n);
        for (uint256 i; i < n; ++i) {
            ps[i] = p;
            amounts[i] = (i + 1) * 39;
            sigs[i] = _sign(PAYER_KEY, p, amounts[i]);
        }
        vm.prank(payee);
        try channels.claimMany(ps, amounts, sigs) {} catch {}
        (, uint256 claimed,,) = channels.channel(channels.channelIdOf(p));
        assertEq(channels.credits(receiver, address(0)), (claimed * BPS) / 10_000, "royalty avoided");
    }

    /// Finding 7: a payer contract that burns all gas makes every close cost over a million gas.
    /// Old code: "close burnt the payer's gas: 4948382 >= 200000". Now the refund push gets 50,000 gas and the
    /// payer is credited.
    function test_attack7_gasBurningPayerCannotBlockClose() public {
        EthRejecter burner = new EthRejecter();
        burner.setMode(2);
        vm.deal(address(burner), 1 ether);
        address session = vm.addr(SESSION_KEY);
        IPaymentChannels.ChannelParams memory p = _open(address(burner), address(0), session, 1 ether, 1 ether, 0);
        bytes memory sig = _sign(SESSION_KEY, p, 0.1 ether);
        vm.prank(payee);
        uint256 before = gasleft();
        channels.close{gas: 5_000_000}(p, 0.1 ether, sig);
        uint256 used = before - gasleft();
        assertLt(used, 200_000, "close burnt the payer's gas");
        assertEq(channels.credits(address(burner), address(0)), 0.9 ether, "the payer is credited");
        // Only the payer can move its credit, to an address of its choice.
        burner.execute(
            address(channels), 0, abi.encodeCall(channels.withdrawTo, (address(0), address(0xD00D)))
        );
        assertEq(address(0xD00D).balance, 0.9 ether);
    }
}
