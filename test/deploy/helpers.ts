// Shared by the deploy tests: run the repository's commands as a user would, and watch processes.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` from the repository root to completion. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** Deploys LocalSystem with the Ignition CLI to the node at `rpcUrl` under a throw-away deployment id. */
export async function deployLocalSystem(rpcUrl: string): Promise<void> {
  const deploymentId = `test-${process.pid}-${Date.now()}`;
  try {
    const result = await run(
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
      { AIM_RPC_URL: rpcUrl },
    );
    if (result.code !== 0) throw new Error(`ignition deploy failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(join(ROOT, "deploy", "deployments", deploymentId), { recursive: true, force: true });
  }
}

/** A long-running command in its own process group, with its output collected. */
export interface Service {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the output matches `pattern`; rejects if the process exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

export function startService(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Service {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolvePromise) =>
    child.once("exit", (code) => resolvePromise(code)),
  );
  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolvePromise, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match === null) return false;
          done();
          resolvePromise(match);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        const listener = () => void check();
        const done = () => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        listeners.add(listener);
        void exited.then((code) => {
          if (!check()) {
            done();
            reject(new Error(`exited with ${code} before ${pattern}; output:\n${output}`));
          }
        });
        check();
      });
    },
  };
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

/** Kills a service's whole process group (test cleanup). */
export function killGroup(service: Service): void {
  if (service.child.pid === undefined) return;
  try {
    process.kill(-service.child.pid, "SIGKILL");
  } catch {
    // gone
  }
}
