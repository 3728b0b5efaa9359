// The process harness stops whole process trees: on stop(), and when the process that started them exits
// without stopping them (a test that failed, a script that crashed).
import { describe, expect, it } from "vitest";
import { runToCompletion, startService } from "../../scripts/harness/processes.js";
import { isAlive, processTree } from "../deploy/helpers.js";

describe("startService", () => {
  it("stops the service and every process it started", async () => {
    // sh leaves SIGINT to its background jobs ignored: stop() goes on to SIGTERM.
    const service = startService("tree", "sh", ["-c", "sleep 300 & sleep 300 & echo started; wait"], {
      graceMs: [1_000, 1_000, 1_000],
    });
    await service.waitForOutput(/started/, 10_000);
    const tree = processTree(service.pid);
    expect(tree.length).toBeGreaterThanOrEqual(3);
    await service.stop();
    expect(tree.filter(isAlive)).toEqual([]);
    expect(service.hasExited()).toBe(true);
  });

  it("rejects a wait for output that can no longer come, with what was printed", async () => {
    const service = startService("short", "sh", ["-c", "echo bye; exit 3"]);
    await expect(service.waitForOutput(/never/, 10_000)).rejects.toThrow(
      /exited with 3 before \/never\/; output:\nbye/,
    );
    expect(await service.exited).toBe(3);
  });

  it("kills the trees left running when the process that started them is ended by a signal", async () => {
    const script = [
      'import { startService } from "./scripts/harness/processes.ts";',
      'const service = startService("orphan", "sh", ["-c", "sleep 300 & echo $!; wait"]);',
      "await service.waitForOutput(/^\\d+$/m, 10_000);",
      "console.log(service.output().trim());",
      'process.kill(process.pid, "SIGTERM");',
      "await new Promise((resolve) => setTimeout(resolve, 10_000));",
    ].join("\n");
    const { code, stdout } = await runToCompletion(process.execPath, [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
    ]);
    expect(code).toBeNull();
    const sleeper = Number(stdout.trim());
    expect(sleeper).toBeGreaterThan(0);
    await expect.poll(() => isAlive(sleeper), { timeout: 5_000 }).toBe(false);
  });

  it("kills the trees left running when the process that started them exits", async () => {
    const script = [
      'import { startService } from "./scripts/harness/processes.ts";',
      'const service = startService("orphan", "sh", ["-c", "sleep 300 & echo $!; wait"]);',
      "await service.waitForOutput(/^\\d+$/m, 10_000);",
      "console.log(service.output().trim());",
      "process.exit(1);",
    ].join("\n");
    const { code, stdout } = await runToCompletion("tsx", ["--input-type=module", "-e", script]);
    expect(code).toBe(1);
    const sleeper = Number(stdout.trim());
    expect(sleeper).toBeGreaterThan(0);
    await expect.poll(() => isAlive(sleeper), { timeout: 5_000 }).toBe(false);
  });
});
