/**
 * The formula AST and the typed builders the grammar's actions call (grammar/*.ne). Builders are
 * O(1): long sums and products become left-nested binary nodes, and lists are cons cells, so a
 * 100 000-character formula parses in linear time; walk long chains with `spine` (iterative).
 */
import type { Mode, Op } from "../conventions.js";
import type { SumData } from "./group.js";
import { indexNames, type IExpr } from "./indexexpr.js";
import type { Tok } from "./lexer.js";

/**
 * x input, w kernel, y output, b bias; from a source's notation, z the input's pre-activation (x = f(z)) and a the
 * output's activation (a = f(y)).
 */
export type TensorBase = "x" | "w" | "y" | "b" | "z" | "a";
export type MatrixBase = "X" | "W" | "Y";

/**
 * An index as written: numbers (display-based), or index expressions with names (x_{i+m,j+n},
 * δ_{ij}), checked for every value of their free indices.
 */
export type Index = { kind: "num"; values: number[] } | { kind: "expr"; items: IExpr[]; text: string };

export type BinOp = "+" | "-" | "mul" | "juxt" | "div" | "conv" | "had";

export interface ConvSpec {
  /** null: the configured --op (infix `*`). */
  op: Op | null;
  mode: Mode;
  /** Whether the mode was written (`*_{full}`) or defaulted. */
  explicitMode: boolean;
  /** Operands exchanged (only in near-miss variants, never from the parser). */
  swap?: boolean;
  /** Written stride of an infix convolution (X *_{s=2} W, *_{stride2}): every axis. */
  stride?: number;
  /** The operator as written (\otimes, \ast, *), when a document may define it. */
  sym?: string;
  /** The document defined what sym means (src/verify/learn.ts). */
  defined?: boolean;
}

export type Node =
  | { k: "num"; n: number; d: number }
  /** `name`: the source's own name it was resolved from (o^{l-1}_{i,j}), when not convgrad's x, w, y, b. */
  | { k: "entry"; base: TensorBase; grad: boolean; index: Index | null; name?: string }
  | { k: "partial"; of: Node | "J"; wrt: Node }
  | { k: "matrix"; base: MatrixBase; grad: boolean }
  /** A name of the source's own (o^{l-1}, \delta^l, Z, K): resolved by the roles (src/verify/roles.ts). */
  | { k: "ref"; name: string; grad: boolean; index: Index | null }
  /** An entry of a matrix expression: (I \otimes K)_{ij}. */
  | { k: "at"; arg: Node; index: Index }
  /** An element-wise activation applied: f(z), f'(z), \sigma'(z). */
  | { k: "fn"; name: string; primes: number; arg: Node }
  | { k: "neg"; arg: Node }
  | { k: "bin"; op: BinOp; conv: ConvSpec | null; left: Node; right: Node }
  | { k: "pow"; base: Node; exp: number }
  | { k: "transpose"; arg: Node }
  | { k: "rot"; arg: Node }
  /**
   * conv(A, B[, mode][, stride=s]): stride per axis, or one for every axis. With `transpose`, PyTorch's
   * conv_transpose(A, W, stride, padding, output_padding, dilation): A dilated by the stride, padded
   * d(K−1) − p : d(K−1) − p + output_padding, against Rot180(W) dilated by d (cross-correlation).
   */
  | {
      k: "convfn";
      conv: ConvSpec & { op: Op };
      a: Node;
      b: Node;
      stride?: readonly number[];
      transpose?: TransposeArgs;
    }
  /** dilate(A, s) or dilate(A, s1, s2): one factor for every axis, or one per axis. */
  | { k: "dilate"; arg: Node; s: readonly number[] }
  /**
   * pad(A, p), pad(A, lo:hi), pad(A, lo:hi, lo:hi) (one span for every axis or one per axis; a
   * negative amount crops), crop(A, …) (the same spans, taken away), pad(A) (the layer's padding).
   */
  | { k: "pad"; arg: Node; p: readonly Span[] | null; crop?: boolean }
  | { k: "bmatrix"; rows: Node[][] }
  | { k: "sumall"; arg: Node }
  /** Σ over indices with explicit or implied ranges (\sum_{m=0}^{k-1} \sum_n …). */
  | { k: "sumover"; sum: SumData; arg: Node }
  /** An index list in parentheses or brackets, as in W[o,c] or ΔY[1,2]: read, never evaluated. */
  | { k: "tuple"; items: Node[] }
  | { k: "ellipsis" };

/** Cons list built left to right (last element first). */
export interface Cons<T> {
  readonly head: T;
  readonly tail: Cons<T> | null;
}

export function consToArray<T>(c: Cons<T> | null): T[] {
  const out: T[] = [];
  for (let p = c; p; p = p.tail) out.push(p.head);
  return out.reverse();
}

// ---- builders (called from grammar actions) ----

export function chainStart(e: Node): Cons<Node> {
  return { head: e, tail: null };
}

export function chainNext(c: Cons<Node>, e: Node): Cons<Node> {
  return { head: e, tail: c };
}

export function numberTok(t: Tok): Node {
  const s = t.value;
  const dot = s.indexOf(".");
  if (dot < 0) return { k: "num", n: Number(s), d: 1 };
  const decimals = s.length - dot - 1;
  return { k: "num", n: Number(s.replace(".", "")), d: 10 ** decimals };
}

export function binary(left: Node, op: BinOp, right: Node, conv: ConvSpec | null = null): Node {
  return { k: "bin", op, conv, left, right };
}

export function addOp(t: Tok): BinOp {
  return t.type === "plus" ? "+" : "-";
}

export function signed(op: Tok, t: Node): Node {
  return op.type === "minus" ? { k: "neg", arg: t } : t;
}

/** An operator token (·, ×, *, ⋆) and an optional mode. */
export interface MulTok {
  op: "mul" | "conv" | "had";
  conv: ConvSpec | null;
}

export function mulTok(t: Tok): MulTok {
  return t.type === "mul" ? { op: "mul", conv: null } : t.type === "had" ? { op: "had", conv: null } : convTok(t, null);
}

/**
 * The symbol a document may define a convolution sign as: a source's own (⊗, ⊛, \ast), or convgrad's `*` and `⋆`
 * written without a mode (a definition (I * K)(i, j) = … between names that are not convgrad's letters teaches
 * what the document means by them).
 */
export function opSymbol(conv: ConvSpec | null | undefined): string | undefined {
  if (!conv) return undefined;
  if (conv.sym) return conv.sym;
  if (conv.explicitMode || conv.stride !== undefined) return undefined;
  return conv.op === null ? "*" : conv.op === "xcorr" ? "\\star" : undefined;
}

export function convTok(t: Tok, mode: Tok | null, stride?: number): MulTok {
  // \tilde{\otimes}: the "wide" convolution, as 邱锡鹏 defines it (宽卷积): W \tilde{⊗} X = W ⊗ X̃, X zero-padded by
  // the kernel's size − 1, with the left operand sliding (Σ_{u,v} w_{uv} x̃_{i+u-1,j+v-1}) — in convgrad's order X
  // ⋆full W
  const wide = t.value.startsWith("\\tilde{");
  const conv: ConvSpec = {
    op: t.type === "xstar" ? "xcorr" : null,
    mode: mode ? (mode.value as Mode) : wide ? "full" : "valid",
    explicitMode: mode !== null || wide,
  };
  if (wide) conv.swap = true;
  if (t.type === "otimes" || t.value === "\\ast") conv.sym = t.value;
  if (stride !== undefined) conv.stride = stride;
  return { op: "conv", conv };
}

/**
 * The stride in `*_{s=2}`, `*_{stride=2}` or `*_{stride2}` (a slide's shorthand); nearley's reject for any other
 * subscript.
 */
export function strideSub(name: Tok, n: Tok | null, reject: unknown): unknown {
  if (n) return (name.value === "s" || name.value === "stride") && Number(n.value) >= 1 ? Number(n.value) : reject;
  const m = /^stride([1-9][0-9]*)$/.exec(name.value);
  return m ? Number(m[1]) : reject;
}

export function applyMul(left: Node, m: MulTok, right: Node): Node {
  return binary(left, m.op, right, m.conv);
}

export function power(base: Node, exp: Tok): Node {
  return { k: "pow", base, exp: Number(exp.value) };
}

export function transposed(arg: Node): Node {
  return { k: "transpose", arg };
}

function digitsOf(s: string): number[] {
  return [...s].map((c) => {
    const sub = "₀₁₂₃₄₅₆₇₈₉".indexOf(c);
    return sub >= 0 ? sub : Number(c);
  });
}

/** x23 (run-together digits), dx22. */
export function entryDigits(t: Tok, grad = false): Node {
  const m = /^d?([xwyb])([0-9]+)$/.exec(t.value)!;
  return {
    k: "entry",
    base: m[1] as TensorBase,
    grad: grad || t.type === "dentd",
    index: { kind: "num", values: digitsOf(m[2]!) },
  };
}

export function entryBare(t: Tok, index: Index | null, grad = false): Node {
  const b = t.value.slice(t.value.length - 1) as TensorBase;
  return { k: "entry", base: b, grad: grad || t.type === "dent", index };
}

export function gradOf(e: Node): Node {
  return e.k === "entry" ? { ...e, grad: true } : e;
}

/** The index list of an `idx` token: numbers, or index expressions with names. */
export function indexOf(t: Tok): Index {
  const items = t.data as IExpr[];
  if (items.every((e) => e.k === "n")) return { kind: "num", values: items.map((e) => (e as { v: number }).v) };
  return { kind: "expr", items, text: t.value };
}

/** A name of the source's own, or an indexed matrix name (X_{ij}). */
export function ref(t: Tok, index: Index | null, grad: boolean): Node {
  const name = t.type === "dmat" ? t.value.slice(1) : t.value;
  return { k: "ref", name, grad: grad || t.type === "dmat", index };
}

export function entryOf(arg: Node, i: Tok): Node {
  return { k: "at", arg, index: indexOf(i) };
}

export function fnApp(f: Tok, arg: Node): Node {
  const d = f.data as { name: string; primes: number };
  return { k: "fn", name: d.name, primes: d.primes, arg };
}

export function sumOver(s: Tok, arg: Node): Node {
  return { k: "sumover", sum: s.data as SumData, arg };
}

/** rot90(A, 2) (MATLAB, UFLDL) is Rot180(A); other turns are not a convolution rule. */
export function rot90(t: Tok, arg: Node, n: Tok): Node {
  const k = Number(n.value);
  if (k % 4 === 2) return { k: "rot", arg };
  if (k % 4 === 0) return arg;
  return { k: "ref", name: `${t.value}(…, ${n.value})`, grad: false, index: null };
}

export function cons<T>(tail: Cons<T> | null, head: T): Cons<T> {
  return { head, tail };
}

export function partial(of: Node | "J", wrt: Node): Node {
  return { k: "partial", of, wrt };
}

export function matrix(t: Tok, grad = false): Node {
  const base = t.value.slice(t.value.length - 1) as MatrixBase;
  return { k: "matrix", base, grad: grad || t.type === "dmat" };
}

export function rot(arg: Node): Node {
  return { k: "rot", arg };
}

export function convfn(fn: Tok, a: Node, b: Node, mode: Tok | null, stride: readonly number[] | null = null): Node {
  // MATLAB's conv2 is true convolution, full by default
  const matlab = fn.value === "conv2";
  // (PyTorch's conv2d is a cross-correlation)
  const op: Op = matlab ? "conv" : /^conv[123]d$/.test(fn.value) ? "xcorr" : (fn.value as Op);
  const conv = {
    op,
    mode: mode ? (mode.value as Mode) : matlab ? "full" : "valid",
    explicitMode: mode !== null || matlab,
  };
  return stride ? { k: "convfn", conv, a, b, stride } : { k: "convfn", conv, a, b };
}

/** A lo:hi amount of padding (or cropping) on one axis. */
export type Span = readonly [number, number];

/** conv_transpose's own numbers (each one value for every axis, or one per axis). */
export interface TransposeArgs {
  padding: readonly number[];
  outputPadding: readonly number[];
  dilation: readonly number[];
}

export interface KwArg {
  tok: Tok;
  values: readonly number[];
}

/** A keyword argument a function does not take, repeated, or below its minimum (parse.ts makes it a parse error). */
export class KeywordError extends Error {
  constructor(
    readonly tok: Tok,
    readonly expected: string[],
  ) {
    super(`unexpected keyword ${tok.raw}`);
  }
}

/** Keyword arguments by name; `allowed` gives each name's smallest value. */
function kwargs(kw: readonly KwArg[], allowed: Record<string, number>): Map<string, readonly number[]> {
  const out = new Map<string, readonly number[]>();
  const names = Object.keys(allowed);
  for (const k of kw) {
    const name = k.tok.value;
    const min = allowed[name];
    if (min === undefined)
      throw new KeywordError(
        k.tok,
        names.map((n) => `${n}=`),
      );
    if (out.has(name)) throw new KeywordError(k.tok, [`${name} only once`]);
    if (k.values.some((v) => !Number.isInteger(v) || v < min))
      throw new KeywordError(k.tok, [`${name} of integers ≥ ${min}`]);
    out.set(name, k.values);
  }
  return out;
}

/** conv(A, B[, mode], stride=…): the only keyword is stride. */
export function convfnKw(fn: Tok, a: Node, b: Node, mode: Tok | null, kw: readonly KwArg[]): Node {
  const args = kwargs(kw, { stride: 1 });
  return convfn(fn, a, b, mode, args.get("stride") ?? null);
}

/** conv_transpose(A, W, stride=, padding=, output_padding=, dilation=), PyTorch's names and defaults. */
export function convTranspose(a: Node, b: Node, kw: readonly KwArg[]): Node {
  const args = kwargs(kw, { stride: 1, padding: 0, output_padding: 0, dilation: 1 });
  const transpose: TransposeArgs = {
    padding: args.get("padding") ?? [0],
    outputPadding: args.get("output_padding") ?? [0],
    dilation: args.get("dilation") ?? [1],
  };
  return {
    k: "convfn",
    conv: { op: "xcorr", mode: "valid", explicitMode: true },
    a,
    b,
    stride: args.get("stride") ?? [1],
    transpose,
  };
}

export const signedNum = (minus: Tok | null, n: Tok): number => (minus ? -Number(n.value) : Number(n.value));

export function dilateFn(arg: Node, s: readonly number[]): Node {
  return { k: "dilate", arg, s };
}

export function padFn(arg: Node, p: readonly Span[] | null, crop = false): Node {
  return crop ? { k: "pad", arg, p, crop } : { k: "pad", arg, p };
}

export function frac(a: Node, b: Node): Node {
  return binary(a, "div", b);
}

export function sumAll(arg: Node): Node {
  return { k: "sumall", arg };
}

export function tuple(first: Node, rest: Cons<Node>): Node {
  return { k: "tuple", items: [first, ...consToArray(rest)] };
}

export function ellipsis(): Node {
  return { k: "ellipsis" };
}

export function bmatrix(rows: Cons<Cons<Node>>): Node {
  return { k: "bmatrix", rows: consToArray(rows).map((r) => consToArray(r)) };
}

export function rawEquation(sides: Cons<Node>): Cons<Node> {
  return sides;
}

/** The left spine of a chain of binary nodes whose op is in `ops`: [first, [op, right]...]. */
export function spine(
  n: Node,
  ops: readonly BinOp[],
): { first: Node; rest: { op: BinOp; conv: ConvSpec | null; right: Node }[] } {
  const rest: { op: BinOp; conv: ConvSpec | null; right: Node }[] = [];
  let cur = n;
  while (cur.k === "bin" && ops.includes(cur.op)) {
    rest.push({ op: cur.op, conv: cur.conv, right: cur.right });
    cur = cur.left;
  }
  rest.reverse();
  return { first: cur, rest };
}

/** The index list a node carries: an entry, a named tensor's entry, or (expr)_{i,j}. */
export function indexOfNode(n: Node): Index | null {
  return n.k === "entry" || n.k === "ref" || n.k === "at" ? n.index : null;
}

/** Every node of the formulas, each once (an explicit stack: no recursion however deep). */
export function allNodes(roots: readonly Node[]): Node[] {
  const out: Node[] = [];
  const stack = [...roots];
  while (stack.length) {
    const m = stack.pop()!;
    out.push(m);
    stack.push(...children(m));
  }
  return out;
}

/**
 * The index names of the formulas' subscripts (i, m', k_1), and with `binders` the names their sums bind too, in
 * reading order (messages list them so).
 */
export function indexedNames(roots: readonly Node[], binders: boolean): Set<string> {
  const out = new Set<string>();
  findNode(roots, (n) => {
    const idx = indexOfNode(n);
    if (idx?.kind === "expr") for (const e of idx.items) indexNames(e, out);
    if (binders && n.k === "sumover") for (const b of n.sum.binders) out.add(b.name);
    return false;
  });
  return out;
}

/** The direct sub-formulas of a node, in reading order (one home for the AST's shape). */
export function children(n: Node): Node[] {
  switch (n.k) {
    case "bin":
      return [n.left, n.right];
    case "partial":
      return n.of === "J" ? [n.wrt] : [n.of, n.wrt];
    case "neg":
    case "fn":
    case "transpose":
    case "rot":
    case "dilate":
    case "pad":
    case "sumall":
    case "sumover":
    case "at":
      return [n.arg];
    case "pow":
      return [n.base];
    case "convfn":
      return [n.a, n.b];
    case "bmatrix":
      return n.rows.flat();
    case "tuple":
      return n.items;
    case "num":
    case "entry":
    case "ref":
    case "matrix":
    case "ellipsis":
      return [];
  }
}

/** n with each of its direct sub-formulas (those children() lists) replaced by f of it. */
export function mapChildren(n: Node, f: (c: Node) => Node): Node {
  switch (n.k) {
    case "bin":
      return { ...n, left: f(n.left), right: f(n.right) };
    case "partial":
      return n.of === "J" ? { ...n, wrt: f(n.wrt) } : { ...n, of: f(n.of), wrt: f(n.wrt) };
    case "neg":
    case "fn":
    case "transpose":
    case "rot":
    case "dilate":
    case "pad":
    case "sumall":
    case "sumover":
    case "at":
      return { ...n, arg: f(n.arg) };
    case "pow":
      return { ...n, base: f(n.base) };
    case "convfn":
      return { ...n, a: f(n.a), b: f(n.b) };
    case "bmatrix":
      return { ...n, rows: n.rows.map((r) => r.map(f)) };
    case "tuple":
      return { ...n, items: n.items.map(f) };
    case "num":
    case "entry":
    case "ref":
    case "matrix":
    case "ellipsis":
      return n;
  }
}

/** The first node, depth first in reading order, that satisfies pred (iterative: long sums are deep). */
export function findNode(roots: readonly Node[], pred: (n: Node) => boolean): Node | null {
  const stack: Node[] = [...roots].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (pred(n)) return n;
    stack.push(...[...children(n)].reverse());
  }
  return null;
}
