// The app's Vite dev server (app/) on a given port, ready once its page answers 200.
import { httpAnswers, type Service, type StartOptions, startService, startUntilReady } from "./processes.js";

export interface AppOptions extends Pick<StartOptions, "onLine"> {
  port: number;
  /** VITE_* variables: which chain, indexer and gateway the app talks to. */
  env: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}

export async function startApp(options: AppOptions): Promise<{ url: string; service: Service }> {
  const url = `http://127.0.0.1:${options.port}`;
  const service = startService(
    "app",
    "vite",
    ["app", "--host", "127.0.0.1", "--port", String(options.port), "--strictPort"],
    { env: options.env, onLine: options.onLine },
  );
  await startUntilReady(service, () => httpAnswers(url, true), options.readyTimeoutMs ?? 60_000);
  return { url, service };
}
