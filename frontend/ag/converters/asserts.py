"""`assert test, msg` -> ag__.assert_(test, lambda: msg, loc).

The message stays lazy, as in Python (evaluated only when the check fails). On a staged
test the operator records a run-time check that raises AssertionError with the user's
message when the compiled code runs; on a Python test it asserts right away.
"""

import ast

from ..pyct import transformer
from . import helpers


class AssertTransformer(transformer.Base):
    STATEMENTS_ONLY = True  # asserts are statements

    def visit_Assert(self, node):
        self.generic_visit(node)
        message = helpers.lambda_(node.msg) if node.msg is not None else ast.Constant(None)
        return ast.Expr(value=helpers.call("assert_", node.test, message, self.loc(node)))
