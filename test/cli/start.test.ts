/**
 * `npm start` (scripts/start.mjs) runs the main job in one process: the lecture's derivation, then
 * the lecture's own summary checked against it — the same output as the two CLI commands run apart.
 */
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "./run.js";

function start(args: string[] = []): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/start.mjs", ...args],
      { cwd: ROOT, timeout: 60_000, maxBuffer: 64 << 20, encoding: "utf8" },
      (err, stdout) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout });
      },
    );
  });
}

describe("npm start", () => {
  it("prints derive's and verify's output for the lecture, one after the other, and exits 0", async () => {
    const lecture = ["--input", "3x3", "--kernel", "2x2"];
    const [s, d, v] = await Promise.all([
      start(),
      cli(["derive", ...lecture]),
      cli(["verify", ...lecture, "docs/examples/lecture-summary.tex"]),
    ]);
    const header =
      "\n=== The lecture's own formulas, checked against the derivation (docs/examples/lecture-summary.tex) ===\n\n";
    expect(s.stdout).toBe(d.stdout + header + v.stdout);
    // verify finds the lecture's wrong formulas (exit 1 alone): that is the job, not a failure
    expect(v.code).toBe(1);
    expect(s.code).toBe(0);
  });

  it("with arguments it is the CLI, exit code included", async () => {
    const r = await start(["verify", "--input", "3x3", "--kernel", "2x2", "--expr", "δx22 = δy11 w22"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILS/);
  });
});
