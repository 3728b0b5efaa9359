// A small typed GraphQL client for the Ponder indexer. Documents are written with gql.tada's `graphql`,
// which infers their variables and result from the indexer's schema (app/src/lib/indexer.generated.d.ts,
// generated from indexer/ponder.schema.ts by `npm run app:generate`), so `tsc` fails when a query and the
// schema disagree. Ponder's GraphQL sends BigInt values as decimal strings, hex columns as 0x… strings (typed
// Hex by the generated module) and JSON values as they are.

import { print } from "@0no-co/graphql.web";
import { initGraphQLTada, type TadaDocumentNode } from "gql.tada";
import type { Hex } from "viem";
import { indexerUrl } from "../config.js";
import { reportIndexer } from "./health.js";
import type { introspection } from "./indexer.generated.js";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { BigInt: string; JSON: unknown; Hex: Hex };
  // A fragment's fields are part of the result of the query that spreads it.
  disableMasking: true;
}>();

export type { ResultOf } from "gql.tada";

/** The indexer could not be reached (as opposed to answering with an error). */
class IndexerUnreachableError extends Error {
  override name = "IndexerUnreachableError";
}

class GraphQLResponseError extends Error {
  override name = "GraphQLResponseError";
}

export async function request<TResult, TVariables>(
  query: TadaDocumentNode<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch(`${indexerUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: print(query), variables }),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    reportIndexer(false);
    throw new IndexerUnreachableError(`The indexer at ${indexerUrl} cannot be reached.`);
  }
  if (response.status >= 500) {
    reportIndexer(false);
    throw new IndexerUnreachableError(`The indexer answered ${response.status}.`);
  }
  reportIndexer(true);
  const body = (await response.json()) as { data?: TResult; errors?: { message: string }[] };
  if (body.errors?.length) throw new GraphQLResponseError(body.errors.map((e) => e.message).join("; "));
  if (!body.data) throw new GraphQLResponseError("The indexer returned no data.");
  return body.data;
}

/** GET a JSON route of the indexer's API (/catalogue, /search, /stats). */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${indexerUrl}${path}`, { signal });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    reportIndexer(false);
    throw new IndexerUnreachableError(`The indexer at ${indexerUrl} cannot be reached.`);
  }
  reportIndexer(response.status < 500);
  if (!response.ok) {
    // The API's 4xx answers say what was wrong: { error: "minPrice: ..." }.
    const reason = ((await response.json().catch(() => ({}))) as { error?: string }).error;
    throw new GraphQLResponseError(reason ?? `${path} answered ${response.status}.`);
  }
  return (await response.json()) as T;
}
