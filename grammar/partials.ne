# \frac{\partial J}{\partial x_{22}} (= δx22), ∂J/∂x22, \frac{\partial y_{11}}{\partial x_{22}}
# (the derivative of the forward entry y11).
partial -> %frac %lbrace %partial numer %rbrace %lbrace %partial anyentry %rbrace {% ([, , , a, , , , b]) => B.partial(a, b) %}
         | %partial numer %slash %partial anyentry {% ([, a, , , b]) => B.partial(a, b) %}
numer -> %J {% () => "J" %} | anyentry {% id %}
anyentry -> entry {% id %} | gradentry {% id %}
