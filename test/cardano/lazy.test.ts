// Importing sdk/cardano costs no WASM: lucid-cardano is evaluated only when a function needs it.
import { expect, test, vi } from "vitest";

const state = vi.hoisted(() => ({ loaded: false }));
vi.mock("lucid-cardano", async (importOriginal) => {
  state.loaded = true;
  return importOriginal();
});

test("importing the SDK does not load lucid-cardano; the first call that needs it does", async () => {
  const sdk = await import("@aim/sdk/cardano");
  expect(typeof sdk.buyTx).toBe("function");
  expect(sdk.manifestHash("{}")).toHaveLength(64);
  expect(sdk.MARKET_SCRIPT_HASH).toMatch(/^[0-9a-f]{56}$/);
  expect(state.loaded).toBe(false);
  await sdk.loadLucid();
  expect(state.loaded).toBe(true);
});
