/**
 * Near misses of a failing matrix formula: the usual slips, tried in order — the result rotated
 * by 180° or transposed, another padding mode, the other convention (conv ↔ xcorr), and
 * combinations — each evaluated with the engine and compared with the expected tensor. Also the
 * correct formula, taken from the engine's rule table and itself checked before it is stated.
 */
import { MODES, OP_NAME, type Mode, type Op } from "../conventions.js";
import type { Derivation } from "../derive.js";
import { RULES } from "../grad/rules.js";
import type { ConvSpec, Node } from "../lang/ast.js";
import { parseEquation } from "../lang/parse.js";
import { printEquation, printNode } from "../lang/print.js";
import { rot180, transpose } from "../tensor/ops.js";
import type { Tensor } from "../tensor/tensor.js";
import { tensorsEqual } from "./compare.js";
import { EvalError, Evaluator } from "./evaluate.js";

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
      out.push({ overrides: new Map([[node, { ...spec, mode: m, explicitMode: true }]]), words: [`holds ${modeWords(m)}`] });
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
      out.push({ overrides: new Map([[node, { ...spec, mode: m, explicitMode: spec.explicitMode || m !== spec.mode, swap: true }]]), words });
    }
  }
  if (nodes.length > 1) {
    for (const m of MODES) {
      out.push({ overrides: new Map(nodes.map(({ node, spec }) => [node, { ...spec, mode: m, explicitMode: true }])), words: [`holds with every convolution ${modeWords(m)}`] });
    }
  }
  return out;
}

/** The first slip that explains the mismatch, or null. */
export function diagnose(d: Derivation, expected: Tensor, refLabel: string, side: Node, sideValue: Tensor | null): Diagnosis | null {
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
          what: p.name === "rotated"
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
      if (e instanceof EvalError) return null;
      throw e;
    }
  };
  // a strided layer: ΔY dilated by the stride (the slip of forgetting the zeros between δy's)
  const stride = d.config.stride;
  if (stride.some((v) => v > 1) && stride.every((v) => v === stride[0])) {
    const dilated = replaceMatrix(side, "Y", true, (m) => ({ k: "dilate", arg: m, s: [stride[0]!] }));
    if (dilated) {
      try {
        const v = new Evaluator({ d }).eval(dilated);
        if (v.kind === "matrix" && tensorsEqual(v.t, expected)) return { what: `holds with ΔY dilated by the stride ${stride[0]}`, formula: printNode(dilated) };
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
      }
    }
  }
  const vs = variants(side, d.config.op);
  for (const v of vs) {
    const t = tryEval(v.overrides);
    if (t && tensorsEqual(t, expected)) return { what: v.words.join(" and "), formula: printNode(side, "text", { conv: v.overrides }) };
  }
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

/**
 * The correct formula for a matrix (ΔX, ΔW, Y) in this configuration, from the engine's rule
 * table, parsed by the formula language and checked against the derivation before it is stated.
 */
export function correctFormula(d: Derivation, ref: Node, expected: Tensor): string | null {
  if (ref.k !== "matrix") return null;
  const cfg = d.config;
  let text: string | null = null;
  if (ref.base === "Y" && !ref.grad) text = `Y = ${cfg.op === "conv" ? "X * W" : "X ⋆ W"}`;
  else if (ref.grad && (ref.base === "X" || ref.base === "W")) {
    const rule = RULES[cfg.op].find((r) => r.target === (ref.base === "X" ? "dX" : "dW"));
    if (rule && !rule.unsupported(cfg)) text = rule.formula(cfg);
  }
  if (!text) return null;
  try {
    const sides = parseEquation(text);
    const v = new Evaluator({ d }).eval(sides[1]!);
    if (v.kind === "matrix" && tensorsEqual(v.t, expected)) return printEquation(sides);
  } catch {
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
