/**
 * `verify --all-sizes`: each equation checked at every input and kernel size up to a bound, in
 * increasing order (total size first), so that the first failure is the smallest counterexample.
 * This is a search, not a proof: an equation that holds at every size tried is **undecided**
 * (with the bound), never "holds"; one that fails somewhere fails, with the sizes and the concrete
 * report at them (missing and extra terms) — the engine's verdict at those sizes.
 */
import { normalizeConfig, type LayerSpec } from "../conv/config.js";
import { UsageError } from "../errors.js";
import { verifyDocument, type DocumentOptions, type VerifyInput, type VerifyResult } from "./run.js";

export interface SizeBound {
  /** Largest input size on every axis. */
  maxInput: number;
  /** Largest kernel size on every axis. */
  maxKernel: number;
}

/** Every (input, kernel) pair of `dims` axes within the bound that the layer accepts, smallest total first. */
export function sizeCombos(base: Omit<LayerSpec, "input" | "kernel">, dims: number, bound: SizeBound): { input: number[]; kernel: number[] }[] {
  const tuples = (max: number): number[][] => {
    let out: number[][] = [[]];
    for (let a = 0; a < dims; a++) out = out.flatMap((t) => Array.from({ length: max }, (_, v) => [...t, v + 1]));
    return out;
  };
  const all: { input: number[]; kernel: number[]; total: number }[] = [];
  for (const input of tuples(bound.maxInput)) {
    for (const kernel of tuples(bound.maxKernel)) {
      try {
        normalizeConfig({ ...base, input, kernel });
      } catch (e) {
        if (e instanceof UsageError) continue; // the kernel does not fit this input
        throw e;
      }
      all.push({ input, kernel, total: input.reduce((s, v) => s + v, 0) + kernel.reduce((s, v) => s + v, 0) });
    }
  }
  // smallest total first, then input before kernel, axis by axis: a deterministic order
  all.sort((p, q) => p.total - q.total || cmp(p.input, q.input) || cmp(p.kernel, q.kernel));
  return all.map(({ input, kernel }) => ({ input, kernel }));
}

function cmp(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

const sizeText = (s: readonly number[]) => s.join("×");

/** Equation checks (sizes × equations) one --all-sizes run may do. */
export const MAX_CHECKS = 50_000;

/**
 * budget: equation checks left for the whole run (shared by every input of one command), so that
 * a search that would take many minutes is refused before it starts.
 */
export function verifyAllSizes(base: Omit<LayerSpec, "input" | "kernel">, dims: number, bound: SizeBound, input: VerifyInput, opts: DocumentOptions, budget = { checks: MAX_CHECKS }): VerifyResult[] {
  const combos = sizeCombos(base, dims, bound);
  if (combos.length === 0) throw new UsageError("--max-size", `no input and kernel size up to ${bound.maxInput} fits this layer; raise --max-size`);
  let verdicts: { combo: (typeof combos)[number]; result: VerifyResult }[][] | null = null;
  for (const combo of combos) {
    const rs = verifyDocument({ ...base, ...combo }, input, opts);
    if (verdicts === null) {
      // about a minute of work at most: say so before starting, never run for many minutes
      budget.checks -= combos.length * rs.length;
      if (budget.checks < 0) {
        throw new UsageError("--max-size", `${combos.length} size combinations × ${rs.length} equations${budget.checks + combos.length * rs.length < MAX_CHECKS ? " (with the inputs before it)" : ""} is more than ${MAX_CHECKS} checks; give a smaller --max-size or fewer equations`);
      }
    }
    verdicts ??= rs.map(() => []);
    // the document's equations are the same at every size; a different count would be a bug
    if (rs.length !== verdicts.length) throw new Error(`verify --all-sizes: ${rs.length} equations at ${sizeText(combo.input)} but ${verdicts.length} before`);
    rs.forEach((r, k) => verdicts![k]!.push({ combo, result: r }));
    // stop early when every equation has failed somewhere
    if (verdicts.every((v) => v.some((x) => x.result.status === "fails"))) break;
  }
  return (verdicts ?? []).map((vs) => summarizeSizes(vs, combos.length, bound, dims));
}

function summarizeSizes(vs: { combo: { input: number[]; kernel: number[] }; result: VerifyResult }[], total: number, bound: SizeBound, dims: number): VerifyResult {
  const first = vs[0]!.result;
  const fail = vs.find((v) => v.result.status === "fails");
  const at = (c: { input: number[]; kernel: number[] }) => `input ${sizeText(c.input)}, kernel ${sizeText(c.kernel)}`;
  if (fail) {
    const before = vs.indexOf(fail);
    const held = vs.slice(0, before).filter((v) => v.result.status === "holds").length;
    const smaller = before === 0 ? "the smallest size tried" : `the smallest of the sizes tried, smallest total first (it holds at ${held} of the ${before} smaller ones)`;
    return {
      ...fail.result,
      message: `fails at ${at(fail.combo)}, ${smaller}: ${fail.result.message}`,
      counterexample: { input: fail.combo.input, kernel: fail.combo.kernel },
    };
  }
  const holds = vs.filter((v) => v.result.status === "holds");
  if (holds.length === 0) return first; // never checked (skipped, an error, a definition): the reason, as at one size
  const skipped = vs.length - holds.length;
  const limit = `input up to ${sizeText(new Array<number>(dims).fill(bound.maxInput))}, kernel up to ${sizeText(new Array<number>(dims).fill(bound.maxKernel))}`;
  return {
    ...first,
    status: "undecided",
    method: null,
    message: `no counterexample: holds at all ${holds.length} of the ${total} sizes tried (${limit})${skipped > 0 ? `; not checked at ${skipped} of them` : ""} — a search, not a proof for every size`,
    entries: [],
    details: [],
  };
}
