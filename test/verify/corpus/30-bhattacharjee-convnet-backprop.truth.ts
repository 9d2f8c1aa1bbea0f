/**
 * Bishwarup Bhattacharjee, "Understanding Backpropagation for ConvNets": a post of June 2018 on his blog
 * (bishwarup307.github.io; the Markdown file _posts/2018-06-09-convbackprop.md of the repository
 * bishwarup307/bishwarup307.github.io, read at the March 2020 commit) — the forward and backward pass of one
 * convolution layer written out entry by entry for its own small example, then as a rotated-kernel full convolution.
 * Layer: the post's own — "Convolution of a 3x3 image with a 2x2 filter", one channel, no bias ("I have also omitted
 * the b"), stride 1, no padding, so Z is 2×2; 1-based (X_{11} … X_{33}, W_{11} … W_{22}, Z_{11} … Z_{22}). The
 * post's "convolution" is a cross-correlation, as its written-out Z_{11} … Z_{22} show (Z_{12} = W_{11}X_{12} + …).
 * dZ, dW, dX are the gradients of the loss with respect to Z, W, X (d{Z_{11}} is ∂L/∂Z_{11}, v.dy(1, 1)).
 * Lines 70–86 and 100–104 are entry formulas: each says what one entry is; it is checked at that entry, every other
 * entry of its target taking the true value (the hand forward pass, or the chain rule Σ_{ij} dZ_{ij} ∂Z_{ij}/∂(·)
 * read off that forward pass). Every written entry is right.
 * Line 114, dX = rot_180(W) ⊗ dZ, writes no "full" and does not define ⊗; the sentence that leads into it says what
 * it is: "if we rotate the kernel W 180° (flip right twice) and perform a full convolution on dZ, we get the exact
 * same matrix as dX. That is:" — rot_180(W) is the kernel, dZ the map it slides over, with full padding (the post's
 * "full convolution of a 2x2 feature map with a 2x2 filter" giving a 3x3 map), and "convolution" the post's own
 * operation, the cross-correlation of the forward pass. Read so it holds: entry (p, q) is
 * Σ_{a,b} dZ_{p+a−2, q+b−2} rot_180(W)_{ab} with rot_180(W)_{ab} = W_{3−a, 3−b} (dZ read 0 off its 2×2), which is
 * Σ_{ij} dZ_{ij} W_{p−i+1, q−j+1}, the input gradient.
 * Line 118 is the same statement "more generically" for layer l: dA^{[l−1]} is dX (the post: "the X will be the
 * activations from the previous layer (l − 1) i.e. A^{[l − 1]}"), dZ^{[l]} is dZ, W^{[l]} is W.
 * Not listed (verify finds no equation there): the 2×2 patch of X as a matrix (line 93) and the connections
 * "W_{12} → Z_{11}" of line 102.
 * Held out: added after the reader was built, to try it on a source none of its tests used.
 */
import { qmul, type Q } from "../../core/oracle.js";
import { at, sum } from "./util.js";
import type { Access, CorpusSource } from "./types.js";

const N = 3, K = 2, O = N - K + 1; // 3×3 input, 2×2 kernel, 2×2 output

/** Z_{pq} = Σ_{u,w} W_{uw} X_{p+u−1, q+w−1}: the cross-correlation the written-out Z_{11} … Z_{22} are. */
const fwd = (v: Access, p: number, q: number): Q => sum(1, K, (u) => sum(1, K, (w) => qmul(v.w(u, w), v.x(p + u - 1, q + w - 1))));
/** ∂L/∂W_{uw} = Σ_{pq} dZ_{pq} ∂Z_{pq}/∂W_{uw} = Σ_{pq} dZ_{pq} X_{p+u−1, q+w−1}, read off the forward pass. */
const trueDW = (v: Access, u: number, w: number): Q => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.x(p + u - 1, q + w - 1))));
/** ∂L/∂X_{rs} = Σ_{pq} dZ_{pq} ∂Z_{pq}/∂X_{rs} = Σ_{pq} dZ_{pq} W_{r−p+1, s−q+1} (W read 0 off its 2×2). */
const trueDX = (v: Access, r: number, s: number): Q => sum(1, O, (p) => sum(1, O, (q) => qmul(v.dy(p, q), v.w(r - p + 1, s - q + 1))));

type P = [[number, number], [number, number]];
/** Σ W_{..} X_{..} as written. */
const wx = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.w(...terms[t]![0]), v.x(...terms[t]![1])));
/** Σ dZ_{..} X_{..} as written. */
const dzx = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.dy(...terms[t]![0]), v.x(...terms[t]![1])));
/** Σ W_{..} dZ_{..} as written. */
const wdz = (terms: P[]) => (v: Access): Q => sum(0, terms.length - 1, (t) => qmul(v.w(...terms[t]![0]), v.dy(...terms[t]![1])));

/** rot_180(W)_{ab} = W_{3−a, 3−b} (the 2×2 kernel turned twice). */
const rot = (v: Access, a: number, b: number): Q => v.w(K + 1 - a, K + 1 - b);
/** The full convolution (the post's operation, a cross-correlation) of dZ with the kernel rot_180(W): entry (p, q) is
 *  Σ_{a,b} dZ_{p+a−2, q+b−2} rot_180(W)_{ab}, dZ zero-padded by K − 1 = 1 (v.dy reads 0 off its 2×2). */
const fullRot = (v: Access, [p, q]: number[]): Q =>
  sum(1, K, (a) => sum(1, K, (b) => qmul(v.dy(p! + a - K, q! + b - K), rot(v, a, b))));

const src: CorpusSource = {
  file: "30-bhattacharjee-convnet-backprop.md",
  citation:
    "Bishwarup Bhattacharjee (GitHub: bishwarup307), \"Understanding Backpropagation for ConvNets\", a post of 9 June 2018 on his blog bishwarup307.github.io, repository bishwarup307/bishwarup307.github.io, file _posts/2018-06-09-convbackprop.md (last changed 12 June 2018, commit 1c941549f62c66be455d7a67df8ccdaec2209d2d), read at commit 063e70b61a504dd287f4c9807c17ea829c710259 (28 March 2020): the whole post (the forward pass of a 3x3 image with a 2x2 filter written out, dW and dX entry by entry, dX as the full convolution of dZ with the rotated kernel)",
  url: "https://github.com/bishwarup307/bishwarup307.github.io/blob/063e70b61a504dd287f4c9807c17ea829c710259/_posts/2018-06-09-convbackprop.md",
  flags: ["--input", "3x3", "--kernel", "2x2", "--op", "xcorr", "--index-base", "1"],
  layer: { op: "xcorr", input: [N, N], kernel: [K, K], stride: [1, 1], dilation: [1, 1], padding: "valid", inChannels: null, outChannels: null, groups: 1, batch: null, bias: false, indexBase: 1 },
  indexBase: 1,
  equations: [
    { line: 70, snippet: "{Z_{11}} = {W_{11}}{X_{11}} + {W_{12}}{X_{12}} + {W_{21}}{X_{21}} + {W_{22}}{X_{22}}", truth: "holds", target: "Y",
      why: "the window of Z_{11} is X_{11} … X_{22}, each under the kernel entry of the same offset (a cross-correlation)",
      claimed: at(1, 1, wx([[[1, 1], [1, 1]], [[1, 2], [1, 2]], [[2, 1], [2, 1]], [[2, 2], [2, 2]]]), fwd) },
    { line: 72, snippet: "{Z_{12}} = {W_{11}}{X_{12}} + {W_{12}}{X_{13}} + {W_{21}}{X_{22}} + {W_{22}}{X_{23}}", truth: "holds", target: "Y",
      why: "the window of Z_{12} is one column to the right: X_{12} … X_{23}",
      claimed: at(1, 2, wx([[[1, 1], [1, 2]], [[1, 2], [1, 3]], [[2, 1], [2, 2]], [[2, 2], [2, 3]]]), fwd) },
    { line: 74, snippet: "{Z_{21}} = {W_{11}}{X_{21}} + {W_{12}}{X_{22}} + {W_{21}}{X_{31}} + {W_{22}}{X_{32}}", truth: "holds", target: "Y",
      why: "the window of Z_{21} is one row down: X_{21} … X_{32}",
      claimed: at(2, 1, wx([[[1, 1], [2, 1]], [[1, 2], [2, 2]], [[2, 1], [3, 1]], [[2, 2], [3, 2]]]), fwd) },
    { line: 76, snippet: "{Z_{22}} = {W_{11}}{X_{22}} + {W_{12}}{X_{23}} + {W_{21}}{X_{32}} + {W_{22}}{X_{33}}", truth: "holds", target: "Y",
      why: "the window of Z_{22} is X_{22} … X_{33}",
      claimed: at(2, 2, wx([[[1, 1], [2, 2]], [[1, 2], [2, 3]], [[2, 1], [3, 2]], [[2, 2], [3, 3]]]), fwd) },
    { line: 80, snippet: "d{W_{11}} = d{Z_{11}}{X_{11}} + d{Z_{12}}{X_{12}} + d{Z_{21}}{X_{21}} + d{Z_{22}}{X_{22}}", truth: "holds", target: "dW",
      why: "W_{11} meets X_{11}, X_{12}, X_{21}, X_{22} in Z_{11}, Z_{12}, Z_{21}, Z_{22} (lines 70–76): the chain rule over the four outputs",
      claimed: at(1, 1, dzx([[[1, 1], [1, 1]], [[1, 2], [1, 2]], [[2, 1], [2, 1]], [[2, 2], [2, 2]]]), trueDW) },
    { line: 82, snippet: "d{W_{12}} = d{Z_{11}}{X_{12}} + d{Z_{12}}{X_{13}} + d{Z_{21}}{X_{22}} + d{Z_{22}}{X_{23}}", truth: "holds", target: "dW",
      why: "W_{12} meets X_{12}, X_{13}, X_{22}, X_{23} in Z_{11}, Z_{12}, Z_{21}, Z_{22}",
      claimed: at(1, 2, dzx([[[1, 1], [1, 2]], [[1, 2], [1, 3]], [[2, 1], [2, 2]], [[2, 2], [2, 3]]]), trueDW) },
    { line: 84, snippet: "d{W_{21}} = d{Z_{11}}{X_{21}} + d{Z_{12}}{X_{22}} + d{Z_{21}}{X_{31}} + d{Z_{22}}{X_{32}}", truth: "holds", target: "dW",
      why: "W_{21} meets X_{21}, X_{22}, X_{31}, X_{32} in Z_{11}, Z_{12}, Z_{21}, Z_{22}",
      claimed: at(2, 1, dzx([[[1, 1], [2, 1]], [[1, 2], [2, 2]], [[2, 1], [3, 1]], [[2, 2], [3, 2]]]), trueDW) },
    { line: 86, snippet: "d{W_{22}} = d{Z_{11}}{X_{22}} + d{Z_{12}}{X_{23}} + d{Z_{21}}{X_{32}} + d{Z_{22}}{X_{33}}", truth: "holds", target: "dW",
      why: "W_{22} meets X_{22}, X_{23}, X_{32}, X_{33} in Z_{11}, Z_{12}, Z_{21}, Z_{22}",
      claimed: at(2, 2, dzx([[[1, 1], [2, 2]], [[1, 2], [2, 3]], [[2, 1], [3, 2]], [[2, 2], [3, 3]]]), trueDW) },
    { line: 100, snippet: "d{X_{11}} = {W_{11}}d{Z_{11}}", truth: "holds", target: "dX",
      why: "X_{11} appears only in Z_{11}, under W_{11} (line 70): one connection",
      claimed: at(1, 1, wdz([[[1, 1], [1, 1]]]), trueDX) },
    { line: 104, snippet: "d{X_{12}} = {W_{12}}d{Z_{11}} + {W_{11}}d{Z_{12}}", truth: "holds", target: "dX",
      why: "X_{12} appears in Z_{11} under W_{12} and in Z_{12} under W_{11} (lines 70, 72): two connections",
      claimed: at(1, 2, wdz([[[1, 2], [1, 1]], [[1, 1], [1, 2]]]), trueDX) },
    { line: 114, snippet: "dX = rot\\_180(W) \\otimes dZ", truth: "holds", target: "dX",
      why: "read as the sentence before it says — rot_180(W) the kernel of a full convolution (the post's convolution, a cross-correlation) performed on dZ: entry (p, q) is Σ_{a,b} dZ_{p+a−2,q+b−2} W_{3−a,3−b} = Σ_{ij} dZ_{ij} W_{p−i+1,q−j+1}, the input gradient (the 3×3 matrix of lines 100–104 and the figure)",
      claimed: fullRot },
    { line: 118, snippet: "d{A^{[l - 1]}} = rot\\_180({W^{[l]}}) \\otimes d{Z^{[l]}}", truth: "holds", target: "dX",
      why: "line 114 for layer l: A^{[l−1]} is the layer's input X (the post says so), Z^{[l]} its output Z, W^{[l]} its kernel W",
      claimed: fullRot },
  ],
};
export default src;
