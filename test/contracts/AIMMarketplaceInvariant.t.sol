// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {AIMMarketplace} from "../../contracts/AIMMarketplace.sol";
import {IAIMMarketplace} from "../../contracts/interfaces/IAIMMarketplace.sol";
import {EthRejecter} from "../../contracts/test/EthRejecter.sol";
import {PlainCaller} from "../../contracts/test/PlainCaller.sol";
import {MockERC1155Royalty} from "../../contracts/test/MockERC1155Royalty.sol";
import {MockERC20} from "../../contracts/test/MockERC20.sol";
import {MockERC721Royalty} from "../../contracts/test/MockERC721Royalty.sol";

/// @dev Drives random sequences of list / update / cancel / buy / bulk buy / offers / withdraw / fee changes /
/// time jumps and keeps a model of every listing and offer. A buy or an accept that succeeds where the model
/// says it must not (cancelled, expired, past its quantity) is counted in `violations`.
contract MarketplaceHandler is Test {
    struct Pick {
        address seller;
        address token;
        uint256 id;
        uint8 std;
        address currency;
        bytes32 key;
    }

    struct Model {
        bool live; // listed and not cancelled
        uint256 price;
        uint256 remaining;
        uint256 expiry;
    }

    AIMMarketplace public market;
    MockERC1155Royalty public t1155;
    MockERC721Royalty public t721;
    MockERC20 public usdc;
    address public treasury = address(0x7EA5);
    address public royaltyReceiver = address(0x2981);
    address[] public actors; // sellers and buyers; actors[2] is a contract that rejects ETH
    bytes32[] public keys;
    mapping(bytes32 => Model) public model;
    mapping(bytes32 => Pick) private _picks;
    uint256 public violations;
    uint256 public sales;

    struct OfferModel {
        IAIMMarketplace.Offer terms;
        uint256 remaining; // 0 once filled or cancelled
    }

    OfferModel[] public offers;

    constructor() {
        usdc = new MockERC20("Test USD Coin", "tUSDC", 6);
        address[] memory allowed = new address[](1);
        allowed[0] = address(usdc);
        market = new AIMMarketplace(address(this), treasury, 250, allowed);
        t1155 = new MockERC1155Royalty();
        t721 = new MockERC721Royalty();
        t1155.setTokenRoyalty(1, royaltyReceiver, 500);
        t1155.setTokenRoyalty(2, royaltyReceiver, 2500); // capped at 10%
        t721.setTokenRoyalty(1, royaltyReceiver, 750);
        actors.push(address(0xA11CE));
        actors.push(address(0xB0B));
        actors.push(address(new EthRejecter()));
        actors.push(address(0xCAFE));
        for (uint256 i; i < actors.length; ++i) {
            address a = actors[i];
            for (uint256 id = 1; id <= 3; ++id) {
                t1155.mint(a, id, 1_000_000);
            }
            t721.mint(a, 10 + i);
            t721.mint(a, 20 + i);
            vm.deal(a, 1_000_000 ether);
            usdc.mint(a, 1e30);
            _as(a, address(t1155), abi.encodeCall(t1155.setApprovalForAll, (address(market), true)));
            _as(a, address(t721), abi.encodeCall(t721.setApprovalForAll, (address(market), true)));
            _as(a, address(usdc), abi.encodeCall(usdc.approve, (address(market), type(uint256).max)));
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function keyCount() external view returns (uint256) {
        return keys.length;
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTIONS
    //////////////////////////////////////////////////////////////*/

    function list(uint256 sellerSeed, uint256 tokenSeed, bool erc20, uint96 price, uint64 qty, uint32 duration)
        external
    {
        Pick memory p = _pick(sellerSeed, tokenSeed, erc20);
        price = uint96(_bound(price, 1, 1e24));
        qty = p.std == 1 ? 1 : uint64(_bound(qty, 1, 1000));
        uint256 expiry = block.timestamp + _bound(duration, 1, 30 days);
        bytes memory data = abi.encodeCall(market.list, (p.token, p.id, p.std, p.currency, price, qty, expiry, 1000));
        if (_as(p.seller, address(market), data)) {
            if (_picks[p.key].key == 0) {
                _picks[p.key] = p;
                keys.push(p.key);
            }
            model[p.key] = Model(true, price, qty, expiry);
        }
    }

    function update(uint256 sellerSeed, uint256 tokenSeed, bool erc20, uint96 price, uint64 qty, uint32 duration)
        external
    {
        Pick memory p = _pick(sellerSeed, tokenSeed, erc20);
        price = uint96(_bound(price, 1, 1e24));
        qty = p.std == 1 ? 1 : uint64(_bound(qty, 1, 1000));
        uint256 expiry = block.timestamp + _bound(duration, 1, 30 days);
        bytes memory data =
            abi.encodeCall(market.updateListing, (p.token, p.id, p.std, p.currency, price, qty, expiry));
        if (_as(p.seller, address(market), data)) {
            if (!model[p.key].live) ++violations; // updated a listing that does not exist
            model[p.key] = Model(true, price, qty, expiry);
        }
    }

    function cancel(uint256 sellerSeed, uint256 tokenSeed, bool erc20) external {
        Pick memory p = _pick(sellerSeed, tokenSeed, erc20);
        if (_as(p.seller, address(market), abi.encodeCall(market.cancel, (p.token, p.id, p.std, p.currency)))) {
            delete model[p.key];
        }
    }

    function buy(uint256 sellerSeed, uint256 buyerSeed, uint256 tokenSeed, bool erc20, uint64 qty, uint64 overpay)
        external
    {
        // Mostly buy a listing that was created (else a random key, which usually does not exist).
        Pick memory p =
            keys.length != 0 && tokenSeed % 4 != 0 ? _picks[keys[tokenSeed % keys.length]] : _pick(sellerSeed, tokenSeed, erc20);
        Model memory m = model[p.key];
        qty = uint64(_bound(qty, 1, 1200));
        uint256 value = p.currency == address(0) ? m.price * qty + overpay : 0;
        bytes memory data = abi.encodeCall(market.buy, (p.seller, p.token, p.id, p.std, p.currency, qty, m.price));
        if (_as(actors[buyerSeed % actors.length], address(market), value, data)) {
            ++sales;
            if (!m.live || qty > m.remaining || block.timestamp >= m.expiry) ++violations;
            model[p.key].remaining = m.remaining - qty;
        }
    }

    /// @dev Buys two listings of one currency (possibly the same one twice) in one buyMany, all or nothing or skipping.
    function buyMany(uint256 buyerSeed, uint256 seedA, uint256 seedB, uint64 qtyA, uint64 qtyB, bool skip, uint64 overpay)
        external
    {
        if (keys.length == 0) return;
        bytes32[2] memory k = [keys[seedA % keys.length], keys[seedB % keys.length]];
        address currency = _picks[k[0]].currency;
        if (_picks[k[1]].currency != currency) return;
        uint64[2] memory qty = [uint64(_bound(qtyA, 1, 600)), uint64(_bound(qtyB, 1, 600))];
        if (!_sendBulk(actors[buyerSeed % actors.length], k, qty, currency, skip, overpay)) return;
        ++sales;
        _checkBulk(k, qty, skip);
    }

    /// @dev `buyer` calls buyMany for the two listings at the model's prices, with maxTotal = their total.
    function _sendBulk(
        address buyer,
        bytes32[2] memory k,
        uint64[2] memory qty,
        address currency,
        bool skip,
        uint64 overpay
    ) internal returns (bool) {
        IAIMMarketplace.BulkItem[] memory items = new IAIMMarketplace.BulkItem[](2);
        uint256 total;
        for (uint256 i; i < 2; ++i) {
            Pick memory p = _picks[k[i]];
            uint256 price = model[k[i]].price;
            items[i] = IAIMMarketplace.BulkItem(p.seller, p.token, p.id, p.std, qty[i], price);
            total += price * qty[i];
        }
        bytes memory data = abi.encodeCall(market.buyMany, (items, currency, total, skip));
        return _as(buyer, address(market), currency == address(0) ? total + overpay : 0, data);
    }

    /// @dev After a successful buyMany: updates the model and counts what was bought against the rules.
    function _checkBulk(bytes32[2] memory k, uint64[2] memory qty, bool skip) internal {
        for (uint256 i; i < 2; ++i) {
            Model storage m = model[k[i]];
            bool available = m.live && qty[i] <= m.remaining && block.timestamp < m.expiry;
            if (available) m.remaining -= qty[i];
            else if (!skip) ++violations; // all-or-nothing bought a listing that was gone
        }
        for (uint256 i; i < 2; ++i) {
            (, uint256 onChain,,) = market.getListing(k[i]);
            // Skip mode also leaves out a listing whose seller no longer holds the tokens (the model cannot
            // tell): then more is left on chain. Less left on chain than the model allows is a sale past the rules.
            if (onChain < (model[k[i]].live ? model[k[i]].remaining : 0)) ++violations;
            else if (skip) model[k[i]].remaining = onChain;
        }
    }

    function makeOffer(uint256 buyerSeed, uint256 tokenSeed, uint96 price, uint64 qty, uint32 duration) external {
        Pick memory p = _pick(buyerSeed, tokenSeed, true);
        price = uint96(_bound(price, 1, 1e24));
        qty = p.std == 1 ? 1 : uint64(_bound(qty, 1, 1000));
        IAIMMarketplace.Offer memory o = IAIMMarketplace.Offer(
            p.seller, p.token, p.id, p.std, address(usdc), price, block.timestamp + _bound(duration, 1, 30 days), offers.length
        );
        bytes memory data =
            abi.encodeCall(market.makeOffer, (o.token, o.tokenId, o.standard, o.currency, price, qty, o.expiry, o.salt));
        if (_as(o.buyer, address(market), data)) offers.push(OfferModel(o, qty));
    }

    function acceptOffer(uint256 sellerSeed, uint256 offerSeed, uint64 qty) external {
        if (offers.length == 0) return;
        OfferModel storage m = offers[offerSeed % offers.length];
        qty = uint64(_bound(qty, 1, 1200));
        bytes memory data = abi.encodeCall(market.acceptOffer, (m.terms, qty));
        if (_as(actors[sellerSeed % actors.length], address(market), data)) {
            ++sales;
            if (qty > m.remaining || block.timestamp >= m.terms.expiry) {
                ++violations;
                m.remaining = 0;
            } else {
                m.remaining -= qty;
            }
        }
    }

    function cancelOffer(uint256 offerSeed) external {
        if (offers.length == 0) return;
        OfferModel storage m = offers[offerSeed % offers.length];
        if (_as(m.terms.buyer, address(market), abi.encodeCall(market.cancelOffer, (m.terms)))) {
            if (m.remaining == 0) ++violations; // cancelled an offer already filled or cancelled
            m.remaining = 0;
        }
    }

    function offerCount() external view returns (uint256) {
        return offers.length;
    }

    function offerTerms(uint256 i) external view returns (IAIMMarketplace.Offer memory) {
        return offers[i].terms;
    }

    function withdraw(uint256 accountSeed, bool erc20) external {
        address account = accountSeed % 2 == 0 ? royaltyReceiver : actors[accountSeed % actors.length];
        address currency = erc20 ? address(usdc) : address(0);
        if (market.creditOf(account, currency) == 0) return;
        if (account == actors[2] && !erc20) {
            // it cannot take ETH: it withdraws to another address
            _as(account, address(market), abi.encodeCall(market.withdrawTo, (currency, address(0xD00D))));
        } else {
            market.withdraw(currency, account);
        }
    }

    function withdrawFees(bool erc20) external {
        address currency = erc20 ? address(usdc) : address(0);
        if (market.accruedFees(currency) != 0) market.withdrawFees(currency);
    }

    function setFee(uint16 bps) external {
        market.setFee(uint16(_bound(bps, 0, 1000)));
    }

    function warp(uint32 secs) external {
        vm.warp(block.timestamp + _bound(secs, 1, 10 days));
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    function _pick(uint256 sellerSeed, uint256 tokenSeed, bool erc20)
        internal
        view
        returns (Pick memory p)
    {
        uint256 s = sellerSeed % actors.length;
        p.seller = actors[s];
        p.currency = erc20 ? address(usdc) : address(0);
        uint256 pick = tokenSeed % 5;
        if (pick < 3) {
            (p.token, p.id, p.std) = (address(t1155), pick + 1, 0);
        } else {
            (p.token, p.id, p.std) = (address(t721), (pick == 3 ? 10 : 20) + s, 1);
        }
        p.key = market.listingId(p.seller, p.token, p.id, p.std, p.currency);
    }

    function _as(address who, address target, bytes memory data) internal returns (bool) {
        return _as(who, target, 0, data);
    }

    /// @dev Calls `target` as `who` (through EthRejecter.execute when `who` is that contract).
    function _as(address who, address target, uint256 value, bytes memory data) internal returns (bool ok) {
        if (who == actors[2]) {
            vm.deal(address(this), address(this).balance + value);
            (ok,) = who.call{value: value}(abi.encodeCall(PlainCaller.execute, (target, value, data)));
        } else {
            vm.prank(who);
            (ok,) = target.call{value: value}(data);
        }
    }
}

/// @dev After any sequence of actions the marketplace holds exactly what it owes in each currency, and
/// nothing sold past its quantity, after its expiry or after a cancel.
contract AIMMarketplaceInvariantTest is Test {
    MarketplaceHandler internal handler;

    function setUp() public {
        handler = new MarketplaceHandler();
        targetContract(address(handler));
    }

    function _owed(address currency) internal view returns (uint256 owed) {
        AIMMarketplace market = handler.market();
        owed = market.accruedFees(currency) + market.creditOf(handler.royaltyReceiver(), currency);
        for (uint256 i; i < handler.actorCount(); ++i) {
            owed += market.creditOf(handler.actors(i), currency);
        }
    }

    function invariant_EthBalanceEqualsOwed() public view {
        assertEq(address(handler.market()).balance, _owed(address(0)));
    }

    function invariant_Erc20BalanceEqualsOwed() public view {
        MockERC20 usdc = handler.usdc();
        assertEq(usdc.balanceOf(address(handler.market())), _owed(address(usdc)));
    }

    function invariant_NoSalePastQuantityExpiryOrCancel() public view {
        assertEq(handler.violations(), 0);
    }

    /// @dev A concrete sequence through the handler: the invariants are not vacuous.
    function test_HandlerSequence_Example() public {
        handler.list(0, 0, false, 1 ether, 5, 1 days); // actor 0 lists 5 of id 1 for ETH
        handler.list(2, 1, true, 10e6, 3, 1 days); // the ETH-rejecting actor lists 3 of id 2 for tUSDC
        handler.buy(0, 1, 1, false, 2, 0); // picks keys[1]: buys 2 of the tUSDC listing
        handler.buy(0, 3, 1, false, 9, 0); // more than the 1 left: fails
        handler.warp(2 days);
        handler.buy(0, 1, 1, false, 1, 0); // expired: fails
        assertEq(handler.sales(), 1);
        invariant_EthBalanceEqualsOwed();
        invariant_Erc20BalanceEqualsOwed();
        invariant_NoSalePastQuantityExpiryOrCancel();
        invariant_RemainingMatchesModel();
    }

    function invariant_OfferRemainingMatchesModel() public view {
        AIMMarketplace market = handler.market();
        for (uint256 i; i < handler.offerCount(); ++i) {
            (, uint256 remaining) = handler.offers(i);
            (bool made, uint256 onChain,) = market.getOffer(market.offerId(handler.offerTerms(i)));
            assertTrue(made);
            assertEq(onChain, remaining);
        }
    }

    /// @dev Offers and bulk buys through the handler, concretely.
    function test_OffersAndBulkBuy_Example() public {
        handler.list(0, 0, false, 1 ether, 5, 1 days); // actor 0 lists 5 of id 1 for ETH
        handler.list(1, 0, false, 2 ether, 5, 1 days); // actor 1 lists 5 of id 1 for ETH
        handler.buyMany(3, 0, 1, 2, 3, false, 1 ether); // 2 + 3 units, 1 ether refunded
        handler.buyMany(3, 0, 1, 4, 1, true, 0); // only 3 left of the first: skipped, the second bought
        handler.makeOffer(3, 0, 10e6, 4, 1 days); // actor 3 offers for 4 of id 1 in tUSDC
        handler.acceptOffer(0, 0, 3);
        handler.acceptOffer(1, 0, 2); // only 1 wanted: fails
        handler.cancelOffer(0);
        handler.acceptOffer(1, 0, 1); // cancelled: fails
        assertEq(handler.sales(), 3);
        invariant_EthBalanceEqualsOwed();
        invariant_Erc20BalanceEqualsOwed();
        invariant_NoSalePastQuantityExpiryOrCancel();
        invariant_RemainingMatchesModel();
        invariant_OfferRemainingMatchesModel();
    }

    function invariant_RemainingMatchesModel() public view {
        AIMMarketplace market = handler.market();
        for (uint256 i; i < handler.keyCount(); ++i) {
            bytes32 key = handler.keys(i);
            (bool live,, uint256 remaining,) = handler.model(key);
            (, uint256 onChain,,) = market.getListing(key);
            assertEq(onChain, live ? remaining : 0);
        }
    }
}
