// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAIMRegistry} from "./interfaces/IAIMRegistry.sol";

/// @title HyperBoxRegistry: where AIMs run. Operators register HyperBox nodes and offer AIMs on them.
/// @notice A node is an endpoint URL, a capabilities JSON (GPUs, memory...) and a region, owned by the operator
/// that registered it. An offer says a node serves AIM `aimId` at `version` for `pricePerCall` in `currency`
/// (address(0) = ETH), paid through PaymentChannels. A license (one unit of the AIM's AIMRegistry ERC-1155 balance)
/// is the right to run the module on ONE node: an operator serves an AIM on at most as many nodes as it holds
/// licenses of it, checked when an offer is set. An offer whose operator has since lost licenses (holds fewer
/// than the nodes it serves the AIM on) is inactive: see {offerActive}; indexers derive the same from the offer
/// events and the registry's TransferSingle/TransferBatch events.
/// @dev Events carry every field, so an indexer never reads storage; storage keeps the same data for views.
contract HyperBoxRegistry {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    struct Node {
        address operator;
        bool retired;
        string endpoint;
        string capabilities;
        string region;
    }

    struct Offer {
        uint256 version;
        address currency;
        uint256 pricePerCall;
        bool active;
    }

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @dev No node was ever registered with this id.
    error HyperBoxRegistryNodeNotFound(uint256 nodeId);
    /// @dev The node was retired; it can no longer be updated or carry offers.
    error HyperBoxRegistryNodeIsRetired(uint256 nodeId);
    /// @dev Only the node's operator may change it or its offers.
    error HyperBoxRegistryNotOperator(address caller, address operator);
    /// @dev The operator holds no license (AIMRegistry balance) of the AIM.
    error HyperBoxRegistryNotLicensed(address operator, uint256 aimId);
    /// @dev The node has no active offer for this AIM.
    error HyperBoxRegistryOfferNotFound(uint256 nodeId, uint256 aimId);
    /// @dev A node needs an endpoint URL.
    error HyperBoxRegistryEmptyEndpoint();
    /// @dev A string field is longer than allowed (`field`: 0 endpoint, 1 capabilities, 2 region).
    error HyperBoxRegistryFieldTooLong(uint8 field, uint256 length, uint256 maxLength);
    /// @dev AIM versions start at 1.
    error HyperBoxRegistryInvalidVersion(uint256 version);
    /// @dev `operator` already serves `aimId` on `serving` nodes and holds `licenses` licenses: one per node.
    error HyperBoxRegistryLicensesInUse(address operator, uint256 aimId, uint256 serving, uint256 licenses);

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    event NodeRegistered(
        uint256 indexed nodeId, address indexed operator, string endpoint, string capabilities, string region
    );
    event NodeUpdated(uint256 indexed nodeId, string endpoint, string capabilities, string region);
    event NodeRetired(uint256 indexed nodeId);
    event OfferSet(
        uint256 indexed nodeId, uint256 indexed aimId, uint256 version, address currency, uint256 pricePerCall
    );
    event OfferRetired(uint256 indexed nodeId, uint256 indexed aimId);

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    uint256 public constant MAX_ENDPOINT_LENGTH = 512;
    uint256 public constant MAX_CAPABILITIES_LENGTH = 4096;
    uint256 public constant MAX_REGION_LENGTH = 64;

    IAIMRegistry private immutable _AIM_REGISTRY;
    uint256 private _nodeCount;
    mapping(uint256 nodeId => Node) private _nodes;
    mapping(uint256 nodeId => mapping(uint256 aimId => Offer)) private _offers;
    /// @dev How many non-retired nodes of `operator` carry an active offer of `aimId`.
    mapping(address operator => mapping(uint256 aimId => uint256)) private _serving;
    /// @dev Every AIM ever offered on a node (each once), so that retiring the node retires its offers.
    mapping(uint256 nodeId => uint256[]) private _nodeAims;

    /// @param aimRegistry_ The AIMRegistry whose ERC-1155 balances are the licenses.
    constructor(address aimRegistry_) {
        _AIM_REGISTRY = IAIMRegistry(aimRegistry_);
    }

    /*//////////////////////////////////////////////////////////////
                                 NODES
    //////////////////////////////////////////////////////////////*/

    /// @notice Registers a node operated by msg.sender. Ids are sequential from 1.
    /// @param endpoint URL of the node's gateway (non-empty, at most 512 bytes).
    /// @param capabilities JSON describing the hardware, e.g. {"gpus":[...],"memoryGb":64} (at most 4096 bytes).
    /// @param region Free-form region, e.g. "eu-west" (at most 64 bytes).
    /// @dev Emits a {NodeRegistered} event.
    function registerNode(string calldata endpoint, string calldata capabilities, string calldata region)
        external
        returns (uint256 nodeId)
    {
        _checkFields(endpoint, capabilities, region);
        nodeId = ++_nodeCount;
        _nodes[nodeId] = Node(msg.sender, false, endpoint, capabilities, region);
        emit NodeRegistered(nodeId, msg.sender, endpoint, capabilities, region);
    }

    /// @notice Replaces a node's endpoint, capabilities and region (operator only, node not retired).
    /// @dev Emits a {NodeUpdated} event.
    function updateNode(uint256 nodeId, string calldata endpoint, string calldata capabilities, string calldata region)
        external
    {
        Node storage n = _activeNodeOf(nodeId);
        _checkFields(endpoint, capabilities, region);
        n.endpoint = endpoint;
        n.capabilities = capabilities;
        n.region = region;
        emit NodeUpdated(nodeId, endpoint, capabilities, region);
    }

    /// @notice Retires a node for good (operator only). Its offers are retired with it (their licenses are freed for
    /// other nodes): indexers drop them on {NodeRetired}, and `offer` reports them inactive.
    /// @dev Emits a {NodeRetired} event only. Loops over the AIMs ever offered on the node (the operator's own).
    function retireNode(uint256 nodeId) external {
        Node storage n = _activeNodeOf(nodeId);
        n.retired = true;
        uint256[] storage aims = _nodeAims[nodeId];
        for (uint256 i; i < aims.length; ++i) {
            Offer storage o = _offers[nodeId][aims[i]];
            if (o.active) {
                o.active = false;
                --_serving[msg.sender][aims[i]];
            }
        }
        emit NodeRetired(nodeId);
    }

    /*//////////////////////////////////////////////////////////////
                                 OFFERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Offers (or re-prices) AIM `aimId` at `version` on a node (operator only, node not retired). The
    /// operator must hold one license of the AIM per node it serves the AIM on, this one included.
    /// `currency` is address(0) for ETH or an ERC-20.
    /// @dev Emits an {OfferSet} event.
    function setOffer(uint256 nodeId, uint256 aimId, uint256 version, address currency, uint256 pricePerCall)
        external
    {
        _activeNodeOf(nodeId);
        if (version == 0) revert HyperBoxRegistryInvalidVersion(version);
        uint256 licenses = _AIM_REGISTRY.balanceOf(msg.sender, aimId);
        if (licenses == 0) revert HyperBoxRegistryNotLicensed(msg.sender, aimId);
        Offer storage o = _offers[nodeId][aimId];
        uint256 serving = _serving[msg.sender][aimId];
        if (!o.active) {
            if (serving >= licenses) revert HyperBoxRegistryLicensesInUse(msg.sender, aimId, serving, licenses);
            _serving[msg.sender][aimId] = serving + 1;
            if (o.version == 0) _nodeAims[nodeId].push(aimId);
        } else if (serving > licenses) {
            revert HyperBoxRegistryLicensesInUse(msg.sender, aimId, serving, licenses);
        }
        _offers[nodeId][aimId] = Offer(version, currency, pricePerCall, true);
        emit OfferSet(nodeId, aimId, version, currency, pricePerCall);
    }

    /// @notice Withdraws a node's offer of an AIM (operator only, node not retired).
    /// @dev Emits an {OfferRetired} event.
    function retireOffer(uint256 nodeId, uint256 aimId) external {
        _activeNodeOf(nodeId);
        Offer storage o = _offers[nodeId][aimId];
        if (!o.active) revert HyperBoxRegistryOfferNotFound(nodeId, aimId);
        o.active = false;
        --_serving[msg.sender][aimId];
        emit OfferRetired(nodeId, aimId);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice A node's operator, state and description (reverts for unknown ids).
    function node(uint256 nodeId) external view returns (Node memory) {
        Node storage n = _nodes[nodeId];
        if (n.operator == address(0)) revert HyperBoxRegistryNodeNotFound(nodeId);
        return n;
    }

    /// @notice A node's offer of an AIM. `active` is false once the offer or the node was retired.
    /// `licensed` says whether the operator still holds a license right now.
    function offer(uint256 nodeId, uint256 aimId) external view returns (Offer memory o, bool licensed) {
        Node storage n = _nodes[nodeId];
        o = _offers[nodeId][aimId];
        if (n.retired) o.active = false;
        licensed = n.operator != address(0) && _AIM_REGISTRY.balanceOf(n.operator, aimId) != 0;
    }

    /// @notice Whether a node serves `aimId` now: the offer is set and not retired, the node is not retired, and its
    /// operator holds at least one license per node it serves the AIM on. Becomes false as soon as the operator's
    /// balance drops below that (a license sold or sent away) and true again when it returns.
    function offerActive(uint256 nodeId, uint256 aimId) external view returns (bool) {
        Node storage n = _nodes[nodeId];
        if (n.retired || !_offers[nodeId][aimId].active) return false;
        address operator = n.operator;
        return _serving[operator][aimId] <= _AIM_REGISTRY.balanceOf(operator, aimId);
    }

    /// @notice On how many non-retired nodes `operator` has an active offer of `aimId` (each needs one license).
    function servingCount(address operator, uint256 aimId) external view returns (uint256) {
        return _serving[operator][aimId];
    }

    /// @notice How many nodes were ever registered (the latest node id).
    function nodeCount() external view returns (uint256) {
        return _nodeCount;
    }

    /// @notice The AIMRegistry whose licenses are checked.
    function aimRegistry() external view returns (address) {
        return address(_AIM_REGISTRY);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The node, checked to exist, to be operated by msg.sender and not to be retired.
    function _activeNodeOf(uint256 nodeId) private view returns (Node storage n) {
        n = _nodes[nodeId];
        if (n.operator == address(0)) revert HyperBoxRegistryNodeNotFound(nodeId);
        if (n.operator != msg.sender) revert HyperBoxRegistryNotOperator(msg.sender, n.operator);
        if (n.retired) revert HyperBoxRegistryNodeIsRetired(nodeId);
    }

    function _checkFields(string calldata endpoint, string calldata capabilities, string calldata region)
        private
        pure
    {
        if (bytes(endpoint).length == 0) revert HyperBoxRegistryEmptyEndpoint();
        if (bytes(endpoint).length > MAX_ENDPOINT_LENGTH) {
            revert HyperBoxRegistryFieldTooLong(0, bytes(endpoint).length, MAX_ENDPOINT_LENGTH);
        }
        if (bytes(capabilities).length > MAX_CAPABILITIES_LENGTH) {
            revert HyperBoxRegistryFieldTooLong(1, bytes(capabilities).length, MAX_CAPABILITIES_LENGTH);
        }
        if (bytes(region).length > MAX_REGION_LENGTH) revert HyperBoxRegistryFieldTooLong(2, bytes(region).length, MAX_REGION_LENGTH);
    }
}
