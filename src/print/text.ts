/**
 * The text printer: Unicode, like the lecture's slides. Yields lines (never one giant string) so
 * that multi-million-term outputs stream.
 */
import type { Derivation } from "../derive.js";
import { budgeted, omittedText, PRINT_LIMITS } from "./budget.js";
import { configText, forwardText, gradientOf, GRADIENTS, gradShape, verdictText } from "./describe.js";
import { Namer, partialName, unflatten } from "./names.js";

/** Above this many forward entries, a chain-rule line names only the non-zero partials. */

export interface TextOptions {
  /** Show the chain-rule steps (default true). */
  steps?: boolean;
  /**
   * Characters each section (the forward pass, each gradient, each chain rule) may print before it
   * stops with a line counting what it leaves out (default: no bound; the CLI's is SECTION_CHARS of
   * ./budget.ts unless --all).
   */
  sectionChars?: number;
}

/** A bounded section (./budget.ts): its entries' lines, then a line counting those left out. */
function* section(count: number, what: string, budget: number, lines: (i: number) => string[]): Generator<string> {
  const left = yield* budgeted(count, budget, lines);
  if (left > 0) yield `  ${omittedText(left, what)}`;
}

export function* textLines(d: Derivation, opts: TextOptions = {}): Generator<string> {
  const c = d.config;
  const nm = new Namer(d.table, "unicode", c.indexBase);
  const yShape = d.tensors.Y.shape;
  const shapes = { X: d.tensors.X.shape, W: d.tensors.W.shape, Y: yShape };
  const yName = (f: number) => nm.entry("y", unflatten(yShape, f));
  const budget = opts.sectionChars ?? Infinity;

  yield `convgrad: ${forwardText(c)}`;
  yield `  ${configText(c, shapes)}`;
  yield `  J = Σ δy·y, so δy = ∂J/∂y and δs = ∂J/∂s for every entry s of X, W${c.bias ? ", b" : ""}`;
  yield "";
  yield "Forward pass";
  yield* section(d.forward.size, "entries of Y", budget, (f) => [`  ${yName(f)} = ${nm.poly(d.forward.entry(f))}`]);

  for (const g of GRADIENTS) {
    const grad = d.gradients[g.key];
    if (!grad) continue;
    const shape = gradShape(d, g.key);
    yield "";
    if (opts.steps !== false) {
      yield `Chain rule for ${g.title}`;
      yield* section(grad.size, `entries of ${g.title}`, budget, (i) => {
        const idx = unflatten(shape, i);
        const s = nm.entry(g.symbol, idx);
        const steps = d.steps(g.key, i);
        const chain =
          d.forward.size <= PRINT_LIMITS.textFullChainY
            ? `  ${partialName("J", s, "unicode")} = ${Array.from({ length: d.forward.size }, (_, f) => `${partialName("J", yName(f), "unicode")}·${partialName(yName(f), s, "unicode")}`).join(" + ")}`
            : `  ${partialName("J", s, "unicode")} = Σ ∂J/∂y·∂y/∂${s} over the ${steps.length} entries of Y that contain ${s}`;
        const partials = steps.map((st) => `${partialName(yName(st.y), s, "unicode")} = ${nm.poly(st.partial)}`);
        return [
          chain,
          `      non-zero: ${partials.length ? partials.join(", ") : "none (every partial is 0)"}`,
          `  ${nm.gradName(g.symbol, idx)} = ${nm.poly(grad.entry(i))}`,
        ];
      });
    } else {
      yield `${g.title}`;
      yield* section(grad.size, `entries of ${g.title}`, budget, (i) => [
        `  ${nm.gradName(g.symbol, unflatten(shape, i))} = ${nm.poly(grad.entry(i))}`,
      ]);
    }
  }

  const dZ = d.gradients.dZ;
  if (dZ) {
    yield "";
    yield `Through the activation: x = ${d.activation}(z), so δz = δx ⊙ ${d.activation}'(z)`;
    yield* section(dZ.size, "entries of δz", budget, (i) => [
      `  ${nm.gradName("z", unflatten(shapes.X, i))} = ${nm.poly(dZ.entry(i))}`,
    ]);
  }

  yield "";
  yield "Checks: each rule's right-hand side, built as a symbolic convolution, against the chain-rule result";
  if (d.checks.length === 0) yield "  (checks skipped)";
  for (const ch of d.checks) {
    yield `  ${ch.rule}`;
    yield `      ${verdictText(ch)}`;
    for (const m of ch.comparison?.mismatches ?? []) {
      const tshape = gradShape(d, ch.target);
      const sym = gradientOf(ch.target).symbol;
      const missing = m.differences.filter((t) => t.actual.n === 0).map((t) => nm.term(t.code, t.expected));
      const extra = m.differences.filter((t) => t.expected.n === 0).map((t) => nm.term(t.code, t.actual));
      const coef = m.differences
        .filter((t) => t.expected.n !== 0 && t.actual.n !== 0)
        .map(
          (t) =>
            `${nm.monomial(t.code)} has ${t.actual.n}${t.actual.d !== 1 ? "/" + t.actual.d : ""}, expected ${t.expected.n}${t.expected.d !== 1 ? "/" + t.expected.d : ""}`,
        );
      const parts = [
        missing.length ? `missing ${missing.join(", ")}` : "",
        extra.length ? `extra ${extra.join(", ")}` : "",
        coef.join("; "),
      ];
      yield `      ${nm.gradName(sym, unflatten(tshape, m.flat))}: ${parts.filter(Boolean).join("; ")}`;
    }
  }
}
