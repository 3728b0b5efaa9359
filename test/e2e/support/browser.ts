// Headless Chromium for the app's end-to-end test and benchmark: Debian's /usr/bin/chromium driven by
// playwright-core, every non-loopback request aborted and recorded (the test fails if any was tried).
import { type Browser, type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface OfflineBrowser {
  browser: Browser;
  context: BrowserContext;
  /** Every request to a host other than 127.0.0.1/localhost that was attempted (and aborted). */
  external: string[];
  close(): Promise<void>;
}

function isLoopback(url: string): boolean {
  if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:")) return true;
  try {
    const { hostname } = new URL(url);
    return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
  } catch {
    return false;
  }
}

export async function launchOffline(
  options: { colorScheme?: "dark" | "light"; viewport?: { width: number; height: number } } = {},
): Promise<OfflineBrowser> {
  // Playwright gives every launch a fresh temporary profile.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "dark",
    viewport: options.viewport ?? { width: 1280, height: 860 },
  });
  const external: string[] = [];
  await context.route(
    (url) => !isLoopback(url.toString()),
    (route) => {
      external.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  return {
    browser,
    context,
    external,
    async close() {
      await browser.close();
    },
  };
}
