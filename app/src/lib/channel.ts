// A payment channel as the app acts on it: its PaymentChannels parameters built from the indexer's row (and
// checked against the row's id), and the limits the chain enforces, said before the wallet is asked.

import { type ChannelParams, channelId } from "@aim/sdk/channel";
import type { ChannelRow } from "./queries.js";

/** PaymentChannels.MAX_CHANNEL_LIFETIME: no channel's expiry may pass this long after it opened. */
export const MAX_CHANNEL_LIFETIME_SECONDS = 365 * 86_400;

/**
 * The channel's parameters (the 7 words its id hashes) from the indexer's row, whose `sessionCap` is the cap at
 * open (never the raised cap in force). Check them against the row's id with {@link channelRowProblem}.
 */
export function channelParamsOf(row: ChannelRow): ChannelParams {
  return {
    payer: row.payer,
    payee: row.payee,
    token: row.token,
    signer: row.signer,
    aimId: BigInt(row.aimId),
    sessionCap: BigInt(row.sessionCap),
    salt: row.salt,
  };
}

/**
 * Why the app will not act on this row, or null: parameters that do not hash to the row's id would make every
 * top-up, extension, cap raise or reclaim revert (PaymentChannelsChannelNotFound).
 */
export function channelRowProblem(
  row: ChannelRow,
  params: ChannelParams = channelParamsOf(row),
): string | null {
  return channelId(params).toLowerCase() === row.id.toLowerCase()
    ? null
    : `The index's terms for channel ${row.id.slice(0, 10)}… do not match its id on chain (the index is wrong or behind), so top-ups, extensions, cap raises and reclaims would fail: this channel cannot be managed from here until the index is corrected.`;
}

/**
 * Why the session key must not sign a voucher for `cumulative`, or null: PaymentChannels accepts a
 * session-signed voucher only up to the session cap in force on chain, so one above it pays nothing.
 */
export function sessionVoucherProblem(cumulative: bigint, sessionCap: bigint, format: (v: bigint) => string) {
  return cumulative > sessionCap
    ? `This call would bring what the session key signed to ${format(cumulative)}, above the channel's session cap of ${format(sessionCap)} on chain: the node could not be paid for it, so it was not signed. Raise the session cap first.`
    : null;
}

/** Why opening a channel for `hours` is refused, or null (PaymentChannelsLifetimeExceeded). */
export function lifetimeProblem(hours: number): string | null {
  return hours * 3600 > MAX_CHANNEL_LIFETIME_SECONDS
    ? `A channel lives at most ${MAX_CHANNEL_LIFETIME_SECONDS / 86_400} days (${MAX_CHANNEL_LIFETIME_SECONDS / 3600} hours). Choose a shorter expiry; you can extend it later up to that limit.`
    : null;
}

/**
 * The expiry "extend by `seconds`" asks for, capped at the channel's maximum (MAX_CHANNEL_LIFETIME after it
 * opened), or the sentence saying it cannot be extended any more.
 */
export function extendTarget(
  expiry: bigint,
  maxExpiry: bigint,
  now: bigint,
  seconds: bigint,
): { expiry: bigint; capped: boolean } | { problem: string } {
  const from = expiry > now ? expiry : now;
  if (maxExpiry <= from)
    return {
      problem: `This channel has reached its maximum lifetime (${MAX_CHANNEL_LIFETIME_SECONDS / 86_400} days after it opened, ${new Date(Number(maxExpiry) * 1000).toLocaleString()}): it cannot be extended. Open a new channel to go on calling.`,
    };
  const wanted = from + seconds;
  return wanted > maxExpiry ? { expiry: maxExpiry, capped: true } : { expiry: wanted, capped: false };
}
