// Wires a gateway together from its config: store, channel cache, HTTP server, settlement, registration.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicClient, createWalletClient, defineChain, http, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ChannelCache } from "./channels.js";
import { loadLlmOffers } from "./chat/context.js";
import { Meter } from "./chat/meter.js";
import { createChatRouter } from "./chat/router.js";
import type { GatewayConfig } from "./config.js";
import { createListener } from "./listener.js";
import { GatewayMetrics } from "./metrics.js";
import { loadOffers } from "./offers.js";
import { registerNode } from "./registration.js";
import { createApp, type RouteContext } from "./routes.js";
import { Settler } from "./settlement.js";
import { openStore, type VoucherStore } from "./store.js";
import type { SignatureVerifier } from "./voucher-check.js";
import { X402Payments } from "./x402.js";

export interface GatewayOptions {
  /** Use this store instead of opening the configured one (tests). */
  store?: VoucherStore;
  verify?: SignatureVerifier;
  afterStore?: RouteContext["afterStore"];
  /** Start the periodic settlement loop (default true). */
  settle?: boolean;
  /** Also export prom-client's process metrics (CPU, memory, event loop) on /metrics (default true). */
  defaultMetrics?: boolean;
}

export interface Gateway {
  url: string;
  nodeId: bigint | undefined;
  store: VoucherStore;
  channels: ChannelCache;
  settler: Settler;
  metrics: GatewayMetrics;
  close(): Promise<void>;
}

export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const account = privateKeyToAccount(config.privateKey);
  const chain = defineChain({
    id: config.chain.chainId,
    name: `chain ${config.chain.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.chain.rpcUrl] } },
  });
  const transport = http(config.chain.rpcUrl);
  const client = createPublicClient({ chain, transport }) as PublicClient;
  const wallet = createWalletClient({ account, chain, transport });
  const offers = loadOffers(config.offers, config.baseDir);
  const store = options.store ?? (await openStore(config));
  const channels = new ChannelCache(
    client,
    config.chain.paymentChannels,
    account.address,
    config.chain.startBlock,
    config.chain.pollingIntervalMs,
    undefined,
    [...offers.values()].map((offer) => offer.aimId),
  );
  await channels.start();
  const x402 = config.chain.x402Settlement
    ? new X402Payments(wallet, client, store, config.chain.x402Settlement, config.chain.chainId)
    : undefined;
  await x402?.load(offers.values());

  const context: RouteContext = {
    policy: {
      chainId: config.chain.chainId,
      contract: config.chain.paymentChannels,
      payee: account.address,
      // Calls stop before the settler's close window opens: a voucher answered is a voucher it can claim.
      minRemainingSeconds: config.settlement.closeBeforeExpirySeconds + config.acceptance.expiryMarginSeconds,
    },
    offers,
    channels,
    store,
    verify: options.verify,
    x402,
    afterStore: options.afterStore,
  };
  const metrics = new GatewayMetrics(options.defaultMetrics ?? true);
  const routes = createChatRouter({
    route: context,
    llm: loadLlmOffers(config.offers, offers),
    meter: new Meter(store),
    metrics,
  });
  const server = createServer(createListener(context, createApp(context), { routes, metrics }));
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
    server.listen(config.listen.port, config.listen.host);
  });
  const port = (server.address() as AddressInfo).port;

  const settler = new Settler(wallet, client, store, channels, {
    contract: config.chain.paymentChannels,
    claimThreshold: config.settlement.claimThreshold,
    closeBeforeExpirySeconds: config.settlement.closeBeforeExpirySeconds,
    maxBatch: config.settlement.maxBatch,
  });
  if (options.settle ?? true) settler.start(config.settlement.intervalMs);

  const close = async () => {
    settler.stop();
    channels.stop();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    if (!options.store) await store.close();
  };

  let nodeId: bigint | undefined;
  if (config.node.register && config.chain.hyperBoxRegistry) {
    try {
      nodeId = await registerNode(
        wallet,
        client,
        {
          registry: config.chain.hyperBoxRegistry,
          endpoint: config.publicUrl,
          capabilities: JSON.stringify(config.node.capabilities),
          region: config.node.region,
          fromBlock: config.chain.startBlock,
        },
        offers.values(),
      );
    } catch (error) {
      // A gateway that cannot register does not keep serving half-started.
      await close();
      throw error;
    }
  }

  return {
    url: `http://${config.listen.host}:${port}`,
    nodeId,
    store,
    channels,
    settler,
    metrics,
    close,
  };
}
