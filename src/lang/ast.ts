/**
 * The formula AST and the typed builders the grammar's actions call (grammar/*.ne). Builders are
 * O(1): long sums and products become left-nested binary nodes, and lists are cons cells, so a
 * 100 000-character formula parses in linear time; walk long chains with `spine` (iterative).
 */
import type { Mode, Op } from "../conventions.js";
import type { Tok } from "./lexer.js";

export type TensorBase = "x" | "w" | "y" | "b";
export type MatrixBase = "X" | "W" | "Y";

/** An index as written: numbers (display-based), or letters (i, j: not checkable). */
export type Index = { kind: "num"; values: number[] } | { kind: "symbolic"; text: string };

export type BinOp = "+" | "-" | "mul" | "juxt" | "div" | "conv";

export interface ConvSpec {
  /** null: the configured --op (infix `*`). */
  op: Op | null;
  mode: Mode;
  /** Whether the mode was written (`*_{full}`) or defaulted. */
  explicitMode: boolean;
  /** Operands exchanged (only in near-miss variants, never from the parser). */
  swap?: boolean;
}

export type Node =
  | { k: "num"; n: number; d: number }
  | { k: "entry"; base: TensorBase; grad: boolean; index: Index | null }
  | { k: "partial"; of: Node | "J"; wrt: Node }
  | { k: "matrix"; base: MatrixBase; grad: boolean }
  | { k: "ident"; name: string }
  | { k: "neg"; arg: Node }
  | { k: "bin"; op: BinOp; conv: ConvSpec | null; left: Node; right: Node }
  | { k: "pow"; base: Node; exp: number }
  | { k: "transpose"; arg: Node }
  | { k: "rot"; arg: Node }
  | { k: "convfn"; conv: ConvSpec & { op: Op }; a: Node; b: Node }
  | { k: "dilate"; arg: Node; s: number }
  | { k: "pad"; arg: Node; p: number | null }
  | { k: "bmatrix"; rows: Node[][] }
  | { k: "sumall"; arg: Node }
  /** Σ over named indices (\sum_{n,i,j} …): read, never evaluated (no index ranges). */
  | { k: "sumidx"; vars: string[]; arg: Node }
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
  op: "mul" | "conv";
  conv: ConvSpec | null;
}

export function mulTok(t: Tok): MulTok {
  return t.type === "mul" ? { op: "mul", conv: null } : convTok(t, null);
}

export function convTok(t: Tok, mode: Tok | null): MulTok {
  return {
    op: "conv",
    conv: { op: t.type === "xstar" ? "xcorr" : null, mode: mode ? (mode.value as Mode) : "valid", explicitMode: mode !== null },
  };
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

export function ident(t: Tok): Node {
  return { k: "ident", name: t.raw };
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
  return { k: "entry", base: m[1] as TensorBase, grad: grad || t.type === "dentd", index: { kind: "num", values: digitsOf(m[2]!) } };
}

export function entryBare(t: Tok, index: Index | null, grad = false): Node {
  const b = t.value.slice(t.value.length - 1) as TensorBase;
  return { k: "entry", base: b, grad: grad || t.type === "dent", index };
}

export function gradOf(e: Node): Node {
  return e.k === "entry" ? { ...e, grad: true } : e;
}

/** `_{23}` (one digit per index), `_{2,3}`, `_2`, `₂₃`, `₁₀,₂`. */
export function indexDigits(t: Tok): Index {
  if (t.type === "subs") {
    const parts = t.value.split(",");
    if (parts.length > 1) return { kind: "num", values: parts.map((p) => Number(digitsOf(p).join(""))) };
    return { kind: "num", values: digitsOf(t.value) };
  }
  if (t.type === "num") return { kind: "num", values: digitsOf(t.value.replace(".", "")) };
  return { kind: "symbolic", text: t.raw };
}

export function indexList(items: Cons<Tok>): Index {
  const toks = consToArray(items);
  if (toks.length === 1) return indexDigits(toks[0]!);
  if (toks.every((t) => t.type === "num" && !t.value.includes("."))) return { kind: "num", values: toks.map((t) => Number(t.value)) };
  return { kind: "symbolic", text: toks.map((t) => t.raw).join(",") };
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

export function convfn(fn: Tok, a: Node, b: Node, mode: Tok | null): Node {
  return { k: "convfn", conv: { op: fn.value as Op, mode: mode ? (mode.value as Mode) : "valid", explicitMode: mode !== null }, a, b };
}

export function dilateFn(arg: Node, s: Tok): Node {
  return { k: "dilate", arg, s: Number(s.value) };
}

export function padFn(arg: Node, p: Tok | null): Node {
  return { k: "pad", arg, p: p ? Number(p.value) : null };
}

export function frac(a: Node, b: Node): Node {
  return binary(a, "div", b);
}

export function sumAll(arg: Node): Node {
  return { k: "sumall", arg };
}

export function sumIndexed(vars: Cons<Tok>, arg: Node): Node {
  return { k: "sumidx", vars: consToArray(vars).map((t) => t.value), arg };
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
export function spine(n: Node, ops: readonly BinOp[]): { first: Node; rest: { op: BinOp; conv: ConvSpec | null; right: Node }[] } {
  const rest: { op: BinOp; conv: ConvSpec | null; right: Node }[] = [];
  let cur = n;
  while (cur.k === "bin" && ops.includes(cur.op)) {
    rest.push({ op: cur.op, conv: cur.conv, right: cur.right });
    cur = cur.left;
  }
  rest.reverse();
  return { first: cur, rest };
}
