/**
 * `convgrad prove [--dims D] [--op] [--stride] [--padding] [--dilation] [--format]`: the engine's
 * closed forms (Y, ΔX, ΔW) for a layer given without sizes, proved for every input and kernel size
 * with the SMT solver (src/verify/prove.ts). A counterexample the solver finds is confirmed by
 * deriving the layer at those sizes; anything else is undecided.
 */
import { Command, Option } from "commander";
import { derive } from "../derive.js";
import { UsageError } from "../errors.js";
import { specFromFlags, type ConfigFlags } from "./derive.js";
import { writeAll, withNewlines } from "./output.js";
import { parseChoice, parseDims, parseInteger } from "./parse.js";

export const PROOFS_FORMAT = "convgrad.proofs/1";

export interface ProofRow {
  target: string;
  rule: string;
  status: "proved" | "fails" | "undecided";
  message?: string;
  counterexample?: { input: number[]; kernel: number[] };
}

export function proveCommand(): Command {
  const cmd = new Command("prove")
    .description(
      "prove the engine's closed-form rules (Y, ΔX, ΔW) for every input and kernel size, with the SMT solver Z3",
    )
    .option("--dims <d>", "number of spatial axes, 1-3", "2")
    .option("--op <op>", "conv (true convolution) | xcorr (cross-correlation, PyTorch's conv2d)", "conv")
    .option("--stride <s>", "stride, one for every axis or per axis (2 or 2x1)", "1")
    .option(
      "--padding <p>",
      "valid | full | integers, lo:hi per axis (1, 0:1, 1x0:2); not same (its split depends on the kernel size)",
      "valid",
    )
    .option("--dilation <d>", "dilation, one for every axis or per axis", "1")
    .addOption(new Option("--format <f>", "text | json (convgrad.proofs/1) | markdown | latex").default("text"))
    .option("--timeout <s>", "seconds the solver may spend on one rule; after it, undecided", "20")
    .addHelpText(
      "after",
      "\nExit code: 0 when every rule is proved, 1 when one fails or is undecided, 2 on a usage error.",
    );
  cmd.action(
    async (o: {
      dims: string;
      op: string;
      stride: string;
      padding: string;
      dilation: string;
      format: string;
      timeout: string;
    }) => {
      const format = parseChoice("--format", o.format, ["text", "json", "markdown", "latex"] as const);
      const dims = parseDims(o.dims);
      const timeoutMs = parseInteger("--timeout", o.timeout, 1) * 1000;
      if (o.padding === "same")
        throw new UsageError(
          "--padding",
          "same is not proved for every size: its lo:hi split depends on the kernel size's parity; give lo:hi amounts",
        );
      const ones = new Array<string>(dims).fill("1").join("x");
      const flags = {
        input: ones,
        kernel: ones,
        op: o.op,
        indexBase: "0",
        stride: o.stride,
        padding: o.padding,
        dilation: o.dilation,
      } as unknown as ConfigFlags;
      const spec = specFromFlags(flags);
      const { symbolicLayer } = await import("../verify/allsizes.js");
      const { input: _i, kernel: _k, ...base } = spec;
      const layer = symbolicLayer({ ...base, bias: false }, dims);
      if (typeof layer === "string") throw new UsageError("prove", layer);
      const { proveClosedForms, closeProver } = await import("../verify/prove.js");
      const proofs = await proveClosedForms(layer, { timeoutMs });
      await closeProver();
      const rows: ProofRow[] = proofs.map(({ target, rule, outcome }) => {
        if (outcome.status === "holds") return { target, rule, status: "proved" };
        if (outcome.status === "candidate") {
          // the engine at those sizes decides: its own check of the rule
          const d = derive({ ...base, bias: false, input: outcome.input, kernel: outcome.kernel });
          const chk = d.checks.find((c) => c.target === target);
          const where = { input: outcome.input, kernel: outcome.kernel };
          if (chk && chk.holds === false)
            return {
              target,
              rule,
              status: "fails",
              message: `fails at input ${outcome.input.join("×")}, kernel ${outcome.kernel.join("×")}`,
              counterexample: where,
            };
          return {
            target,
            rule,
            status: "undecided",
            message: `the solver's counterexample at input ${outcome.input.join("×")}, kernel ${outcome.kernel.join("×")} is not confirmed by the engine (please report)`,
          };
        }
        return { target, rule, status: "undecided", message: outcome.message };
      });
      const layerText = `${layer.op === "conv" ? "true convolution" : "cross-correlation"}, ${dims} ${dims === 1 ? "axis" : "axes"}, stride ${o.stride}, padding ${o.padding}, dilation ${o.dilation}`;
      await writeAll(withNewlines(proofLines(rows, layerText, format)));
      process.exitCode = rows.every((r) => r.status === "proved") ? 0 : 1;
    },
  );
  return cmd;
}

const NAMES: Record<string, string> = { Y: "Y", dX: "ΔX", dW: "ΔW" };

export function* proofLines(
  rows: readonly ProofRow[],
  layer: string,
  format: "text" | "json" | "markdown" | "latex",
): Generator<string> {
  if (format === "json") {
    yield JSON.stringify({ format: PROOFS_FORMAT, layer, results: rows }, null, 1).replace(/\n\s*/g, " ");
    return;
  }
  if (format === "markdown") {
    yield `| target | rule | for every size |`;
    yield `|---|---|---|`;
    for (const r of rows)
      yield `| ${NAMES[r.target]} | \`${r.rule}\` | ${r.status}${r.message ? `: ${r.message}` : ""} |`;
    return;
  }
  if (format === "latex") {
    yield "\\begin{tabular}{lll}";
    yield "target & rule & for every size \\\\ \\hline";
    for (const r of rows)
      yield `${r.target === "Y" ? "$Y$" : r.target === "dX" ? "$\\Delta X$" : "$\\Delta W$"} & \\texttt{${latexText(r.rule)}} & ${r.status} \\\\`;
    yield "\\end{tabular}";
    return;
  }
  yield `convgrad prove: ${layer} — every input and kernel size`;
  for (const r of rows) {
    yield `  ${r.rule}`;
    yield `      ${r.status}${r.message ? `: ${r.message}` : r.status === "proved" ? " (Z3: both sides count every product of entries with the same coefficient, at every size)" : ""}`;
  }
  const proved = rows.filter((r) => r.status === "proved").length;
  yield `${proved} proved, ${rows.length - proved} not proved`;
}

function latexText(s: string): string {
  return s
    .replace(/[\\{}_^&%$#]/g, (c) => `\\${c}`)
    .replace(/Δ/g, "$\\Delta$")
    .replace(/⋆/g, "$\\star$")
    .replace(/−/g, "-");
}
