// The in-memory view of this operator's channels, built from PaymentChannels events (getLogs from the
// deployment block, then polling for new logs). Calls never read the chain: a cache miss triggers one
// coalesced refresh (at most one per polling interval), so a channel opened a moment ago is found without
// waiting for the next poll, and unknown ids cost the RPC node at most one getBlock per interval.

import type { ChannelParams } from "@aim/sdk/channel";
import { abis } from "@aim/sdk/deployments";
import type { Address, Hex, PublicClient } from "viem";

const paymentChannelsAbi = abis.PaymentChannels;

export interface ChannelInfo {
  id: Hex;
  params: ChannelParams;
  deposit: bigint;
  claimed: bigint;
  expiry: bigint;
  closed: boolean;
}

const BLOCK_RANGE = 10_000n;

export class ChannelCache {
  private readonly channels = new Map<Hex, ChannelInfo>();
  private nextBlock: bigint;
  private refreshing: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private missRefresh: Promise<void> | undefined;
  /** When the last pull started (ms since the epoch). */
  private lastPullAt = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Chain time minus wall-clock time, in seconds, at the last refresh. */
  private clockOffset = 0;
  lastBlock = -1n;

  constructor(
    private readonly client: PublicClient,
    private readonly contract: Address,
    private readonly payee: Address,
    startBlock: bigint,
    private readonly pollingIntervalMs: number,
    private readonly onError: (error: unknown) => void = (error) => console.error("channel refresh:", error),
  ) {
    this.nextBlock = startBlock;
  }

  get size(): number {
    return this.channels.size;
  }

  get(id: Hex): ChannelInfo | undefined {
    return this.channels.get(id.toLowerCase() as Hex);
  }

  /**
   * The channel, refreshing from the chain if it is not known yet. Misses share one refresh per polling
   * interval (a block, typically): requests naming unknown channel ids cannot make the node hammer its RPC.
   */
  async find(id: Hex): Promise<ChannelInfo | undefined> {
    const known = this.get(id);
    if (known) return known;
    await this.refreshForMiss();
    return this.get(id);
  }

  private refreshForMiss(): Promise<void> {
    this.missRefresh ??= (async () => {
      const wait = this.lastPullAt + this.pollingIntervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // Misses arriving from now on wait for the next slot: this pull may have read the head already.
      this.missRefresh = undefined;
      await this.refresh();
    })();
    return this.missRefresh;
  }

  /** Current chain time (seconds), extrapolated from the last block seen. */
  chainNow(): bigint {
    return BigInt(Math.floor(Date.now() / 1000 + this.clockOffset));
  }

  /**
   * Reads the logs up to the latest block. A caller always gets a pull that started after its call (so it
   * sees what happened before it); concurrent callers share one queued pull.
   */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.refreshing) return this.startPull();
    this.queued = this.refreshing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.startPull();
      });
    return this.queued;
  }

  private startPull(): Promise<void> {
    this.lastPullAt = Date.now();
    const pull = this.pull().finally(() => {
      if (this.refreshing === pull) this.refreshing = undefined;
    });
    this.refreshing = pull;
    return pull;
  }

  /** Loads the history, then polls every `pollingIntervalMs`. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => this.refresh().catch(this.onError), this.pollingIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Applies what the gateway's own claim did, before the event is polled. */
  noteClaimed(id: Hex, claimed: bigint, closed = false): void {
    const channel = this.get(id);
    if (!channel) return;
    if (claimed > channel.claimed) channel.claimed = claimed;
    if (closed) channel.closed = true;
  }

  private async pull(): Promise<void> {
    const block = await this.client.getBlock({ blockTag: "latest" });
    this.clockOffset = Number(block.timestamp) - Date.now() / 1000;
    const latest = block.number;
    while (this.nextBlock <= latest) {
      const toBlock = this.nextBlock + BLOCK_RANGE - 1n < latest ? this.nextBlock + BLOCK_RANGE - 1n : latest;
      const logs = await this.client.getContractEvents({
        address: this.contract,
        abi: paymentChannelsAbi,
        fromBlock: this.nextBlock,
        toBlock,
      });
      for (const log of logs) this.apply(log);
      this.nextBlock = toBlock + 1n;
    }
    this.lastBlock = latest;
  }

  // biome-ignore lint/suspicious/noExplicitAny: viem's decoded log union; each branch narrows by eventName.
  private apply(log: { eventName: string; args: any }): void {
    const args = log.args;
    if (log.eventName === "ChannelOpened") {
      if (args.payee.toLowerCase() !== this.payee.toLowerCase()) return;
      const id = (args.channelId as Hex).toLowerCase() as Hex;
      this.channels.set(id, {
        id,
        params: {
          payer: args.payer,
          payee: args.payee,
          token: args.token,
          signer: args.signer,
          aimId: args.aimId,
          royaltyReceiver: args.royaltyReceiver,
          royaltyBps: Number(args.royaltyBps),
          salt: args.salt,
        },
        deposit: args.deposit,
        claimed: 0n,
        expiry: args.expiry,
        closed: false,
      });
      return;
    }
    // The contract's other events (credits, currencies, pause) carry no channel id.
    if (typeof args.channelId !== "string") return;
    const channel = this.get(args.channelId);
    if (!channel) return;
    switch (log.eventName) {
      case "ChannelToppedUp":
        channel.deposit = args.deposit;
        break;
      case "ChannelExtended":
        channel.expiry = args.expiry;
        break;
      case "ChannelClaimed":
        if (args.cumulativeAmount > channel.claimed) channel.claimed = args.cumulativeAmount;
        break;
      case "ChannelClosed":
        channel.closed = true;
        if (args.claimed > channel.claimed) channel.claimed = args.claimed;
        break;
      case "ChannelReclaimed":
        channel.closed = true;
        break;
    }
  }
}
