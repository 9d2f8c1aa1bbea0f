# The convgrad formula language: one equation (a chain of `=`) per parse.
# The document splitter (src/lang/document.ts) cuts files into equations; whitespace and
# typesetting noise (\mathbf{…}, \left, \,) are the lexer's job (src/lang/lexer.ts).
# Every rule is left-recursive or flat (no `e -> e "+" e`): one parse per input, linear time.
@preprocessor typescript
@{%
import { lexer } from "./lexer.js";
import * as B from "./ast.js";
// nearley's TypeScript output names token types as identifiers: %eq → eq.
const tt = (type: string) => ({ type });
const [begin, end, rowsep, subs, num, delta, Delta, partial, deg, mul, star, xstar, plus, minus, eq] =
  ["begin", "end", "rowsep", "subs", "num", "delta", "Delta", "partial", "deg", "mul", "star", "xstar", "plus", "minus", "eq"].map(tt);
const [lparen, rparen, lbrace, rbrace, amp, comma, caret, under, slash, frac, tr, rot, opfn, dilate, pad] =
  ["lparen", "rparen", "lbrace", "rbrace", "amp", "comma", "caret", "under", "slash", "frac", "tr", "rot", "opfn", "dilate", "pad"].map(tt);
const [mode, J, ent, entd, dent, dentd, mat, dmat, ident, sum, dots] = ["mode", "J", "ent", "entd", "dent", "dentd", "mat", "dmat", "ident", "sum", "dots"].map(tt);
const [idx, sumop, fn, had, otimes, rot90, crop, colon, convt] = ["idx", "sumop", "fn", "had", "otimes", "rot90", "crop", "colon", "convt"].map(tt);
%}
@lexer lexer

main -> equation {% id %}

@include "equation.ne"
@include "arith.ne"
@include "entries.ne"
@include "partials.ne"
@include "matrices.ne"
@include "functions.ne"
