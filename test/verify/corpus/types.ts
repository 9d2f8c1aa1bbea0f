/**
 * The real-textbook corpus: formulas transcribed as written from published derivations of
 * convolution back-propagation, each with its truth established WITHOUT convgrad — by a hand
 * translation of the formula (`claimed`) evaluated against the independent bigint oracle
 * (test/core/oracle.ts), in truth.test.ts. verify's verdicts are then compared with that truth
 * in corpus.test.ts.
 */
import type { Layer, Q } from "../../core/oracle.js";

/** Values of the layer's tensors at one random point, read in the SOURCE's index base. */
export interface Access {
  /** Input entry; 0 outside the tensor (the zero padding sources state). */
  x(...idx: number[]): Q;
  /** Kernel entry; 0 outside. */
  w(...idx: number[]): Q;
  /** Output gradient δy = ∂L/∂y; 0 outside. */
  dy(...idx: number[]): Q;
  /** Forward output entry y (computed by the oracle); 0 outside. */
  y(...idx: number[]): Q;
  /** Bias (one per output channel; [] index for a single-channel layer). */
  b(...idx: number[]): Q;
  /** Opaque per-entry activation-derivative values f'(z) of a named tensor (random, fixed per point). */
  fprime(name: string, ...idx: number[]): Q;
}

export type Truth =
  /** The formula is a true statement about the layer. */
  | "holds"
  /** The formula is false for the layer (a typo, a wrong sign, a wrong rotation, ...). */
  | "fails"
  /** A definition or notation the source introduces (δ := ∂E/∂x, an operator's definition). */
  | "definition"
  /** Not about the layer's gradients (an update rule, a loss, a size formula not checked). */
  | "other";

export interface TruthEquation {
  /** 1-based line of the file where the equation starts. */
  line: number;
  /** The first characters of the equation as written in the file (to find it). */
  snippet: string;
  truth: Truth;
  /** One sentence: why it holds / fails, in the source's terms. */
  why: string;
  /**
   * For "holds"/"fails" formulas about Y, dX, dW or db: which tensor the formula claims, and the
   * claimed value of each entry, hand-translated from the source's formula (indices in the
   * source's base). truth.test.ts checks that `truth` matches the oracle at every entry.
   */
  target?: "Y" | "dX" | "dW" | "db" | "size";
  claimed?: (v: Access, idx: number[]) => Q;
  /**
   * For a formula about a gradient through an element-wise activation (δ^{l-1} = (…) ⊙ f'(z^{l-1})):
   * the factor the target's true value is multiplied by, e.g. (v, idx) => v.fprime("z", ...idx).
   */
  scale?: (v: Access, idx: number[]) => Q;
}

export interface CorpusSource {
  /** File name under test/verify/corpus/ (the transcription, .tex or .md). */
  file: string;
  /** Author, title, publisher/site, year, section or page. */
  citation: string;
  url: string;
  /** Layer flags for `convgrad verify` that describe the source's layer (sizes chosen by us). */
  flags: string[];
  /** The same layer for the oracle. */
  layer: Layer;
  /** The source's first index (0 or 1). */
  indexBase: 0 | 1;
  equations: TruthEquation[];
}
