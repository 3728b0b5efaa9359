// x402 `exact` calls per second through the gateway on a local chain (hardhat node, automine), paid by the real
// @x402/fetch client, sequential and at 8 concurrent clients, beside the channel-voucher figure of bench:gateway.
// Where the limit is: each x402 call waits for its own mined settlement transaction (the gateway settles before
// it answers, one transaction at a time), so the figure is the chain's transaction round trip, not the gateway.
// Run: `npx tsx bench/gateway-x402.ts` (after `npx hardhat build`).
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment, x402Client } from "@x402/fetch";
import { privateKeyToAccount } from "viem/accounts";
import { startGateway } from "../gateway/server.js";
import { startChannelsChain } from "../scripts/fixtures/channels-chain.js";
import { parseGatewayConfigFor } from "../scripts/fixtures/gateway-config.js";
import { deployX402 } from "../scripts/fixtures/x402-chain.js";

const CALLS = 40;
const dir = mkdtempSync(join(tmpdir(), "bench-x402-"));
const env = await startChannelsChain();
try {
  const x402 = await deployX402(env);
  const gateway = await startGateway(parseGatewayConfigFor(env, join(dir, "v.sqlite"), x402.overrides), {
    settle: false,
  });
  const client = new x402Client();
  registerExactEvmScheme(client, { signer: privateKeyToAccount(x402.buyerKey) });
  client.setSpendControls({ allowedAssets: [{ network: "eip155:31337", asset: x402.usdc }] });
  const pay = wrapFetchWithPayment(fetch, client);
  const call = async () => {
    const started = performance.now();
    const response = await pay(`${gateway.url}/aims/1/call/analyze`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "The cat sat. The cat ran!" }),
    });
    if (response.status !== 200) throw new Error(`x402 call answered ${response.status}`);
    await response.arrayBuffer();
    return performance.now() - started;
  };
  await call(); // warm up
  const rows: string[] = [];
  for (const concurrency of [1, 8]) {
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < CALLS / concurrency; i++) latencies.push(await call());
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const p = (q: number) => (latencies[Math.floor(q * (latencies.length - 1))] ?? 0).toFixed(1);
    rows.push(`| ${concurrency} | ${CALLS} | ${(CALLS / seconds).toFixed(1)} | ${p(0.5)} | ${p(0.99)} |`);
  }
  console.log(
    [
      "| concurrent clients | x402 calls | calls/s | p50 ms | p99 ms |",
      "|---:|---:|---:|---:|---:|",
      ...rows,
    ].join("\n"),
  );
  console.log(
    `\nEach call: 402 + signed retry (2 HTTP round trips), @x402/evm verify (simulated transfer: eth_call), one mined ` +
      `settle transaction. Channel vouchers (bench:gateway): 2,498 calls/s. ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}.`,
  );
  await gateway.close();
} finally {
  await env.stop();
  rmSync(dir, { recursive: true, force: true });
}
