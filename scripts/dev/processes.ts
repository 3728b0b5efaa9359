// Child processes of `npm run dev`, each in its own process group so that stopping one stops
// everything it started (npm → sh → node, vite's workers, ponder's threads): no orphans.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Append the output to this file instead of printing it (the chain's RPC log is noisy). */
  logFile?: string;
}

export interface Supervised {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export class Supervisor {
  readonly #children: Supervised[] = [];
  #stopping = false;

  constructor(private readonly onUnexpectedExit: (name: string, code: number | null) => void) {}

  get stopping(): boolean {
    return this.#stopping;
  }

  start(name: string, command: string, args: string[], options: StartOptions = {}): Supervised {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: signalled as a whole, not by the terminal's Ctrl-C
    });
    if (options.logFile !== undefined) {
      const file = createWriteStream(options.logFile, { flags: "a" });
      child.stdout?.pipe(file);
      child.stderr?.pipe(file);
    } else {
      for (const stream of [child.stdout, child.stderr]) {
        if (stream === null) continue;
        createInterface({ input: stream }).on("line", (line) => console.log(`[${name}] ${line}`));
      }
    }
    const exited = new Promise<number | null>((resolve) => {
      child.once("exit", (code) => {
        if (!this.#stopping) this.onUnexpectedExit(name, code);
        resolve(code);
      });
    });
    const supervised = { name, child, exited };
    this.#children.push(supervised);
    return supervised;
  }

  /** Runs a command to completion (output captured); rejects with its output when it fails. */
  async run(name: string, command: string, args: string[], options: StartOptions = {}): Promise<string> {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const supervised = {
      name,
      child,
      exited: new Promise<number | null>((resolve) => child.once("exit", resolve)),
    };
    this.#children.push(supervised);
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    const code = await supervised.exited;
    this.#children.splice(this.#children.indexOf(supervised), 1);
    if (code !== 0) throw new Error(`${name} failed (exit code ${code}):\n${output}`);
    return output;
  }

  /** Stops every child, newest first: SIGINT to its group, then SIGTERM, then SIGKILL. */
  async stopAll(): Promise<void> {
    this.#stopping = true;
    for (const supervised of [...this.#children].reverse()) {
      await stopGroup(supervised);
    }
    this.#children.length = 0;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(child: ChildProcess, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!groupAlive(child)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !groupAlive(child);
}

async function stopGroup({ child }: Supervised): Promise<void> {
  // SIGINT first: Ponder releases its database lock only on SIGINT.
  for (const [signal, graceMs] of [
    ["SIGINT", 8000],
    ["SIGTERM", 3000],
    ["SIGKILL", 2000],
  ] as const) {
    if (!groupAlive(child)) return;
    signalGroup(child, signal);
    if (await waitGone(child, graceMs)) return;
  }
}
