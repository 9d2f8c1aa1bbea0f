/**
 * convgrad's library API. See docs/API.md.
 */
export * from "./conventions.js";
export { ConvgradError, UsageError, LimitError, NestingError, EXIT } from "./errors.js";
export {
  Poly,
  TermBuffer,
  add,
  sub,
  mul,
  scale,
  pow,
  diff,
  symbolsOf,
  termDifferences,
  type TermDifference,
} from "./core/poly.js";
export * as rational from "./core/rational.js";
export { type Rat, rat, ratToString, parseRat } from "./core/rational.js";
export { SymbolTable, type TensorRange, MAX_SYMBOLS } from "./core/symbols.js";
export { MonoTable, monoIds, monoMul, monoFromIds, symbolCode, degree } from "./core/monomial.js";
export * as expr from "./core/expr.js";
export { type Expr } from "./core/expr.js";
export { Tensor, forEachIndex, shapeString } from "./tensor/tensor.js";
export { rot180, pad, crop, slice, dilate, transpose, sumAxes, addTensors, reshape, gather } from "./tensor/ops.js";
export {
  convGeneral,
  convPlain,
  convOutputShape,
  simpleParams,
  ConvShapeError,
  type ConvGeneralParams,
} from "./conv/general.js";
export {
  normalizeConfig,
  displayShapes,
  internalShapes,
  estimate,
  type LayerSpec,
  type LayerConfig,
  type PaddingSpec,
} from "./conv/config.js";
export { chainRule, type ChainStep, type ChainTarget } from "./grad/chain.js";
export { RULES, type GradientRule, type GradKey, type RuleFormula } from "./grad/rules.js";
export { forwardFormula } from "./grad/formulas.js";
export { generalFormulas, type GeneralSpec, type GeneralFormula } from "./grad/general.js";
export { compareTensors, counterexample, type Comparison, type EntryMismatch, type Method } from "./check/compare.js";
export { evalPoly, evalExpr, Point, rng, frac, fracToString, fracEquals } from "./check/numeric.js";
export {
  derive,
  DEFAULT_MAX_TERMS,
  type Derivation,
  type CheckResult,
  type DeriveOptions,
  type TensorInfo,
  type TensorKey,
} from "./derive.js";
export { Namer, entryName, unflatten, type NameStyle } from "./print/names.js";
export { printFormula, TEXT_STYLE, latexStyle, type FormulaStyle } from "./print/formula.js";
export { textLines } from "./print/text.js";
export { summaryLines } from "./print/summary.js";
export { jsonChunks, GRADIENTS_FORMAT } from "./print/json.js";
export { latexLines, latexStandaloneLines, type LatexOptions } from "./print/latex.js";
export { markdownLines } from "./print/markdown.js";
export { generalTextLines, generalLatexLines, generalMarkdownLines, generalJson } from "./print/general.js";
export {
  buildTable,
  tablesTextLines,
  tableTextLines,
  tablesSupported,
  type DerivTable,
  type TableKind,
} from "./print/tables.js";
export { beamerLines, type DeckOptions } from "./export/beamer.js";
export { parseEquation, parseAll, FormulaParseError, AmbiguityError } from "./lang/parse.js";
export { splitDocument, type EquationSource } from "./lang/document.js";
export {
  verifyInput,
  verifyDocument,
  summarize,
  exitCode as verifyExitCode,
  type VerifyInput,
  type VerifyResult,
  type DocumentOptions,
  type Summary as VerifySummary,
} from "./verify/run.js";
export { Notation, type Role } from "./verify/roles.js";
export { declareRoles, declareSizes } from "./verify/declare.js";
export { textLines as verifyTextLines, jsonChunks as verifyJsonChunks } from "./verify/report.js";
