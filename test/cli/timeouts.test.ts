/**
 * Tests that spawn the CLI must not fail because the machine is busy: every test gets a timeout with
 * room (vitest.config.mjs), a spawned CLI is killed before it, and every file that spawns imports run.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_KILL_TIMEOUT, CLI_TEST_TIMEOUT, ROOT } from "./run.js";

const SPAWNS = /\bcli\(|\bspawn(Sync)?\(|\bexecFile(Sync)?\(|\bexec(Sync)?\(/;

describe("timeouts of tests that spawn the CLI", () => {
  it("a test has the CLI helper's timeout, at least 60 s, and a spawned CLI is killed before it", (ctx) => {
    expect(ctx.task.timeout).toBe(CLI_TEST_TIMEOUT);
    expect(ctx.task.timeout).toBeGreaterThanOrEqual(60_000);
    expect(CLI_KILL_TIMEOUT).toBeGreaterThanOrEqual(60_000);
    expect(CLI_KILL_TIMEOUT).toBeLessThan(CLI_TEST_TIMEOUT);
  });

  it("every test file under test/cli, test/export and test/golden that spawns a process imports the helper", () => {
    const offenders: string[] = [];
    let spawning = 0;
    for (const dir of ["test/cli", "test/export", "test/golden"]) {
      for (const f of readdirSync(join(ROOT, dir))) {
        if (!f.endsWith(".test.ts")) continue;
        const src = readFileSync(join(ROOT, dir, f), "utf8");
        if (!SPAWNS.test(src)) continue;
        spawning++;
        if (!/from "(\.\/|\.\.\/cli\/)run\.js"/.test(src)) offenders.push(`${dir}/${f}`);
      }
    }
    expect(spawning).toBeGreaterThanOrEqual(7);
    expect(offenders).toEqual([]);
  });
});
