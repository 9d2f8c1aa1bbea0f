/**
 * convgrad prove: the engine's closed forms for every size. The proofs are checked from outside:
 * a rule with a known slip (the a unreached rows of a strided layer left out; true convolution's
 * ΔW without the rotation) must not be proved, and the counterexample the solver gives must be a
 * size where the slip matters (a ≠ 0, worked out here from the sizes alone; a kernel wider than 1).
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { symbolicLayer } from "../../src/verify/allsizes.js";
import { ladd, lin, lscale, lsub, sizeVar, variable, type Lin } from "../../src/verify/lower.js";
import { closeProver, proveClosedForms, proveMatrices } from "../../src/verify/prove.js";
import { verifyDocument } from "../../src/verify/run.js";
import { cli } from "../cli/run.js";

afterAll(async () => {
  await closeProver();
});

const opts = { timeoutMs: 30_000 };

describe("convgrad prove", () => {
  it("proves Y, ΔX and ΔW for strided, dilated, lo:hi-padded and full-padded layers", async () => {
    for (const [spec, dims] of [
      [{ op: "xcorr", stride: [2, 1], dilation: 2, padding: [[1, 0], [0, 2]] }, 2],
      [{ op: "conv", stride: 3, dilation: 1, padding: "full" }, 1],
      [{ op: "conv", stride: 1, dilation: 1, padding: "valid" }, 2],
    ] as const) {
      const layer = symbolicLayer({ ...spec, indexBase: 0, bias: false }, dims);
      if (typeof layer === "string") throw new Error(layer);
      const rows = await proveClosedForms(layer, opts);
      expect(rows.map((r) => r.target)).toEqual(["Y", "dX", "dW"]);
      for (const r of rows) expect(r.outcome.status, `${r.rule}: ${r.outcome.message}`).toBe("holds");
    }
  }, 120_000);

  it("a strided ΔX without the a unreached rows is refuted at sizes where a ≠ 0", async () => {
    const layer = symbolicLayer({ op: "xcorr", stride: 2, indexBase: 0, bias: false }, 1);
    if (typeof layer === "string") throw new Error(layer);
    const out = await proveMatrices(
      layer,
      (low) => {
        const e = ladd(variable(sizeVar("K", 0)), lin(-1));
        return { lhs: low.tensor("dX"), rhs: low.convolve("xcorr", "valid", [1], low.pad(low.dilate(low.tensor("dY"), [2]), [[e, e]]), low.rot(low.tensor("W"))) };
      },
      opts,
    );
    expect(out.status).toBe("candidate");
    if (out.status !== "candidate") return;
    // a = (H − K) mod 2 for stride 2, no padding: the slip shows only when it is 1
    expect((out.input[0]! - out.kernel[0]!) % 2).toBe(1);
    // with a the same construction is proved
    const right = await proveMatrices(
      layer,
      (low) => {
        const e = ladd(variable(sizeVar("K", 0)), lin(-1));
        const a: Lin = lsub(lsub(variable(sizeVar("H", 0)), variable(sizeVar("K", 0))), lscale(ladd(variable(sizeVar("O", 0)), lin(-1)), 2));
        return { lhs: low.tensor("dX"), rhs: low.convolve("xcorr", "valid", [1], low.pad(low.dilate(low.tensor("dY"), [2]), [[e, ladd(e, a)]]), low.rot(low.tensor("W"))) };
      },
      opts,
    );
    expect(right.status).toBe("holds");
  }, 120_000);

  it("true convolution's ΔW = X * ΔY (the rotation left out) is refuted, and the engine fails it at those sizes", async () => {
    const layer = symbolicLayer({ op: "conv", indexBase: 0, bias: false }, 2);
    if (typeof layer === "string") throw new Error(layer);
    const out = await proveMatrices(layer, (low) => ({ lhs: low.tensor("dW"), rhs: low.convolve("conv", "valid", [1, 1], low.tensor("X"), low.tensor("dY")) }), opts);
    expect(out.status).toBe("candidate");
    if (out.status !== "candidate") return;
    const [v] = verifyDocument({ op: "conv", input: out.input, kernel: out.kernel }, { file: "t", text: "ΔW = X * ΔY", mode: "plain" }, { points: 3 });
    expect(v!.status).toBe("fails");
  }, 120_000);

  it("docs/PROOFS.md is what convgrad prove says now (a sample of its rows re-proved)", async () => {
    const doc = readFileSync("docs/PROOFS.md", "utf8");
    expect(doc).toMatch(/64 configurations, 192 rules, 192 proved\./);
    for (const [dims, op, stride, dilation, padding, text] of [
      [1, "conv", 2, 2, [[0, 1]], "0:1"],
      [2, "xcorr", 2, 1, "full", "full"],
    ] as const) {
      const layer = symbolicLayer({ op, stride, dilation, padding, indexBase: 0, bias: false }, dims);
      if (typeof layer === "string") throw new Error(layer);
      for (const r of await proveClosedForms(layer, opts)) {
        expect(r.outcome.status).toBe("holds");
        expect(doc).toContain(`| ${dims} | ${op} | ${stride} | ${dilation} | ${text} | \`${r.rule}\` | proved |`);
      }
    }
  }, 120_000);

  it("CLI: JSON convgrad.proofs/1, exit codes, one-line usage errors", async () => {
    const j = await cli(["prove", "--dims", "1", "--op", "xcorr", "--stride", "2", "--padding", "1", "--format", "json"]);
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout) as { format: string; results: { target: string; rule: string; status: string }[] };
    expect(out.format).toBe("convgrad.proofs/1");
    expect(out.results.map((r) => [r.target, r.status])).toEqual([["Y", "proved"], ["dX", "proved"], ["dW", "proved"]]);
    expect(out.results[1]!.rule).toBe("ΔX = pad(dilate(ΔY, 2), K−1−1:K−1−1+a) ⋆ Rot180(W)");
    const same = await cli(["prove", "--padding", "same"]);
    expect(same.code).toBe(2);
    expect(same.stderr.trim().split("\n")).toHaveLength(1);
    expect(same.stderr).toContain("--padding");
    const md = await cli(["prove", "--dims", "1", "--format", "markdown"]);
    expect(md.stdout).toContain("| ΔW | `ΔW = Rot180(X) * ΔY` | proved |");
  }, 120_000);
});
