"""Quasi-quotes: code templates with names replaced by AST nodes.

    replace("target = fn(arg)", target="x", fn=ast.Name("f"), arg=node)

String replacements become names; the template's placeholders may appear anywhere a
name can (also as function names in defs and in nonlocal/global lists).
"""

import ast
import copy
import textwrap
from . import traversal


class _Replacer(ast.NodeTransformer):
    def __init__(self, replacements):
        self.replacements = replacements

    def _replacement(self, name, ctx):
        value = self.replacements[name]
        if isinstance(value, str):
            return ast.Name(id=value, ctx=ctx)
        value = copy.deepcopy(value)
        if isinstance(value, ast.Name):
            value.ctx = ctx
        elif isinstance(value, (ast.Tuple, ast.List)) and isinstance(ctx, ast.Store):
            value.ctx = ctx
            for elt in value.elts:
                if isinstance(elt, ast.Name):
                    elt.ctx = ctx
        return value

    def visit_Name(self, node):
        if node.id in self.replacements:
            return self._replacement(node.id, node.ctx)
        return node

    def visit_FunctionDef(self, node):
        self.generic_visit(node)
        if node.name in self.replacements:
            node.name = self.replacements[node.name]
        return node

    def visit_Nonlocal(self, node):
        node.names = [self.replacements.get(n, n) for n in node.names]
        return node

    def visit_arg(self, node):
        if node.arg in self.replacements:
            node.arg = self.replacements[node.arg]
        return node

    def visit_Expr(self, node):
        # A placeholder standing alone as a statement may be replaced by statements.
        if isinstance(node.value, ast.Name) and node.value.id in self.replacements:
            value = self.replacements[node.value.id]
            if isinstance(value, list):
                return copy.deepcopy(value)
        self.generic_visit(node)
        return node


_LOCATION = ("lineno", "col_offset", "end_lineno", "end_col_offset")


def replace(template, **replacements):
    """Statements of `template` with placeholders replaced.

    Template nodes carry no location (they inherit the converted statement's, see
    ast.fix_missing_locations); replacement nodes keep the user's."""
    module = ast.parse(textwrap.dedent(template))
    for node in traversal.walk(module):
        for attr in _LOCATION:
            if hasattr(node, attr):
                delattr(node, attr)
    body = [_Replacer(replacements).visit(stmt) for stmt in module.body]
    out = []
    for stmt in body:
        out.extend(stmt if isinstance(stmt, list) else [stmt])
    return out


def replace_as_expression(template, **replacements):
    (stmt,) = replace(template, **replacements)
    return stmt.value
