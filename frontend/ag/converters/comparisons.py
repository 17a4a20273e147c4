"""Chained comparisons: `a < b < c` -> ag__.compare_(a, [('Lt', lambda: b), ...]).

Each operand is evaluated once and lazily, as Python does (`a < b < c` stops at the
first false link); on staged operands the links are combined like `and`. A single
comparison is left alone -- the array's own operator handles it -- except `in` and `not
in`, whose result Python makes a bool while tracing (a staged array's is computed when
the code runs).
"""

import ast

from ..pyct import transformer
from . import helpers


class ComparisonTransformer(transformer.Base):
    def visit_Compare(self, node):
        self.generic_visit(node)
        membership = any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops)
        if (len(node.ops) < 2 and not membership) or helpers.has_walrus(*node.comparators):
            return node  # a walrus in a lazy operand: see helpers.has_walrus
        pairs = ast.List(elts=[ast.Tuple(elts=[ast.Constant(type(op).__name__),
                                               helpers.lambda_(right)], ctx=ast.Load())
                               for op, right in zip(node.ops, node.comparators)],
                         ctx=ast.Load())
        return helpers.call("compare_", node.left, pairs)
