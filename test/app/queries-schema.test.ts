// @vitest-environment node
// Every GraphQL document the app sends is validated against the indexer's real schema: the one
// Ponder serves, built by Ponder's own builder (`buildGraphQLSchema`, what its `graphql()` middleware
// calls and prints to generated/schema.graphql) from indexer/ponder.schema.ts. A query naming a
// field, argument, filter or type the indexer does not have fails here, not in a user's browser.
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import {
  buildSchema,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const APP_SRC = join(ROOT, "app/src");

/** The SDL Ponder writes to generated/schema.graphql, built the way Ponder builds it. */
async function indexerSchemaSdl(): Promise<string> {
  const tables = await import(pathToFileURL(join(ROOT, "indexer/ponder.schema.ts")).href);
  // Not in ponder's package exports: load the module the graphql() middleware itself uses by path.
  const builderPath = realpathSync(join(ROOT, "node_modules/ponder/dist/esm/graphql/index.js"));
  const builder = (await import(pathToFileURL(builderPath).href)) as {
    buildGraphQLSchema(args: { schema: unknown }): unknown;
  };
  // Ponder runs outside vite and loads graphql's CommonJS build; print with that same copy (as
  // Ponder's middleware does), then rebuild the SDL with this file's `graphql`.
  const ponderGraphql = createRequire(builderPath)("graphql") as { printSchema(s: unknown): string };
  return ponderGraphql.printSchema(builder.buildGraphQLSchema({ schema: tables }));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")
        ? [join(dir, e.name)]
        : [],
  );
}

const isDocument = (v: unknown): v is string =>
  typeof v === "string" && /^\s*(query|mutation|subscription)\b/.test(v);

/** Every exported GraphQL document of every app module that builds queries with `gql`. */
async function appDocuments(): Promise<{ name: string; text: string }[]> {
  const docs: { name: string; text: string }[] = [];
  for (const file of sourceFiles(APP_SRC)) {
    const code = readFileSync(file, "utf8");
    if (!/\bgql\s*(<|`)/.test(code) || file.endsWith(join("lib", "graphql.ts"))) continue;
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const found = Object.entries(mod).filter(([, v]) => isDocument(v));
    // A module that builds a query with gql but exports none would escape this test.
    expect(found.length, `${relative(ROOT, file)} uses gql but exports no query`).toBeGreaterThan(0);
    for (const [name, text] of found)
      docs.push({ name: `${relative(APP_SRC, file)}:${name}`, text: text as string });
  }
  return docs;
}

let schema: GraphQLSchema;
let docs: { name: string; text: string }[];

beforeAll(async () => {
  schema = buildSchema(await indexerSchemaSdl());
  docs = await appDocuments();
});

describe("the app's GraphQL queries against the indexer's schema", () => {
  it("finds the schema and the app's queries", () => {
    expect(schema.getQueryType()?.getFields()).toHaveProperty("aims");
    const names = docs.map((d) => d.name);
    for (const q of ["LISTINGS", "AIM_PAGE", "PORTFOLIO", "MY_CHANNELS", "ACTIVITY", "META"])
      expect(names).toContain(`lib/queries.ts:${q}`);
  });

  it("validates every query the app sends", () => {
    const failures = docs.flatMap((d) =>
      validate(schema, parse(d.text)).map((e) => `${d.name}: ${e.message}`),
    );
    expect(failures).toEqual([]);
  });

  it("gives every document exactly one named operation", () => {
    for (const d of docs) {
      const ops = parse(d.text).definitions.filter(
        (x): x is OperationDefinitionNode => x.kind === Kind.OPERATION_DEFINITION,
      );
      expect(
        ops.map((o) => Boolean(o.name)),
        d.name,
      ).toEqual([true]);
    }
  });

  it("rejects a query that names a field the indexer does not have", () => {
    const bad = parse("query Bad { aims { items { id nameThatDoesNotExist } } }");
    expect(validate(schema, bad).map((e) => e.message)).toEqual([
      'Cannot query field "nameThatDoesNotExist" on type "aim".',
    ]);
    const badFilter = parse('query Bad { listings(where: { priceTypo_gt: "1" }) { totalCount } }');
    expect(validate(schema, badFilter)).toHaveLength(1);
  });
});
