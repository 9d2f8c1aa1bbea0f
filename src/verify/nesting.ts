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
 */
import { NestingError } from "../errors.js";
import { children, type BinOp, type Node } from "../lang/ast.js";

/**
 * Far above any formula a source writes (a few levels; ten is rare) and far below the depth at
 * which a walker overflows Node's default stack (about 1 000 levels for nested sums).
 */
export const MAX_NESTING = 100;

const isSum = (op: BinOp): boolean => op === "+" || op === "-";

/** The nesting depth of a formula (its sides): a leaf is 1; the left operand of a binary node continues its chain when of the same precedence. */
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
