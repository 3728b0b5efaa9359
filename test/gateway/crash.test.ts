// A real crash: the gateway process is killed (SIGKILL) right after it stored a voucher and before it
// answered. Restarted on the same SQLite file, it still has the voucher and claims it on chain.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SqliteStore } from "../../gateway/store-sqlite.js";
import {
  type ChannelsChain,
  DEV_KEYS,
  openChannel,
  readChannelState,
  startChannelsChain,
} from "../support/gateway-chain.js";
import { freePort } from "../support/local-chain.js";

let env: ChannelsChain;
const dir = mkdtempSync(join(tmpdir(), "gateway-crash-"));
const children: ChildProcess[] = [];

beforeAll(async () => {
  env = await startChannelsChain();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
  await env?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function startProcess(port: number, configPath: string, crash: boolean): Promise<ChildProcess> {
  const child = spawn("npx", ["tsx", "gateway/main.ts"], {
    cwd: resolve(import.meta.dirname, "../.."),
    env: {
      ...process.env,
      GATEWAY_CONFIG: configPath,
      GATEWAY_PRIVATE_KEY: DEV_KEYS[1],
      GATEWAY_CRASH_AFTER_STORE: crash ? "1" : "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("gateway process did not start");
}

it("keeps a voucher stored just before a crash and claims it after the restart", async () => {
  const port = await freePort();
  const sqlitePath = join(dir, "vouchers.sqlite");
  const configPath = join(dir, "config.json");
  writeFileSync(
    configPath,
    JSON.stringify({
      listen: { host: "127.0.0.1", port },
      publicUrl: `http://127.0.0.1:${port}`,
      chain: { rpcUrl: env.chain.url, chainId: 31337, paymentChannels: env.contract, pollingIntervalMs: 200 },
      node: { register: false },
      store: { sqlitePath },
      settlement: { claimThreshold: "1", intervalMs: 300 },
      offers: [
        {
          aimId: "1",
          manifest: resolve("sdk/examples/text-stats.json"),
          currency: env.usdc,
          handler: "text-stats",
        },
      ],
    }),
  );
  const channel = await openChannel(env);
  const crashing = await startProcess(port, configPath, true);
  // npx reports its killed child as a failure exit code (the gateway itself died of SIGKILL).
  const exited = new Promise((r) => crashing.once("exit", (code, signal) => r(code ?? signal)));
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
  const deadline = Date.now() + 30_000;
  let claimed = 0n;
  while (Date.now() < deadline && claimed === 0n) {
    claimed = (await readChannelState(env, channel.id)).claimed;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(claimed).toBe(10_000n);
});
