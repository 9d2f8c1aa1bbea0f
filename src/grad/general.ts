/**
 * General gradients in index notation, for every size at once: the forward formula, the partial
 * derivatives with their conditions, the chain rule and the gradients as sums with ranges, for a
 * layer given by its op, number of axes, stride, dilation, lo:hi padding and index base — no
 * sizes. The kernel size is the size name K_a of axis a (verify binds K_1, K_2, … at any size);
 * every other range is implied by the tensors the sum indexes (zero outside, the zero padding).
 *
 * Derivation, per axis (0-based; s stride, d dilation, lo the padding before the input):
 *   xcorr  y_i = Σ_{m=0}^{K−1} w_m · x_{s·i + d·m − lo}
 *   conv   y_i = Σ_{m=0}^{K−1} w_m · x_{s·i + d·(K−1−m) − lo}      (the kernel reversed)
 *   ∂y_i/∂x_u = Σ_{m s.t. E(i,m) = u} w_m,   ∂y_i/∂w_m = x_{E(i,m)}
 *   δx_u = Σ_m Σ_{i s.t. E(i,m) = u} δy_i · w_m,   δw_m = Σ_i δy_i · x_{E(i,m)},   δb = Σ_i δy_i
 * With index base b every index is shifted by b (i = i' − b). The formulas are strings of the
 * verify language; the tests read each back with verify at many concrete sizes.
 */
import type { Op } from "../conventions.js";

export interface GeneralSpec {
  op: Op;
  /** Per axis (1-3 axes). */
  stride: readonly number[];
  dilation: readonly number[];
  /** lo:hi per axis; "full" pads d(K−1) on both sides (symbolic in K). */
  padding: readonly (readonly [number, number])[] | "full";
  indexBase: number;
  bias: boolean;
  /** Channel axes: x_{c,…} (input channel c), w_{o,c,…}, y_{o,…} (output channel o), b_o; one group. */
  channels?: boolean;
}

export interface GeneralFormula {
  /** What it is: "forward", "∂y/∂x", "chain ΔX", "ΔX", "∂y/∂w", "chain ΔW", "ΔW", "δb". */
  name: string;
  /** The formula in the verify language (plain text). */
  text: string;
  latex: string;
}

const OUT = ["i", "j", "k"];
const KER = ["m", "n", "q"];
const INP = ["u", "v", "t"];

/** An affine index: coefficients of index names and size names, plus a constant. */
type Affine = { terms: [string, number][]; c: number };

function affineText({ terms, c }: Affine): string {
  let s = "";
  for (const [name, k] of terms) {
    if (k === 0) continue;
    const mag = Math.abs(k) === 1 ? name : `${Math.abs(k)}${name}`;
    s += s === "" ? (k < 0 ? `-${mag}` : mag) : k < 0 ? `-${mag}` : `+${mag}`;
  }
  if (c !== 0 || s === "") s += s === "" ? String(c) : c < 0 ? `${c}` : `+${c}`;
  return s;
}

/** The input index of output index i and kernel index m on axis a (display indices, base b). */
function inputIndex(g: GeneralSpec, a: number): Affine {
  const s = g.stride[a]!;
  const d = g.dilation[a]!;
  const b = g.indexBase;
  const K = `K_${a + 1}`;
  // 0-based: s·i0 + d·m0 − lo with i0 = i − b, m0 = m − b (xcorr); conv: m0 → K − 1 − m0
  const terms: [string, number][] = [[OUT[a]!, s]];
  let c = -s * b + b;
  if (g.op === "xcorr") {
    terms.push([KER[a]!, d]);
    c += -d * b;
  } else {
    terms.push([KER[a]!, -d], [K, d]);
    c += -d + d * b;
  }
  // the padding before the input: a number, or full = d(K − 1)
  if (g.padding === "full") {
    terms.push([K, -d]);
    c += d;
  } else c -= g.padding[a]![0];
  // merge repeated names (conv with full padding: +dK and −dK cancel)
  const merged = new Map<string, number>();
  for (const [n, k] of terms) merged.set(n, (merged.get(n) ?? 0) + k);
  return { terms: [...merged].filter(([, k]) => k !== 0), c };
}

function list(names: readonly string[]): string {
  return names.join(",");
}

/** The general formulas of a layer, 1-3 axes, with or without channel axes (one group, no batch). */
export function generalFormulas(g: GeneralSpec): GeneralFormula[] {
  const r = g.stride.length;
  const b = g.indexBase;
  const out = OUT.slice(0, r);
  const ker = KER.slice(0, r);
  const inp = INP.slice(0, r);
  const A = Array.from({ length: r }, (_, a) => inputIndex(g, a));
  const E = A.map(affineText);
  const conds = E.map((e, a) => `${e} = ${inp[a]}`).join(", ");
  // ΔX as a lecture writes it: on a stride-1 axis the condition E(i, m) = u gives i = u − (E − i);
  // a strided axis keeps its condition (only every s-th input row meets a given kernel entry)
  const solved = A.map((e, a) =>
    g.stride[a] === 1
      ? affineText({
          terms: [[inp[a]!, 1], ...e.terms.filter(([n]) => n !== out[a]).map(([n, k]) => [n, -k] as [string, number])],
          c: -e.c,
        })
      : null,
  );
  const kept = out.filter((_, a) => solved[a] === null);
  const keptConds = E.filter((_, a) => solved[a] === null)
    .map((e, k) => `${e} = ${inp[out.indexOf(kept[k]!)]}`)
    .join(", ");
  const dyIdx = out.map((o, a) => solved[a] ?? o);
  const dxSum = kept.length === 0 ? "" : `Σ_{${list(kept)} s.t. ${keptConds}} `;
  const dxSumTex = kept.length === 0 ? "" : `\\sum_{${list(kept)} \\text{ s.t. } ${keptConds}} `;
  const kRange = (a: number) => ({ lo: String(b), hi: affineText({ terms: [[`K_${a + 1}`, 1]], c: b - 1 }) });
  // Σ_{m=b}^{K_1−1+b} Σ_{n=…}: the kernel's ranges, written out as a lecture does
  const kernelSums = ker.map((m, a) => `Σ_{${m}=${kRange(a).lo}}^{${kRange(a).hi}}`).join(" ");
  const kernelSumsTex = ker.map((m, a) => `\\sum_{${m}=${kRange(a).lo}}^{${kRange(a).hi}}`).join(" ");
  // channels: input channel c, output channel o in front of the positions (convgrad's layout)
  const [C, O] = g.channels ? [["c"], ["o"]] : [[], []];
  const bias = g.bias ? (g.channels ? " + b_{o}" : " + b") : "";
  const y = `y_{${list([...O, ...out])}}`;
  const x = `x_{${list([...C, ...inp])}}`;
  const w = `w_{${list([...O, ...C, ...ker])}}`;
  const xE = `x_{${list([...C, ...E])}}`;
  const dy = `δy_{${list([...O, ...out])}}`;
  const dyTex = `\\delta y_{${list([...O, ...out])}}`;
  const dyX = list([...O, ...dyIdx]);
  // Σ_c in the forward pass, Σ_o in ΔX: the channel sums, their ranges implied by the tensors
  const sumC = g.channels ? ["Σ_{c} ", "\\sum_{c} "] : ["", ""];
  const sumO = g.channels ? ["Σ_{o} ", "\\sum_{o} "] : ["", ""];
  const db = g.channels ? "δb_{o}" : "δb";
  const dbTex = g.channels ? "\\delta b_{o}" : "\\delta b";
  const f = (name: string, text: string, latex: string): GeneralFormula => ({ name, text, latex });
  return [
    f(
      "forward",
      `${y} = ${sumC[0]}${kernelSums} ${w} ${xE}${bias}`,
      `${y} = ${sumC[1]}${kernelSumsTex} ${w} \\, ${xE}${bias}`,
    ),
    f(
      "∂y/∂x",
      `∂${y}/∂${x} = Σ_{${list(ker)} s.t. ${conds}} ${w}`,
      `\\frac{\\partial ${y}}{\\partial ${x}} = \\sum_{${list(ker)} \\text{ s.t. } ${conds}} ${w}`,
    ),
    f(
      "chain ΔX",
      `δ${x} = Σ_{${list([...O, ...out])}} ${dy} ∂${y}/∂${x}`,
      `\\delta ${x} = \\sum_{${list([...O, ...out])}} ${dyTex} \\frac{\\partial ${y}}{\\partial ${x}}`,
    ),
    f(
      "ΔX",
      `δ${x} = ${sumO[0]}${kernelSums} ${dxSum}δy_{${dyX}} ${w}`,
      `\\delta ${x} = ${sumO[1]}${kernelSumsTex} ${dxSumTex}\\delta y_{${dyX}} \\, ${w}`,
    ),
    f("∂y/∂w", `∂${y}/∂${w} = ${xE}`, `\\frac{\\partial ${y}}{\\partial ${w}} = ${xE}`),
    f(
      "chain ΔW",
      `δ${w} = Σ_{${list(out)}} ${dy} ∂${y}/∂${w}`,
      `\\delta ${w} = \\sum_{${list(out)}} ${dyTex} \\frac{\\partial ${y}}{\\partial ${w}}`,
    ),
    f("ΔW", `δ${w} = Σ_{${list(out)}} ${dy} ${xE}`, `\\delta ${w} = \\sum_{${list(out)}} ${dyTex} \\, ${xE}`),
    ...(g.bias ? [f("δb", `${db} = Σ_{${list(out)}} ${dy}`, `${dbTex} = \\sum_{${list(out)}} ${dyTex}`)] : []),
  ];
}
