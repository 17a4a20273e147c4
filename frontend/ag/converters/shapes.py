"""`x.shape` -> ag__.shape_of(x).

numpy code reads sizes as ints (`np.zeros((x.shape[0], 4))`, `h / x.shape[0]`). A staged
array with dynamic dims (ag.stage(..., dynamic=)) has no int for them while tracing:
shape_of gives each such dim as its staged size (a Dim), and is plain `x.shape` for
everything else. Only loads are rewritten; `self.shape = ...` stays an assignment.
"""

import ast

from ..pyct import transformer
from . import helpers


class ShapeTransformer(transformer.Base):
    def visit_Attribute(self, node):
        self.generic_visit(node)
        if node.attr != "shape" or not isinstance(node.ctx, ast.Load):
            return node
        return ast.copy_location(helpers.call("shape_of", node.value), node)
