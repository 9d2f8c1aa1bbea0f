/**
 * The Kronecker delta: δ_{a,b} is 1 where a = b and 0 elsewhere (Thorey's δ_{f,f'}, Griffin's δ_{u,i+a},
 * nagarajankarthik's "δ_{i,j} is the Kronecker delta function"). Most sources write δ for a gradient, so δ_{a,b}
 * is read so only in a document that shows it is the Kronecker delta and never names δ a gradient; the reading
 * is an Iverson bracket [a = b], a sum over no index with that condition.
 */
import { findNode, type Node } from "../lang/ast.js";
import { printIndex, type IExpr } from "../lang/indexexpr.js";
import type { Notation } from "./roles.js";

type Ref = Extract<Node, { k: "ref" }>;
type DeltaPair = Ref & { index: { kind: "expr"; items: IExpr[] } };

/** The delta's name in words, in the languages of the corpus. */
const NAMED = /Kronecker|克罗内克|克羅內克|クロネッカー|Кронекер|크로네커/i;

/** δ_{a,b}: \delta (no layer tag, not a gradient's d) with two index items. */
export function isDeltaPair(n: Node): n is DeltaPair {
  return n.k === "ref" && n.name === "\\delta" && !n.grad && n.index?.kind === "expr" && n.index.items.length === 2;
}

/** [a = b]: 1 where the two indices agree, else 0. */
export function kroneckerNode(n: DeltaPair): Node {
  const [a, b] = n.index.items as [IExpr, IExpr];
  const text = `[${printIndex(a)}=${printIndex(b)}]`;
  return { k: "sumover", sum: { binders: [], conds: [{ a, rel: "=", b }], text }, arg: { k: "num", n: 1, d: 1 } };
}

const bare = (e: IExpr): string | null => (e.k === "v" ? e.name.replace(/'+$/, "") : null);

/**
 * Why the document's δ_{a,b} is the Kronecker delta (where it shows it), or null: it names δ a gradient (learned
 * or declared), or shows nothing of it. It shows it by calling it so in words, by pairing an index with its primed copy
 * (δ_{f,f'}: no gradient entry is indexed so), or by writing it beside a derivative of one entry by another
 * (∂y_{nij}/∂x_{luv} = Σ δ_{u,i+a} δ_{v,j+b} k_{ab}) in a formula with no derivative of the loss.
 */
export function kroneckerEvidence(
  text: string,
  formulas: readonly { sides: readonly Node[] | null; line: number }[],
  notation: Notation,
): string | null {
  if (notation.role("\\delta") !== undefined || notation.gradPatterns.has("\\delta")) return null;
  const withDelta = formulas.filter((f) => f.sides && findNode(f.sides, isDeltaPair) !== null);
  if (withDelta.length === 0) return null;
  const named = NAMED.exec(text);
  if (named) {
    const line = text.slice(0, named.index).split("\n").length;
    return `line ${line} says “${named[0]}”`;
  }
  for (const f of withDelta) {
    const primed = findNode(f.sides!, (n) => {
      if (!isDeltaPair(n)) return false;
      const [a, b] = n.index.items as [IExpr, IExpr];
      return bare(a) !== null && bare(a) === bare(b) && printIndex(a) !== printIndex(b);
    });
    if (primed) return `line ${f.line} pairs ${printIndex((primed as DeltaPair).index.items[0]!)} with its primed copy`;
    // (only in a formula with no derivative of the loss: in ∂E/∂w = Σ ∂E/∂y_{ij} ∂y_{ij}/∂w = Σ δ_{ij} x_{…}, a
    // chain's link, δ_{ij} stands for ∂E/∂y_{ij} — a gradient, ygrepo's NYU notes)
    const ofLoss = (n: Node) =>
      n.k === "partial" && (n.of === "J" || (n.of.k === "ref" && notation.role(n.of.name) === "J"));
    const jacobian = findNode(f.sides!, (n) => n.k === "partial" && !ofLoss(n));
    if (jacobian && findNode(f.sides!, ofLoss) === null)
      return `on line ${f.line} it stands beside a derivative of one entry by another`;
  }
  return null;
}
