/**
 * x^{pad}, x^{padded} (Thorey's "x^{pad} is the input padded with the adequate number of zeros"): the input with
 * the layer's zero padding around it, so its entry i is the input's entry i − p (and 0 in the border).
 */
import type { Derivation } from "../derive.js";
import type { Notation } from "./roles.js";

/** x^{pad}, x^{padded}, X_padded, x_{pad}: the input's name and a word for padded above or below it. */
const PADDED = /^(.+?)(?:\^\{(?:pad|padded)\}|_\{?(?:pad|padded)\}?)$/;

/** The notation with every used x^{pad} (x the document's input) read as the padded input, said. */
export function paddedInputs(n: Notation, used: ReadonlySet<string>, d: Derivation): Notation {
  let out = n;
  for (const u of [...used].sort()) {
    const m = PADDED.exec(u);
    // (the roles as they came: X^{pad} names x^{pad} too, which is padded all the same)
    if (!m || n.role(u) !== undefined || n.role(m[1]!) !== "X") continue;
    const pad = d.config.padding;
    const lead = d.tensors.X.shape.length - pad.length;
    const own = out.axesOf(m[1]!);
    const off = [...Array<number>(lead).fill(0), ...pad.map(([lo]) => lo)].map((o, k) => o + (own.off?.[k] ?? 0));
    const what = `${u} is the input ${m[1]} with the layer's zero padding (${pad.map(([lo, hi]) => (lo === hi ? lo : `${lo}:${hi}`)).join("×")}) around it`;
    out = (pad.some(([lo, hi]) => lo !== 0 || hi !== 0) ? out.withPadded(u) : out)
      .withName(u, "X", { what, line: null })
      .withLayout(u, own.perm)
      .withOffset(u, off)
      .withReading(u, what);
  }
  return out;
}
