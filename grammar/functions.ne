# rot180(A), Rot180^{0}(A), Rot180^{\circ}(A), Rot180°(A); conv(A, B[, mode]), xcorr(A, B[, mode]);
# dilate(A, s); pad(A, p); pad(A) = padded as the layer pads its input (--padding).
function -> rotname %lparen expr %rparen {% ([, , a]) => B.rot(a) %}
          | %opfn %lparen expr %comma expr %rparen {% ([f, , a, , b]) => B.convfn(f, a, b, null) %}
          | %opfn %lparen expr %comma expr %comma %mode %rparen {% ([f, , a, , b, , m]) => B.convfn(f, a, b, m) %}
          | %dilate %lparen expr %comma %num %rparen {% ([, , a, , s]) => B.dilateFn(a, s) %}
          | %pad %lparen expr %comma %num %rparen {% ([, , a, , p]) => B.padFn(a, p) %}
          | %pad %lparen expr %rparen {% ([, , a]) => B.padFn(a, null) %}
rotname -> %rot {% id %}
         | %rot degree {% id %}
degree -> %deg {% id %}
        | %caret degval {% id %}
        | %caret %lbrace degval %rbrace {% id %}
degval -> %deg {% id %} | "0" {% id %} | "o" {% id %}
