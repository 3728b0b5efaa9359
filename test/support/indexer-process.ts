// Runs the real indexer (indexer/run.ts → ponder start) against a local chain on a free port, on
// PGlite (a temp directory) or Postgres (TEST_DATABASE_URL + a schema), and talks to its API.
import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "./local-chain.js";

export interface IndexerOptions {
  rpcUrl: string;
  /** PGlite directory, or a Postgres schema when `databaseUrl` is set. */
  pgliteDir?: string;
  databaseUrl?: string;
  schema: string;
}

export interface IndexerProcess {
  url: string;
  port: number;
  output(): string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  get<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  indexedBlock(): Promise<number>;
  /** Waits until the indexer has processed block `n` (or later). */
  waitForBlock(n: number | bigint, timeoutMs?: number): Promise<void>;
  /** SIGINT (Ponder releases its lock) and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL the whole process group (a crash). */
  kill9(): Promise<void>;
}

export async function startIndexer(options: IndexerOptions): Promise<IndexerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    AIM_RPC_URL: options.rpcUrl,
    AIM_RESET_CHECK_MS: "1000",
    // hardhat node's newHeads subscription made Ponder look up blocks by a zero hash here: poll instead.
    AIM_WS_URL: process.env.AIM_WS_URL ?? "",
    AIM_POLLING_MS: process.env.AIM_POLLING_MS ?? "100",
    PONDER_LOG_LEVEL: process.env.PONDER_LOG_LEVEL ?? "info",
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_PRIVATE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else env.AIM_PGLITE_DIR = options.pgliteDir;
  const child: ChildProcess = spawn(
    "npx",
    [
      "tsx",
      "indexer/run.ts",
      "start",
      "--schema",
      options.schema,
      "-p",
      String(port),
      "--hostname",
      "127.0.0.1",
      "--log-format",
      "json",
    ],
    { env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let out = "";
  child.stdout?.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    out += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;

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
  const handle: IndexerProcess = {
    url,
    port,
    output: () => out,
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
    async waitForBlock(n, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null)
          throw new Error(`indexer exited (${child.exitCode}):\n${out.slice(-4000)}`);
        if ((await indexedBlock()) >= Number(n)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`indexer did not reach block ${n} within ${timeoutMs} ms:\n${out.slice(-4000)}`);
    },
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGINT");
      } catch {}
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), "SIGKILL");
        } catch {}
      }, 20_000);
      await exited;
      clearTimeout(timer);
    },
    async kill9() {
      if (child.exitCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
      await exited;
    },
  };
  return handle;
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ""}`);
}

/** A throw-away Postgres database (its own `ponder_sync` RPC cache, so chains never mix), dropped by `drop`. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates database `<name>_<tag>_<pid>` next to the one at `baseUrl` (the role needs CREATEDB). */
export async function scratchDatabase(baseUrl: string, tag: string): Promise<ScratchDatabase> {
  const { default: pg } = await import("pg");
  const name = `${new URL(baseUrl).pathname.slice(1) || "aim"}_${tag}_${process.pid}`.replace(/\W/g, "_");
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
