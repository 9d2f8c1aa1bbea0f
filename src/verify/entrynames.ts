/**
 * One letter for each entry of the output, written out in reading order (Ulyankin's a = w_{11}·x_{11} + … +
 * w_{33}·x_{33}, b = …, c = …, d = …, "all the elements of the convolution's result"): each bare name is read as
 * the output entry its right side equals. Learned only together and only when the document shows it: two names at
 * least, each unknown (or b on a layer without a bias, or a default loss name), each equal to exactly one output
 * entry at every point tried, all different, in the output's row-major order as the document writes them.
 */
import type { Derivation } from "../derive.js";
import { findNode, type Node } from "../lang/ast.js";
import { printNode } from "../lang/print.js";
import { checkEquation, namersFor } from "./check.js";
import { resolve, roleOf, type Notation } from "./roles.js";
import { layerSizes } from "./sizes.js";

/** Output entries tried per name: a larger output is not read so (each try is a check). */
const MAX_ENTRIES = 64;

/** The output's entry at values (as written), in the document's name for the output; null when it has none. */
function outputEntry(n: Notation, values: number[]): Node | null {
  if (n.role("y") === "Y") return { k: "entry", base: "y", grad: false, index: { kind: "num", values } };
  const name = [...n.names].find(([k, r]) => r === "Y" && !k.includes("^"))?.[0];
  if (!name) return null;
  const axes = n.axesOf(name);
  return axes.perm || axes.off ? null : { k: "ref", name, grad: false, index: { kind: "num", values } };
}

/** Every index of a shape, in row-major order. */
function indices(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of shape) out = out.flatMap((p) => Array.from({ length: n }, (_, k) => [...p, k]));
  return out;
}

export function learnEntryNames(
  eqs: readonly { sides: Node[] | null; line: number }[],
  n: Notation,
  d: Derivation,
  points: number,
): { notation: Notation; taught: { i: number; what: string }[] } | null {
  const c = d.config;
  if (c.hasChannels || c.output.reduce((a, b) => a * b, 1) > MAX_ENTRIES) return null;
  const all = indices(c.output).map((idx) => idx.map((v) => v + c.indexBase));
  const sizes = layerSizes(d, n.sizes);
  const found: { i: number; name: string; at: number; node: Node }[] = [];
  eqs.forEach((eq, i) => {
    const [left, right] = eq.sides ?? [];
    if (!left || !right || (left.k !== "ref" && left.k !== "entry") || left.index || left.grad) return;
    const name = left.k === "ref" ? left.name : left.base;
    if (!/^[A-Za-z]$/.test(name) || n.entryNames.has(name) || found.some((f) => f.name === name)) return;
    // (b is no bias on a layer without one; c, a default loss name, is none when set equal to products of entries)
    const role = roleOf(n, name, false);
    if (role !== undefined && !(role === "b" && !c.bias) && !(role === "J" && !n.names.has(name))) return;
    // a sum of products of the input's and the kernel's entries, nothing unknown
    const r = resolve(right, n);
    const has = (base: string) => findNode([r], (m) => m.k === "entry" && m.base === base && m.index !== null);
    if (findNode([r], (m) => m.k === "ref") || !has("x") || !has("w")) return;
    const matches: number[] = [];
    all.forEach((values, at) => {
      const entry = outputEntry(n, values);
      if (!entry || matches.length > 1) return;
      try {
        const v = checkEquation(d, [entry, right], { points, sizes, notation: n, quick: true }, namersFor(d));
        if (v.status === "holds") matches.push(at);
      } catch {
        // (not read at this entry)
      }
    });
    if (matches.length === 1) found.push({ i, name, at: matches[0]!, node: outputEntry(n, all[matches[0]!]!)! });
  });
  if (found.length < 2 || found.some((f, k) => k > 0 && f.at <= found[k - 1]!.at)) return null;
  let out = n;
  const taught = found.map((f) => {
    out = out.withEntryName(f.name, "Y", all[f.at]!);
    return { i: f.i, what: `${f.name} names the output's entry ${printNode(f.node)} (its right side is that entry)` };
  });
  return { notation: out, taught };
}
