"""Conditional and logical expressions -> lazy ag__ operator calls.

`a if c else b` -> ag__.if_exp(c, lambda: a, lambda: b, loc); `a and b` ->
ag__.and_(lambda: a, lambda: b) (lazy, returns an operand, as Python does); `not a` ->
ag__.not_(a); `range(...)` -> ag__.range_(...) (a staged bound makes a staged range);
`print(...)` -> ag__.print_(...) and `assert t, m` -> ag__.assert_(t, lambda: m, loc)
(run-time print/check when staged); `a < b < c` -> ag__.compare_(a, ...) (lazy, like
`and`); other calls -> ag__.converted_call (which also overloads int, float, bool, min,
max, enumerate and zip for staged arguments).
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

    def visit_Assert(self, node):
        self.generic_visit(node)
        loc = ast.Tuple(elts=[ast.Constant(self.ctx.filename), ast.Constant(node.lineno),
                              ast.Constant(node.col_offset + 1)], ctx=ast.Load())
        message = _lambda(node.msg) if node.msg is not None else ast.Constant(None)
        call = ast.Call(func=_ag("assert_"), args=[node.test, message, loc], keywords=[])
        return ast.copy_location(ast.Expr(value=call), node)

    def visit_Compare(self, node):
        self.generic_visit(node)
        if len(node.ops) < 2:
            return node
        # a < b < c -> ag__.compare_(a, [('Lt', lambda: b), ('Lt', lambda: c)]): each
        # operand evaluated once, lazily, as Python does; staged, it chains like `and`.
        pairs = ast.List(elts=[ast.Tuple(elts=[ast.Constant(type(op).__name__),
                                               _lambda(right)], ctx=ast.Load())
                               for op, right in zip(node.ops, node.comparators)],
                         ctx=ast.Load())
        new = ast.Call(func=_ag("compare_"), args=[node.left, pairs], keywords=[])
        return ast.copy_location(new, node)

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return ast.copy_location(
                ast.Call(func=_ag("not_"), args=[node.operand], keywords=[]), node)
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id not in self.ctx.all_assigned:
            if node.func.id in ("range", "print"):
                node.func = ast.copy_location(_ag(node.func.id + "_"), node.func)
                return node
            if node.func.id in _PLAIN_BUILTINS:
                return node
        root = node.func
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root is not node.func and \
                root.id in ("np", "numpy", "ag", "math") and root.id not in self.ctx.all_assigned:
            return node  # library calls run as they are (a cheap, common case)
        # Anything else may be a user function: ag__.converted_call converts it first.
        args = ast.Tuple(elts=node.args, ctx=ast.Load())
        # f(**d) is a None key in the dict display, as in Python's own AST.
        kwargs = ast.Dict(keys=[ast.Constant(value=k.arg) if k.arg else None
                                for k in node.keywords],
                          values=[k.value for k in node.keywords])
        new = ast.Call(func=_ag("converted_call"), args=[node.func, args, kwargs],
                       keywords=[])
        return ast.copy_location(new, node)


# Builtins whose behaviour on staged arrays comes from the array protocols (or that never
# see arrays): called directly, without converted_call's check.
_PLAIN_BUILTINS = {"len", "abs", "isinstance", "type", "tuple", "list", "dict", "set",
                   "str", "repr", "getattr", "hasattr", "setattr", "super", "iter", "next",
                   "reversed", "sorted", "sum", "any", "all", "round", "divmod", "id",
                   "hash", "callable", "object"}
