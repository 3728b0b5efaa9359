// Finding 8 of issue 12: each request naming an unknown channel id made the gateway call its RPC node. Misses
// now share one refresh per polling interval; a channel opened a moment ago is still found.
import { createPublicClient, type Hex, http, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelCache } from "../../gateway/channels.js";
import {
  type ChannelsChain,
  openChannel,
  startChannelsChain,
} from "../../scripts/fixtures/channels-chain.js";

const POLL_MS = 300;
let env: ChannelsChain;
let cache: ChannelCache;
const rpcMethods: string[] = [];

beforeAll(async () => {
  env = await startChannelsChain();
  const client = createPublicClient({
    chain: hardhat,
    transport: http(env.chain.url, {
      async onFetchRequest(request) {
        const body = JSON.parse(await request.clone().text()) as { method: string } | { method: string }[];
        for (const item of [body].flat()) rpcMethods.push(item.method);
      },
    }),
  }) as PublicClient;
  cache = new ChannelCache(client, env.contract, env.operator.address, 0n, POLL_MS);
  await cache.refresh();
});
afterAll(async () => {
  cache?.stop();
  await env?.stop();
});

const randomId = () =>
  `0x${Array.from({ length: 64 }, () => Math.floor(Math.random() * 16).toString(16)).join("")}` as Hex;

describe("unknown channel ids", () => {
  it("cost at most one refresh per polling interval, however many arrive", async () => {
    rpcMethods.length = 0;
    const started = Date.now();
    const concurrent = await Promise.all(Array.from({ length: 50 }, () => cache.find(randomId())));
    for (let i = 0; i < 5; i++) expect(await cache.find(randomId())).toBeUndefined();
    const elapsedIntervals = Math.floor((Date.now() - started) / POLL_MS) + 1;
    expect(concurrent.every((found) => found === undefined)).toBe(true);
    // 55 misses: one getBlock per interval elapsed (plus the first), and no getLogs (no new block).
    expect(rpcMethods.filter((m) => m === "eth_getBlockByNumber").length).toBeLessThanOrEqual(
      elapsedIntervals + 1,
    );
    expect(rpcMethods.filter((m) => m === "eth_getLogs")).toEqual([]);
  });

  it("still finds a channel opened a moment ago on the first miss", async () => {
    const channel = await openChannel(env);
    const found = await cache.find(channel.id);
    expect(found?.params.payer).toBe(env.buyer);
  });
});
