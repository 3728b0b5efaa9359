// A real crash: the gateway process is killed (SIGKILL) right after it stored a voucher and before it
// answered. Restarted on the same SQLite file, it still has the voucher and claims it on chain.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SqliteStore } from "../../gateway/store-sqlite.js";
import {
  type ChannelsChain,
  DEV_KEYS,
  openChannel,
  readChannelState,
  startChannelsChain,
} from "../../scripts/fixtures/channels-chain.js";
import { gatewayConfigFor } from "../../scripts/fixtures/gateway-config.js";
import { type GatewayProcess, startGatewayProcess } from "../../scripts/harness/gateway.js";
import { freePort } from "../../scripts/harness/ports.js";

let env: ChannelsChain;
const dir = mkdtempSync(join(tmpdir(), "gateway-crash-"));
const gateways: GatewayProcess[] = [];

beforeAll(async () => {
  env = await startChannelsChain();
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function startProcess(port: number, configPath: string, crash: boolean): Promise<GatewayProcess> {
  const gateway = await startGatewayProcess({
    port,
    env: {
      GATEWAY_CONFIG: configPath,
      GATEWAY_PRIVATE_KEY: DEV_KEYS[1],
      GATEWAY_CRASH_AFTER_STORE: crash ? "1" : "0",
    },
  });
  gateways.push(gateway);
  return gateway;
}

it("keeps a voucher stored just before a crash and claims it after the restart", async () => {
  const port = await freePort();
  const sqlitePath = join(dir, "vouchers.sqlite");
  const configPath = join(dir, "config.json");
  writeFileSync(
    configPath,
    JSON.stringify(
      gatewayConfigFor(env, sqlitePath, { port, settlement: { claimThreshold: "1", intervalMs: 300 } }),
    ),
  );
  const channel = await openChannel(env);
  const crashing = await startProcess(port, configPath, true);
  // The gateway dies of SIGKILL (no exit code), never with a clean 0.
  const exited = crashing.service.exited;
  const answer = fetch(`http://127.0.0.1:${port}/aims/1/call/analyze`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-aim-voucher": await channel.header(10_000n) },
    body: JSON.stringify({ text: "paid but never answered" }),
  });
  await expect(answer).rejects.toThrow();
  expect(await exited).not.toBe(0);

  const store = new SqliteStore(sqlitePath);
  expect(await store.latest(channel.id)).toMatchObject({ cumulativeAmount: 10_000n, claimed: 0n });
  await store.close();

  await startProcess(port, configPath, false);
  await expect
    .poll(async () => (await readChannelState(env, channel.id)).claimed, { timeout: 30_000, interval: 200 })
    .toBe(10_000n);
});
