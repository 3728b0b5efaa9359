// The portfolio's query, shared by the Portfolio screen and by every write (useTransaction), which
// refreshes it once indexed: each write changes the account's holdings, listings or credits, and the
// portfolio is where a buyer looks next.
import type { Address } from "viem";
import { request } from "./graphql.js";
import { PORTFOLIO } from "./queries.js";

export function portfolioQuery(account: Address | undefined) {
  const key = account?.toLowerCase() as Address | undefined;
  return {
    queryKey: ["portfolio", key] as const,
    queryFn: () => request(PORTFOLIO, { account: key as Address }),
    enabled: Boolean(key),
  };
}
