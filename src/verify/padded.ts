/**
 * x^{pad}, x^{padded} (Thorey's "x^{pad} is the input padded with the adequate number of zeros"): the input with
 * the layer's zero padding around it, so its entry i is the input's entry i − p (and 0 in the border).
 */
import type { Derivation } from "../derive.js";
import type { Notation } from "./roles.js";

const PADDED = /^(.*)\^\{(pad|padded)\}$/;

/** The notation with every used x^{pad} (x the document's input) read as the padded input, said. */
export function paddedInputs(n: Notation, used: ReadonlySet<string>, d: Derivation): Notation {
  let out = n;
  for (const u of [...used].sort()) {
    const m = PADDED.exec(u);
    if (!m || out.role(u) !== undefined || out.role(m[1]!) !== "X") continue;
    const pad = d.config.padding;
    const lead = d.tensors.X.shape.length - pad.length;
    const own = out.axesOf(m[1]!);
    const off = [...Array<number>(lead).fill(0), ...pad.map(([lo]) => lo)].map((o, k) => o + (own.off?.[k] ?? 0));
    const what = `${u} is the input ${m[1]} with the layer's zero padding (${pad.map(([lo, hi]) => (lo === hi ? lo : `${lo}:${hi}`)).join("×")}) around it`;
    out = out.withName(u, "X", { what, line: null }).withLayout(u, own.perm).withOffset(u, off).withReading(u, what);
  }
  return out;
}
