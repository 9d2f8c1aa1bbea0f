/** `convgrad verify [FILE...|-] [--expr "..."]`: check a textbook's formulas against the engine. */
import { Command, CommanderError, Option } from "commander";
import { readFileSync } from "node:fs";
import { UsageError } from "../errors.js";
import type { VerifyInput, VerifyResult } from "../verify/run.js";
import { addConfigOptions, refuseGiven, specFromFlags, type ConfigFlags } from "./derive.js";
import { withNewlines, writeAll } from "./output.js";
import { parseChoice, parseDims, parseInteger, parsePoints } from "./parse.js";

function readStdin(): string {
  try {
    return readFileSync(0, "utf8");
  } catch (e) {
    throw new UsageError("-", `cannot read standard input (${(e as Error).message})`);
  }
}

function readInput(name: string): VerifyInput {
  if (name === "-") return { file: "-", text: readStdin(), mode: "auto" };
  let text: string;
  try {
    text = readFileSync(name, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      name,
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory, not a file"
          : `cannot read (${code ?? (e as Error).message})`,
    );
  }
  return { file: name, text, mode: "auto" };
}

export function verifyCommand(): Command {
  const cmd = new Command("verify")
    .description("check formulas (plain or LaTeX, e.g. a slide deck's) against the derivation, and pinpoint each error")
    .argument("[files...]", "files to check (LaTeX, Markdown or one formula per line); - reads standard input")
    .addHelpText(
      "after",
      `
Examples:
  convgrad verify --input 3x3 --kernel 2x2 docs/examples/lecture-summary.tex
  convgrad verify --input 3x3 --kernel 2x2 --expr "\\delta x_{22} = \\delta y_{11} w_{11} + \\delta y_{22} w_{22}"
  convgrad verify --input 3x3 --kernel 2x2 --expr "ΔX = Rot180(W) *full ΔY" --format json
  convgrad verify --all-sizes --dims 2 --expr "ΔW = Rot180(ΔY) * X"     the smallest sizes where it fails
  convgrad verify --all-sizes --dims 1 --op xcorr --index-base 0 --expr "\\delta x_{i} = \\sum_m \\delta y_{i-m} w_{m}"
                                                                  proved for every size (Z3), or a counterexample

Exit code: 0 when every checked equation holds (undecided does not fail), 1 when one fails, 2 on a
parse or usage error or an equation beyond a limit (nested > 100 levels), 70 on a bug in convgrad
(--debug prints its stack). With channels or batch, entries (x_{c,i,j} = …) and feature maps by channel
index (ΔX[n,c] = Σ_o …) are checked; formulas between whole tensors (ΔX = …) are skipped.`,
    );
  addConfigOptions(cmd);
  cmd
    .option("--expr <formula>", "check this formula (may be given several times)", (v: string, prev: string[] = []) => [
      ...prev,
      v,
    ])
    .addOption(new Option("--format <f>", "text | json (convgrad.verify/1)").default("text"))
    .option("--points <n>", "exact random points when a formula is too large to expand: 10", "5")
    .option(
      "--roles <list>",
      'what the source\'s names mean: "X=o^{l-1}, W=w^l, Y=x^l, loss=E" (roles X, W, Y, b, loss, Z, A, dX, dW, dY, db, dZ, dA)',
    )
    .option("--sizes <list>", 'size names the source uses: "M=5, N=4, k_1=3"')
    .option("--color <when>", "auto | always | never", "auto")
    .option(
      "--all-sizes",
      "check every input and kernel size up to --max-size (smallest first): the smallest counterexample, or undecided (a search, not a proof); with --dims, no --input/--kernel",
    )
    .option("--dims <d>", "with --all-sizes: the number of spatial axes, 1-3: 2")
    .option(
      "--max-size <n>",
      "with --all-sizes: the largest input and kernel size per axis (default 8, 5, 3 for 1, 2, 3 axes)",
    )
    .option(
      "--timeout <s>",
      "with --all-sizes: seconds the solver may spend proving one equation; after it, undecided",
      "10",
    );
  cmd.action(
    async (
      files: string[],
      o: ConfigFlags & {
        expr?: string[];
        format: string;
        points: string;
        color: string;
        roles?: string;
        sizes?: string;
        allSizes?: boolean;
        dims?: string;
        maxSize?: string;
        timeout: string;
      },
    ) => {
      const format = parseChoice("--format", o.format, ["text", "json"] as const);
      const colorWhen = parseChoice("--color", o.color, ["auto", "always", "never"] as const);
      const points = parsePoints(o.points);
      let allSizes: {
        dims: number;
        bound: { maxInput: number; maxKernel: number };
        budget: { checks: number };
        timeoutMs: number;
      } | null = null;
      if (o.allSizes) {
        refuseGiven(cmd, ["input", "kernel"], "does not apply to --all-sizes (every size up to --max-size is tried)");
        const dims = parseDims(o.dims);
        const max = parseInteger("--max-size", o.maxSize ?? String([8, 5, 3][dims - 1]), 1);
        // the search derives every combination: bound it before starting (max^(2·dims) layers)
        if (max ** (2 * dims) > 20_000)
          throw new UsageError(
            "--max-size",
            `${max} gives ${max ** (2 * dims)} size combinations for ${dims} axes, more than 20000; give a smaller bound`,
          );
        const { MAX_CHECKS } = await import("../verify/allsizes.js");
        const timeoutMs = parseInteger("--timeout", o.timeout, 1) * 1000;
        allSizes = { dims, bound: { maxInput: max, maxKernel: max }, budget: { checks: MAX_CHECKS }, timeoutMs };
        o = { ...o, input: new Array(dims).fill("1").join("x"), kernel: new Array(dims).fill("1").join("x") };
      } else {
        refuseGiven(cmd, ["dims", "maxSize", "timeout"], "applies to --all-sizes only");
      }
      const inputs: VerifyInput[] = [];
      for (const f of files) inputs.push(readInput(f));
      for (const [i, e] of (o.expr ?? []).entries())
        inputs.push({ file: (o.expr ?? []).length > 1 ? `--expr#${i + 1}` : "--expr", text: e, mode: "plain" });
      if (inputs.length === 0)
        throw new UsageError("verify", 'nothing to check: give a FILE, - for standard input, or --expr "..."');
      // The formula language (nearley grammar) loads only when verify runs: other commands start faster.
      const { exitCode, summarize, verifyDocument } = await import("../verify/run.js");
      const { declareRoles, declareSizes, fileDirectives } = await import("../verify/declare.js");
      const { Notation } = await import("../verify/roles.js");
      const { jsonChunks, textLines } = await import("../verify/report.js");
      const results: VerifyResult[] = [];
      const explicit = (flag: string) => cmd.getOptionValueSource(flag) === "cli";
      for (const inp of inputs) {
        // a `% convgrad: …` line in the file: its flags, where the command line did not give them
        const own = fileDirectives(inp.text);
        let flags: typeof o = o;
        if (own.length > 0) {
          const sub = addConfigOptions(
            new Command("convgrad:").exitOverride().configureOutput({ writeErr: () => {} }),
            false,
          )
            .option("--roles <list>")
            .option("--sizes <list>")
            .allowExcessArguments(false);
          try {
            sub.parse(own, { from: "user" });
          } catch (e) {
            if (!(e instanceof CommanderError)) throw e;
            throw new UsageError(`${inp.file}: % convgrad:`, e.message.replace(/^error: /, ""));
          }
          const fileFlags = sub.opts<typeof o>();
          flags = { ...o };
          for (const [k, v] of Object.entries(fileFlags))
            if (!explicit(k) && sub.getOptionValueSource(k) === "cli")
              (flags as unknown as Record<string, unknown>)[k] = v;
        }
        // the layer: the command line's, completed by the file's own line (which may give --input and --kernel)
        const fileSpec = specFromFlags(
          own.length > 0 && allSizes ? { ...flags, input: o.input, kernel: o.kernel } : flags,
        );
        let notation = Notation.defaults();
        if (flags.roles !== undefined) notation = declareRoles(notation, flags.roles);
        if (flags.sizes !== undefined) notation = declareSizes(notation, flags.sizes);
        const fixed = {
          op: explicit("op") || (own.length > 0 && own.includes("--op")),
          indexBase: explicit("indexBase") || (own.length > 0 && own.includes("--index-base")),
        };
        if (allSizes) {
          const { verifyAllSizesProved } = await import("../verify/allsizes.js");
          const { input: _i, kernel: _k, ...base } = fileSpec;
          results.push(
            ...(await verifyAllSizesProved(
              base,
              allSizes.dims,
              allSizes.bound,
              inp,
              { points, notation, fixed },
              allSizes.budget,
              allSizes.timeoutMs,
            )),
          );
        } else results.push(...verifyDocument(fileSpec, inp, { points, notation, fixed }));
      }
      if (allSizes) await (await import("../verify/prove.js")).closeProver();
      // nothing to check is said, never a silent success
      if (inputs.every((i) => i.text.trim().length === 0))
        throw new UsageError(inputs.length === 1 ? inputs[0]!.file : "verify", "the input is empty: nothing to check");
      const summary = summarize(results);
      if (format === "json") await writeAll(jsonChunks(results, summary));
      else {
        const color =
          colorWhen === "always" || (colorWhen === "auto" && process.stdout.isTTY === true && !process.env.NO_COLOR);
        await writeAll(withNewlines(textLines(results, summary, color)));
      }
      process.exitCode = exitCode(summary);
      if (results.length === 0) {
        process.stderr.write(
          "convgrad: verify found no equation to check (no math with =; plain formula files need one formula per line)\n",
        );
        process.exitCode = 1;
      }
    },
  );
  return cmd;
}
