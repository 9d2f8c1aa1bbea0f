@preprocessor typescript
# Placeholder grammar: replaced by the formula language (issue 3).
main -> "x" {% id %}
