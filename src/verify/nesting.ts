/**
 * The nesting limit of a formula. The verify pipeline walks formulas recursively (names resolved,
 * notation learned, evaluated, printed) — every walker, in several modules — so an absurdly nested
 * formula (Rot180(Rot180(… 5 000 times …))) would overflow the call stack somewhere in one of them.
 * Instead, every parsed equation is measured here, iteratively, before any recursive walk, and one
 * nested deeper than MAX_NESTING is refused with a NestingError (that equation's verdict "error").
 * The text is measured first, by its brackets: the lexer's index parser (src/lang/indexexpr.ts) is a
 * recursive descent, so x_{((((…1…))))} would overflow the stack while the formula is being read.
 *
 * A chain of binary operators of one precedence (a + b − c …, a product of 100 000 factors) is one
 * level: the parser nests it to the left and the walkers follow such a chain with a loop (`spine`),
 * not recursion.
 *
 * The degree is bounded here too (MAX_DEGREE): a product of 16 000 factors is shallow but its
 * expansion costs time and memory quadratic in its degree (14 s and 1.4 GB once). A product of
 * thousands of names is refused on the text (textDegree), before the parser spends seconds on it;
 * the parsed formula's degree bound (degreeBound) catches the rest.
 */
import { DegreeError, NestingError } from "../errors.js";
import { children, type BinOp, type Node } from "../lang/ast.js";

/**
 * Far above any formula a source writes (a few levels; ten is rare) and far below the depth at
 * which a walker overflows Node's default stack (about 1 000 levels for nested sums).
 */
export const MAX_NESTING = 100;

const isSum = (op: BinOp): boolean => op === "+" || op === "-";

/**
 * The nesting depth of a formula (its sides): a leaf is 1; the left operand of a binary node continues its chain when
 * of the same precedence.
 */
export function nestingDepth(roots: readonly Node[]): number {
  let max = 0;
  const stack: { n: Node; depth: number }[] = roots.map((n) => ({ n, depth: 1 }));
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { n, depth } = top;
    if (depth > max) max = depth;
    if (n.k === "bin") {
      const chain = n.left.k === "bin" && isSum(n.left.op) === isSum(n.op);
      stack.push({ n: n.left, depth: chain ? depth : depth + 1 }, { n: n.right, depth: depth + 1 });
    } else for (const c of children(n)) stack.push({ n: c, depth: depth + 1 });
  }
  return max;
}

/** The deepest nesting of brackets in a text — ( [ { \lfloor \lceil ⌊ ⌈ and their closers — in one pass. */
export function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    let open = c === "(" || c === "[" || c === "{" || c === "⌊" || c === "⌈";
    let close = c === ")" || c === "]" || c === "}" || c === "⌋" || c === "⌉";
    if (c === "\\") {
      open = text.startsWith("lfloor", i + 1) || text.startsWith("lceil", i + 1);
      close = text.startsWith("rfloor", i + 1) || text.startsWith("rceil", i + 1);
    }
    if (open && ++depth > max) max = depth;
    if (close && depth > 0) depth--;
  }
  return max;
}

/** Throws a NestingError when a text's brackets are nested deeper than `max`. */
export function assertTextNesting(text: string, max = MAX_NESTING): void {
  const depth = bracketDepth(text);
  if (depth > max) throw new NestingError(depth, max, "brackets");
}

/** Throws a NestingError when the formula is nested deeper than `max` levels. */
export function assertNesting(roots: readonly Node[], max = MAX_NESTING): void {
  const depth = nestingDepth(roots);
  if (depth > max) throw new NestingError(depth, max);
}

/**
 * Far above the degree of any formula about a convolution (2 for a layer's entries and gradients; a
 * few more with activations or a loss) and low enough that expanding it costs little.
 */
export const MAX_DEGREE = 64;

/**
 * Exponents above this are never expanded (the evaluator skips them: a limit, not a verdict); such a power counts as
 * its base.
 */
const EXPANDED_EXPONENT = 32;

/**
 * An upper bound of the polynomial degree of a formula's sides (the largest of them), in one
 * iterative pass: entries are 1, numbers 0; products, convolutions and quotients add their operands'
 * degrees, a power multiplies, sums and everything else take the largest of their operands'.
 */
export function degreeBound(roots: readonly Node[]): number {
  const deg = new Map<Node, number>();
  const stack: { n: Node; done: boolean }[] = roots.map((n) => ({ n, done: false }));
  while (stack.length) {
    const top = stack.pop()!;
    const n = top.n;
    if (deg.has(n)) continue;
    const kids = children(n);
    if (!top.done) {
      stack.push({ n, done: true });
      for (const c of kids) if (!deg.has(c)) stack.push({ n: c, done: false });
      continue;
    }
    const of = (c: Node): number => deg.get(c) ?? 0;
    let d: number;
    if (n.k === "entry" || n.k === "ref" || n.k === "matrix") d = 1;
    else if (n.k === "num" || n.k === "ellipsis") d = 0;
    else if (n.k === "bin")
      d = n.op === "+" || n.op === "-" ? Math.max(of(n.left), of(n.right)) : of(n.left) + of(n.right);
    else if (n.k === "convfn") d = of(n.a) + of(n.b);
    else if (n.k === "pow") d = n.exp > EXPANDED_EXPONENT ? of(n.base) : of(n.base) * Math.max(0, n.exp);
    else if (n.k === "fn") d = Math.max(1, of(n.arg));
    else d = kids.reduce((m, c) => Math.max(m, of(c)), 0);
    deg.set(n, d);
  }
  return roots.reduce((m, r) => Math.max(m, deg.get(r) ?? 0), 0);
}

/**
 * Above this many names multiplied in one product of a text, the equation is refused before it is
 * parsed (reading 166 666 factors takes the parser seconds). Far above MAX_DEGREE, because the
 * count is rough (x_{m,n} counts its index names too), and far above any product a source writes.
 */
export const MAX_TEXT_FACTORS = 1000;

/**
 * The most names (x11, δy_{12}, w; not \commands or numbers) in one stretch of a text between
 * the signs that end a product (+ − = & , \\ and the text's ends), with \text{…} left out: a
 * rough bound of the degree that costs one pass over the text.
 */
export function textDegree(text: string): number {
  let max = 0;
  for (const piece of text
    .replace(/\\(?:text|mathrm|operatorname|textrm|mbox)\s*\{[^{}]*\}/g, " ")
    .split(/[+\-−=&,]|\\\\/)) {
    const names = piece.match(/(?<![\\A-Za-z0-9])[A-Za-z]+/g);
    if (names && names.length > max) max = names.length;
  }
  return max;
}

/** Throws a DegreeError when a text multiplies more than `max` names in one product, before it is parsed. */
export function assertTextDegree(text: string, max = MAX_TEXT_FACTORS): void {
  const d = textDegree(text);
  if (d > max) throw new DegreeError(d, MAX_DEGREE, "text");
}

/** Throws a DegreeError when the formula's degree (bound) is above `max`, before anything expands it. */
export function assertDegree(roots: readonly Node[], max = MAX_DEGREE): void {
  const d = degreeBound(roots);
  if (d > max) throw new DegreeError(d, max);
}
