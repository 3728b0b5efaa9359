// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RoyaltySplitter} from "../../contracts/RoyaltySplitter.sol";
import {RoyaltySplitterFactory} from "../../contracts/RoyaltySplitterFactory.sol";
import {TestUSDC} from "../../contracts/tokens/TestUSDC.sol";
import {PayeeMock} from "../../contracts/test/PayeeMock.sol";

/// @dev Drives a splitter with random payments and releases; records what it received (ghost variables).
contract SplitterHandler is Test {
    RoyaltySplitter public immutable splitter;
    TestUSDC public immutable token;
    PayeeMock public immutable refuser;
    address[] internal _payees;

    uint256 public ethReceived;
    uint256 public tokenReceived;

    constructor(RoyaltySplitter splitter_, TestUSDC token_, PayeeMock refuser_, address[] memory payees_) {
        splitter = splitter_;
        token = token_;
        refuser = refuser_;
        _payees = payees_;
    }

    function payETH(uint256 amount) external {
        amount = bound(amount, 0, 1_000 ether);
        vm.deal(address(this), amount);
        (bool ok,) = address(splitter).call{value: amount}("");
        require(ok, "payment failed");
        ethReceived += amount;
    }

    function payToken(uint256 amount) external {
        amount = bound(amount, 0, 1e30);
        token.mint(address(splitter), amount);
        tokenReceived += amount;
    }

    function release(uint256 index) external {
        address account = _payees[index % _payees.length];
        if (splitter.releasable(account) == 0) return;
        try splitter.release(payable(account)) {}
        catch {
            // Only the refusing payee may fail, and only while it refuses.
            require(account == address(refuser) && refuser.mode() == PayeeMock.Mode.Reject, "unexpected failure");
        }
    }

    function releaseToken(uint256 index) external {
        address account = _payees[index % _payees.length];
        if (splitter.releasable(IERC20(address(token)), account) == 0) return;
        splitter.release(IERC20(address(token)), account);
    }

    function releaseAll() external {
        splitter.releaseAll();
    }

    function releaseAllToken() external {
        splitter.releaseAll(IERC20(address(token)));
    }

    function toggleRefuser() external {
        refuser.setMode(refuser.mode() == PayeeMock.Mode.Accept ? PayeeMock.Mode.Reject : PayeeMock.Mode.Accept);
    }
}

/// @dev Fuzz tests (each paired with a concrete example) and invariants of RoyaltySplitter.
contract RoyaltySplitterTest is Test {
    RoyaltySplitterFactory internal factory;
    TestUSDC internal token;
    RoyaltySplitter internal splitter;
    SplitterHandler internal handler;
    PayeeMock internal refuser;
    address[] internal payees;
    uint256[] internal shares;

    function setUp() public {
        factory = new RoyaltySplitterFactory();
        token = new TestUSDC();
        refuser = new PayeeMock();
        payees = [address(0x1001), address(0x1002), address(0x1003), address(refuser)];
        shares = [uint256(50), 30, 17, 3];
        splitter = RoyaltySplitter(payable(factory.createSplitter(payees, shares)));
        handler = new SplitterHandler(splitter, token, refuser, payees);
        targetContract(address(handler));
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Value is conserved: what came in is either still held or was released.
    function invariant_ValueIsConserved() public view {
        assertEq(address(splitter).balance + splitter.totalReleased(), handler.ethReceived());
        IERC20 t = IERC20(address(token));
        assertEq(token.balanceOf(address(splitter)) + splitter.totalReleased(t), handler.tokenReceived());
    }

    /// @dev For each payee, released + still releasable = its share of everything received (so no payee ever gets
    /// more than its share); summed over payees this equals what was received, less rounding dust (< 1 wei per payee).
    function invariant_ReleasedPlusReleasableIsReceived() public view {
        _checkShares(address(0), handler.ethReceived());
        _checkShares(address(token), handler.tokenReceived());
    }

    /// @dev What the splitter says it released is what each payee actually holds.
    function invariant_PayeesHoldWhatWasReleased() public view {
        for (uint256 i; i < payees.length; ++i) {
            assertEq(payees[i].balance, splitter.released(payees[i]));
            assertEq(token.balanceOf(payees[i]), splitter.released(IERC20(address(token)), payees[i]));
        }
    }

    function _checkShares(address currency, uint256 received) internal view {
        uint256 total = splitter.totalShares();
        uint256 sum;
        for (uint256 i; i < payees.length; ++i) {
            address p = payees[i];
            uint256 due = currency == address(0)
                ? splitter.released(p) + splitter.releasable(p)
                : splitter.released(IERC20(currency), p) + splitter.releasable(IERC20(currency), p);
            assertEq(due, received * splitter.shares(p) / total);
            sum += due;
        }
        assertLe(sum, received);
        assertLt(received - sum, payees.length);
    }

    /*//////////////////////////////////////////////////////////////
                        SPLITS FOLLOW THE SHARES
    //////////////////////////////////////////////////////////////*/

    function test_Split_Example() public {
        vm.deal(address(this), 1 ether);
        (bool ok,) = address(splitter).call{value: 1 ether}("");
        assertTrue(ok);
        splitter.releaseAll();
        assertEq(address(0x1001).balance, 0.5 ether);
        assertEq(address(0x1002).balance, 0.3 ether);
        assertEq(address(0x1003).balance, 0.17 ether);
        assertEq(address(refuser).balance, 0.03 ether);
    }

    function testFuzz_Split(uint256[5] memory rawShares, uint128 amount, uint128 tokenAmount) public {
        address[] memory accounts = new address[](5);
        uint256[] memory weights = new uint256[](5);
        uint256 total;
        for (uint256 i; i < 5; ++i) {
            accounts[i] = address(uint160(0x2000 + i));
            weights[i] = bound(rawShares[i], 1, 1e36);
            total += weights[i];
        }
        RoyaltySplitter s = RoyaltySplitter(payable(factory.createSplitter(accounts, weights)));
        vm.deal(address(this), amount);
        (bool ok,) = address(s).call{value: amount}("");
        assertTrue(ok);
        token.mint(address(s), tokenAmount);
        uint256 paid;
        uint256 tokenPaid;
        for (uint256 i; i < 5; ++i) {
            uint256 expected = uint256(amount) * weights[i] / total;
            uint256 expectedToken = uint256(tokenAmount) * weights[i] / total;
            assertEq(s.releasable(accounts[i]), expected);
            assertEq(s.releasable(IERC20(address(token)), accounts[i]), expectedToken);
            if (expected != 0) s.release(payable(accounts[i]));
            if (expectedToken != 0) s.release(IERC20(address(token)), accounts[i]);
            assertEq(accounts[i].balance, expected);
            assertEq(token.balanceOf(accounts[i]), expectedToken);
            paid += expected;
            tokenPaid += expectedToken;
        }
        assertLe(paid, amount);
        assertLe(tokenPaid, tokenAmount);
        assertEq(address(s).balance, amount - paid);
    }

    /*//////////////////////////////////////////////////////////////
               RELEASE ORDER DOES NOT CHANGE WHAT IS OWED
    //////////////////////////////////////////////////////////////*/

    function test_ReleaseBetweenPayments_Example() public {
        _pay(100);
        splitter.release(payable(address(0x1001))); // 50
        _pay(100);
        splitter.release(payable(address(0x1001))); // 50 more
        assertEq(address(0x1001).balance, 100);
        assertEq(splitter.releasable(address(0x1002)), 60);
    }

    function testFuzz_ReleaseBetweenPayments(uint96[6] calldata payments, uint256 releaseMask) public {
        uint256 total;
        for (uint256 i; i < payments.length; ++i) {
            _pay(payments[i]);
            total += payments[i];
            address account = payees[(releaseMask >> i) % payees.length];
            if ((releaseMask >> (i + 8)) & 1 == 1 && splitter.releasable(account) != 0) {
                splitter.release(payable(account));
            }
        }
        for (uint256 i; i < payees.length; ++i) {
            assertEq(splitter.released(payees[i]) + splitter.releasable(payees[i]), total * shares[i] / 100);
        }
    }

    function _pay(uint256 amount) internal {
        vm.deal(address(this), amount);
        (bool ok,) = address(splitter).call{value: amount}("");
        assertTrue(ok);
    }
}
