// Shared by the deploy tests: deploy with the Ignition CLI as a user would, and watch process trees.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, runToCompletion } from "../../scripts/harness/processes.js";

/** Deploys LocalSystem with the Ignition CLI to the node at `rpcUrl` under a throw-away deployment id. */
export async function deployLocalSystem(rpcUrl: string): Promise<void> {
  const deploymentId = `test-${process.pid}-${Date.now()}`;
  try {
    const result = await runToCompletion(
      "npx",
      [
        "hardhat",
        "ignition",
        "deploy",
        "deploy/modules/LocalSystem.ts",
        "--network",
        "localhost",
        "--parameters",
        "deploy/parameters/localhost.json",
        "--deployment-id",
        deploymentId,
      ],
      { env: { AIM_RPC_URL: rpcUrl } },
    );
    if (result.code !== 0) throw new Error(`ignition deploy failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(join(REPO_ROOT, "deploy", "deployments", deploymentId), { recursive: true, force: true });
  }
}

/** Every live process whose parent chain leads to `pid` (from /proc), `pid` included. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: comm may contain spaces, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // exited while listing
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree.filter((p) => parents.has(p));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
