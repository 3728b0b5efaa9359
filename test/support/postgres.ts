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
