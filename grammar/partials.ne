# \frac{\partial J}{\partial x_{22}} (= δx22), ∂J/∂x22, \frac{\partial E}{\partial w^l_{m,n}} (any loss
# name), \frac{\partial y_{11}}{\partial x_{22}} (the derivative of the forward entry y11), and the
# operator \frac{\partial}{\partial w_{m,n}} (…) applied to what follows.
partial -> %frac %lbrace %partial numer %rbrace %lbrace %partial wrt %rbrace {% ([, , , a, , , , b]) => B.partial(a, b) %}
         | %partial slashnumer %slash %partial wrt {% ([, a, , , b]) => B.partial(a, b) %}
         | dop %J {% ([w]) => B.partial("J", w) %}
dop -> %frac %lbrace %partial %rbrace %lbrace %partial wrt %rbrace {% ([, , , , , , w]) => w %}
# the numerator: the loss (J, E, L, f(Y), \mathcal{L}(Y, \hat{Y}): the lexer makes them J), or any
# expression (\frac{\partial (\sum_m w_m x_{i+m})}{\partial w_n})
numer -> %J {% () => "J" %}
       | expr {% id %}
slashnumer -> %J {% () => "J" %} | anyentry {% id %}
# ∂L/∂22 (a source's typo for ∂L/∂y_{22}): read, and skipped by verify — a number is not a variable
wrt -> anyentry {% id %} | matrix {% id %} | %num {% ([t]) => B.numberTok(t) %}
anyentry -> entry {% id %} | gradentry {% id %} | ref {% id %}
