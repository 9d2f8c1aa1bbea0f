/** Pulls the math fragments out of convgrad's LaTeX and Markdown output, for KaTeX. */

export interface Fragment {
  math: string;
  display: boolean;
}

function inline(line: string, out: Fragment[]): void {
  const s = line.replace(/\\\$/g, "\u0000");
  for (const m of s.matchAll(/\$([^$]+)\$/g)) out.push({ math: m[1]!.replace(/\u0000/g, "\\$"), display: false });
}

/** Fragments of Markdown: $$ blocks (display) and $...$ inline. */
export function markdownMath(md: string): Fragment[] {
  const out: Fragment[] = [];
  const lines = md.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === "$$") {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== "$$"; i++) body.push(lines[i]!);
      out.push({ math: body.join("\n"), display: true });
    } else inline(lines[i]!, out);
  }
  return out;
}

/** Fragments of LaTeX: align* environments, $$...$$ lines, $...$ inline; the preamble and % comments skipped. */
export function latexMath(tex: string): Fragment[] {
  const out: Fragment[] = [];
  const lines = tex.split("\n");
  let start = lines.findIndex((l) => l.startsWith("\\begin{document}"));
  for (let i = start < 0 ? 0 : start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith("%")) continue;
    if (l.startsWith("\\begin{align*}")) {
      const body = [l];
      for (i++; i < lines.length && !lines[i]!.startsWith("\\end{align*}"); i++) body.push(lines[i]!);
      body.push("\\end{align*}");
      out.push({ math: body.join("\n"), display: true });
    } else if (l.startsWith("$$") && l.endsWith("$$") && l.length > 4) {
      out.push({ math: l.slice(2, -2), display: true });
    } else inline(l, out);
  }
  return out;
}
