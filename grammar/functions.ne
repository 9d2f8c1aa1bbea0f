# rot180(A), Rot180^{0}(A), Rot180^{\circ}(A), Rot180°(A), rot_{180^\circ}\{A\}, rot180 A, rot90(A, 2);
# conv(A, B[, mode]), xcorr(A, B[, mode]), conv2(A, B[, 'full']) (MATLAB: true convolution, full by
# default); dilate(A, s); pad(A, p); pad(A) = padded as the layer pads its input (--padding).
function -> rotname atom {% ([, a]) => B.rot(a) %}
          | %rot90 %lparen expr %comma %num %rparen {% ([t, , a, , n]) => B.rot90(t, a, n) %}
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
