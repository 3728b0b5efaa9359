// The Postgres the dual-database suites (indexer, gateway store) also run on. Locally it is optional; under
// CI a suite that cannot run its Postgres half fails the run instead of silently shrinking to PGlite/SQLite.
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI) {
    throw new Error(
      "CI is set but TEST_DATABASE_URL is not: this suite's Postgres runs cannot run. .ci/run starts a " +
        "cluster when it runs as root; elsewhere set TEST_DATABASE_URL=postgresql://user:pass@host/db.",
    );
  }
  return url;
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
