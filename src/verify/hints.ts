/** Messages that say which declaration would let convgrad check what it skipped. */
import { findNode, type Node } from "../lang/ast.js";

/** Which declaration would let convgrad check a formula with an unknown name. */
export function unknownHint(n: Extract<Node, { k: "ref" }>): string {
  if (n.grad || /^\\delta|^d[A-Z]/.test(n.name))
    return ` (declare which gradient it is: --roles "dY=${n.name}", or dX=, dW=, dZ=)`;
  if (
    /\^|^[A-Za-z]$|^\\[A-Za-z]+$/.test(n.name) &&
    !n.name.includes("(") && // a function of the source's own (𝕀_{F^l}(h,h',w,w')) is no tensor to declare
    !/^\\(alpha|eta|lambda|gamma|beta|epsilon|varepsilon|theta)$/.test(n.name)
  )
    return ` (declare what it is: --roles "X=${n.name}", or W=, Y=, b=, Z=, loss=)`;
  return "";
}

/** The first name no role resolves (outside the sums' and functions' own names). */
export function firstRef(sides: readonly Node[]): Extract<Node, { k: "ref" }> | null {
  return findNode(sides, (n) => n.k === "ref") as Extract<Node, { k: "ref" }> | null;
}
