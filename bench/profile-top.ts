// Summarises a V8 .cpuprofile (node --cpu-prof, e.g. BENCH_CPU_PROF=1 npm run bench:gateway): the functions
// with the most self time, and the most total time of the project's own files and packages.
// Run: npx tsx bench/profile-top.ts .bench/<file>.cpuprofile [rows]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

const [file, rowsText] = process.argv.slice(2);
if (!file) throw new Error("usage: tsx bench/profile-top.ts <file.cpuprofile> [rows]");
const rows = Number(rowsText ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const label = (n: ProfileNode) => {
  const url = n.callFrame.url
    .replace(/^file:\/\/.*node_modules\//, "")
    .replace(/^file:\/\/.*\/wt\/[^/]+\//, "");
  return `${n.callFrame.functionName || "(anonymous)"} ${url}:${n.callFrame.lineNumber + 1}`;
};
const total = profile.nodes.reduce((sum, n) => sum + n.hitCount, 0);
const idle = profile.nodes
  .filter((n) => ["(idle)", "(program)", "(garbage collector)"].includes(n.callFrame.functionName))
  .map((n) => `${n.callFrame.functionName} ${((100 * n.hitCount) / total).toFixed(1)}%`);
const self = new Map<string, number>();
for (const n of profile.nodes) self.set(label(n), (self.get(label(n)) ?? 0) + n.hitCount);
// Inclusive time per label (counted once per sample path).
const inclusive = new Map<string, number>();
const walk = (id: number, seen: Set<string>): number => {
  const n = byId.get(id) as ProfileNode;
  let hits = n.hitCount;
  const key = label(n);
  const first = !seen.has(key);
  if (first) seen.add(key);
  for (const child of n.children ?? []) hits += walk(child, seen);
  if (first) {
    seen.delete(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + hits);
  }
  return hits;
};
walk(profile.nodes[0]?.id as number, new Set());
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, hits] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * hits) / total).toFixed(1).padStart(6)}%  ${key}`);
  }
};
console.log(`samples: ${total}; ${idle.join(", ")}`);
print("self time", self);
print("total time", inclusive);
