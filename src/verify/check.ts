/**
 * One equation's verdict: every side is evaluated, and every side is compared with the reference
 * side (the one that names an entry or a matrix — `δx22 = …`, `ΔX = …`; else the first), so a
 * chain-rule line is checked at every `=`.
 */
import type { Derivation } from "../derive.js";
import {
  allNodes,
  children,
  dilateFn,
  findNode,
  indexOfNode,
  mapChildren,
  opSymbol,
  type ConvSpec,
  type Node,
} from "../lang/ast.js";
import { indexNames, printIndex, type IExpr } from "../lang/indexexpr.js";
import { clip, printEquation, printNode } from "../lang/print.js";
import { Namer, unflatten } from "../print/names.js";
import { shapeString, type Tensor } from "../tensor/tensor.js";
import { sub, type Poly } from "../core/poly.js";
import { fromPoly } from "../core/expr.js";
import {
  compareScalars,
  counterexampleText,
  describeTerms,
  tensorMismatches,
  tensorsEqual,
  termReport,
  type EntryReport,
  type Namers,
} from "./compare.js";
import { convNodes, correctFormula, diagnose } from "./diagnose.js";
import {
  EvalError,
  Evaluator,
  OutsideError,
  EMPTY_SUM,
  MAX_SUM_TERMS,
  NotationError,
  Skip,
  type EvalContext,
  type Value,
} from "./evaluate.js";
import { freeIndices, indexAssignments, substituted } from "./indexed.js";
import { implicitChannels, singleChannel } from "./channels.js";
import { bareSums, entrySet, setIndexed, tied, tiedBy, type Relation } from "./relations.js";
import { entryConvolution, signalConvolution, signalIndexed } from "./signal.js";
import { firstRef, unknownHint } from "./hints.js";
import { occurs, withoutOwnSizes } from "./ranges.js";
import { failsEveryReading, summedOver } from "./onesided.js";
import { resolve, type Notation } from "./roles.js";

/** definition: the equation taught convgrad the document's notation (src/verify/learn.ts). */
/** undecided: only from `verify --all-sizes` — no counterexample up to its bound, which is no proof. */
export type Status = "holds" | "fails" | "definition" | "skipped" | "error" | "undecided";

export interface Verdict {
  status: Status;
  method: "structural" | "numeric" | null;
  message: string;
  entries: EntryReport[];
  /** Further lines for the text report (correct formula, counterexample, diagnosis). */
  details: string[];
  /** Size names read from sums' ranges while checking (\sum_{a=0}^{m-1} over a kernel axis: m). */
  inferred?: ReadonlyMap<string, number>;
  /** It holds for the layer without its bias (the formula leaves b out). */
  biasFree?: boolean;
  /** Skipped because a side's matrix, written at the left side's entry, is not the size of its tensor. */
  misfit?: string;
}

/** A verdict with nothing more to say than its message (a skip, a definition): no method, entries or details. */
export const verdict = (status: Status, message: string): Verdict => ({
  status,
  method: null,
  message,
  entries: [],
  details: [],
});

export interface CheckOptions {
  /** Random points for the numeric fallback. */
  points: number;
  /** The index letters the equation's sums bind (set by checkEquation). */
  summed?: ReadonlySet<string>;
  /** Size names (K, H, k_1, s, …) → values. */
  sizes?: (name: string) => number | undefined;
  /** What the document's names mean (default: convgrad's x, w, y, b, J). */
  notation?: Notation;
  /** Stop at the first differing entry (learning only needs to know whether a reading holds). */
  quick?: boolean;
  /** Entries written outside their tensor are 0 (the zero padding), not an error. */
  zeroOutside?: boolean;
  /** Convolutions written without a mode were read as full (once: the retry does not retry). */
  fullRead?: boolean;
  /** The kernel's index-notation entries were read from the other base (once: the retry does not retry). */
  kernelShift?: boolean;
  /** Relations between indices stated around the equation (x = x' − a): how an index free on one side is tied. */
  relations?: readonly Relation[];
  /** Names the document defines by a formula (a sum's bound i_{lower} = …): put in where used, never inferred. */
  formulas?: ReadonlyMap<string, { line: number; expr: IExpr | null }>;
  /**
   * The document states the summation convention before the equation ("Using the Einstein convention …", line
   * 370): an index repeated on one side and free on the other is summed — said so, the formula is checked so.
   */
  summation?: string;
}

function isReference(n: Node): boolean {
  return n.k === "entry" || n.k === "matrix" || n.k === "partial" || n.k === "at";
}

/** A matrix written out as one tensor's named entries ([u_{1,1} u_{1,2}; u_{2,1} u_{2,2}]). */
function entryMatrix(n: Node): boolean {
  if (n.k !== "bmatrix") return false;
  const cells = n.rows.flat();
  return cells.length > 0 && cells.every((c) => (c.k === "entry" || c.k === "ref") && c.index !== null);
}

/**
 * The reference side: the one that names an entry or a matrix (δx22 = …, … = ΔX), else the last when it
 * is a matrix of named entries (x conv k + b = [u_{1,1} …]), else the first.
 */
function referenceSide(sides: readonly Node[]): number {
  const last = sides[sides.length - 1]!;
  return isReference(sides[0]!) ? 0 : isReference(last) || entryMatrix(last) ? sides.length - 1 : 0;
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

/** Sides that name the output's activation a = f(y): compared with ∂J/∂y = ∂J/∂a ⊙ f'(y) put in (evaluate.ts). */
function namesOutputActivation(sides: readonly Node[]): boolean {
  return findNode(sides, (m) => m.k === "entry" && m.base === "a") !== null;
}

export function checkEquation(
  d: Derivation,
  written: readonly Node[],
  opts: CheckOptions,
  namers: Namers = namersFor(d),
): Verdict {
  // ∂J/∂W whole in a document that names a layout of matrix calculus: read in it (src/verify/roles.ts), said
  const layout = opts.notation?.gradientLayout;
  const whole =
    layout &&
    findNode(
      written.map((s) => resolve(s, opts.notation!)),
      (m) => m.k === "partial" && m.of === "J" && m.wrt.k === "matrix",
    ) !== null;
  if (!layout || !whole) return checkAsWritten(d, written, opts, namers);
  if (layout.layout === "both")
    return verdict(
      "skipped",
      `not checked: the document names both the numerator and the denominator layout (${layout.said}), so which one a whole gradient matrix ∂J/∂… is written in is not clear`,
    );
  const v = checkAsWritten(d, written, opts, namers);
  return {
    ...v,
    details: [...v.details, `∂J/∂… of a whole matrix read in the numerator layout (${layout.said}): ΔW transposed`],
  };
}

function checkAsWritten(d: Derivation, written: readonly Node[], opts: CheckOptions, namers: Namers): Verdict {
  const v = checkEquationAsRead(d, written, opts, namers);
  const strided = v.status === "skipped" ? strideLetter(d, written, opts) : null;
  if (strided) return strided(v);
  // Σ_{j=0}^{s-d} empty with s the stride (Shah's s is the input's width): the document cannot mean a sum
  // with no term, so its size letters that convgrad reads as its own are read from the sums' ranges
  // instead — taken only when the formula then holds, and said
  if (v.status !== "skipped" || !v.message.includes(EMPTY_SUM) || !opts.sizes) return v;
  const sizes = opts.sizes;
  const own = withoutOwnSizes(written, sizes, opts.notation?.sizes);
  if (!own) return v;
  const w = checkEquationAsRead(d, written, { ...opts, sizes: own.sizes }, namers);
  if (w.status !== "holds") return v;
  const read = own.letters
    .filter((x) => w.inferred?.has(x))
    .map((x) => `${x} = ${w.inferred!.get(x)} (not ${sizes(x)})`);
  return {
    ...w,
    details: [
      ...w.details,
      `read with ${read.join(", ")} from the sums' ranges: as convgrad reads ${own.letters.join(", ")}, a sum has no term`,
    ],
  };
}

/**
 * x_{i·t+r, j·t+s} (BrightLamp's t): a letter bound nowhere, never an index by itself, that multiplies another
 * index inside one is the stride — read so only on a layer with one stride on every axis, only when the formula
 * then holds, and said; otherwise the verdict stays the skip it was. Returns the rereading, or null.
 */
function strideLetter(d: Derivation, written: readonly Node[], opts: CheckOptions): ((v: Verdict) => Verdict) | null {
  const stride = d.config.stride;
  if (!opts.sizes || stride.some((x) => x !== stride[0])) return null;
  const factors = new Set<string>();
  const alone = new Set<string>();
  const bound = new Set<string>();
  const walk = (e: IExpr, top: boolean): void => {
    if (e.k === "v") (top ? alone : new Set<string>()).add(e.name);
    if (e.k === "mul") {
      for (const [a, b] of [
        [e.a, e.b],
        [e.b, e.a],
      ] as const)
        if (a.k === "v" && b.k === "v" && a.name !== b.name) factors.add(a.name);
    }
    if ("a" in e && e.a && typeof e.a === "object") walk(e.a, false);
    if ("b" in e && e.b && typeof e.b === "object") walk(e.b, false);
  };
  for (const m of allNodes(written)) {
    const idx = indexOfNode(m);
    if (idx?.kind === "expr") for (const e of idx.items) walk(e, true);
    if (m.k === "sumover") for (const b of m.sum.binders) bound.add(b.name);
  }
  const letters = [...factors].filter(
    (x) => /^[A-Za-z]$/.test(x) && !alone.has(x) && !bound.has(x) && opts.sizes!(x) === undefined,
  );
  if (letters.length !== 1) return null;
  const t = letters[0]!;
  const sizes = opts.sizes;
  return (v) => {
    const w = checkEquation(d, written, { ...opts, sizes: (x) => (x === t ? stride[0] : sizes(x)) });
    if (w.status !== "holds") return v;
    return {
      ...w,
      details: [
        ...w.details,
        `read with ${t} = ${stride[0]}, the layer's stride (${t} multiplies an index inside another)`,
      ],
    };
  };
}

/**
 * \frac{1}{m} Σ_{m_i} … (Rathi's batch average): a name the document gives a size (declared, stated or learned —
 * m the number of examples its m_i counts), written as a factor, is that number.
 */
function sizeNumbers(n: Node, notation: Notation): Node {
  if (notation.sizes.size === 0) return n;
  if (n.k === "ref" && !n.index && !n.grad) {
    const v = notation.sizes.get(n.name);
    return v === undefined ? n : { k: "num", n: v, d: 1 };
  }
  return mapChildren(n, (m) => sizeNumbers(m, notation));
}

/** The equation read another way (x[n] ∗ h[n] as its sum, a bare Σ over its indices): checked, the reading said. */
function checkReadAs(d: Derivation, sides: readonly Node[], opts: CheckOptions, namers: Namers, note: string): Verdict {
  const v = checkEquation(d, sides, opts, namers);
  return v.status === "skipped" ? v : { ...v, details: [...v.details, note] };
}

function checkEquationAsRead(d: Derivation, written: readonly Node[], opts: CheckOptions, namers: Namers): Verdict {
  // ∗ defined as true convolution, then as cross-correlation: neither reading is the formula's for sure
  const ambiguous = opts.notation?.ambiguousOps;
  const unclear = ambiguous?.size
    ? findNode(written, (n) => n.k === "bin" && ambiguous.has(opSymbol(n.conv) ?? ""))
    : null;
  if (unclear?.k === "bin" && opSymbol(unclear.conv))
    return verdict("skipped", `not checked: ${ambiguous!.get(opSymbol(unclear.conv)!)}`);
  // x, X the document uses for a pre-activation (σ'(X)): not the layer's input
  const misread = opts.notation?.misread;
  const other = misread?.size
    ? findNode(
        written,
        (n) => ((n.k === "matrix" || n.k === "entry") && misread.has(n.base)) || (n.k === "ref" && misread.has(n.name)),
      )
    : null;
  if (other?.k === "matrix" || other?.k === "entry" || other?.k === "ref")
    return verdict("skipped", `not checked: ${misread!.get(other.k === "ref" ? other.name : other.base)!}`);
  // x[n] ∗ h[n] (signal processing's way of writing (x ∗ h)[n]): a source's convolution sign between two
  // entries indexed by letters means the convolution of the whole signals at that index, not a product
  const signal = findNode(written, (n) => entryConvolution(n) !== null);
  if (signal?.k === "bin") {
    const reading = signalConvolution(written, d.config);
    if (reading) return checkReadAs(d, reading.sides, opts, namers, reading.note);
    return verdict(
      "skipped",
      `not checked: ${printNode(signal)} writes a convolution between entries (x[n] ∗ h[n], signal processing's (x ∗ h)[n])${signalIndexed(d.config) ? "" : ", read only on a 0-based layer with full padding, stride and dilation 1, whose output is indexed as that convolution is"}; write it between the tensors, (w ∗ h)[m, n, d], or as its sum`,
    );
  }
  const rankOf = (name: string): number | null => {
    const r = opts.notation ? resolve({ k: "ref", name, grad: false, index: null }, opts.notation) : null;
    const base = r?.k === "matrix" && !r.grad ? r.base : /^[xwyXWY]$/.test(name) ? name.toUpperCase() : null;
    return base === "X" || base === "W" || base === "Y" ? d.tensors[base].shape.length : null;
  };
  // sums over a set, read each as the document's words say; the first that reads the formula is checked, said so
  const setReadings: [(s: Node) => Node | null, string][] = [
    // Σ_{i,j ∈ Q} δ_Q ∂x_Q/∂…: x_Q is the entry at the sum's indices
    [
      setIndexed,
      "read with an entry indexed by the set a chain-rule sum runs over (x_Q in Σ_{i,j ∈ Q}) as its entry there",
    ],
    // Σ_{p ∈ y} ∂L/∂p ∂p/∂w: p is each entry of the layer's tensor y
    [
      (s) => entrySet(s, rankOf),
      "read with the index of a chain-rule sum over a tensor (p in Σ_{p ∈ y}) as each entry of it",
    ],
  ];
  for (const [reading, note] of setReadings) {
    const read = written.map((s) => reading(s) ?? s);
    if (read.some((s, i) => s !== written[i])) return checkReadAs(d, read, opts, namers, note);
  }
  const bare = bareSums(written, opts.sizes);
  if (bare)
    return checkReadAs(
      d,
      bare,
      opts,
      namers,
      "read with a Σ that has no index below it summed over the indices the left side does not fix",
    );
  const resolved = opts.notation
    ? written.map((s) => sizeNumbers(resolve(s, opts.notation!), opts.notation!))
    : written;
  if (resolved.length < 2)
    return { status: "skipped", method: null, message: "not an equation (no =)", entries: [], details: [] };
  // ⇶R_{i,j} = →b + Σ ⇶I_{i+m,j+n} ⇶K_{m,n} on a layer with channels: entries that are vectors over them
  // … and Σ_{c=1}^{C} K_{m,n,c} I_{i+m,j+n,c} on a layer without them: its one channel
  const sides = implicitChannels(d, resolved, referenceSide(resolved)) ?? singleChannel(d, resolved) ?? resolved;
  const free = freeIndices(sides, opts.sizes);
  // the letters the equation's sums bind (a bias written b_{x,y} under Σ_x Σ_y names no one position)
  const summed = new Set([...(opts.summed ?? []), ...summedLetters(sides)]);
  if (summed.size > 0) opts = { ...opts, summed };
  if (free.length > 0) return checkIndexed(d, sides, opts, namers);
  const ev = evaluatorFor(d, opts, {
    ...(opts.zeroOutside ? { zeroOutside: true } : {}),
    ...(namesOutputActivation(sides) ? { outputActivation: true } : {}),
  });
  const values: Value[] = [];
  const r = referenceSide(sides);
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
    if (!failure && namesOutputActivation(sides))
      for (let i = 0; i < values.length; i++) values[i] = ev.throughOutputActivation(values[i]!, printNode(sides[i]!));
  } catch (e) {
    if (e instanceof Skip)
      return { status: "skipped", method: null, message: `${e.prefix}: ${e.message}`, entries: [], details: [] };
    if (e instanceof EvalError) return { status: "fails", method: null, message: e.message, entries: [], details: [] };
    throw e;
  }
  if (failure) {
    // w_{1,4} of a 3×3 kernel next to w_{1,-1}: a source may write the zero padding out. Read as 0
    // it holds, and says so; otherwise it fails either way (undefined, or 0 and still wrong).
    let zeroToo = "";
    if (failure.error instanceof OutsideError && !opts.zeroOutside) {
      const zero = checkEquation(d, written, { ...opts, zeroOutside: true }, namers);
      if (zero.status === "holds")
        return {
          ...zero,
          details: [`${failure.error.message}: read as 0 (the zero padding outside the tensor)`, ...zero.details],
        };
      if (zero.status === "fails") zeroToo = `; read as 0 it fails too: ${zero.message}`;
    }
    // δ^l * rot180(W^l) ⊙ σ'(z^{l-1}) where * (valid, as the source's forward pass has it) gives a
    // matrix of the wrong size: a source that leaves the mode out may mean the full convolution here
    // (the one whose result fits). Only a full reading that holds is taken, and said.
    if (!(failure.error instanceof OutsideError) && !opts.fullRead) {
      const full = written.map((s, i) => (i === failure.side ? implicitModesFull(s) : s));
      if (full[failure.side] !== written[failure.side]) {
        const v = checkEquation(d, full, { ...opts, fullRead: true }, namers);
        if (v.status === "holds")
          return {
            ...v,
            details: [
              `read with its convolutions written without a mode as full: as written (valid) ${failure.error.message}`,
              ...v.details,
            ],
          };
      }
    }
    // The formula cannot be computed as written: say why, and which slip would make it hold.
    let message = failure.error.message + zeroToo;
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
  const mt = d.table.monos;
  let expected = values[r]!;
  if (expected.kind === "matrix" && expected.t.size === 1 && values.some((v) => v.kind === "scalar"))
    expected = { kind: "scalar", e: fromPoly(mt, expected.t.data[0]!) };
  const entries: EntryReport[] = [];
  const details: string[] = [];
  const problems: string[] = [];
  let numeric = false;
  let points = 0;
  /** Every mismatch so far is the bias the formula leaves out. */
  let biasOnly = true;
  /** How an ambiguous operator was read to make a side hold. */
  const readings: string[] = [];
  const base = d.config.indexBase;
  // a 1×1 matrix is a scalar (Σ ΔY written as ΔY * ones)
  const asScalar = (v: Value): Value =>
    v.kind === "matrix" && v.t.size === 1 ? { kind: "scalar", e: fromPoly(mt, v.t.data[0]!) } : v;
  for (let i = 0; i < sides.length; i++) {
    if (i === r) continue;
    const side = sides[i]!;
    let actual = values[i]!;
    if (actual.kind !== expected.kind) actual = asScalar(actual);
    const where = sides.length > 2 ? `side ${i + 1} (${clip(printNode(side))})` : clip(printNode(side));
    if (expected.kind !== actual.kind) {
      // ∂O/∂F_{11} = ∂O_{11}/∂F_{11} + … (CXianRen's notation for the summed effect): a matrix by one entry set
      // equal to a number says what the source means by its notation, not a claim to fail
      const slice = [sides[r]!, side].find((x) => x.k === "partial" && x.of !== "J" && x.wrt.k === "entry");
      if (slice)
        return verdict(
          "skipped",
          `not checked: ${printNode(slice)} is the matrix of its entries' derivatives, the other side a number (a sum of them?); write the sum, or one entry`,
        );
      biasOnly = false;
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
        biasOnly = false;
        problems.push(`${refLabel} ≠ ${where}: differs ${c.at}`);
        continue;
      }
      if (!onlyBias(d, c.expected, c.actual)) biasOnly = false;
      const tr = termReport(c.expected, c.actual, namers);
      const refName =
        ref.k === "entry"
          ? printNode(ref)
          : ref.k === "partial" && ref.of === "J"
            ? printNode({ ...(ref.wrt as Node & { k: "entry" }), grad: true })
            : refLabel;
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
    const differs = E.shape.join() !== A.shape.join() || !tensorsEqual(E, A);
    // conv(A, B) is convgrad's true convolution, but most sources call their cross-correlation
    // "conv" too: on a cross-correlation layer, a formula that holds once its conv() is read as the
    // layer's own is not judged (skipped with the way to check it)
    if (differs && namedConvHolds(d, E, side, opts)) {
      return {
        status: "skipped",
        method: null,
        message:
          "not checked: conv(…) is true convolution in convgrad's notation, and with it the formula fails; read as this layer's cross-correlation it holds — write xcorr(…) or * to have it checked",
        entries: [],
        details: [],
      };
    }
    const reading = differs ? smallerSlides(d, E, side, opts) : null;
    if (reading) {
      readings.push(reading.text);
      if (reading.withoutBias) {
        problems.push(reading.text);
      }
      continue;
    }
    // rot180(W) ⊗ dZ whose valid result has the wrong size: a source that leaves the mode out may mean
    // the full convolution (Bhattacharjee: "perform a full convolution on dZ"); only a full reading that
    // holds is taken, and said — as written, the kernel first or not
    const fullReading = E.shape.join() !== A.shape.join() && !opts.fullRead ? readFull(d, E, side, opts) : null;
    if (fullReading) {
      readings.push(fullReading);
      continue;
    }
    // x conv k + b = u on a stride-7 layer ("note that the stride here is 7"): a source's own operator
    // written without a stride may mean the layer's; only that reading holding is taken, and said
    const stridedReading = E.shape.join() !== A.shape.join() ? readStrided(d, E, side, opts) : null;
    if (stridedReading) {
      readings.push(stridedReading);
      continue;
    }
    // … and Agrawal's W ∗ X = Y, "∗ a valid dilated convolution", on a dilation-2 layer: the same for the dilation
    const dilatedReading = E.shape.join() !== A.shape.join() ? readDilated(d, E, side, opts) : null;
    if (dilatedReading) {
      readings.push(dilatedReading);
      continue;
    }
    // \mathbf{W} = (4×16 matrix) on a 3×3 kernel: the source's matrix is another one under the same name
    // (the layer written as a fully connected one) or another example's size, not a wrong W
    if (E.shape.join() !== A.shape.join() && side.k === "bmatrix") {
      return verdict(
        "skipped",
        `not about this layer's ${refLabel}: the matrix written is ${shapeString(A.shape)} and ${refLabel} is ${shapeString(E.shape)} (another matrix under the same name, or another example's sizes: check it with --input/--kernel set to them)`,
      );
    }
    // Leon's δ^l = (δ^{l+1} padded) * (W rotated), where his own (I * K)_{ij} = Σ I(i−m, j−n) K(m, n) was read
    // as full: a definition by its entries does not say its output's range, so a size that mode gives is no verdict
    const defined = findNode([side], (m) => (m.k === "bin" || m.k === "convfn") && m.conv?.defined === true);
    if (E.shape.join() !== A.shape.join() && (defined?.k === "bin" || defined?.k === "convfn")) {
      return verdict(
        "skipped",
        `not checked: read with the document's own ${defined.conv?.sym ?? "*"} as it defines it, ${where} is ${shapeString(A.shape)} where ${refLabel} is ${shapeString(E.shape)} — a definition by entries does not say its output's range (full, valid); write the mode to have it checked`,
      );
    }
    if (E.shape.join() !== A.shape.join()) {
      biasOnly = false;
      let msg = `shape mismatch: ${refLabel} is ${shapeString(E.shape)} but ${where} is ${shapeString(A.shape)}`;
      const dg = diagnose(d, E, refLabel, side, null);
      if (dg) msg += `; ${dg.what}${dg.formula ? `: ${refLabel} = ${dg.formula}` : ""}`;
      problems.push(msg);
    } else {
      const mm = tensorMismatches(E, A, namers);
      if (mm.length === 0) continue;
      if (mm.some((m) => !onlyBias(d, E.data[m.flat]!, A.data[m.flat]!))) biasOnly = false;
      const names: string[] = [];
      /** Entries described one by one: five at most, the rest counted. */
      let described = 0;
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
        if (described < 5) {
          details.push(`${name}: ${describeTerms(m.terms)}${alias}`);
          described++;
        }
      }
      if (mm.length > described)
        details.push(`… ${mm.length - described} more differing entries (--format json lists them)`);
      let msg = `${mm.length} of ${E.size} entries differ (${names.slice(0, 6).join(", ")}${names.length > 6 ? ", …" : ""})`;
      const dg = diagnose(d, E, refLabel, side, A);
      if (dg) msg += `; ${dg.what}${dg.formula ? `: ${refLabel} = ${dg.formula}` : ""}`;
      problems.push(msg);
    }
    const correct = side.k === "bmatrix" ? null : correctFormula(d, ref, E);
    if (correct) details.unshift(`correct: ${correct}`);
  }
  const method = numeric ? "numeric" : "structural";
  if (problems.length > 0 && biasOnly && !sides.some(mentionsBias)) return WITHOUT_BIAS;
  if (problems.length > 0 && ev.kernelOutside && !opts.kernelShift) {
    // (sides already resolved: the retry reads them as they are)
    const { notation: _, ...plain } = opts;
    const other = checkEquation(d, kernelShifted(d, sides), { ...plain, kernelShift: true }, namers);
    if (other.status === "holds")
      return kernelOffsetSkip(
        d,
        ev.kernelOutside,
        entries.map((e) => e.entry),
      );
  }
  if (problems.length === 0) {
    const how = numeric ? `numerically at ${points} exact random points` : "structurally (identical canonical forms)";
    return { status: "holds", method, message: `holds ${how}`, entries: [], details: [...readings, ...ev.said] };
  }
  return { status: "fails", method, message: problems.join("; "), entries, details: [...details, ...ev.said] };
}

function plainName(ref: Node, fallback: string): string {
  // plain style: δx_{2,2}
  const e = namedEntry(ref);
  if (!e || !e.index || e.index.kind !== "num") return fallback;
  return `${e.grad ? "δ" : ""}${e.base}_{${e.index.values.join(",")}}`;
}

/**
 * When an entry's right-hand side is exactly another entry's formula (δw₁₁ written with δw₂₂'s
 * terms), name that entry and how its index relates (rotated by 180°, indices swapped).
 */
function otherEntry(d: Derivation, ref: Node, actual: Poly, namer: Namer): string | null {
  const e = namedEntry(ref);
  if (!e || !e.index || e.index.kind !== "num" || actual.isZero()) return null;
  const t = e.grad
    ? e.base === "x"
      ? d.gradients.dX
      : e.base === "w"
        ? d.gradients.dW
        : null
    : e.base === "y"
      ? d.forward
      : null;
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

/** At most this many entries are checked for one index-notation equation. */
const MAX_ASSIGNMENTS = 20_000;

/**
 * Index notation, and one classic slip of the channel forms named when it fails: the kernel's
 * channel indices swapped (W[c,o] for W[o,c]: W is output channel first).
 */
function checkIndexed(d: Derivation, sides: readonly Node[], opts: CheckOptions, namers: Namers): Verdict {
  let v = checkIndexedOnce(d, sides, opts, namers);
  // δ_{x,y} = δ * ROT180(w_{x,y}) σ'(z_{x,y}) where * (valid) gives a matrix of another size than δ's:
  // read full only when that reading holds, and said (as for matrix formulas)
  if (v.misfit && !opts.fullRead) {
    const full = sides.map(implicitModesFull);
    if (full.some((s, i) => s !== sides[i])) {
      const w = checkIndexedOnce(d, full, { ...opts, fullRead: true }, namers);
      if (w.status === "holds")
        v = {
          ...w,
          details: [
            `read with its convolutions written without a mode as full: as written (valid) ${v.misfit}`,
            ...w.details,
          ],
        };
    }
  }
  if (v.status !== "fails" || opts.quick || !d.config.hasChannels) return v;
  const swapped = swapKernelChannels(sides, d.config.input.length);
  if (!swapped) return v;
  const w = checkIndexedOnce(d, swapped, { ...opts, quick: true }, namers);
  if (w.status !== "holds") return v;
  return {
    ...v,
    message: `${v.message}; the kernel's channel indices are swapped (W is indexed output channel first, then input channel): ${printEquation(swapped)}`,
  };
}

/**
 * The sides with every kernel feature map W[a,b] (two channel indices, no spatial ones) written W[b,a]; null when there
 * is none.
 */
function swapKernelChannels(sides: readonly Node[], spatial: number): Node[] | null {
  let found = false;
  // channel formulas are short; a long sum's deep spine is left as it is (this only names a slip)
  const walk = (n: Node, depth: number): Node => {
    if (depth > 200) return n;
    const idx = n.k === "entry" && n.base === "w" && !n.grad ? n.index : null;
    // W has 2 channel axes: an index of exactly 2 items is a feature map only when the layer has spatial axes
    if (idx?.kind === "expr" && idx.items.length === 2 && spatial > 0) {
      found = true;
      return {
        ...(n as Extract<Node, { k: "entry" }>),
        index: { ...idx, items: [idx.items[1]!, idx.items[0]!], text: idx.text.split(",").reverse().join(",") },
      };
    }
    return mapChildren(n, (c) => walk(c, depth + 1));
  };
  const res = sides.map((s) => walk(s, 0));
  return found ? res : null;
}

/**
 * An equation with free indices (δx_{i,j} = Σ_m Σ_n δy_{i-m,j-n} w_{m,n}): checked at every value of
 * its free indices — every entry of the tensor the reference side names — exactly, through the
 * engine; the report names the entries that differ, with their missing and extra terms.
 */
function checkIndexedOnce(d: Derivation, sides: readonly Node[], opts: CheckOptions, namers: Namers): Verdict {
  const r = referenceSide(sides);
  const ref = sides[r]!;
  const written = sides.map((x) => freeIndices([x], opts.sizes));
  // w * σ(z_{x,y}) + b_{x,y} beside z_{x,y}: entries inside a convolution labelled by the left
  // side's own indices name whole matrices, and the side is that matrix's entry there
  const refEntry = namedEntry(ref);
  // (the left side written with exactly those indices, moved only by the notation's own origin)
  const plain = (e: IExpr, v: string) =>
    (e.k === "v" && e.name === v) || (e.k === "sub" && e.shift === true && e.a.k === "v" && e.a.name === v);
  const refFree = written[r]!;
  const labels =
    refEntry?.index?.kind === "expr" &&
    refEntry.index.items.length === refFree.length &&
    refEntry.index.items.every((e, k) => plain(e, refFree[k]!))
      ? refFree
      : null;
  // … and rot180{w_{m,n}} * o_{i,j}: an entry inside a convolution labelled only by indices that
  // nothing else on its side uses, nor the left side, is its whole matrix too (m, n label it, no entry)
  const relabelled = sides.map((s, i) =>
    i === r ? null : labelledMatrices(s, labels ?? [], new Set(written[i]!.filter((v) => !refFree.includes(v)))),
  );
  const mixed = relabelled.find((s): s is { mixed: string } => s !== null && "mixed" in s);
  if (mixed)
    return verdict(
      "skipped",
      `not checked: a convolution of entries labelled ${refFree.join(", ")} (whole matrices) with ${mixed.mixed}, labelled otherwise: which matrix ${mixed.mixed} stands for is not written`,
    );
  let evalSides = sides.map((s, i) => (relabelled[i] as Node | null) ?? s);
  const between = d.config.hasChannels ? null : entriesConvolved(evalSides, refFree);
  if (between)
    return verdict(
      "skipped",
      `not checked: ${between} convolves two entries, not matrices: which matrices are meant (or whether * is a product here) is not written`,
    );
  // every side must have the same free indices: x, y free on one side and bound by a sum on the
  // other (w_{a,b} with a = x' − x said in prose) is not index notation convgrad can read
  const isNamed = (x: Node) => x.k === "entry" || x.k === "ref" || x.k === "partial" || x.k === "at";
  const named = isNamed(ref);
  const mismatch = (ss: readonly Node[]) => {
    const own = ss.map((x) => freeIndices([x], opts.sizes));
    // (two names, δy_{ij} = ∂J/∂y_{ii}: a definition with a wrong index, which is checked and fails)
    const extra = own.map((f, i) =>
      i === r || (named && isNamed(sides[i]!)) ? [] : f.filter((v) => !own[r]!.includes(v)),
    );
    const missing = named ? [] : own.flatMap((f, i) => (i === r ? [] : own[r]!.filter((v) => !f.includes(v))));
    return { extra, missing, all: [...new Set([...extra.flat(), ...missing])] };
  };
  let mm = mismatch(evalSides);
  // indices on a side but not on the reference side, a named side's too (Paudel's ∂Y[m,h',w']/∂X[c,h,w] =
  // W[m,c,p,q] right after "p = h − h′ and q = w − w′")
  const loose = (ss: readonly Node[]) => {
    const own = ss.map((x) => freeIndices([x], opts.sizes));
    return [...new Set(own.flatMap((f, i) => (i === r ? [] : f.filter((v) => !own[r]!.includes(v)))))];
  };
  const untied = mm.all.length > 0 ? mm.all : loose(evalSides);
  // … unless the document states how they are tied (a = x' − x, i' = i + m): read as it says
  const tiedNotes: string[] = [];
  const relations = opts.relations ?? [];
  if (untied.length > 0 && relations.length > 0) {
    const envs = evalSides.map((x) => {
      const names = freeIndices([x], opts.sizes).filter((v) => untied.includes(v));
      return names.length ? tiedBy(names, relations) : new Map<string, IExpr>();
    });
    if (envs.every((e) => e !== null)) {
      const next = evalSides.map((x, i) => (envs[i]!.size ? tied(x, envs[i]!) : x));
      const after = mismatch(next);
      if (after.all.length === 0 && (mm.all.length > 0 || loose(next).length === 0)) {
        evalSides = next;
        mm = after;
        const said = [...new Map(envs.flatMap((e) => [...e])).entries()].map(([v, e]) => `${v} = ${printIndex(e)}`);
        const stated = relations.filter((x) => [...x.coefs.keys()].some((v) => envs.some((e) => e.has(v))));
        const texts = [...new Set(stated.map((x) => x.text))];
        tiedNotes.push(`read with ${said.join(", ")}, as the document states (${texts.join(", ")})`);
      }
    }
  }
  // ∂O_{i,j}/∂X_{p,q} = F_{m,n} with m, n tied in words the reader could not take: read free, the claim would be
  // "for every m, n" — not what the source says. Only a side that shares no index with the reference side:
  // δy_{ij} = ∂J/∂y_{ii} shares i (a wrong index, checked). A name convgrad does not know is the reason
  // otherwise (said below).
  const apart = (x: Node) => {
    const own = freeIndices([x], opts.sizes);
    const ref = freeIndices([evalSides[r]!], opts.sizes);
    return own.length > 0 && own.every((v) => !ref.includes(v));
  };
  const untiedLoose =
    mm.all.length === 0 && tiedNotes.length === 0 && !firstRef(sides) && evalSides.some((x, i) => i !== r && apart(x))
      ? loose(evalSides)
      : [];
  if (mm.all.length > 0 || untiedLoose.length > 0) {
    const free = mm.all.length > 0 ? mm.all : untiedLoose;
    const extra =
      mm.all.length > 0
        ? mm.extra
        : evalSides.map((x, i) => (i === r ? [] : freeIndices([x], opts.sizes).filter((v) => untiedLoose.includes(v))));
    const naming = relations.filter((x) => free.some((v) => x.coefs.has(v))).map((x) => x.text);
    const twice = evalSides.map(reboundIndex).find((v) => v !== null);
    const why = naming.length
      ? `; the relations stated next to it (${[...new Set(naming)].join(", ")}) do not tie ${free.length > 1 ? "them" : "it"} one way`
      : twice
        ? `; a sum over ${twice} inside a sum over ${twice} binds it twice (a typo for another index?)`
        : "";
    // Z(0,0,k) = Y(2,2,k_in) W(2,2,k_in,k): failing summed and at every value of k_in, it fails however meant
    const every =
      !why && !opts.quick && mm.missing.length === 0
        ? failsEveryReading(d, sides, r, extra, opts.sizes, (s) =>
            checkIndexedOnce(d, s, { ...opts, relations: [] }, namers),
          )
        : null;
    if (every) return every;
    const summed = !why && mm.missing.length === 0 ? repeatedSummed(sides, extra) : null;
    let einstein: string[] = [];
    if (summed) {
      // what the formula says read with a sum over its repeated free indices (a chain rule without its Σ):
      // a hint, never the verdict — the source may mean them tied in words instead
      const v = checkIndexedOnce(d, summed, { ...opts, relations: [] }, namers);
      if (opts.summation && (v.status === "holds" || v.status === "fails"))
        return {
          ...v,
          details: [
            ...v.details,
            `read with a sum over ${free.join(", ")}: the document states the summation convention (${opts.summation})`,
          ],
        };
      if (v.status === "holds" || v.status === "fails")
        einstein = [
          `read with a sum over ${free.join(", ")} (each is repeated on its side: the summation convention) it ${v.status}${v.status === "fails" ? ` (${v.message})` : ""}; write the sum to have it checked`,
        ];
    }
    return {
      status: "skipped",
      method: null,
      message: `not checked: ${free.join(", ")} ${free.length > 1 ? "are" : "is"} free on one side and not on the other (bound by a sum there, or tied to other indices in words)${why}`,
      entries: [],
      details: einstein,
    };
  }
  const free = freeIndices(evalSides, opts.sizes);
  // a name the notation does not know is the reason, not the index it carries
  const unknown = firstRef(sides);
  if (unknown && opts.notation?.padded.has(unknown.name))
    return verdict(
      "skipped",
      `not checked: ${unknown.name}, the padded input, is differentiated by here; its gradient is not read (in the border it is not the input's)`,
    );
  if (unknown)
    return verdict(
      "skipped",
      `not about this convolution: ${printNode(unknown)} is not a tensor of this layer${unknownHint(unknown)}`,
    );
  let assignments: Map<string, number>[];
  try {
    assignments = indexAssignments(d, sides, r, free, opts.sizes, MAX_ASSIGNMENTS);
  } catch (e) {
    if (e instanceof Skip)
      return { status: "skipped", method: null, message: `not checked: ${e.message}`, entries: [], details: [] };
    if (e instanceof NotationError)
      return { status: "error", method: null, message: e.message, entries: [], details: [] };
    throw e;
  }
  const mt = d.table.monos;
  const entries: EntryReport[] = [];
  const details: string[] = [];
  const names: string[] = [];
  let numeric = false;
  let differing = 0;
  let biasOnly = true;
  // w_{s-i+1,t-j+1} = 0: the zero-padding convention stated, not a claim about the layer's values
  if (
    sides.some((x) => x.k === "num" && x.n === 0) &&
    (ref.k === "entry" || ref.k === "ref") &&
    ref.index?.kind === "expr" &&
    ref.index.items.some((e) => e.k !== "v")
  ) {
    return verdict(
      "skipped",
      "not checked: it states that entries outside the tensor are 0 (the zero padding convgrad assumes)",
    );
  }
  const domain = referenceEntries(ref);
  const inferred = new Map<string, number>();
  /** Entries compared when the sides are feature maps (ΔX[n,c]): the count the message gives. */
  let mapEntries = 0;
  // learning tries many readings: each gets a tenth of the budget
  const budget = { terms: opts.quick ? MAX_SUM_TERMS / 10 : MAX_SUM_TERMS };
  let checked = 0;
  /** A kernel entry read as 0 outside the kernel (w_{0,1} of a kernel counted from 1). */
  let kernelOutside: string | null = null;
  const activated = namesOutputActivation(evalSides);
  for (const env of assignments) {
    if (opts.quick && differing > 0 && !biasOnly) break;
    const ev = evaluatorFor(d, opts, { env, budget, ...(activated ? { outputActivation: true } : {}) });
    // the claim is about the entries its left side names: ∂x_{(i-a)(j-b)}/∂y_{ij} only where x_{i-a,j-b} exists
    if (!domain.every((e) => ev.inside(e))) continue;
    checked++;
    let values: Value[];
    try {
      values = evalSides.map((s) => ev.eval(s));
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (!relabelled[i] || v.kind !== "matrix" || !refEntry) continue;
        const shape = ev.shapeOf(refEntry);
        const at = ev.position(substituted(refEntry, env, opts.sizes) as typeof refEntry);
        if (!shape || !at || shape.join() !== v.t.shape.join()) continue;
        values[i] = { kind: "scalar", e: fromPoly(d.table.monos, v.t.at(at)) };
      }
      if (activated) values = values.map((v, i) => ev.throughOutputActivation(v, printNode(evalSides[i]!)));
    } catch (e) {
      if (e instanceof Skip)
        return { status: "skipped", method: null, message: `${e.prefix}: ${e.message}`, entries: [], details: [] };
      if (e instanceof NotationError)
        return { status: "error", method: null, message: e.message, entries: [], details: [] };
      // index notation read in a way the engine cannot evaluate: convgrad cannot tell what it means
      if (e instanceof EvalError)
        return verdict(
          "skipped",
          `not checked: ${e.message} (at ${[...env].map(([k, v]) => `${k} = ${v}`).join(", ")})`,
        );
      throw e;
    }
    for (const [k, v] of ev.inferred) inferred.set(k, v);
    kernelOutside ??= ev.kernelOutside;
    const expected = values[r]!;
    if (expected.kind === "matrix") {
      // a feature map per channel index: ΔX[n,c] = Σ_o pad(ΔY[n,o], 1) ⋆ Rot180(W[o,c])
      const at = substituted(ref, env, opts.sizes);
      if (at.k !== "entry") return verdict("skipped", `not checked: ${printNode(ref)} is a matrix in index notation`);
      for (let i = 0; i < sides.length; i++) {
        if (i === r) continue;
        const actual = values[i]!;
        const where = sides.length > 2 ? ` (side ${i + 1})` : "";
        // a scalar where a feature map is meant: a reading convgrad cannot tell, not a verdict
        if (actual.kind !== "matrix")
          return verdict("skipped", `not checked: side ${i + 1} is a scalar where ${printNode(ref)} is a feature map`);
        if (actual.t.shape.join() !== expected.t.shape.join()) {
          const msg = `shape mismatch at ${printNode(at)}: it is ${shapeString(expected.t.shape)} but side ${i + 1} is ${shapeString(actual.t.shape)}`;
          return { status: "fails", method: "structural", message: msg, entries: [], details: [] };
        }
        mapEntries += expected.t.size;
        const mm = tensorMismatches(expected.t, actual.t, namers);
        if (mm.length === 0) continue;
        const lead = at.index?.kind === "num" ? at.index.values.map((v) => v - d.config.indexBase) : [];
        for (const m of mm) {
          const idx = [...lead, ...unflatten(expected.t.shape, m.flat)];
          const label = (nm: Namer) => (at.grad ? nm.gradName(at.base, idx) : nm.entry(at.base, idx));
          differing++;
          names.push(label(namers.text));
          entries.push({ entry: label(namers.plain), missing: m.terms.missing, extra: m.terms.extra });
          if (!onlyBias(d, expected.t.data[m.flat]!, actual.t.data[m.flat]!)) biasOnly = false;
          if (details.length < 6) details.push(`${label(namers.text)}${where}: ${describeTerms(m.terms)}`);
        }
      }
      continue;
    }
    let bad = false;
    for (let i = 0; i < sides.length; i++) {
      if (i === r) continue;
      const actual = values[i]!;
      if (actual.kind !== "scalar") {
        const shape = relabelled[i] && refEntry ? ev.shapeOf(refEntry) : null;
        return {
          status: "skipped",
          method: null,
          message: `not checked: side ${i + 1} is a matrix where ${printNode(ref)} is an entry${functionLabel(sides[i]!, free)}`,
          entries: [],
          details: [],
          ...(shape && shape.join() !== actual.t.shape.join()
            ? {
                misfit: `side ${i + 1} is ${shapeString(actual.t.shape)} where ${printNode(refEntry!)}'s tensor is ${shapeString(shape)}`,
              }
            : {}),
        };
      }
      const c = compareScalars(mt, expected.e, actual.e, opts.points, namers);
      if (c.method === "numeric") numeric = true;
      if (c.holds || bad) continue;
      bad = true;
      differing++;
      const name = printNode(substituted(ref, env, opts.sizes));
      names.push(name);
      if (c.method === "numeric") {
        biasOnly = false;
        if (details.length < 6) details.push(`${name}${sides.length > 2 ? ` (side ${i + 1})` : ""}: differs ${c.at}`);
        continue;
      }
      if (!onlyBias(d, c.expected, c.actual)) biasOnly = false;
      const tr = termReport(c.expected, c.actual, namers);
      const at = substituted(ref, env, opts.sizes);
      entries.push({ entry: plainName(at, printNode(at)), missing: tr.missing, extra: tr.extra });
      if (details.length === 0) details.push(`correct: ${name} = ${namers.text.poly(c.expected)}`);
      if (details.length < 6)
        details.push(`${name}${sides.length > 2 ? ` (side ${i + 1})` : ""}: ${describeTerms(tr)}`);
    }
  }
  const method = numeric ? "numeric" : "structural";
  const n = checked;
  if (n === 0)
    return verdict("skipped", `not checked: no value of ${free.join(", ")} names entries inside the layer's tensors`);
  if (differing > 0 && biasOnly && !sides.some(mentionsBias)) return { ...WITHOUT_BIAS, inferred };
  if (differing > 0 && kernelOutside && !opts.kernelShift) {
    const other = checkIndexedOnce(d, kernelShifted(d, sides), { ...opts, kernelShift: true }, namers);
    if (other.status === "holds") return kernelOffsetSkip(d, kernelOutside, names);
  }
  const typo = differing > 0 ? indexTypo(sides, r) : null;
  if (typo)
    return {
      status: "fails",
      method,
      message: typo.message,
      entries,
      details: [`correct: ${typo.correct}`, ...details.slice(1), ...tiedNotes],
    };
  const where = `${free.join(", ")} over ${n} ${n === 1 ? "value" : "values"}`;
  if (differing === 0) {
    const read = [...inferred].map(([k, v]) => `${k} = ${v}`);
    return {
      status: "holds",
      method,
      // (no index left free — a sum over every index — is one value: said as a formula without indices is)
      message: `holds ${free.length ? `for every ${where} ` : ""}(${numeric ? "numerically at exact random points" : "structurally: identical canonical forms"})`,
      entries: [],
      details: [...(read.length ? [`sizes read from the sums' ranges: ${read.join(", ")}`] : []), ...tiedNotes],
      inferred,
    };
  }
  if (differing > 5) details.push(`… ${differing - 5} more differing entries (--format json lists them)`);
  const of = mapEntries > 0 ? `${mapEntries} entries of ${n} feature maps` : `${n} entries`;
  return {
    status: "fails",
    method,
    message: `${differing} of ${of} differ (${names.slice(0, 6).join(", ")}${names.length > 6 ? ", …" : ""})`,
    entries,
    details: [...details, ...tiedNotes],
  };
}

/**
 * The side with every entry inside a convolution's operands (or a rotation of one) whose index is
 * exactly `labels` — the left side's free indices — read as its whole tensor: Gwardys'
 * z_{x,y} = w * σ(z_{x,y}) + b_{x,y}, δ_{x,y} = δ * ROT180(w_{x,y}) σ'(z_{x,y}); and every such entry
 * labelled only by distinct indices of `loose` (free on this side alone) that occur nowhere else on
 * the side: Jefkine's rot180{w_{m,n}} ∗ o_{i,j}. null when there is none.
 */
function labelledMatrices(
  side: Node,
  labels: readonly string[],
  loose: ReadonlySet<string>,
): Node | { mixed: string } | null {
  // (nothing to read, or no convolution: found without recursion, long sums being deep)
  if ((labels.length === 0 && loose.size === 0) || !findNode([side], isMatrixArgs)) return null;
  let changed = false;
  // δ_{a,b} * σ(z_{-a,-b}): beside a labelled matrix, an entry whose indices use the labels otherwise
  let mixed: Node | null = null;
  const isLabel = (n: Node): n is Extract<Node, { k: "entry" }> =>
    labels.length > 0 &&
    n.k === "entry" &&
    n.index?.kind === "expr" &&
    n.index.items.length === labels.length &&
    n.index.items.every(
      (e, k) =>
        (e.k === "v" && e.name === labels[k]) ||
        // δ_{a,b} read through the notation's own origin (δy_{a-2,b-1}): still labelled a, b
        (e.k === "sub" && e.shift === true && e.a.k === "v" && e.a.name === labels[k]),
    );
  // how often each loose index is written anywhere on the side
  const uses = new Map<string, number>();
  const count = (root: Node): void => {
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      const idx = indexOfNode(n);
      if (idx?.kind === "expr")
        for (const e of idx.items) for (const v of indexNames(e)) if (loose.has(v)) uses.set(v, (uses.get(v) ?? 0) + 1);
      if (n.k === "sumover") for (const b of n.sum.binders) if (loose.has(b.name)) uses.set(b.name, Infinity); // bound inside: not loose
      stack.push(...children(n));
    }
  };
  /** The distinct loose names an entry is labelled by, or null. */
  const looseNames = (n: Node): string[] | null => {
    if (n.k !== "entry" || n.index?.kind !== "expr" || n.index.items.length === 0) return null;
    const names = n.index.items.map((e) => (e.k === "v" && loose.has(e.name) ? e.name : ""));
    return names.every((v) => v !== "") && new Set(names).size === names.length ? names : null;
  };
  if (loose.size > 0) count(side);
  // each loose label written once, in one entry inside a convolution
  const looseLabel = (n: Node): boolean => looseNames(n)?.every((v) => uses.get(v) === 1) ?? false;
  const walk = (n: Node, inMatrix: boolean, inFn: boolean): Node => {
    if (inMatrix && n.k === "entry" && (isLabel(n) || looseLabel(n))) {
      if (inFn) {
        changed = true;
        return { ...n, index: null };
      }
      if (n.base === "b" || n.base === "z" || n.base === "a") return n;
      changed = true;
      return { k: "matrix", base: n.base.toUpperCase() as "X" | "W" | "Y", grad: n.grad };
    }
    if (inMatrix && n.k === "entry" && n.index?.kind === "expr" && labels.some((l) => occurs(n, l))) mixed ??= n;
    // ∂z_{i,j}/∂W_{m,n} beside a * that multiplies: a derivative's entries are its own
    if (n.k === "partial") return n;
    if (n.k === "bin" && !isMatrixArgs(n)) {
      // long sums: the left spine iteratively (its operands are read as the sum is)
      const spine: Extract<Node, { k: "bin" }>[] = [];
      let cur: Node = n;
      while (cur.k === "bin" && !isMatrixArgs(cur)) {
        spine.push(cur);
        cur = cur.left;
      }
      let acc = walk(cur, inMatrix, false);
      for (let i = spine.length - 1; i >= 0; i--)
        acc = { ...spine[i]!, left: acc, right: walk(spine[i]!.right, inMatrix, false) };
      return acc;
    }
    return mapChildren(n, (c) => walk(c, inMatrix || isMatrixArgs(n), n.k === "fn" || (inFn && n.k !== "bin")));
  };
  const out = walk(side, false, false);
  if (changed && mixed) return { mixed: printNode(mixed) };
  return changed ? out : null;
}

/**
 * δ_{a,b} * σ(z_{-a,-b}) for ∂C/∂w_{a,b}, outside any sum: a convolution sign between two entries that
 * carry the free indices, where a source means the matrices' convolution at (a, b) — or a product.
 * Its text, or null. (On a layer with channels, X[c] ⋆ ΔY[o] convolves feature maps: not asked there.)
 */
function entriesConvolved(sides: readonly Node[], free: readonly string[]): string | null {
  const entryLike = (n: Node): boolean =>
    findNode([n], (m) => m.k === "matrix" || ((m.k === "entry" || m.k === "ref") && m.index === null)) === null &&
    free.some((v) => occurs(n, v));
  // (without recursion: long sums are deep; nothing inside a sum is asked)
  const stack: Node[] = [...sides].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.k === "sumover") continue;
    if (n.k === "bin" && n.op === "conv" && n.conv && entryLike(n.left) && entryLike(n.right)) return printNode(n);
    stack.push(...[...children(n)].reverse());
  }
  return null;
}

/**
 * Gwardys' δ^{l+1} * w_{-x,-y}: an operand of a convolution written as an entry at a function of the
 * equation's free indices (the kernel as a function of the position, rotated) — said, not read.
 */
function functionLabel(side: Node, free: readonly string[]): string {
  const atFunction = (o: Node) =>
    o.k === "entry" &&
    o.index?.kind === "expr" &&
    o.index.items.some((e) => e.k !== "v" && [...indexNames(e)].some((v) => free.includes(v)));
  const found = findNode([side], (n) => isMatrixArgs(n) && children(n).some(atFunction));
  const e = found ? children(found).find(atFunction) : undefined;
  return e
    ? ` (${printNode(e)} inside a convolution is an entry at a function of ${free.join(", ")}, not a matrix: write the matrix, e.g. ROT180(w))`
    : "";
}

/** An index a sum binds again inside a sum that binds it (邱锡鹏's Σ_{i=1}^{M-m+1} Σ_{i=1}^{N-n+1}), or null. */
function reboundIndex(side: Node): string | null {
  const stack: { n: Node; bound: ReadonlySet<string> }[] = [{ n: side, bound: new Set() }];
  while (stack.length > 0) {
    const { n, bound } = stack.pop()!;
    if (n.k === "sumover") {
      const again = n.sum.binders.find((b) => bound.has(b.name));
      if (again) return again.name;
      stack.push({ n: n.arg, bound: new Set([...bound, ...n.sum.binders.map((b) => b.name)]) });
    } else for (const c of children(n)) stack.push({ n: c, bound });
  }
  return null;
}

/** A node whose operands are matrices: a convolution, a rotation, a padding, a dilation. */
function isMatrixArgs(n: Node): boolean {
  return (n.k === "bin" && n.conv !== null) || n.k === "convfn" || n.k === "rot" || n.k === "pad" || n.k === "dilate";
}

/**
 * The side with every convolution written without a mode (A * B, A ⊗ B) made full; the same node when there is none.
 */
function implicitModesFull(side: Node): Node {
  let changed = false;
  const walk = (n: Node): Node => {
    const m = mapChildren(n, walk);
    if (m.k === "bin" && m.conv && !m.conv.explicitMode && m.conv.mode === "valid") {
      changed = true;
      return { ...m, conv: { ...m.conv, mode: "full", explicitMode: true } };
    }
    return m;
  };
  const out = walk(side);
  return changed ? out : side;
}

/** The entry a side names: δy_{ij}, or ∂J/∂y_{ij} (= δy_{ij}). */
function namedEntry(n: Node): Extract<Node, { k: "entry" }> | null {
  if (n.k === "entry") return n;
  if (n.k === "partial" && n.of === "J" && n.wrt.k === "entry" && !n.wrt.grad) return { ...n.wrt, grad: true };
  return null;
}

/**
 * A definition whose sides name the same tensor with different letter indices (the lecture's
 * δy_{ij} = ∂J/∂y_{ii}): said as such, with the formula corrected.
 */
function indexTypo(sides: readonly Node[], r0: number): { message: string; correct: string } | null {
  // the side written as an entry (δy_{ij}) is the definition's reference, not ∂J/∂y_{ii}
  const written = sides.findIndex((s) => s.k === "entry");
  const r = written >= 0 ? written : r0;
  const ref = namedEntry(sides[r]!);
  if (!ref || ref.index?.kind !== "expr") return null;
  const key = (e: Extract<Node, { k: "entry" }>) => `${e.grad}:${e.base}`;
  let bad = -1;
  for (let i = 0; i < sides.length; i++) {
    const e = namedEntry(sides[i]!);
    if (!e || e.index?.kind !== "expr" || key(e) !== key(ref)) return null;
    if (bad < 0 && e.index.text !== ref.index.text) bad = i;
  }
  if (bad < 0) return null;
  const fixed = sides.map((s, i) => {
    if (i === r || s.k === "entry") return s.k === "entry" ? { ...s, index: ref.index } : s;
    const p = s as Extract<Node, { k: "partial" }>;
    return { ...p, wrt: { ...(p.wrt as Extract<Node, { k: "entry" }>), index: ref.index } };
  });
  return {
    message: `the indices differ: ${printNode(sides[r]!)} but ${printNode(sides[bad]!)}`,
    correct: printEquation(fixed),
  };
}

/** The summation-convention hint is offered for formulas up to this many nodes (a hint, not a check). */
const MAX_HINT_NODES = 2000;

/**
 * In how many of the side's indexed names (outside sums that bind it) v occurs; null when the side is
 * too large for a hint (walked without recursion: long sums are deep).
 */
function indexUses(side: Node, v: string): number | null {
  let uses = 0;
  let nodes = 0;
  const stack = [side];
  while (stack.length) {
    const n = stack.pop()!;
    if (++nodes > MAX_HINT_NODES) return null;
    if (n.k === "sumover" && n.sum.binders.some((b) => b.name === v)) continue;
    if (
      (n.k === "entry" || n.k === "ref" || n.k === "at") &&
      n.index?.kind === "expr" &&
      n.index.items.some((e) => indexNames(e).has(v))
    )
      uses++;
    stack.push(...children(n));
  }
  return uses;
}

/**
 * The sides with a sum over the indices free on one side only, where each of them occurs in two
 * names at least on its side (∂L/∂Z(i',j',k) × ∂Z(i',j',k)/∂Y(i,j,c)); null when one does not.
 */
function repeatedSummed(sides: readonly Node[], extra: readonly (readonly string[])[]): Node[] | null {
  if (extra.every((e) => e.length === 0)) return null;
  if (!extra.every((e, i) => e.every((v) => (indexUses(sides[i]!, v) ?? 0) >= 2))) return null;
  return summedOver(sides, extra);
}

/** Does the formula name the bias anywhere? */
function mentionsBias(n: Node): boolean {
  return findNode([n], (m) => m.k === "entry" && m.base === "b") !== null;
}

/** expected − actual is exactly the bias (b, once): a forward formula that leaves the bias out. */
function onlyBias(d: Derivation, expected: Poly, actual: Poly): boolean {
  const r = d.table.tensor("b");
  if (!r) return false;
  const diff = sub(d.table.monos, expected, actual);
  if (diff.isZero()) return false;
  const sign = diff.coef(0).n;
  for (let k = 0; k < diff.size; k++) {
    const c = diff.coef(k);
    const id = diff.codes[k]! - 1;
    if (!(Math.abs(c.n) === 1 && c.d === 1 && c.n === sign) || id < r.base || id >= r.base + r.size) return false;
  }
  return true;
}

/** The verdict for a formula that holds but for the bias it leaves out (as if b = 0). */
const WITHOUT_BIAS: Verdict = {
  status: "skipped",
  biasFree: true,
  method: "structural",
  message:
    "not checked as written: it holds for this layer without its bias (the formula leaves b out, as if b = 0); add --bias only if the source's layer has one here",
  entries: [],
  details: [],
};

/**
 * A cross-correlation between a smaller and a larger matrix, valid, written smaller first
 * (W ⊗ X, ∂E/∂Y ⊗ X), or with the kernel written first in any mode (rot180(W) ⊗ dZ, full): many
 * sources mean the smaller one, or the kernel, slides over the other, where convgrad's notation
 * (scipy's) reads the second as sliding — the two differ by a rotation. When reading every such
 * product the sources' way makes the side hold, it holds, and the reading is said.
 */
function smallerSlides(
  d: Derivation,
  expected: Tensor,
  side: Node,
  opts: CheckOptions,
): { text: string; withoutBias: boolean } | null {
  const ev = evaluatorFor(d, opts);
  const overrides = new Map<Node, ConvSpec>();
  const shown: string[] = [];
  const why = new Set<string>();
  for (const { node, spec } of convNodes(side)) {
    // only operators written another way than convgrad's own * and ⋆ (⊗, \ast, \circledast), whose
    // operand order is the source's
    // (not one the document defines: its definition says which operand slides)
    if (spec.sym === undefined || (spec.op ?? d.config.op) !== "xcorr" || spec.swap || spec.defined) continue;
    const [a, b] = node.k === "bin" ? [node.left, node.right] : node.k === "convfn" ? [node.a, node.b] : [null, null];
    if (!a || !b) continue;
    // rot180(W) ⊗ dZ ("perform a full convolution of the rotated kernel on dZ"): the kernel written first
    const kernelFirst = builtFromKernel(a) && !builtFromKernel(b);
    try {
      const va = ev.eval(a);
      const vb = ev.eval(b);
      if (va.kind !== "matrix" || vb.kind !== "matrix" || va.t.rank !== vb.t.rank) continue;
      const smallerFirst =
        spec.mode === "valid" && va.t.shape.every((n, k) => n <= vb.t.shape[k]!) && va.t.size !== vb.t.size;
      if (!smallerFirst && !kernelFirst) continue;
      if (smallerFirst) why.add("the smaller operand");
      else why.add("the kernel");
    } catch {
      continue;
    }
    overrides.set(node, { ...spec, swap: true });
    shown.push(
      `${printNode(a)} ⋆ ${printNode(b)} read as ${printNode(b)} ⋆ ${printNode(a)} (${printNode(a)} slides over ${printNode(b)})`,
    );
  }
  if (overrides.size === 0) return null;
  try {
    const v = evaluatorFor(d, opts, { conv: overrides }).eval(side);
    if (v.kind !== "matrix" || v.t.shape.join() !== expected.shape.join()) return null;
    const text = `reading: ${shown.join("; ")}, as the source writes ${[...why].join(" or ")} first`;
    if (tensorsEqual(v.t, expected)) return { text, withoutBias: false };
    if (!mentionsBias(side) && expected.data.every((p, f) => onlyBias(d, p, v.t.data[f]!)))
      return { text, withoutBias: true };
  } catch {
    return null;
  }
  return null;
}

/** The side with its convolutions written without a mode read full, when that makes it hold: the reading said. */
function readFull(d: Derivation, expected: Tensor, side: Node, opts: CheckOptions): string | null {
  // (a source's own operator only, ⊗, \ast, ⊛: convgrad's * and ⋆ are valid unless written full — the
  // lecture's ΔX = Rot180(W) * ΔY stays the slip it is)
  const implicit = convNodes(side).filter(({ spec }) => !spec.explicitMode && spec.mode === "valid");
  if (implicit.length === 0 || implicit.some(({ spec }) => spec.sym === undefined)) return null;
  const full = implicitModesFull(side);
  if (full === side) return null;
  const said = "its convolutions written without a mode read as full";
  try {
    const v = evaluatorFor(d, opts).eval(full);
    if (v.kind === "matrix" && v.t.shape.join() === expected.shape.join() && tensorsEqual(v.t, expected))
      return `reading: ${said}`;
  } catch (e) {
    if (!(e instanceof EvalError || e instanceof Skip)) throw e;
    return null;
  }
  const swapped = smallerSlides(d, expected, full, opts);
  return swapped && !swapped.withoutBias ? `${swapped.text}, with ${said}` : null;
}

/**
 * The side with a source's own operators (⊗, \ast, conv written between its operands) written without a
 * stride read at the layer's stride, when that makes it hold: the reading said. convgrad's * keeps
 * stride 1 unless written *_{s=2}.
 */
function readStrided(d: Derivation, expected: Tensor, side: Node, opts: CheckOptions): string | null {
  const stride = d.config.stride;
  if (stride.every((k) => k === 1) || stride.some((k) => k !== stride[0])) return null;
  const implicit = convNodes(side).filter(({ spec }) => spec.stride === undefined && spec.mode === "valid");
  if (implicit.length === 0 || implicit.some(({ spec }) => spec.sym === undefined)) return null;
  const walk = (n: Node): Node => {
    const m = mapChildren(n, walk);
    return m.k === "bin" && m.conv && m.conv.stride === undefined
      ? { ...m, conv: { ...m.conv, stride: stride[0]! } }
      : m;
  };
  return evaluatesTo(d, walk(side), expected, opts)
    ? `reading: its convolutions written without a stride read at the layer's stride ${stride[0]}`
    : null;
}

/** Does the side, read another way, evaluate to the expected matrix (a reading that cannot be evaluated: no)? */
function evaluatesTo(d: Derivation, side: Node, expected: Tensor, opts: CheckOptions): boolean {
  try {
    const v = evaluatorFor(d, opts).eval(side);
    return v.kind === "matrix" && v.t.shape.join() === expected.shape.join() && tensorsEqual(v.t, expected);
  } catch (e) {
    if (!(e instanceof EvalError || e instanceof Skip)) throw e;
    return false;
  }
}

/**
 * A source's own operator (∗, ⊗) written between the kernel and another operand on a dilated layer: read with
 * the kernel dilated by the layer's dilation — only when that reading holds, and said (readStrided's twin).
 */
function readDilated(d: Derivation, expected: Tensor, side: Node, opts: CheckOptions): string | null {
  const dil = d.config.dilation;
  if (dil.every((k) => k === 1)) return null;
  const written = convNodes(side).filter(({ spec }) => spec.mode === "valid");
  if (written.length === 0 || written.some(({ spec }) => spec.sym === undefined)) return null;
  const walk = (n: Node): Node => {
    const m = mapChildren(n, walk);
    if (m.k !== "bin" || m.op !== "conv" || !m.conv) return m;
    if (builtFromKernel(m.right) && !builtFromKernel(m.left)) return { ...m, right: dilateFn(m.right, dil) };
    if (builtFromKernel(m.left) && !builtFromKernel(m.right)) return { ...m, left: dilateFn(m.left, dil) };
    return m;
  };
  const said = `reading: its convolutions written without a dilation read with the kernel dilated by the layer's ${dil.join("x")}`;
  const dilated = walk(side);
  if (evaluatesTo(d, dilated, expected, opts)) return said;
  // (W ∗ X with the kernel first: the smaller operand slides over the larger, as for the layer's own sizes)
  const smaller = smallerSlides(d, expected, dilated, opts);
  return smaller && !smaller.withoutBias ? `${said}; ${smaller.text.replace(/^reading: /, "")}` : null;
}

/**
 * Tang and Wu's O_{i,j} = Σ_{m=0}^{k-1} F_{m,n} X_{i+m,j+n} in a layer counted from 1: F_{0,0} lies outside
 * the kernel, and read as 0 the formula fails — though it holds with the kernel's offsets counted from 0,
 * as its sums count them. Zero outside is the padding of a feature map, not of a kernel: when the formula
 * holds with the kernel's entries counted from the other base, that is no verdict.
 */
function kernelOffsetSkip(d: Derivation, outside: string, differing: readonly string[]): Verdict {
  const base = d.config.indexBase;
  return verdict(
    "skipped",
    `not checked: ${outside} lies outside the kernel (${shapeString(d.config.kernel)}, indices from ${base}); read as 0 it fails (${differing.slice(0, 3).join(", ")}${differing.length > 3 ? ", …" : ""} differ), but the source may count the kernel's offsets from ${base === 0 ? 1 : 0}: check the formula with --index-base ${base === 0 ? 1 : 0}`,
  );
}

/**
 * The sides with the kernel's (and its gradient's) index-notation entries counted from the other base on the
 * spatial axes: w_{m,n} as w_{m+1,n+1} in a layer counted from 1, as w_{m-1,n-1} in one counted from 0.
 */
function kernelShifted(d: Derivation, sides: readonly Node[]): Node[] {
  const s = d.config.input.length;
  const off = d.config.indexBase === 1 ? -1 : 1;
  const walk = (n: Node, depth: number): Node => {
    if (depth > 200) return n;
    if (n.k === "entry" && n.base === "w" && n.index?.kind === "expr") {
      const items = n.index.items;
      return {
        ...n,
        index: {
          ...n.index,
          items: items.map((e, a) =>
            a >= items.length - s ? { k: "sub", a: e, b: { k: "n", v: off }, shift: true } : e,
          ),
        },
      };
    }
    return mapChildren(n, (c) => walk(c, depth + 1));
  };
  return sides.map((x) => walk(x, 0));
}

/** An evaluator over the layer with the check's size names and the bounds the document defines. */
/** The index letters the sums of these sides bind. */
export function summedLetters(sides: readonly Node[]): Set<string> {
  return new Set(allNodes(sides).flatMap((m) => (m.k === "sumover" ? m.sum.binders.map((b) => b.name) : [])));
}

function evaluatorFor(d: Derivation, opts: CheckOptions, extra: Omit<EvalContext, "d"> = {}): Evaluator {
  return new Evaluator({
    d,
    ...extra,
    ...(opts.sizes ? { sizes: opts.sizes } : {}),
    ...(opts.formulas ? { formulas: opts.formulas } : {}),
    ...(opts.summed ? { summed: opts.summed } : {}),
  });
}

/** Is the operand the layer's kernel, or made of it (Rot180(W), dilate(W, 2))? */
function builtFromKernel(n: Node): boolean {
  return findNode([n], (m) => m.k === "matrix" && m.base === "W" && !m.grad) !== null;
}

/** The entries a reference side names outside its sums (the claim's domain). */
function referenceEntries(ref: Node): Extract<Node, { k: "entry" }>[] {
  const out: Extract<Node, { k: "entry" }>[] = [];
  const stack: Node[] = [ref];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.k === "sumover") continue;
    if (n.k === "entry" && n.index?.kind === "expr") out.push(n);
    if (n.k === "partial") {
      if (n.of !== "J") stack.push(n.of);
      stack.push(n.wrt);
    }
  }
  return out;
}

/** On a cross-correlation layer: does the side hold with every conv(…) function read as xcorr? */
function namedConvHolds(d: Derivation, expected: Tensor, side: Node, opts: CheckOptions): boolean {
  if (d.config.op !== "xcorr") return false;
  const overrides = new Map<Node, ConvSpec>();
  for (const { node, spec } of convNodes(side))
    if (node.k === "convfn" && spec.op === "conv") overrides.set(node, { ...spec, op: "xcorr" });
  if (overrides.size === 0) return false;
  try {
    const v = evaluatorFor(d, opts, { conv: overrides }).eval(side);
    return v.kind === "matrix" && tensorsEqual(v.t, expected);
  } catch {
    return false;
  }
}
