# Matrices X, W, Y, ΔX, \Delta X, \delta X, dX and \begin{bmatrix} … \end{bmatrix} literals.
matrix -> %mat {% ([t]) => B.matrix(t) %}
        | %dmat {% ([t]) => B.matrix(t) %}
        | %Delta %mat {% ([, t]) => B.matrix(t, true) %}
        | %delta %mat {% ([, t]) => B.matrix(t, true) %}

bmatrix -> %begin rows %end {% ([, r]) => B.bmatrix(r) %}
         | %begin rows %rowsep %end {% ([, r]) => B.bmatrix(r) %}
rows -> row {% ([r]) => B.cons(null, r) %}
      | rows %rowsep row {% ([rs, , r]) => B.cons(rs, r) %}
row -> expr {% ([e]) => B.cons(null, e) %}
     | row %amp expr {% ([r, , e]) => B.cons(r, e) %}
