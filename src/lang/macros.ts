/**
 * A document's own macros: `\newcommand{\p}[2]{\frac{\partial #1}{\partial #2}}`, `\newcommand\p[2]{…}`,
 * `\renewcommand`, `\def\p#1#2{…}`, `\DeclareMathOperator{\rot}{rot}`. Definitions are found in the
 * whole file (and blanked, so they are not read as formulas); uses inside an equation are expanded
 * before it is parsed. Expansion is bounded (nesting depth and length) so a recursive macro cannot loop.
 */
export interface Macro {
  params: number;
  body: string;
}

const MAX_DEPTH = 8;
const MAX_LENGTH = 200_000;

/** The braced group starting at i (src[i] === "{"): its content and the index after it. */
function group(src: string, i: number): { text: string; end: number } | null {
  if (src[i] !== "{") return null;
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === "\\") {
      j++;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return { text: src.slice(i + 1, j), end: j + 1 };
  }
  return null;
}

function skipSpace(src: string, i: number): number {
  while (i < src.length && /\s/.test(src[i]!)) i++;
  return i;
}

/** Every definition in the source, and the ranges it occupies (to blank them). */
export function findMacros(src: string): { macros: Map<string, Macro>; ranges: [number, number][] } {
  const macros = new Map<string, Macro>();
  const ranges: [number, number][] = [];
  const re = /\\(?:re)?newcommand\*?|\\providecommand\*?|\\def|\\DeclareMathOperator\*?/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    let i = skipSpace(src, m.index + m[0].length);
    let name: string | null = null;
    if (src[i] === "{") {
      const g = group(src, i);
      if (!g) continue;
      name = g.text.trim();
      i = g.end;
    } else {
      const n = /^\\[A-Za-z]+/.exec(src.slice(i, i + 40));
      if (!n) continue;
      name = n[0];
      i += n[0].length;
    }
    if (!/^\\[A-Za-z]+$/.test(name)) continue;
    let params = 0;
    i = skipSpace(src, i);
    if (m[0] === "\\def") {
      const p = /^(#[1-9])+/.exec(src.slice(i, i + 20));
      if (p) {
        params = p[0].length / 2;
        i += p[0].length;
      }
    } else if (src[i] === "[") {
      const close = src.indexOf("]", i);
      params = Number(src.slice(i + 1, close));
      if (!Number.isInteger(params) || params < 0 || params > 9) continue;
      i = skipSpace(src, close + 1);
    }
    const body = group(src, skipSpace(src, i));
    if (!body) continue;
    macros.set(name, {
      params,
      body: m[0].startsWith("\\DeclareMathOperator") ? `\\operatorname{${body.text}}` : body.text,
    });
    ranges.push([m.index, body.end]);
  }
  return { macros, ranges };
}

/**
 * Expands the macros in an equation's text; every character of an expansion keeps the file offset
 * of the macro's use (for line:column messages).
 */
export function expandMacros(
  text: string,
  offsets: readonly number[],
  macros: ReadonlyMap<string, Macro>,
  depth = 0,
): { text: string; offsets: number[] } {
  if (macros.size === 0 || depth >= MAX_DEPTH || !/\\[A-Za-z]/.test(text)) return { text, offsets: [...offsets] };
  let out = "";
  const outOff: number[] = [];
  let changed = false;
  for (let i = 0; i < text.length;) {
    const m = text[i] === "\\" ? /^\\[A-Za-z]+/.exec(text.slice(i, i + 60)) : null;
    const mac = m ? macros.get(m[0]) : undefined;
    if (!m || !mac) {
      out += text[i];
      outOff.push(offsets[i] ?? 0);
      i++;
      continue;
    }
    let j = i + m[0].length;
    const args: string[] = [];
    for (let a = 0; a < mac.params; a++) {
      j = skipSpace(text, j);
      const g = group(text, j);
      if (g) {
        args.push(g.text);
        j = g.end;
      } else if (j < text.length) {
        args.push(text[j]!);
        j++;
      }
    }
    const body = mac.body.replace(/#([1-9])/g, (_s, k: string) => args[Number(k) - 1] ?? "");
    out += body;
    for (let k = 0; k < body.length; k++) outOff.push(offsets[i] ?? 0);
    i = j;
    changed = true;
    if (out.length > MAX_LENGTH) break;
  }
  return changed ? expandMacros(out, outOff, macros, depth + 1) : { text: out, offsets: outOff };
}
