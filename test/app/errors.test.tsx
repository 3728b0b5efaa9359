import { describe, expect, it } from "vitest";
import { CONTRACT_ERRORS, humanizeError } from "../../app/src/lib/errors.js";

/** Builds a viem-like error chain: outer WriteContract error -> ContractFunctionRevertedError. */
function reverted(errorName: string, args: unknown[] = []) {
  const inner = Object.assign(new Error(`reverted with ${errorName}`), {
    name: "ContractFunctionRevertedError",
    data: { errorName, args },
  });
  return Object.assign(new Error("Execution reverted"), {
    name: "ContractFunctionExecutionError",
    cause: inner,
  });
}

describe("humanizeError", () => {
  it("turns a wallet rejection (EIP-1193 code 4001) into a sentence", () => {
    const rpc = Object.assign(new Error("User rejected the request."), { code: 4001 });
    const wrapped = Object.assign(new Error("User rejected the request."), {
      name: "UserRejectedRequestError",
      cause: rpc,
    });
    expect(humanizeError(wrapped)).toEqual({
      kind: "rejected",
      message: "You rejected the request in your wallet. Nothing was sent.",
    });
    expect(humanizeError(rpc).kind).toBe("rejected");
  });
  it("maps marketplace custom errors with their arguments", () => {
    const e = humanizeError(reverted("MarketplaceInsufficientQuantity", ["0xabc", 5n, 2n]));
    expect(e).toEqual({
      kind: "contract",
      errorName: "MarketplaceInsufficientQuantity",
      message: "Only 2 left in this listing; you asked for 5. Lower the quantity.",
    });
    expect(humanizeError(reverted("MarketplacePriceMismatch", ["0xabc", 1n, 2n])).message).toMatch(
      /seller changed the price/,
    );
    expect(humanizeError(reverted("MarketplaceListingNotFound", ["0xabc"])).message).toMatch(
      /cancelled or sold out/,
    );
  });
  it("maps registry and channel errors", () => {
    expect(humanizeError(reverted("AIMRegistryRoyaltyTooHigh", [1500n, 1000n])).message).toBe(
      "The sale royalty (15%) is above the 10% limit.",
    );
    expect(humanizeError(reverted("AmountExceedsDeposit", ["0x1", 10n, 5n])).message).toMatch(
      /Top the channel up/,
    );
  });
  it("names an unknown custom error rather than hiding it", () => {
    expect(humanizeError(reverted("SomethingNew", []))).toEqual({
      kind: "contract",
      errorName: "SomethingNew",
      message: "The contract refused this (SomethingNew).",
    });
  });
  it("recognises insufficient funds, a chain mismatch and an unreachable node", () => {
    expect(humanizeError(Object.assign(new Error("x"), { name: "InsufficientFundsError" })).kind).toBe(
      "funds",
    );
    expect(humanizeError(Object.assign(new Error("x"), { name: "ChainMismatchError" })).kind).toBe("chain");
    const http = Object.assign(new Error("HTTP request failed."), {
      name: "HttpRequestError",
      cause: new TypeError("Failed to fetch"),
    });
    expect(humanizeError(http)).toEqual({
      kind: "network",
      message: "The blockchain node cannot be reached. Check your connection and retry.",
    });
  });
  it("falls back to the short message, first line only, and never throws", () => {
    const e = Object.assign(new Error("long\ndetails"), { shortMessage: "Nonce too low" });
    expect(humanizeError(e).message).toBe("Something went wrong: Nonce too low");
    expect(humanizeError(undefined).message).toBe("Something went wrong. Please retry.");
    expect(humanizeError("plain").message).toBe("Something went wrong: plain");
  });
  it("has a sentence for every custom error of the interfaces", () => {
    for (const name of [
      "MarketplaceListingSoldOut",
      "AIMRegistryNotCreator",
      "ChannelExpired",
      "NotExpired",
      "RoyaltySplitterNothingDue",
    ])
      expect(typeof CONTRACT_ERRORS[name]).toBe("function");
    for (const [name, sentence] of Object.entries(CONTRACT_ERRORS)) {
      const text = sentence([1n, 2n, 3n, 4n]);
      expect(text, name).toMatch(/[.!]$/);
    }
  });
});
