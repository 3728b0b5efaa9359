// The contract surface the gateway uses, from the agreed interfaces (/work/wt/INTERFACES.md).
// TODO(deploy): import these from the generated sdk/deployments.ts once it lands, and delete this file.
import { parseAbi } from "viem";

const channelParams =
  "(address payer, address payee, address token, address signer, uint256 aimId, address royaltyReceiver, uint16 royaltyBps, bytes32 salt)";

export const paymentChannelsAbi = parseAbi([
  "event ChannelOpened(bytes32 indexed channelId, address indexed payer, address indexed payee, address token, address signer, uint256 aimId, address royaltyReceiver, uint16 royaltyBps, bytes32 salt, uint256 deposit, uint256 expiry)",
  "event ChannelToppedUp(bytes32 indexed channelId, uint256 amount, uint256 deposit)",
  "event ChannelExtended(bytes32 indexed channelId, uint256 expiry)",
  "event ChannelClaimed(bytes32 indexed channelId, uint256 cumulativeAmount, uint256 amount, uint256 royalty)",
  "event ChannelClosed(bytes32 indexed channelId, uint256 claimed, uint256 refunded)",
  "event ChannelReclaimed(bytes32 indexed channelId, uint256 refunded)",
  `function claim(${channelParams} params, uint256 cumulativeAmount, bytes signature)`,
  `function claimMany(${channelParams}[] params, uint256[] cumulativeAmounts, bytes[] signatures)`,
  `function close(${channelParams} params, uint256 cumulativeAmount, bytes signature)`,
  "function channel(bytes32 channelId) view returns (uint256 deposit, uint256 claimed, uint256 expiry, bool closed)",
]);

export const hyperBoxRegistryAbi = parseAbi([
  "event NodeRegistered(uint256 indexed nodeId, address indexed operator, string endpoint, string capabilities, string region)",
  "event NodeUpdated(uint256 indexed nodeId, string endpoint, string capabilities, string region)",
  "event OfferSet(uint256 indexed nodeId, uint256 indexed aimId, uint256 version, address currency, uint256 pricePerCall)",
  "function registerNode(string endpoint, string capabilities, string region) returns (uint256 nodeId)",
  "function updateNode(uint256 nodeId, string endpoint, string capabilities, string region)",
  "function setOffer(uint256 nodeId, uint256 aimId, uint256 version, address currency, uint256 pricePerCall)",
]);
