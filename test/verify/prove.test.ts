/**
 * Proofs for every size (verify --all-sizes with Z3). The proof is cross-checked against the
 * concrete engine, never against itself: a formula proved must hold at random concrete sizes, and a
 * counterexample the solver finds must fail there. True formulas come from the engine's general
 * gradients (src/grad/general.ts) over random layers; false ones are mutations of them.
 * Truths by hand: Σ_{m=0}^{4} δy_{i−m} w_m is ΔX of a 0-based cross-correlation while the kernel has at
 * most 5 entries; with K = 6 it misses δy_{i−5}·w_5, first at X 6, W 6.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { LayerSpec } from "../../src/conv/config.js";
import { generalFormulas, type GeneralSpec } from "../../src/grad/general.js";
import { proveDocument, verifyAllSizesProved } from "../../src/verify/allsizes.js";
import { closeProver } from "../../src/verify/prove.js";
import { verifyDocument } from "../../src/verify/run.js";
import { cli } from "../cli/run.js";

type Base = Omit<LayerSpec, "input" | "kernel">;
const opts = { points: 3, fixed: { op: true, indexBase: true } };
const doc = (text: string) => ({ file: "t", text, mode: "plain" as const });

afterAll(async () => {
  await closeProver();
});

/** A small deterministic generator (the cases are the same on every run). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

interface Case {
  general: GeneralSpec;
  base: Base;
  dims: number;
}

function randomCase(r: (n: number) => number): Case {
  const dims = 1 + r(2);
  const op = r(2) === 0 ? "conv" : "xcorr";
  const stride = Array.from({ length: dims }, () => 1 + r(3));
  const dilation = Array.from({ length: dims }, () => 1 + r(2));
  const full = r(5) === 0;
  const padding = Array.from({ length: dims }, () => [r(3), r(3)] as [number, number]);
  const indexBase = r(2);
  const bias = r(2) === 0;
  return {
    general: { op, stride, dilation, padding: full ? "full" : padding, indexBase, bias },
    base: { op, stride, dilation, padding: full ? "full" : padding, indexBase, bias },
    dims,
  };
}

/** Concrete verdicts of one formula at a few sizes the layer accepts (the engine, not the proof). */
function concrete(c: Case, text: string, r: (n: number) => number, count: number): { sizes: string; status: string }[] {
  const out: { sizes: string; status: string }[] = [];
  for (let tries = 0; out.length < count && tries < 50; tries++) {
    const input = Array.from({ length: c.dims }, () => 1 + r(7));
    const kernel = Array.from({ length: c.dims }, () => 1 + r(4));
    try {
      const [v] = verifyDocument({ ...c.base, input, kernel }, doc(text), opts);
      out.push({ sizes: `${input}/${kernel}`, status: v!.status });
    } catch {
      // the kernel does not fit this input: another size
    }
  }
  return out;
}

/** Mutations that usually make a formula false: an index shifted, a sign flipped, a range cut, the bias dropped. */
const MUTATIONS: [RegExp, string][] = [
  [/x_\{/, "x_{1+"],
  [/δy_\{/, "δy_{1+"],
  [/-m/, "+m"],
  [/\^\{K_1\}/, "^{K_1-1}"],
  [/\^\{K_1-1\}/, "^{K_1-2}"],
  [/ \+ b$/, ""],
];

describe("verify --all-sizes proves index-notation formulas for every size", () => {
  it("the engine's general gradients hold by proof over random layers, and at random concrete sizes", async () => {
    const r = lcg(7);
    let proved = 0;
    for (let k = 0; k < 4; k++) {
      const c = randomCase(r);
      const formulas = generalFormulas(c.general);
      const proofs = await proveDocument(c.base, c.dims, doc(formulas.map((f) => f.text).join("\n")), opts, 20_000);
      proofs.forEach((p, i) => {
        const f = formulas[i]!;
        expect(p?.status, `${JSON.stringify(c.base)}: ${f.text}: ${p?.message}`).toBe("holds");
        proved++;
        // the engine agrees where it can look: every concrete check holds
        for (const v of concrete(c, f.text, r, 2)) expect(v.status, `${f.text} at ${v.sizes}`).toBe("holds");
      });
    }
    expect(proved).toBeGreaterThan(20);
  }, 120_000);

  it("mutated formulas: no proof of a formula that fails at a concrete size, and every counterexample is a real failure", async () => {
    const r = lcg(11);
    let refuted = 0;
    for (let k = 0; k < 5; k++) {
      const c = randomCase(r);
      const texts = generalFormulas(c.general)
        .filter((f) => !f.name.startsWith("chain"))
        .flatMap((f) => MUTATIONS.filter(([re]) => re.test(f.text)).map(([re, to]) => f.text.replace(re, to)));
      const proofs = await proveDocument(c.base, c.dims, doc(texts.join("\n")), opts, 20_000);
      proofs.forEach((p, i) => {
        const text = texts[i]!;
        if (p?.status === "holds") {
          for (const v of concrete(c, text, r, 3)) expect(v.status, `proved ${text}, but at ${v.sizes}`).not.toBe("fails");
        }
        if (p?.status === "candidate") {
          const [v] = verifyDocument({ ...c.base, input: p.input, kernel: p.kernel }, doc(text), opts);
          // the solver's sizes may be ones the concrete engine reads differently; then the result is undecided, never fails
          if (v!.status === "fails") refuted++;
        }
      });
    }
    expect(refuted).toBeGreaterThan(6);
  }, 120_000);

  it("channels and a batch: the general gradients are proved; a swapped channel pair or one sample only is refuted", async () => {
    const r = lcg(23);
    for (let k = 0; k < 2; k++) {
      const c = randomCase(r);
      const base = { ...c.base, inChannels: 2, outChannels: 3 };
      const formulas = generalFormulas({ ...c.general, channels: true });
      const proofs = await proveDocument(base, c.dims, doc(formulas.map((f) => f.text).join("\n")), opts, 20_000);
      expect(proofs.length).toBe(formulas.length);
      proofs.forEach((p, i) => expect(p?.status, `${formulas[i]!.text}: ${p?.message}`).toBe("holds"));
    }
    const base = { op: "xcorr" as const, indexBase: 0, inChannels: 2, outChannels: 3, batch: 2 };
    const texts = [
      "\\delta x_{n,c,u} = \\sum_{o} \\sum_{m} \\delta y_{n,o,u-m} w_{o,c,m}",
      "\\delta x_{n,c,u} = \\sum_{o} \\sum_{m} \\delta y_{n,o,u-m} w_{c,o,m}",
      "\\delta w_{o,c,m} = \\sum_{i} \\delta y_{0,o,i} x_{0,c,i+m}",
    ];
    const [right, swapped, oneSample] = await proveDocument(base, 1, doc(texts.join("\n")), opts, 20_000);
    expect(right!.status).toBe("holds");
    for (const [p, text] of [[swapped, texts[1]!], [oneSample, texts[2]!]] as const) {
      expect(p!.status).toBe("candidate");
      if (p!.status !== "candidate") continue;
      const [v] = verifyDocument({ ...base, input: p!.input, kernel: p!.kernel }, doc(text), opts);
      expect(v!.status).toBe("fails");
    }
  }, 120_000);

  it("a source's own names, learned from its forward formula, are proved in 3-D (read at small sizes that fit the layer)", async () => {
    const text = [
      "$$x_{i,j,k}^l = \\sum_{m}\\sum_{n}\\sum_{q} w_{m,n,q}^l o_{i + 3m,j + 3n,k+3q}^{l-1}$$",
      "$$\\frac{\\partial E}{\\partial w_{m,n,q}^l} = \\sum_{i}\\sum_{j}\\sum_{k} \\frac{\\partial E}{\\partial x^l_{i,j,k}} o^{l-1}_{i+3m,j+3n,k+3q}$$",
      "$$\\frac{\\partial E}{\\partial w_{m,n,q}^l} = \\sum_{i}\\sum_{j}\\sum_{k} \\frac{\\partial E}{\\partial x^l_{i,j,k}} o^{l-1}_{i+3m,j+3n,k-3q}$$",
    ].join("\n");
    const [, right, wrong] = await proveDocument({ op: "xcorr", indexBase: 0, dilation: 3 }, 3, { file: "t", text, mode: "auto" }, opts, 20_000);
    expect(right!.status).toBe("holds");
    expect(wrong!.status).toBe("candidate");
    // the forward formula is a definition for every size, though at 1×1×1 its readings cannot be told apart
    const [def] = await verifyAllSizesProved({ op: "xcorr", indexBase: 0, dilation: 3 }, 3, { maxInput: 2, maxKernel: 2 }, { file: "t", text, mode: "auto" }, opts, { checks: 50_000 }, 20_000);
    expect(def!.status).toBe("definition");
  }, 120_000);

  it("a counterexample beyond the searched sizes is found by the solver and confirmed by the engine", async () => {
    const text = "\\delta x_{i} = \\sum_{m=0}^{4} \\delta y_{i-m} w_{m}";
    const [r] = await verifyAllSizesProved({ op: "xcorr", indexBase: 0 }, 1, { maxInput: 4, maxKernel: 4 }, doc(text), opts, { checks: 50_000 }, 20_000);
    expect(r!.status).toBe("fails");
    expect(r!.counterexample).toEqual({ input: [6], kernel: [6] });
    expect(r!.message).toContain("found by the solver");
    expect(r!.details.join("\n")).toContain("δx₅: missing δy₀·w₅");
    // within the search bound the same formula is only undecided: the proof is what decides it
    const [s] = await verifyAllSizesProved({ op: "xcorr", indexBase: 0 }, 1, { maxInput: 4, maxKernel: 4 }, doc("\\delta x_{i} = \\sum_{m} \\delta y_{i-m} w_{m}"), opts, { checks: 50_000 }, 20_000);
    expect(s!.status).toBe("holds");
    expect(s!.method).toBe("proof");
  }, 120_000);

  it("K on every axis is proved for square kernels and says so; a non-square kernel is not read with one K", async () => {
    const text = "y_{i,j} = \\sum_{m=1}^{K} \\sum_{n=1}^{K} w_{m,n} x_{i+m-1,j+n-1}";
    const [r] = await verifyAllSizesProved({ op: "xcorr" }, 2, { maxInput: 3, maxKernel: 3 }, doc(text), opts, { checks: 50_000 }, 20_000);
    expect(r!.status).toBe("holds");
    expect(r!.message).toContain("K_1 = K_2");
    // at 3×4 / 2×3 K is 2 on one axis and 3 on the other: not a failure of the formula
    const [c] = verifyDocument({ op: "xcorr", input: [3, 4], kernel: [2, 3] }, doc(text), opts);
    expect(c!.status).toBe("skipped");
    expect(c!.message).toContain("K names one size on every axis");
  }, 120_000);

  it("what the solver does not take stays undecided with the reason, never holds", async () => {
    const [m, scaled] = await verifyAllSizesProved({ op: "xcorr" }, 1, { maxInput: 5, maxKernel: 5 }, doc("ΔX = conv_transpose(ΔY, W)\n\\delta x_{i} = \\sum_m \\delta y_{i-m+1} w_{m} \\cdot 1"), opts, { checks: 50_000 }, 20_000);
    expect(m!.status).toBe("undecided");
    expect(m!.details.join(" ")).toMatch(/not decidable here: conv_transpose/);
    expect(scaled!.status).toBe("holds");
    const [ch] = await verifyAllSizesProved({ op: "xcorr", inChannels: 2, outChannels: 1 }, 1, { maxInput: 3, maxKernel: 3 }, doc("\\delta b_{o} = \\sum_n \\sum_i \\delta y_{o,i}"), opts, { checks: 50_000 }, 20_000);
    expect(ch!.status).not.toBe("holds");
  }, 120_000);

  it("CLI: JSON status holds with method proof, --timeout, and the process ends", async () => {
    const j = await cli(["verify", "--all-sizes", "--dims", "2", "--op", "xcorr", "--index-base", "0", "--stride", "2", "--format", "json", "--timeout", "20", "--expr", "\\delta w_{m,n} = \\sum_i \\sum_j \\delta y_{i,j} x_{2i+m,2j+n}"]);
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout) as { results: { status: string; method: string }[] };
    expect(out.results[0]).toMatchObject({ status: "holds", method: "proof" });
    const bad = await cli(["verify", "--input", "3x3", "--kernel", "2x2", "--timeout", "5", "--expr", "ΔX = ΔY"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--timeout");
  }, 120_000);
});
