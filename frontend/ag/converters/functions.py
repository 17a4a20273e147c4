"""The function's scope: what it may not be, and writes that leave it.

Generators and coroutines cannot be staged (a ConversionError naming the line of the
first `yield`/`await`); the converted function drops its decorators (they were applied to the
original; applying them again, ag.stage say, would wrap the converted code a second time).

Writes to `global` / `nonlocal` names -> a check after each write.

    def f(x):                       def f(x):
        global total                    global total
        total = x.sum()     ->          total = ag__.check_scope_write(x.sum(), 'total',
                                                                      'global', loc)
        n += 1              ->          n += 1
                                        ag__.check_scope_write(n, 'n', 'global', loc)

A staged value stored outside the function would outlive its trace, and a write inside
staged control flow would happen on every path while tracing: both change the program's
meaning, so operators.check_scope_write raises an ag error naming the variable and line.
"""

import ast

from ..pyct import templates, transformer, traversal


def _targets(node):
    if isinstance(node, ast.Assign):
        return node.targets
    return [node.target]


def _names(target):
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for e in target.elts for n in _names(e)]
    if isinstance(target, ast.Starred):
        return _names(target.value)
    return []


class FunctionTransformer(transformer.Base):
    STATEMENTS_ONLY = True  # defs and assignments are statements

    def __init__(self, ctx):
        super().__init__(ctx)
        self._declared = [{}]

    def visit_FunctionDef(self, node):
        if len(self._declared) == 1:  # the converted function itself
            for n in traversal.walk(node):
                if isinstance(n, (ast.Yield, ast.YieldFrom, ast.Await)):
                    self.error(n, "generators and coroutines cannot be staged")
            node.decorator_list = []
        declared = {}
        for stmt in traversal.walk(node):
            if isinstance(stmt, ast.Global):
                declared.update(dict.fromkeys(stmt.names, "global"))
            elif isinstance(stmt, ast.Nonlocal):
                declared.update(dict.fromkeys(stmt.names, "nonlocal"))
        self._declared.append(declared)
        self.generic_visit(node)
        self._declared.pop()
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def _assignment(self, node):
        self.generic_visit(node)
        declared = self._declared[-1]
        written = [n for t in _targets(node) for n in _names(t) if n in declared]
        if not written:
            return node
        loc = self.loc(node)
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name):
            # `g = value`: checked before the write, so `g` keeps its old value on error.
            name = node.targets[0].id
            node.value = templates.replace_as_expression(
                "ag__.check_scope_write(value, label, kind, loc)", value=node.value,
                label=ast.Constant(name), kind=ast.Constant(declared[name]), loc=loc)
            return node
        checks = []
        for name in written:
            checks += templates.replace(
                "ag__.check_scope_write(name, label, kind, loc)",
                name=ast.Name(id=name, ctx=ast.Load()), label=ast.Constant(name),
                kind=ast.Constant(declared[name]), loc=loc)
        return [node] + checks

    visit_Assign = visit_AugAssign = visit_AnnAssign = _assignment
