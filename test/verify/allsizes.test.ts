/**
 * verify --all-sizes: the smallest counterexample, or undecided (a bounded search is no proof).
 * Truths by hand: the lecture's ΔW = Rot180(ΔY) * X is Rot180(ΔW), which first differs from ΔW at
 * X 1×2, W 1×2 (y11 = w12·x11 + w11·x12, so δw11 = δy11·x12 while Rot180(ΔY) * X gives δy11·x11);
 * ΔY ⋆same Rot180(W) pads like the forward pass, wrong first for an even kernel (X 1, W 2).
 */
import { describe, expect, it } from "vitest";
import { sizeCombos, verifyAllSizes } from "../../src/verify/allsizes.js";
import { cli } from "../cli/run.js";

const run = (base: Parameters<typeof verifyAllSizes>[0], dims: number, max: number, text: string) =>
  verifyAllSizes(base, dims, { maxInput: max, maxKernel: max }, { file: "t", text, mode: "plain" }, { points: 3, fixed: { op: true, indexBase: true } });

describe("verify --all-sizes", () => {
  it("orders sizes smallest total first and keeps only those the layer accepts", () => {
    const c = sizeCombos({ op: "conv" }, 1, { maxInput: 3, maxKernel: 3 });
    // valid padding: the kernel fits when K ≤ H
    expect(c.map((x) => `${x.input}/${x.kernel}`)).toEqual(["1/1", "2/1", "2/2", "3/1", "3/2", "3/3"]);
    expect(sizeCombos({ op: "conv", stride: 2, padding: "full" }, 1, { maxInput: 2, maxKernel: 2 }).length).toBe(4);
  });

  it("the lecture's ΔW = Rot180(ΔY) * X fails first at X 1×2, W 1×2; the correct rule is undecided, not holds", () => {
    const [wrong, right] = run({ op: "conv" }, 2, 3, "ΔW = Rot180(ΔY) * X\nΔW = Rot180(X) * ΔY");
    expect(wrong!.status).toBe("fails");
    expect(wrong!.counterexample).toEqual({ input: [1, 2], kernel: [1, 2] });
    expect(wrong!.message).toMatch(/^fails at input 1×2, kernel 1×2, the smallest of the sizes tried, smallest total first \(it holds at 3 of the 3 smaller ones\)/);
    expect(right!.status).toBe("undecided");
    expect(right!.message).toContain("a search, not a proof");
  });

  it("'same' padding read as the backward padding breaks at the first even kernel", () => {
    const [r] = run({ op: "xcorr", padding: "same" }, 1, 6, "ΔX = ΔY ⋆same Rot180(W)");
    expect(r!.status).toBe("fails");
    expect(r!.counterexample).toEqual({ input: [1], kernel: [2] });
  });

  it("an index-notation formula for every size: the general ΔX of a strided layer", () => {
    const [r] = run({ op: "xcorr", stride: 2 }, 1, 7, "δx_{u} = Σ_{m=1}^{K_1} Σ_{i s.t. 2i+m-2 = u} δy_{i} w_{m}");
    expect(r!.status).toBe("undecided");
    // without the stride: at X 2, W 1 there is one output (y1 = x1·w1) and δy2 does not exist, so it
    // still holds; at X 3, W 1, y2 = x3·w1: δx2 = 0 where the formula gives δy2·w1
    const [s] = run({ op: "xcorr", stride: 2 }, 1, 7, "δx_{u} = Σ_{m=1}^{K_1} δy_{u-m+1} w_{m}");
    expect(s!.status).toBe("fails");
    expect(s!.counterexample).toEqual({ input: [3], kernel: [1] });
  });

  it("CLI: JSON with the counterexample, exit codes, and one-line usage errors", async () => {
    const j = await cli(["verify", "--all-sizes", "--dims", "1", "--op", "xcorr", "--padding", "same", "--format", "json", "--expr", "ΔX = ΔY ⋆same Rot180(W)"]);
    expect(j.code).toBe(1);
    const doc = JSON.parse(j.stdout) as { results: { status: string; counterexample?: unknown }[] };
    expect(doc.results[0]!.counterexample).toEqual({ input: [1], kernel: [2] });
    // conv_transpose is not taken by the solver: held at every size tried, it stays undecided
    const u = await cli(["verify", "--all-sizes", "--dims", "1", "--op", "xcorr", "--expr", "ΔX = conv_transpose(ΔY, W)", "--color", "never"]);
    expect(u.code).toBe(0);
    expect(u.stdout).toMatch(/^--expr:1:1  undecided  ΔX = conv_transpose\(ΔY, W\)$/m);
    expect(u.stdout).toMatch(/not decidable here: conv_transpose/);
    expect(u.stdout).toMatch(/0 hold, 0 fail, 0 skipped, 0 errors, 1 undecided/);
    // the lecture's rule is proved for every size
    const p = await cli(["verify", "--all-sizes", "--dims", "1", "--expr", "ΔX = Rot180(W) *full ΔY", "--color", "never"]);
    expect(p.stdout).toMatch(/^--expr:1:1  holds    ΔX = Rot180\(W\) \*full ΔY\n    holds for every input and kernel size \(proved/m);
    for (const [args, msg] of [
      [["--input", "3x3"], "--input: does not apply to --all-sizes"],
      [["--max-size", "20"], "--max-size: 20 gives 160000 size combinations"],
    ] as const) {
      const r = await cli(["verify", "--all-sizes", ...args, "--expr", "ΔX = Rot180(W) *full ΔY"]);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(`convgrad: ${msg}`), r.stderr).toBe(true);
    }
    // a search of many minutes is refused before it starts: 11^4 sizes (full padding fits every kernel) × 4 equations
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "convgrad-all-")), "four.txt");
    writeFileSync(file, "δx11 = δy11 w22\nδx12 = δy11 w21\nδx21 = δy11 w12\nδx22 = δy11 w11\n");
    const big = await cli(["verify", "--all-sizes", "--padding", "full", "--max-size", "11", file]);
    expect(big.code).toBe(2);
    expect(big.stderr.trim()).toBe("convgrad: --max-size: 14641 size combinations × 4 equations is more than 50000 checks; give a smaller --max-size or fewer equations");
    const d = await cli(["verify", "--input", "3x3", "--kernel", "2x2", "--dims", "2", "--expr", "ΔX = Rot180(W) *full ΔY"]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain("--dims: applies to --all-sizes only");
  }, 120_000);
});
