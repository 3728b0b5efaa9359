// Payment-channel identity and state, matching contracts/PaymentChannels.sol.
// A channel is identified by keccak256(abi.encode(ChannelParams)); only its mutable state (deposit, claimed,
// expiry, closed) is stored on chain, so callers keep the params (from the ChannelOpened event) and pass them.
import {
  type Address,
  encodeAbiParameters,
  getAddress,
  type Hex,
  isAddress,
  isHex,
  keccak256,
  type PublicClient,
  zeroAddress,
} from "viem";

/** Everything that never changes about a channel (the contract's `ChannelParams` struct, field for field). */
export interface ChannelParams {
  payer: Address;
  payee: Address;
  /** ERC-20 address, or the zero address for ETH. */
  token: Address;
  /** Session key that signs vouchers; the zero address means the payer signs. */
  signer: Address;
  aimId: bigint;
  /** Read from AIMRegistry.callRoyalty(aimId) when the channel was opened. */
  royaltyReceiver: Address;
  /** Per-call royalty in basis points (0..10000), fixed at open. */
  royaltyBps: number;
  /** 32-byte salt chosen by the payer at open. */
  salt: Hex;
}

/** The mutable on-chain state of a channel. A channel that was never opened reads as all zero. */
export interface ChannelState {
  deposit: bigint;
  claimed: bigint;
  /** Unix seconds; vouchers are claimable while block.timestamp < expiry. */
  expiry: bigint;
  closed: boolean;
}

/** The ABI components of `ChannelParams`, in the contract's order. */
export const channelParamsComponents = [
  { name: "payer", type: "address" },
  { name: "payee", type: "address" },
  { name: "token", type: "address" },
  { name: "signer", type: "address" },
  { name: "aimId", type: "uint256" },
  { name: "royaltyReceiver", type: "address" },
  { name: "royaltyBps", type: "uint16" },
  { name: "salt", type: "bytes32" },
] as const;

// Minimal hand-written ABI fragment for the one view this module reads. The deploy work replaces it with the
// ABI from the generated sdk/deployments.ts; it is deliberately not exported.
const channelViewAbi = [
  {
    type: "function",
    name: "channel",
    stateMutability: "view",
    inputs: [{ name: "channelId", type: "bytes32" }],
    outputs: [
      { name: "deposit", type: "uint256" },
      { name: "claimed", type: "uint256" },
      { name: "expiry", type: "uint256" },
      { name: "closed", type: "bool" },
    ],
  },
] as const;

/** Thrown when channel params are malformed; `field` names the offending field. */
export class ChannelParamsError extends Error {
  override name = "ChannelParamsError";
  constructor(
    readonly field: keyof ChannelParams,
    readonly reason: string,
  ) {
    super(`invalid channel params: ${field} ${reason}`);
  }
}

/** Checks every field's type and range; throws ChannelParamsError naming the first bad field. */
export function assertChannelParams(params: ChannelParams): void {
  for (const field of ["payer", "payee", "token", "signer", "royaltyReceiver"] as const) {
    if (typeof params[field] !== "string" || !isAddress(params[field], { strict: false })) {
      throw new ChannelParamsError(field, "must be a 20-byte 0x address");
    }
  }
  if (typeof params.aimId !== "bigint" || params.aimId < 0n || params.aimId >= 2n ** 256n) {
    throw new ChannelParamsError("aimId", "must be a uint256 bigint");
  }
  if (!Number.isInteger(params.royaltyBps) || params.royaltyBps < 0 || params.royaltyBps > 10_000) {
    throw new ChannelParamsError("royaltyBps", "must be an integer from 0 to 10000");
  }
  if (!isHex(params.salt, { strict: true }) || params.salt.length !== 66) {
    throw new ChannelParamsError("salt", "must be 32 bytes of 0x hex");
  }
}

/** The channel id: keccak256(abi.encode(params)), exactly as PaymentChannels computes it. */
export function channelId(params: ChannelParams): Hex {
  assertChannelParams(params);
  return keccak256(encodeAbiParameters([{ type: "tuple", components: channelParamsComponents }], [params]));
}

/** Who must sign the channel's vouchers: the session signer, or the payer when there is none. */
export function voucherSigner(params: Pick<ChannelParams, "payer" | "signer">): Address {
  return getAddress(params.signer === zeroAddress ? params.payer : params.signer);
}

/** Reads a channel's state from the PaymentChannels contract at `address`. */
export async function readChannel(
  publicClient: PublicClient,
  address: Address,
  params: ChannelParams,
): Promise<ChannelState> {
  const [deposit, claimed, expiry, closed] = await publicClient.readContract({
    address,
    abi: channelViewAbi,
    functionName: "channel",
    args: [channelId(params)],
  });
  return { deposit, claimed, expiry, closed };
}
