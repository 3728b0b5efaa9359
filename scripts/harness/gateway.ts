// The gateway (gateway/main.ts) as its own process, configured by environment variables (GATEWAY_CONFIG,
// GATEWAY_*), ready once /health answers 200.
import { httpAnswers, type Service, type StartOptions, startService, startUntilReady } from "./processes.js";

export interface GatewayProcessOptions extends Pick<StartOptions, "cwd" | "onLine"> {
  /** The port its configuration listens on (the probe's target). */
  port: number;
  env: NodeJS.ProcessEnv;
  /** Node's own flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}

export interface GatewayProcess {
  url: string;
  service: Service;
  stop(): Promise<void>;
}

/** Starts the gateway in one node process (its pid is the gateway's) and waits until it is healthy. */
export async function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const service = startService(
    "gateway",
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", "gateway/main.ts"],
    { cwd: options.cwd, env: options.env, onLine: options.onLine },
  );
  await startUntilReady(service, () => httpAnswers(`${url}/health`, true), options.readyTimeoutMs ?? 60_000);
  return { url, service, stop: () => service.stop() };
}
