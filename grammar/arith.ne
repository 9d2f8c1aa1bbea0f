# Sums, products (juxtaposition, \cdot, \times, ·, *), convolution operators, powers, groups.
expr -> sum {% id %}
sum -> signedterm {% id %}
     | sum addop term {% ([s, op, t]) => B.binary(s, B.addOp(op), t) %}
signedterm -> term {% id %}
            | addop term {% ([op, t]) => B.signed(op, t) %}
addop -> %plus {% id %} | %minus {% id %}

term -> factor {% id %}
      | term mulop factor {% ([a, m, b]) => B.applyMul(a, m, b) %}
      | term factor {% ([a, b]) => B.binary(a, "juxt", b) %}
      | term %slash factor {% ([a, , b]) => B.binary(a, "div", b) %}

# `*` is the configured --op (valid); `*_{full}`, `*_{\text{full}}`, `*full` name the mode;
# `\star`, `⋆` are cross-correlation.
mulop -> %mul {% ([t]) => B.mulTok(t) %}
       | convsym {% ([t]) => B.convTok(t, null) %}
       | convsym modesub {% ([t, m]) => B.convTok(t, m) %}
convsym -> %star {% id %} | %xstar {% id %}
modesub -> %mode {% id %}
         | %under %mode {% ([, m]) => m %}
         | %under %lbrace %mode %rbrace {% ([, , m]) => m %}

# \sum A: the sum of every entry of a matrix (δb = \sum ΔY). \sum_{n,i,j} A and \sum_o A (sums
# over named indices) are read so that such lines are reported as skipped, not as parse errors.
factor -> atom {% id %}
        | %sum factor {% ([, f]) => B.sumAll(f) %}
        | %sum %under sumvars factor {% ([, , v, f]) => B.sumIndexed(v, f) %}
        | atom %caret exponent {% ([a, , e]) => B.power(a, e) %}
        | atom %caret tmark {% ([a]) => B.transposed(a) %}
sumvars -> %ident {% ([t]) => B.cons(null, t) %}
         | %lbrace idents %rbrace {% ([, v]) => v %}
idents -> %ident {% ([t]) => B.cons(null, t) %}
        | idents %comma %ident {% ([v, , t]) => B.cons(v, t) %}
exponent -> %num {% id %} | %lbrace %num %rbrace {% ([, n]) => n %}
tmark -> %tr {% id %} | %lbrace %tr %rbrace {% id %}

atom -> %num {% ([t]) => B.numberTok(t) %}
      | %lparen expr %rparen {% ([, e]) => e %}
      | %lparen expr %comma tupletail %rparen {% ([, e, , r]) => B.tuple(e, r) %}
      | %lbrace expr %rbrace {% ([, e]) => e %}
      | %frac %lbrace expr %rbrace %lbrace expr %rbrace {% ([, , a, , , b]) => B.frac(a, b) %}
      | %ident {% ([t]) => B.ident(t) %}
      | %dots {% () => B.ellipsis() %}
      | entry {% id %}
      | gradentry {% id %}
      | partial {% id %}
      | matrix {% id %}
      | function {% id %}
      | bmatrix {% id %}
# The rest of an index list: W[o,c], ΔY[n,o,i,j] (after the first item and its comma).
tupletail -> expr {% ([e]) => B.cons(null, e) %}
           | tupletail %comma expr {% ([r, , e]) => B.cons(r, e) %}
