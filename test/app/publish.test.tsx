// @vitest-environment jsdom
// The Publish flow against issue 12's AIMMarketplace.list(..., maxFeeBps): the marketplace fee in force is read
// (feeBps), shown to the seller, and sent as the highest fee they accept, so a fee raised in flight makes the
// listing revert with MarketplaceFeeAboveSellerMax, said as a sentence. The wallet (wagmi) is a stub.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import {
  type Address,
  encodeAbiParameters,
  encodeErrorResult,
  encodeEventTopics,
  getContractError,
  RawContractError,
} from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { contracts } from "../../app/src/contracts.js";
import { list } from "../../app/src/lib/actions.js";
import Publish from "../../app/src/routes/Publish.js";
import { wagmiConfig } from "../../app/src/wagmi.js";
import { installFakeFetch } from "./support/fakeIndexer.js";

const CREATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" as Address;
const EXAMPLE = readFileSync(join(process.cwd(), "sdk/examples/sentiment.json"), "utf8");

const wagmi = vi.hoisted(() => ({
  readContract: vi.fn(),
  writeContract: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
}));
vi.mock("wagmi", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wagmi")>()),
  useAccount: () => ({ address: CREATOR, chain: { id: 31337 } }),
  useConfig: () => ({}),
}));
vi.mock("wagmi/actions", () => wagmi);

let feeBps = 250;

/** The receipt of publish(): one AIMPublished log for AIM #7. */
function publishedReceipt() {
  const event = contracts.registry.abi.find((x) => x.type === "event" && x.name === "AIMPublished");
  if (!event || event.type !== "event") throw new Error("no AIMPublished in the ABI");
  const topics = encodeEventTopics({
    abi: contracts.registry.abi,
    eventName: "AIMPublished",
    args: { aimId: 7n, creator: CREATOR },
  });
  const data = encodeAbiParameters(
    event.inputs.filter((i) => !i.indexed),
    ["data:,", `0x${"00".repeat(32)}`, CREATOR, 500n, 100, 0n],
  );
  return {
    status: "success",
    blockNumber: 5n,
    logs: [
      {
        address: contracts.registry.address,
        topics,
        data,
        blockNumber: 5n,
        logIndex: 0,
        transactionIndex: 0,
      },
    ],
  };
}

beforeEach(() => {
  localStorage.clear();
  installFakeFetch();
  feeBps = 250;
  wagmi.readContract
    .mockReset()
    .mockImplementation(async (_config, { functionName }: { functionName: string }) => {
      if (functionName === "feeBps") return feeBps;
      if (functionName === "isApprovedForAll") return true;
      throw new Error(`unexpected read ${functionName}`);
    });
  wagmi.writeContract.mockReset().mockResolvedValue(`0x${"aa".repeat(32)}`);
  wagmi.waitForTransactionReceipt.mockReset().mockResolvedValue(publishedReceipt());
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const writes = (name: string) =>
  wagmi.writeContract.mock.calls
    .map(([, call]) => call as { functionName: string; args: readonly unknown[] })
    .filter((c) => c.functionName === name);

function renderPublish() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Publish />
    </QueryClientProvider>,
  );
}

describe("listing with the highest marketplace fee the seller accepts", () => {
  it("shows the marketplace fee and lists with it as maxFeeBps", async () => {
    renderPublish();
    expect((await screen.findByText(/The marketplace keeps 2\.5% of each sale/)).dataset.testid).toBe(
      "marketplace-fee",
    );
    fireEvent.change(screen.getByLabelText("manifest.json"), { target: { value: EXAMPLE } });
    fireEvent.change(screen.getByLabelText(/^Price per license/), { target: { value: "0.01" } });
    fireEvent.click(screen.getByRole("button", { name: "Publish" }));
    await waitFor(() => expect(writes("list")).toHaveLength(1));
    const args = writes("list")[0]?.args ?? [];
    expect(args).toHaveLength(8);
    expect(args[0]).toBe(contracts.registry.address);
    expect(args[1]).toBe(7n);
    expect(args[7]).toBe(250);
    expect(await screen.findByText(/AIM #7 is published and listed/)).toBeTruthy();
  });

  it("a fee raised in flight: the revert is said as a sentence, and nothing is listed", async () => {
    renderPublish();
    await screen.findByText(/The marketplace keeps 2\.5%/);
    // The owner raises the fee after the page read it: the chain refuses the listing at the fee the seller saw.
    wagmi.writeContract.mockImplementation(async (_config, call: { functionName: string }) => {
      if (call.functionName !== "list") return `0x${"aa".repeat(32)}`;
      throw getContractError(
        new RawContractError({
          data: encodeErrorResult({
            abi: contracts.market.abi,
            errorName: "MarketplaceFeeAboveSellerMax",
            args: [300, 250],
          }),
        }),
        { abi: contracts.market.abi, address: contracts.market.address, functionName: "list", args: [] },
      );
    });
    fireEvent.change(screen.getByLabelText("manifest.json"), { target: { value: EXAMPLE } });
    fireEvent.change(screen.getByLabelText(/^Price per license/), { target: { value: "0.01" } });
    fireEvent.click(screen.getByRole("button", { name: "Publish" }));
    await waitFor(() =>
      expect(
        screen
          .getAllByRole("alert")
          .map((a) => a.textContent)
          .join("\n"),
      ).toContain(
        "The marketplace fee is now 3%, above the 2.5% you accepted: nothing was listed. Review the new fee and list again.",
      ),
    );
    expect(writes("list")[0]?.args[7]).toBe(250);
    expect(screen.queryByText(/published and listed/)).toBeNull();
  });

  it("list() passes maxFeeBps as the last argument of AIMMarketplace.list", async () => {
    await list(wagmiConfig, { tokenId: 3n, currency: `0x${"00".repeat(20)}` }, 5n, 2n, 9n, 300);
    const [call] = writes("list");
    expect(call?.args).toEqual([contracts.registry.address, 3n, 0, `0x${"00".repeat(20)}`, 5n, 2n, 9n, 300]);
  });
});
