"""`a if c else b` -> ag__.if_exp(c, lambda: a, lambda: b, loc).

Both branches stay lazy, as in Python: on a Python condition only the taken one runs;
on a staged one both are traced into one staged select/scf.if.
"""

from ..pyct import transformer
from . import helpers


class ConditionalExpressionTransformer(transformer.Base):
    def visit_IfExp(self, node):
        self.generic_visit(node)
        if helpers.has_walrus(node.body, node.orelse):
            return node  # see helpers.has_walrus (the test is not wrapped in a lambda)
        return helpers.call("if_exp", node.test, helpers.lambda_(node.body),
                            helpers.lambda_(node.orelse), self.loc(node))
