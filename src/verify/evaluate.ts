/**
 * Evaluates formula ASTs against one derivation: entries become the engine's symbols (x, w, δy)
 * or its results (y = the forward entry, δx = the chain-rule gradient), matrices become symbolic
 * tensors, and `*` / conv() / Rot180() run through the engine's own convolution and tensor ops.
 * Scalars stay expression trees (so a huge product can fall back to numeric evaluation);
 * matrices are tensors of canonical polynomials.
 */
import type { Op } from "../conventions.js";
import { ConvShapeError, convPlain } from "../conv/general.js";
import { diff as exprDiff, difference, ExpansionLimit, fromPoly, neg, num, power, product, sum, sym, toPoly, type Expr } from "../core/expr.js";
import type { MonoTable } from "../core/monomial.js";
import { add, mul, Poly, scale, sub } from "../core/poly.js";
import { rat } from "../core/rational.js";
import type { Derivation } from "../derive.js";
import { spine, type ConvSpec, type Node } from "../lang/ast.js";
import { printNode } from "../lang/print.js";
import { dilate, pad, rot180, transpose } from "../tensor/ops.js";
import { shapeString, Tensor } from "../tensor/tensor.js";

export type Value = { kind: "scalar"; e: Expr } | { kind: "matrix"; t: Tensor };

/** The equation is not about this convolution (an unknown name, symbolic indices): skipped. */
export class Skip extends Error {}
/** The formula cannot hold in this configuration (index out of range, shapes that do not fit): fails. */
export class EvalError extends Error {}

export interface EvalContext {
  d: Derivation;
  /** Replacement op/mode of particular convolution nodes (near-miss diagnosis). */
  conv?: ReadonlyMap<Node, ConvSpec>;
}

const TENSOR_NAME: Record<string, string> = { X: "X", W: "W", Y: "Y", dY: "ΔY", b: "b" };

export const EXPANSION_BUDGET = 200_000;
/** Bounds that keep hostile input from allocating or looping without end. */
const MAX_EXPONENT = 32;
const MAX_STRUCTURAL = 64;

export class Evaluator {
  readonly mt: MonoTable;
  constructor(readonly ctx: EvalContext) {
    this.mt = ctx.d.table.monos;
  }

  get op(): Op {
    return this.ctx.d.config.op;
  }

  /** 0-based index of a written entry, checked against the tensor's display shape. */
  private index(n: Extract<Node, { k: "entry" }>, key: string): number[] {
    const info = this.ctx.d.tensors[key === "dY" ? "dY" : (key as "X" | "W" | "b")];
    const label = printNode(n);
    if (!info) throw new Skip(`${label}: this layer has no bias (add --bias to check bias formulas)`);
    const shape = info.shape;
    if (!n.index) {
      if (shape.length === 0) return [];
      throw new EvalError(`${label} needs an index (${TENSOR_NAME[key]} is ${shapeString(shape)})`);
    }
    if (n.index.kind === "symbolic") throw new Skip(`${label} has a symbolic index (${n.index.text}); only numbered entries can be checked`);
    const vals = n.index.values;
    if (vals.length !== shape.length) {
      throw new EvalError(`${label} has ${vals.length} ${vals.length === 1 ? "index" : "indices"} but ${TENSOR_NAME[key]} has ${shape.length} ${shape.length === 1 ? "axis" : "axes"} (${shapeString(shape)}); write x_{i,j} for indices above 9`);
    }
    const base = this.ctx.d.config.indexBase;
    const idx = vals.map((v) => v - base);
    if (idx.some((v, a) => v < 0 || v >= shape[a]!)) {
      throw new EvalError(`${label} is outside ${TENSOR_NAME[key]} (${shapeString(shape)}, indices from ${base})`);
    }
    return idx;
  }

  private symbolId(n: Node): number {
    if (n.k !== "entry") throw new EvalError(`∂/∂${printNode(n)}: only an entry can be differentiated by`);
    if (n.base === "y" && !n.grad) throw new EvalError(`∂/∂${printNode(n)}: y is computed from x and w, not an independent variable`);
    if (n.grad && n.base !== "y") throw new EvalError(`∂/∂${printNode(n)}: differentiate by x, w, b or δy entries`);
    const key = n.grad ? "dY" : n.base === "x" ? "X" : n.base === "w" ? "W" : "b";
    const idx = this.index(n, key);
    const id = this.ctx.d.table.id(key, idx);
    if (id === undefined) throw new EvalError(`${printNode(n)} is not a symbol of this layer`);
    return id;
  }

  private entry(n: Extract<Node, { k: "entry" }>): Expr {
    const d = this.ctx.d;
    if (!n.grad) {
      if (n.base === "y") return fromPoly(this.mt, d.forward.at(this.index(n, "dY")));
      return sym(this.symbolId(n));
    }
    switch (n.base) {
      case "y":
        return sym(this.symbolId(n));
      case "x":
        return fromPoly(this.mt, d.gradients.dX.at(this.index(n, "X")));
      case "w":
        return fromPoly(this.mt, d.gradients.dW.at(this.index(n, "W")));
      case "b": {
        const idx = this.index(n, "b");
        return fromPoly(this.mt, d.gradients.db!.at(idx));
      }
    }
  }

  private matrix(n: Extract<Node, { k: "matrix" }>): Tensor {
    const d = this.ctx.d;
    if (d.config.hasChannels) {
      // X, W, Y carry batch/channel axes here; the matrix language (Rot180, *, bmatrix) is about
      // single feature maps, and reading a channel axis as a spatial one would be wrong.
      throw new Skip(`${printNode(n)}: matrix formulas are checked for layers without channels or batch; check entries instead (x_{c,i,j}, δw_{o,c,m,n})`);
    }
    const sym = (key: string) => Tensor.ofSymbols(d.table.tensor(key)!, d.tensors[key as "X"]!.shape);
    if (n.base === "Y") return n.grad ? sym("dY") : d.forward;
    if (n.grad) return n.base === "X" ? d.gradients.dX : d.gradients.dW;
    return sym(n.base);
  }

  scalarPoly(e: Expr, what: string): Poly {
    try {
      return toPoly(this.mt, e, EXPANSION_BUDGET);
    } catch (err) {
      if (err instanceof ExpansionLimit) throw new EvalError(`${what} is too large to expand (more than ${EXPANSION_BUDGET} terms)`);
      throw err;
    }
  }

  private asMatrix(v: Value, n: Node): Tensor {
    if (v.kind !== "matrix") throw new EvalError(`${printNode(n)} is a scalar where a matrix is needed`);
    return v.t;
  }

  private scaleTensor(s: Expr, t: Tensor, n: Node): Tensor {
    const p = this.scalarPoly(s, printNode(n));
    return new Tensor(t.shape, t.data.map((q) => mul(this.mt, p, q)));
  }

  private conv(spec: ConvSpec, a: Tensor, b: Tensor, n: Node): Tensor {
    const op = spec.op ?? this.op;
    try {
      return convPlain(this.mt, op, a, b, spec.mode);
    } catch (e) {
      if (e instanceof ConvShapeError || e instanceof RangeError) {
        throw new EvalError(`${printNode(n, "text", this.ctx.conv ? { conv: this.ctx.conv } : {})} cannot be computed: ${shapeString(a.shape)} ${op === "conv" ? "*" : "⋆"}${spec.mode} ${shapeString(b.shape)} (${e.message})`);
      }
      throw e;
    }
  }

  private product(left: Value, op: "mul" | "juxt" | "conv" | "div", spec: ConvSpec | null, right: Value, n: Node): Value {
    if (op === "div") {
      if (right.kind !== "scalar") throw new EvalError(`${printNode(n)}: division by a matrix`);
      const p = this.scalarPoly(right.e, "divisor");
      if (!(p.size === 1 && p.codes[0] === 0)) throw new EvalError(`${printNode(n)}: division by a non-constant`);
      const c = p.coef(0);
      const inv = rat(c.d, c.n);
      if (left.kind === "scalar") return { kind: "scalar", e: product(num(inv), left.e) };
      return { kind: "matrix", t: new Tensor(left.t.shape, left.t.data.map((q) => scale(this.mt, q, inv))) };
    }
    if (left.kind === "scalar" && right.kind === "scalar") {
      if (op === "conv" && spec && (spec.op === "xcorr" || spec.explicitMode)) {
        throw new EvalError(`${printNode(n)}: a convolution of two scalars`);
      }
      return { kind: "scalar", e: product(left.e, right.e) };
    }
    if (left.kind === "scalar" && right.kind === "matrix") return { kind: "matrix", t: this.scaleTensor(left.e, right.t, n) };
    if (left.kind === "matrix" && right.kind === "scalar") return { kind: "matrix", t: this.scaleTensor(right.e, left.t, n) };
    if (op !== "conv") throw new EvalError(`${printNode(n)}: a product of two matrices; write * for convolution`);
    const s = this.ctx.conv?.get(n) ?? spec!;
    const [a, b] = s.swap ? [right, left] : [left, right];
    return { kind: "matrix", t: this.conv(s, (a as { t: Tensor }).t, (b as { t: Tensor }).t, n) };
  }

  private addValues(a: Value, op: "+" | "-", b: Value, n: Node): Value {
    if (a.kind === "scalar" && b.kind === "scalar") return { kind: "scalar", e: op === "+" ? sum(a.e, b.e) : difference(a.e, b.e) };
    if (a.kind === "matrix" && b.kind === "matrix") {
      if (a.t.shape.join() !== b.t.shape.join()) {
        throw new EvalError(`${printNode(n)}: adding a ${shapeString(a.t.shape)} and a ${shapeString(b.t.shape)} matrix`);
      }
      return { kind: "matrix", t: new Tensor(a.t.shape, a.t.data.map((p, i) => (op === "+" ? add : sub)(this.mt, p, b.t.data[i]!))) };
    }
    // a scalar is broadcast over a matrix (Y = X * W + b)
    const [m, c] = a.kind === "matrix" ? [a.t, b as { e: Expr }] : [(b as { t: Tensor }).t, a as { e: Expr }];
    const p = this.scalarPoly(c.e, printNode(n));
    return {
      kind: "matrix",
      t: new Tensor(m.shape, m.data.map((q) => (a.kind === "matrix" ? (op === "+" ? add(this.mt, q, p) : sub(this.mt, q, p)) : op === "+" ? add(this.mt, p, q) : sub(this.mt, p, q)))),
    };
  }

  eval(n: Node): Value {
    switch (n.k) {
      case "num":
        return { kind: "scalar", e: num(rat(n.n, n.d)) };
      case "entry":
        return { kind: "scalar", e: this.entry(n) };
      case "ident":
        throw new Skip(`${n.name} is not a tensor of this layer`);
      case "partial": {
        if (n.of === "J") {
          const w = n.wrt;
          if (w.k !== "entry" || w.grad) throw new EvalError(`∂J/∂${printNode(w)}: differentiate J by x, w, b or y entries`);
          return { kind: "scalar", e: this.entry({ ...w, grad: true }) };
        }
        const of = this.eval(n.of);
        if (of.kind !== "scalar") throw new EvalError(`${printNode(n)}: derivative of a matrix`);
        return { kind: "scalar", e: exprDiff(of.e, this.symbolId(n.wrt)) };
      }
      case "matrix":
        return { kind: "matrix", t: this.matrix(n) };
      case "neg": {
        const v = this.eval(n.arg);
        if (v.kind === "scalar") return { kind: "scalar", e: neg(v.e) };
        return { kind: "matrix", t: new Tensor(v.t.shape, v.t.data.map((p) => scale(this.mt, p, rat(-1)))) };
      }
      case "bin": {
        if (n.op === "+" || n.op === "-") {
          const sp = spine(n, ["+", "-"]);
          // one flat sum when every term is a scalar (long sums stay linear)
          const vals = [this.eval(sp.first), ...sp.rest.map((r) => this.eval(r.right))];
          if (vals.every((v) => v.kind === "scalar")) {
            return { kind: "scalar", e: sum(...vals.map((v, i) => (i > 0 && sp.rest[i - 1]!.op === "-" ? neg((v as { e: Expr }).e) : (v as { e: Expr }).e))) };
          }
          let v = vals[0]!;
          sp.rest.forEach((r, i) => (v = this.addValues(v, r.op as "+" | "-", vals[i + 1]!, n)));
          return v;
        }
        // products: walk the left spine iteratively, keeping the node of each step
        const steps: Extract<Node, { k: "bin" }>[] = [];
        let cur: Node = n;
        while (cur.k === "bin" && cur.op !== "+" && cur.op !== "-") {
          steps.push(cur);
          cur = cur.left;
        }
        let v = this.eval(cur);
        for (let i = steps.length - 1; i >= 0; i--) {
          const s = steps[i]!;
          v = this.product(v, s.op as "mul", s.conv, this.eval(s.right), s);
        }
        return v;
      }
      case "pow": {
        const v = this.eval(n.base);
        if (v.kind !== "scalar") throw new EvalError(`${printNode(n)}: power of a matrix`);
        if (n.exp > MAX_EXPONENT) throw new EvalError(`${printNode(n)}: exponents above ${MAX_EXPONENT} are not expanded`);
        return { kind: "scalar", e: power(v.e, n.exp) };
      }
      case "transpose": {
        const t = this.asMatrix(this.eval(n.arg), n.arg);
        return { kind: "matrix", t: t.rank === 2 ? transpose(t, [1, 0]) : t };
      }
      case "rot":
        return { kind: "matrix", t: rot180(this.asMatrix(this.eval(n.arg), n.arg)) };
      case "convfn": {
        const a = this.asMatrix(this.eval(n.a), n.a);
        const b = this.asMatrix(this.eval(n.b), n.b);
        const spec = this.ctx.conv?.get(n) ?? n.conv;
        return { kind: "matrix", t: spec.swap ? this.conv(spec, b, a, n) : this.conv(spec, a, b, n) };
      }
      case "dilate": {
        const t = this.asMatrix(this.eval(n.arg), n.arg);
        if (n.s < 1 || n.s > MAX_STRUCTURAL) throw new EvalError(`${printNode(n)}: the dilation must be between 1 and ${MAX_STRUCTURAL}`);
        return { kind: "matrix", t: dilate(t, t.shape.map(() => n.s)) };
      }
      case "pad": {
        const t = this.asMatrix(this.eval(n.arg), n.arg);
        if (n.p === null) {
          // pad(X): padded the way the layer pads its input
          const pads = this.ctx.d.config.padding;
          if (pads.length !== t.rank) throw new EvalError(`${printNode(n)}: the layer pads ${pads.length} axes, the matrix has ${t.rank}`);
          return { kind: "matrix", t: pad(t, pads) };
        }
        if (n.p > MAX_STRUCTURAL) throw new EvalError(`${printNode(n)}: padding above ${MAX_STRUCTURAL} is not supported`);
        const p = n.p;
        return { kind: "matrix", t: pad(t, t.shape.map(() => [p, p] as const)) };
      }
      case "sumidx":
        throw new Skip(`${printNode(n)}: sums over named indices are not checked (no index ranges); write the entries out, or Σ A for all entries`);
      case "tuple":
        throw new Skip(`${printNode(n)}: index lists (channel slices such as W[o,c]) are not checked; check entries instead (x_{c,i,j})`);
      case "sumall": {
        const v = this.eval(n.arg);
        if (v.kind === "scalar") return v;
        return { kind: "scalar", e: fromPoly(this.mt, add(this.mt, ...v.t.data)) };
      }
      case "ellipsis":
        throw new Skip("it elides entries (…), so it cannot be checked entry by entry");
      case "bmatrix": {
        const cols = n.rows[0]!.length;
        if (n.rows.some((r) => r.length !== cols)) {
          throw new EvalError(`the matrix literal has rows of different lengths (${n.rows.map((r) => r.length).join(", ")})`);
        }
        const data: Poly[] = [];
        for (const r of n.rows) {
          for (const c of r) {
            const v = this.eval(c);
            if (v.kind !== "scalar") throw new EvalError(`a matrix inside a matrix literal: ${printNode(c)}`);
            data.push(this.scalarPoly(v.e, printNode(c)));
          }
        }
        const shape = this.ctx.d.config.input.length === 1 && n.rows.length === 1 ? [cols] : [n.rows.length, cols];
        return { kind: "matrix", t: new Tensor(shape, data) };
      }
    }
  }
}
