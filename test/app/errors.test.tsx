import { abis } from "@aim/sdk/deployments";
import { type Abi, encodeErrorResult, getContractError, RawContractError } from "viem";
import { describe, expect, it } from "vitest";
import {
  CONTRACT_ERRORS,
  type ContractErrorNames,
  humanizeError,
  PRODUCTION_CONTRACTS,
} from "../../app/src/lib/errors.js";

// `npm run typecheck` fails when an error of the ABIs has no sentence, or the table names one they lack: the
// same `satisfies` as app/src/lib/errors.ts, on a table with one sentence removed and one made up.
type Sentence = (args: readonly unknown[]) => string;
const { PaymentChannelsSessionCapExceeded: _removed, ...withoutOne } = CONTRACT_ERRORS;
// @ts-expect-error PaymentChannelsSessionCapExceeded has no sentence
void (withoutOne satisfies Record<ContractErrorNames, Sentence>);
// @ts-expect-error ChannelNotFound (the name before the PaymentChannels prefix) is no error of the ABIs
void ({ ...CONTRACT_ERRORS, ChannelNotFound: () => "." } satisfies Record<ContractErrorNames, Sentence>);

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
    expect(humanizeError(reverted("PaymentChannelsAmountExceedsDeposit", [10n, 5n])).message).toMatch(
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
  it("has a sentence for every custom error of every production ABI (and the ERC-20 errors)", () => {
    const names: string[] = [...PRODUCTION_CONTRACTS, "TestUSDC" as const].flatMap((c) =>
      abis[c].filter((item) => item.type === "error").map((item) => item.name),
    );
    expect(names.length).toBeGreaterThan(100);
    const table: Record<string, ((args: readonly unknown[]) => string) | undefined> = CONTRACT_ERRORS;
    const missing = names.filter((name) => typeof table[name] !== "function");
    expect(missing).toEqual([]);
    // Nothing in the table that no ABI declares (tsc checks this too, with `satisfies`).
    expect(Object.keys(CONTRACT_ERRORS).filter((name) => !names.includes(name))).toEqual([]);
    for (const [name, sentence] of Object.entries(table)) {
      const text = sentence?.([1n, 2n, 3n, 4n, 5n]) ?? "";
      expect(text, name).toMatch(/^[A-Z0-9].*[.!]$/);
      expect(text, name).not.toMatch(/undefined|NaN/);
    }
  });

  it("turns a real viem ContractFunctionRevertedError of the new errors into their sentence", () => {
    const cases = [
      {
        abi: abis.PaymentChannels,
        errorName: "PaymentChannelsSessionCapExceeded",
        args: [30_000n, 20_000n],
        functionName: "claim",
        expected:
          "This voucher (30,000) is above the session key's cap of 20,000. Raise the session cap, or approve the call in your wallet.",
      },
      {
        abi: abis.PaymentChannels,
        errorName: "PaymentChannelsPayeeNotLicensed",
        args: ["0x00000000000000000000000000000000000000e1", 7n],
        functionName: "open",
        expected: /no longer holds a license of AIM #7, so it cannot be paid: choose another node/,
      },
      {
        abi: abis.AIMMarketplace,
        errorName: "MarketplaceFeeAboveSellerMax",
        args: [300, 250],
        functionName: "list",
        expected:
          "The marketplace fee is now 3%, above the 2.5% you accepted: nothing was listed. Review the new fee and list again.",
      },
      {
        abi: abis.HyperBoxRegistry,
        errorName: "HyperBoxRegistryLicensesInUse",
        args: ["0x00000000000000000000000000000000000000e1", 7n, 1n, 1n],
        functionName: "setOffer",
        expected: /already back 1 serving node\(s\): one license backs one node/,
      },
      {
        abi: abis.PaymentChannels,
        errorName: "PaymentChannelsLifetimeExceeded",
        args: [2n ** 40n, 1_900_000_000n],
        functionName: "extend",
        expected: /at most a year from when it opened/,
      },
    ] as const;
    for (const c of cases) {
      const data = encodeErrorResult({ abi: c.abi as Abi, errorName: c.errorName, args: [...c.args] });
      const error = getContractError(new RawContractError({ data }), {
        abi: c.abi as Abi,
        address: "0x00000000000000000000000000000000000000c1",
        functionName: c.functionName,
        args: [],
      });
      expect(error.name).toBe("ContractFunctionExecutionError");
      expect((error.cause as { name?: string }).name).toBe("ContractFunctionRevertedError");
      const human = humanizeError(error);
      expect(human.kind).toBe("contract");
      expect(human.errorName).toBe(c.errorName);
      if (typeof c.expected === "string") expect(human.message).toBe(c.expected);
      else expect(human.message).toMatch(c.expected);
    }
  });
});
