// JS the catalogue route loads (the entry chunk and everything it imports statically, i.e. before
// any lazy import() runs), gzip -9, versus the whole build. Used by `npm run bench:app`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface SizeReport {
  routeFiles: { file: string; raw: number; gzip: number }[];
  routeGzip: number;
  routeRaw: number;
  totalGzip: number;
  totalRaw: number;
  totalFiles: number;
}

const gz = (buf: Buffer): number => gzipSync(buf, { level: 9 }).length;

export function measureBuild(distDir: string): SizeReport {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const entries = [...html.matchAll(/<script[^>]+src="\.?\/?([^"]+\.js)"/g)].map((m) => m[1] as string);
  const seen = staticClosure(distDir, entries);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\.?\/?([^"]+\.css)"/g)].map(
    (m) => m[1] as string,
  );
  const routeFiles = [...seen, ...css].map((file) => {
    const buf = readFileSync(join(distDir, file));
    return { file, raw: buf.length, gzip: gz(buf) };
  });
  let totalGzip = 0;
  let totalRaw = 0;
  let totalFiles = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|css)$/.test(name)) {
        const buf = readFileSync(p);
        totalRaw += buf.length;
        totalGzip += gz(buf);
        totalFiles += 1;
      }
    }
  };
  walk(distDir);
  const jsOnly = routeFiles.filter((f) => f.file.endsWith(".js"));
  return {
    routeFiles,
    routeGzip: jsOnly.reduce((s, f) => s + f.gzip, 0),
    routeRaw: jsOnly.reduce((s, f) => s + f.raw, 0),
    totalGzip,
    totalRaw,
    totalFiles,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureBuild(process.argv[2] ?? "app/dist");
  for (const f of r.routeFiles.sort((a, b) => b.gzip - a.gzip))
    console.log(`${(f.gzip / 1024).toFixed(1).padStart(8)} kB  ${f.file}`);
  console.log(
    `catalogue route JS: ${(r.routeGzip / 1024).toFixed(1)} kB gzip; whole build ${(r.totalGzip / 1024).toFixed(1)} kB gzip in ${r.totalFiles} files`,
  );
  const cardano = cardanoCodeIn(
    process.argv[2] ?? "app/dist",
    r.routeFiles.map((f) => f.file),
  );
  console.log(
    `Cardano code (lucid, CML WASM) in the catalogue route: ${cardano.map((c) => `${c.file} (${c.marker})`).join(", ") || "none"}`,
  );
  if (cardano.length > 0) process.exitCode = 1;
}

/**
 * What a browser really downloads for `url` (gzip -9, from dist/): without any interaction (the
 * entry, its static imports and every lazy chunk the route pulls in on its own), and in all once
 * the first interaction has loaded the wallet layer (wagmi, connectors).
 */
export async function measureLoadedJs(
  url: string,
  distDir: string,
): Promise<{ files: string[]; gzip: number; afterInteraction: { files: string[]; gzip: number } }> {
  const { launchOffline } = await import("../scripts/fixtures/browser.js");
  const b = await launchOffline();
  try {
    const page = await b.context.newPage();
    const files = new Set<string>();
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith(".js")) files.add(path.replace(/^\//, ""));
    });
    const sum = (list: string[]) => list.reduce((s, f) => s + gz(readFileSync(join(distDir, f))), 0);
    await page.goto(url, { waitUntil: "networkidle" });
    await page.waitForTimeout(1_500);
    const first = [...files];
    await page.mouse.click(5, 400);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1_500);
    const all = [...files];
    return { files: first, gzip: sum(first), afterInteraction: { files: all, gzip: sum(all) } };
  } finally {
    await b.close();
  }
}

/** `entries` (paths under distDir) and every chunk they import statically, i.e. what loads with them before
 * any lazy import() runs. */
export function staticClosure(distDir: string, entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(distDir, file), "utf8");
    // Static imports only: `import ... from "./x.js"` / `import "./x.js"` (not import("./x.js")).
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.\/[^"']+\.js)["']/g)) {
      const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
      queue.push(join(dir, (m[1] as string).slice(2)));
    }
  }
  return seen;
}

/** The files among `files` (paths under distDir) that carry lucid-cardano or its CML/CMS WASM bindings,
 * with the marker found: a `.wasm` reference or CML's `TransactionBuilder` (sdk/cardano's own small
 * modules, which load lucid on demand, are not counted). */
export function cardanoCodeIn(distDir: string, files: string[]): { file: string; marker: string }[] {
  const markers = [".wasm", "TransactionBuilder"];
  const found: { file: string; marker: string }[] = [];
  for (const file of files.filter((f) => f.endsWith(".js"))) {
    const code = readFileSync(join(distDir, file), "utf8");
    const marker = markers.find((m) => code.includes(m));
    if (marker) found.push({ file, marker });
  }
  return found;
}
