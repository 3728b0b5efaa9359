// The real indexer (indexer/run.ts → ponder start|dev) against a chain on a port of its own, on PGlite
// (a directory) or Postgres (a URL + a schema), with its HTTP API at hand.
import { freePort } from "./ports.js";
import { httpAnswers, type Service, type StartOptions, startService, waitUntil } from "./processes.js";

export interface IndexerOptions extends Pick<StartOptions, "cwd" | "onLine"> {
  rpcUrl: string;
  /** `start` (tests, benchmarks: JSON logs) or `dev` (npm run dev: Ponder's hot reload). Default `start`. */
  mode?: "start" | "dev";
  /** Default: a free port. */
  port?: number;
  /** `start` only: the PGlite directory, or Postgres at `databaseUrl` in `schema`. */
  pgliteDir?: string;
  databaseUrl?: string;
  schema?: string;
  env?: NodeJS.ProcessEnv;
}

export interface IndexerProcess {
  url: string;
  port: number;
  service: Service;
  output(): string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  get<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  indexedBlock(): Promise<number>;
  /** Waits until `/ready` answers 200 (the backfill is done). */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** Waits until the indexer has processed block `n` (or later). */
  waitForBlock(n: number | bigint, timeoutMs?: number): Promise<void>;
  /** SIGINT (Ponder releases its lock) and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL the whole process group (a crash). */
  kill9(): Promise<void>;
}

/** Starts the indexer (it does not wait: see `waitUntilReady` and `waitForBlock`). */
export async function startIndexer(options: IndexerOptions): Promise<IndexerProcess> {
  const port = options.port ?? (await freePort());
  const mode = options.mode ?? "start";
  // `start` runs on the database it is given, never on one from this shell; `dev` keeps the user's.
  const env: NodeJS.ProcessEnv =
    mode === "start"
      ? {
          DATABASE_URL: options.databaseUrl,
          DATABASE_PRIVATE_URL: undefined,
          AIM_PGLITE_DIR: options.databaseUrl ? undefined : options.pgliteDir,
          AIM_RESET_CHECK_MS: "1000",
          // hardhat node's newHeads subscription made Ponder look up blocks by a zero hash here: poll instead.
          AIM_WS_URL: process.env.AIM_WS_URL ?? "",
          AIM_POLLING_MS: process.env.AIM_POLLING_MS ?? "100",
          PONDER_LOG_LEVEL: process.env.PONDER_LOG_LEVEL ?? "info",
        }
      : {};
  Object.assign(env, { PONDER_TELEMETRY_DISABLED: "true", AIM_RPC_URL: options.rpcUrl }, options.env);
  const args =
    mode === "start"
      ? ["start", "--schema", options.schema ?? "public", "-p", String(port), "--log-format", "json"]
      : ["dev", "--port", String(port), "--disable-ui"];
  const service = startService("indexer", "tsx", ["indexer/run.ts", ...args, "--hostname", "127.0.0.1"], {
    cwd: options.cwd,
    env,
    onLine: options.onLine,
    graceMs: [20_000, 3_000, 2_000],
  });
  const url = `http://127.0.0.1:${port}`;
  const exitedWith = () => `it exited:\n${service.output().slice(-4000)}`;

  const get = async <T>(path: string) => {
    const response = await fetch(url + path);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, body: body as T };
  };
  const indexedBlock = async () => {
    try {
      const { status, body } = await get<Record<string, { block: { number: number } }>>("/status");
      return status === 200 ? (Object.values(body)[0]?.block.number ?? -1) : -1;
    } catch {
      return -1;
    }
  };
  return {
    url,
    port,
    service,
    output: () => service.output(),
    async gql<T>(query: string, variables?: Record<string, unknown>) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join("; ")}`);
      return body.data as T;
    },
    get,
    indexedBlock,
    waitUntilReady: (timeoutMs = 120_000) =>
      waitUntil(
        `indexer on ${url}`,
        () => httpAnswers(`${url}/ready`, true),
        timeoutMs,
        () => (service.hasExited() ? exitedWith() : undefined),
      ),
    async waitForBlock(n, timeoutMs = 120_000) {
      try {
        await waitUntil(
          `indexer at block ${n}`,
          async () => (await indexedBlock()) >= Number(n),
          timeoutMs,
          () => (service.hasExited() ? exitedWith() : undefined),
        );
      } catch (error) {
        if (service.hasExited()) throw error;
        throw new Error(`${(error as Error).message}:\n${service.output().slice(-4000)}`);
      }
    },
    stop: () => service.stop(),
    kill9: () => service.kill(),
  };
}
