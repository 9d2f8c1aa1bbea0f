# rot180(A), Rot180^{0}(A), Rot180^{\circ}(A), Rot180°(A), rot_{180^\circ}\{A\}, rot180 A, rot90(A, 2);
# conv(A, B[, mode][, stride=s]), xcorr(A, B[, mode][, stride=s]) with s a number or (s1, s2, …);
# conv_transpose(A, W[, stride=s][, padding=p][, output_padding=a][, dilation=d]) as PyTorch defines it;
# conv2(A, B[, 'full']) (MATLAB: true convolution, full by default); dilate(A, s) or dilate(A, s1, s2);
# pad(A, p), pad(A, lo:hi), pad(A, lo:hi, lo:hi) (one span for every axis, or one per axis; a negative
# amount crops); crop(A, …) with the same spans; pad(A) = padded as the layer pads its input (--padding).
function -> rotname atom {% ([, a]) => B.rot(a) %}
          | %rot90 %lparen expr %comma %num %rparen {% ([t, , a, , n]) => B.rot90(t, a, n) %}
          | %opfn %lparen expr %comma expr kwargs %rparen {% ([f, , a, , b, kw]) => B.convfnKw(f, a, b, null, kw) %}
          | %opfn %lparen expr %comma expr %comma %mode kwargs %rparen {% ([f, , a, , b, , m, kw]) => B.convfnKw(f, a, b, m, kw) %}
          | %convt %lparen expr %comma expr kwargs %rparen {% ([, , a, , b, kw]) => B.convTranspose(a, b, kw) %}
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
# keyword arguments: stride=2, padding=(1, 0), output_padding=1 (which ones a function takes: ast.ts)
kwargs -> null {% () => [] %}
        | kwargs %comma kwarg {% ([ks, , k]) => [...ks, k] %}
kwarg -> %ident %eq %num {% ([k, , n]) => ({ tok: k, values: [Number(n.value)] }) %}
       | %ident %eq %lparen nums %rparen {% ([k, , , ns]) => ({ tok: k, values: ns }) %}
rotname -> %rot {% id %}
         | %rot degree {% id %}
degree -> %deg {% id %}
        | %caret degval {% id %}
        | %caret %lbrace degval %rbrace {% id %}
degval -> %deg {% id %} | "0" {% id %} | "o" {% id %}
