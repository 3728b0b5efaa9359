// @vitest-environment node
// The app's indexer reads against the indexer's real schema, the one Ponder serves, built by Ponder's own
// builder (`buildGraphQLSchema`, what its `graphql()` middleware calls) from indexer/ponder.schema.ts:
// - app/src/lib/indexer.generated.d.ts, the type gql.tada infers every query's variables and result from, is
//   the one that schema gives now (else `npm run app:generate`; `tsc` then fails where the app reads a field
//   the new schema changed);
// - every GraphQL document the app exports validates against it: gql.tada types a field the schema lacks as
//   `unknown` instead of failing, so a query naming a field, argument, filter or type the indexer does not have
//   fails here, not in a user's browser;
// - the row types read off the queries are what the schema says (checked by `tsc`, which runs these lines too).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import {
  buildSchema,
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  validate,
} from "graphql";
import type { Hex } from "viem";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { ActivityRow, AimDetail, ChannelRow, ListingRow, OfferRow } from "../../app/src/lib/queries.js";
import {
  INDEXER_GRAPHQL_MODULE,
  indexerGraphqlModule,
  indexerSchemaSdl,
} from "../../scripts/lib/indexer-graphql.js";

const ROOT = join(import.meta.dirname, "../..");
const APP_SRC = join(ROOT, "app/src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")
        ? [join(dir, e.name)]
        : [],
  );
}

/** A document with an operation (fragments are checked inside the queries that spread them). */
const isOperation = (v: unknown): v is DocumentNode =>
  typeof v === "object" &&
  v !== null &&
  (v as DocumentNode).kind === Kind.DOCUMENT &&
  (v as DocumentNode).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION);

/** Every exported GraphQL operation of every app module that builds queries with gql.tada's `graphql`. */
async function appDocuments(): Promise<{ name: string; text: string }[]> {
  const docs: { name: string; text: string }[] = [];
  for (const file of sourceFiles(APP_SRC)) {
    const code = readFileSync(file, "utf8");
    if (!/\bgraphql\(\s*`/.test(code)) continue;
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const found = Object.entries(mod).filter(([, v]) => isOperation(v));
    // A module that builds a query with graphql() but exports none would escape this test.
    expect(found.length, `${relative(ROOT, file)} uses graphql() but exports no query`).toBeGreaterThan(0);
    for (const [name, doc] of found)
      docs.push({ name: `${relative(APP_SRC, file)}:${name}`, text: print(doc as DocumentNode) });
  }
  return docs;
}

let schema: GraphQLSchema;
let docs: { name: string; text: string }[];

beforeAll(async () => {
  schema = buildSchema(await indexerSchemaSdl());
  docs = await appDocuments();
});

describe("the app's GraphQL types against the indexer's schema", () => {
  it("app/src/lib/indexer.generated.d.ts is the one the schema gives now", async () => {
    expect(readFileSync(INDEXER_GRAPHQL_MODULE, "utf8"), "run `npm run app:generate`").toBe(
      await indexerGraphqlModule(),
    );
  });

  it("types rows as the schema does: hex columns Hex, bigints decimal strings, nullable columns nullable", () => {
    expectTypeOf<ListingRow["id"]>().toEqualTypeOf<Hex>();
    expectTypeOf<ListingRow["pricePerUnit"]>().toEqualTypeOf<string>();
    expectTypeOf<ListingRow["aimId"]>().toEqualTypeOf<string | null>();
    expectTypeOf<ListingRow["open"]>().toEqualTypeOf<boolean>();
    expectTypeOf<AimDetail["pendingCallFeeBps"]>().toEqualTypeOf<number | null>();
    expectTypeOf<ChannelRow["salt"]>().toEqualTypeOf<Hex>();
    expectTypeOf<ChannelRow["aim"]>().toEqualTypeOf<{ name: string | null } | null>();
    expectTypeOf<OfferRow["node"]>().toMatchTypeOf<{ operator: Hex; active: boolean } | null>();
    expectTypeOf<ActivityRow["counterparty"]>().toEqualTypeOf<Hex | null>();
    // The generated type marks hex columns only in results: filters and variables stay String.
    expect(readFileSync(INDEXER_GRAPHQL_MODULE, "utf8")).toMatch(
      /'channel': \{ kind: 'OBJECT'.*'payer': \{ name: 'payer'; type: \{ kind: 'NON_NULL'; name: never; ofType: \{ kind: 'SCALAR'; name: 'Hex'/,
    );
  });
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
