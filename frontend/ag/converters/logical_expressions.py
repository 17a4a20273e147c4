"""`a and b` -> ag__.and_(lambda: a, lambda: b); `or` alike; `not a` -> ag__.not_(a).

`and`/`or` keep Python's semantics: the right operand is lazy and the result is one of
the operands (not a bool), on Python values; on staged ones they become staged logical
ops. Runs after the control-flow converter, so the loop tests that break/return flags
added (`not break_ and cond`) are converted too.
"""

import ast

from ..pyct import transformer
from . import helpers


class LogicalExpressionTransformer(transformer.Base):
    def visit_BoolOp(self, node):
        self.generic_visit(node)
        if helpers.has_walrus(*node.values):
            return node  # `a and (m := f(a))`: see helpers.has_walrus
        op = "and_" if isinstance(node.op, ast.And) else "or_"
        # a and b and c == and_(a, lambda: and_(b, lambda: c)): evaluated left to right.
        result = node.values[-1]
        for value in reversed(node.values[:-1]):
            result = helpers.call(op, helpers.lambda_(value), helpers.lambda_(result))
        return result

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return helpers.call("not_", node.operand)
        return node
