/**
 * Runs `convgrad verify` (the library, with the source's layer flags only) on every corpus source and
 * matches each result to the source's truth table by line and snippet.
 */
import { verifyDocument } from "../../../src/verify/run.js";
import { specFromFlags, type ConfigFlags } from "../../../src/cli/derive.js";
import type { VerifyResult } from "../../../src/verify/run.js";
import { corpusText } from "./load.js";
import type { CorpusSource, TruthEquation } from "./types.js";

export interface Scored {
  eq: TruthEquation;
  result: VerifyResult | null;
  /** right: the truth's verdict; wrong: the opposite verdict (or a verdict on a non-checkable equation). */
  grade: "right" | "wrong" | "none";
}

function flagsOf(args: string[]): ConfigFlags & { roles?: string; sizes?: string } {
  const o: Record<string, string | boolean> = { op: "conv", indexBase: "1" };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) continue;
    const key = a.slice(2).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (key === "bias") o.bias = true;
    else o[key] = args[++i]!;
  }
  return o as unknown as ConfigFlags;
}

export function scoreSource(src: CorpusSource): Scored[] {
  const spec = specFromFlags(flagsOf(src.flags));
  const results = verifyDocument(spec, { file: src.file, text: corpusText(src), mode: "auto" }, { points: 3 });
  const used = new Set<VerifyResult>();
  return src.equations.map((eq) => {
    const norm = (s: string) => s.replace(/[\s$&]+/g, "").replace(/\.+$/, "");
    // a chain a = b = c is one result; the source's table may list its links one by one
    const sameLine = results.filter((r) => r.line === eq.line);
    const cands = sameLine.filter((r) => !used.has(r));
    const r =
      cands.find(
        (c) => norm(c.source).includes(norm(eq.snippet)) || norm(eq.snippet).includes(norm(c.source).slice(0, 12)),
      ) ??
      sameLine.find((c) => norm(c.source).includes(norm(eq.snippet))) ??
      (cands.length === 1 ? cands[0]! : null) ??
      // a continuation row (`& = …` of an align) belongs to the equation that started above it
      [...results]
        .reverse()
        .find((c) => c.line < eq.line && norm(c.source).includes(norm(eq.snippet).replace(/^&/, "")));
    if (r) used.add(r);
    // a failing chain says how each of its lines does against its left side ("step by step, each against the
    // left side: line 160 holds; line 161 fails"): a later line of it listed on its own gets that line's
    // verdict; so does its first line when a later one is listed (the truth file then judges the chain link
    // by link; otherwise the first line's entry is the whole chain's)
    const steps = new Map<number, string>();
    const detail = r?.details.find((d) => d.startsWith("step by step, each against the left side: "));
    for (const m of detail?.matchAll(/\bline (\d+) (\w+)/g) ?? []) steps.set(Number(m[1]), m[2]!);
    const linkByLink =
      r !== undefined && r !== null && (r.line !== eq.line || src.equations.some((e) => e !== eq && e.line !== r.line && steps.has(e.line)));
    const step = linkByLink ? steps.get(eq.line) : undefined;
    const st = step ?? r?.status;
    let grade: Scored["grade"] = "none";
    if (eq.truth === "holds" || eq.truth === "fails") {
      if (st === eq.truth || (eq.truth === "holds" && st === "definition")) grade = "right";
      else if (st === "holds" || st === "fails") grade = "wrong";
    } else if (st === "fails") grade = "wrong";
    return { eq, result: r ?? null, grade };
  });
}
