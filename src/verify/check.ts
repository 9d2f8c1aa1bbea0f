/**
 * One equation's verdict: every side is evaluated, and every side is compared with the reference
 * side (the one that names an entry or a matrix — `δx22 = …`, `ΔX = …`; else the first), so a
 * chain-rule line is checked at every `=`.
 */
import type { Derivation } from "../derive.js";
import type { Node } from "../lang/ast.js";
import { printNode } from "../lang/print.js";
import { Namer, unflatten } from "../print/names.js";
import { shapeString, type Tensor } from "../tensor/tensor.js";
import type { Poly } from "../core/poly.js";
import { compareScalars, counterexampleText, describeTerms, tensorMismatches, termReport, type EntryReport, type Namers } from "./compare.js";
import { correctFormula, diagnose } from "./diagnose.js";
import { EvalError, Evaluator, Skip, type Value } from "./evaluate.js";

export type Status = "holds" | "fails" | "skipped" | "error";

export interface Verdict {
  status: Status;
  method: "structural" | "numeric" | null;
  message: string;
  entries: EntryReport[];
  /** Further lines for the text report (correct formula, counterexample, diagnosis). */
  details: string[];
}

export interface CheckOptions {
  /** Random points for the numeric fallback. */
  points: number;
}

/** Long formulas are shortened in messages (the source is in the result anyway). */
function clip(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function isReference(n: Node): boolean {
  return n.k === "entry" || n.k === "matrix" || n.k === "partial";
}

export function namersFor(d: Derivation): Namers {
  return {
    plain: new Namer(d.table, "plain", d.config.indexBase),
    text: new Namer(d.table, "unicode", d.config.indexBase),
  };
}

/** Name of entry `flat` of the reference side (δx_{3,2}; "(3,2)" when the side is not a matrix name). */
function entryLabel(ref: Node, shape: readonly number[], flat: number, base: number, namer: Namer): string {
  const idx = unflatten(shape, flat);
  if (ref.k === "matrix") {
    const sym = ref.base.toLowerCase();
    return ref.grad ? namer.gradName(sym, idx) : namer.entry(sym, idx);
  }
  return `(${idx.map((i) => i + base).join(",")})`;
}

export function checkEquation(d: Derivation, sides: readonly Node[], opts: CheckOptions, namers: Namers = namersFor(d)): Verdict {
  if (sides.length < 2) return { status: "skipped", method: null, message: "not an equation (no =)", entries: [], details: [] };
  const sym = symbolicCheck(sides);
  if (sym) return sym;
  const ev = new Evaluator({ d });
  const values: Value[] = [];
  const r = isReference(sides[0]!) ? 0 : isReference(sides[sides.length - 1]!) ? sides.length - 1 : 0;
  let failure: { side: number; error: EvalError } | null = null;
  try {
    for (let i = 0; i < sides.length; i++) {
      try {
        values.push(ev.eval(sides[i]!));
      } catch (e) {
        if (!(e instanceof EvalError) || failure) throw e;
        failure = { side: i, error: e };
        values.push({ kind: "scalar", e: { kind: "const", value: { n: 0, d: 1 } } });
      }
    }
  } catch (e) {
    if (e instanceof Skip) return { status: "skipped", method: null, message: `not about this convolution: ${e.message}`, entries: [], details: [] };
    if (e instanceof EvalError) return { status: "fails", method: null, message: e.message, entries: [], details: [] };
    throw e;
  }
  if (failure) {
    // The formula cannot be computed as written: say why, and which slip would make it hold.
    let message = failure.error.message;
    const details: string[] = [];
    const exp = values[r]!;
    if (failure.side !== r && exp.kind === "matrix") {
      const refLabel = printNode(sides[r]!);
      const dg = diagnose(d, exp.t, refLabel, sides[failure.side]!, null);
      if (dg) message += `; ${dg.what}${dg.formula ? `: ${refLabel} = ${dg.formula}` : ""}`;
      const correct = correctFormula(d, sides[r]!, exp.t);
      if (correct) details.push(`correct: ${correct}`);
    }
    return { status: "fails", method: null, message, entries: [], details };
  }
  const ref = sides[r]!;
  const refLabel = clip(printNode(ref));
  const expected = values[r]!;
  const entries: EntryReport[] = [];
  const details: string[] = [];
  const problems: string[] = [];
  let numeric = false;
  let points = 0;
  const mt = d.table.monos;
  const base = d.config.indexBase;
  for (let i = 0; i < sides.length; i++) {
    if (i === r) continue;
    const side = sides[i]!;
    const actual = values[i]!;
    const where = sides.length > 2 ? `side ${i + 1} (${clip(printNode(side))})` : clip(printNode(side));
    if (expected.kind !== actual.kind) {
      const shape = (v: Value) => (v.kind === "matrix" ? `a ${shapeString(v.t.shape)} matrix` : "a scalar");
      problems.push(`${refLabel} is ${shape(expected)} but ${where} is ${shape(actual)}`);
      continue;
    }
    if (expected.kind === "scalar" && actual.kind === "scalar") {
      const c = compareScalars(mt, expected.e, actual.e, opts.points, namers);
      if (c.method === "numeric") {
        numeric = true;
        points = opts.points;
      }
      if (c.holds) continue;
      if (c.method === "numeric") {
        problems.push(`${refLabel} ≠ ${where}: differs ${c.at}`);
        continue;
      }
      const tr = termReport(c.expected, c.actual, namers);
      const refName = ref.k === "entry" ? printNode(ref) : ref.k === "partial" && ref.of === "J" ? printNode({ ...(ref.wrt as Node & { k: "entry" }), grad: true }) : refLabel;
      entries.push({ entry: plainName(ref, refLabel), missing: tr.missing, extra: tr.extra });
      problems.push(`${sides.length > 2 ? `${where}: ` : ""}${refName}: ${describeTerms(tr)}`);
      details.push(`correct: ${refName} = ${namers.text.poly(c.expected)}`);
      const other = otherEntry(d, ref, c.actual, namers.text);
      if (other) details.push(other);
      const cx = counterexampleText(mt, c.expected, c.actual, namers);
      if (cx) details.push(`counterexample: ${cx}`);
      continue;
    }
    const E = (expected as { t: Tensor }).t;
    const A = (actual as { t: Tensor }).t;
    if (E.shape.join() !== A.shape.join()) {
      let msg = `shape mismatch: ${refLabel} is ${shapeString(E.shape)} but ${where} is ${shapeString(A.shape)}`;
      const dg = diagnose(d, E, refLabel, side, null);
      if (dg) msg += `; ${dg.what}${dg.formula ? `: ${refLabel} = ${dg.formula}` : ""}`;
      problems.push(msg);
    } else {
      const mm = tensorMismatches(E, A, namers);
      if (mm.length === 0) continue;
      const names: string[] = [];
      for (const m of mm) {
        const name = entryLabel(ref, E.shape, m.flat, base, namers.text);
        const plain = entryLabel(ref, E.shape, m.flat, base, namers.plain);
        entries.push({ entry: plain, missing: m.terms.missing, extra: m.terms.extra });
        let alias = "";
        if (side.k === "bmatrix" && m.equalsEntry !== null) {
          const idx = unflatten(E.shape, m.flat);
          const cell = side.rows[E.rank === 2 ? idx[0]! : 0]?.[idx[E.rank === 2 ? 1 : 0]!];
          const written = cell ? printNode(cell) : "?";
          const other = entryLabel(ref, E.shape, m.equalsEntry, base, namers.text);
          alias = ` — the matrix literal has ${written}${written === other ? "" : ` (= ${other})`} where ${name} belongs: a wrong index`;
        }
        names.push(name);
        if (details.length < 6) details.push(`${name}: ${describeTerms(m.terms)}${alias}`);
      }
      if (mm.length > 5) details.push(`… ${mm.length - 5} more differing entries (all are listed in --format json)`);
      let msg = `${mm.length} of ${E.size} entries differ (${names.slice(0, 6).join(", ")}${names.length > 6 ? ", …" : ""})`;
      const dg = diagnose(d, E, refLabel, side, A);
      if (dg) msg += `; ${dg.what}${dg.formula ? `: ${refLabel} = ${dg.formula}` : ""}`;
      problems.push(msg);
    }
    const correct = side.k === "bmatrix" ? null : correctFormula(d, ref, E);
    if (correct) details.unshift(`correct: ${correct}`);
  }
  const method = numeric ? "numeric" : "structural";
  if (problems.length === 0) {
    const how = numeric ? `numerically at ${points} exact random points` : "structurally (identical canonical forms)";
    return { status: "holds", method, message: `holds ${how}`, entries: [], details: [] };
  }
  return { status: "fails", method, message: problems.join("; "), entries, details };
}

function plainName(ref: Node, fallback: string): string {
  // plain style: δx_{2,2}
  const e = ref.k === "entry" ? ref : ref.k === "partial" && ref.of === "J" && ref.wrt.k === "entry" ? { ...ref.wrt, grad: true } : null;
  if (!e || !e.index || e.index.kind !== "num") return fallback;
  return `${e.grad ? "δ" : ""}${e.base}_{${e.index.values.join(",")}}`;
}

/** The entry a side names with a symbolic index (δy_{ij}, ∂J/∂y_{ij} = δy_{ij}), or null. */
function symbolicEntry(n: Node): { name: string; index: string; text: string } | null {
  const e = n.k === "entry" ? n : n.k === "partial" && n.of === "J" && n.wrt.k === "entry" && !n.wrt.grad ? { ...n.wrt, grad: true } : null;
  if (!e || !e.index || e.index.kind !== "symbolic") return null;
  const name = `${e.grad ? "δ" : ""}${e.base}`;
  return { name, index: e.index.text.replace(/,/g, ""), text: `${name}_{${e.index.text}}` };
}

/**
 * Definitions with letter indices (δy_{ij} = ∂J/∂y_{ij}) hold for every index when both sides
 * name the same entry; a different index or tensor (the lecture's ∂J/∂y_{ii}) fails.
 */
function symbolicCheck(sides: readonly Node[]): Verdict | null {
  const ents = sides.map(symbolicEntry);
  if (ents.some((e) => e === null)) return null;
  const all = ents as { name: string; index: string; text: string }[];
  // the reference is the side written as an entry (δy_{ij}), not as a partial derivative
  const r = Math.max(0, sides.findIndex((n) => n.k === "entry"));
  const ref = all[r]!;
  const bad = all.findIndex((e) => e.name !== ref.name || e.index !== ref.index);
  if (bad < 0) {
    return { status: "holds", method: "structural", message: `holds for every index: each side is ${ref.text}`, entries: [], details: [] };
  }
  const b = all[bad]!;
  const written = printNode(sides[bad]!);
  if (b.name !== ref.name) {
    return { status: "fails", method: "structural", message: `${written} is an entry of another tensor than ${ref.text}`, entries: [], details: [] };
  }
  const wrong = new RegExp(`_\\{${b.index.split("").join(",?")}\\}`, "g");
  const fixed = sides.map((x, i) => (all[i]!.index === ref.index ? printNode(x) : printNode(x).replace(wrong, `_{${ref.index}}`)));
  return { status: "fails", method: "structural", message: `the indices differ: ${ref.text} but ${written}`, entries: [], details: [`correct: ${fixed.join(" = ")}`] };
}

/**
 * When an entry's right-hand side is exactly another entry's formula (δw₁₁ written with δw₂₂'s
 * terms), name that entry and how its index relates (rotated by 180°, indices swapped).
 */
function otherEntry(d: Derivation, ref: Node, actual: Poly, namer: Namer): string | null {
  const e = ref.k === "entry" ? ref : ref.k === "partial" && ref.of === "J" && ref.wrt.k === "entry" ? { ...ref.wrt, grad: true } : null;
  if (!e || !e.index || e.index.kind !== "num" || actual.isZero()) return null;
  const t = e.grad ? (e.base === "x" ? d.gradients.dX : e.base === "w" ? d.gradients.dW : null) : e.base === "y" ? d.forward : null;
  if (!t || e.index.values.length !== t.rank) return null;
  const idx = e.index.values.map((v) => v - d.config.indexBase);
  if (idx.some((v, a) => v < 0 || v >= t.shape[a]!)) return null;
  const own = t.flat(idx);
  for (let f = 0; f < t.size; f++) {
    if (f === own || !t.data[f]!.equals(actual)) continue;
    const at = unflatten(t.shape, f);
    const name = e.grad ? namer.gradName(e.base, at) : namer.entry(e.base, at);
    const rotated = at.every((v, a) => v === t.shape[a]! - 1 - idx[a]!);
    const swapped = t.rank === 2 && at[0] === idx[1] && at[1] === idx[0];
    const how = rotated ? " (the entry rotated by 180°)" : swapped ? " (the indices swapped)" : "";
    return `the right side is the formula of ${name}${how}: a wrong index?`;
  }
  return null;
}
