/**
 * `\underbrace{…}_{Z_{ij}}`: a formula's part labelled with a name (Wichmann's
 * A_{ij} = σ(\underbrace{Σ W X + b}_{Z_{ij}})).
 * The lexer reads the braced part and drops the label; the label still says what the part is called. This reads the
 * two equations it states — the formula with the label in place of the part (A_{ij} = σ(Z_{ij})), and the label set
 * equal to the part (Z_{ij} = Σ W X + b) — as texts for learning only: they teach the document's names, never get a
 * verdict of their own. A label in words (\text{…}) names nothing.
 */

/** The end (exclusive) of the brace group opening at `open`, or -1. */
function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

/** A label that names a tensor or its entry: letters, an optional layer tag and subscript, no words in \text. */
const NAME_LABEL = /^\s*\\?[A-Za-z]+(?:\^\{[^{}]*\}|\^[A-Za-z0-9])?(?:_\{[^{}]*\}|_[A-Za-z0-9])?\s*$/;

/** The equations a formula's labelled parts state (texts for learning only); none when it has no such part. */
export function labelledEquations(text: string): string[] {
  const out: string[] = [];
  const re = /\\underbrace\s*\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const end = groupEnd(text, open);
    if (end < 0) break;
    const under = /^\s*_\s*\{/.exec(text.slice(end));
    if (!under) continue;
    const labelOpen = end + under[0].length - 1;
    const labelEnd = groupEnd(text, labelOpen);
    if (labelEnd < 0) break;
    const label = text.slice(labelOpen + 1, labelEnd - 1);
    if (!NAME_LABEL.test(label) || /^\s*\\(?:text|mathrm|mbox)/.test(label)) continue;
    const body = text.slice(open + 1, end - 1);
    out.push(`${text.slice(0, m.index)}${label}${text.slice(labelEnd)}`, `${label} = ${body}`);
  }
  return out;
}
