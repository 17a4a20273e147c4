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

    def visit_FunctionDef(self, node):
        bound = {a.arg for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs}
        bound |= {n.id for n in ast.walk(node)
                  if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        bound -= {n for s in ast.walk(node) if isinstance(s, (ast.Global, ast.Nonlocal))
                  for n in s.names}
        self._locals = getattr(self, "_locals", []) + [bound]
        self.generic_visit(node)
        self._locals.pop()
        return node

    def _local_method_call(self, node, method):
        """The receiver's name if `node` is `name.method(...)` on a local variable."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == method and isinstance(node.func.value, ast.Name) and \
                not node.keywords and self._locals and node.func.value.id in self._locals[-1]:
            return node.func.value.id
        return None

    def visit_Expr(self, node):
        # lst.append(v) -> lst = ag__.list_append(lst, v); lst.pop() -> lst = ...[0]: the
        # list becomes state a staged loop can carry (AutoGraph's list conversion).
        name = self._local_method_call(node.value, "append")
        if name and len(node.value.args) == 1:
            args = [self.visit(a) for a in node.value.args]
            call = ast.Call(func=_ag("list_append"),
                            args=[ast.Name(id=name, ctx=ast.Load())] + args, keywords=[])
            new = ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=call)
            return ast.copy_location(new, node)
        name = self._local_method_call(node.value, "pop")
        if name:
            args = [self.visit(a) for a in node.value.args]
            call = ast.Call(func=_ag("list_pop"),
                            args=[ast.Name(id=name, ctx=ast.Load())] + args, keywords=[])
            first = ast.Subscript(value=call, slice=ast.Constant(0), ctx=ast.Load())
            new = ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=first)
            return ast.copy_location(new, node)
        self.generic_visit(node)
        return node

    def visit_Assign(self, node):
        pop = self._local_method_call(node.value, "pop")
        if pop and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            # v = lst.pop() -> lst, v = ag__.list_pop(lst)
            args = [self.visit(a) for a in node.value.args]
            call = ast.Call(func=_ag("list_pop"),
                            args=[ast.Name(id=pop, ctx=ast.Load())] + args, keywords=[])
            targets = ast.Tuple(elts=[ast.Name(id=pop, ctx=ast.Store()), node.targets[0]],
                                ctx=ast.Store())
            return ast.copy_location(ast.Assign(targets=[targets], value=call), node)
        self.generic_visit(node)
        target = node.targets[0] if len(node.targets) == 1 else None
        if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                and self._locals and target.value.id in self._locals[-1]):
            return node
        # x[k] = v -> x = ag__.setitem_(x, k, v): a numpy array given a staged value (or
        # index) becomes a staged array, as x would hold a staged value had it been one.
        name = target.value.id
        call = ast.Call(func=_ag("setitem_"),
                        args=[ast.Name(id=name, ctx=ast.Load()), _index_expr(target.slice),
                              node.value], keywords=[])
        new = ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=call)
        return ast.copy_location(new, node)

    def visit_Assert(self, node):
        self.generic_visit(node)
        loc = ast.Tuple(elts=[ast.Constant(self.ctx.filename), ast.Constant(node.lineno),
                              ast.Constant(node.col_offset + 1)], ctx=ast.Load())
        message = _lambda(node.msg) if node.msg is not None else ast.Constant(None)
        call = ast.Call(func=_ag("assert_"), args=[node.test, message, loc], keywords=[])
        return ast.copy_location(ast.Expr(value=call), node)

    def visit_List(self, node):
        # [..] -> ag__.new_list([..]): list_append knows the staged region it was made in.
        self.generic_visit(node)
        if not isinstance(getattr(node, "ctx", ast.Load()), ast.Load):
            return node  # an assignment target: [a, b] = ...
        return ast.copy_location(ast.Call(func=_ag("new_list"), args=[node], keywords=[]),
                                 node)

    visit_ListComp = visit_List

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
                root.id in ("np", "numpy", "ag", "math", "ag__") and \
                root.id not in self.ctx.all_assigned:
            return node  # library calls (and the converters' own) run as they are
        # Anything else may be a user function: ag__.converted_call converts it first.
        args = ast.Tuple(elts=node.args, ctx=ast.Load())
        # f(**d) is a None key in the dict display, as in Python's own AST.
        kwargs = ast.Dict(keys=[ast.Constant(value=k.arg) if k.arg else None
                                for k in node.keywords],
                          values=[k.value for k in node.keywords])
        new = ast.Call(func=_ag("converted_call"), args=[node.func, args, kwargs],
                       keywords=[])
        return ast.copy_location(new, node)


def _index_expr(node):
    """A subscript's index as an expression (slices become slice(...) calls)."""
    if isinstance(node, ast.Slice):
        parts = [p if p is not None else ast.Constant(None)
                 for p in (node.lower, node.upper, node.step)]
        return ast.Call(func=ast.Name(id="slice", ctx=ast.Load()), args=parts, keywords=[])
    if isinstance(node, ast.Tuple):
        return ast.Tuple(elts=[_index_expr(e) for e in node.elts], ctx=ast.Load())
    return node


# Builtins whose behaviour on staged arrays comes from the array protocols (or that never
# see arrays): called directly, without converted_call's check.
_PLAIN_BUILTINS = {"abs", "isinstance", "type", "tuple", "list", "dict", "set",
                   "str", "repr", "getattr", "hasattr", "setattr", "super", "iter", "next",
                   "reversed", "sorted", "sum", "any", "all", "round", "divmod", "id",
                   "hash", "callable", "object"}
