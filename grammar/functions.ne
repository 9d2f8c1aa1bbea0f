# rot180(A), Rot180^{0}(A), Rot180^{\circ}(A), Rot180°(A), rot_{180^\circ}\{A\}, rot180 A, rot90(A, 2);
# conv(A, B[, mode][, stride=s]), xcorr(A, B[, mode][, stride=s]) with s a number or (s1, s2, …);
# conv2(A, B[, 'full']) (MATLAB: true convolution, full by default); dilate(A, s) or dilate(A, s1, s2);
# pad(A, p), pad(A, lo:hi), pad(A, lo:hi, lo:hi) (one span for every axis, or one per axis; a negative
# amount crops); crop(A, …) with the same spans; pad(A) = padded as the layer pads its input (--padding).
function -> rotname atom {% ([, a]) => B.rot(a) %}
          | %rot90 %lparen expr %comma %num %rparen {% ([t, , a, , n]) => B.rot90(t, a, n) %}
          | %opfn %lparen expr %comma expr %rparen {% ([f, , a, , b]) => B.convfn(f, a, b, null) %}
          | %opfn %lparen expr %comma expr %comma %mode %rparen {% ([f, , a, , b, , m]) => B.convfn(f, a, b, m) %}
          | %opfn %lparen expr %comma expr %comma stride %rparen {% ([f, , a, , b, , s]) => B.convfn(f, a, b, null, s) %}
          | %opfn %lparen expr %comma expr %comma %mode %comma stride %rparen {% ([f, , a, , b, , m, , s]) => B.convfn(f, a, b, m, s) %}
          | %dilate %lparen expr %comma nums %rparen {% ([, , a, , s]) => B.dilateFn(a, s) %}
          | %pad %lparen expr %comma spans %rparen {% ([, , a, , p]) => B.padFn(a, p) %}
          | %crop %lparen expr %comma spans %rparen {% ([, , a, , p]) => B.padFn(a, p, true) %}
          | %pad %lparen expr %rparen {% ([, , a]) => B.padFn(a, null) %}
nums -> %num {% ([n]) => [Number(n.value)] %}
      | nums %comma %num {% ([ns, , n]) => [...ns, Number(n.value)] %}
spans -> span {% ([s]) => [s] %}
       | spans %comma span {% ([ss, , s]) => [...ss, s] %}
span -> signed {% ([v]) => [v, v] %}
      | signed %colon signed {% ([lo, , hi]) => [lo, hi] %}
signed -> %num {% ([n]) => B.signedNum(null, n) %}
        | %minus %num {% ([m, n]) => B.signedNum(m, n) %}
stride -> %ident %eq %num {% ([k, , n], _, reject) => B.strideKw(k, [Number(n.value)], reject) %}
        | %ident %eq %lparen nums %rparen {% ([k, , , ns], _, reject) => B.strideKw(k, ns, reject) %}
rotname -> %rot {% id %}
         | %rot degree {% id %}
degree -> %deg {% id %}
        | %caret degval {% id %}
        | %caret %lbrace degval %rbrace {% id %}
degval -> %deg {% id %} | "0" {% id %} | "o" {% id %}
