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
import { abis } from "./deployments.js";

/** Everything that never changes about a channel (the contract's `ChannelParams` struct, field for field). */
export interface ChannelParams {
  payer: Address;
  payee: Address;
  /** ERC-20 address, or the zero address for ETH. */
  token: Address;
  /** Session key that signs vouchers; the zero address means the payer signs. */
  signer: Address;
  aimId: bigint;
  /**
   * Highest cumulative amount a voucher signed by `signer` may carry (the payer can raise it on chain with
   * `raiseSessionCap`; read the current one with `sessionCapOf`). The payer's own signature is valid up to the
   * deposit. Ignored when `signer` is the zero address.
   */
  sessionCap: bigint;
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
  { name: "sessionCap", type: "uint256" },
  { name: "salt", type: "bytes32" },
] as const;

const channelViewAbi = abis.PaymentChannels;

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
  for (const field of ["payer", "payee", "token", "signer"] as const) {
    if (typeof params[field] !== "string" || !isAddress(params[field], { strict: false })) {
      throw new ChannelParamsError(field, "must be a 20-byte 0x address");
    }
  }
  if (typeof params.aimId !== "bigint" || params.aimId < 0n || params.aimId >= 2n ** 256n) {
    throw new ChannelParamsError("aimId", "must be a uint256 bigint");
  }
  if (typeof params.sessionCap !== "bigint" || params.sessionCap < 0n || params.sessionCap >= 2n ** 256n) {
    throw new ChannelParamsError("sessionCap", "must be a uint256 bigint");
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

/**
 * Whether a voucher for `amount` signed by `by` is within what the contract accepts from that signer: the payer
 * up to the deposit, the session signer up to `sessionCap` (the current, possibly raised, cap).
 */
export function withinSignerLimit(
  params: Pick<ChannelParams, "payer" | "signer">,
  by: Address,
  amount: bigint,
  sessionCap: bigint,
): boolean {
  if (params.signer === zeroAddress || getAddress(by) === getAddress(params.payer)) return true;
  return amount <= sessionCap;
}

/** Reads the channel's current session cap (params.sessionCap, or what `raiseSessionCap` set). */
export async function readSessionCap(
  publicClient: PublicClient,
  address: Address,
  params: ChannelParams,
): Promise<bigint> {
  return publicClient.readContract({
    address,
    abi: channelViewAbi,
    functionName: "sessionCapOf",
    args: [params],
  });
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
