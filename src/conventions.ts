/**
 * THE conventions of convgrad — the one type every module refers to. Prose: docs/CONVENTIONS.md.
 *
 *  conv   true convolution, (A * B)[n] = Σ_m A[m]·B[n−m]: the kernel is flipped. Commutative.
 *         The lecture's Y = X * W, y11 = w22·x11 + w21·x12 + w12·x21 + w11·x22.
 *  xcorr  cross-correlation, (A ⋆ B)[n] = Σ_m A[n+m]·B[m]: what PyTorch calls conv2d.
 *
 *  Modes, as numpy/scipy define them for an input of size H and a kernel of effective size Ke:
 *    valid  no padding, output H − Ke + 1
 *    full   padding Ke − 1 on both sides, output H + Ke − 1
 *    same   padding lo = ceil((Ke−1)/2), hi = floor((Ke−1)/2), output H (scipy's centring;
 *           PyTorch's padding="same" puts the odd pad on the other side for even kernels)
 *  Ke = (K − 1)·dilation + 1. Indices are printed from indexBase (1 by default, as on slides);
 *  internally they are 0-based.
 */
export type Op = "conv" | "xcorr";
export type Mode = "valid" | "full" | "same";
export const OPS: readonly Op[] = ["conv", "xcorr"];
export const MODES: readonly Mode[] = ["valid", "full", "same"];

/** A lo:hi amount of padding as written everywhere (flags, formulas, reports): "1" when lo = hi, else "0:1". */
export const spanText = ([lo, hi]: readonly [number, number]): string => (lo === hi ? String(lo) : `${lo}:${hi}`);

export const OP_SYMBOL: Record<Op, string> = { conv: "*", xcorr: "⋆" };
export const OP_NAME: Record<Op, string> = { conv: "true convolution", xcorr: "cross-correlation" };

/** Whether the op flips the kernel (true convolution does, cross-correlation does not). */
export function flipsKernel(op: Op): boolean {
  return op === "conv";
}

/** Padding [lo, hi] of one axis for a named mode. */
export function modePadding(mode: Mode, effectiveKernel: number): [number, number] {
  const t = effectiveKernel - 1;
  switch (mode) {
    case "valid":
      return [0, 0];
    case "full":
      return [t, t];
    case "same":
      return [Math.ceil(t / 2), Math.floor(t / 2)];
  }
}

export function effectiveKernel(k: number, dilation: number): number {
  return (k - 1) * dilation + 1;
}

/** Output size of one axis; ≤ 0 means the kernel does not fit the padded input. */
export function outputSize(
  input: number,
  kernel: number,
  stride: number,
  pad: readonly [number, number],
  dilation = 1,
  lhsDilation = 1,
): number {
  const h = (input - 1) * lhsDilation + 1 + pad[0] + pad[1];
  const ke = effectiveKernel(kernel, dilation);
  return h < ke ? 0 : Math.floor((h - ke) / stride) + 1;
}
