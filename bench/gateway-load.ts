// The load generator of bench/gateway.ts, in its own process so its CPU is counted apart from the gateway's:
// reads a plan (URL, body, pre-signed voucher headers in per-channel order), runs a warm-up then the measured
// autocannon run on the next headers, and prints the measured result with this process's CPU time as JSON.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon, { type Result } from "autocannon";

export interface LoadPlan {
  url: string;
  body: string;
  connections: number;
  warmup: number;
  requests: number;
  /** The gateway's process id: its CPU time over the measured run is read from /proc (Linux). */
  gatewayPid: number;
  headers: string[];
}

export interface LoadResult {
  result: Result;
  /** CPU seconds (user + system) this process spent during the measured run. */
  cpuSeconds: number;
  /** CPU seconds the gateway process spent during the measured run. */
  gatewayCpuSeconds: number;
  /** The first few non-2xx answers (status and body), to say why they were refused. */
  refusals: string[];
}

const refusals: string[] = [];

const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"]).toString());

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (fields 14 and 15). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

const plan = JSON.parse(readFileSync(process.argv[2] as string, "utf8")) as LoadPlan;
let next = 0;
const run = (amount: number) =>
  autocannon({
    url: plan.url,
    connections: plan.connections,
    amount,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => ({
          ...request,
          headers: { "content-type": "application/json", "x-aim-voucher": plan.headers[next++] ?? "" },
          body: plan.body,
        }),
        onResponse: (status, body) => {
          if ((status < 200 || status > 299) && refusals.length < 5) refusals.push(`${status} ${body}`);
        },
      },
    ],
  });

if (plan.warmup > 0) await run(plan.warmup);
const gatewayStart = cpuSecondsOf(plan.gatewayPid);
const cpu = process.cpuUsage();
const result = await run(plan.requests);
const used = process.cpuUsage(cpu);
const output: LoadResult = {
  result,
  cpuSeconds: (used.user + used.system) / 1e6,
  gatewayCpuSeconds: cpuSecondsOf(plan.gatewayPid) - gatewayStart,
  refusals,
};
process.stdout.write(JSON.stringify(output));
