"""The converters' tree walks are ast's, made faster (pyct.traversal, transformer.Base):
checked against ast's own on real code -- every module of numpy's and ag's Python
sources -- so a fast path that skipped or reordered a node would show here, not as a
program converted differently."""

import ast
import glob
import os

import numpy as np
import pytest

import ag
from ag.pyct import transformer, traversal


def _sources():
    roots = [os.path.dirname(ag.__file__), os.path.join(os.path.dirname(np.__file__), "core")]
    files = sorted(f for r in roots for f in glob.glob(os.path.join(r, "**", "*.py"),
                                                         recursive=True))
    assert len(files) > 50
    return files


def _tree(path):
    with open(path, encoding="utf-8") as f:
        return ast.parse(f.read(), path)


_SINGLETONS = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)


def _nodes(nodes):
    """ast's walk or children without the context and operator singletons (which
    pyct.traversal leaves out)."""
    return [n for n in nodes if not isinstance(n, _SINGLETONS)]


@pytest.mark.parametrize("path", _sources()[::7])
def test_walk_and_children_are_ast_s(path):
    tree = _tree(path)
    assert [id(n) for n in traversal.walk(tree)] == [id(n) for n in _nodes(ast.walk(tree))]
    for node in ast.walk(tree):
        assert traversal.children(node) == _nodes(ast.iter_child_nodes(node))


class _Rewrites:
    """Visits that replace, drop, expand and keep nodes, as converters do."""

    def visit_Constant(self, node):  # a leaf with a visit of its own is visited
        if isinstance(node.value, int) and not isinstance(node.value, bool):
            return ast.Constant(value=node.value + 1)
        return node

    def visit_Pass(self, node):
        return None  # dropped from its block

    def visit_Expr(self, node):
        self.generic_visit(node)
        return [node, ast.Expr(value=ast.Constant(value="after"))]  # one becomes two

    def visit_Attribute(self, node):
        self.generic_visit(node)
        return ast.Subscript(value=node.value, slice=ast.Constant(value=node.attr),
                             ctx=node.ctx)


class _Reference(_Rewrites, ast.NodeTransformer):
    pass


class _Fast(_Rewrites, transformer.Base):
    pass


class _StatementsOnly(_Fast):
    STATEMENTS_ONLY = True


@pytest.mark.parametrize("path", _sources()[3::7])
def test_base_transforms_as_ast_node_transformer(path):
    want = _Reference().visit(_tree(path))
    got = _Fast(transformer.Context(_tree(path), path)).visit(_tree(path))
    assert ast.dump(got) == ast.dump(want)


def test_statements_only_leaves_expressions_alone():
    source = "def f(x):\n    pass\n    y = x.a + 1\n    if x.b:\n        g(2)\n"
    tree = _StatementsOnly(transformer.Context(ast.parse(source), "f.py")).visit(
        ast.parse(source))
    # Statements are rewritten (pass dropped, the call's statement doubled), in nested
    # blocks too; no expression is entered (no +1, no attribute rewritten).
    assert ast.unparse(tree) == ("def f(x):\n    y = x.a + 1\n    if x.b:\n        g(2)\n"
                                 "        'after'")


def test_node_memo_computes_once_per_node_and_per_list():
    calls = []
    memo = traversal.NodeMemo(lambda node: calls.append(node) or len(calls))
    tree = ast.parse("a = b\nc = d")
    first, second = tree.body
    assert memo(first) == memo(first) == 1
    assert memo(second) == 2
    assert memo(tree.body) == memo(list(tree.body)) == 3  # a list by its items
    assert memo([second, first]) == 4
    assert len(calls) == 4


def test_node_memo_keeps_its_nodes_alive():
    # An id is unique only while its object lives: a memo keyed by id must hold the
    # node, or a new node allocated at the old address would get the old result.
    memo = traversal.NodeMemo(lambda node: node.id)
    for name in ("x", "y", "z"):
        assert memo(ast.Name(id=name, ctx=ast.Load())) == name


def test_base_leaves_are_the_walk_singletons_plus_names_and_constants():
    assert set(traversal.SINGLETONS) <= set(transformer._LEAVES)
