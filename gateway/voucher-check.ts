// Decides whether a voucher pays for one call: this node still holds a license of the AIM, format, chain and
// contract, the channel (known, ours, this AIM and currency, open, not about to expire), the amount (above the
// latest by at least the price, within the deposit, and within the session cap when the session key signed) and
// the signature (the session signer's or the payer's; sdk/voucher-fast.ts: native libsecp256k1). The durable
// compare-and-set happens after, in the store.

import { voucherSigner } from "@aim/sdk/channel";
import {
  decodeVoucherHeader,
  type SignedVoucher,
  VoucherError,
  VoucherSignerMismatchError,
} from "@aim/sdk/voucher";
import { verifyVoucherFast } from "@aim/sdk/voucher-fast";
import { type Address, getAddress, zeroAddress } from "viem";
import type { ChannelCache, ChannelInfo } from "./channels.js";
import { GatewayError } from "./errors.js";

export interface VoucherPolicy {
  chainId: number;
  contract: Address;
  payee: Address;
  /**
   * Refuse channels expiring within this many seconds: settlement's close window plus a margin, so the node
   * stops answering a channel before its settler may close it.
   */
  minRemainingSeconds: number;
}

export interface PaidVoucher {
  voucher: SignedVoucher;
  channel: ChannelInfo;
}

/** Verifies `voucher.signature` is by `expected`; throws VoucherSignerMismatchError or VoucherError. */
export type SignatureVerifier = (voucher: SignedVoucher, expected: Address) => Promise<unknown>;

export async function checkVoucher(
  header: string | undefined,
  offer: { aimId: bigint; currency: Address },
  price: bigint,
  policy: VoucherPolicy,
  channels: ChannelCache,
  verify: SignatureVerifier = verifyVoucherFast,
): Promise<PaidVoucher> {
  if (!channels.isLicensed(offer.aimId)) {
    throw new GatewayError(
      "not_licensed",
      `this node (${policy.payee}) no longer holds a license of AIM ${offer.aimId}: it cannot be paid for its ` +
        `calls, so it does not serve them; pick another node`,
      { aimId: offer.aimId.toString() },
    );
  }
  if (header === undefined || header === "") {
    throw new GatewayError(
      "payment_required",
      `this call costs ${price}; send a voucher in the x-aim-voucher header`,
    );
  }
  let voucher: SignedVoucher;
  try {
    voucher = decodeVoucherHeader(header);
  } catch (error) {
    throw new GatewayError("invalid_voucher", (error as Error).message);
  }
  if (voucher.chainId !== policy.chainId) {
    throw new GatewayError(
      "wrong_chain",
      `voucher is for chain ${voucher.chainId}, this gateway is paid on chain ${policy.chainId}`,
    );
  }
  if (voucher.contract.toLowerCase() !== policy.contract.toLowerCase()) {
    throw new GatewayError(
      "wrong_contract",
      `voucher is for PaymentChannels ${voucher.contract}, this gateway uses ${policy.contract}`,
    );
  }
  const channel = await channels.find(voucher.channelId);
  if (!channel) {
    throw new GatewayError(
      "unknown_channel",
      `no channel ${voucher.channelId} to payee ${policy.payee} on ${policy.contract} (open one first)`,
    );
  }
  const { params } = channel;
  if (params.payee.toLowerCase() !== policy.payee.toLowerCase()) {
    throw new GatewayError("wrong_payee", `channel pays ${params.payee}, this gateway is ${policy.payee}`);
  }
  if (params.aimId !== offer.aimId) {
    throw new GatewayError(
      "wrong_aim",
      `channel is for AIM ${params.aimId}, this call is to AIM ${offer.aimId}`,
    );
  }
  if (params.token.toLowerCase() !== offer.currency.toLowerCase()) {
    throw new GatewayError(
      "wrong_token",
      `channel pays in ${params.token}, this AIM is priced in ${offer.currency}`,
    );
  }
  if (channel.closed) throw new GatewayError("channel_closed", `channel ${channel.id} is closed`);
  const now = channels.chainNow();
  if (channel.expiry <= now + BigInt(policy.minRemainingSeconds)) {
    throw new GatewayError(
      "channel_expired",
      channel.expiry <= now
        ? `channel ${channel.id} expired at ${channel.expiry} (chain time ${now})`
        : `channel ${channel.id} expires at ${channel.expiry}, within ${policy.minRemainingSeconds} s: extend it`,
      { expiry: channel.expiry.toString() },
    );
  }
  const amount = voucher.cumulativeAmount;
  if (amount > channel.deposit) {
    throw new GatewayError(
      "over_deposit",
      `voucher amount ${amount} exceeds the channel's deposit ${channel.deposit}: top the channel up`,
      { deposit: channel.deposit.toString() },
    );
  }
  // Cheap pre-check against what is settled; the store's compare-and-set checks the latest voucher.
  amountCheck(amount, channel.claimed, price);
  const signer = await verifySigner(voucher, params, verify);
  const bySession = params.signer !== zeroAddress && signer === getAddress(params.signer);
  // Over the cached cap: the payer may have raised it a moment ago; look once (shared, one per interval).
  if (bySession && amount > channel.sessionCap) await channels.refreshSoon();
  if (bySession && amount > channel.sessionCap) {
    throw new GatewayError(
      "over_session_cap",
      `voucher amount ${amount} is above the channel's session cap ${channel.sessionCap}: the session key may ` +
        `sign up to ${channel.sessionCap}; the payer raises the cap with raiseSessionCap(params, newCap) on ` +
        `PaymentChannels, or signs this voucher with its own key (valid up to the deposit)`,
      { sessionCap: channel.sessionCap.toString(), deposit: channel.deposit.toString() },
    );
  }
  return { voucher, channel };
}

/**
 * Who signed the voucher: the channel's signer (voucherSigner: the session key, or the payer when there is none),
 * or else the payer itself, which the contract accepts up to the deposit. Throws wrong_signer / invalid_voucher.
 */
async function verifySigner(
  voucher: SignedVoucher,
  params: PaidVoucher["channel"]["params"],
  verify: SignatureVerifier,
): Promise<Address> {
  const expected = voucherSigner(params);
  try {
    await verify(voucher, expected);
    return expected;
  } catch (error) {
    if (error instanceof VoucherSignerMismatchError) {
      if (params.signer !== zeroAddress && error.recovered.toLowerCase() === params.payer.toLowerCase()) {
        return getAddress(params.payer);
      }
      throw new GatewayError("wrong_signer", error.message, {
        expected: error.expected,
        recovered: error.recovered,
      });
    }
    if (error instanceof VoucherError) throw new GatewayError("invalid_voucher", error.message);
    throw new GatewayError("wrong_signer", `signature does not verify: ${(error as Error).message}`);
  }
}

/** Refuses an amount that is not above `latest` (replay) or is above it by less than `price` (underpaid). */
export function amountCheck(amount: bigint, latest: bigint, price: bigint): void {
  if (amount <= latest) {
    throw new GatewayError(
      "replay",
      `voucher amount ${amount} is not above the latest accepted ${latest}: sign ${latest + price} for this call`,
      { latest: latest.toString(), price: price.toString() },
    );
  }
  if (amount - latest < price) {
    throw new GatewayError(
      "underpaid",
      `voucher adds ${amount - latest} to the latest accepted ${latest}, this call costs ${price}: sign ${latest + price}`,
      { latest: latest.toString(), price: price.toString() },
    );
  }
}
