# Sums, products (juxtaposition, \cdot, \times, ·, *, \odot), convolution operators, powers, groups.
expr -> sum {% id %}
sum -> signedterm {% id %}
     | sum addop term {% ([s, op, t]) => B.binary(s, B.addOp(op), t) %}
signedterm -> term {% id %}
            | addop term {% ([op, t]) => B.signed(op, t) %}
addop -> %plus {% id %} | %minus {% id %}

# A sum over indices (\sum_{m=0}^{k-1}) takes the whole product after it, up to the next + or -.
term -> prod {% id %}
      | %sumop term {% ([s, t]) => B.sumOver(s, t) %}
      | prod %sumop term {% ([a, s, t]) => B.binary(a, "juxt", B.sumOver(s, t)) %}
      | prod mulop %sumop term {% ([a, m, s, t]) => B.applyMul(a, m, B.sumOver(s, t)) %}
# \frac{\partial}{\partial w} takes the whole product after it, as a sum does, up to the next + or -
# (Piseno's \frac{\partial}{\partial w[a', b']} \mathbf{X}[r + a, c + b] \mathbf{w}[a, b], and a sum after it)
      | dop term {% ([d, t]) => B.partial(t, d) %}
      | prod dop term {% ([a, d, t]) => B.binary(a, "juxt", B.partial(t, d)) %}

prod -> factor {% id %}
      | prod mulop factor {% ([a, m, b]) => B.applyMul(a, m, b) %}
      | prod factor {% ([a, b]) => B.binary(a, "juxt", b) %}
      | prod %slash factor {% ([a, , b]) => B.binary(a, "div", b) %}

# `*` is the configured --op (valid); `*_{full}`, `*_{\text{full}}`, `*full` name the mode;
# `\star`, `⋆` are cross-correlation; `\otimes`, `\circledast` read like `*` unless the document
# defines them; `\odot`, `\circ`, `⊙` multiply entry by entry.
mulop -> %mul {% ([t]) => B.mulTok(t) %}
       | %had {% ([t]) => B.mulTok(t) %}
       | convsym {% ([t]) => B.convTok(t, null) %}
       | convsym modesub {% ([t, m]) => B.convTok(t, m) %}
       | convsym stridesub {% ([t, s]) => B.convTok(t, null, s) %}
convsym -> %star {% id %} | %xstar {% id %} | %otimes {% id %}
# X *_{s=2} W, X *_{stride=2} W, X *_{stride2} W: a strided (valid) convolution
stridesub -> %under %lbrace %ident %eq %num %rbrace {% ([, , k, , n], _, reject) => B.strideSub(k, n, reject) %}
           | %under %lbrace %ident %rbrace {% ([, , k], _, reject) => B.strideSub(k, null, reject) %}
modesub -> %mode {% id %}
         | %under %mode {% ([, m]) => m %}
         | %under %lbrace %mode %rbrace {% ([, , m]) => m %}

# \sum A: the sum of every entry of a matrix (δb = \sum ΔY).
factor -> atom {% id %}
        | %sum factor {% ([, f]) => B.sumAll(f) %}
        | atom %caret exponent {% ([a, , e]) => B.power(a, e) %}
        | atom %caret tmark {% ([a]) => B.transposed(a) %}
exponent -> %num {% id %} | %lbrace %num %rbrace {% ([, n]) => n %}
tmark -> %tr {% id %} | %lbrace %tr %rbrace {% id %}

atom -> %num {% ([t]) => B.numberTok(t) %}
      | %lparen expr %rparen {% ([, e]) => e %}
      | %lparen expr %rparen %idx {% ([, e, , i]) => B.entryOf(e, i) %}
      | %lparen expr %comma tupletail %rparen {% ([, e, , r]) => B.tuple(e, r) %}
      | %lbrace expr %rbrace {% ([, e]) => e %}
      | %frac %lbrace expr %rbrace %lbrace expr %rbrace {% ([, , a, , , b]) => B.frac(a, b) %}
      | %fn %lparen expr %rparen {% ([f, , a]) => B.fnApp(f, a) %}
      | %dots {% () => B.ellipsis() %}
      | entry {% id %}
      | gradentry {% id %}
      | ref {% id %}
      | partial {% id %}
      | matrix {% id %}
      | function {% id %}
      | bmatrix {% id %}
# The rest of an index list: W[o,c], ΔY[n,o,i,j] (after the first item and its comma).
tupletail -> expr {% ([e]) => B.cons(null, e) %}
           | tupletail %comma expr {% ([r, , e]) => B.cons(r, e) %}
