"""Conditional and logical expressions -> lazy ag__ operator calls.

`a if c else b` -> ag__.if_exp(c, lambda: a, lambda: b, loc); `a and b` ->
ag__.and_(lambda: a, lambda: b) (lazy, returns an operand, as Python does); `not a` ->
ag__.not_(a); `range(...)` -> ag__.range_(...) (a staged bound makes a staged range).
"""

import ast


def _lambda(body):
    return ast.Lambda(args=ast.arguments(posonlyargs=[], args=[], vararg=None,
                                         kwonlyargs=[], kw_defaults=[], kwarg=None,
                                         defaults=[]), body=body)


def _ag(attr):
    return ast.Attribute(value=ast.Name(id="ag__", ctx=ast.Load()), attr=attr,
                         ctx=ast.Load())


class ExpressionTransformer(ast.NodeTransformer):
    def __init__(self, ctx):
        self.ctx = ctx

    def visit_IfExp(self, node):
        self.generic_visit(node)
        loc = ast.Tuple(elts=[ast.Constant(self.ctx.filename), ast.Constant(node.lineno),
                              ast.Constant(node.col_offset + 1)], ctx=ast.Load())
        new = ast.Call(func=_ag("if_exp"), args=[node.test, _lambda(node.body),
                                                 _lambda(node.orelse), loc], keywords=[])
        return ast.copy_location(new, node)

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        op = "and_" if isinstance(node.op, ast.And) else "or_"
        # a and b and c == and_(a, lambda: and_(b, lambda: c)): evaluated left to right.
        result = node.values[-1]
        for value in reversed(node.values[:-1]):
            result = ast.Call(func=_ag(op), args=[_lambda(value), _lambda(result)],
                              keywords=[])
        return ast.copy_location(result, node)

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return ast.copy_location(
                ast.Call(func=_ag("not_"), args=[node.operand], keywords=[]), node)
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        if (isinstance(node.func, ast.Name) and node.func.id == "range"
                and "range" not in self.ctx.all_assigned):
            node.func = ast.copy_location(_ag("range_"), node.func)
        return node
