// A small typed GraphQL client for the Ponder indexer. Queries are plain strings branded with their
// result and variable types (validated against the indexer's schema with the `graphql` package in
// test/app/queries-schema.test.ts), so the runtime carries no GraphQL parser.

import { indexerUrl } from "../config.js";
import { reportIndexer } from "./health.js";

declare const resultType: unique symbol;
declare const variablesType: unique symbol;

/** A GraphQL document that knows the shape of its result and variables. */
export type TypedQuery<TResult, TVariables> = string & {
  readonly [resultType]?: TResult;
  readonly [variablesType]?: TVariables;
};

/** Tags a query with its types: `gql<Result, Vars>\`query ...\``. */
export function gql<TResult, TVariables = Record<string, never>>(
  strings: TemplateStringsArray,
  ...parts: string[]
): TypedQuery<TResult, TVariables> {
  return strings.reduce((text, s, i) => text + s + (parts[i] ?? ""), "") as TypedQuery<TResult, TVariables>;
}

/** The indexer could not be reached (as opposed to answering with an error). */
class IndexerUnreachableError extends Error {
  override name = "IndexerUnreachableError";
}

class GraphQLResponseError extends Error {
  override name = "GraphQLResponseError";
}

export async function request<TResult, TVariables>(
  query: TypedQuery<TResult, TVariables>,
  variables?: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch(`${indexerUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables: variables ?? {} }),
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
