/**
 * verify over whole inputs: split each document into equations, parse each (a parse error is
 * that equation's verdict, the others are still checked), check each against one derivation.
 */
import { normalizeConfig, type LayerConfig, type LayerSpec } from "../conv/config.js";
import { derive, type Derivation } from "../derive.js";
import { children, findNode, indexedNames, indexOfNode, mapChildren, type Node } from "../lang/ast.js";
import { clip, printNode } from "../lang/print.js";
import { hasDelimitedMath, LineIndex, splitDocument, type EquationSource } from "../lang/document.js";
import { AmbiguityError, FormulaParseError, parseEquation } from "../lang/parse.js";
import {
  checkEquation,
  namersFor,
  summedLetters,
  verdict,
  type CheckOptions,
  type Status,
  type Verdict,
} from "./check.js";
import type { EntryReport } from "./compare.js";
import { NotationError } from "./evaluate.js";
import { DegreeError, LimitError, NestingError, UsageError } from "../errors.js";
import { CLAIM_LESSONS, learn, swappedInputKernel, withoutExtra, type LayerChoice } from "./learn.js";
import {
  assertDegree,
  assertNesting,
  assertTextDegree,
  assertTextNesting,
  bracketDepth,
  MAX_NESTING,
} from "./nesting.js";
import { firstRef } from "./hints.js";
import { kroneckerEvidence } from "./kronecker.js";
import { paddedInputs } from "./padded.js";
import { glossaryRoles } from "./glossary.js";
import { LexError, tokenize, type Tok } from "../lang/lexer.js";
import { IndexSyntaxError, parseIndexExpr, printIndex, type IExpr } from "../lang/indexexpr.js";
import { documentIndexWords, withIndexWords } from "../lang/group.js";
import { Notation, resolve, roleOf } from "./roles.js";
import { layerSizes, learnProseSizes, learnShapes, sizeEquation } from "./sizes.js";
import { asInstance, generalForms } from "./instance.js";
import { channelSuperscripts, sampleSuperscripts, superscriptIndices, taggedChannels } from "./channels.js";
import { anotherLayersRow, anotherLayersSection, EXAMPLE_NEAR, exampleMatrix } from "./elsewhere.js";
import { indexRelation, type Relation } from "./relations.js";
import { labelledEquations } from "./underbrace.js";

export interface VerifyResult {
  file: string;
  line: number;
  column: number;
  source: string;
  status: Status;
  /** proof: proved for every size (verify --all-sizes). */
  method: "structural" | "numeric" | "proof" | null;
  message: string;
  entries: EntryReport[];
  details: string[];
  /** verify --all-sizes: the smallest sizes at which the equation fails. */
  counterexample?: { input: number[]; kernel: number[] };
}

export interface VerifyInput {
  /** Name shown in results ("-" for stdin, "--expr"). */
  file: string;
  text: string;
  /** plain: every line is math; auto: only delimited math when the text has any. */
  mode: "auto" | "plain";
}

const EQUALS = /=|\\stackrel|\\triangleq|\\coloneqq|≜|≝/;
/** A number stated for a one-letter name (H = 5, S = 1): a size, or a worked example's value. */
const STATED_NUMBER = /^(?:\s|~|\\[,;:!]|\\quad)*([A-Za-z])\s*=\s*([0-9]+)\s*$/;
/** How many lines after "the special case S = 1" its formulas may start (its display, right after the sentence). */
const OTHER_CONFIG_NEAR = 6;
/** check's message for a side whose shape is not the other side's. */
const SHAPE_MISMATCH = /^shape mismatch\b/;

/** A parse error as this equation's verdict (line:column in the file, the token, what was expected). */
function parseErrorVerdict(e: unknown, eq: EquationSource, lines: LineIndex): Verdict {
  if (e instanceof FormulaParseError) {
    const off = eq.offsets[Math.min(e.offset, eq.offsets.length - 1)] ?? 0;
    const at = e.offset >= eq.text.length ? lines.at((eq.offsets[eq.offsets.length - 1] ?? 0) + 1) : lines.at(off);
    return {
      status: "error",
      method: null,
      message: `parse error at ${at.line}:${at.column}: unexpected ${e.found}${e.expected.length ? `; expected ${e.expected.join(" or ")}` : ""}`,
      entries: [],
      details: [],
    };
  }
  if (e instanceof AmbiguityError || e instanceof NestingError || e instanceof DegreeError)
    return { status: "error", method: null, message: e.message, entries: [], details: [] };
  throw e;
}

/**
 * A limit of convgrad's that checking one equation reached (a coefficient overflow, an expansion
 * budget) or a formula that is undefined (1/0) is that equation's verdict "error"; any other
 * exception is a bug and is not caught here.
 */
function checkErrorVerdict(e: unknown): Verdict {
  if (e instanceof LimitError || e instanceof NotationError)
    return { status: "error", method: null, message: e.message.replace(/\s*\n\s*/g, " "), entries: [], details: [] };
  throw e;
}

export interface DocumentOptions extends CheckOptions {
  /** Flags the user gave explicitly (the document does not override them): --op, --index-base. */
  fixed?: { op: boolean; indexBase: boolean };
  /**
   * Sees each parsed equation (by its index among the results) as it is checked, with the learned notation (verify
   * --all-sizes' proofs).
   */
  inspect?: (i: number, sides: readonly Node[], check: CheckOptions) => "skip" | void;
}

/**
 * A whole document against a layer: its notation is learned first (src/verify/learn.ts), the layer
 * derived with what the document teaches (op, index base, bias) unless the flags fixed it, then
 * every equation is checked; the equations that taught something are reported as definitions.
 */
export function verifyWith(
  derivationFor: (l: LayerChoice) => Derivation,
  layer: LayerChoice,
  input: VerifyInput,
  opts: DocumentOptions,
): VerifyResult[] {
  const lines = new LineIndex(
    input.text.includes("\r") ? input.text.replace(/\r\n/g, " \n").replace(/\r/g, "\n") : input.text,
  );
  const strict = input.mode === "plain" || !hasDelimitedMath(input.text);
  const pieces = splitDocument(input.text, input.mode);
  // In a LaTeX / Markdown document, math without `=` is notation inside prose: not reported.
  const eqs = pieces.filter((eq) => strict || EQUALS.test(eq.text));
  // Z^{(l,p)} = Σ_d W^{(l,p,d)} ⊗ X^{(l-1,d)} on a layer without channels: read for its one channel
  const oneChannel = !derivationFor(layer).config.hasChannels;
  const batched = derivationFor(layer).config.batch !== null;
  const channelNotes = new Map<number, string>();
  const noteChannels = (i: number, what: string) =>
    channelNotes.set(i, channelNotes.has(i) ? `${channelNotes.get(i)!}; ${what}` : what);
  // m_i, the example's index of Z^{(m_i)}: m, the letter it is numbered by, is the batch's size
  const exampleLetters = new Set<string>();
  // \sum_{ch=1} in one equation: ch is one index name in every equation of the document
  const words = documentIndexWords(input.text);
  const parsed = withIndexWords(words, () =>
    eqs.map((eq, i) => {
      // (Leon's &δ_{1,2} = Σ_{x'} Σ_{y'} … &x' \in [0,1]: ranges beside it bounding its bare sums, put under them)
      const under = rangedSums(eq.text);
      const read = asWritten(under?.text ?? eq.text);
      if (under) read.notes.push(`read with the ranges written beside it (${under.said}) as its sums' bounds`);
      // (its rows joined by no written operator: not all there, so it teaches nothing either)
      if (eq.unjoined) return { sides: null, error: null as unknown, notes: read.notes };
      try {
        let sides = parseBounded(eq.text, read.text);
        const sampled = batched ? sampleSuperscripts(sides) : null;
        if (sampled) {
          sides = sampled.sides;
          for (const l of sampled.letters) exampleLetters.add(l);
          noteChannels(
            i,
            `read with the example ${sampled.letters.join(", ")} from the superscripts as the first index`,
          );
        }
        const placed = oneChannel ? null : (superscriptIndices(sides) ?? channelSuperscripts(sides));
        if (placed) {
          sides = placed.sides;
          noteChannels(i, `read with ${placed.letters.join(", ")} from the superscripts as the first indices`);
        }
        const tagged = oneChannel ? taggedChannels(sides) : null;
        if (tagged) {
          sides = tagged.sides;
          noteChannels(
            i,
            `read for ${[
              ...(tagged.letters.length ? [`the layer's one channel: ${tagged.letters.join(", ")}`] : []),
              ...(tagged.samples.length ? [`one sample: ${tagged.samples.join(", ")}`] : []),
            ].join("; ")} in the superscripts (and their sums) dropped`,
          );
        }
        return { sides, error: null as unknown, notes: read.notes };
      } catch (e) {
        // the equation's own fault, reported as its verdict below; anything else is a bug
        if (formulaFault(e)) return { sides: null, error: e, notes: read.notes };
        throw e;
      }
    }),
  );
  // (a piece nested too deeply to read is not read for shapes either: its equation's verdict says why)
  const texts = pieces.map((p) => p.text).filter((t) => bracketDepth(t) <= MAX_NESTING);
  // stated shapes (X ∈ ℝ^{M×N}) bind size names that sums use: before learning, and again after
  let notation = learnShapes(texts, opts.notation ?? Notation.defaults(), derivationFor(layer));
  notation = learnProseSizes(input.text, notation, derivationFor(layer));
  // Y = W * X with W the matrix slid over (its entries run past the kernel) and X the one that slides
  const swapped = swappedInputKernel(
    parsed.map((p) => p.sides),
    derivationFor(layer),
    notation,
  );
  if (swapped) notation = swapped;
  // x^{pad} of an input named before learning (convgrad's x, a declared one), so no forward pass learns it unpadded
  const used = usedNames(parsed);
  notation = paddedInputs(notation, used, derivationFor(layer));
  const batch = derivationFor(layer).config.batch;
  for (const l of exampleLetters) {
    const m = /^([A-Za-z])_/.exec(l);
    if (m && batch !== null && notation.sizes.get(m[1]!) === undefined && notation.role(m[1]!) === undefined)
      notation = notation
        .withSize(m[1]!, batch)
        .withReading(m[1]!, `${m[1]} is the number of examples, ${batch} (the ${l} of Z^{(${l})} counts them)`);
  }
  const aliases = strict ? new Map<number, string>() : outputGradientAliases(input.text, eqs);
  for (const [i, name] of aliases) {
    if (notation.role(name) === undefined)
      notation = notation.withName(name, "dY", {
        what: `${name} = grad_out, the output gradient (ΔY)`,
        line: eqs[i]!.line,
      });
  }
  const fixed = opts.fixed ?? { op: true, indexBase: true };
  const equations = parsed.map((p, i) => ({ sides: p.sides, line: eqs[i]!.line }));
  // A_{ij} = σ(\underbrace{…}_{Z_{ij}}): the equations its label states, for learning only (never a verdict)
  const labelled = withIndexWords(words, () =>
    eqs.flatMap((eq) =>
      labelledEquations(eq.text).flatMap((text) => {
        try {
          return [{ sides: parseBounded(text, asWritten(text).text), line: eq.line }];
        } catch (e) {
          if (formulaFault(e)) return [];
          throw e;
        }
      }),
    ),
  );
  const taughtAll = learn([...equations, ...labelled], notation, {
    derivation: derivationFor,
    layer,
    fixed,
    points: opts.points,
    equations,
  });
  const learned = withoutExtra(taughtAll, equations.length);
  /** Line → what its labelled parts taught (said in its verdict's details). */
  const labelLessons = new Map<number, string>();
  for (const [k, what] of taughtAll.taught) {
    const line = labelled[k - equations.length]?.line;
    if (line !== undefined)
      labelLessons.set(line, `${labelLessons.has(line) ? `${labelLessons.get(line)!}; ` : ""}${what}`);
  }
  const generals = generalForms(equations);
  const d = derivationFor(learned.layer);
  notation = learnShapes(texts, learned.notation, d).withTagAliases(used);
  notation = paddedInputs(notation, used, d);
  // roles named in the words ("$$O$$ = output", "where $t$ is the bias"): after what the formulas teach, never
  // over it
  if (!strict) notation = glossaryRoles(input.text, notation, indexLetters(parsed));
  const layout = gradientLayout(input.text);
  if (layout) notation = notation.withGradientLayout(layout.layout, layout.said);
  const kronecker = kroneckerEvidence(input.text, equations, notation);
  if (kronecker)
    notation = notation
      .withKronecker(kronecker)
      .withReading("\\delta", `δ_{a,b} is read as the Kronecker delta [a = b]: ${kronecker}`);
  const namers = namersFor(d);
  // size equations name sizes only: no derivative, sum, gradient or convolution in them
  // H^l = H^{l-1} − k + 1 right after the strided forward pass it goes with (yizt's "其中"): about this layer
  const forwardLines = [...learned.kinds].filter(([, k]) => k.has("forward")).map(([k]) => eqs[k]!.line);
  const stridedForwardBefore = (line: number) =>
    d.config.stride.some((v) => v !== 1) ? forwardLines.find((f) => f <= line && line - f <= FORWARD_NEAR) : undefined;
  // "H_out = 1 + f(H_in, S[0], K[0]) … this way f = (H_in − K)/S" (the NYU homework's): f a function the document
  // applies to sizes, not the filter's size
  const applied = new Set([...input.text.matchAll(APPLIED_LETTER)].map((m) => m[1]!));
  const sizeVerdict = (text: string, line?: number) => {
    if (/\\partial|\\sum|\\delta|\\Delta|[*∂Σδ]|\\frac\s*\{\s*\\partial/.test(text)) return null;
    const lhs = /^\s*([a-z])\s*=/.exec(text)?.[1];
    if (lhs && applied.has(lhs))
      return verdict(
        "skipped",
        `not checked: ${lhs} is a function the document applies (${lhs}(…, …)), not one of this layer's sizes`,
      );
    return sizeEquation(text, d, notation, line === undefined ? undefined : stridedForwardBefore(line));
  };
  // (n_H = ⌊(n_{H_prev} − f + 2·pad)/stride⌋ + 1 bounds sums too, but it is a size equation: checked as one)
  const bounds = boundFormulas(input.text, eqs, (text) => sizeVerdict(text) !== null);
  const check: CheckOptions = {
    ...opts,
    sizes: layerSizes(d, notation.sizes),
    notation,
    ...(bounds.size ? { formulas: new Map([...bounds].map(([n, b]) => [n, { line: b.line, expr: b.expr }])) } : {}),
  };
  const relations = eqs.map((eq) => indexRelation(eq.text));
  const summation = summationConvention(input.text);
  const sourceLines = input.text.split("\n");
  // f'(z) = 1: the document sets the activation's derivative to 1 (its first such equation) — for every z: not a
  // case (ReLU'(z) = 1 if z > 0, for z > 0), nor at a number (σ'(0) = 1)
  const unitDerivative = parsed.findIndex(
    (p, k) =>
      p.sides?.length === 2 &&
      p.sides[0]!.k === "fn" &&
      p.sides[0].primes > 0 &&
      p.sides[0].arg.k !== "num" &&
      p.sides[1]!.k === "num" &&
      p.sides[1].n === 1 &&
      p.sides[1].d === 1 &&
      // (the source's whole line: a condition after \quad is a piece of its own)
      !/[<>≤≥]|\\(?:[gl]eq?|text|mbox|mathrm|forall)\b|\b(?:if|when|for|otherwise)\b|∀/.test(
        sourceLines[eqs[k]!.line - 1] ?? eqs[k]!.text,
      ),
  );
  // Y(i,j,k) = f(Z(i,j,k)) where Y is this layer's input and Z its output: the document names every layer's
  // activation Y, so an activation of the output is the next layer's input under this layer's input's name
  const crossLayer = parsed.findIndex((p) => p.sides !== null && inputIsActivationOfOutput(p.sides, notation));
  const activatedOutput = (sides: readonly Node[]) =>
    crossLayer >= 0 && findNode(sides, (m) => m.k === "fn" && isOutput(resolve(m.arg, notation))) !== null;
  // Z_{ijk} = Σ V_{l,j+m-1,k+n-1} K_{i,l,m,n} in a source whose layer is strided: the forward pass it
  // states for the unstrided layer first (Goodfellow eq. 9.7 before 9.8) is about another configuration
  const unstridedForward = (failed: Verdict, s: readonly Node[], o: CheckOptions): Verdict | null => {
    const stride = d.config.stride;
    const strided = stride.some((k) => k !== 1);
    const padded = d.config.padding.some(([lo, hi]) => lo !== 0 || hi !== 0);
    if (!strided || !writesOutput(s[0], o.notation ?? notation)) return null;
    // (Dou's appendix builds the strided, padded layer up: y[t] = Σ x[t+τ] w[τ] first, at stride 1 without
    // padding; a formula at the layer's stride without its padding is about this layer, and its slip fails)
    const pad = d.config.padding.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}:${hi}`)).join("×");
    const readings: { choice: Partial<LayerChoice>; words: string; not: string }[] = [
      { choice: { unstrided: true }, words: "at stride 1", not: `at its stride ${stride.join("×")}` },
      ...(padded
        ? [
            {
              choice: { unstrided: true, unpadded: true },
              words: "at stride 1 without padding",
              not: `at its stride ${stride.join("×")} with its padding ${pad}`,
            },
          ]
        : []),
    ];
    let stride1: { d: Derivation; v: Verdict } | null = null;
    for (const r of readings) {
      let d1: Derivation;
      try {
        d1 = derivationFor({ ...learned.layer, ...r.choice });
      } catch (e) {
        // (so read the layer may be beyond the size limits, or empty: then it stays the failure it is)
        if (e instanceof UsageError) continue;
        throw e;
      }
      let v1: Verdict;
      try {
        v1 = checkEquation(d1, s, { ...o, sizes: layerSizes(d1, notation.sizes) }, namersFor(d1));
      } catch (e) {
        v1 = checkErrorVerdict(e);
      }
      stride1 ??= { d: d1, v: v1 };
      if (v1.status !== "holds") continue;
      return {
        ...verdict(
          "skipped",
          `a forward pass for another configuration: it holds for this layer ${r.words}, not ${r.not}`,
        ),
        details: [`as the layer is: ${failed.message}`],
      };
    }
    // Y = W * X + b on a stride-2 layer (kimjiil's post): no stride written, its result has another shape than the
    // output's — what it is compared with is not written; at stride 1 it fails, but it is not about stride 1 either
    // (a chain O = W * X + b = (o_{11} … o_{22}): its first link, whose shape at stride 1 is what the stride changes)
    let at1 = stride1?.v;
    if (stride1 && s.length > 2 && at1?.status !== "holds") {
      try {
        at1 = checkEquation(
          stride1.d,
          s.slice(0, 2),
          { ...o, sizes: layerSizes(stride1.d, notation.sizes) },
          namersFor(stride1.d),
        );
      } catch (e) {
        at1 = checkErrorVerdict(e);
      }
    }
    if (SHAPE_MISMATCH.test(failed.message) && at1?.status === "fails" && !SHAPE_MISMATCH.test(at1.message))
      return {
        ...verdict(
          "skipped",
          `not checked: its convolution is written without this layer's stride ${stride.join("×")}, so its result is not the output's shape; write the stride (${d.config.op}(X, W, stride=${stride.every((k) => k === stride[0]) ? stride[0] : `(${stride.join(", ")})`})) to have it checked`,
        ),
        details: [`as the layer is: ${failed.message}`, `at stride 1: ${at1.message}`],
      };
    return null;
  };
  // "In the special case $S = 1$, the above equation reduces to" (nagarajankarthik's README): a size stated as a
  // number this layer does not have makes the formulas right after it about another configuration
  const otherConfig = eqs.flatMap((eq, i) => {
    const m = STATED_NUMBER.exec(eq.text);
    const has = m ? check.sizes?.(m[1]!) : undefined;
    if (m && has !== undefined && has !== Number(m[2]))
      return [{ line: eq.line, said: `${m[1]} = ${m[2]}`, has: String(has), near: OTHER_CONFIG_NEAR }];
    const ex = exampleMatrix(parsed[i]!.sides, notation, d);
    return ex ? [{ line: eq.line, ...ex, near: EXAMPLE_NEAR }] : [];
  });
  const results = eqs.flatMap((eq, i): VerifyResult | VerifyResult[] => {
    const base = { file: input.file, line: eq.line, column: eq.column, source: eq.written ?? eq.text };
    const taught = learned.taught.get(i);
    const p = parsed[i]!;
    // g(G, V, s) = ∂J/∂K = Σ …: the first link names a gradient, the links after it are a claim about it
    const claimAfter = taught !== undefined && onlyGradLesson(learned.kinds.get(i)) && (p.sides?.length ?? 0) > 2;
    // ∂x/∂w = ∂/∂w (Σ w z + b): the forward pass read from inside it, the equation still a claim
    const within = taught !== undefined && [...(learned.kinds.get(i) ?? [])].every((k) => CLAIM_LESSONS.has(k));
    const typo = [
      ...p.notes,
      ...(notation.readings.size && p.sides ? [...usedNames([p])].flatMap((n) => notation.readings.get(n) ?? []) : []),
      ...(within ? [`read so: ${taught}`] : []),
      ...(eq.written !== undefined ? [`read as Typst math, in LaTeX: ${eq.text}`] : []),
    ];
    if (eq.unjoined)
      return {
        ...base,
        ...verdict(
          "skipped",
          `not checked: the row on line ${eq.unjoined.line} (${clip(eq.unjoined.text, 40)}) continues it with no operator between them; write the + (or whatever joins them) at the break`,
        ),
      };
    if (taught && !claimAfter && !within) {
      const v = verdict("definition", `a definition: ${taught}`);
      return { ...base, ...v, details: [...v.details, ...typo] };
    }
    // nested too deeply to read at all: before the readers below, which parse indices recursively
    if (p.error instanceof NestingError || p.error instanceof DegreeError)
      return { ...base, ...parseErrorVerdict(p.error, eq, lines) };
    if (!EQUALS.test(eq.text.replace(/>=|<=|\\[gl]eq?(?![a-z])|≥|≤/g, ""))) {
      // x_{11 in a formula file: no = and no inequality either — its typo is the report
      const inequality = /[<>≤≥≠]|\\(?:[gl]eq?|neq)(?![a-z])/.test(eq.text);
      if (!inequality && !p.sides) return { ...base, ...parseErrorVerdict(p.error, eq, lines) };
      return {
        ...base,
        ...verdict("skipped", inequality ? "not an equation: an inequality" : "not an equation (no =)"),
      };
    }
    const alias = aliases.get(i);
    if (alias !== undefined)
      return {
        ...base,
        ...verdict("definition", `a definition: ${alias} is the output gradient ΔY (grad_out, in the code's words)`),
      };
    // Let $G = $ grad\_out: the right-hand side is in prose
    if (!strict && /=\s*$/.test(eq.text))
      return {
        ...base,
        ...verdict(
          "skipped",
          "not an equation: nothing follows its = (the rest is prose; write it as math to check it)",
        ),
      };
    // Leon's rows `&δ^l_{1,2} = Σ_{x'} Σ_{y'} … &x' \in [0,1],y' \in [0,2]`: ranges written beside the formula, in a
    // column of their own, bound its sums (a row copied with the wrong range is his mistake): not read, so no verdict
    // when a ranged name is in the formula; a range of a name it does not use (the rows above, in numbers) says nothing
    const ranged = rangesBeside(eq.text);
    if (ranged && !rangedSums(eq.text) && ranged.names.some((n) => usesName(ranged.formula, n)))
      return {
        ...base,
        ...verdict(
          "skipped",
          `not checked: the ranges written beside it (${ranged.said}) are not read — they may bound its sums; write them under the Σ (\\sum_{${ranged.names[0]}=…}^{…}) to have it checked`,
        ),
      };
    if (/\\i+nt(?![A-Za-z])|∫/.test(eq.text))
      return { ...base, ...verdict("skipped", "not about this layer: an integral (a continuous convolution)") };
    // n_C = \text{number of filters used in the convolution}: a name defined in words
    const words = /^\s*([A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?)\s*=\s*\\(?:text|textrm|mbox)\{([^{}]*)\}\s*[.,]?\s*$/.exec(
      eq.text,
    );
    if (words)
      return {
        ...base,
        ...verdict("definition", `a definition in words: ${words[1]} is "${words[2]!.trim()}" (nothing to check)`),
      };
    const bound = [...bounds.values()].find((b) => b.eq === i);
    if (bound)
      return {
        ...base,
        ...verdict(
          "definition",
          bound.expr
            ? `a definition: ${bound.name}, a bound of the sums, is ${printIndex(bound.expr)} (put in where the sums use it)`
            : `a definition: ${bound.name}, a bound of the sums, is a formula convgrad cannot read (the sums that use it are not checked)`,
        ),
      };
    if (/\+\s*=/.test(eq.text))
      return {
        ...base,
        ...verdict("skipped", "not checked: an accumulation (+=) inside a loop; write the sum it accumulates"),
      };
    const size = sizeVerdict(eq.text, eq.line);
    if (size) return { ...base, ...size };
    // (H=5, W=5): a number stated for a one-letter name is a worked example's size, not the tensor W
    const stated = STATED_NUMBER.exec(eq.text);
    if (stated)
      return {
        ...base,
        ...verdict(
          "skipped",
          `not checked: ${stated[1]} = ${stated[2]} states a number for a name (a size or a worked example's value)`,
        ),
      };
    // i' = i + m, m' = k - 1 - m: a relation between indices, not a formula about the layer
    if (!p.sides && (relations[i] || /^\s*[a-z](?:'|\^\{?\\prime\}?)+\s*=\s*[a-z0-9'+\-\s]+$/.test(eq.text)))
      return { ...base, ...verdict("skipped", "not about this layer: a relation between indices") };
    // a case split that is not one non-zero row under conditions joined by "and": not read, and said
    if (
      !p.sides &&
      p.error instanceof FormulaParseError &&
      /\\begin\s*\{cases\}/.test(eq.text) &&
      /\\begin/.test(p.error.message)
    )
      return {
        ...base,
        ...verdict(
          "skipped",
          "not checked: a case split is read only as one non-zero row whose conditions are relations joined by and (∧, \\land, \\cap, commas); write the other rows as 0 or the conditions as such relations",
        ),
      };
    // jackti's ∂z/∂a = \left\{ \begin{aligned} 1 \qquad a = max \\ 0 \qquad a ≠ max \end{aligned} \right.: a case split
    // opened by a brace, its rows split apart — one row is no claim
    // (a brace opening a system of equations, silenceluo's \left\{ Y_{00} = … \\ Y_{01} = …, is no right side)
    if (/=\s*\\left\s*(?:\\\{|\\lbrace)/.test(eq.text) && !/\\right\s*(?:\\\}|\\rbrace)/.test(eq.text))
      return {
        ...base,
        ...verdict(
          "skipped",
          "not checked: a case split opened by \\left\\{ is not read; write it as \\begin{cases} … \\end{cases} with one non-zero row",
        ),
      };
    if (!p.sides) return { ...base, ...parseErrorVerdict(p.error, eq, lines) };
    // δ^{l-1}_{1,2} = Σ_i Σ_j δ^l_{i,j} W_{i'-i,j'-j} after δ^{l-1}_{i',j'} = …: a row of the general form
    if (activatedOutput(p.sides))
      return {
        ...base,
        ...verdict(
          "skipped",
          `not about this layer: an activation of its output is the next layer's input, which the document names as it names this layer's input (line ${eqs[crossLayer]!.line}: ${printNode(parsed[crossLayer]!.sides![0]!)} = ${printNode(parsed[crossLayer]!.sides![1]!)}); write the layers apart (layer superscripts) to check it`,
        ),
      };
    const instance = claimAfter ? null : asInstance(p.sides, generals[i]!);
    const sides = claimAfter ? p.sides.slice(1) : (instance?.sides ?? p.sides);
    const { notation: nt, shift } = chooseShift(sides, notation);
    const near = relationsAround(relations, i);
    const opt1 = shift === 0 ? check : { ...check, notation: nt };
    const opt0 = summation && summation.line <= eq.line ? { ...opt1, summation: summation.said } : opt1;
    const opt = near.length ? { ...opt0, relations: near } : opt0;
    if (opts.inspect?.(i, sides, opt0) === "skip") return { ...base, ...verdict("skipped", "read, not checked") };
    // (checked before the engine, for the whole and for each step of a chain)
    const mixedVerdict = (s: readonly Node[]): Verdict | null => {
      const mixed = mixedLayers(s, opt.notation ?? notation);
      return mixed
        ? verdict(
            "skipped",
            `not checked: it mixes layers: ${mixed}, which the document's forward passes each make this layer's; write it for one layer to have it checked`,
          )
        : null;
    };
    // Charmve's δ_{11} = ∂E/∂net_{i_{11}} = …, his δ elsewhere the output's gradient: the document's name for one
    // gradient set equal to another tensor's names it anew here — not read as a claim about the first
    const renamed = renamedGradient(sides, opt.notation ?? notation);
    if (renamed)
      return {
        ...base,
        ...verdict(
          "skipped",
          `not checked: ${renamed}; the name stands for two gradients in the document — write another name for one of them`,
        ),
        details: typo,
      };
    let v: Verdict;
    try {
      v = mixedVerdict(sides) ?? checkEquation(d, sides, opt, namers);
    } catch (e) {
      v = checkErrorVerdict(e);
    }
    // a step is read with the letters the whole chain's sums bind (Leonhwa's ∂C/∂b_{x,y} = Σ_x Σ_y δ_{x,y} = δ_{x,y})
    const chainOpt = { ...opt, summed: summedLetters(sides) };
    const checkSides = (s: readonly Node[], n?: Notation): Verdict => {
      try {
        return mixedVerdict(s) ?? checkEquation(d, s, n ? { ...chainOpt, notation: n } : chainOpt, namers);
      } catch (e) {
        return checkErrorVerdict(e);
      }
    };
    if (claimAfter) {
      // zxRobot's δ^l = ∂C/∂z^l = ∂C/∂z^{l+1} ∂z^{l+1}/∂z^l = … = δ^{l+1} * rot180(W^{l+1}): a link convgrad cannot
      // read (a Jacobian) stops the chain as a whole, but every link claims the left side's value, and one that
      // differs from it makes the chain false
      v = failingLink(sides, v, checkSides) ?? v;
      const a = afterDefinition(taught, v);
      return { ...base, ...a, details: [...a.details, ...typo] };
    }
    if (v.status === "fails") v = unstridedForward(v, sides, opt) ?? v;
    // Silpasuwanchai's ∂L/∂o_i = 1 (his loss is Σ o_i): the output's gradient is what the loss makes it, a value the
    // source states, not one the layer decides
    if (v.status === "fails" && statesOutputGradient(sides, opt.notation ?? notation))
      v = verdict(
        "skipped",
        "not checked: it states the value of the output's gradient, which the loss decides, not the layer (convgrad keeps it a symbol)",
      );
    // y_{11} = 3, x_{11} = 6 (a worked example's numbers, master-g's Z[0,0] = … = 5): convgrad's entries are symbols,
    // so a side that is only a number (other than 0 or 1, which formulas state: ∂z/∂b = 1) is arithmetic, not a claim
    // (4 − 2/1 + 1 = 5, numbers on every side, is arithmetic convgrad checks exactly: it stays as it is)
    if (v.status === "fails" && sides.some((x) => numeric(x) && !zeroOrOne(x)) && !sides.every(numeric))
      v = {
        ...verdict(
          "skipped",
          "not checked: a side is a number, a worked example's value; convgrad checks formulas in the layer's symbols, not numbers",
        ),
        details: [`as symbols: ${v.message}`],
      };
    // Leon's "σ′(z^l_{x,y}) = 1" (a conv layer "usually has no activation"): after the document sets the
    // activation's derivative to 1, a formula that fails with it as a symbol is read with it 1 — δ, the
    // pre-activation's gradient, is then the input's own
    const unit = unitDerivative >= 0 && eqs[unitDerivative]!.line < eq.line ? eqs[unitDerivative]! : null;
    if (v.status === "fails" && unit) {
      const read = withUnitDerivative(sides, opt.notation ?? notation);
      if (read) {
        const w = checkSides(read.sides.slice(), read.notation);
        if (w.status === "holds" || w.status === "fails")
          v = {
            ...w,
            details: [...w.details, `read with the activation's derivative 1, as line ${unit.line} sets it`],
          };
      }
    }
    // Stnamjef's z^l_{ij} = 1/(m×n) Σ_x Σ_y a^{l-1}_{x+i,y+j}: the output from the input alone, no kernel in it,
    // is a pooling layer's forward pass (or another layer's), not a slip in this convolution's
    if (v.status === "fails" && kernelless(sides, opt.notation ?? notation))
      v = verdict(
        "skipped",
        "not about this convolution: it makes the output from the input alone, with no kernel entry — a pooling layer's forward pass, another layer's, or a worked example with the kernel's values put in; name that layer's tensors apart (layer superscripts) to have the convolution's checked",
      );
    // ∂e/∂x_{uv} = 0 "when u, v do not satisfy condition 1" (the condition in words): a zero stated for free
    // indices is a case of a piecewise statement, not a claim for every entry
    if (v.status === "fails" && zeroCase(sides))
      v = verdict(
        "skipped",
        "not checked: set to 0 at free indices, it reads as one case of a statement whose condition is in the words around it; write the condition (\\text{if} …) or check an entry",
      );
    const steps = v.status === "skipped" && !instance ? chainSteps(eq, lines, sides, v, checkSides) : null;
    // a failing chain says which of its steps fail
    const failing = v.status === "fails" && !instance ? failingSteps(eq, lines, sides, checkSides) : null;
    if (failing) v = { ...v, details: [...v.details, failing] };
    if (steps) {
      const note = shift === 0 ? null : shiftNote(shift);
      return steps.map((s, k) => ({
        ...base,
        ...(k === 0 ? {} : { line: s.line, column: s.column, source: s.source }),
        ...s.verdict,
        details: [...s.verdict.details, ...(note && s.verdict.status !== "skipped" ? [note] : [])],
      }));
    }
    if (instance && v.status !== "skipped") v = { ...v, details: [...v.details, instance.note] };
    const channelNote = channelNotes.get(i);
    if (channelNote && v.status !== "skipped") v = { ...v, details: [...v.details, channelNote] };
    if (shift !== 0 && v.status !== "skipped") v = { ...v, details: [...v.details, shiftNote(shift)] };
    const remark = learned.remarks.get(i);
    if (remark && v.status !== "skipped") v = { ...v, details: [...v.details, remark] };
    if (typo.length) v = { ...v, details: [...v.details, ...typo] };
    const lesson = labelLessons.get(eq.line);
    if (lesson) v = { ...v, details: [...v.details, `read from its \\underbrace label: ${lesson}`] };
    return { ...base, ...v };
  });
  const textLines = input.text.split(/\r\n|\r|\n/);
  const rows = anotherLayersSection(anotherLayersRow(results, textLines), textLines, derivationFor(layer));
  if (otherConfig.length === 0) return rows;
  return rows.map((r) => {
    const c = r.status === "fails" ? otherConfig.find((o) => o.line < r.line && r.line - o.line <= o.near) : null;
    if (!c) return r;
    const v = verdict(
      "skipped",
      `a formula for another configuration: line ${c.line} states ${c.said}, and this layer has ${c.said.split(" ")[0]} = ${c.has}`,
    );
    return { ...r, ...v, details: [`as the layer is: ${r.message}`] };
  });
}

/** A lower-case letter applied to two arguments or more, f(H_{in}, S[0], K[0]): a function, not a size. */
const APPLIED_LETTER = /(?<![\\A-Za-z])([a-z])\(\s*[^(),]+,[^()]*\)/g;

/**
 * δ^{(l)}[n] = Σ δ^{(l+1)}[n+k] w^{(l+1)}[k] σ'(z^{(l)}[n]) where the document stated forward passes for
 * layers l and l+1 both: two layers' names that both read as one of this layer's tensors. Names them, or null.
 */
function mixedLayers(sides: readonly Node[], notation: Notation): string | null {
  const byRole = new Map<string, Map<string, string>>();
  const stack = [...sides];
  while (stack.length) {
    const n = stack.pop()!;
    stack.push(...children(n));
    if (n.k !== "ref") continue;
    const tagged = /^(.*?)\^\{(.*)\}$/.exec(n.name);
    const role = tagged ? roleOf(notation, n.name, n.grad) : undefined;
    if (!tagged || !role || role === "J") continue;
    // (a tensor and its gradient are one layer's: z^{(l)} and δ^{(l)} agree, δ^{(l)} and δ^{(l+1)} do not)
    const key = role.replace(/^d(?=[XWYb])/, "");
    const tags = byRole.get(key) ?? new Map<string, string>();
    if (!tags.has(tagged[2]!)) tags.set(tagged[2]!, n.name);
    byRole.set(key, tags);
  }
  for (const tags of byRole.values())
    if (tags.size > 1) return `${[...tags.values()].sort().join(" and ")} name the same tensor`;
  return null;
}

/** An entry (or the whole) of the layer's input or output, not its gradient. */
function isTensor(r: Node, base: "x" | "y"): boolean {
  return (
    (r.k === "entry" && r.base === base && !r.grad) || (r.k === "matrix" && r.base === base.toUpperCase() && !r.grad)
  );
}

const isOutput = (r: Node): boolean => isTensor(r, "y");

/** A = f(B) with A the layer's input and B its output, entry by entry (Hasan's Y(i,j,k) = f(Z(i,j,k))). */
function inputIsActivationOfOutput(sides: readonly Node[], notation: Notation): boolean {
  if (sides.length !== 2) return false;
  const [a, b] = sides as [Node, Node];
  if (b.k !== "fn" || b.primes !== 0) return false;
  const ra = resolve(a, notation);
  const rb = resolve(b.arg, notation);
  const same =
    ra.k === "entry" && rb.k === "entry" ? JSON.stringify(ra.index) === JSON.stringify(rb.index) : ra.k === rb.k;
  return isTensor(ra, "x") && isOutput(rb) && same;
}

/**
 * The summation convention stated in the words (Jaumier's "Using the Einstein convention … it implies summation"):
 * its line and the words; null when the document does not state it (or says it does not use it).
 */
const SUMMATION =
  /Einstein(?:'s)?[ -](?:summation[ -])?(?:convention|notation)|summation convention|convention (?:de sommation )?d'Einstein|Einstein(?:sche)?[ -]?Summ(?:en|ations)konvention|convención (?:de (?:suma|sumación) )?de Einstein|convenção (?:de soma )?de Einstein|爱因斯坦求和约定|アインシュタインの(?:縮約|和の規約)|соглашени[а-я]* (?:о суммировании )?Эйнштейна|правил[а-я]* суммирования Эйнштейна/i;

function summationConvention(text: string): { line: number; said: string } | null {
  const m = SUMMATION.exec(text);
  if (!m) return null;
  const line = text.slice(0, m.index).split("\n").length;
  // "we do not use the Einstein convention": not stated
  if (/\b(?:not|no|without|never)\b[^.\n]{0,30}$/i.test(text.slice(Math.max(0, m.index - 40), m.index))) return null;
  return { line, said: `line ${line}: “${m[0]}”` };
}

/** The layouts of matrix calculus named in the words (English, Chinese). */
const NUMERATOR_LAYOUT = /numerator[- ]layout|分子布局/i;
const DENOMINATOR_LAYOUT = /denominator[- ]layout|分母布局/i;

/**
 * The layout the document says its gradient matrices are in (sighsmile's "这里的 gradient matrix 采用了 numerator
 * layout 的记法"): "numerator" when it names that one only, "both" when it names both, null when neither.
 */
function gradientLayout(text: string): { layout: "numerator" | "both"; said: string } | null {
  const m = NUMERATOR_LAYOUT.exec(text);
  if (!m) return null;
  const line = text.slice(0, m.index).split("\n").length;
  const said = `line ${line}: “${m[0]}”`;
  return { layout: DENOMINATOR_LAYOUT.test(text) ? "both" : "numerator", said };
}

/** A range stated after a formula, beside it (`… &x' \in [0,1]`): a name, ∈, an interval or a set, at the end. */
const RANGE_BESIDE =
  /(?:^|[\s&,])([A-Za-z](?:'|\\prime)*)\s*(?:\\in|∈)\s*(?:\[[^[\]]*\]|\\\{[^{}]*\\\}|\\llbracket.*?\\rrbracket)\s*[,.;]?\s*$/;

/** The ranges at the end of a formula's text (one or a list): their names, as written, and the formula before them. */
function rangesBeside(text: string): { names: string[]; said: string; formula: string } | null {
  const names: string[] = [];
  let rest = text;
  // (each round takes one range off the end: the text gets shorter)
  for (let m = RANGE_BESIDE.exec(rest); m !== null; m = RANGE_BESIDE.exec(rest)) {
    names.unshift(m[1]!.replace(/\\prime/g, "'"));
    rest = rest.slice(0, m.index + m[0].indexOf(m[1]!));
  }
  if (names.length === 0 || !EQUALS.test(rest)) return null;
  return { names, said: text.slice(rest.length).trim(), formula: rest };
}

/**
 * Leon's `&δ^l_{1,2} = \sum_{x'} \sum_{y'} … &x' \in [0,1],y' \in [0,2]`: ranges beside a formula that bound its bare
 * sums, one each — the formula with them written under its Σ (\sum_{x'=0}^{1}), and the ranges as written; null
 * unless every range has [lo, hi] and bounds a sum written with no range of its own.
 */
function rangedSums(text: string): { text: string; said: string } | null {
  const ranged = rangesBeside(text);
  if (!ranged) return null;
  let formula = ranged.formula.replace(/[\s&]+$/, "");
  for (const name of ranged.names) {
    const esc = name.replace(/'/g, "(?:'|\\^\\{\\\\prime\\}|\\^\\\\prime|\\\\prime)");
    const range = new RegExp(
      `(?:^|[\\s&,])${esc}\\s*(?:\\\\in|∈)\\s*\\[\\s*([^,\\]]+?)\\s*,\\s*([^\\]]+?)\\s*\\]`,
    ).exec(ranged.said);
    if (!range) return null;
    // \sum_{x'} or \sum_i with nothing above it
    const sum = new RegExp(`\\\\sum\\s*_\\s*(?:\\{\\s*${esc}\\s*\\}|${esc}(?![A-Za-z0-9'{]))(?!\\s*\\^)`, "g");
    const at = formula.match(sum);
    if (!at || at.length !== 1) return null;
    formula = formula.replace(sum, `\\sum_{${name}=${range[1]}}^{${range[2]}}`);
  }
  return { text: formula, said: ranged.said };
}

/** Is the index or tensor name `n` (x', i) used in the formula's text? */
function usesName(formula: string, n: string): boolean {
  const esc = n.replace(/'/g, "(?:'|\\\\prime|\\^\\{?\\\\prime\\}?)");
  return new RegExp(`(?<![A-Za-z\\\\])${esc}(?![A-Za-z'])`).test(formula);
}

/**
 * The sides with every activation's derivative (f′(z), σ′(z)) 1, and the names of the pre-activation's gradient
 * (δ^{l} = ∂E/∂z^{l}) read as the input's gradient, which they then are; null when neither occurs.
 */
function withUnitDerivative(sides: readonly Node[], notation: Notation): { sides: Node[]; notation: Notation } | null {
  let changed = false;
  const one = (m: Node): Node => {
    if (m.k === "fn" && m.primes > 0) {
      changed = true;
      return { k: "num", n: 1, d: 1 };
    }
    return mapChildren(m, one);
  };
  const out = sides.map(one);
  let n = notation;
  for (const name of usedNames([{ sides }]))
    if (roleOf(notation, name, false) === "dZ") {
      n = n.withName(name, "dX");
      changed = true;
    }
  return changed ? { sides: out, notation: n } : null;
}

/** y = (an expression in the input only): the output written with no kernel, bias or gradient in it. */
function kernelless(sides: readonly Node[], notation: Notation): boolean {
  if (sides.length !== 2 || !writesOutput(sides[0], notation)) return false;
  const rhs = resolve(sides[1]!, notation);
  const other = (m: Node) =>
    m.k === "partial" ||
    ((m.k === "entry" || m.k === "matrix") && (m.grad || !isTensor(m, "x"))) ||
    (m.k === "ref" && !m.grad && notation.role(m.name) !== undefined);
  return findNode([rhs], (m) => isTensor(m, "x")) !== null && findNode([rhs], other) === null;
}

/** The left side is the layer's output (an entry of it or the whole): a forward formula. */
function writesOutput(side: Node | undefined, notation: Notation): boolean {
  if (!side) return false;
  return isOutput(resolve(side, notation));
}

/** ∂L/∂o_i = 1, ΔY = 0: the output's gradient (an entry or the whole) set equal to a number. */
function statesOutputGradient(sides: readonly Node[], n: Notation): boolean {
  if (sides.length !== 2 || !numeric(sides[1]!)) return false;
  const r = resolve(sides[0]!, n);
  // (the output, an entry or the whole, with the gradient flag asked of it)
  const output = (m: Node, grad: boolean) =>
    ((m.k === "entry" && m.base === "y") || (m.k === "matrix" && m.base === "Y")) && m.grad === grad;
  return output(r, true) || (r.k === "partial" && r.of === "J" && output(r.wrt, false));
}

/** What a side of numbers alone is made of (a matrix of numbers too: jackti's δ^l = [[2, 4], [6, 8]]). */
const ARITHMETIC: ReadonlySet<string> = new Set(["num", "bin", "neg", "pow", "bmatrix"]);

/** A side of numbers alone (3, 2·1 + 0.5): no name of the layer in it. */
function numeric(side: Node): boolean {
  return findNode([side], (m) => !ARITHMETIC.has(m.k)) === null;
}

/** 0 or 1 as written, which formulas state (∂z/∂b = 1, ∂e/∂x_{uv} = 0), not a worked example's value. */
const zeroOrOne = (side: Node): boolean => side.k === "num" && side.d === 1 && (side.n === 0 || side.n === 1);

/** A = 0 with A indexed by letters (∂e/∂x_{uv} = 0): a case stated without its condition. */
function zeroCase(sides: readonly Node[]): boolean {
  if (sides.length !== 2) return false;
  const zero = sides.findIndex((s) => s.k === "num" && s.n === 0);
  if (zero < 0) return false;
  const other = sides[1 - zero]!;
  return (
    findNode([other], (m) => {
      const idx = indexOfNode(m);
      return idx?.kind === "expr" && idx.items.some((e) => e.k !== "n");
    }) !== null
  );
}

/** What an equation taught was only the name of a gradient (its first link). */
const onlyGradLesson = (kinds: ReadonlySet<string> | undefined): boolean =>
  kinds !== undefined && kinds.size === 1 && kinds.has("grad");

/**
 * A chain A = B = C = … not checked as a whole: the first link after A that, read on its own against A,
 * fails — that verdict, said as that link's; null when none does.
 */
function failingLink(sides: readonly Node[], whole: Verdict, check: (s: readonly Node[]) => Verdict): Verdict | null {
  if (whole.status === "holds" || whole.status === "fails" || sides.length < 3) return null;
  for (let k = 1; k < sides.length; k++) {
    const v = check([sides[0]!, sides[k]!]);
    if (v.status === "fails")
      return {
        ...v,
        message: `link ${k + 1} (${clip(printNode(sides[k]!))}) fails against ${clip(printNode(sides[0]!))}: ${v.message}`,
        details: [...v.details, `the chain as a whole is not checked: ${whole.message}`],
      };
  }
  return null;
}

/**
 * A chain whose first link is a definition: the verdict of the links after it, or the definition when
 * those are not checked.
 */
function afterDefinition(taught: string, v: Verdict): Verdict {
  if (v.status === "holds" || v.status === "fails")
    return {
      ...v,
      details: [...v.details, `its first link is a definition: ${taught}; the links after it are checked`],
    };
  return {
    ...verdict("definition", `a definition: ${taught}`),
    details: [`the links after it are not checked: ${v.message}`, ...v.details],
  };
}

/**
 * δ = ∂L/∂Y \in \mathbb{R}^{C × H × W}: an equation that ends by stating its shape is read without the
 * statement (learnShapes reads the sizes from it).
 */
function withoutShape(text: string): string {
  const m = /\\in\s*(?:\\mathbb\{R\}|\\R(?![A-Za-z])|ℝ)\s*\^\s*/.exec(text);
  if (!m) return text;
  let depth = 0;
  for (const c of text.slice(0, m.index)) depth += c === "{" ? 1 : c === "}" ? -1 : 0;
  if (depth !== 0) return text;
  const rest = text.slice(m.index + m[0].length);
  if (!rest.startsWith("{")) return /^\S+\s*[.,]?\s*$/.test(rest) ? text.slice(0, m.index) : text;
  const end = groupEnd(rest, 0);
  return end > 0 && /^\s*[.,]?\s*$/.test(rest.slice(end)) ? text.slice(0, m.index) : text;
}

/**
 * The text as convgrad's notation reads it, with what the report says of each source habit it read through:
 * a shape statement dropped (δ = … ∈ ℝ^{…}), a comma ending a subscript (the index parser reads it), a layer
 * tag inside a subscript, a derivative's missing ∂, δ as the sign of a derivative.
 */
/** A fault of an equation's own text (its verdict says which), not a bug. */
function formulaFault(e: unknown): e is FormulaParseError | AmbiguityError | NestingError | DegreeError {
  return (
    e instanceof FormulaParseError ||
    e instanceof AmbiguityError ||
    e instanceof NestingError ||
    e instanceof DegreeError
  );
}

/**
 * The sides of `read` (the text `text` as read), bounded before each reader: the nesting and degree of the text
 * before the lexer's recursive-descent index parser and the parser read it, then of the parsed formula before
 * anything walks or expands it.
 */
function parseBounded(text: string, read: string): Node[] {
  assertTextNesting(text);
  assertTextDegree(text);
  const sides = parseEquation(read);
  assertNesting(sides);
  assertDegree(sides);
  return sides;
}

function asWritten(text: string): { text: string; notes: string[] } {
  const notes = TRAILING_COMMA.test(text) ? [TRAILING_COMMA_NOTE] : [];
  let out = withoutShape(text);
  if (TAG_IN_SUBSCRIPT.test(out)) {
    notes.push(TAG_IN_SUBSCRIPT_NOTE);
    out = tagOutOfSubscript(out);
  }
  const partials = partialDenominators(out);
  if (partials.changed) notes.push(PARTIAL_DENOMINATOR_NOTE);
  const filters = filterArguments(partials.text);
  if (filters !== partials.text) notes.push(FILTER_ARGUMENT_NOTE);
  const layers = layerArguments(filters);
  if (layers !== partials.text) notes.push(LAYER_ARGUMENT_NOTE);
  const leibniz = leibnizFractions(deltaFractions(layers));
  if (leibniz.joined) notes.push(`the letters ${leibniz.joined} of a derivative's numerator are read as one name`);
  return { text: leibniz.text, notes };
}

/** How many lines after a forward pass a size relation is read as stated for it. */
const FORWARD_NEAR = 6;

/** A subscript list that ends in a comma: V_{l, m, n,}, X_{11,}. */
const TRAILING_COMMA = /_\{[^{},]+,\s*\}|_\{[^{}]*,[^{}]*,\s*\}/;
const TRAILING_COMMA_NOTE = "a comma that ends a subscript (…, n,}) is read as a typo: nothing follows it";

const PARTIAL_DENOMINATOR_NOTE =
  "a derivative written without its ∂ (\\frac{\\partial L}{w_{a,b}}, \\frac{J}{x_{11}}) is read as ∂L/∂w_{a,b}, ∂J/∂x_{11}";

/** The braced group that opens at text[i] ("{…}"): its end (after the closing brace), or -1. */
function groupEnd(text: string, i: number): number {
  if (text[i] !== "{") return -1;
  for (let depth = 0, k = i; k < text.length; k++) {
    depth += text[k] === "{" ? 1 : text[k] === "}" ? -1 : 0;
    if (depth === 0) return k + 1;
  }
  return -1;
}

/** \frac{A}{B} at text[at]: where its two braced groups open and end (after their }), or null. */
function fracParts(text: string, at: number): { num: number; numEnd: number; den: number; denEnd: number } | null {
  const skip = (k: number) => {
    while (/\s/.test(text[k] ?? "")) k++;
    return k;
  };
  const num = skip(at + 5);
  const numEnd = groupEnd(text, num);
  if (numEnd < 0) return null;
  const den = skip(numEnd);
  const denEnd = groupEnd(text, den);
  return denEnd < 0 ? null : { num, numEnd, den, denEnd };
}

/**
 * Shah's \frac{\partial \mathcal{L}}{w^{l, m}_{a,b,c}}: a derivative over a name without its ∂ — the ∂
 * put back (said by the report). A denominator that is a number, has a ∂ anywhere (\color{red}{\partial x}), or
 * starts with d, is left as written.
 */
function partialDenominators(text: string): { text: string; changed: boolean } {
  let out = text;
  let changed = false;
  for (let at = out.indexOf("\\frac"); at >= 0; at = out.indexOf("\\frac", at + 1)) {
    const f = fracParts(out, at);
    if (!f) continue;
    // Rico Jia's \frac{J}{x_{11}}: the cost J over an entry, both ∂ left out (J is never divided by an entry; only
    // J itself — L may be a size, ⌊L/2⌋)
    if (/^\{\s*J\s*\}$/.test(out.slice(f.num, f.numEnd)) && /^\{\s*[A-Za-z]\s*_/.test(out.slice(f.den, f.denEnd))) {
      out = `${out.slice(0, f.num + 1)}\\partial ${out.slice(f.num + 1, f.den + 1)}\\partial ${out.slice(f.den + 1)}`;
      changed = true;
      continue;
    }
    if (!/^\{\s*(?:\\partial|∂)(?![A-Za-z])/.test(out.slice(f.num, f.numEnd))) continue;
    const { den, denEnd } = f;
    const inner = out.slice(den + 1, denEnd - 1).trim();
    if (!inner || /\\partial|∂/.test(inner) || /^d(?![A-Za-z])/.test(inner) || !/^(?:[A-Za-z]|\\[A-Za-z])/.test(inner))
      continue;
    out = `${out.slice(0, den + 1)}\\partial ${out.slice(den + 1)}`;
    changed = true;
  }
  return { text: out, changed };
}

/**
 * \frac{\delta E}{\delta w} (Stanchi's guide): δ as the derivative's own sign, ∂E/∂w — a ratio of two
 * gradients (δy/δx in convgrad's letters) means nothing, so the reading is safe. Rewritten in place.
 */
function deltaFractions(text: string): string {
  return text.includes("\\delta")
    ? text.replace(
        /\\frac\s*\{\s*\\delta(?![A-Za-z])([^{}]*)\}\s*\{\s*\\delta(?![A-Za-z])([^{}]*)\}/g,
        "\\frac{\\partial$1}{\\partial$2}",
      )
    : text;
}

/** w(f)_{m,n,d}^{l+1}, b(f)^{l+1} (Sootla's): a name with one letter in parentheses, then its scripts. */
const FILTER_CALL = /(?<![A-Za-z\\])([A-Za-z])\(([a-z])\)(?=\s*[_^])/g;
const FILTER_ARGUMENT_NOTE =
  "a letter in parentheses after a name, before its scripts (w(f)_{m,n,d}), is read as its first index (w_{f,m,n,d})";

/**
 * Sootla's w(f)_{m,n,d}^{l+1}, w(f)^{l+1}_{i,j,c}: the filter's letter in parentheses is the name's first
 * index — w^{l+1}_{f,m,n,d}, b^{l+1}_{f}. Rewritten with its scripts (their braces matched); only a name with
 * indices below it or a layer tag above it.
 */
function filterArguments(text: string): string {
  if (!FILTER_CALL.test(text)) return text;
  FILTER_CALL.lastIndex = 0;
  let out = "";
  let from = 0;
  for (const m of text.matchAll(FILTER_CALL)) {
    const at = m.index;
    let i = at + m[0].length;
    let sub: string | null = null;
    let sup: string | null = null;
    // its sub- and superscript, in either order (a braced group or one character each)
    for (let k = 0; k < 2; k++) {
      while (text[i] === " ") i++;
      const mark = text[i];
      if (mark !== "_" && mark !== "^") break;
      let j = i + 1;
      while (text[j] === " ") j++;
      const end = text[j] === "{" ? groupEnd(text, j) : j + 1;
      if (end < 0) return text;
      const body = text[j] === "{" ? text.slice(j + 1, end - 1) : text.slice(j, end);
      if (mark === "_") sub = body;
      else sup = body;
      i = end;
    }
    // (only with indices below it or a layer above it, b(f)^{l+1}: f(x)^2 is a function's value squared)
    if (sub === null && !(sup !== null && /(?<![A-Za-z\\])(?:l|\\ell)(?![A-Za-z])/.test(sup))) continue;
    out += `${text.slice(from, at)}${m[1]}${sup !== null ? `^{${sup}}` : ""}_{${m[2]}${sub !== null ? `,${sub}` : ""}}`;
    from = i;
  }
  return out + text.slice(from);
}

/** A call whose first argument is the layer's number: Y(l-1, m, x, y), z\left(l, n, x', y'\right). */
const LAYER_CALL = /(?<![A-Za-z\\])([A-Za-z])(\s*(?:\\left)?\s*\(\s*)(?:l|\\ell)(?:\s*([-+])\s*1)?\s*,/g;
/** A call's name with the layer's number below it: w_l(m, n, x, y), w_{l}\left(…\right). */
const LAYER_NAME = /(?<![A-Za-z\\])([A-Za-z])_\{?(?:l|\\ell)\}?(?=\s*(?:\\left)?\s*\()/g;
const LAYER_ARGUMENT_NOTE =
  "the layer's number as a call's first argument (z(l, n, x', y'), Y(l-1, m, x, y)) or below its name (w_l) is read as its layer tag, z^{(l)}(n, x', y')";

/**
 * The CMU 11-785 notes' z(l, n, x', y'), Y(l − 1, m, x, y), w_l(m, n, x, y): the layer's number written as a
 * call's first argument (or under the name) is its layer tag — z^{(l)}(n, x', y'). Only where two calls or
 * more are so written, one with the number as its argument, and no sum runs over l (an index then).
 */
function layerArguments(text: string): string {
  const calls = (text.match(LAYER_CALL) ?? []).length;
  const named = (text.match(LAYER_NAME) ?? []).length;
  if (calls === 0 || calls + named < 2 || /\\sum\s*_\s*\{?\s*(?:l|\\ell)\b/.test(text)) return text;
  return text
    .replace(
      LAYER_CALL,
      (_m, name: string, open: string, sign: string | undefined) => `${name}^{(l${sign ? `${sign}1` : ""})}${open}`,
    )
    .replace(LAYER_NAME, "$1^{(l)}");
}

/** A derivative's d: d, \mathrm{d}, \text{d}, {\rm d}, followed by what it differentiates. */
const LEIBNIZ_D =
  /^\{\s*(?:\\partial(?![A-Za-z])|\\mathrm\s*\{\s*d\s*\}|\\text\s*\{\s*d\s*\}|\{\s*\\rm\s+d\s*\}|d(?=[\sA-Za-z\\{]))\s*/;

/** The numerator of a derivative operator: d, \mathrm{d}, \text{d}, {\rm d} alone. */
const LEIBNIZ_OPERATOR = /^\{\s*(?:d|\\mathrm\s*\{\s*d\s*\}|\\text\s*\{\s*d\s*\}|\{\s*\\rm\s+d\s*\})\s*\}$/;

/**
 * \frac{dL}{dW}, \frac{d D i v}{d z(l, n, x', y')} (Leibniz's d, the CMU notes'): ∂L/∂W — a ratio of two
 * gradients (dL, dW in convgrad's letters) means nothing, so the reading is safe; a numerator of single
 * letters apart (D i v, the divergence as KaTeX's source spells it) is one name. Rewritten in place.
 */
function leibnizFractions(text: string): { text: string; joined: string | null } {
  let out = text;
  let joined: string | null = null;
  for (let at = out.indexOf("\\frac"); at >= 0; at = out.indexOf("\\frac", at + 1)) {
    const f = fracParts(out, at);
    if (!f) continue;
    const { num, numEnd, den, denEnd } = f;
    const bottom = LEIBNIZ_D.exec(out.slice(den, denEnd));
    // \frac{d}{dw_{f',c',i,j}}(…) (Thorey's): the derivative operator, \frac{\partial}{\partial w_{f',c',i,j}}
    if (bottom && denEnd - den > bottom[0].length + 1 && LEIBNIZ_OPERATOR.test(out.slice(num, numEnd))) {
      out = `${out.slice(0, at)}\\frac{\\partial}{\\partial ${out.slice(den + bottom[0].length, denEnd - 1)}}${out.slice(denEnd)}`;
      continue;
    }
    const top = LEIBNIZ_D.exec(out.slice(num, numEnd));
    if (!top || !bottom || numEnd - num === top[0].length + 1 || denEnd - den === bottom[0].length + 1) continue;
    let numer = out.slice(num + top[0].length, numEnd - 1);
    if (/^[A-Za-z](?:\s+[A-Za-z])+\s*$/.test(numer)) {
      joined = numer.trim();
      numer = numer.replace(/\s+/g, "");
    }
    const denom = out.slice(den + bottom[0].length, denEnd - 1);
    out = `${out.slice(0, at)}\\frac{\\partial ${numer}}{\\partial ${denom}}${out.slice(denEnd)}`;
  }
  return { text: out, joined };
}

/**
 * δ_{11} = ∂E/∂net_{i_{11}} where δ, a name of the document's, reads as one tensor's gradient (ΔY) and the right side
 * is the loss's derivative by another's entry (the input's pre-activation): what it says, or null.
 */
function renamedGradient(sides: readonly Node[], n: Notation): string | null {
  const [left, right] = sides;
  if (!left || !right || left.k !== "ref" || right.k !== "partial") return null;
  const a = resolve(left, n);
  const b = resolve(right, n);
  if (a.k !== "entry" || !a.grad || b.k !== "partial" || b.of !== "J" || b.wrt.k !== "entry" || b.wrt.grad) return null;
  if (a.base === b.wrt.base) return null;
  return `${printNode(left)} reads as ${printNode(a)} elsewhere, and here it is ${printNode(right)}`;
}

/** The names the equations index with or sum over (i, j, m'). */
function indexLetters(parsed: readonly { sides: readonly Node[] | null }[]): Set<string> {
  return indexedNames(
    parsed.flatMap((p) => p.sides ?? []),
    true,
  );
}

/** The names the equations use for tensors (o^{l-1}, Z, W^{l}), as written. */
function usedNames(parsed: readonly { sides: readonly Node[] | null }[]): Set<string> {
  const out = new Set<string>();
  for (const p of parsed) {
    const stack = [...(p.sides ?? [])];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.k === "ref") out.add(n.name);
      else if (n.k === "entry" || n.k === "matrix") out.add(n.base);
      stack.push(...children(n));
    }
  }
  return out;
}

/** Z_{ij^{l}}: the layer's superscript written inside the subscript, after its last index (Dahal's post). */
const TAG_IN_SUBSCRIPT = /(?<![A-Za-z\\])([A-Za-z])_\{([A-Za-z]+)\^\{((?:l|\\ell|ℓ)(?:[+-]1)?)\}\}(?![_^])/;
const TAG_IN_SUBSCRIPT_NOTE =
  "a layer's superscript inside a subscript (Z_{ij^{l}}) is read as the name's own (Z^{l}_{ij})";

/** The text with every Z_{ij^{l}} written Z^{l}_{ij}. */
function tagOutOfSubscript(text: string): string {
  return text.replace(new RegExp(TAG_IN_SUBSCRIPT.source, "g"), "$1^{$3}_{$2}");
}

const shiftNote = (shift: number): string =>
  `read with the layer numbers moved by ${shift > 0 ? "+" : ""}${shift} (the source names this layer l${shift > 0 ? "+" : ""}${shift} here)`;

/** Where each `=` of a chain is, at the top level (not inside braces or parentheses); null when they do not match. */
function chainEquals(text: string, count: number): number[] | null {
  let toks: Tok[];
  try {
    toks = tokenize(text);
  } catch {
    return null;
  }
  let depth = 0;
  const at: number[] = [];
  for (const t of toks) {
    if (t.type === "lbrace" || t.type === "lparen") depth++;
    else if (t.type === "rbrace" || t.type === "rparen") depth--;
    else if (t.type === "eq" && depth === 0) at.push(t.offset);
  }
  return at.length === count - 1 ? at : null;
}

interface Step {
  line: number;
  column: number;
  source: string;
  verdict: Verdict;
}

/**
 * A chain A = B = C = … that cannot be checked as a whole (one step is unreadable) is checked step by
 * step when its steps begin on lines of their own: each step is A = (that step), so the steps that can
 * be read still get their verdicts (Gwardys' ∂C/∂w chain: one step writes σ of the layer's output, the
 * others hold). Steps on one line are one result; the first result is the chain's own line. Null when
 * no step gets a verdict, or the chain is on one line (then the chain's one verdict says why).
 */
function chainSteps(
  eq: EquationSource,
  lines: LineIndex,
  sides: readonly Node[],
  whole: Verdict,
  check: (sides: readonly Node[]) => Verdict,
): Step[] | null {
  const steps = stepGroups(eq, lines, sides, check);
  if (!steps?.some((g) => g.verdict.status === "holds" || g.verdict.status === "fails")) return null;
  return steps.map((g) => ({
    ...g,
    verdict: {
      ...g.verdict,
      message: `${g.label}: ${g.verdict.message}`,
      details: [
        ...g.verdict.details,
        `the chain as a whole is not checked (${whole.message}); each step is checked against its left side`,
      ],
    },
  }));
}

/**
 * A failing chain whose steps begin on lines of their own: which steps fail, each against the left
 * side ("step by step: line 57 holds; line 58 fails"), as a line for its details — null otherwise.
 */
function failingSteps(
  eq: EquationSource,
  lines: LineIndex,
  sides: readonly Node[],
  check: (sides: readonly Node[]) => Verdict,
): string | null {
  const steps = stepGroups(eq, lines, sides, check);
  if (!steps || !steps.some((g) => g.verdict.status !== "fails")) return null;
  const said = steps.map((g) => `line ${g.line} ${g.verdict.status === "fails" ? "fails" : g.verdict.status}`);
  return `step by step, each against the left side: ${said.join("; ")}`;
}

/**
 * The steps of a chain A = B = C = … that begin on lines of their own, each checked as A = (that
 * step); steps on one line are one group (its worst verdict), and the first group is the chain's own
 * line. Null for a chain of one step or on one line.
 */
function stepGroups(
  eq: EquationSource,
  lines: LineIndex,
  sides: readonly Node[],
  check: (sides: readonly Node[]) => Verdict,
): (Step & { label: string })[] | null {
  if (sides.length < 3) return null;
  const at = chainEquals(eq.text, sides.length);
  if (!at) return null;
  const where = at.map((o) => lines.at(eq.offsets[o] ?? 0));
  if (where.every((w) => w.line === eq.line)) return null;
  const per = sides.slice(1).map((s) => check([sides[0]!, s]));
  const groups: { from: number; to: number }[] = [];
  for (let k = 0; k < per.length; k++) {
    const last = groups[groups.length - 1];
    if (last && where[k]!.line === where[last.from]!.line) last.to = k;
    else groups.push({ from: k, to: k });
  }
  const n = per.length;
  return groups.map(({ from, to }, g) => {
    const vs = per.slice(from, to + 1);
    const worst =
      vs.find((v) => v.status === "fails") ??
      vs.find((v) => v.status === "error") ??
      vs.find((v) => v.status === "skipped") ??
      vs[0]!;
    const end = to + 1 < at.length ? at[to + 1]! : eq.text.length;
    return {
      label: from === to ? `step ${from + 1} of ${n}` : `steps ${from + 1}–${to + 1} of ${n}`,
      line: g === 0 ? eq.line : where[from]!.line,
      column: g === 0 ? eq.column : where[from]!.column,
      source: g === 0 ? eq.text : eq.text.slice(at[from], end).trim(),
      verdict: worst,
    };
  });
}

/**
 * i_{lower} = ⌊(p − f_r)/s + 1⌋ where another equation sums \sum_{i=i_{lower}}^{i_{upper}}: a name a
 * document defines by a formula (not a number) and uses as a sum's bound. By name (as index
 * expressions print it: f_r, i_{lower}): its equation and line.
 */
function boundFormulas(
  text: string,
  eqs: readonly EquationSource[],
  isSize: (text: string) => boolean,
): Map<string, { eq: number; line: number; name: string; expr: IExpr | null }> {
  const out = new Map<string, { eq: number; line: number; name: string; expr: IExpr | null }>();
  eqs.forEach((eq, i) => {
    // (a piece nested too deeply to read is that equation's error, reported below: not read here)
    if (bracketDepth(eq.text) > MAX_NESTING || isSize(eq.text)) return;
    const m = /^\s*([A-Za-z])_(?:\{([A-Za-z]{1,8})\}|([A-Za-z]))\s*=\s*(.+?)\s*[.,]?\s*$/s.exec(eq.text);
    if (!m || /^\d+$/.test(m[4]!)) return;
    const label = m[2] ?? m[3]!;
    const raw = `${m[1]}_(?:\\{${label}\\}${label.length === 1 ? `|${label}` : ""})`;
    const used = new RegExp(`\\\\sum\\s*_\\{[^{}]*=\\s*${raw}\\s*\\}|\\^\\{\\s*${raw}\\s*\\}`).test(text);
    if (!used) return;
    const name = label.length === 1 ? `${m[1]}_${label}` : `${m[1]}_{${label}}`;
    let expr: IExpr | null = null;
    try {
      expr = parseIndexExpr(tokenize(m[4]!));
    } catch (e) {
      if (!(e instanceof IndexSyntaxError || e instanceof LexError)) throw e;
    }
    out.set(name, { eq: i, line: eq.line, name, expr });
  });
  return out;
}

/**
 * The relations between indices stated next to equation i: those between it and the equations
 * before and after it (Gwardys states x = x' − a before the formula, Straka i' = i + m after a link).
 */
function relationsAround(relations: readonly (Relation | null)[], i: number): Relation[] {
  if (relations[i]) return [];
  const out: Relation[] = [];
  for (let k = i - 1; k >= 0 && relations[k]; k--) out.unshift(relations[k]!);
  for (let k = i + 1; k < relations.length && relations[k]; k++) out.push(relations[k]!);
  return out;
}

/**
 * "Let $G = $ grad_out": a one-letter name set equal, in the prose right after the math, to the
 * code's name of the output gradient (PyTorch's grad_output, grad_out; CS231n's dout). By equation index.
 */
function outputGradientAliases(text: string, eqs: readonly EquationSource[]): Map<number, string> {
  const out = new Map<number, string>();
  eqs.forEach((eq, i) => {
    const m = /^\s*([A-Za-z])\s*=\s*$/.exec(eq.text);
    if (!m) return;
    const end = (eq.offsets[eq.offsets.length - 1] ?? -1) + 1;
    const after = text.slice(end, end + 60).replace(/^[\s$]*/, "");
    if (/^(?:\\texttt\{|`)?(?:grad[_\\]*out(?:put)?|dout|d_?out)\b/.test(after)) out.set(i, m[1]!);
  });
  return out;
}

/**
 * A source may state the forward pass for layer l and the backward pass for layer l+1 (Jefkine,
 * Gwardys): when names stay unknown as learned but every name is known with the layer numbers moved
 * by exactly one of ±1, 2, that reading is used (and said).
 */
function chooseShift(sides: readonly Node[], notation: Notation): { notation: Notation; shift: number } {
  const known = (n: Notation) => firstRef(sides.map((s) => resolve(s, n))) === null;
  if (known(notation) || notation.names.size === 0) return { notation, shift: 0 };
  const fits = [1, -1, 2, -2].filter((k) => known(notation.shifted(k)));
  return fits.length === 1 ? { notation: notation.shifted(fits[0]!), shift: fits[0]! } : { notation, shift: 0 };
}

/** The layer read another way: its op, index base and bias, and at stride 1 when unstrided. */
function choose(cfg: LayerConfig, l: LayerChoice): LayerConfig {
  const same = { ...cfg, op: l.op, indexBase: l.indexBase, bias: l.bias };
  if (!l.unstrided && !l.plain && !l.unpadded) return same;
  const { output: _output, hasChannels: _hasChannels, ...spec } = same;
  const stride = l.unstrided ? cfg.stride.map(() => 1) : cfg.stride;
  const padding = l.unpadded ? cfg.padding.map((): [number, number] => [0, 0]) : cfg.padding;
  return normalizeConfig(
    l.plain
      ? { ...spec, stride, padding, inChannels: null, outChannels: null, batch: null, groups: 1 }
      : { ...spec, stride, padding },
  );
}

/** verify with a derivation already made: its op and index base are fixed, names are learned. */
export function verifyInput(d: Derivation, input: VerifyInput, opts: DocumentOptions): VerifyResult[] {
  const cache = new Map<string, Derivation>();
  const layer: LayerChoice = { op: d.config.op, indexBase: d.config.indexBase, bias: d.config.bias };
  const derivationFor = (l: LayerChoice): Derivation => {
    if (
      l.op === layer.op &&
      l.indexBase === layer.indexBase &&
      l.bias === layer.bias &&
      !l.unstrided &&
      !l.plain &&
      !l.unpadded
    )
      return d;
    const key = `${l.op}:${l.indexBase}:${l.bias}:${l.unstrided === true}:${l.plain === true}:${l.unpadded === true}`;
    let e = cache.get(key);
    if (!e) cache.set(key, (e = derive(choose(d.config, l), { checks: false })));
    return e;
  };
  return verifyWith(derivationFor, layer, input, { fixed: { op: true, indexBase: true }, ...opts });
}

/** verify a document against a layer spec; op and index base are learned from it unless `fixed`. */
export function verifyDocument(spec: LayerSpec, input: VerifyInput, opts: DocumentOptions): VerifyResult[] {
  const cfg = normalizeConfig(spec);
  const cache = new Map<string, Derivation>();
  const derivationFor = (l: LayerChoice): Derivation => {
    const key = `${l.op}:${l.indexBase}:${l.bias}:${l.unstrided === true}:${l.plain === true}:${l.unpadded === true}`;
    let e = cache.get(key);
    if (!e) cache.set(key, (e = derive(choose(cfg, l), { checks: false })));
    return e;
  };
  return verifyWith(derivationFor, { op: cfg.op, indexBase: cfg.indexBase, bias: cfg.bias }, input, opts);
}

export interface Summary {
  holds: number;
  fails: number;
  definitions: number;
  skipped: number;
  errors: number;
  /** Only with --all-sizes (and only when there are any). */
  undecided?: number;
}

export function summarize(results: readonly VerifyResult[]): Summary {
  const s: Summary = { holds: 0, fails: 0, definitions: 0, skipped: 0, errors: 0 };
  for (const r of results) {
    if (r.status === "holds") s.holds++;
    else if (r.status === "fails") s.fails++;
    else if (r.status === "definition") s.definitions++;
    else if (r.status === "skipped") s.skipped++;
    else if (r.status === "undecided") s.undecided = (s.undecided ?? 0) + 1;
    else s.errors++;
  }
  return s;
}

/** 0 all checked hold, 1 something fails, 2 a parse error. */
export function exitCode(s: Summary): number {
  return s.errors > 0 ? 2 : s.fails > 0 ? 1 : 0;
}
