/**
 * Learning a document's notation from what it states, by checking, never by guessing:
 *
 *  - the forward formula (x^l_{ij} = Σ_m Σ_n w^l_{m,n} o^{l-1}_{i+m,j+n} + b^l) binds output, kernel,
 *    input and bias — every reading (which name is the input, which the kernel; cross-correlation or
 *    true convolution; indices from 0 or 1, where the flags leave them open) is checked against the
 *    engine, and a reading is learned only when exactly one makes the formula hold;
 *  - a definition δ^l_{ij} = ∂E/∂x^l_{ij} binds δ^l (the gradient of what x^l is) and the loss E;
 *  - an activation o^{l-1} = f(x^{l-1}) binds x^{l-1} as the input's pre-activation;
 *  - an operator definition (I ⊗ K)_{ij} = Σ_m Σ_n I(i+m, j+n) K(m, n) binds ⊗ to the one
 *    convolution (op, mode, operand order) that makes it hold;
 *  - a shape X ∈ ℝ^{M×N} binds the size names M, N.
 * Learning repeats until nothing new is learned (a definition may come before the formula that
 * names its tensor). What was learned, and from which line, is reported.
 */
import type { Op } from "../conventions.js";
import { MODES } from "../conventions.js";
import type { Derivation } from "../derive.js";
import {
  allNodes,
  children,
  findNode,
  indexOfNode,
  opSymbol,
  type ConvSpec,
  type Index,
  type Node,
  type TensorBase,
} from "../lang/ast.js";
import { printNode } from "../lang/print.js";
import { checkEquation, namersFor } from "./check.js";
import { affineIn, type IExpr } from "../lang/indexexpr.js";
import { filled, Notation, resolve, ROLE_WORDS, roleLetter, roleOf, type Role } from "./roles.js";
import { layerSizes } from "./sizes.js";
import { withoutOwnSizes } from "./ranges.js";
import { entryConvolution } from "./signal.js";
import { learnEntryNames } from "./entrynames.js";

/** What a document may teach about the layer beyond names. */
export interface LayerChoice {
  op: Op;
  indexBase: number;
  bias: boolean;
  /** The layer at stride 1 on every axis (to tell a formula written for the unstrided layer). */
  unstrided?: boolean;
  /** Its spatial axes only, without channels or batch (to read an operator defined between two signals). */
  plain?: boolean;
  /** The layer without its padding (to tell a formula written for the unpadded layer). */
  unpadded?: boolean;
}

export interface ParsedEquation {
  sides: Node[] | null;
  line: number;
}

export interface LearnContext {
  derivation(l: LayerChoice): Derivation;
  /** Every equation of the document (a reading one formula leaves open, its siblings may settle). */
  equations?: readonly ParsedEquation[];
  layer: LayerChoice;
  /** Flags the user gave: the document does not override them. */
  fixed: { op: boolean; indexBase: boolean };
  points: number;
}

export interface Learned {
  notation: Notation;
  layer: LayerChoice;
  /** Equation index → what it taught (its verdict is "definition"). */
  taught: Map<number, string>;
  /** Equation index → the kinds of lesson it taught (forward, grad, activation, operator, result). */
  kinds: Map<number, Set<string>>;
  /** Equation index → what was read into it that no equation taught (a detail of its verdict). */
  remarks: Map<number, string>;
}

const GRAD: Partial<Record<Role, Role>> = { X: "dX", W: "dW", Y: "dY", b: "db", Z: "dZ" };

/** A name as written, on its own: a ref, an entry of a canonical name, or a matrix name. */
interface NameUse {
  name: string;
  grad: boolean;
  indexed: boolean;
  text: string;
  /** Inside an activation: σ(z_{x-a,y-b}) — the input is the activation of this name. */
  viaFn?: boolean;
  /** How many indices it is written with (0: a matrix). */
  rank: number;
}

function nameOf(n: Node): NameUse | null {
  const rank = (i: Index | null) => (!i ? 0 : i.kind === "num" ? i.values.length : i.items.length);
  if (n.k === "ref" || n.k === "entry") {
    return {
      name: n.k === "ref" ? n.name : n.base,
      grad: n.grad,
      indexed: n.index !== null,
      text: n.index?.kind === "expr" ? n.index.text : "",
      rank: rank(n.index),
    };
  }
  if (n.k === "matrix") return { name: n.base, grad: n.grad, indexed: false, text: "", rank: 0 };
  return null;
}

/** dW, dX, dK, dO: a gradient in code's notation (d before a capital), never a forward tensor. */
const GRADIENT_NAME = /^d[A-Z]/;

/** Names used in a side, in order of appearance (those inside an activation marked). */
function namesIn(root: Node): NameUse[] {
  const out: NameUse[] = [];
  const stack: { n: Node; fn: boolean }[] = [{ n: root, fn: false }];
  while (stack.length) {
    const { n, fn } = stack.pop()!;
    const u = nameOf(n);
    if (u) {
      if (!out.some((o) => o.name === u.name && o.grad === u.grad)) out.push(fn ? { ...u, viaFn: true } : u);
      continue;
    }
    const push = (...ms: Node[]) => {
      for (const m of ms) stack.push({ n: m, fn });
    };
    switch (n.k) {
      case "bin":
        push(n.right, n.left);
        break;
      case "fn":
        if (n.primes === 0) stack.push({ n: n.arg, fn: true });
        break;
      case "sumover":
      case "neg":
      case "rot":
      case "transpose":
      case "at":
      case "pad":
      case "dilate":
        push(n.arg);
        break;
      case "convfn":
        push(n.b, n.a);
        break;
      case "pow":
        push(n.base);
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * How the input's index moves with the kernel's in a forward formula: +1 for x_{i+m} w_m
 * (cross-correlation), −1 for x_{i-m} w_m (true convolution), 0 when it cannot tell.
 */
function kernelSign(sides: readonly Node[], n: Notation): number {
  const resolved = sides.map((s) => resolve(s, n));
  const entry = (base: string) =>
    findNode(resolved, (m) => m.k === "entry" && !m.grad && m.base === base && m.index?.kind === "expr") as Extract<
      Node,
      { k: "entry" }
    > | null;
  const w = entry("w");
  const x = entry("x");
  if (!w || !x || w.index?.kind !== "expr" || x.index?.kind !== "expr" || w.index.items.length !== x.index.items.length)
    return 0;
  const xi = x.index.items;
  let sign = 0;
  for (const [a, item] of w.index.items.entries()) {
    if (item.k !== "v") return 0;
    const aff = affineIn(xi[a]!, item.name, () => 0);
    if (!aff || (aff.coef !== 1 && aff.coef !== -1) || (sign !== 0 && aff.coef !== sign)) return 0;
    sign = aff.coef;
  }
  return sign;
}

/** Does any side use index notation (an indexed entry)? */
function indexed(sides: readonly Node[]): boolean {
  return findNode(sides, (n) => indexOfNode(n) !== null) !== null;
}

/**
 * Does the equation hold under a reading? Returns the sizes it read from sums' ranges and whether it
 * holds only with the bias left out (as if b = 0), or null.
 */
function holdsWith(
  sides: Node[],
  notation: Notation,
  layer: LayerChoice,
  ctx: LearnContext,
): { sizes: ReadonlyMap<string, number>; biasFree: boolean; readings: string[] } | null {
  const d = ctx.derivation(layer);
  const sizes = layerSizes(d, notation.sizes);
  const check = (size: (name: string) => number | undefined) =>
    checkEquation(d, sides, { points: ctx.points, sizes: size, notation, quick: true }, namersFor(d));
  try {
    let v = check(sizes);
    // Σ_{a=0}^{d-1} over a kernel axis (Shah: w is d × d × t): a letter convgrad reads as a size of its own
    // (d the dilation) bounding the document's sums may be the document's name for another size — read
    // from the sums' ranges instead, only when the formula then holds
    const own = v.status !== "holds" && !v.biasFree ? withoutOwnSizes(sides, sizes, notation.sizes) : null;
    if (own) {
      const w = check(own.sizes);
      if (w.status === "holds" || w.biasFree) v = w;
    }
    // a worked example that sets b = 0 still shows which name is which
    if (v.status !== "holds" && !v.biasFree) return null;
    // (how a source's own operator was read: kernel-first, full, at the layer's stride)
    const readings = v.details.filter((x) => x.startsWith("reading: ")).map((x) => x.slice("reading: ".length));
    return { sizes: v.inferred ?? new Map(), biasFree: v.status !== "holds", readings };
  } catch {
    return null;
  }
}

function holds(sides: Node[], notation: Notation, layer: LayerChoice, ctx: LearnContext): boolean {
  return holdsWith(sides, notation, layer, ctx) !== null;
}

function layerWords(l: LayerChoice, was: LayerChoice): string[] {
  const out: string[] = [];
  if (l.op !== was.op)
    out.push(`the convolution is ${l.op === "xcorr" ? "cross-correlation (x_{i+m})" : "true convolution (x_{i-m})"}`);
  if (l.indexBase !== was.indexBase) out.push(`indices start at ${l.indexBase}`);
  if (l.bias !== was.bias) out.push("the layer has a bias");
  return out;
}

/** y_{ij} = Σ w_{mn} x_{i+m,j+n} (+ b): which names are output, input, kernel, bias; op; index base. */
function learnForwardSides(
  sides: Node[],
  n: Notation,
  ctx: LearnContext,
  layer: LayerChoice,
): { notation: Notation; layer: LayerChoice; what: string } | null {
  if (sides.length < 2) return null;
  const lhs = nameOf(sides[0]!);
  if (!lhs || lhs.grad) return null;
  // a forward pass has no derivative in it, and dK, dO (code's names of gradients) are not its tensors:
  // ΔW = I ⋆ ΔO reads like a forward pass, and a layer whose sizes match would take it for one
  if (GRADIENT_NAME.test(lhs.name) || findNode(sides, (x) => x.k === "partial") !== null) return null;
  // w[m,n] ∗ x[m+1,n] (signal processing's convolution at an index, src/verify/signal.ts): its letters'
  // signs are not the kernel's and the input's as in a sum, so it teaches nothing; it is checked as a claim
  if (findNode(sides, (x) => entryConvolution(x) !== null) !== null) return null;
  const lhsRole = roleOf(n, lhs.name, false);
  const rhs = sides
    .slice(1)
    .flatMap(namesIn)
    .filter((u) => u.name !== lhs.name && !u.grad);
  const uniq = rhs.filter((u, i) => rhs.findIndex((v) => v.name === u.name) === i);
  if (uniq.length < 2 || uniq.length > 3) return null;
  // x_{i,j} = Σ_m Σ_n w_{m,n} z^{(l-1)}_{i+m,j+n} + b (Jefkine's and Dillhoff's letters): convgrad's x by
  // default only, set equal to a sum over a name it does not know, which is then the input — x is the output
  const outputX = lhsRole === "X" && !n.names.has(lhs.name) && uniq.some((u) => roleOf(n, u.name, false) === undefined);
  if (lhsRole && lhsRole !== "Y" && !outputX) return null;
  // already checkable as written: nothing to learn
  const known = [lhs, ...uniq].every((u) => roleOf(n, u.name, false) !== undefined);
  if (known && holds(sides, n, layer, ctx)) return null;
  // the other convolution, stated where the flags fix this one: a definition of that operation
  if (known && ctx.fixed.op && indexed(sides)) {
    const other: LayerChoice = { ...layer, op: layer.op === "conv" ? "xcorr" : "conv" };
    const word = (op: Op) => (op === "conv" ? "true convolution" : "cross-correlation");
    if (holds(sides, n, other, ctx) || kernelSign(sides, n) === (other.op === "conv" ? -1 : 1)) {
      return {
        notation: n,
        layer,
        what: `it states ${word(other.op)}, while this layer is ${word(layer.op)} (--op ${layer.op}, as given): not this layer's forward pass`,
      };
    }
  }
  // A ⊗ B between whole matrices reads either way round (which is the input?): index notation
  // (w_{m,n} x_{i+m,j+n}) shows which name is the kernel; in matrix form only a kernel's name does
  const matrixForm = !indexed(sides);
  // a formula between whole matrices says nothing about where indices start, and its operator is
  // the claim to check (Y = X ⋆ W on a true-convolution layer fails): it teaches names only
  const ops: Op[] = ctx.fixed.op || matrixForm ? [layer.op] : ["xcorr", "conv"];
  const bases = ctx.fixed.indexBase || matrixForm ? [layer.indexBase] : [0, 1];
  const pairs: [NameUse, NameUse, NameUse | null][] = [];
  if (known) {
    // names the notation already gives are not re-assigned: only the op and index base are open
    const byRole = (r: Role) => uniq.find((u) => roleOf(n, u.name, false) === r);
    const x = byRole("X");
    const w = byRole("W");
    if (!x || !w) return null;
    pairs.push([x, w, byRole("b") ?? null]);
  }
  for (let a = 0; a < uniq.length && !known; a++) {
    for (let b = 0; b < uniq.length; b++) {
      if (a === b) continue;
      const rest = uniq.filter((_, k) => k !== a && k !== b);
      pairs.push([uniq[a]!, uniq[b]!, rest[0] ?? null]);
    }
  }
  const valid: { notation: Notation; layer: LayerChoice; roles: string; kernel: string }[] = [];
  const mixedBase: { m: Notation; x: NameUse; w: NameUse; bias: NameUse | null }[] = [];
  const offsetFrom0: typeof mixedBase = [];
  const tryReading = (
    m: Notation,
    x: NameUse,
    w: NameUse,
    bias: NameUse | null,
    indexBases: readonly number[],
  ): void => {
    for (const op of ops) {
      for (const indexBase of indexBases) {
        const l: LayerChoice = { op, indexBase, bias: layer.bias || bias !== null };
        const input = x.viaFn ? `X = f(${x.name}) (${x.name}: the input's pre-activation)` : `X = ${x.name}`;
        const read = holdsWith(sides, m, l, ctx);
        if (!read) continue;
        let learned = m;
        for (const [k, v] of read.sizes) learned = learned.withSize(k, v);
        const sizes = [...read.sizes].map(([k, v]) => `; ${k} = ${v} (from its sums' ranges)`).join("");
        // Dahal's Z^l = Σ W a^{l-1} on a layer with a bias: it names the tensors, and leaves b out
        const noBias = read.biasFree ? "; it leaves the bias out (as if b = 0)" : "";
        const how = read.readings.map((x) => `; ${x}`).join("");
        valid.push({
          notation: learned,
          layer: l,
          roles: `Y = ${lhs.name}, ${input}, W = ${w.name}${bias ? `, b = ${bias.name}` : ""}${sizes}${how}${noBias}`,
          kernel: w.name,
        });
      }
    }
  };
  for (const [x, w, bias] of pairs) {
    if (w.viaFn || (bias && bias.viaFn)) continue;
    if (outputX && roleOf(n, x.name, false) !== undefined) continue;
    if (matrixForm && !known && (!KERNEL_NAME.test(w.name) || KERNEL_NAME.test(x.name))) continue;
    let m0 = n
      .withName(lhs.name, "Y")
      .withName(x.name, x.viaFn ? "Z" : "X")
      .withName(w.name, "W");
    if (bias) m0 = m0.withName(bias.name, "b");
    // channels written in another order (V_{i,j,c}, W_{m,n,c,d}): every arrangement that keeps
    // the spatial axes in order, channels first or last
    const s = ctx.derivation(layer).config.input.length;
    const combos: Notation[] = [];
    // the output indexed from 0, or (a valid convolution written with the full one's positions) from K−1
    const cfg = ctx.derivation(layer).config;
    const outOffsets: (number[] | undefined)[] = [undefined];
    if (lhs.rank === s && cfg.kernel.some((k) => k > 1))
      outOffsets.push(cfg.kernel.map((k, a) => (k - 1) * cfg.dilation[a]!));
    // a centred kernel: indices from −⌊k/2⌋ (h[i,j] = Σ_{a=-Δ}^{Δ} V[a,b] x[i+a,j+b])
    const kOffsets: (number[] | undefined)[] = [undefined];
    let centre: number[] | undefined;
    if (w.rank === s && cfg.kernel.every((k) => k % 2 === 1 && k > 1)) {
      kOffsets.push(cfg.kernel.map((k) => -Math.floor(k / 2)));
      // … and with it (only with it) the output indexed by its windows' centres in the input (Shestakov's
      // I_{i,j} = Σ_{-1 ≤ a,b ≤ 1} W_{a,b} X_{i+a,j+b})
      if (lhs.rank === s && symmetricSum(sides))
        outOffsets.push((centre = cfg.kernel.map((k, a) => Math.floor(k / 2) * cfg.dilation[a]!)));
    }
    const shapes = ctx.derivation(layer).tensors;
    const base = ctx.derivation(layer).config.indexBase;
    for (const px of layoutsWithin(x.rank, shapes.X.shape, s, base))
      for (const pw of layoutsWithin(w.rank, shapes.W.shape, s, base))
        for (const py of layoutsWithin(lhs.rank, shapes.Y.shape, s, base))
          for (const oy of outOffsets)
            for (const ow of kOffsets)
              if (centre === undefined || oy !== centre || ow !== undefined)
                combos.push(
                  m0
                    .withLayout(x.name, px)
                    .withLayout(w.name, pw)
                    .withLayout(lhs.name, py)
                    .withOffset(lhs.name, oy)
                    .withOffset(w.name, ow),
                );
    // channels counted from 1 while positions count from 0 (Σ_{c=1}^{C} … x_{c, i+m, j+n} with m = 0..k−1):
    // the channel axes (first in convgrad's layout) one above the layer's index base; tried only
    // when no reading with one index base holds
    const channelOffsets = (u: NameUse) =>
      u.rank > s ? [...new Array<number>(u.rank - s).fill(1), ...new Array<number>(s).fill(0)] : undefined;
    if ([x, w, lhs].some((u) => u.rank > s) && (!ctx.fixed.indexBase || layer.indexBase === 0)) {
      for (const m of combos) {
        if ([x, w, lhs].some((u) => m.offsets.has(u.name))) continue;
        let mb = m
          .withOffset(x.name, channelOffsets(x))
          .withOffset(w.name, channelOffsets(w))
          .withOffset(lhs.name, channelOffsets(lhs));
        // a bias per output channel, b_d: its one axis is a channel axis
        if (bias && bias.rank === 1) mb = mb.withOffset(bias.name, [1]);
        mixedBase.push({ m: mb, x, w, bias });
      }
    }
    for (const m of combos) tryReading(m, x, w, bias, bases);
    // Tang and Wu's O_{i,j} = Σ_{m=0}^{k-1} F_{m,n} X_{i+m,j+n} in a layer counted from 1 (their example's F_{11}):
    // the sums say the kernel's offsets count from 0; read so in index notation only, and only when no
    // reading with one base holds
    if (layer.indexBase === 1 && w.rank === s && kernelSummedFrom0(sides, w.name))
      for (const m of combos)
        if (!m.offsets.has(w.name))
          offsetFrom0.push({ m: m.withExprOffset(w.name, new Array<number>(s).fill(-1)), x, w, bias });
  }
  if (valid.length === 0) for (const r of mixedBase) tryReading(r.m, r.x, r.w, r.bias, [0]);
  if (valid.length === 0) for (const r of offsetFrom0) tryReading(r.m, r.x, r.w, r.bias, [1]);
  // y_{11} = k_{11}x_{11} + … reads either way round; the document's other rows for the same
  // tensor settle it: only readings under which every one of them holds stay
  // readings that differ only in what changes nothing here are one reading
  const seen = new Set<string>();
  let settled = valid.filter((v) => {
    const key = `${v.roles}|${v.layer.op}|${v.layer.indexBase}|${v.layer.bias}|${[...v.notation.layouts].join(";")}|${[...v.notation.offsets].join(";")}|${[...v.notation.exprOffsets].join(";")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // … and a reading that shifts the output's indices (the full convolution's positions, the windows' centres)
  // must agree with them even when it is the only one: Sánchez's ∂Y_{22}/∂K_{xy} = ∂(Y_{11}'s expansion)/∂K_{xy},
  // a copying slip, holds only with Y counted from 2, which his Y_{11} = Z_{11}K_{11} + … contradicts
  type Reading = (typeof valid)[number];
  const shifted = (v: Reading) => v.notation.offsets.has(lhs.name) && !n.offsets.has(lhs.name);
  // a row that holds only without the shift (not one wrong either way: Gwardys' w ⋆ σ(z) stays a claim)
  const rowHolds = (e: ParsedEquation, notation: Notation, v: Reading) =>
    holds(e.sides!.slice(0, 2), notation, v.layer, ctx);
  const contradicts = (v: Reading, e: ParsedEquation) =>
    !rowHolds(e, v.notation, v) && rowHolds(e, v.notation.withoutOffset(lhs.name), v);
  if ((settled.length > 1 || settled.some(shifted)) && ctx.equations) {
    const siblings = ctx.equations.filter(
      (e) => e.sides && e.sides !== sides && e.sides.length >= 2 && nameOf(e.sides[0]!)?.name === lhs.name,
    );
    if (siblings.length > 0)
      settled =
        settled.length > 1
          ? settled.filter((v) => siblings.every((e) => rowHolds(e, v.notation, v)))
          : settled.filter((v) => !shifted(v) || !siblings.some((e) => contradicts(v, e)));
  }
  // Σ_{k=0}^{M-1} w[k] h[n-k] with M read from the range: true convolution commutes, so both names
  // fit the kernel; the one named as kernels are (w, W, K, ω) is it, and the report says so
  let byName = false;
  if (settled.length === 2) {
    const named = settled.filter((v) => KERNEL_NAME.test(v.kernel));
    if (named.length === 1) {
      settled = named;
      byName = true;
    }
  }
  if (settled.length !== 1) return null;
  const v = settled[0]!;
  const orders = [...v.notation.layouts]
    .filter(([k]) => !n.layouts.has(k))
    .map(
      ([k, p]) =>
        `${k} indexed in the order (${p.map((i) => (i >= 0 ? i + 1 : "·")).join(",")}) of convgrad's layout${p.some((i) => i < 0) ? " (·: an axis of size 1 it leaves out)" : ""}`,
    );
  const channelsFrom1: string[] = [];
  for (const [k, o] of v.notation.offsets) {
    if (n.offsets.has(k)) continue;
    const centred = o.every((x) => x < 0);
    // channel axes (first in convgrad's layout; a bias has only that one) shifted by one, positions not
    const s = ctx.derivation(v.layer).config.input.length;
    const lead = v.notation.role(k) === "b" ? o.length : o.length - s;
    const channels = lead > 0 && o.slice(0, lead).every((x) => x === 1) && o.slice(lead).every((x) => x === 0);
    if (channels) {
      channelsFrom1.push(k);
      continue;
    }
    // (an output offset by half the kernel: its windows' centres in the input; by all of it less one: the full's)
    const cfg = ctx.derivation(v.layer).config;
    const atCentres =
      !centred && o.length === s && o.every((x, a) => x === Math.floor(cfg.kernel[a]! / 2) * cfg.dilation[a]!);
    const why = centred
      ? "a centred kernel"
      : atCentres
        ? "its windows' centres in the input"
        : "the full convolution's positions";
    orders.push(`${k}'s indices start at ${o.map((x) => x + v.layer.indexBase).join(",")} (${why})`);
  }
  for (const [k, o] of v.notation.exprOffsets)
    if (!n.exprOffsets.has(k))
      orders.push(
        `${k}'s offsets in index notation count from 0, as its sums do (${k}_{${o.map(() => 1).join(",")}} written out is its first entry)`,
      );
  if (channelsFrom1.length > 0)
    orders.push(
      `channels counted from ${v.layer.indexBase + 1}, positions from ${v.layer.indexBase} (${channelsFrom1.join(", ")})`,
    );
  const words = [
    `the forward pass: ${v.roles}`,
    ...orders,
    ...layerWords(v.layer, layer),
    ...(byName ? ["the kernel by its name (the convolution reads either way round)"] : []),
  ];
  return { notation: v.notation, layer: v.layer, what: words.join("; ") };
}

/** Candidate index orders of a tensor written with `rank` indices, `s` of them spatial (identity first). */
function layoutsFor(rank: number, s: number): (number[] | undefined)[] {
  const c = rank - s;
  if (c <= 0 || c > 2) return [undefined];
  const spatialFirst = (ch: number[]) => [...ch.map((k) => s + k), ...Array.from({ length: s }, (_, k) => k)];
  const out: (number[] | undefined)[] = [undefined, spatialFirst(c === 2 ? [0, 1] : [0])];
  if (c === 2) out.push([1, 0, ...Array.from({ length: s }, (_, k) => k + 2)], spatialFirst([1, 0]));
  // the spatial axes between the two channel axes: Shah's w^{l,m}_{a,b,c} (filter m first, its input
  // channel c last), or the other way round
  const spatialMiddle = (first: number, last: number) => [first, last, ...Array.from({ length: s }, (_, k) => k + 1)];
  if (c === 2) out.push(spatialMiddle(0, s + 1), spatialMiddle(s + 1, 0));
  return out;
}

/**
 * The layouts of a name written with `rank` indices for a tensor of `shape` (channel axes first, then `s`
 * spatial ones): those of layoutsFor when the ranks agree; when the name leaves out every channel axis of
 * size 1 (Chabot's X[p+i,q+j] of a one-channel input, the ai-edu course's w_{cij} of a one-filter kernel),
 * the same layouts over the axes it writes, the left-out axes at the layer's first index (roles.ts `filled`).
 */
function layoutsWithin(rank: number, shape: readonly number[], s: number, base: number): (number[] | undefined)[] {
  if (rank === shape.length || rank < s) return layoutsFor(rank, s);
  const single = shape.slice(0, shape.length - s).flatMap((n, a) => (n === 1 ? [a] : []));
  if (single.length === 0 || rank !== shape.length - single.length) return layoutsFor(rank, s);
  const kept = shape.map((_, a) => a).filter((a) => !single.includes(a));
  return layoutsFor(rank, s).map((p) =>
    shape.map((_, a) => (single.includes(a) ? filled(base) : p ? p[kept.indexOf(a)]! : kept.indexOf(a))),
  );
}

/**
 * (K ⋆ I)_{i,j,o} = b_o + Σ … I_{i+m,j+n,c} K_{m,n,c,o}: an operator convgrad knows applied to names it
 * does not, indexed, and defined by the forward pass — the names' roles are learned from the right side
 * (the result stands for the output, under the name `(K ⋆ I)` that a later `R = K ⋆ I` takes over).
 */
function operatorResult(side: Node | undefined, n: Notation): Node | null {
  if (side?.k !== "at" || side.arg.k !== "bin" || side.arg.op !== "conv" || side.arg.conv?.sym !== undefined)
    return null;
  const p = nameOf(side.arg.left);
  const q = nameOf(side.arg.right);
  if (!p || !q || p.indexed || q.indexed || p.grad || q.grad) return null;
  // (X ⋆ W)_{ij} = … between names convgrad knows is a claim to check, not a definition
  if (roleOf(n, p.name, false) !== undefined || roleOf(n, q.name, false) !== undefined) return null;
  return { k: "ref", name: `(${printNode(side.arg)})`, grad: false, index: side.index };
}

/**
 * Jermmy's "z = z^{l}, a = a^{l-1}": a name with a role set equal to the same letter with a layer tag (or
 * without one) says the other names the same tensor — stated, so read in a document about several layers too.
 */
function learnStatedAlias(sides: Node[], n: Notation): { notation: Notation; what: string } | null {
  if (sides.length !== 2) return null;
  const p = nameOf(sides[0]!);
  const q = nameOf(sides[1]!);
  if (!p || !q || p.indexed || q.indexed || p.grad || q.grad || p.viaFn || q.viaFn || p.name === q.name) return null;
  const letter = (s: string) => s.replace(/\^\{.*\}$/, "");
  if (letter(p.name) !== letter(q.name)) return null;
  const rp = n.role(p.name);
  const rq = n.role(q.name);
  if ((rp === undefined) === (rq === undefined)) return null;
  const [known, other] = rp !== undefined ? [p.name, q.name] : [q.name, p.name];
  const role = (rp ?? rq)!;
  const axes = n.axesOf(known);
  const m = n.withName(other, role).withLayout(other, axes.perm).withOffset(other, axes.off);
  return { notation: m, what: `${other} names ${known} (${ROLE_WORDS[role]}), as the document states` };
}

/** R = K ⋆ I after (K ⋆ I)_{…} = … taught the forward pass: R is the output, indexed as that result was. */
function learnResultName(sides: Node[], n: Notation): { notation: Notation; what: string } | null {
  if (sides.length !== 2) return null;
  const name = nameOf(sides[0]!);
  if (!name || name.indexed || name.grad || roleOf(n, name.name, false) !== undefined) return null;
  const result = `(${printNode(sides[1]!)})`;
  if (n.role(result) !== "Y") return null;
  const m = n
    .withName(name.name, "Y")
    .withLayout(name.name, n.layouts.get(result))
    .withOffset(name.name, n.offsets.get(result));
  return { notation: m, what: `${name.name} names the output, ${printNode(sides[1]!)}` };
}

/**
 * kimjiil's `O = W * X + b = \begin{pmatrix} o_{11} & o_{12} \\ o_{21} & o_{22} \end{pmatrix}` on a stride-2 layer: a
 * name set equal to the convolution of the kernel and the input (convgrad's letters or names the document taught,
 * either order, with the bias or without) names the output, whether or not the formula holds as written (here
 * its stride is not written); a matrix of one name's numbered entries set equal to it names the output's entries.
 */
function learnOutputOfConvolution(sides: Node[], n: Notation): { notation: Notation; what: string } | null {
  if (sides.length < 2) return null;
  const name = nameOf(sides[0]!);
  if (!name || name.indexed || name.grad || roleOf(n, name.name, false) !== undefined) return null;
  let rhs = sides[1]!;
  const bias = rhs.k === "bin" && rhs.op === "+" ? nameOf(rhs.right) : null;
  if (rhs.k === "bin" && bias && !bias.indexed && !bias.grad && roleOf(n, bias.name, false) === "b") rhs = rhs.left;
  if (rhs.k !== "bin" || rhs.op !== "conv") return null;
  const roles = [rhs.left, rhs.right].map((m) => {
    const u = nameOf(m);
    return u && !u.indexed && !u.grad ? roleOf(n, u.name, false) : undefined;
  });
  if (!(roles.includes("W") && roles.includes("X"))) return null;
  let m = n.withName(name.name, "Y");
  let what = `${name.name} names the output, ${printNode(sides[1]!)}`;
  const cells = sides.slice(2).find((x) => x.k === "bmatrix");
  if (cells?.k === "bmatrix") {
    const named = new Set(
      cells.rows.flat().map((c) => (c.k === "ref" && c.index?.kind === "num" && !c.grad ? c.name : "")),
    );
    const [entries] = [...named];
    if (named.size === 1 && entries && roleOf(n, entries, false) === undefined) {
      m = m.withName(entries, "Y");
      what += `, and its entries ${entries}_{…} (the matrix set equal to it)`;
    }
  }
  return { notation: m, what };
}

/** The forward formula, from its first two sides or, in a chain, from the left side and a later one. */
function learnForward(
  sides: Node[],
  n: Notation,
  ctx: LearnContext,
  layer: LayerChoice,
  insideActivation = false,
): { notation: Notation; layer: LayerChoice; what: string } | null {
  const applied = operatorResult(sides[0], n);
  if (applied) return learnForwardSides([applied, ...sides.slice(1, 2)], n, ctx, layer);
  const first = learnForwardSides(sides.slice(0, 2), n, ctx, layer);
  // x conv k + b = u: the output written on the right
  if (!first && sides.length === 2 && !nameOf(sides[0]!) && nameOf(sides[1]!))
    return learnForwardSides([sides[1]!, sides[0]!], n, ctx, layer);
  if (first && sides.length > 2) return withLaterSizes(first, sides, ctx);
  if (first || sides.length <= 2) return first;
  for (let k = sides.length - 1; k >= 2; k--) {
    const r = learnForwardSides([sides[0]!, sides[k]!], n, ctx, layer);
    if (r) return r;
  }
  // a = σ(z) = σ(Σ W a' + b) (jackti's notes): the forward pass inside the activation, the same σ of both sides —
  // read only in a document that states no forward pass otherwise (zxRobot's states z^{l+1} = a^l * W^{l+1} too)
  if (!insideActivation) return null;
  for (let j = 0; j < sides.length; j++)
    for (let k = j + 1; k < sides.length; k++) {
      const [f, g] = [sides[j]!, sides[k]!];
      if (f.k !== "fn" || g.k !== "fn" || f.name !== g.name || f.primes !== 0 || g.primes !== 0) continue;
      const r = learnForwardSides([f.arg, g.arg], n, ctx, layer);
      if (r) return { ...r, what: `${r.what} (read inside ${f.name.replace(/^\\/, "")}(…) on both sides)` };
    }
  return null;
}

/** The lesson of a forward pass read from inside a derivative (the equation stays a claim). */
export const WITHIN = "within";
/** Lessons an equation teaches while it stays a claim to check: its verdict says what was read. */
export const CLAIM_LESSONS: ReadonlySet<string> = new Set([WITHIN, "chain", "layout", "place"]);

/** Is this derivative's numerator the loss (J, or a name the notation reads as it)? */
function ofLoss(of: Node | "J", n: Notation): boolean {
  if (of === "J") return true;
  const u = nameOf(of);
  return !!u && !u.indexed && roleOf(n, u.name, false) === "J";
}

/**
 * The CMU notes' ∂Div/∂Y^{(l-1)}(m, x, y) = Σ_n Σ_{x',y'} ∂Div/∂z^{(l)}(n, x', y') ∂z^{(l)}(n, x', y')/∂Y^{(l-1)}(m,
 * x, y), with no forward pass stated: the chain goes from the loss through z to Y, so z is the layer's output and Y
 * (by its number of indices, or a kernel's letter when input and kernel have as many) its input or its kernel.
 * Only names the notation gives no role; the equation stays a claim.
 */
function learnChainRoles(
  sides: Node[],
  n: Notation,
  ctx: LearnContext,
  layer: LayerChoice,
): { notation: Notation; what: string } | null {
  const first = sides[0];
  if (sides.length < 2 || first?.k !== "partial" || !ofLoss(first.of, n)) return null;
  const a = nameOf(first.wrt);
  if (!a || !a.indexed || a.grad || roleOf(n, a.name, false) !== undefined) return null;
  const later = allNodes(sides.slice(1));
  // (∂a_{i,j,m}/∂z_{i,j,m}, one index list on both: an activation's step, not the convolution's)
  const through = later.flatMap((m) => {
    if (m.k !== "partial" || m.of === "J" || nameOf(m.wrt)?.name !== a.name) return [];
    const b = nameOf(m.of);
    return b && b.indexed && !b.grad && b.text !== nameOf(m.wrt)!.text ? [b] : [];
  });
  const b = through.find((u) =>
    later.some((m) => m.k === "partial" && ofLoss(m.of, n) && nameOf(m.wrt)?.name === u.name),
  );
  const was = b ? roleOf(n, b.name, false) : undefined;
  if (!b || (was !== undefined && was !== "Y")) return null;
  // (the output already has a name, declared or learned — Wichmann's A = σ(Z) with Z declared the output: b is
  // another tensor, perhaps the output's activation)
  if (was === undefined && [...n.names.values()].includes("Y")) return null;
  const d = ctx.derivation(layer);
  const rank = (r: "X" | "W" | "Y") => d.tensors[r].shape.length;
  if (b.rank !== rank("Y")) return null;
  // (with the kernel and the input of one rank, only the name tells: a kernel's name, or one of the input's —
  // wangluchen's kernel v, not either, is left unread)
  const kernel = a.rank === rank("W") && (a.rank !== rank("X") || KERNEL_NAME.test(a.name));
  const input = a.rank === rank("X") && (a.rank !== rank("W") || INPUT_NAME.test(a.name));
  if (kernel === input) return null;
  const role = kernel ? "W" : "X";
  const what = `${a.name} is the ${kernel ? "kernel" : "input"} (the chain rule goes from ∂J/∂${a.name} through ∂${b.name}/∂${a.name})`;
  return was === "Y"
    ? { notation: n.withName(a.name, role), what }
    : { notation: n.withName(b.name, "Y").withName(a.name, role), what: `${b.name} is the output and ${what}` };
}

/**
 * w^{(l)}(m, n, x − x', y − y') beside ∂Div/∂Y^{(l-1)}(m, x, y) and ∂Div/∂z^{(l)}(n, x', y'): the kernel's first index
 * is the input's channel (m) and its second the output's (n), the other way round from convgrad's [out, in]:
 * its layout, read from the letters it shares with the input and the output. Only a kernel the document names
 * (not convgrad's w) and no layout learned for it yet; a layer with channels and no batch.
 */
function learnKernelLayout(
  sides: Node[],
  n: Notation,
  ctx: LearnContext,
  layer: LayerChoice,
): { notation: Notation; what: string } | null {
  const d = ctx.derivation(layer);
  const s = d.config.input.length;
  if (!d.config.hasChannels || d.config.batch !== null) return null;
  const bare = (e: IExpr | undefined) => (e?.k === "v" ? e.name : null);
  const channel = { X: new Map<string, string>(), Y: new Map<string, string>() };
  const kernels: { name: string; at: [string | null, string | null] }[] = [];
  for (const m of allNodes(sides)) {
    if (m.k !== "ref" || m.index?.kind !== "expr") continue;
    const role = roleOf(n, m.name, m.grad);
    const items = m.index.items;
    if (
      (role === "X" || role === "dX" || role === "Y" || role === "dY") &&
      items.length === s + 1 &&
      !n.axesOf(m.name).perm
    ) {
      const v = bare(items[0]);
      if (v) channel[role.endsWith("X") ? "X" : "Y"].set(v, m.name);
    }
    if ((role === "W" || role === "dW") && items.length === s + 2 && n.names.has(m.name) && !n.axesOf(m.name).perm)
      kernels.push({ name: m.name, at: [bare(items[0]), bare(items[1])] });
  }
  for (const k of kernels) {
    const [v0, v1] = k.at;
    if (!v0 || !v1 || v0 === v1) continue;
    if (!(channel.X.has(v0) && channel.Y.has(v1) && !channel.Y.has(v0) && !channel.X.has(v1))) continue;
    const perm = [1, 0, ...Array.from({ length: s }, (_, i) => i + 2)];
    const other = /^([A-Za-z])(\^.*)?$/.exec(k.name);
    const twin = other
      ? (other[1] === other[1]!.toLowerCase() ? other[1].toUpperCase() : other[1]!.toLowerCase()) + (other[2] ?? "")
      : null;
    let m = n.withLayout(k.name, perm);
    if (twin && n.role(twin) === n.role(k.name)) m = m.withLayout(twin, perm);
    return {
      notation: m,
      what: `${k.name}(${v0}, ${v1}, …) has the input's channel first: ${v0} is ${channel.X.get(v0)}'s channel, ${v1} ${channel.Y.get(v1)}'s`,
    };
  }
  return null;
}

/**
 * ∂x_{i,j}/∂w_{m',n'} = ∂/∂w_{m',n'} Σ_m Σ_n w_{m,n} z^{(l-1)}_{i+m,j+n} + b (Dillhoff's notes): a derivative set
 * equal to the derivative of a formula by the same entry states that formula for what it differentiates — the
 * forward pass x_{i,j} = Σ_m Σ_n w_{m,n} z^{(l-1)}_{i+m,j+n} + b, to learn from. Null when it is not so written.
 */
function undifferentiated(sides: readonly Node[]): Node[] | null {
  const first = sides[0];
  if (sides.length < 2 || first?.k !== "partial" || first.of === "J") return null;
  const wrt = printNode(first.wrt);
  let found = false;
  const strip = (m: Node): Node => {
    if (m.k === "partial" && m.of !== "J" && printNode(m.wrt) === wrt) {
      found = true;
      return m.of;
    }
    return m.k === "bin" && (m.op === "+" || m.op === "-") ? { ...m, left: strip(m.left), right: strip(m.right) } : m;
  };
  const rhs = strip(sides[1]!);
  return found ? [first.of, rhs] : null;
}

/**
 * O(i,j) = (I ⋆ K)(i,j) = Σ_{u=1}^{p} Σ_{v=1}^{q} I(i+u−1, j+v−1) K(u, v): the forward pass learned from the first
 * two sides; the sizes the later links' sums name (p, q), read from their ranges where those links hold.
 */
function withLaterSizes(
  first: { notation: Notation; layer: LayerChoice; what: string },
  sides: Node[],
  ctx: LearnContext,
): { notation: Notation; layer: LayerChoice; what: string } {
  let notation = first.notation;
  const read: string[] = [];
  for (const later of sides.slice(2)) {
    const r = holdsWith([sides[0]!, later], notation, first.layer, ctx);
    for (const [k, v] of r?.sizes ?? []) {
      if (notation.sizes.has(k)) continue;
      notation = notation.withSize(k, v);
      read.push(`; ${k} = ${v} (from its sums' ranges)`);
    }
  }
  return read.length ? { ...first, notation, what: first.what + read.join("") } : first;
}

/** Does a sum run symmetrically about 0 (Σ_{-1 ≤ a ≤ 1}, Σ_{a=-Δ}^{Δ}): a kernel indexed from its centre? */
function symmetricSum(sides: readonly Node[]): boolean {
  const num = (e: IExpr | null): number | null =>
    !e ? null : e.k === "n" ? e.v : e.k === "neg" && e.a.k === "n" ? -e.a.v : null;
  return (
    findNode(
      sides,
      (m) =>
        m.k === "sumover" &&
        m.sum.binders.some((b) => {
          const [lo, hi] = [num(b.lo), num(b.hi)];
          return lo !== null && hi !== null && hi > 0 && lo === -hi;
        }),
    ) !== null
  );
}

/** Names that are a kernel by convention (w, W, ω, k, K): used only to read matrix-form forward formulas. */
const KERNEL_NAME = /^(w|W|k|K|\\omega|\\Omega|ω)(\^|$)/;
/** Names sources give a layer's input (a^{l-1}, z^{(l-1)}, o^{l-1}, h, X, I, Z^{l-1}, a_prev …). */
const INPUT_NAME = /^(x|X|a|A|z|Z|o|O|h|H|I|in|input|Input)(\^|_|$)/;

/** δ^l_{ij} = ∂E/∂x^l_{ij} (either order): δ^l is the gradient of x^l's tensor, E the loss. */
function learnGradName(all: Node[], n: Notation): { notation: Notation; what: string } | null {
  // a chain δ^{l-1} = ∂J/∂z^{l-1} = … defines δ^{l-1} by its first link
  const sides = all.slice(0, 2);
  if (sides.length !== 2) return null;
  for (const [a, b] of [
    [sides[0]!, sides[1]!],
    [sides[1]!, sides[0]!],
  ] as const) {
    const g = nameOf(a);
    if (!g || b.k !== "partial") continue;
    const t = nameOf(b.wrt);
    if (!t || t.grad) continue;
    const r = roleOf(n, t.name, false);
    const gr = r ? GRAD[r] : undefined;
    if (!gr && g.text === t.text && !g.grad && b.of === "J") {
      // δ^{(L)}_j = ∂J/∂x^{(L)}_j at a layer the document does not otherwise use, where x^{t} of another tag
      // is the layer's: δ^{t} is the gradient of x^{t} for every tag (Scthe's last-layer definition)
      const gt = /^(.*?)\^\{(.*)\}$/.exec(g.name);
      const tt = /^(.*?)\^\{(.*)\}$/.exec(t.name);
      const known = (base: string) => [...n.names.keys()].some((k) => k.startsWith(`${base}^{`) && k !== t.name);
      if (gt && tt && gt[2] === tt[2] && !n.gradPatterns.has(gt[1]!) && known(tt[1]!) && !known(gt[1]!))
        return {
          notation: n.withGradPattern(gt[1]!, tt[1]!),
          what: `${g.name} = ∂J/∂${t.name}: ${gt[1]}^{t} is the gradient of ${tt[1]}^{t} for every layer t`,
        };
    }
    if (!gr || g.text !== t.text) continue;
    let m = n;
    const words: string[] = [];
    if (b.of !== "J") {
      const loss = b.of.k === "ref" && !b.of.index && !b.of.grad ? b.of.name : null;
      if (!loss) continue;
      if (n.role(loss) !== "J") {
        m = m.withName(loss, "J");
        words.push(`${loss} is the loss`);
      }
    }
    if (roleOf(m, g.name, g.grad) === gr) {
      if (words.length === 0) return null;
      return { notation: m, what: words.join("; ") };
    }
    if (g.grad || roleOf(m, g.name, false) !== undefined) continue;
    m = m.withName(g.name, gr).withLayout(g.name, m.layouts.get(t.name)).withOffset(g.name, m.offsets.get(t.name));
    // defined with a layer tag on both (δ^{l} = ∂E/∂z^{l}): δ^{t} is ∂E/∂z^{t} for the other tags too
    const gt = /^(.*?)\^\{(.*)\}$/.exec(g.name);
    const tt = /^(.*?)\^\{(.*)\}$/.exec(t.name);
    if (gt && tt && gt[2] === tt[2]) m = m.withGradPattern(gt[1]!, tt[1]!);
    words.unshift(`${g.name} = ∂J/∂${t.name} (${ROLE_WORDS[gr]}, ${roleLetter(gr)})`);
    return { notation: m, what: words.join("; ") };
  }
  return null;
}

/**
 * Zhou's ∂𝓛/∂z = [δ_1, δ_2, …, δ_m]: the gradient of a one-axis tensor written as the list of its entries, each
 * an unknown name numbered by its place (from the layer's first index; elided entries and a last one numbered by
 * a size allowed) — that name is the gradient, entry by entry, as δ_i = ∂𝓛/∂z_i would say.
 */
function learnGradByList(sides: Node[], n: Notation, base: number): { notation: Notation; what: string } | null {
  if (sides.length !== 2) return null;
  for (const [a, b] of [
    [sides[0]!, sides[1]!],
    [sides[1]!, sides[0]!],
  ] as const) {
    if (a.k !== "partial" || b.k !== "tuple" || b.items.length < 2) continue;
    const t = nameOf(a.wrt);
    if (!t || t.grad || t.indexed) continue;
    const items = b.items;
    const first = items[0]!;
    if (first.k !== "ref" || first.grad || first.index?.kind !== "num" || first.index.values.length !== 1) continue;
    // every item the same name with one index; those before an ellipsis numbered by their place
    let place = true;
    const fits = items.every((x, k) => {
      if (x.k === "ellipsis") {
        place = false;
        return k > 0 && k < items.length - 1;
      }
      if (x.k !== "ref" || x.name !== first.name || x.grad || !x.index) return false;
      if (x.index.kind === "num") return x.index.values.length === 1 && (!place || x.index.values[0] === base + k);
      return !place && x.index.kind === "expr" && x.index.items.length === 1;
    });
    if (!fits) continue;
    const entry: Node = { k: "ref", name: first.name, grad: false, index: first.index };
    const w = a.wrt;
    const wrt: Node | null =
      w.k === "ref"
        ? { ...w, index: first.index }
        : w.k === "matrix"
          ? { k: "entry", base: w.base.toLowerCase() as TensorBase, grad: w.grad, index: first.index }
          : null;
    if (!wrt) continue;
    const g = learnGradName([entry, { ...a, wrt }], n);
    if (g) return { notation: g.notation, what: `${g.what}, written as the list of its entries` };
  }
  return null;
}

/** The chains from a derivative (∂L/∂z = … = E), in document order, keyed by their last link E as printed. */
type ChainEnds = ReadonlyMap<string, readonly ParsedEquation[]>;

function chainEnds(eqs: readonly ParsedEquation[]): ChainEnds {
  const ends = new Map<string, ParsedEquation[]>();
  for (const o of eqs) {
    if (!o.sides || o.sides.length < 3 || o.sides[0]!.k !== "partial") continue;
    const key = printNode(o.sides[o.sides.length - 1]!);
    ends.set(key, [...(ends.get(key) ?? []), o]);
  }
  return ends;
}

/**
 * Charmve's ∂E/∂i_{12} = ∂E/∂net_{o_{11}} ⋅ ∂net_{o_{11}}/∂i_{12} + ∂E/∂net_{o_{12}} ⋅ ∂net_{o_{12}}/∂i_{12}
 * = δ_{11}⋅h_{12} + δ_{12}⋅h_{11}: two sides of a chain with the same terms of the same factors, where a
 * derivative of the loss by an entry stands in the place of a name the document gave no role, at the same
 * numbers (δ_{11} for ∂E/∂net_{o_{11}}) — that name is the gradient, as learnGradName reads δ = ∂E/∂y. Every
 * such place of the two sides must agree.
 */
function learnGradByPlace(sides: Node[], n: Notation): { notation: Notation; what: string } | null {
  const terms = (m: Node): Node[] => (m.k === "bin" && m.op === "+" ? [...terms(m.left), ...terms(m.right)] : [m]);
  const factors = (m: Node): Node[] =>
    m.k === "bin" && (m.op === "mul" || m.op === "juxt") ? [...factors(m.left), ...factors(m.right)] : [m];
  const numbers = (m: Node) =>
    (m.k === "entry" || m.k === "ref") && m.index?.kind === "num" ? m.index.values.join(",") : null;
  for (let k = 0; k + 1 < sides.length; k++) {
    const [ta, tb] = [terms(sides[k]!), terms(sides[k + 1]!)];
    if (ta.length !== tb.length) continue;
    const places: [Node, Extract<Node, { k: "partial" }>][] = [];
    let aligned = true;
    ta.forEach((t, i) => {
      const [fa, fb] = [factors(t), factors(tb[i]!)];
      if (fa.length !== fb.length || fa.length < 2) aligned = false;
      else
        fa.forEach((x, j) => {
          const y = fb[j]!;
          for (const [g, d] of [
            [y, x],
            [x, y],
          ] as const) {
            const u = nameOf(g);
            if (d.k === "partial" && u && !u.grad && roleOf(n, u.name, false) === undefined) places.push([g, d]);
          }
        });
    });
    if (!aligned || places.length === 0) continue;
    const name = nameOf(places[0]![0])!.name;
    const agree = places.every(
      ([g, d]) => nameOf(g)!.name === name && numbers(g) !== null && numbers(g) === numbers(d.wrt),
    );
    if (!agree) continue;
    const g = learnGradName([places[0]![0], places[0]![1]], n);
    if (g)
      return { notation: g.notation, what: `${g.what} (in the place of ${printNode(places[0]![1])} in the chain)` };
  }
  return null;
}

/**
 * δ_i^{(L)}[n] = E where another equation's chain ∂L_i/∂z_i^{(L)}[n] = … = E ends in the same E
 * (Schulz: "This gives us the error term"): by the two equations as written, δ^{(L)} = ∂L/∂z^{(L)}.
 */
function learnGradBySharedValue(
  sides: Node[],
  n: Notation,
  ends: ChainEnds,
): { notation: Notation; what: string } | null {
  if (sides.length !== 2 || sides[1]!.k === "partial") return null;
  for (const o of ends.get(printNode(sides[1]!)) ?? []) {
    if (o.sides === sides) continue;
    const g = learnGradName([sides[0]!, o.sides![0]!], n);
    if (g) return { notation: g.notation, what: `${g.what}, its value being the last link of line ${o.line}'s chain` };
  }
  return null;
}

/**
 * Where two sides of a chain differ only by one name written as an activation of another
 * (a^{l-1} * W^l + b^l = σ(z^{l-1}) * W^l + b^l): that pair.
 */
function activationPair(a: Node, b: Node): [Node, Extract<Node, { k: "fn" }>] | null {
  if (b.k === "fn" && b.primes === 0 && nameOf(a) && nameOf(b.arg)) return [a, b];
  if (a.k !== b.k) return null;
  if (a.k === "bin" && b.k === "bin" && a.op === b.op) {
    const l = activationPair(a.left, b.left);
    const r = activationPair(a.right, b.right);
    const same = (x: Node, y: Node) => printNode(x) === printNode(y);
    if (l && same(a.right, b.right)) return l;
    if (r && same(a.left, b.left)) return r;
  }
  return null;
}

/** o^{l-1} = f(x^{l-1}): x^{l-1} is the input's pre-activation (f' of it is one symbol per entry). */
function learnActivation(sides: Node[], n: Notation): { notation: Notation; what: string } | null {
  let pair: [Node, Extract<Node, { k: "fn" }>] | null = null;
  for (let i = 0; i + 1 < sides.length && !pair; i++) pair = activationPair(sides[i]!, sides[i + 1]!);
  if (!pair) return null;
  const a = nameOf(pair[0]);
  const z = nameOf(pair[1].arg);
  if (!a || !z || a.grad || z.grad) return null;
  const f = pair[1].name;
  // o^{l} = f(x^{l}): for every layer, o is the activation of x (so where o^{l-1} is the input, x^{l-1} is its
  // pre-activation)
  const ta = /^(.*?)\^\{(.*)\}$/.exec(a.name);
  const tz = /^(.*?)\^\{(.*)\}$/.exec(z.name);
  let m = n;
  const words: string[] = [];
  if (ta && tz && ta[2] === tz[2] && !n.actPatterns.has(ta[1]!)) {
    m = m.withActPattern(ta[1]!, tz[1]!);
    words.push(`${a.name} = ${f}(${z.name}) for every layer`);
  }
  if (roleOf(m, a.name, false) === "X" && roleOf(m, z.name, false) === undefined) {
    m = m.withName(z.name, "Z");
    words.push(`${z.name} is the input's pre-activation, so ${f}'(${z.name}) is read entry by entry`);
  }
  // a = σ(z) with z the output: a is the output's activation, known through its gradient (∂J/∂z = ∂J/∂a ⊙ σ'(z))
  if (roleOf(m, z.name, false) === "Y" && roleOf(m, a.name, false) === undefined) {
    // (indexed as z is: its layout and origin)
    m = m.withName(a.name, "A").withLayout(a.name, m.layouts.get(z.name)).withOffset(a.name, m.offsets.get(z.name));
    words.push(
      `${a.name} = ${f}(${z.name}) is the output's activation: ∂J/∂${a.name} and ${f}'(${z.name}) are read entry by entry, with ∂J/∂${z.name} = ∂J/∂${a.name} ⊙ ${f}'(${z.name})`,
    );
  }
  if (words.length === 0) return null;
  return { notation: m, what: words.join("; ") };
}

/**
 * Sánchez's chain ∂E/∂X^c_{11} = Σ … ∂Y^c_{ij}/∂Z^c_{11} * ∂Z^c_{ij}/∂A^c_{11}, with ReLU'(A^c_{11}) in his later
 * formulas: a link from the layer's input (Z^c) to a name the document gave no role, of the same rank, whose
 * activation's derivative the document takes — that name is the input's pre-activation (Z = f(A)). Neither
 * alone is enough: ∂x^{l}/∂x^{l-1} may cross a previous layer, and f'(A) alone says A is some activation's
 * argument, not whose.
 */
function learnChainActivation(
  sides: Node[],
  n: Notation,
  eqs: readonly ParsedEquation[],
): { notation: Notation; what: string } | null {
  const link = findNode(sides, (m) => {
    if (m.k !== "partial" || m.of === "J") return false;
    const [p, q] = [nameOf(m.of), nameOf(m.wrt)];
    return (
      !!p &&
      !!q &&
      !p.grad &&
      !q.grad &&
      p.indexed &&
      q.indexed &&
      p.rank === q.rank &&
      roleOf(n, p.name, false) === "X" &&
      roleOf(n, q.name, false) === undefined
    );
  });
  if (link?.k !== "partial" || link.of === "J") return null;
  const [p, q] = [nameOf(link.of)!.name, nameOf(link.wrt)!.name];
  const derivativeOfQ = (m: Node) => m.k === "fn" && m.primes > 0 && nameOf(m.arg)?.name === q;
  const use = eqs.find((e) => e.sides && findNode(e.sides, derivativeOfQ) !== null);
  const f = use ? findNode(use.sides!, derivativeOfQ) : null;
  if (!use || f?.k !== "fn") return null;
  return {
    notation: n.withName(q, "Z"),
    what: `${q} is the input's pre-activation (${p} = f(${q}): the chain's ∂${p}/∂${q}, and ${f.name}'(${q}) on line ${use.line}), so ${f.name}'(${q}) is read entry by entry`,
  };
}

/**
 * convgrad's own letters: between them, its * is convgrad's, and an equation with it a claim. (Not the bias's
 * b, B: nothing convolves a bias, and glenzli's (A * B)_{i,j} = Σ A_{i-m,j-n} B_{m,n} defines his * by B.)
 */
const OWN_LETTER = /^[xwyXWY]$/;

/** (X * W)_{ij} = … read as a claim on convgrad's own *: does it hold, or is it not checkable at all (not failed)? */
function holdsAsClaim(sides: Node[], n: Notation, layer: LayerChoice, ctx: LearnContext): boolean {
  const d = ctx.derivation(layer);
  try {
    const opts = { points: ctx.points, sizes: layerSizes(d, n.sizes), notation: n, quick: true };
    return checkEquation(d, sides.slice(0, 2), opts, namersFor(d)).status !== "fails";
  } catch {
    return true;
  }
}

/**
 * The readings of an operator definition (I ⊗ K)_{ij} = … (its first two sides): the convolutions
 * (op, mode, operand order) under which it holds; null when it is not one.
 */
function operatorReadings(
  sides: Node[],
  n: Notation,
  ctx: LearnContext,
  layer: LayerChoice,
  /** A definition for sure (the product named whole, its entries given after): never a claim on convgrad's *. */
  stated = false,
): { sym: string; found: (ConvSpec & { op: Op })[] } | null {
  if (sides.length < 2 || sides[0]!.k !== "at") return null;
  const inner = sides[0].arg;
  if (inner.k !== "bin" || inner.op !== "conv" || !inner.conv) return null;
  // (I * K)(i, j) = Σ_m Σ_n I(i − m, j − n) K(m, n) (Dillhoff's notes): convgrad's own * (or ⋆) between names
  // that are not its letters defines what the source means by it — read as a definition, never a claim on
  // convgrad's *, and the document's uses of it read so (between two numbers it stays their product)
  const sym = opSymbol(inner.conv);
  if (!sym) return null;
  const plain = !inner.conv.sym;
  const p = nameOf(inner.left);
  const q = nameOf(inner.right);
  if (!p || !q || p.indexed || q.indexed) return null;
  // (namrapatel's "True Convolution: (X * W)[i,j] = Σ X[i-h, j-w] W[h,w]" on a cross-correlation layer: between
  // convgrad's letters a claim on its * — unless it fails as that and one other reading holds: the document says
  // what it means by *, which convgrad's letters do not overrule)
  if (!stated && plain && (OWN_LETTER.test(p.name) || OWN_LETTER.test(q.name)) && holdsAsClaim(sides, n, layer, ctx))
    return null;
  // (I ∗ K)_{ij} = Σ_m Σ_n K_{m,n} I_{i+m,j+n} + b: the operator is the sum, the bias is the layer's
  let rhs = sides[1]!;
  if (rhs.k === "bin" && rhs.op === "+") {
    const last = nameOf(rhs.right);
    if (last && !last.indexed && roleOf(n, last.name, false) === "b") rhs = rhs.left;
  }
  const def = [plain ? { ...sides[0], arg: { ...inner, conv: { ...inner.conv, sym } } } : sides[0], rhs];
  // (f ∗ g)(x, y) = Σ f(i, j) g(x − i, y − j) on a layer with channels: a definition between two signals,
  // read on the layer's spatial axes alone
  const d = ctx.derivation(layer);
  const signals =
    d.config.hasChannels && sides[0].index?.kind === "expr" && sides[0].index.items.length === d.config.input.length;
  const found: (ConvSpec & { op: Op })[] = [];
  // a stated definition's operands name tensors whose entries it uses (K*X, then k_{mn} and x_{…}): in the
  // roles those letters have, not the other way round as well
  const role = (u: NameUse) => roleOf(n, u.name, false) ?? roleOf(n, u.name.toLowerCase(), false);
  const fits = (u: NameUse, r: Role) => !stated || role(u) === undefined || role(u) === r;
  for (const [x, w] of [
    [p, q],
    [q, p],
  ] as const) {
    if (!fits(x, "X") || !fits(w, "W")) continue;
    const m0 = n.withName(x.name, "X").withName(w.name, "W");
    for (const op of ["xcorr", "conv"] as Op[]) {
      for (const mode of MODES) {
        const spec: ConvSpec & { op: Op } = { op, mode, explicitMode: true, ...(x === q ? { swap: true } : {}) };
        if (holds(def, m0.withOp(sym, spec), { ...layer, bias: false, plain: signals }, ctx)) found.push(spec);
      }
    }
  }
  // true convolution commutes: read both ways round, it is one operator (the operands as written); and a
  // definition whose sums run wherever the factors exist holds full and, on the rows it shares, same: full
  const kept = found.filter(
    (f) =>
      !(f.swap && f.op === "conv" && found.some((g) => !g.swap && sameOp({ ...f, swap: false }, g))) &&
      !(f.mode === "same" && found.some((g) => g.mode === "full" && sameOp({ ...f, mode: "full" }, g))),
  );
  return { sym, found: kept };
}

const opWords = (s: ConvSpec & { op: Op }) =>
  `${s.op === "xcorr" ? "cross-correlation" : "true convolution"}${s.mode === "valid" ? "" : ` (${s.mode})`}${s.swap && s.op === "xcorr" ? " with the kernel first" : ""}`;
const sameOp = (a: ConvSpec & { op: Op }, b: ConvSpec & { op: Op }) =>
  a.op === b.op && a.mode === b.mode && !a.swap === !b.swap;

/** (I ⊗ K)_{ij} = …: the convolution (op, mode, operand order) the document means by ⊗. */
function learnOperator(
  sides: Node[],
  n: Notation,
  ctx: LearnContext,
  layer: LayerChoice,
  stated = false,
): { notation: Notation; what: string } | null {
  if (sides.length !== 2) return null;
  const r = operatorReadings(sides, n, ctx, layer, stated);
  if (!r || r.found.length !== 1) return null;
  const s = r.found[0]!;
  const what = `${r.sym} is ${opWords(s)}`;
  // the same definition again (Jefkine's eq. 4 with channels, then eq. 5 with one): a definition too;
  // a different one is not learned over the first
  const before = n.ops.get(r.sym);
  if (before) return sameOp(before, s) ? { notation: n, what: `${what}, as defined before` } : null;
  return { notation: n.withOp(r.sym, s), what };
}

/**
 * The LMU lab's "the result of the convolution is $Y = K*X$ … and elements: $y_{ij} = Σ_k Σ_l x_{i+k-1,j+l-1}·k_{kl}$":
 * a product named whole, whose entries a formula of that name gives a few lines on, is the document's definition
 * of its operator, read as (K*X)_{ij} = … would be. Returns the index of that formula and the definition, or null.
 */
function entriesGivenAfter(eqs: readonly ParsedEquation[], i: number): { at: number; def: Node[]; sym: string } | null {
  const eq = eqs[i];
  if (eq?.sides?.length !== 2) return null;
  const [lhs, rhs] = eq.sides as [Node, Node];
  const whole = nameOf(lhs);
  if (!whole || whole.indexed || whole.grad || rhs.k !== "bin" || rhs.op !== "conv" || !rhs.conv) return null;
  const sym = opSymbol(rhs.conv);
  const [p, q] = [nameOf(rhs.left), nameOf(rhs.right)];
  if (!sym || !p || !q || p.indexed || q.indexed || p.grad || q.grad) return null;
  const letter = (u: NameUse) => u.name.toLowerCase();
  for (let j = i + 1; j < eqs.length && eqs[j]!.line <= eq.line + 6; j++) {
    const sides = eqs[j]!.sides;
    const entry = sides?.length === 2 ? nameOf(sides[0]!) : null;
    if (!sides || !entry || !entry.indexed || entry.grad || letter(entry) !== letter(whole)) continue;
    // its entries in the operands' own letters (x and k for X and K), else it is some other formula
    const used = new Set(namesIn(sides[1]!).map(letter));
    if (!used.has(letter(p)) || !used.has(letter(q))) return null;
    const index = indexOfNode(sides[0]!);
    return index ? { at: j, def: [{ k: "at", arg: rhs, index }, sides[1]!], sym } : null;
  }
  return null;
}

/** Y = K*X with Y's entries given right after: the operator that makes them hold, when exactly one does. */
function learnOperatorByEntries(
  eqs: readonly ParsedEquation[],
  i: number,
  n: Notation,
  ctx: LearnContext,
  layer: LayerChoice,
): { notation: Notation; what: string } | null {
  const e = entriesGivenAfter(eqs, i);
  // (a use that holds as a claim on convgrad's own operator needs no definition)
  if (!e || holdsAsClaim(eqs[i]!.sides!, n, layer, ctx)) return null;
  const g = learnOperator(e.def, n, ctx, layer, true);
  return g ? { ...g, what: `${g.what}, by its entries on line ${eqs[e.at]!.line}` } : null;
}

/**
 * Y = K*X whose entries the document gives right after in a formula convgrad does not read as one
 * convolution (the LMU lab's sums run to r(K), its rows): what the document means by * is then not known,
 * and a use that fails as a claim on convgrad's * may only be the source's other operand order — formulas
 * with it are not checked, and the report says where the definition is.
 */
function unreadEntryDefinitions(
  eqs: readonly ParsedEquation[],
  n: Notation,
  ctx: LearnContext,
  layer: LayerChoice,
): Notation {
  let out = n;
  eqs.forEach((eq, i) => {
    const e = entriesGivenAfter(eqs, i);
    if (!e || out.ops.has(e.sym) || out.ambiguousOps.has(e.sym) || holdsAsClaim(eq.sides!, n, layer, ctx)) return;
    out = out.withAmbiguousOp(
      e.sym,
      `the document gives the entries of ${printNode(eq.sides![1]!)} on line ${eqs[e.at]!.line}, which convgrad does not read as one convolution, so what ${e.sym} means there is not clear`,
    );
  });
  return out;
}

/**
 * An operator the document defines two different ways — Jefkine's ∗ as true convolution in eq. 2
 * (the first link of a chain), then as cross-correlation in eq. 4 — means neither for sure: formulas
 * that use it are not read. Each definition is its first link, where exactly one reading holds.
 */
function ambiguousOperators(
  eqs: readonly ParsedEquation[],
  n: Notation,
  ctx: LearnContext,
  layer: LayerChoice,
): Notation {
  const seen = new Map<string, { found: (ConvSpec & { op: Op })[]; line: number }[]>();
  for (const eq of eqs) {
    if (!eq.sides || eq.sides[0]?.k !== "at") continue;
    const r = operatorReadings(eq.sides, n, ctx, layer);
    if (r && r.found.length > 0) seen.set(r.sym, [...(seen.get(r.sym) ?? []), { found: r.found, line: eq.line }]);
  }
  let out = n;
  for (const [sym, defs] of seen) {
    // two definitions no one reading satisfies both of
    const apart = defs.flatMap((a, i) =>
      defs.slice(i + 1).flatMap((b) => (a.found.some((x) => b.found.some((y) => sameOp(x, y))) ? [] : [[a, b]])),
    )[0];
    if (!apart) continue;
    const how = apart.map((x) => `as ${opWords(x.found[0]!)} on line ${x.line}`).join(", ");
    out = out.withAmbiguousOp(
      sym,
      `the document defines ${sym} two ways (${how}), so which one a formula means is not clear`,
    );
  }
  return out;
}

/**
 * Lopanov's y_{o,i,j} = b_o + Σ_c Σ_m Σ_n x_{c, i·s_h+m, j·s_w+n} · k_{o,c,m,n}: a forward pass in index notation
 * from convgrad's own y to its own x that taught no forward pass (it holds under no reading: its sums count
 * from 1 in a text that counts from 0) still names the kernel when its one other name (besides a bias) is a
 * kernel's (w, k, K, ω) of the kernel's rank. The formula itself stays a claim (it fails); only in a document
 * that taught no forward pass.
 */
function kernelOfFailingForward(eqs: readonly ParsedEquation[], n: Notation, rank: number): Notation {
  if ([...n.names.values()].includes("W")) return n;
  for (const eq of eqs) {
    if (!eq.sides || eq.sides.length !== 2) continue;
    const lhs = nameOf(eq.sides[0]!);
    if (!lhs || lhs.grad || !lhs.indexed || roleOf(n, lhs.name, false) !== "Y") continue;
    if (findNode(eq.sides, (x) => x.k === "partial") || !findNode([eq.sides[1]!], (x) => x.k === "sumover")) continue;
    const names = namesIn(eq.sides[1]!);
    const role = (u: NameUse) => roleOf(n, u.name, false);
    const unknown = names.filter((u) => role(u) === undefined);
    if (names.some((u) => u.grad || u.viaFn || (role(u) !== undefined && role(u) !== "X" && role(u) !== "b"))) continue;
    if (unknown.length !== 1 || !names.some((u) => role(u) === "X" && u.indexed)) continue;
    const k = unknown[0]!;
    if (!KERNEL_NAME.test(k.name) || !k.indexed || k.rank !== rank) continue;
    return n.withName(k.name, "W").note({
      what: `${k.name} is the kernel, by its name in line ${eq.line}'s forward pass (which taught nothing else: it is checked as written)`,
      line: eq.line,
    });
  }
  return n;
}

/**
 * ShenJian's ∂L/∂X = ∂L/∂Y ⊙ σ'(X): an activation's derivative taken at convgrad's own input letter (x, X,
 * not a name the document taught) says the document's X is a pre-activation — in convgrad's layer the input
 * is the activation's value (x = f(z)), never its argument. (f(x) alone stays what it was: the activation's
 * values, not known.) Its other formulas in X (∂L/∂b = Σ ∂L/∂X(i,j),
 * X the convolution's output there) are then not read as about the layer's input.
 */
function activatedInput(eqs: readonly ParsedEquation[], n: Notation): Notation {
  for (const eq of eqs) {
    const act = eq.sides
      ? findNode(
          eq.sides,
          (m) =>
            m.k === "fn" &&
            m.primes > 0 &&
            (m.arg.k === "matrix" || m.arg.k === "entry") &&
            !m.arg.grad &&
            m.arg.base.toLowerCase() === "x",
        )
      : null;
    if (act?.k !== "fn" || (act.arg.k !== "matrix" && act.arg.k !== "entry")) continue;
    const letter = act.arg.base;
    // a letter the document taught a role (Dillhoff's x, the output) is its own, not convgrad's
    if (n.names.has(letter) || n.role(letter) !== "X") return n;
    const why = `the document applies an activation to ${letter} (line ${eq.line}: ${printNode(act)}), so its ${letter} is a pre-activation, not necessarily this layer's input; declare what it is (--roles "Y=${letter}", or X=)`;
    return n.withMisread("x", why).withMisread("X", why);
  }
  return n;
}

/**
 * A name the document only ever differentiates (∂F/∂h_{11}, ∂F/∂k_{ij}, never ∂·/∂F nor F alone),
 * when the document differentiates no known loss: it is the loss. Whatever scalar F is, as long as
 * it depends on the layer through its output the gradient formulas relate ∂F/∂(input) to
 * ∂F/∂(output) exactly as they do for the loss. Returns the name and the equations that use it.
 */
function onlyDifferentiated(eqs: readonly ParsedEquation[], n: Notation): { name: string; uses: number[] } | null {
  const numerators = new Map<string, number[]>();
  const elsewhere = new Set<string>();
  let knownLoss = false;
  // e = forward(Y) (BrightLamp's): a name set equal to a function of the output is what a loss is; ∇e its gradient
  const ofOutput = (m: Node) =>
    findNode([m], (u) => (u.k === "matrix" || u.k === "entry") && (u.base === "Y" || u.base === "y") && !u.grad) !==
    null;
  for (const [k, eq] of eqs.entries()) {
    if (!eq.sides) continue;
    const [lhs, ...rest] = eq.sides;
    const defined = lhs?.k === "ref" && !lhs.index && !lhs.grad && rest.length > 0 && rest.every(ofOutput);
    const stack: Node[] = defined ? rest : [...eq.sides];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (c.k === "partial") {
        if (c.of === "J") knownLoss = true;
        else if (c.of.k === "ref" && !c.of.index && !c.of.grad) {
          if (n.role(c.of.name) === "J") knownLoss = true;
          else if (!numerators.get(c.of.name)?.includes(k))
            numerators.set(c.of.name, [...(numerators.get(c.of.name) ?? []), k]);
        } else stack.push(c.of);
        stack.push(c.wrt);
        continue;
      }
      if (c.k === "ref" && !c.grad) elsewhere.add(c.name);
      stack.push(...children(c));
    }
  }
  if (knownLoss) return null;
  const only = [...numerators].filter(([name]) => !elsewhere.has(name) && roleOf(n, name, false) === undefined);
  return only.length === 1 ? { name: only[0]![0], uses: only[0]![1] } : null;
}

export function learn(eqs: readonly ParsedEquation[], start: Notation, ctx: LearnContext): Learned {
  let notation = start;
  let layer = ctx.layer;
  const taught = new Map<number, string>();
  const kinds = new Map<number, Set<string>>();
  // each kind of lesson is taken once from an equation (a chain may teach the forward pass and an activation)
  const done = new Set<string>();
  // a lesson that failed is tried again only after the notation changed (learning is a fixpoint)
  let version = 0;
  const tried = new Map<string, number>();
  const fresh = (key: string) => {
    if (tried.get(key) === version) return false;
    tried.set(key, version);
    return true;
  };
  const teach = (i: number, kind: string, what: string, line: number) => {
    done.add(`${i}:${kind}`);
    kinds.set(i, new Set([...(kinds.get(i) ?? []), kind]));
    version++;
    taught.set(i, taught.has(i) ? `${taught.get(i)}; ${what}` : what);
    notation = notation.note({ what, line });
  };
  /** A lesson of equation i, taken when it teaches something: whether it did. */
  const take = (i: number, kind: string, run: () => { notation: Notation; what: string } | null): boolean => {
    const g = run();
    if (!g) return false;
    notation = g.notation;
    teach(i, kind, g.what, eqs[i]!.line);
    return true;
  };
  // the loss read from how it is used: the equations stay claims, the first one says so
  const remarks = new Map<number, string>();
  // (the chains' last links, read once: δ set equal to one is the chain's derivative)
  const ends = chainEnds(ctx.equations ?? eqs);
  const loss = onlyDifferentiated(eqs, notation);
  if (loss) {
    notation = notation
      .withName(loss.name, "J")
      .note({ what: `${loss.name} is the loss`, line: eqs[loss.uses[0]!]!.line });
    for (const k of loss.uses)
      remarks.set(k, `read with ${loss.name} as the loss (the document only differentiates it: ∂${loss.name}/∂…)`);
  }
  const stated = () => [...kinds.values()].some((k) => k.has("forward") || k.has(WITHIN));
  for (let pass = 0, activated = false; pass < 8; pass++) {
    // the forward pass inside an activation (a = σ(z) = σ(…)) once no other is found
    if (pass === 4) {
      if (stated()) break;
      activated = true;
    }
    let changed = false;
    eqs.forEach((eq, i) => {
      if (!eq.sides) return;
      if (!done.has(`${i}:forward`) && fresh(`${i}:forward${activated ? ":activated" : ""}`)) {
        const f = learnForward(eq.sides, notation, ctx, layer, activated);
        const inner = f ? null : undifferentiated(eq.sides);
        const g = inner ? learnForwardSides(inner, notation, ctx, layer) : null;
        if (f) {
          notation = f.notation;
          layer = f.layer;
          teach(i, "forward", f.what, eq.line);
          changed = true;
        } else if (g) {
          notation = g.notation;
          layer = g.layer;
          done.add(`${i}:forward`);
          teach(i, WITHIN, `${g.what}, read from inside its derivative`, eq.line);
          changed = true;
        }
      }
      const others: [string, () => { notation: Notation; what: string } | null][] = [
        ["grad", () => learnGradName(eq.sides!, notation) ?? learnGradBySharedValue(eq.sides!, notation, ends)],
        ["place", () => learnGradByPlace(eq.sides!, notation)],
        ["list", () => learnGradByList(eq.sides!, notation, ctx.derivation(layer).config.indexBase)],
        ["activation", () => learnActivation(eq.sides!, notation) ?? learnChainActivation(eq.sides!, notation, eqs)],
        [
          "operator",
          () => learnOperator(eq.sides!, notation, ctx, layer) ?? learnOperatorByEntries(eqs, i, notation, ctx, layer),
        ],
        ["result", () => learnResultName(eq.sides!, notation) ?? learnOutputOfConvolution(eq.sides!, notation)],
        ["alias", () => learnStatedAlias(eq.sides!, notation)],
      ];
      for (const [kind, run] of others)
        if (!done.has(`${i}:${kind}`) && fresh(`${i}:${kind}`) && take(i, kind, run)) changed = true;
    });
    if (!changed) pass = Math.max(pass, activated ? 8 : 3);
  }
  // a document that states no forward pass (the CMU notes): the roles its chain rules show, then the kernel's
  // layout its letters show — never over a forward pass's
  const forwardStated = stated();
  for (let pass = 0; pass < 3 && !forwardStated; pass++) {
    let changed = false;
    eqs.forEach((eq, i) => {
      if (!eq.sides) return;
      for (const [kind, run] of [
        ["chain", () => learnChainRoles(eq.sides!, notation, ctx, layer)],
        ["layout", () => learnKernelLayout(eq.sides!, notation, ctx, layer)],
      ] as const)
        if (!done.has(`${i}:${kind}`) && take(i, kind, run)) changed = true;
    });
    if (!changed) break;
  }
  if (!forwardStated) notation = kernelOfFailingForward(eqs, notation, ctx.derivation(layer).tensors.W.shape.length);
  const entries = learnEntryNames(eqs, notation, ctx.derivation(layer), ctx.points);
  if (entries) {
    notation = entries.notation;
    for (const t of entries.taught) teach(t.i, "entry", t.what, eqs[t.i]!.line);
  }
  notation = ambiguousOperators(eqs, notation, ctx, layer);
  notation = unreadEntryDefinitions(eqs, notation, ctx, layer);
  notation = activatedInput(eqs, notation);
  return { notation, layer, taught, kinds, remarks };
}

/** The lessons of the first n equations only (those after them were read for learning only: labelled parts). */
export function withoutExtra(l: Learned, n: number): Learned {
  const keep = <V>(m: ReadonlyMap<number, V>) => new Map([...m].filter(([i]) => i < n));
  return { ...l, taught: keep(l.taught), kinds: keep(l.kinds), remarks: keep(l.remarks) };
}

/**
 * Zayan's post writes Y = W * X with W the 3×3 matrix that is slid over and X the 2×2 one that slides: in a
 * document in convgrad's own letters whose w entries run past the kernel (w_{33} on a 2×2 kernel) in three
 * formulas at least and fit the input, while its x entries (if any) fit the kernel, x and w name the other
 * tensors. Returns the notation that reads them so (said), or null. Only a layer without channels.
 */
export function swappedInputKernel(
  all: readonly (readonly Node[] | null)[],
  d: Derivation,
  n: Notation,
): Notation | null {
  if (n.custom || d.config.hasChannels) return null;
  const base = d.config.indexBase;
  const max: Record<"x" | "w", number[] | null> = { x: null, w: null };
  const fits = (m: readonly number[], shape: readonly number[]) =>
    m.length === shape.length && m.every((v, k) => v >= 0 && v < shape[k]!);
  const [X, W] = [d.tensors.X.shape, d.tensors.W.shape];
  /** Equations that name a w entry past the kernel: a pattern of the document, not one slip (w_{31} once). */
  let past = 0;
  for (const sides of all) {
    const stack: Node[] = sides ? [...sides] : [];
    let here = false;
    while (stack.length) {
      const m = stack.pop()!;
      if (m.k === "entry" && (m.base === "x" || m.base === "w") && m.index?.kind === "num") {
        const at = m.index.values.map((v) => v - base);
        const was = max[m.base];
        if (was && was.length !== at.length) return null;
        max[m.base] = at.map((v, k) => Math.max(v, was?.[k] ?? v));
        if (m.base === "w" && !fits(at, W)) here = true;
      }
      stack.push(...children(m));
    }
    if (here) past++;
  }
  if (past < 3 || !max.w || fits(max.w, W) || !fits(max.w, X) || (max.x && !fits(max.x, W))) return null;
  const what = (a: string, role: string) =>
    `${a} names the layer's ${role}: the document's w entries run to w_{${max.w!.map((v) => v + base).join(",")}}, past the kernel${max.x ? ", and its x entries fit the kernel" : ""}`;
  const [w, x] = [what("w", "input"), what("x", "kernel")];
  return n
    .withName("w", "X", { what: w, line: null })
    .withName("x", "W", { what: x, line: null })
    .withReading("w", w)
    .withReading("W", w)
    .withReading("x", x)
    .withReading("X", x);
}

/**
 * Is every index of the kernel's index-notation entries a sum's variable whose written range starts at 0
 * (Σ_{m=0}^{k-1} Σ_{n=0}^{k-1} F_{m,n} …)? The source then counts the kernel's offsets from 0.
 */
function kernelSummedFrom0(sides: readonly Node[], name: string): boolean {
  const from0 = new Set<string>();
  for (const n of allNodes(sides))
    if (n.k === "sumover") for (const b of n.sum.binders) if (b.lo && b.lo.k === "n" && b.lo.v === 0) from0.add(b.name);
  let seen = false;
  for (const n of allNodes(sides)) {
    const named = n.k === "ref" ? n.name : n.k === "entry" ? n.base : null;
    const idx = indexOfNode(n);
    if (named !== name || idx?.kind !== "expr") continue;
    seen = true;
    if (!idx.items.every((e) => e.k === "v" && from0.has(e.name))) return false;
  }
  return seen;
}
