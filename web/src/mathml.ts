/**
 * KaTeX's MathML of the page's entry formulas, written directly. The entries are convgrad's own LaTeX
 * (src/print/names.ts): names such as `\delta y_{1,2}` and `w_{22}`, sums of products with integer or
 * `\frac{n}{d}` coefficients, powers `{x_{11}}^{2}`, `\dots`. For those this returns the very string
 * KaTeX's renderToString gives (test/web/mathml.test.ts holds it to that, entry by entry, over many
 * layers) at a fraction of the cost — typesetting the entries in view was the largest part of the
 * worker's time after a change. Anything else returns null, and KaTeX typesets it.
 */

/** KaTeX's escaping of the annotation's text (its utils.escape). */
const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  ">": "&gt;",
  "<": "&lt;",
  '"': "&quot;",
  "'": "&#x27;",
};

const OPERATORS: Readonly<Record<string, string>> = { "=": "=", "+": "+", "-": "−" };

/** A subscript of numbers joined by commas (`11`, `1,2,3`), as KaTeX writes it. */
function subscript(s: string): string | null {
  if (!/^[0-9]+(?:,[0-9]+)*$/.test(s)) return null;
  const parts = s.split(",");
  if (parts.length === 1) return `<mn>${s}</mn>`;
  return `<mrow>${parts.map((p) => `<mn>${p}</mn>`).join('<mo separator="true">,</mo>')}</mrow>`;
}

/** One group's nodes as a single node: itself, or an mrow of them. */
const single = (nodes: readonly string[]): string =>
  nodes.length === 1 ? nodes[0]! : `<mrow>${nodes.join("")}</mrow>`;

/** The nodes of `tex` from `at` to the end or to the `}` closing a group; null outside the subset. */
function nodes(tex: string, at: number, inGroup: boolean): { out: string[]; end: number } | null {
  const out: string[] = [];
  let i = at;
  // every step consumes at least one character, so this ends within tex.length steps
  while (i < tex.length) {
    const c = tex[i]!;
    if (c === " ") {
      i++;
      continue;
    }
    if (c === "}") return inGroup ? { out, end: i + 1 } : null;
    const rest = tex.slice(i, i + 12);
    let m: RegExpExecArray | null;
    if (rest.startsWith("\\delta ")) {
      out.push("<mi>δ</mi>");
      i += 7;
    } else if (rest.startsWith("\\dots") && !/[A-Za-z]/.test(tex[i + 5] ?? "")) {
      out.push("<mo>…</mo>");
      i += 5;
    } else if ((m = /^\\frac\{([0-9]+)\}\{([0-9]+)\}/.exec(tex.slice(i)))) {
      out.push(`<mfrac><mn>${m[1]}</mn><mn>${m[2]}</mn></mfrac>`);
      i += m[0].length;
    } else if ((m = /^([a-z])(?:_\{([^{}]*)\})?(?![A-Za-z_^{])/.exec(tex.slice(i)))) {
      if (m[2] === undefined) out.push(`<mi>${m[1]}</mi>`);
      else {
        const sub = subscript(m[2]);
        if (sub === null) return null;
        out.push(`<msub><mi>${m[1]}</mi>${sub}</msub>`);
      }
      i += m[0].length;
    } else if ((m = /^[0-9]+(?![.0-9])/.exec(tex.slice(i)))) {
      out.push(`<mn>${m[0]}</mn>`);
      i += m[0].length;
    } else if (OPERATORS[c] !== undefined) {
      out.push(`<mo>${OPERATORS[c]}</mo>`);
      i++;
    } else if (c === "{") {
      // {x_{11}}^{2}: a power of a group (a group with no power is not one the printer writes)
      const g = nodes(tex, i + 1, true);
      if (g === null || g.out.length === 0) return null;
      const p = /^\^\{([0-9]+)\}/.exec(tex.slice(g.end));
      if (!p) return null;
      out.push(`<msup>${single(g.out)}<mn>${p[1]}</mn></msup>`);
      i = g.end + p[0].length;
    } else return null;
  }
  return inGroup ? null : { out, end: i };
}

/** KaTeX's renderToString(tex, { displayMode: true, output: "mathml" }) for an entry formula; null for other LaTeX. */
export function entryMathml(tex: string): string | null {
  const r = nodes(tex, 0, false);
  if (r === null || r.out.length === 0) return null;
  const annotation = tex.replace(/[&><"']/g, (ch) => ESCAPES[ch]!);
  return (
    '<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics>' +
    `${single(r.out)}<annotation encoding="application/x-tex">${annotation}</annotation></semantics></math></span>`
  );
}
