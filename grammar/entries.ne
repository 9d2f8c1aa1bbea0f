# Entries: x_{23}, x_{2,3}, x23, x₂₃, x_{i+m,j+n}, y_{11}, b; gradients \delta x_{22}, δx22, dx22.
# Subscripts arrive as one `idx` token (src/lang/group.ts parses them).
entry -> %entd {% ([t]) => B.entryDigits(t) %}
       | %ent {% ([t]) => B.entryBare(t, null) %}
       | %ent %idx {% ([t, i]) => B.entryBare(t, B.indexOf(i)) %}

gradentry -> %delta entry {% ([, e]) => B.gradOf(e) %}
           | %dentd {% ([t]) => B.entryDigits(t, true) %}
           | %dent {% ([t]) => B.entryBare(t, null, true) %}
           | %dent %idx {% ([t, i]) => B.entryBare(t, B.indexOf(i), true) %}

# The source's own names (o^{l-1}_{i+m,j+n}, \delta^l_{ij}, K(m,n), Z, dZ, \mathcal{L}) and indexed
# matrix names (X_{ij}): resolved to the layer's tensors by the document's roles (src/verify/roles.ts).
ref -> %ident {% ([t]) => B.ref(t, null, false) %}
     | %ident %idx {% ([t, i]) => B.ref(t, B.indexOf(i), false) %}
     | %delta %ident {% ([, t]) => B.ref(t, null, true) %}
     | %delta %ident %idx {% ([, t, i]) => B.ref(t, B.indexOf(i), true) %}
     | %Delta %ident {% ([, t]) => B.ref(t, null, true) %}
     | %mat %idx {% ([t, i]) => B.ref(t, B.indexOf(i), false) %}
     | %Delta %mat %idx {% ([, t, i]) => B.ref(t, B.indexOf(i), true) %}
     | %delta %mat %idx {% ([, t, i]) => B.ref(t, B.indexOf(i), true) %}
     | %dmat %idx {% ([t, i]) => B.ref(t, B.indexOf(i), true) %}
