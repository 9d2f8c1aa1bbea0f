/**
 * Near misses of a failing matrix formula: the usual slips, tried in order — the result rotated
 * by 180° or transposed, another padding mode, the other convention (conv ↔ xcorr), and
 * combinations — each evaluated with the engine and compared with the expected tensor. Also the
 * correct formula, taken from the engine's rule table and itself checked before it is stated.
 */
import { MODES, OP_NAME, spanText, type Mode, type Op } from "../conventions.js";
import type { Derivation } from "../derive.js";
import { forwardFormula } from "../grad/formulas.js";
import { plan, RULES } from "../grad/rules.js";
import type { ConvSpec, Node, Span } from "../lang/ast.js";
import { printEquation, printNode } from "../lang/print.js";
import { rot180, transpose } from "../tensor/ops.js";
import type { Tensor } from "../tensor/tensor.js";
import { tensorsEqual } from "./compare.js";
import { Evaluator, isEvalOutcome } from "./evaluate.js";

/** The convolution nodes of a formula, in print order. */
export function convNodes(n: Node): { node: Node; spec: ConvSpec }[] {
  const out: { node: Node; spec: ConvSpec }[] = [];
  const stack: Node[] = [n];
  while (stack.length) {
    const c = stack.pop()!;
    switch (c.k) {
      case "bin":
        if (c.op === "conv") out.push({ node: c, spec: c.conv! });
        stack.push(c.right, c.left);
        break;
      case "convfn":
        out.push({ node: c, spec: c.conv });
        stack.push(c.b, c.a);
        break;
      case "neg":
      case "rot":
      case "transpose":
      case "dilate":
      case "pad":
        stack.push(c.arg);
        break;
      case "sumall":
        stack.push(c.arg);
        break;
      case "pow":
        stack.push(c.base);
        break;
      default:
        break;
    }
  }
  return out.slice(0, 4);
}

export interface Diagnosis {
  /** "the result is rotated by 180°", "holds with full padding", … */
  what: string;
  /** The formula that holds (text), when the slip is in the formula itself. */
  formula: string | null;
}

function modeWords(m: Mode): string {
  return m === "valid" ? "in valid mode (no padding)" : `with ${m} padding`;
}

interface Variant {
  overrides: Map<Node, ConvSpec>;
  words: string[];
}

function variants(side: Node, configured: Op): Variant[] {
  const nodes = convNodes(side);
  const out: Variant[] = [];
  const other = (op: Op): Op => (op === "conv" ? "xcorr" : "conv");
  const opName = (op: Op) => `${OP_NAME[op]} (${op === "conv" ? "*" : "⋆"})`;
  // mode only, one node at a time, then all nodes
  for (const { node, spec } of nodes) {
    for (const m of MODES) {
      if (m === spec.mode) continue;
      out.push({
        overrides: new Map([[node, { ...spec, mode: m, explicitMode: true }]]),
        words: [`holds ${modeWords(m)}`],
      });
    }
  }
  // the other convention, with each mode
  for (const { node, spec } of nodes) {
    const op = spec.op ?? configured;
    for (const m of [spec.mode, ...MODES.filter((x) => x !== spec.mode)]) {
      const s: ConvSpec = { op: other(op), mode: m, explicitMode: spec.explicitMode || m !== spec.mode };
      const words = [`holds with ${opName(other(op))} instead of ${opName(op)}`];
      if (m !== spec.mode) words.push(modeWords(m));
      out.push({ overrides: new Map([[node, s]]), words });
    }
  }
  // operands exchanged (matters for cross-correlation and for the valid-mode shape)
  for (const { node, spec } of nodes) {
    for (const m of [spec.mode, ...MODES.filter((x) => x !== spec.mode)]) {
      const words = ["holds with the operands exchanged"];
      if (m !== spec.mode) words.push(modeWords(m));
      out.push({
        overrides: new Map([
          [node, { ...spec, mode: m, explicitMode: spec.explicitMode || m !== spec.mode, swap: true }],
        ]),
        words,
      });
    }
  }
  if (nodes.length > 1) {
    for (const m of MODES) {
      out.push({
        overrides: new Map(nodes.map(({ node, spec }) => [node, { ...spec, mode: m, explicitMode: true }])),
        words: [`holds with every convolution ${modeWords(m)}`],
      });
    }
  }
  return out;
}

/** The first slip that explains the mismatch, or null. */
export function diagnose(
  d: Derivation,
  expected: Tensor,
  refLabel: string,
  side: Node,
  sideValue: Tensor | null,
): Diagnosis | null {
  const posts: { name: string; f: (t: Tensor) => Tensor }[] = [
    { name: "rotated", f: (t) => rot180(t) },
    { name: "transposed", f: (t) => (t.rank === 2 ? transpose(t, [1, 0]) : t) },
  ];
  const label = printNode(side);
  if (sideValue) {
    for (const p of posts) {
      if (p.name === "transposed" && sideValue.rank !== 2) continue;
      if (tensorsEqual(p.f(sideValue), expected)) {
        return {
          what:
            p.name === "rotated"
              ? `the formula's result is rotated by 180°: ${label} = Rot180(${refLabel})`
              : `the formula's result is transposed: ${label} = (${refLabel})^T`,
          formula: null,
        };
      }
    }
  }
  const tryEval = (overrides: Map<Node, ConvSpec>): Tensor | null => {
    try {
      const v = new Evaluator({ d, conv: overrides }).eval(side);
      return v.kind === "matrix" ? v.t : null;
    } catch (e) {
      if (isEvalOutcome(e)) return null;
      throw e;
    }
  };
  const holdsAs = (n: Node): boolean => {
    try {
      const v = new Evaluator({ d }).eval(n);
      return v.kind === "matrix" && tensorsEqual(v.t, expected);
    } catch (e) {
      if (!isEvalOutcome(e)) throw e;
      return false;
    }
  };
  // a strided layer: ΔY dilated by the stride (the slip of forgetting the zeros between δy's)
  const stride = d.config.stride;
  if (stride.some((v) => v > 1)) {
    const s = stride.every((v) => v === stride[0]) ? [stride[0]!] : [...stride];
    const dilated = replaceMatrix(side, "Y", true, (m) => ({ k: "dilate", arg: m, s }));
    if (dilated && holdsAs(dilated))
      return { what: `holds with ΔY dilated by the stride ${s.join("×")}`, formula: printNode(dilated) };
  }
  // a pad(…) written with the wrong amounts: named before the mode variants (which might pad more)
  const repadded = paddingSlip(d, side, holdsAs, false);
  if (repadded) return repadded;
  const vs = variants(side, d.config.op);
  for (const v of vs) {
    const t = tryEval(v.overrides);
    if (t && tensorsEqual(t, expected))
      return { what: v.words.join(" and "), formula: printNode(side, "text", { conv: v.overrides }) };
  }
  const padded = paddingSlip(d, side, holdsAs, true);
  if (padded) return padded;
  for (const v of vs) {
    const t = tryEval(v.overrides);
    if (!t) continue;
    for (const p of posts) {
      if (p.name === "transposed" && t.rank !== 2) continue;
      if (tensorsEqual(p.f(t), expected)) {
        return {
          what: `${v.words.join(" and ").replace(/^holds /, "")}, the result is ${p.name === "rotated" ? "rotated by 180°" : "transposed"}`,
          formula: null,
        };
      }
    }
  }
  return null;
}

/** pad(arg, spans) as the rules print it: one span when every axis agrees, crop(…) when every amount crops. */
function padNode(arg: Node, spans: readonly Span[]): Node {
  if (spans.flat().every((v) => v === 0)) return arg;
  const one = spans.every(([lo, hi]) => lo === spans[0]![0] && hi === spans[0]![1]) ? [spans[0]!] : spans;
  if (spans.flat().every((v) => v <= 0))
    return { k: "pad", arg, p: one.map(([lo, hi]) => [-lo, -hi] as const), crop: true };
  return { k: "pad", arg, p: one };
}

const spansText = (ps: readonly Span[]): string =>
  (ps.every(([lo, hi]) => lo === ps[0]![0] && hi === ps[0]![1]) ? [ps[0]!] : ps).map(spanText).join(", ");

/**
 * The classic padding slips of a transposed convolution, by name: a pad(…) of ΔY (or of X, in a ΔW
 * rule) whose amounts differ from the rule's, tried with the rule's amounts; the words compare
 * the two (the a rows the stride never reaches, PyTorch's output_padding; the undilated kernel
 * size; "same" padding of an even kernel, which the reversed kernel needs mirrored). With bare,
 * also an X or ΔY that is not padded at all.
 */
function paddingSlip(d: Derivation, side: Node, holdsAs: (n: Node) => boolean, bare: boolean): Diagnosis | null {
  const cfg = d.config;
  const rank = cfg.input.length;
  const p = plan(cfg);
  const has = (n: Node, base: "X" | "Y", grad: boolean): boolean => replaceMatrix(n, base, grad, (m) => m) !== null;
  let result: Diagnosis | null = null;
  const isDy = (n: Node) =>
    (n.k === "matrix" && n.base === "Y" && n.grad) ||
    (n.k === "dilate" && n.arg.k === "matrix" && n.arg.base === "Y" && n.arg.grad);
  const isX = (n: Node) => n.k === "matrix" && n.base === "X" && !n.grad;
  const rotated = (n: Node): boolean => n.k === "rot" || (n.k === "dilate" && rotated(n.arg));
  /** Tries the rule's amounts where the formula pads `arg` by `signed` (per axis); names the slip. */
  const tryPad = (arg: Node, signed: readonly Span[] | null, rebuild: (n: Node) => Node): void => {
    const onDy = has(arg, "Y", true);
    const onX = !onDy && has(arg, "X", false);
    if (!onDy && !onX) return;
    const want = (onDy ? p.dxPad : p.dwPad).map(([lo, hi]) => [lo, hi] as const);
    if (!signed || signed.every(([lo, hi], a) => lo === want[a]![0] && hi === want[a]![1])) return;
    const fixed = rebuild(padNode(arg, want));
    if (!holdsAs(fixed)) return;
    const same = (f: (a: number) => readonly [number, number]) =>
      signed.every(([lo, hi], a) => lo === f(a)[0] && hi === f(a)[1]);
    const K = cfg.kernel;
    const strideLeft = p.a.some((v) => v > 0);
    let what = `holds with ${onDy ? "ΔY" : "X"} padded ${spansText(want)} (not ${spansText(signed)})`;
    if (onDy && strideLeft && same((a) => [want[a]![0], want[a]![1] - p.a[a]!])) {
      what = `the ${p.a.join("×")} input rows the stride never reaches are missing: pad ΔY by a = ${p.a.join("×")} more at the end (PyTorch's output_padding)`;
    } else if (onX && strideLeft && same((a) => [want[a]![0], want[a]![1] + p.a[a]!])) {
      what = `X's last ${p.a.join("×")} rows, which the stride never reaches, must be cropped away (pad X by lo : hi − a)`;
    } else if (
      onDy &&
      cfg.dilation.some((v) => v > 1) &&
      same((a) => [K[a]! - 1 - cfg.padding[a]![0], K[a]! - 1 - cfg.padding[a]![1] + p.a[a]!])
    ) {
      what = `the padding uses the undilated kernel size K − 1 = ${K.map((k) => k - 1).join("×")}; a dilated kernel spans d(K − 1) = ${K.map((k, a) => cfg.dilation[a]! * (k - 1)).join("×")}`;
    } else if (onDy && same((a) => [want[a]![1], want[a]![0]])) {
      what = `the padding is mirrored: the forward pass pads ${spansText(cfg.padding)} (as "same" does for an even kernel), so the reversed kernel needs ${spansText(want)}`;
    }
    result = { what, formula: printNode(fixed) };
  };
  const perAxis = (ps: readonly Span[] | null): Span[] | null =>
    ps === null
      ? cfg.padding.map(([lo, hi]) => [lo, hi] as const)
      : ps.length === 1
        ? Array.from({ length: rank }, () => ps[0]!)
        : ps.length === rank
          ? [...ps]
          : null;
  const none: Span[] = Array.from({ length: rank }, () => [0, 0] as const);
  const walk = (c: Node, rebuild: (n: Node) => Node, underPad: boolean): void => {
    if (result) return;
    if (c.k === "pad") {
      const written = perAxis(c.p);
      tryPad(
        c.arg,
        written?.map(([lo, hi]) => (c.crop ? ([-lo, -hi] as const) : ([lo, hi] as const))) ?? null,
        rebuild,
      );
      if (result) return;
    } else if (bare && !underPad && (isDy(c) || isX(c))) {
      // not padded at all (ΔW = X ⋆ dilate(ΔY, s) with rows the stride never reached)
      tryPad(c, none, rebuild);
      if (result) return;
    }
    // ΔY ⋆same Rot180(W): "same" pads like the forward pass; the reversed kernel needs the mirror
    const conv = c.k === "bin" ? c.conv : c.k === "convfn" ? c.conv : null;
    if (conv?.mode === "same" && cfg.kernel.some((k) => k % 2 === 0)) {
      const [a, b] = c.k === "bin" ? [c.left, c.right] : c.k === "convfn" ? [c.a, c.b] : [null, null];
      const valid: ConvSpec = { ...conv, mode: "valid", explicitMode: false };
      const sameSpans = cfg.kernel.map((k) => [Math.ceil((k - 1) / 2), Math.floor((k - 1) / 2)] as const);
      if (a && b && isDy(a) && rotated(b)) {
        tryPad(a, sameSpans, (n) =>
          rebuild(
            c.k === "bin"
              ? { ...c, conv: valid, left: n }
              : { ...(c as Extract<Node, { k: "convfn" }>), conv: { ...valid, op: conv.op ?? cfg.op }, a: n },
          ),
        );
        if (result) return;
      }
    }
    switch (c.k) {
      case "bin":
        walk(c.left, (n) => rebuild({ ...c, left: n }), false);
        walk(c.right, (n) => rebuild({ ...c, right: n }), false);
        break;
      case "convfn":
        walk(c.a, (n) => rebuild({ ...c, a: n }), false);
        walk(c.b, (n) => rebuild({ ...c, b: n }), false);
        break;
      case "neg":
      case "rot":
      case "transpose":
      case "dilate":
      case "pad":
        walk(c.arg, (n) => rebuild({ ...c, arg: n }), underPad || c.k === "pad" || c.k === "dilate");
        break;
      default:
        break;
    }
  };
  walk(side, (n) => n, false);
  return result;
}

/**
 * The correct formula for a matrix (ΔX, ΔW, Y) in this configuration: the engine's rule or forward
 * pass (ASTs, src/grad/formulas.ts), checked against the derivation before it is stated.
 */
export function correctFormula(d: Derivation, ref: Node, expected: Tensor): string | null {
  if (ref.k !== "matrix") return null;
  const cfg = d.config;
  let formula: readonly Node[] | null = null;
  try {
    if (ref.base === "Y" && !ref.grad) formula = forwardFormula(cfg, false);
    else if (ref.grad && (ref.base === "X" || ref.base === "W")) {
      const rule = RULES[cfg.op].find((r) => r.target === (ref.base === "X" ? "dX" : "dW"));
      if (rule && !rule.unsupported(cfg)) formula = rule.formula(cfg);
    }
    if (!formula) return null;
    const v = new Evaluator({ d }).eval(formula[1]!);
    if (v.kind === "matrix" && tensorsEqual(v.t, expected)) return printEquation(formula);
  } catch (e) {
    // not evaluating here (channels, a limit) is not a bug; anything else is
    if (!isEvalOutcome(e)) throw e;
    return null;
  }
  return null;
}

/** A copy of n with every matrix `base` (grad or not) replaced; null when there is none. */
export function replaceMatrix(n: Node, base: "X" | "W" | "Y", grad: boolean, f: (m: Node) => Node): Node | null {
  let found = false;
  const walk = (c: Node): Node => {
    switch (c.k) {
      case "matrix":
        if (c.base === base && c.grad === grad) {
          found = true;
          return f(c);
        }
        return c;
      case "bin":
        return { ...c, left: walk(c.left), right: walk(c.right) };
      case "convfn":
        return { ...c, a: walk(c.a), b: walk(c.b) };
      case "neg":
      case "rot":
      case "transpose":
      case "dilate":
      case "pad":
      case "sumall":
        return { ...c, arg: walk(c.arg) };
      default:
        return c;
    }
  };
  const out = walk(n);
  return found ? out : null;
}
