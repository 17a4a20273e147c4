"""ast.walk and ast.iter_child_nodes, faster, for the converters.

Conversion walks the function's tree many times (each converter, each analysis, each
location fix-up), and ast's versions build a generator per node and per field: on a
40-line stencil they were a third of the conversion. These yield the same nodes in the
same order, except the attribute-less singletons of contexts and operators (ast.Load,
ast.Add, ...: a third of an expression tree's nodes), which no converter looks for as
nodes -- they read them as `node.ctx` and `node.op`.
"""

import ast
from collections import deque

# Never yielded (see above).
SINGLETONS = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)
# Per node class, the fields that may hold nodes: ast's scalar fields (names, numbers,
# flags, a Constant's value) left out.
_SCALARS = {"id", "attr", "arg", "name", "asname", "module", "level", "kind",
            "type_comment", "conversion", "is_async", "simple", "tag"}
_FIELDS = {}


def _fields(cls):
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = _FIELDS[cls] = tuple(f for f in cls._fields if f not in _SCALARS and
                                      not (cls is ast.Constant and f == "value"))
    return fields


def children(node):
    """The direct children of `node`, as ast.iter_child_nodes yields them (singletons
    left out)."""
    out = []
    for name in _FIELDS.get(node.__class__) or _fields(node.__class__):
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            if not isinstance(value, SINGLETONS):
                out.append(value)
        elif isinstance(value, list):
            out.extend(item for item in value
                       if isinstance(item, ast.AST) and not isinstance(item, SINGLETONS))
    return out


def walk(node):
    """`node` and its descendants, breadth first, as ast.walk yields them (singletons
    left out)."""
    todo = deque((node,))
    pop, extend = todo.popleft, todo.extend
    while todo:
        node = pop()
        extend(children(node))
        yield node


class Visitor(ast.NodeVisitor):
    """ast.NodeVisitor, faster: the visit method of a node class is found once per
    visitor class, the children come from `children` (no singletons: visitors read
    `node.ctx`), and constants are leaves (NodeVisitor's visit_Constant looks for the
    deprecated visit_Num & co. on every constant)."""

    _dispatch = {}  # (visitor class, node class) -> unbound visit method or None

    def visit(self, node):
        key = (self.__class__, node.__class__)
        try:
            method = Visitor._dispatch[key]
        except KeyError:
            method = Visitor._dispatch[key] = getattr(
                self.__class__, "visit_" + node.__class__.__name__, None)
        if method is None:
            return self.generic_visit(node)
        return method(self, node)

    def generic_visit(self, node):
        for child in children(node):
            self.visit(child)

    def visit_Constant(self, node):
        pass


class NodeMemo:
    """`fn(node)` computed once per node, or per list of nodes, for one analysis of a
    tree that does not change while it runs (an analysis that iterates loops to a
    fixpoint asks for the same node's facts many times). Keyed by identity; each entry
    keeps its node alive, so no new object can reuse an id while the memo lives."""

    __slots__ = ("_fn", "_entries")

    def __init__(self, fn):
        self._fn = fn
        self._entries = {}

    def __call__(self, node):
        key = tuple(map(id, node)) if isinstance(node, list) else id(node)
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = (node, self._fn(node))
        return entry[1]
