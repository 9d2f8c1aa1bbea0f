/**
 * The gradient rules, as a table: for each op, one row per gradient, each with its formula as an
 * AST of the formula language (src/lang/ast.ts: exactly what the parser makes of the printed rule,
 * so `convgrad verify --expr` reads it back; printers print it, src/print/formula.ts) and a builder
 * that makes the right-hand side as a symbolic convolution of symbolic tensors (through the one
 * general convolution). The check compares each right-hand side with the
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
import { flipsKernel, type Op } from "../conventions.js";
import { convGeneral } from "../conv/general.js";
import type { LayerConfig } from "../conv/config.js";
import type { MonoTable } from "../core/monomial.js";
import { gather, pad, rot180, slice, sumAxes, transpose } from "../tensor/ops.js";
import { Tensor } from "../tensor/tensor.js";
import { dbFormula, dwFormula, dxFormula, type RuleFormula } from "./formulas.js";
import { plan } from "./plan.js";

export { plan, type Plan } from "./plan.js";
export type { RuleFormula } from "./formulas.js";

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
  /**
   * The formula as an AST of the formula language (src/lang/ast.ts): printers print it (text
   * "ΔX = Rot180(W) *full ΔY", which `verify --expr` reads back to the same AST; LaTeX), verify
   * evaluates it.
   */
  formula(cfg: LayerConfig): RuleFormula;
  /** Why no closed form is checked for this configuration, or null when it applies. */
  unsupported(cfg: LayerConfig): string | null;
  /** The right-hand side, in the target gradient's internal layout. */
  build(rc: RuleContext): Tensor;
}

const spatial = (rank: number): number[] => Array.from({ length: rank - 2 }, (_, a) => a + 2);

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
  formula: dbFormula,
  unsupported: () => null,
  build: (rc) => sumAxes(rc.mt, rc.dY, [0, ...spatial(rc.dY.rank)]),
};

function rulesFor(op: Op): readonly GradientRule[] {
  const flip = flipsKernel(op);
  return [
    {
      target: "dX",
      formula: dxFormula,
      unsupported: () => null,
      build: (rc) => inputGradient(rc, flip),
    },
    {
      target: "dW",
      formula: dwFormula,
      unsupported: () => null,
      build: (rc) => kernelGradient(rc, flip),
    },
    biasRule,
  ];
}

export const RULES: Record<Op, readonly GradientRule[]> = { conv: rulesFor("conv"), xcorr: rulesFor("xcorr") };
