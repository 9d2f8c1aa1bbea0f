# An equation: expressions joined by `=` (also \stackrel{\Delta}{=}, :=, \triangleq).
equation -> sides {% ([s]) => B.rawEquation(s) %}
sides -> expr {% ([e]) => B.chainStart(e) %}
       | sides %eq expr {% ([c, , e]) => B.chainNext(c, e) %}
