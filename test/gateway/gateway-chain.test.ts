// The gateway tests' chain helper never leaks a `hardhat node`: when deploying fails, the node is stopped.
import { describe, expect, it } from "vitest";
import { startChannelsChain } from "../../scripts/fixtures/channels-chain.js";
import { rpcClient } from "../../scripts/harness/chain.js";

describe("startChannelsChain", () => {
  it("stops the chain it started when deploying fails", async () => {
    let url = "";
    await expect(
      startChannelsChain(async (chain) => {
        url = chain.url;
        expect(await chain.publicClient.getChainId()).toBe(31337);
        throw new Error("missing artifact");
      }),
    ).rejects.toThrow("missing artifact");
    await expect(rpcClient(url).getChainId()).rejects.toThrow();
  });
});
