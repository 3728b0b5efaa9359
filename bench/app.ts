// `npm run bench:app`: the dApp's performance against its targets, printed as a table.
//  1. build (vite); JS the catalogue route loads in a real browser without interaction (gzip) vs
//     200 kB, the part needed before first render, and the whole build;
//  2. Lighthouse (mobile defaults and the desktop preset; Debian's chromium via chrome-launcher) on the
//     catalogue page: performance >= 90, accessibility >= 95;
//  3. against the real local marketplace (`npm run dev` on free ports): a buy made in the browser,
//     from the receipt being mined to the portfolio showing the new licenses: <= 1 s.
// BENCH_APP_SKIP_MARKETPLACE=1 skips step 3; VITE_INDEXER_URL points the built app at an indexer.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";
import { preview } from "vite";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../test/e2e/support/browser.js";
import { measureBuyToPortfolio } from "./app-latency.js";
import { measureBuild, measureLoadedJs } from "./app-size.js";

const ROOT = process.cwd();
const DIST = join(ROOT, "app/dist");
type Row = [what: string, measured: string, target: string, verdict: string];
const rows: Row[] = [];
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const verdict = (ok: boolean) => (ok ? "ok" : "MISS");

// 1. Build and sizes.
execFileSync(
  join(ROOT, "node_modules/.bin/vite"),
  ["build", "--config", "app/vite.config.ts", "--logLevel", "error"],
  {
    stdio: "inherit",
  },
);
const size = measureBuild(DIST);
const server = await preview({
  configFile: join(ROOT, "app/vite.config.ts"),
  preview: { port: 0, host: "127.0.0.1" },
  logLevel: "silent",
});
const url = `${server.resolvedUrls?.local[0] ?? "http://127.0.0.1:4173/"}#/`;
const loaded = await measureLoadedJs(url, DIST);
rows.push([
  "catalogue route: all JS it loads (gzip)",
  `${kb(loaded.gzip)} (${loaded.files.length} files)`,
  "<= 200 kB",
  verdict(loaded.gzip <= 200 * 1024),
]);
rows.push(["  of which needed for first render", kb(size.routeGzip), "", ""]);
rows.push(["whole build, JS + CSS (gzip)", `${kb(size.totalGzip)} (${size.totalFiles} files)`, "lazy", ""]);
rows.push(["anchor: minimal RainbowKit page", "271 kB", "", ""]);

// 2. Lighthouse.
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
});
try {
  for (const [label, config] of [
    ["mobile", undefined],
    ["desktop", desktopConfig],
  ] as const) {
    const result = await lighthouse(
      url,
      { port: chrome.port, onlyCategories: ["performance", "accessibility"], logLevel: "error" },
      config,
    );
    const lhr = result?.lhr;
    const perf = Math.round((lhr?.categories.performance?.score ?? 0) * 100);
    const a11y = Math.round((lhr?.categories.accessibility?.score ?? 0) * 100);
    const m = (id: string) => lhr?.audits[id]?.displayValue ?? "?";
    rows.push([
      `Lighthouse performance, ${label}`,
      `${perf} (FCP ${m("first-contentful-paint")}, LCP ${m("largest-contentful-paint")}, TBT ${m("total-blocking-time")}, CLS ${m("cumulative-layout-shift")})`,
      ">= 90",
      verdict(perf >= 90),
    ]);
    rows.push([`Lighthouse accessibility, ${label}`, String(a11y), ">= 95", verdict(a11y >= 95)]);
    for (const ref of lhr?.categories.accessibility?.auditRefs ?? [])
      if (lhr?.audits[ref.id]?.score === 0) console.log(`  accessibility (${label}): ${ref.id}`);
  }
} finally {
  await chrome.kill();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}

// 3. Buy mined -> portfolio, against the local marketplace.
if (process.env.BENCH_APP_SKIP_MARKETPLACE !== "1") {
  const m = await measureBuyToPortfolio();
  rows.push(["buy: mined -> indexed, as the app saw it", `${m.minedToIndexed.toFixed(0)} ms`, "", ""]);
  rows.push([
    "buy: mined -> portfolio shows it",
    `${m.minedToPortfolio.toFixed(0)} ms`,
    "<= 1000 ms",
    verdict(m.minedToPortfolio <= 1000),
  ]);
}

const widths = [0, 1, 2, 3].map((i) => Math.max(6, ...rows.map((r) => (r[i] ?? "").length)));
const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(`\n${line(["what", "measured", "target", ""])}`);
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
process.exit(0);
