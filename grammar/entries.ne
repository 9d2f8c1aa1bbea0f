# Entries: x_{23}, x_{2,3}, x23, x₂₃, y_{11}, b; gradients \delta x_{22}, δx22, dx22, dx_{2,2}.
entry -> %entd {% ([t]) => B.entryDigits(t) %}
       | %ent {% ([t]) => B.entryBare(t, null) %}
       | %ent index {% ([t, i]) => B.entryBare(t, i) %}

gradentry -> %delta entry {% ([, e]) => B.gradOf(e) %}
           | %dentd {% ([t]) => B.entryDigits(t, true) %}
           | %dent {% ([t]) => B.entryBare(t, null, true) %}
           | %dent index {% ([t, i]) => B.entryBare(t, i, true) %}

index -> %subs {% ([t]) => B.indexDigits(t) %}
       | %under indexatom {% ([, t]) => B.indexDigits(t) %}
       | %under %lbrace indexlist %rbrace {% ([, , l]) => B.indexList(l) %}
indexlist -> indexatom {% ([t]) => B.cons(null, t) %}
           | indexlist %comma indexatom {% ([l, , t]) => B.cons(l, t) %}
indexatom -> %num {% id %} | %ident {% id %}
