// Writes app/src/lib/indexer.generated.d.ts: the indexer's GraphQL schema as a type, from which gql.tada
// types every query the app sends (see scripts/lib/indexer-graphql.ts). Run after changing
// indexer/ponder.schema.ts; `tsc` then fails wherever the app reads a field the new schema changed.
// Usage: npm run app:generate [-- --check]
//   --check  compare instead of writing; exit 1 with a one-line reason when the file is stale.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { INDEXER_GRAPHQL_MODULE, indexerGraphqlModule } from "./lib/indexer-graphql.js";

const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
const source = await indexerGraphqlModule();
const current = existsSync(INDEXER_GRAPHQL_MODULE) ? readFileSync(INDEXER_GRAPHQL_MODULE, "utf8") : undefined;
if (values.check) {
  if (current !== source) {
    console.error(
      `${INDEXER_GRAPHQL_MODULE} is out of date with indexer/ponder.schema.ts: run \`npm run app:generate\``,
    );
    process.exitCode = 1;
  } else {
    console.log(`${INDEXER_GRAPHQL_MODULE} is up to date`);
  }
} else {
  if (current !== source) writeFileSync(INDEXER_GRAPHQL_MODULE, source);
  console.log(`${INDEXER_GRAPHQL_MODULE} ${current === source ? "unchanged" : "written"}`);
}
