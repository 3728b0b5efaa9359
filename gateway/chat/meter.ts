// The charged cumulative of each metered channel, and the one call in flight on it.
//
// A metered call is authorised by a voucher for (charged cumulative + the call's maximum); the gateway streams,
// charges the actual usage (at most the maximum) and tells the client the new charged cumulative. The client then
// signs a receipt: a voucher for exactly that cumulative, POSTed to /v1/receipts. Only receipts go into the
// voucher store, so the settler only ever claims what was charged (gateway/README.md, "Metered calls"). A
// channel's next call is refused until the previous charge is receipted (402 receipt_required, carrying the
// charge: the client checks it against what it authorised before signing).
//
// What is durable: the receipts (the store). What is not: an unreceipted charge (the last call's, until the
// receipt arrives) and the authorisation in flight. A restart loses them: the node is not paid for that call.
import type { Hex } from "viem";
import type { VoucherStore } from "../store.js";
import type { PaidVoucher } from "../voucher-check.js";
import { ChatError } from "./errors.js";

interface ChannelMeter {
  /** The charged cumulative: the last receipt, plus the charge of the last call if it is not receipted yet. */
  charged: bigint;
  inflight: boolean;
}

export interface MeteredCall {
  channelId: Hex;
  /** The charged cumulative before this call. */
  before: bigint;
  /** The voucher amount the client signed for it. */
  authorized: bigint;
  /** Records the call's charge (capped at authorized − before) and returns the new charged cumulative. */
  finish(charge: bigint): bigint;
}

export class Meter {
  private readonly channels = new Map<string, ChannelMeter>();

  constructor(private readonly store: VoucherStore) {}

  /** The receipted cumulative: the latest voucher stored, or what is claimed on chain if more. */
  private async receipted(paid: PaidVoucher): Promise<{ amount: bigint; closing: boolean }> {
    const stored = await this.store.latest(paid.channel.id);
    const amount = stored?.cumulativeAmount ?? 0n;
    return {
      amount: amount > paid.channel.claimed ? amount : paid.channel.claimed,
      closing: stored?.closing ?? false,
    };
  }

  private meterOf(channelId: Hex, receipted: bigint): ChannelMeter {
    const key = channelId.toLowerCase();
    let meter = this.channels.get(key);
    if (!meter) {
      meter = { charged: receipted, inflight: false };
      this.channels.set(key, meter);
    }
    if (meter.charged < receipted) meter.charged = receipted;
    return meter;
  }

  /** Starts a call authorised by `paid` for at most `maxCost`; refuses it if the channel is not ready for it. */
  async begin(paid: PaidVoucher, maxCost: bigint): Promise<MeteredCall> {
    const receipted = await this.receipted(paid);
    const id = paid.channel.id;
    if (receipted.closing) {
      throw new ChatError(
        402,
        "channel_closing",
        `channel ${id} is being closed by this node: open a new channel`,
      );
    }
    // From here to `inflight = true` nothing awaits: two calls on one channel can never both start.
    const meter = this.meterOf(id, receipted.amount);
    if (meter.inflight) {
      throw new ChatError(
        409,
        "channel_busy",
        `channel ${id} has a call in flight: metered calls on a channel are sequential`,
      );
    }
    const amount = paid.voucher.cumulativeAmount;
    if (meter.charged > receipted.amount) {
      throw new ChatError(
        402,
        "receipt_required",
        `the last call on channel ${id} was charged up to cumulative ${meter.charged}: sign a voucher for exactly ` +
          `${meter.charged} and POST it to /v1/receipts, then authorise this call from ${meter.charged}`,
        { charged: meter.charged.toString(), receipted: receipted.amount.toString() },
      );
    }
    if (amount < meter.charged + maxCost) {
      throw new ChatError(
        402,
        "insufficient_authorization",
        `this call may cost up to ${maxCost} (prompt + max_tokens): sign a voucher for ${meter.charged + maxCost} ` +
          `(charged cumulative ${meter.charged} + ${maxCost}), or lower max_tokens`,
        {
          charged: meter.charged.toString(),
          maxCost: maxCost.toString(),
          required: (meter.charged + maxCost).toString(),
        },
        "max_tokens",
      );
    }
    meter.inflight = true;
    const before = meter.charged;
    let done = false;
    return {
      channelId: id,
      before,
      authorized: amount,
      finish(charge) {
        if (done) return meter.charged;
        done = true;
        meter.inflight = false;
        const cap = amount - before;
        meter.charged = before + (charge < cap ? charge : cap);
        return meter.charged;
      },
    };
  }

  /** Stores `paid` as the channel's receipt: it must be for exactly the charged cumulative. Idempotent. */
  async receipt(paid: PaidVoucher): Promise<bigint> {
    const amount = paid.voucher.cumulativeAmount;
    const receipted = await this.receipted(paid);
    if (amount === receipted.amount) return amount;
    const meter = this.meterOf(paid.channel.id, receipted.amount);
    if (amount !== meter.charged) {
      throw new ChatError(
        402,
        "wrong_receipt",
        `a receipt is a voucher for exactly the charged cumulative ${meter.charged}, not ${amount}`,
        { charged: meter.charged.toString(), receipted: receipted.amount.toString() },
      );
    }
    const stored = await this.store.record(paid.channel.id, amount, paid.voucher.signature, amount - 1n);
    if (!stored.ok && stored.latest !== amount) {
      throw new ChatError(
        stored.closing ? 402 : 409,
        stored.closing ? "channel_closing" : "replay",
        stored.closing ? `channel ${paid.channel.id} is being closed` : `receipt ${amount} lost a race`,
        { latest: stored.latest.toString() },
      );
    }
    return amount;
  }
}
