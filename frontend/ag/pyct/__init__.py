"""A Python AST toolkit that knows nothing of arrays (after TensorFlow AutoGraph's pyct).

parser (source -> AST with the user's line numbers), naming (fresh names), templates
(quasi-quotes), anno (node annotations), qual_names (`a`, `a.b`, `a[i]` as values),
activity (names and qualified names read/modified per scope), liveness (names live
into/out of statements), reaching_definitions (definitions that may reach statements and
reads), transformer (the converters' base class: context, block visits, locations,
errors), loader (AST -> function with the original globals and closure cells).
Converters in ag.converters build on these.
"""
