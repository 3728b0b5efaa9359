// When the wallet layer (wagmi, viem transports, connectors: the WagmiApp chunk) loads. The
// catalogue is read-only and paints without it; loading it at once would put its parse and
// evaluation on the main thread while a phone is still painting the first screen. It loads:
//  - at once on any other route, or when a wallet was connected before (wagmi reconnects it);
//  - on the first interaction (pointer, key, touch, navigation) or the shell's Connect button;
//  - otherwise once the page has loaded and the browser has been idle for a few seconds.
const IDLE_AFTER_LOAD_MS = 3_000;

let resolveWanted: () => void = () => {};
const wanted = new Promise<void>((resolve) => {
  resolveWanted = resolve;
});

/** Starts loading the wallet layer now (idempotent). */
export function loadWalletLayer(): void {
  resolveWanted();
}

function hadWallet(): boolean {
  try {
    return window.localStorage.getItem("wagmi.recentConnectorId") !== null;
  } catch {
    return false;
  }
}

/** Resolves when the wallet layer should load; installs the triggers on first call. */
export function walletLayerWanted(): Promise<void> {
  const route = window.location.hash.replace(/^#\/?/, "");
  const onCatalogue = route === "" || route.startsWith("?");
  if (!onCatalogue || hadWallet()) {
    loadWalletLayer();
    return wanted;
  }
  const events = ["pointerdown", "keydown", "touchstart", "hashchange"] as const;
  const trigger = () => {
    for (const e of events) window.removeEventListener(e, trigger, true);
    loadWalletLayer();
  };
  for (const e of events) window.addEventListener(e, trigger, { capture: true, passive: true });
  const afterLoad = () =>
    setTimeout(() => {
      if ("requestIdleCallback" in window) window.requestIdleCallback(trigger, { timeout: 2_000 });
      else trigger();
    }, IDLE_AFTER_LOAD_MS);
  if (document.readyState === "complete") afterLoad();
  else window.addEventListener("load", afterLoad, { once: true });
  return wanted;
}
