// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IAIMRegistry} from "./interfaces/IAIMRegistry.sol";
import {IRoyaltySplitterFactory} from "./interfaces/IRoyaltySplitterFactory.sol";

/// @title AIMRegistry
/// @notice The registry of AIMs (AI modules that run on HyperBox nodes). Each AIM is an ERC-1155 token id whose
/// balances are licenses. Anyone may publish an AIM from its manifest (URI + keccak256 of the manifest bytes);
/// the publisher becomes its creator, who alone may publish new versions, mint licenses (up to an optional max
/// supply), change the royalties and hand the AIM over (two steps). Royalties are ERC-2981 per id (sale royalty)
/// plus a per-call royalty read by PaymentChannels at every claim ({callTerms}); increases of the per-call royalty
/// take effect {CALL_FEE_NOTICE} after they are announced.
/// @dev Transfers are plain OpenZeppelin ERC-1155 with no hook. ERC-2981 is implemented here rather than through
/// OpenZeppelin's ERC2981 so that the royalty receiver, the sale royalty and the per-call royalty share ONE slot
/// per AIM: `royaltyInfo` (every marketplace sale) and `callRoyalty` (every channel open) are each one SLOAD, and
/// a marketplace's `royaltyInfo` + `safeTransferFrom` cost no more than a bare ERC-1155.
contract AIMRegistry is IAIMRegistry, ERC1155 {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice What {publish} needs.
    /// @param manifestURI Where the manifest can be fetched (ipfs://, https://, data:...). Not empty.
    /// @param manifestHash keccak256 of the manifest bytes. Not zero.
    /// @param royaltyReceiver Receives sale and per-call royalties. Must be zero when `splitPayees` is given
    /// (the new splitter becomes the receiver), non-zero otherwise.
    /// @param royaltyBps ERC-2981 sale royalty in basis points, at most {MAX_ROYALTY_BPS}.
    /// @param callFeeBps Per-call royalty in basis points, at most {MAX_CALL_FEE_BPS}.
    /// @param maxSupply Cap on licenses ever minted; 0 means unlimited.
    /// @param initialHolder Receives `initialAmount` licenses (ignored when `initialAmount` is 0).
    /// @param initialAmount Licenses minted in the same transaction.
    /// @param splitPayees When not empty, a RoyaltySplitter is created for these payees...
    /// @param splitShares ...with these shares, and becomes the royalty receiver.
    struct PublishParams {
        string manifestURI;
        bytes32 manifestHash;
        address royaltyReceiver;
        uint96 royaltyBps;
        uint16 callFeeBps;
        uint256 maxSupply;
        address initialHolder;
        uint256 initialAmount;
        address[] splitPayees;
        uint256[] splitShares;
    }

    /// @notice Everything known about one AIM, returned by {aim}.
    struct AIMInfo {
        address creator;
        address pendingCreator;
        address royaltyReceiver;
        uint96 royaltyBps;
        uint16 callFeeBps;
        uint16 pendingCallFeeBps;
        uint256 pendingCallFeeAt;
        uint64 versionCount;
        uint256 maxSupply;
        uint256 totalMinted;
        string manifestURI;
        bytes32 manifestHash;
    }

    /// @dev One slot: who controls the AIM and its number of versions.
    struct Record {
        address creator;
        uint64 versionCount;
    }

    /// @dev One slot: the royalty receiver (never zero for a published AIM), the ERC-2981 sale royalty and the
    /// per-call royalty, both in basis points (capped at {MAX_ROYALTY_BPS} and {MAX_CALL_FEE_BPS}, so uint16 fits),
    /// and an announced increase of the per-call royalty: `pendingCallFeeBps` applies from `pendingAt` on (0: none).
    struct Royalty {
        address receiver;
        uint16 royaltyBps;
        uint16 callFeeBps;
        uint16 pendingCallFeeBps;
        uint40 pendingAt;
    }

    /// @dev One slot: the supply cap (0 = unlimited) and the licenses minted so far (never decreases: no burn).
    struct Supply {
        uint128 maxSupply;
        uint128 totalMinted;
    }

    struct Version {
        string uri;
        bytes32 hash;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev The splitter factory given to the constructor is the zero address.
    error AIMRegistryInvalidSplitterFactory(address factory);
    /// @dev A manifest URI is empty.
    error AIMRegistryEmptyURI();
    /// @dev A manifest hash is zero.
    error AIMRegistryZeroManifestHash();
    /// @dev No AIM has id `aimId`.
    error AIMRegistryUnknownAIM(uint256 aimId);
    /// @dev AIM `aimId` has no version `version` (versions run from 1 to `versionCount`).
    error AIMRegistryUnknownVersion(uint256 aimId, uint256 version, uint256 versionCount);
    /// @dev `account` is not `creator`, the creator of `aimId`.
    error AIMRegistryNotCreator(uint256 aimId, address account, address creator);
    /// @dev `account` is not `pendingCreator`, the account `aimId` is being transferred to.
    error AIMRegistryNotPendingCreator(uint256 aimId, address account, address pendingCreator);
    /// @dev The royalty receiver is the zero address.
    error AIMRegistryInvalidRoyaltyReceiver(address receiver);
    /// @dev A royalty receiver was given together with splitter payees; give one or the other.
    error AIMRegistryAmbiguousRoyaltyReceiver(address receiver, uint256 splitPayees);
    /// @dev The sale royalty `royaltyBps` is above `maxBps`.
    error AIMRegistryRoyaltyTooHigh(uint96 royaltyBps, uint96 maxBps);
    /// @dev The per-call royalty `callFeeBps` is above `maxBps`.
    error AIMRegistryCallFeeTooHigh(uint16 callFeeBps, uint16 maxBps);
    /// @dev The max supply `maxSupply` is above `limit`.
    error AIMRegistryInvalidMaxSupply(uint256 maxSupply, uint256 limit);
    /// @dev Minting would bring `aimId` to `requestedSupply` licenses, above `maxSupply`.
    error AIMRegistryMaxSupplyExceeded(uint256 aimId, uint256 maxSupply, uint256 requestedSupply);
    /// @dev A mint of zero licenses.
    error AIMRegistryZeroAmount(uint256 aimId);
    /// @dev `payees` splitter payees were given with `shares` shares.
    error AIMRegistrySplitterMismatch(uint256 payees, uint256 shares);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @dev AIM `aimId` was published by `creator`. Followed by {AIMVersionPublished} for version 1.
    event AIMPublished(
        uint256 indexed aimId,
        address indexed creator,
        string manifestURI,
        bytes32 manifestHash,
        address royaltyReceiver,
        uint96 royaltyBps,
        uint16 callFeeBps,
        uint256 maxSupply
    );
    /// @dev Version `version` of `aimId` was published; `uri(aimId)` now returns `manifestURI`.
    event AIMVersionPublished(uint256 indexed aimId, uint256 indexed version, string manifestURI, bytes32 manifestHash);
    /// @dev The royalties of `aimId` were changed by its creator (not emitted by {publish}). `callFeeBps` is the
    /// per-call royalty in force from now on; `pendingCallFeeBps` applies from `pendingCallFeeAt` on (0, 0: no
    /// increase pending, so a cancelled one is visible here). A new increase is also announced by
    /// {CallFeeIncreaseScheduled}.
    event RoyaltyUpdated(
        uint256 indexed aimId,
        address receiver,
        uint96 royaltyBps,
        uint16 callFeeBps,
        uint16 pendingCallFeeBps,
        uint256 pendingCallFeeAt
    );
    /// @dev The per-call royalty of `aimId` rises to `callFeeBps` at `effectiveAt` ({CALL_FEE_NOTICE} after the
    /// change), unless the creator changes it again before; until then the previous rate applies. No event marks
    /// the moment it takes effect: `effectiveAt` is that moment.
    event CallFeeIncreaseScheduled(uint256 indexed aimId, uint16 callFeeBps, uint256 effectiveAt);
    /// @dev `creator` offered `aimId` to `pendingCreator` (zero: offer withdrawn).
    event CreatorTransferStarted(uint256 indexed aimId, address indexed creator, address indexed pendingCreator);
    /// @dev `newCreator` accepted `aimId` from `previousCreator`.
    event CreatorTransferred(uint256 indexed aimId, address indexed previousCreator, address indexed newCreator);

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @notice Highest sale royalty: 10%.
    uint96 public constant MAX_ROYALTY_BPS = 1000;
    /// @notice Highest per-call royalty: 25%.
    uint16 public constant MAX_CALL_FEE_BPS = 2500;
    /// @notice How long an increase of the per-call royalty waits before it applies (decreases apply at once).
    uint256 public constant CALL_FEE_NOTICE = 7 days;

    uint256 private constant _BPS = 10_000;

    /// @notice The factory that creates RoyaltySplitters for {publish}.
    IRoyaltySplitterFactory public immutable splitterFactory;

    uint256 private _lastAimId;
    mapping(uint256 aimId => Record) private _records;
    mapping(uint256 aimId => Royalty) private _royalties;
    mapping(uint256 aimId => Supply) private _supplies;
    mapping(uint256 aimId => address) private _pendingCreators;
    mapping(uint256 aimId => mapping(uint256 version => Version)) private _versions;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param factory The RoyaltySplitterFactory used by {publish} (see `PublishParams.splitPayees`).
    constructor(address factory) ERC1155("") {
        if (factory == address(0)) revert AIMRegistryInvalidSplitterFactory(factory);
        splitterFactory = IRoyaltySplitterFactory(factory);
    }

    /*//////////////////////////////////////////////////////////////
                                EXTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @notice Publishes a new AIM with the caller as creator; its id is the previous id + 1 (the first is 1).
    /// @dev Validates everything before any change, creates the splitter if asked, records the AIM and version 1,
    /// then mints the initial licenses last (the receiver's ERC-1155 hook runs after all state is written).
    /// Emits {AIMPublished}, {AIMVersionPublished}, {URI}, {IRoyaltySplitterFactory-SplitterCreated} when a splitter
    /// is created and {TransferSingle} when licenses are minted.
    function publish(PublishParams calldata p) external returns (uint256 aimId) {
        _checkManifest(p.manifestURI, p.manifestHash);
        uint256 splitCount = p.splitPayees.length;
        address receiver = p.royaltyReceiver;
        if (splitCount != 0) {
            if (receiver != address(0)) revert AIMRegistryAmbiguousRoyaltyReceiver(receiver, splitCount);
            if (splitCount != p.splitShares.length) revert AIMRegistrySplitterMismatch(splitCount, p.splitShares.length);
        } else if (p.splitShares.length != 0) {
            revert AIMRegistrySplitterMismatch(0, p.splitShares.length);
        }
        if (splitCount == 0 && receiver == address(0)) revert AIMRegistryInvalidRoyaltyReceiver(receiver);
        _checkRoyaltyBps(p.royaltyBps, p.callFeeBps);
        if (p.maxSupply > type(uint128).max) revert AIMRegistryInvalidMaxSupply(p.maxSupply, type(uint128).max);
        if (p.maxSupply != 0 && p.initialAmount > p.maxSupply) {
            revert AIMRegistryMaxSupplyExceeded(_lastAimId + 1, p.maxSupply, p.initialAmount);
        }

        // The factory is a trusted immutable contract: calling it before the effects is safe.
        if (splitCount != 0) receiver = splitterFactory.createSplitter(p.splitPayees, p.splitShares);

        // Cannot overflow: one id per transaction-bounded call, far below 2^256.
        unchecked {
            aimId = ++_lastAimId;
        }
        _records[aimId] = Record({creator: msg.sender, versionCount: 1});
        if (p.maxSupply != 0 || p.initialAmount != 0) {
            // Both fit: maxSupply was checked above, initialAmount <= maxSupply or is checked by _mint's balance math.
            _supplies[aimId] = Supply({maxSupply: uint128(p.maxSupply), totalMinted: _toUint128(aimId, p.initialAmount)});
        }
        _versions[aimId][1] = Version({uri: p.manifestURI, hash: p.manifestHash});
        _setRoyalty(aimId, receiver, p.royaltyBps, p.callFeeBps);

        emit AIMPublished(
            aimId, msg.sender, p.manifestURI, p.manifestHash, receiver, p.royaltyBps, p.callFeeBps, p.maxSupply
        );
        emit AIMVersionPublished(aimId, 1, p.manifestURI, p.manifestHash);
        emit URI(p.manifestURI, aimId);

        if (p.initialAmount != 0) _mint(p.initialHolder, aimId, p.initialAmount, "");
    }

    /// @notice Publishes the next version of `aimId`; `uri(aimId)` returns `manifestURI` from now on. Creator only.
    /// @dev Emits {AIMVersionPublished} and {URI}.
    function publishVersion(uint256 aimId, string calldata manifestURI, bytes32 manifestHash)
        external
        returns (uint256 newVersion)
    {
        _checkCreator(aimId);
        _checkManifest(manifestURI, manifestHash);
        // Cannot overflow: a uint64 of versions would take more transactions than any chain will ever hold.
        unchecked {
            newVersion = ++_records[aimId].versionCount;
        }
        _versions[aimId][newVersion] = Version({uri: manifestURI, hash: manifestHash});
        emit AIMVersionPublished(aimId, newVersion, manifestURI, manifestHash);
        emit URI(manifestURI, aimId);
    }

    /// @notice Mints `amount` licenses of `aimId` to `to`, within the max supply. Creator only.
    /// @dev Emits {TransferSingle}. Calls `onERC1155Received` when `to` is a contract (after all state is written).
    function mint(uint256 aimId, address to, uint256 amount) external {
        _checkCreator(aimId);
        if (amount == 0) revert AIMRegistryZeroAmount(aimId);
        Supply memory s = _supplies[aimId];
        uint256 newTotal = uint256(s.totalMinted) + amount;
        if (s.maxSupply != 0 && newTotal > s.maxSupply) revert AIMRegistryMaxSupplyExceeded(aimId, s.maxSupply, newTotal);
        _supplies[aimId].totalMinted = _toUint128(aimId, newTotal);
        _mint(to, aimId, amount, "");
    }

    /// @notice Sets the royalty receiver, the sale royalty and the per-call royalty of `aimId`. Creator only.
    /// @dev The receiver, the sale royalty and a lower (or equal) per-call royalty apply at once, to every payment
    /// channel (PaymentChannels reads them at each claim). A higher per-call royalty applies only
    /// {CALL_FEE_NOTICE} later, so that operators can re-price: it is announced by {CallFeeIncreaseScheduled}
    /// (setting the same pending rate again keeps its date; another rate restarts the notice; a rate at or below
    /// the current one cancels it). Emits {RoyaltyUpdated} with the pending increase that remains.
    function setRoyalty(uint256 aimId, address receiver, uint96 royaltyBps, uint16 callFeeBps) external {
        _checkCreator(aimId);
        if (receiver == address(0)) revert AIMRegistryInvalidRoyaltyReceiver(receiver);
        _checkRoyaltyBps(royaltyBps, callFeeBps);
        Royalty memory r = _royalties[aimId];
        uint16 current = _callFeeOf(r);
        Royalty memory next = Royalty(receiver, uint16(royaltyBps), current, 0, 0);
        if (callFeeBps > current) {
            bool same = r.pendingAt != 0 && block.timestamp < r.pendingAt && r.pendingCallFeeBps == callFeeBps;
            next.pendingCallFeeBps = callFeeBps;
            next.pendingAt = same ? r.pendingAt : uint40(block.timestamp + CALL_FEE_NOTICE);
            if (!same) emit CallFeeIncreaseScheduled(aimId, callFeeBps, next.pendingAt);
        } else {
            next.callFeeBps = callFeeBps;
        }
        _royalties[aimId] = next;
        emit RoyaltyUpdated(aimId, receiver, royaltyBps, next.callFeeBps, next.pendingCallFeeBps, next.pendingAt);
    }

    /// @notice Offers `aimId` to `newCreator`, who must call {acceptCreator}; zero withdraws the offer. Creator only.
    /// @dev Emits {CreatorTransferStarted}.
    function transferCreator(uint256 aimId, address newCreator) external {
        _checkCreator(aimId);
        _pendingCreators[aimId] = newCreator;
        emit CreatorTransferStarted(aimId, msg.sender, newCreator);
    }

    /// @notice Accepts the creator role of `aimId` offered by {transferCreator}. Pending creator only.
    /// @dev Emits {CreatorTransferred}.
    function acceptCreator(uint256 aimId) external {
        address pending = _pendingCreators[aimId];
        // msg.sender is never zero, so a withdrawn offer (pending == 0) fails this check too.
        if (pending != msg.sender) revert AIMRegistryNotPendingCreator(aimId, msg.sender, pending);
        address previous = _records[aimId].creator;
        delete _pendingCreators[aimId];
        _records[aimId].creator = msg.sender;
        emit CreatorTransferred(aimId, previous, msg.sender);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The latest version's manifest URI of `aimId`. Reverts for an unknown AIM.
    function uri(uint256 aimId) public view override returns (string memory) {
        uint64 count = _existing(aimId).versionCount;
        return _versions[aimId][count].uri;
    }

    /// @inheritdoc IAIMRegistry
    function creatorOf(uint256 aimId) external view returns (address) {
        return _records[aimId].creator;
    }

    /// @inheritdoc IAIMRegistry
    /// @dev Reverts with {AIMRegistryUnknownAIM} for an unknown AIM. One SLOAD: a published AIM always has a
    /// non-zero receiver, so the royalty slot is also the existence test. An announced increase counts from its date.
    function callRoyalty(uint256 aimId) external view returns (address receiver, uint16 feeBps) {
        Royalty memory r = _royalties[aimId];
        receiver = r.receiver;
        if (receiver == address(0)) revert AIMRegistryUnknownAIM(aimId);
        feeBps = _callFeeOf(r);
    }

    /// @inheritdoc IAIMRegistry
    /// @dev Two SLOADs (the royalty slot and the operator's balance): what every PaymentChannels claim pays.
    function callTerms(uint256 aimId, address operator)
        external
        view
        returns (address receiver, uint16 feeBps, bool licensed)
    {
        Royalty memory r = _royalties[aimId];
        receiver = r.receiver;
        if (receiver == address(0)) revert AIMRegistryUnknownAIM(aimId);
        feeBps = _callFeeOf(r);
        licensed = balanceOf(operator, aimId) != 0;
    }

    /// @notice The announced per-call royalty increase of `aimId` not yet in force: (0, 0) when there is none.
    function pendingCallFee(uint256 aimId) external view returns (uint16 feeBps, uint256 effectiveAt) {
        Royalty memory r = _royalties[aimId];
        if (r.pendingAt > block.timestamp) return (r.pendingCallFeeBps, r.pendingAt);
    }

    /// @inheritdoc IERC2981
    /// @dev One SLOAD. An unknown AIM has no royalty: (address(0), 0), as OpenZeppelin's ERC2981 without a default.
    function royaltyInfo(uint256 aimId, uint256 salePrice)
        external
        view
        returns (address receiver, uint256 royaltyAmount)
    {
        Royalty storage r = _royalties[aimId];
        receiver = r.receiver;
        royaltyAmount = (salePrice * r.royaltyBps) / _BPS;
    }

    /// @notice The account `aimId` is being transferred to (zero when none).
    function pendingCreatorOf(uint256 aimId) external view returns (address) {
        return _pendingCreators[aimId];
    }

    /// @notice The id of the most recently published AIM (0 before the first).
    function lastAimId() external view returns (uint256) {
        return _lastAimId;
    }

    /// @notice Everything known about `aimId`, with its latest version. Reverts for an unknown AIM.
    function aim(uint256 aimId) external view returns (AIMInfo memory info) {
        Record memory r = _existing(aimId);
        Supply memory s = _supplies[aimId];
        Version storage v = _versions[aimId][r.versionCount];
        Royalty memory royalty = _royalties[aimId];
        info = AIMInfo({
            creator: r.creator,
            pendingCreator: _pendingCreators[aimId],
            royaltyReceiver: royalty.receiver,
            royaltyBps: royalty.royaltyBps,
            callFeeBps: _callFeeOf(royalty),
            pendingCallFeeBps: royalty.pendingAt > block.timestamp ? royalty.pendingCallFeeBps : 0,
            pendingCallFeeAt: royalty.pendingAt > block.timestamp ? royalty.pendingAt : 0,
            versionCount: r.versionCount,
            maxSupply: s.maxSupply,
            totalMinted: s.totalMinted,
            manifestURI: v.uri,
            manifestHash: v.hash
        });
    }

    /// @notice The manifest URI and hash of version `version` (1-based) of `aimId`.
    function version(uint256 aimId, uint256 version_) external view returns (string memory manifestURI, bytes32 hash) {
        uint64 count = _existing(aimId).versionCount;
        if (version_ == 0 || version_ > count) revert AIMRegistryUnknownVersion(aimId, version_, count);
        Version storage v = _versions[aimId][version_];
        return (v.uri, v.hash);
    }

    /// @inheritdoc ERC1155
    function supportsInterface(bytes4 interfaceId) public view override(ERC1155, IERC165) returns (bool) {
        return interfaceId == type(IAIMRegistry).interfaceId || interfaceId == type(IERC2981).interfaceId
            || ERC1155.supportsInterface(interfaceId);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _existing(uint256 aimId) private view returns (Record memory r) {
        r = _records[aimId];
        if (r.creator == address(0)) revert AIMRegistryUnknownAIM(aimId);
    }

    function _checkCreator(uint256 aimId) private view {
        address creator = _records[aimId].creator;
        if (creator == address(0)) revert AIMRegistryUnknownAIM(aimId);
        if (creator != msg.sender) revert AIMRegistryNotCreator(aimId, msg.sender, creator);
    }

    function _checkManifest(string calldata manifestURI, bytes32 manifestHash) private pure {
        if (bytes(manifestURI).length == 0) revert AIMRegistryEmptyURI();
        if (manifestHash == bytes32(0)) revert AIMRegistryZeroManifestHash();
    }

    function _checkRoyaltyBps(uint96 royaltyBps, uint16 callFeeBps) private pure {
        if (royaltyBps > MAX_ROYALTY_BPS) revert AIMRegistryRoyaltyTooHigh(royaltyBps, MAX_ROYALTY_BPS);
        if (callFeeBps > MAX_CALL_FEE_BPS) revert AIMRegistryCallFeeTooHigh(callFeeBps, MAX_CALL_FEE_BPS);
    }

    /// @dev Writes the royalty slot; the caller has checked the receiver (non-zero) and both caps, so the bps fit.
    function _setRoyalty(uint256 aimId, address receiver, uint96 royaltyBps, uint16 callFeeBps) private {
        _royalties[aimId] = Royalty(receiver, uint16(royaltyBps), callFeeBps, 0, 0);
    }

    /// @dev The per-call royalty in force now: the announced increase once its date has come.
    function _callFeeOf(Royalty memory r) private view returns (uint16) {
        return r.pendingAt != 0 && block.timestamp >= r.pendingAt ? r.pendingCallFeeBps : r.callFeeBps;
    }

    function _toUint128(uint256 aimId, uint256 value) private pure returns (uint128) {
        if (value > type(uint128).max) revert AIMRegistryMaxSupplyExceeded(aimId, type(uint128).max, value);
        return uint128(value);
    }
}
