/**
 * `verify --all-sizes`: each index-notation equation is first proved for every size with the SMT
 * solver (src/verify/prove.ts): **holds** with method "proof", or a counterexample the solver finds
 * and the concrete engine confirms. Every equation is also checked at every input and kernel size
 * up to a bound, in increasing order (total size first), so that the first failure is the smallest
 * counterexample. The search alone is not a proof: an equation the solver cannot take (a matrix
 * formula, an activation, channels) that holds at every size tried is **undecided** (with the
 * bound), never "holds"; one that fails somewhere fails, with the sizes and the concrete report at
 * them (missing and extra terms) — the engine's verdict at those sizes.
 */
import { normalizeConfig, type LayerSpec } from "../conv/config.js";
import { UsageError } from "../errors.js";
import type { Node } from "../lang/ast.js";
import { shapeString } from "../tensor/tensor.js";
import type { CheckOptions } from "./check.js";
import { freeIndices } from "./indexed.js";
import { layerSizeNames, sizeVar, variable, type Lin, type SymbolicLayer } from "./lower.js";
import type { ProofOutcome } from "./prove.js";
import { resolve } from "./roles.js";
import { verifyDocument, type DocumentOptions, type VerifyInput, type VerifyResult } from "./run.js";

export interface SizeBound {
  /** Largest input size on every axis. */
  maxInput: number;
  /** Largest kernel size on every axis. */
  maxKernel: number;
}

/** Every (input, kernel) pair of `dims` axes within the bound that the layer accepts, smallest total first. */
export function sizeCombos(
  base: Omit<LayerSpec, "input" | "kernel">,
  dims: number,
  bound: SizeBound,
): { input: number[]; kernel: number[] }[] {
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

/** Equation checks (sizes × equations) one --all-sizes run may do. */
export const MAX_CHECKS = 50_000;

/**
 * budget: equation checks left for the whole run (shared by every input of one command), so that
 * a search that would take many minutes is refused before it starts.
 */
export function verifyAllSizes(
  base: Omit<LayerSpec, "input" | "kernel">,
  dims: number,
  bound: SizeBound,
  input: VerifyInput,
  opts: DocumentOptions,
  budget = { checks: MAX_CHECKS },
): VerifyResult[] {
  const combos = sizeCombos(base, dims, bound);
  if (combos.length === 0)
    throw new UsageError(
      "--max-size",
      `no input and kernel size up to ${bound.maxInput} fits this layer; raise --max-size`,
    );
  let verdicts: { combo: (typeof combos)[number]; result: VerifyResult }[][] | null = null;
  for (const combo of combos) {
    const rs = verifyDocument({ ...base, ...combo }, input, opts);
    if (verdicts === null) {
      // about a minute of work at most: say so before starting, never run for many minutes
      budget.checks -= combos.length * rs.length;
      if (budget.checks < 0) {
        throw new UsageError(
          "--max-size",
          `${combos.length} size combinations × ${rs.length} equations${budget.checks + combos.length * rs.length < MAX_CHECKS ? " (with the inputs before it)" : ""} is more than ${MAX_CHECKS} checks; give a smaller --max-size or fewer equations`,
        );
      }
    }
    verdicts ??= rs.map(() => []);
    // the document's equations are the same at every size; a different count would be a bug
    if (rs.length !== verdicts.length)
      throw new Error(
        `verify --all-sizes: ${rs.length} equations at ${shapeString(combo.input)} but ${verdicts.length} before`,
      );
    rs.forEach((r, k) => verdicts![k]!.push({ combo, result: r }));
    // stop early when every equation has failed somewhere
    if (verdicts.every((v) => v.some((x) => x.result.status === "fails"))) break;
  }
  return (verdicts ?? []).map((vs) => summarizeSizes(vs, combos.length, bound, dims));
}

function summarizeSizes(
  vs: { combo: { input: number[]; kernel: number[] }; result: VerifyResult }[],
  total: number,
  bound: SizeBound,
  dims: number,
): VerifyResult {
  const first = vs[0]!.result;
  const fail = vs.find((v) => v.result.status === "fails");
  const at = (c: { input: number[]; kernel: number[] }) =>
    `input ${shapeString(c.input)}, kernel ${shapeString(c.kernel)}`;
  if (fail) {
    const before = vs.indexOf(fail);
    const held = vs.slice(0, before).filter((v) => v.result.status === "holds").length;
    const smaller =
      before === 0
        ? "the smallest size tried"
        : `the smallest of the sizes tried, smallest total first (it holds at ${held} of the ${before} smaller ones)`;
    return {
      ...fail.result,
      message: `fails at ${at(fail.combo)}, ${smaller}: ${fail.result.message}`,
      counterexample: { input: fail.combo.input, kernel: fail.combo.kernel },
    };
  }
  const holds = vs.filter((v) => v.result.status === "holds");
  // a definition the smallest sizes cannot tell apart (at 1×1 every reading of a forward formula holds) is one at the
  // others
  const def = vs.find((v) => v.result.status === "definition");
  // never checked (skipped, an error): the reason, as at one size
  if (holds.length === 0) return def ? def.result : first;
  const skipped = vs.length - holds.length;
  const limit = `input up to ${shapeString(new Array<number>(dims).fill(bound.maxInput))}, kernel up to ${shapeString(new Array<number>(dims).fill(bound.maxKernel))}`;
  return {
    ...first,
    status: "undecided",
    method: null,
    message: `no counterexample: holds at all ${holds.length} of the ${total} sizes tried (${limit})${skipped > 0 ? `; not checked at ${skipped} of them` : ""} — a search, not a proof for every size`,
    entries: [],
    details: [],
  };
}

/**
 * Sizes the document is read at before its equations are proved symbolically: small (learning checks
 * its readings there), different on every axis, and fitting the layer (the dilated kernel plus 4 + 2a).
 */
function probeSizes(base: Omit<LayerSpec, "input" | "kernel">, dims: number): { input: number[]; kernel: number[] } {
  const kernel = [2, 3, 4].slice(0, dims);
  const dil = (a: number) => (typeof base.dilation === "number" ? base.dilation : (base.dilation?.[a] ?? 1));
  return { kernel, input: kernel.map((k, a) => dil(a) * (k - 1) + 5 + 3 * a) };
}

/** The layer without sizes, or why it has no proofs (groups, "same" padding). */
export function symbolicLayer(base: Omit<LayerSpec, "input" | "kernel">, dims: number): SymbolicLayer | string {
  const cfg = normalizeConfig({ ...base, ...probeSizes(base, dims) });
  if (cfg.groups > 1) return "proofs are for one group (--groups 1)";
  if (cfg.paddingMode === "same")
    return "proofs do not take --padding same (its split depends on the kernel size's parity)";
  return {
    op: cfg.op,
    dims,
    stride: cfg.stride,
    dilation: cfg.dilation,
    padding: cfg.paddingMode === "full" ? "full" : cfg.padding,
    indexBase: cfg.indexBase,
    bias: cfg.bias,
    channels: cfg.hasChannels ? { inC: cfg.inChannels!, outC: cfg.outChannels!, batch: cfg.batch } : null,
  };
}

/**
 * Each equation of the document proved for every size, or null where it is not an equation the
 * solver takes (the reason is in the outcome "unsupported"). Read once at the probe sizes (names and
 * roles learned there), then lowered with symbolic sizes.
 */
export async function proveDocument(
  base: Omit<LayerSpec, "input" | "kernel">,
  dims: number,
  input: VerifyInput,
  opts: DocumentOptions,
  timeoutMs: number,
): Promise<(ProofOutcome | null)[]> {
  const layer = symbolicLayer(base, dims);
  const seen = new Map<number, { sides: readonly Node[]; check: CheckOptions }>();
  const probe = { ...base, ...probeSizes(base, dims) };
  const results = verifyDocument(probe, input, {
    ...opts,
    inspect: (i, sides, check) => {
      seen.set(i, { sides, check });
      return "skip";
    },
  });
  const { proveSides } = await import("./prove.js");
  const cfg = normalizeConfig(probe);
  const out: (ProofOutcome | null)[] = [];
  for (let i = 0; i < results.length; i++) {
    const got = seen.get(i);
    if (!got) {
      out.push(null);
      continue;
    }
    if (typeof layer === "string") {
      out.push({ status: "unsupported", message: layer });
      continue;
    }
    const { sides, check } = got;
    const resolved = check.notation ? sides.map((s) => resolve(s, check.notation!)) : sides;
    // a name the document declared (X ∈ R^{M×N}, --sizes) is the size variable it was bound to at the probe
    const declared = (name: string): Lin | null => {
      const v = check.notation?.sizes.get(name);
      if (v === undefined) return null;
      const hits: string[] = [];
      for (let a = 0; a < dims; a++) {
        if (cfg.input[a] === v) hits.push(sizeVar("H", a));
        if (cfg.kernel[a] === v) hits.push(sizeVar("K", a));
        if (cfg.output[a] === v) hits.push(sizeVar("O", a));
      }
      return hits.length === 1 ? variable(hits[0]!) : null;
    };
    const names = layerSizeNames(layer, declared);
    const free = new Set(freeIndices(resolved, check.sizes));
    const proof = await proveSides(
      layer,
      resolved,
      { layer, free, size: names.size, assumptions: names.assumptions },
      { timeoutMs },
    );
    if (proof.status === "holds" && names.tied.size > 0) {
      const tied = [...names.tied]
        .map(
          (w) => `${Array.from({ length: dims }, (_, a) => `${w}_${a + 1}`).join(" = ")} (it names ${w} on every axis)`,
        )
        .join(" and ");
      out.push({ ...proof, message: tied });
    } else out.push(proof);
  }
  return out;
}

/**
 * --all-sizes with proofs: the bounded search's verdicts, with each equation the solver takes proved
 * (holds, method "proof") or refuted at the sizes it finds, confirmed by the concrete engine.
 */
export async function verifyAllSizesProved(
  base: Omit<LayerSpec, "input" | "kernel">,
  dims: number,
  bound: SizeBound,
  input: VerifyInput,
  opts: DocumentOptions,
  budget: { checks: number },
  timeoutMs: number,
): Promise<VerifyResult[]> {
  const searched = verifyAllSizes(base, dims, bound, input, opts, budget);
  const proofs = await proveDocument(base, dims, input, opts, timeoutMs);
  return searched.map((r, i) => {
    const p = proofs[i];
    // only an equation the engine read and found holding at every size tried is proved: a failure
    // at concrete sizes is a fact no proof overrides, and one it skips is not about this layer
    if (!p || r.status !== "undecided") return r;
    if (p.status === "unsupported") return { ...r, details: [...r.details, `not decidable here: ${p.message}`] };
    if (p.status === "holds") {
      const what = p.message ? ` with ${p.message}` : "";
      return {
        ...r,
        status: "holds",
        method: "proof",
        message: `holds for every input and kernel size${what} (proved: both sides count every product of entries with the same coefficient; entries outside their tensors are 0)`,
        entries: [],
        details: [],
      };
    }
    if (p.status === "undecided") return { ...r, message: `${r.message}; not proved: ${p.message}` };
    // a counterexample beyond the bound: the concrete engine decides
    let at: VerifyResult | undefined;
    try {
      at = verifyDocument({ ...base, input: p.input, kernel: p.kernel }, input, opts)[i];
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
    }
    const sizes = `input ${shapeString(p.input)}, kernel ${shapeString(p.kernel)}`;
    if (at?.status === "fails")
      return {
        ...at,
        message: `fails at ${sizes} (found by the solver: ${p.message}): ${at.message}`,
        counterexample: { input: p.input, kernel: p.kernel },
      };
    return {
      ...r,
      status: "undecided",
      method: null,
      message: `not proved: the solver's counterexample at ${sizes} is not confirmed by the engine (${at ? at.status : "the layer does not accept those sizes"})`,
      entries: [],
      details: [],
    };
  });
}
