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

# \sum A: the sum of every entry of a matrix (δb = \sum ΔY); no index ranges.
factor -> atom {% id %}
        | %sum factor {% ([, f]) => B.sumAll(f) %}
        | atom %caret exponent {% ([a, , e]) => B.power(a, e) %}
        | atom %caret tmark {% ([a]) => B.transposed(a) %}
exponent -> %num {% id %} | %lbrace %num %rbrace {% ([, n]) => n %}
tmark -> %tr {% id %} | %lbrace %tr %rbrace {% id %}

atom -> %num {% ([t]) => B.numberTok(t) %}
      | %lparen expr %rparen {% ([, e]) => e %}
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
