/** `convgrad derive … | head`: when the reader closes the pipe early, no stack trace, exit 0. */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { MAIN, ROOT } from "./run.js";

function readThenClose(args: string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let first = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.stdout.once("data", (c: Buffer) => {
      first = c.toString("utf8");
      child.stdout.destroy(); // the reader goes away, like `head -c`
    });
    child.on("close", (code) => resolve({ code, stderr, first }));
  });
}

describe("closed pipe", () => {
  for (const format of ["json", "text"]) {
    it.concurrent(`--format ${format}: output cut by the reader ends quietly`, async () => {
      // 60x60 * 5x5: megabytes of output, far more than one pipe buffer
      const r = await readThenClose(["derive", "--input", "60x60", "--kernel", "5x5", "--format", format]);
      expect(r.first.length).toBeGreaterThan(0);
      expect(r.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
      expect(r.code).toBe(0);
    });
  }
});
