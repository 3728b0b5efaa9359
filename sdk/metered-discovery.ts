// Finds the nodes serving an AIM through the indexer's GraphQL (Ponder): its active offers (the operator still
// holds a license, the offer was not removed) on active nodes, cheapest first. A node's word is then checked by
// MeteredClient (prices against the manifest you trust, every charge against what you authorised).
import type { Address } from "viem";

export interface ServingNode {
  nodeId: bigint;
  /** The gateway's URL, as registered in HyperBoxRegistry. */
  endpoint: string;
  /** The payee of the channels to open. */
  operator: Address;
  currency: Address;
  region: string;
}

const QUERY = `query Serving($aimId: BigInt!) {
  offers(where: { aimId: $aimId, active: true }, orderBy: "pricePerCall", orderDirection: "asc", limit: 100) {
    items { nodeId currency node { endpoint operator region active } }
  }
}`;

interface OfferItem {
  nodeId: string;
  currency: Address;
  node: { endpoint: string; operator: Address; region: string; active: boolean } | null;
}

/** The nodes serving `aimId`, from the indexer at `indexerUrl` (e.g. http://127.0.0.1:42069). */
export async function findNodes(
  indexerUrl: string,
  aimId: bigint,
  fetcher: typeof fetch = fetch,
): Promise<ServingNode[]> {
  const response = await fetcher(`${indexerUrl.replace(/\/$/, "")}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: QUERY, variables: { aimId: aimId.toString() } }),
  });
  const body = (await response.json()) as {
    data?: { offers: { items: OfferItem[] } };
    errors?: { message: string }[];
  };
  if (!response.ok || !body.data) {
    throw new Error(
      `indexer ${indexerUrl}: ${body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${response.status}`}`,
    );
  }
  return body.data.offers.items
    .filter((item) => item.node?.active && /^https?:\/\//.test(item.node.endpoint))
    .map((item) => ({
      nodeId: BigInt(item.nodeId),
      endpoint: (item.node as NonNullable<OfferItem["node"]>).endpoint,
      operator: (item.node as NonNullable<OfferItem["node"]>).operator,
      currency: item.currency,
      region: (item.node as NonNullable<OfferItem["node"]>).region,
    }));
}
