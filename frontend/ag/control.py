"""Staged control flow as functions, for code ag cannot convert (no source: exec, the
plain python3 prompt): ``cond`` records an scf.if and ``while_loop`` an scf.while when
their condition is staged, and run plain Python otherwise. Converted code does not call
these: its `if`/`while`/`for` become the operators of ag.operators.
"""

from .staged.regions import cond, while_loop  # noqa: F401
