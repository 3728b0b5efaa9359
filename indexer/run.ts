// Starts Ponder after making sure its stored state was built from the chain it is about to read.
// A local chain restarted with the same chain id is invisible to Ponder (stale rows are served and the
// next event crashes on a primary key), so this wrapper records which chain the state came from (the
// hash of the block at the deployment's start block) and drops the state when the chain differs:
// the PGlite directory, or the Postgres schema plus this chain's rows in the shared ponder_sync cache.
// While Ponder runs it keeps checking; a reset then stops Ponder, drops the state and starts again.
//
//   tsx indexer/run.ts [start|dev|serve] [ponder options…]   (npm start -w @aim/indexer -- …)
// Env: AIM_RPC_URL, AIM_CHAIN_ID, DATABASE_URL (Postgres) or AIM_PGLITE_DIR, DATABASE_SCHEMA.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ChainIdentity, identityMatches, pickIdentityBlock } from "./lib/identity.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const rpcUrl = process.env.AIM_RPC_URL ?? "http://127.0.0.1:8545";
const checkEveryMs = Number(process.env.AIM_RESET_CHECK_MS ?? 2_000);
const log = (msg: string) => console.log(`${new Date().toISOString().slice(11, 23)} AIM   ${msg}`);

async function rpc<T>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** The chain's identity now: id and the hash of the identity block (start block, or block 1 on a fresh local chain). */
async function currentIdentity(startBlock: number): Promise<ChainIdentity> {
  const chainId = Number.parseInt(await rpc<string>("eth_chainId"), 16);
  const head = Number.parseInt(await rpc<string>("eth_blockNumber"), 16);
  const blockNumber = pickIdentityBlock(startBlock, head);
  const block = await rpc<{ hash: string } | null>("eth_getBlockByNumber", [
    `0x${blockNumber.toString(16)}`,
    false,
  ]);
  return { chainId, blockNumber, blockHash: block?.hash ?? "0x" };
}

interface StateStore {
  describe: string;
  exists(): Promise<boolean>;
  read(): Promise<ChainIdentity | undefined>;
  write(identity: ChainIdentity): Promise<void>;
  drop(chainId: number): Promise<void>;
  close(): Promise<void>;
}

function pgliteStore(): StateStore {
  const dir = path.resolve(process.env.AIM_PGLITE_DIR ?? path.join(here, ".ponder", "pglite"));
  const file = `${dir}.chain.json`;
  return {
    describe: `PGlite directory ${dir}`,
    exists: async () => existsSync(dir),
    read: async () =>
      existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ChainIdentity) : undefined,
    write: async (identity) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(identity));
    },
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(file, { force: true });
    },
    close: async () => {},
  };
}

async function postgresStore(url: string, schema: string): Promise<StateStore> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  await q("CREATE SCHEMA IF NOT EXISTS aim_indexer");
  await q(
    "CREATE TABLE IF NOT EXISTS aim_indexer.chain_identity (schema_name text PRIMARY KEY, chain_id bigint NOT NULL, block_number bigint NOT NULL, block_hash text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())",
  );
  const ident = `"${schema.replaceAll('"', '""')}"`;
  return {
    describe: `Postgres schema ${schema}`,
    exists: async () =>
      (await q("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [schema])).rowCount !== 0,
    read: async () => {
      const { rows } = await q("SELECT * FROM aim_indexer.chain_identity WHERE schema_name = $1", [schema]);
      const row = rows[0];
      return row
        ? { chainId: Number(row.chain_id), blockNumber: Number(row.block_number), blockHash: row.block_hash }
        : undefined;
    },
    write: async (i) => {
      await q(
        "INSERT INTO aim_indexer.chain_identity (schema_name, chain_id, block_number, block_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (schema_name) DO UPDATE SET chain_id = $2, block_number = $3, block_hash = $4, updated_at = now()",
        [schema, i.chainId, i.blockNumber, i.blockHash],
      );
    },
    drop: async (chainId) => {
      await q(`DROP SCHEMA IF EXISTS ${ident} CASCADE`);
      await q("DELETE FROM aim_indexer.chain_identity WHERE schema_name = $1", [schema]);
      // The RPC cache is shared by every schema: delete only this chain's rows.
      const { rows } = await q(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'ponder_sync' AND column_name = 'chain_id'",
      );
      for (const { table_name } of rows)
        await q(`DELETE FROM ponder_sync."${table_name}" WHERE chain_id = $1`, [chainId]);
    },
    close: () => client.end(),
  };
}

function schemaArg(args: string[]): string | undefined {
  const i = args.indexOf("--schema");
  return i >= 0 ? args[i + 1] : process.env.DATABASE_SCHEMA;
}

/** Drops the stored state when it was built from another chain; records the current chain. */
async function reconcile(store: StateStore, startBlock: number): Promise<ChainIdentity> {
  const now = await currentIdentity(startBlock);
  const stored = await store.read();
  const hasState = await store.exists();
  if (hasState && !identityMatches(stored, now)) {
    log(
      stored
        ? `Chain reset detected: block ${stored.blockNumber} of chain ${now.chainId} is now ${now.blockHash}, the stored state was built from ${stored.blockHash} (chain ${stored.chainId}). Dropping ${store.describe} and reindexing.`
        : `No record of the chain behind ${store.describe}: dropping it and reindexing so stale data is never served.`,
    );
    await store.drop(now.chainId);
  }
  await store.write(now);
  return now;
}

async function main() {
  const [command = "start", ...rest] = process.argv.slice(2);
  const args = [...rest];
  const { deployments } = await import("@aim/sdk/deployments");
  const chainId = Number(process.env.AIM_CHAIN_ID ?? 31337);
  const deployment = (
    deployments as Record<number, { startBlock?: number; contracts: Record<string, { startBlock: number }> }>
  )[chainId];
  const startBlock =
    deployment?.startBlock ??
    Math.min(...Object.values(deployment?.contracts ?? {}).map((c) => c.startBlock), 0);
  let schema = schemaArg(args);
  if (command === "start" && schema === undefined) {
    schema = "aim";
    args.push("--schema", schema);
  }
  const store = process.env.DATABASE_URL
    ? await postgresStore(process.env.DATABASE_URL, schema ?? "public")
    : pgliteStore();
  if (command !== "serve") await reconcile(store, startBlock);

  let child: ChildProcess | undefined;
  let stopping = false;
  let restarting = false;
  const launch = () => {
    child = spawn(
      process.execPath,
      [
        path.join(here, "..", "node_modules", "ponder", "dist", "esm", "bin", "ponder.js"),
        "--root",
        here,
        "--config",
        "../ponder.config.ts",
        command,
        ...args,
      ],
      { stdio: "inherit", env: { PONDER_TELEMETRY_DISABLED: "true", ...process.env } },
    );
    child.once("exit", (code) => {
      if (restarting) return;
      void store.close().finally(() => process.exit(stopping ? 0 : (code ?? 1)));
    });
  };
  launch();

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // Ponder releases its schema lock only on SIGINT.
    process.on(signal, () => {
      stopping = true;
      child?.kill("SIGINT");
    });
  }

  if (command === "serve") return;
  const expected = await currentIdentity(startBlock);
  const timer = setInterval(async () => {
    if (restarting || stopping) return;
    let now: ChainIdentity;
    try {
      now = await currentIdentity(startBlock);
    } catch {
      return; // node down or restarting: check again later
    }
    if (identityMatches(expected, now)) return;
    restarting = true;
    log(
      `Chain reset detected while running (block ${now.blockNumber}: ${expected.blockHash} -> ${now.blockHash}); restarting Ponder on fresh state.`,
    );
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child?.kill("SIGINT");
    await exited;
    await reconcile(store, startBlock);
    Object.assign(expected, await currentIdentity(startBlock));
    restarting = false;
    launch();
  }, checkEveryMs);
  timer.unref();
}

main().catch((error) => {
  console.error(`AIM indexer: ${(error as Error).message}`);
  process.exit(1);
});
