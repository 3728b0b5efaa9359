// Brings stored vouchers on chain by itself: claimMany for channels whose unclaimed amount reached the
// threshold, close (final claim + refund to the payer) for channels about to expire. Works from the store,
// so vouchers accepted before a crash or restart are claimed too. A channel of an AIM whose license this node no
// longer holds is left alone (PaymentChannels would revert the claim or close): its vouchers stay stored and are
// claimed once the license returns (`held` in the report).

import type { ChannelParams } from "@aim/sdk/channel";
import { abis } from "@aim/sdk/deployments";
import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from "viem";

const paymentChannelsAbi = abis.PaymentChannels;

import type { ChannelCache } from "./channels.js";
import type { StoredVoucher, VoucherStore } from "./store.js";

export interface SettlementOptions {
  contract: Address;
  claimThreshold: bigint;
  closeBeforeExpirySeconds: number;
  maxBatch: number;
}

export interface SettlementReport {
  claimed: { channelId: Hex; cumulativeAmount: bigint }[];
  closed: { channelId: Hex; cumulativeAmount: bigint }[];
  /** Vouchers that can no longer be claimed (channel closed or expired before settlement). */
  lost: { channelId: Hex; cumulativeAmount: bigint; reason: string }[];
  /** Vouchers kept for later: this node holds no license of the channel's AIM right now. */
  held: { channelId: Hex; cumulativeAmount: bigint; aimId: bigint }[];
  transactions: Hex[];
}

type Wallet = WalletClient<Transport, Chain | undefined, Account>;

export class Settler {
  private running: Promise<SettlementReport> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly wallet: Wallet,
    private readonly client: PublicClient,
    private readonly store: VoucherStore,
    private readonly channels: ChannelCache,
    private readonly options: SettlementOptions,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.settle().catch((error) => console.error("settlement:", error));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One settlement round (concurrent callers share it). `all` claims every unclaimed voucher now. */
  settle(all = false): Promise<SettlementReport> {
    this.running ??= this.round(all).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(all: boolean): Promise<SettlementReport> {
    const report: SettlementReport = { claimed: [], closed: [], lost: [], held: [], transactions: [] };
    if (!(await this.store.acquireSettlementLead())) return report;
    await this.channels.refresh();
    const now = this.channels.chainNow();
    const toClaim: { voucher: StoredVoucher; params: ChannelParams }[] = [];
    for (const voucher of await this.store.unclaimed()) {
      const channel = this.channels.get(voucher.channelId);
      if (!channel) continue;
      if (channel.claimed >= voucher.cumulativeAmount) {
        await this.store.markClaimed(voucher.channelId, channel.claimed);
        continue;
      }
      if (channel.closed || channel.expiry <= now) {
        const reason = channel.closed ? "channel closed on chain" : "channel expired before it was claimed";
        report.lost.push({
          channelId: voucher.channelId,
          cumulativeAmount: voucher.cumulativeAmount,
          reason,
        });
        console.error(
          `settlement: voucher ${voucher.cumulativeAmount} on ${voucher.channelId} lost: ${reason}`,
        );
        await this.store.markClaimed(voucher.channelId, voucher.cumulativeAmount);
        continue;
      }
      if (!this.channels.isLicensed(channel.params.aimId)) {
        report.held.push({
          channelId: voucher.channelId,
          cumulativeAmount: voucher.cumulativeAmount,
          aimId: channel.params.aimId,
        });
        console.warn(
          `settlement: holding voucher ${voucher.cumulativeAmount} on ${voucher.channelId}: this node holds no ` +
            `license of AIM ${channel.params.aimId} (a claim would revert); it is claimed when the license returns`,
        );
        continue;
      }
      if (channel.expiry - now <= BigInt(this.options.closeBeforeExpirySeconds)) {
        // Closing first, then close(): from this statement on no replica accepts the channel's vouchers, so
        // the final voucher read here is the last one any call was answered for.
        const final = (await this.store.markClosing(voucher.channelId)) ?? voucher;
        const hash = await this.wallet.writeContract({
          address: this.options.contract,
          abi: paymentChannelsAbi,
          functionName: "close",
          args: [channel.params, final.cumulativeAmount, final.signature],
          chain: this.wallet.chain,
        });
        await this.confirm(hash, report);
        await this.store.markClaimed(voucher.channelId, final.cumulativeAmount);
        this.channels.noteClaimed(voucher.channelId, final.cumulativeAmount, true);
        report.closed.push({ channelId: voucher.channelId, cumulativeAmount: final.cumulativeAmount });
        continue;
      }
      if (all || voucher.cumulativeAmount - channel.claimed >= this.options.claimThreshold) {
        toClaim.push({ voucher, params: channel.params });
      }
    }
    for (let i = 0; i < toClaim.length; i += this.options.maxBatch) {
      const batch = toClaim.slice(i, i + this.options.maxBatch);
      const hash = await this.wallet.writeContract({
        address: this.options.contract,
        abi: paymentChannelsAbi,
        functionName: "claimMany",
        args: [
          batch.map((b) => b.params),
          batch.map((b) => b.voucher.cumulativeAmount),
          batch.map((b) => b.voucher.signature),
        ],
        chain: this.wallet.chain,
      });
      await this.confirm(hash, report);
      for (const { voucher } of batch) {
        await this.store.markClaimed(voucher.channelId, voucher.cumulativeAmount);
        this.channels.noteClaimed(voucher.channelId, voucher.cumulativeAmount);
        report.claimed.push({ channelId: voucher.channelId, cumulativeAmount: voucher.cumulativeAmount });
      }
    }
    return report;
  }

  private async confirm(hash: Hex, report: SettlementReport): Promise<void> {
    const receipt = await this.client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`settlement transaction ${hash} reverted`);
    report.transactions.push(hash);
  }
}
