// A fetch stand-in for component tests: answers the indexer's GraphQL by operation name (and _meta with a
// block far ahead, so a transaction counts as indexed at once), and any other URL from `routes` (or, with
// `passthrough`, from the real network: a local gateway and chain the test started).
import { vi } from "vitest";

type Answer = unknown | ((variables: Record<string, unknown>) => unknown);

export interface FakeFetch {
  /** GraphQL answers by operation name: the `data` object. */
  graphql: Record<string, Answer>;
  /** Other URLs (a node's gateway): by URL prefix, the JSON body. */
  routes: Record<string, Answer>;
  /** Every URL fetched, in order. */
  calls: string[];
}

export function installFakeFetch({ passthrough = false } = {}): FakeFetch {
  const realFetch = globalThis.fetch;
  const fake: FakeFetch = { graphql: {}, routes: {}, calls: [] };
  const json = (body: unknown) =>
    new Response(
      JSON.stringify(body, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
      {
        headers: { "content-type": "application/json" },
      },
    );
  vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    fake.calls.push(url);
    if (url.endsWith("/graphql")) {
      const { query, variables } = JSON.parse(String(init?.body)) as {
        query: string;
        variables: Record<string, unknown>;
      };
      const name = /^\s*query\s+(\w+)/.exec(query)?.[1] ?? "";
      if (name === "Meta")
        return json({ data: { _meta: { status: { local: { id: 31337, block: { number: 1e9 } } } } } });
      const answer = fake.graphql[name];
      if (answer === undefined) return json({ errors: [{ message: `no fake answer for ${name}` }] });
      return json({ data: typeof answer === "function" ? answer(variables) : answer });
    }
    const prefix = Object.keys(fake.routes).find((p) => url.startsWith(p));
    if (prefix === undefined && passthrough) return realFetch(input, init);
    if (prefix === undefined) throw new TypeError(`fetch failed: ${url}`);
    const answer = fake.routes[prefix];
    return json(typeof answer === "function" ? answer({ url, init }) : answer);
  });
  return fake;
}
