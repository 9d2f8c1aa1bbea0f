/**
 * The gradient rules, as a table: for each op, one row per gradient, each with the formula as
 * people write it (in the verify language, so that `convgrad verify --expr` reads the printed rule)
 * and a builder that makes the right-hand side as a symbolic convolution of symbolic tensors
 * (through the one general convolution). The check compares each right-hand side with the
 * chain-rule result entry by entry.
 *
 * Derivations, per axis (0-based; K kernel size, s stride, d dilation, lo:hi padding, Xp the padded
 * input, O the output size, a = (H + lo + hi − d(K−1) − 1) mod s the input rows the stride never
 * reaches, ΔYs = dilate(ΔY, s): δy[p] at p·s, zeros between):
 *   xcorr  y[p]  = Σ_k Xp[p·s + k·d]·w[k]
 *          δx[u] = Σ_{p,k: p·s+k·d = u+lo} δy[p]·w[k]
 *                = (pad(ΔYs, d(K−1)−lo : d(K−1)−hi+a) ⋆ dilate(Rot180(W), d))[u]
 *          δw[k] = Σ_p Xp[p·s + k·d]·δy[p] = xcorr(crop(Xp, 0:a), ΔYs, stride d)[k]
 *   conv   the kernel reversed: y[p] = Σ_k Xp[p·s + k·d]·w[K−1−k], so
 *          δx    = pad(ΔYs, …) * dilate(Rot180(W), d)   (true convolution: the correlation with W)
 *          δw    = conv(Rot180(crop(Xp, 0:a)), ΔYs, stride d)
 *   both   δb[o] = Σ_{n,p} δy[n,o,p]
 * A negative padding crops. These are the transpose rules of JAX's conv_general_dilated (lhs
 * dilation s for ΔX, rhs dilation s and window stride d for ΔW) and PyTorch's conv_transpose with
 * output_padding = a; they are checked here, not trusted. With channels and groups, ΔX sums over
 * the output channels of the input channel's group and ΔW over the batch (the channel axes are
 * transposed accordingly).
 */
import { flipsKernel, spanText, type Op } from "../conventions.js";
import { convGeneral } from "../conv/general.js";
import { isDilated, isPadded, isStrided, type LayerConfig } from "../conv/config.js";
import type { MonoTable } from "../core/monomial.js";
import { gather, pad, rot180, slice, sumAxes, transpose } from "../tensor/ops.js";
import { Tensor } from "../tensor/tensor.js";

export type GradKey = "dX" | "dW" | "db";

export interface RuleContext {
  mt: MonoTable;
  cfg: LayerConfig;
  /** Internal layouts: X [N, Ci, ...S], W [Co, Ci/g, ...K], dY [N, Co, ...O]. */
  X: Tensor;
  W: Tensor;
  dY: Tensor;
}

export interface GradientRule {
  target: GradKey;
  /** The formula, for people, for JSON and for `verify --expr` (e.g. "ΔX = Rot180(W) *full ΔY"). */
  formula(cfg: LayerConfig): string;
  /** Why no closed form is checked for this configuration, or null when it applies. */
  unsupported(cfg: LayerConfig): string | null;
  /** The right-hand side, in the target gradient's internal layout. */
  build(rc: RuleContext): Tensor;
}

const spatial = (rank: number): number[] => Array.from({ length: rank - 2 }, (_, a) => a + 2);

/** The per-axis numbers every rule is made of (see the derivations above). */
export interface Plan {
  /** The input rows the stride never reaches, per axis: (H + lo + hi − d(K−1) − 1) mod s. */
  a: number[];
  /** ΔX: the padding (negative: crop) of the dilated ΔY, per axis. */
  dxPad: [number, number][];
  /** ΔW: the padding (negative: crop) of X, per axis: lo : hi − a. */
  dwPad: [number, number][];
}

export function plan(cfg: LayerConfig): Plan {
  const a = cfg.input.map((H, x) => {
    const [lo, hi] = cfg.padding[x]!;
    return (H + lo + hi - cfg.dilation[x]! * (cfg.kernel[x]! - 1) - 1) % cfg.stride[x]!;
  });
  const ext = (x: number) => cfg.dilation[x]! * (cfg.kernel[x]! - 1);
  return {
    a,
    dxPad: cfg.padding.map(([lo, hi], x) => [ext(x) - lo, ext(x) - hi + a[x]!]),
    dwPad: cfg.padding.map(([lo, hi], x) => [lo, hi - a[x]!]),
  };
}

/** W [Co, Ci/g, K] → [Ci, Co/g, K]: entry [c, j] is W[g·Co/g + j, c − g·Ci/g] with g = c's group. */
function groupTranspose(W: Tensor, cfg: LayerConfig): Tensor {
  const [Co, Cig] = W.shape as [number, number];
  const g = cfg.groups;
  const Ci = Cig * g;
  const Cog = Co / g;
  return gather(W, [Ci, Cog, ...W.shape.slice(2)], (i) => {
    const c = i[0]!;
    const grp = Math.floor(c / Cig);
    return [grp * Cog + i[1]!, c - grp * Cig, ...i.slice(2)];
  });
}

/**
 * ΔX's right-hand side: ΔY dilated by the stride, padded by d(K−1) − lo : d(K−1) − hi + a, against
 * the reversed kernel dilated by d (group-transposed) — the transposed convolution.
 */
function inputGradient(rc: RuleContext, flip: boolean): Tensor {
  const { cfg } = rc;
  const R = groupTranspose(rot180(rc.W, spatial(rc.W.rank)), cfg);
  return convGeneral(rc.mt, rc.dY, R, {
    flip,
    stride: cfg.kernel.map(() => 1),
    padding: plan(cfg).dxPad,
    lhsDilation: cfg.stride,
    rhsDilation: cfg.dilation,
    groups: cfg.groups,
  });
}

/**
 * ΔW's right-hand side: the padded input less the a rows the stride never reached (rotated, for
 * conv) against ΔY dilated by the stride, taken with stride d; batch as the contracted axis.
 */
function kernelGradient(rc: RuleContext, rotate: boolean): Tensor {
  const { cfg } = rc;
  const sp = spatial(rc.X.rank);
  let Xp = pad(rc.X, plan(cfg).dwPad, sp);
  if (rotate) Xp = rot180(Xp, sp);
  const perm = [1, 0, ...sp];
  const lhs = transpose(Xp, perm); // [Ci, N, ...Sp]
  const rhs = transpose(rc.dY, perm); // [Co, N, ...O]
  const [Co, Cig] = rc.W.shape as [number, number];
  const Cog = Co / cfg.groups;
  // One convolution per group, pairing only the channels that meet in W: a depthwise layer
  // (groups = channels) would otherwise compute every (input, output) pair and keep 1 in C.
  const perGroup = Array.from({ length: cfg.groups }, (_, g) =>
    convGeneral(rc.mt, slice(lhs, [[g * Cig, (g + 1) * Cig]], [0]), slice(rhs, [[g * Cog, (g + 1) * Cog]], [0]), {
      flip: rotate, // conv: Rot180(Xp) * ΔYs; xcorr: Xp ⋆ ΔYs
      stride: cfg.dilation,
      padding: cfg.kernel.map(() => [0, 0] as const),
      lhsDilation: cfg.kernel.map(() => 1),
      rhsDilation: cfg.stride,
      groups: 1,
    }),
  ); // group g: [Cig, Cog, ...K], entry [c', o'] = ΔW[g·Cog + o', c']
  return Tensor.fromFn(rc.W.shape, (i) => {
    const g = Math.floor(i[0]! / Cog);
    return perGroup[g]!.at([i[1]!, i[0]! - g * Cog, ...i.slice(2)]);
  });
}

const biasRule: GradientRule = {
  target: "db",
  formula: (cfg) => {
    if (!cfg.hasChannels) return "δb = Σ ΔY";
    const n = cfg.batch !== null ? "n," : "";
    return `δb[o] = Σ_{${n}${spatialNames(cfg)}} ΔY[${n}o,${spatialNames(cfg)}]`;
  },
  unsupported: () => null,
  build: (rc) => sumAxes(rc.mt, rc.dY, [0, ...spatial(rc.dY.rank)]),
};

function spatialNames(cfg: LayerConfig): string {
  return ["i", "j", "k"].slice(0, cfg.input.length).join(",");
}

// ---------------------------------------------------------------- the printed formulas

/** One number for every axis when they agree, else one per axis: "2" or "2, 1". */
function perAxisText(vs: readonly string[]): string {
  return vs.every((v) => v === vs[0]) ? vs[0]! : vs.join(", ");
}

const dilateText = (t: string, f: readonly number[]): string => (f.every((v) => v === 1) ? t : `dilate(${t}, ${perAxisText(f.map(String))})`);

/** t padded (negative amounts crop): pad(t, …), crop(t, …) when every amount is ≤ 0, t when all are 0. */
function padCropText(t: string, pads: readonly (readonly [number, number])[]): string {
  const all = pads.flat();
  if (all.every((v) => v === 0)) return t;
  if (all.every((v) => v <= 0)) return `crop(${t}, ${perAxisText(pads.map(([lo, hi]) => spanText([-lo, -hi])))})`;
  return `pad(${t}, ${perAxisText(pads.map(spanText))})`;
}

/** a ⋆ b / a * b, or xcorr(a, b, stride=…) when the window steps by more than 1. */
function convText(op: Op, a: string, b: string, stride: readonly number[]): string {
  if (stride.every((v) => v === 1)) return `${a} ${op === "conv" ? "*" : "⋆"} ${b}`;
  const st = stride.every((v) => v === stride[0]) ? String(stride[0]) : `(${stride.join(", ")})`;
  return `${op}(${a}, ${b}, stride=${st})`;
}

/** The ΔX and ΔW formulas for the whole tensors (dy, w, x name them: ΔY[n,o] with channels). */
function formulas(cfg: LayerConfig, dy: string, w: string, x: string): { dX: string; dW: string } {
  const { op } = cfg;
  const p = plan(cfg);
  const plainLayer = !isStrided(cfg) && !isDilated(cfg);
  let dX: string;
  if (plainLayer && !isPadded(cfg)) {
    dX = op === "conv" ? `Rot180(${w}) *full ${dy}` : `${dy} ⋆full Rot180(${w})`;
  } else {
    dX = convText(op, padCropText(dilateText(dy, cfg.stride), p.dxPad), dilateText(`Rot180(${w})`, cfg.dilation), []);
  }
  // pad(X) is the layer's own padding; other amounts (the a rows cropped) are written out
  const xe = p.a.every((v) => v === 0) ? (isPadded(cfg) ? `pad(${x})` : x) : padCropText(x, p.dwPad);
  const dW = convText(op, op === "conv" ? `Rot180(${xe})` : xe, dilateText(dy, cfg.stride), cfg.dilation);
  return { dX, dW };
}

/** Channel arithmetic of a grouped layer, in display indices: channel v of group q is size·(q − base) + v. */
function groupNumbers(cfg: LayerConfig) {
  const b = cfg.indexBase;
  const cig = (cfg.inChannels ?? 1) / cfg.groups;
  const cog = (cfg.outChannels ?? 1) / cfg.groups;
  const channel = (size: number, v: string): string => {
    const q = size === 1 ? "q" : `${size}q`;
    const off = -size * b;
    return `${q}${off === 0 ? "" : off > 0 ? `+${off}` : `${off}`}+${v}`;
  };
  return { b, cig, cog, channel, last: (count: number) => count - 1 + b };
}

function rulesFor(op: Op): readonly GradientRule[] {
  const flip = flipsKernel(op);
  return [
    {
      target: "dX",
      formula: (cfg) => {
        if (!cfg.hasChannels) return `ΔX = ${formulas(cfg, "ΔY", "W", "X").dX}`;
        const n = cfg.batch !== null ? "n," : "";
        if (cfg.groups === 1) return `ΔX[${n}c] = Σ_o ${formulas(cfg, `ΔY[${n}o]`, "W[o,c]", "").dX}`;
        // groups: output channel Cog·(q − base) + o of group q meets input channel Cig·(q − base) + e
        const g = groupNumbers(cfg);
        const o = g.channel(g.cog, "o");
        return `ΔX[${n}c] = Σ_{q=${g.b}}^{${g.last(cfg.groups)}} Σ_{o=${g.b}}^{${g.last(g.cog)}} Σ_{e s.t. ${g.channel(g.cig, "e")} = c} ${formulas(cfg, `ΔY[${n}${o}]`, `W[${o},e]`, "").dX}`;
      },
      unsupported: () => null,
      build: (rc) => inputGradient(rc, flip),
    },
    {
      target: "dW",
      formula: (cfg) => {
        if (!cfg.hasChannels) return `ΔW = ${formulas(cfg, "ΔY", "W", "X").dW}`;
        const n = cfg.batch !== null ? "n," : "";
        const sumN = n ? "Σ_n " : "";
        if (cfg.groups === 1) return `ΔW[o,c] = ${sumN}${formulas(cfg, `ΔY[${n}o]`, "", `X[${n}c]`).dW}`;
        // groups: o = Cog·(q − base) + e for exactly one group q and one e in 0..Cog−1 (+ base)
        const g = groupNumbers(cfg);
        const e = g.channel(g.cog, "e");
        const cond = `${e} = o, e ≥ ${g.b}, e ≤ ${g.last(g.cog)}`;
        return `ΔW[o,c] = ${sumN}Σ_{q=${g.b}}^{${g.last(cfg.groups)}} Σ_{e s.t. ${cond}} ${formulas(cfg, `ΔY[${n}${e}]`, "", `X[${n}${g.channel(g.cig, "c")}]`).dW}`;
      },
      unsupported: () => null,
      build: (rc) => kernelGradient(rc, flip),
    },
    biasRule,
  ];
}

export const RULES: Record<Op, readonly GradientRule[]> = { conv: rulesFor("conv"), xcorr: rulesFor("xcorr") };
