"""A Python AST toolkit that knows nothing of arrays (after TensorFlow AutoGraph's pyct).

parser (source -> AST with the user's line numbers), naming (fresh names), templates
(quasi-quotes), anno (node annotations), activity (names read/modified per scope),
liveness (names live into/out of statements), loader (AST -> function with the original
globals and closure cells). Converters in ag.converters build on these.
"""
