// Long-running child processes (chain, indexer, gateway, app, `npm run dev`) for dev scripts, tests and
// benchmarks. Each one runs in its own process group (execa, `detached`), so stopping it stops everything
// it started (npm → sh → node, vite's workers, Ponder's threads) and the terminal's Ctrl-C reaches only
// the parent. execa's own `cleanup` skips detached children: the exit hook below kills the groups still
// alive when this process exits, so a failing test or a crashed script leaves nothing behind.
import { createWriteStream } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import execa from "execa";

/** The repository: where every service runs unless told otherwise (its node_modules/.bin is on PATH). */
export const REPO_ROOT = resolve(import.meta.dirname, "..", "..");

export interface StartOptions {
  /** Default: the repository's root. */
  cwd?: string;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Appends the output to this file (the chain's RPC log is noisy). */
  logFile?: string;
  /** Called with each line of output (stdout and stderr). */
  onLine?: (line: string) => void;
  /** How long each signal of `stop()` (SIGINT, SIGTERM, SIGKILL) is given; default 8 s, 3 s, 2 s. */
  graceMs?: readonly [sigint: number, sigterm: number, sigkill: number];
}

/** A child process in its own process group, with its output collected. */
export interface Service {
  readonly name: string;
  readonly pid: number;
  /** What it printed so far (its last megabytes; nothing when `logFile` is set). */
  output(): string;
  /** Resolves with its exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  hasExited(): boolean;
  /** Resolves when the output matches `pattern`; rejects if it exits first or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Sends `signal` to the whole group. */
  signal(signal: NodeJS.Signals): void;
  /** SIGINT to the group (Ponder releases its database lock only on SIGINT), then SIGTERM, then SIGKILL. */
  stop(): Promise<void>;
  /** SIGKILL to the group (a crash), and waits for the exit. */
  kill(): Promise<void>;
}

/** Output kept per service: a chain logs every RPC call, and benchmarks run for minutes. */
const MAX_OUTPUT = 32_000_000;
const running = new Set<Service>();
let exitHookInstalled = false;

function killAllRunning(): void {
  for (const service of running) service.signal("SIGKILL");
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", killAllRunning);
  // A signal that would end this process by default (no handler of its own, unlike scripts/dev.ts,
  // which stops its services gently) ends its services first, then this process as it would have.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      killAllRunning();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/** Resolves true once no process of the group `pid` is left, false after `ms`. */
async function groupGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (signalGroup(pid, 0)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Starts `command` (found in node_modules/.bin too) in its own process group. */
export function startService(
  name: string,
  command: string,
  args: readonly string[],
  options: StartOptions = {},
): Service {
  const child = execa(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env,
    preferLocal: true,
    detached: true,
    stdin: "ignore",
    all: true,
    buffer: false,
    reject: false,
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pid = child.pid;
  let output = "";
  let exitCode: number | null | undefined;
  const listeners = new Set<() => void>();
  // The output ends when the last process holding the pipe exits, not always with the child itself.
  const outputEnded = new Promise<void>((resolve) => {
    child.all?.once("close", resolve);
    if (child.all === undefined) resolve();
  });
  if (options.logFile !== undefined) {
    child.all?.pipe(createWriteStream(options.logFile, { flags: "a" }));
  } else if (child.all) {
    createInterface({ input: child.all }).on("line", (line) => {
      output += `${line}\n`;
      if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT / 2);
      options.onLine?.(line);
      for (const listener of listeners) listener();
    });
  }
  const exited = child.then(async (result) => {
    // Its last lines may still be in the pipe; a grandchild that keeps the pipe open is not waited for.
    await Promise.race([outputEnded, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    exitCode = result.signal === undefined ? result.exitCode : null;
    running.delete(service);
    for (const listener of listeners) listener();
    return exitCode;
  });
  const [sigintMs, sigtermMs, sigkillMs] = options.graceMs ?? [8_000, 3_000, 2_000];

  const service: Service = {
    name,
    pid,
    output: () => output,
    exited,
    hasExited: () => exitCode !== undefined,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        const check = () => {
          const match = output.match(pattern);
          if (match !== null) {
            done();
            resolve(match);
          } else if (exitCode !== undefined) {
            done();
            reject(new Error(`${name} exited with ${exitCode} before ${pattern}; output:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${name}: no ${pattern} within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    signal: (signal) => void signalGroup(pid, signal),
    async stop() {
      for (const [signal, graceMs] of [
        ["SIGINT", sigintMs],
        ["SIGTERM", sigtermMs],
        ["SIGKILL", sigkillMs],
      ] as const) {
        if (!signalGroup(pid, signal)) break;
        if (await groupGone(pid, graceMs)) break;
      }
      await exited;
    },
    async kill() {
      signalGroup(pid, "SIGKILL");
      await exited;
    },
  };
  running.add(service);
  installExitHook();
  return service;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` to completion (output captured), in its own group so that stopping everything stops it. */
export async function runToCompletion(
  command: string,
  args: readonly string[],
  options: Pick<StartOptions, "cwd" | "env"> = {},
): Promise<Finished> {
  const result = await execa(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env,
    preferLocal: true,
    stdin: "ignore",
    stripFinalNewline: false,
    reject: false,
  });
  return {
    code: result.signal === undefined ? result.exitCode : null,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** Polls `probe` every 100 ms; throws `what` after `timeoutMs` or as soon as `failed()` says why. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  failed: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = failed();
    if (failure !== undefined) throw new Error(`${what}: ${failure}`);
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not ready after ${timeoutMs / 1000} s`);
}

/** Whether `url` answers a GET (with a 2xx when `okOnly`) within 2 s. */
export async function httpAnswers(url: string, okOnly = false): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return okOnly ? response.ok : response.status < 500;
  } catch {
    return false;
  }
}

/** Starts `name` and waits until `probe` says it is ready; stops it when it is not. */
export async function startUntilReady(
  service: Service,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<Service> {
  try {
    await waitUntil(service.name, probe, timeoutMs, () =>
      service.hasExited() ? `it exited\n${service.output().slice(-4000)}` : undefined,
    );
    return service;
  } catch (error) {
    await service.kill();
    throw error;
  }
}
