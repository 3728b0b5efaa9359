// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type Loader = typeof import("../../app/src/walletLoader.js");
const fresh = async (): Promise<Loader> => {
  vi.resetModules();
  return import("../../app/src/walletLoader.js");
};
const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => {
    done = true;
  });
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

beforeEach(() => {
  window.location.hash = "";
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("walletLayerWanted", () => {
  it("loads at once on a route other than the catalogue", async () => {
    window.location.hash = "#/portfolio";
    const { walletLayerWanted } = await fresh();
    expect(await settled(walletLayerWanted())).toBe(true);
  });

  it("loads at once when a wallet was connected before, so wagmi can reconnect it", async () => {
    localStorage.setItem("wagmi.recentConnectorId", '"injected"');
    const { walletLayerWanted } = await fresh();
    expect(await settled(walletLayerWanted())).toBe(true);
  });

  it("waits on the catalogue until the first interaction", async () => {
    const { walletLayerWanted } = await fresh();
    const wanted = walletLayerWanted();
    expect(await settled(wanted)).toBe(false);
    window.dispatchEvent(new Event("keydown"));
    expect(await settled(wanted)).toBe(true);
  });

  it("loads when asked (the shell's Connect button)", async () => {
    const { walletLayerWanted, loadWalletLayer } = await fresh();
    const wanted = walletLayerWanted();
    expect(await settled(wanted)).toBe(false);
    loadWalletLayer();
    expect(await settled(wanted)).toBe(true);
  });

  it("loads by itself a few seconds after the page has loaded", async () => {
    vi.useFakeTimers();
    const { walletLayerWanted } = await fresh();
    const wanted = walletLayerWanted();
    let done = false;
    void wanted.then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(done).toBe(true);
  });
});
