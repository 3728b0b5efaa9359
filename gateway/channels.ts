// The in-memory view of this operator's channels, built from PaymentChannels events (getLogs from the
// deployment block, then polling for new logs). Calls never read the chain: a cache miss triggers one
// coalesced refresh (at most one per polling interval), so a channel opened a moment ago is found without
// waiting for the next poll, and unknown ids cost the RPC node at most one getBlock per interval.
// It also tracks whether this operator still holds a license of each AIM it offers (AIMRegistry.balanceOfBatch,
// one read per new block, at start and on each refresh): without one it is not paid (PaymentChannels refuses the
// claim), so the gateway stops serving that AIM and its settler holds the vouchers until the license returns.

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
  /** The current session cap: params.sessionCap, or the last SessionCapRaised. */
  sessionCap: bigint;
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
  /** Whether the payee holds a license of each AIM in `licensedAims` (decimal id -> held), as of `lastBlock`. */
  readonly licenses = new Map<string, boolean>();
  private registry: Address | undefined;
  private licensesBlock = -1n;

  constructor(
    private readonly client: PublicClient,
    private readonly contract: Address,
    private readonly payee: Address,
    startBlock: bigint,
    private readonly pollingIntervalMs: number,
    private readonly onError: (error: unknown) => void = (error) => console.error("channel refresh:", error),
    /** The AIMs whose license the payee must hold (the gateway's offers); none: no license reads. */
    private readonly licensedAims: readonly bigint[] = [],
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

  /**
   * A refresh shared with the misses (at most one per polling interval): for a voucher the cached state refuses
   * but a transaction just mined may allow (a session cap raised a moment ago).
   */
  refreshSoon(): Promise<void> {
    return this.refreshForMiss();
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

  /**
   * Whether the payee held a license of `aimId` at the last refresh. An AIM outside `licensedAims` reads as
   * licensed (nothing is known about it).
   */
  isLicensed(aimId: bigint): boolean {
    return this.licenses.get(aimId.toString()) ?? true;
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
    if (this.licensedAims.length > 0 && latest !== this.licensesBlock) await this.readLicenses(latest);
    this.lastBlock = latest;
  }

  /** One balanceOfBatch of the payee's licenses of every offered AIM, logging each change. */
  private async readLicenses(blockNumber: bigint): Promise<void> {
    this.registry ??= await this.client.readContract({
      address: this.contract,
      abi: paymentChannelsAbi,
      functionName: "aimRegistry",
    });
    const balances = await this.client.readContract({
      address: this.registry,
      abi: abis.AIMRegistry,
      functionName: "balanceOfBatch",
      args: [this.licensedAims.map(() => this.payee), [...this.licensedAims]],
      blockNumber,
    });
    for (const [i, aimId] of this.licensedAims.entries()) {
      const key = aimId.toString();
      const held = (balances[i] ?? 0n) > 0n;
      const before = this.licenses.get(key);
      if (before !== undefined && before !== held) {
        console.warn(
          held
            ? `gateway: ${this.payee} holds a license of AIM ${key} again: serving it and claiming its vouchers`
            : `gateway: ${this.payee} no longer holds a license of AIM ${key}: calls refused, claims held until it returns`,
        );
      }
      this.licenses.set(key, held);
    }
    this.licensesBlock = blockNumber;
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
          sessionCap: args.sessionCap,
          salt: args.salt,
        },
        deposit: args.deposit,
        claimed: 0n,
        expiry: args.expiry,
        closed: false,
        sessionCap: args.sessionCap,
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
      case "SessionCapRaised":
        if (args.sessionCap > channel.sessionCap) channel.sessionCap = args.sessionCap;
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
