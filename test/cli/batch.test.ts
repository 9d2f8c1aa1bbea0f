/**
 * cliBatch (several command lines in one Node process, run.ts) stands in for spawned runs in the
 * tests of what the commands print and return: it must give what the bin gives, run by run —
 * stdout, stderr and exit code — for a derivation, a usage error, verify's failing verdict (exit 1)
 * after a passing one, help, and no command at all.
 */
import { describe, expect, it } from "vitest";
import { cli, cliBatch } from "./run.js";

const OK = ["--input", "3x3", "--kernel", "2x2"];

describe("cliBatch", () => {
  it("gives each command line the bin's stdout, stderr and exit code", async () => {
    const lines = [
      ["verify", ...OK, "--expr", "ΔX = Rot180(W) *full ΔY"],
      ["verify", ...OK, "--color", "never", "docs/examples/lecture-summary.tex"],
      ["derive", "--input", "0x3", "--kernel", "2x2"],
      ["slides", ...OK, "--names", "a,k,z"],
      ["derive", "--help"],
      [],
    ];
    const [batch, spawned] = await Promise.all([cliBatch(lines), Promise.all(lines.map((l) => cli(l)))]);
    expect(batch).toHaveLength(lines.length);
    expect(new Set(spawned.map((r) => r.code))).toEqual(new Set([0, 1, 2])); // success, a failing check, bad input
    for (const [i, l] of lines.entries()) {
      const [b, s] = [batch[i]!, spawned[i]!];
      expect({ code: b.code, stdout: b.stdout, stderr: b.stderr }, l.join(" ")).toEqual({ code: s.code, stdout: s.stdout, stderr: s.stderr });
    }
  }, 120_000);
});
