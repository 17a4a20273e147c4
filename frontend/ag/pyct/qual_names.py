"""Qualified names: `a`, `a.b`, `a[0]`, `a['k']`, `a[i]` as hashable values.

A QN names a storage location the analyses can reason about: a simple name, an attribute
of a QN, or a QN subscripted by a constant (`Literal`) or by a simple name. `resolve`
annotates every Name/Attribute/Subscript node of a tree whose expression has such a form
with its QN (anno key QN); other expressions (`a[i + 1]`, `f().b`) get none, but their
qualifiable parts do (`a`, `i`, `f`).

    qn = QN(QN(QN("a"), attr="b"), subscript=QN("i"))     # a.b[i]
    qn.root == QN("a"); qn.support_set == {QN("a"), QN("i")}
"""

import ast

from . import anno, traversal

ANNO_KEY = "qn"


class Literal:
    """A constant subscript (an int or a str)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return isinstance(other, Literal) and type(self.value) is type(other.value) \
            and self.value == other.value

    def __hash__(self):
        return hash((Literal, type(self.value), self.value))

    def __repr__(self):
        return repr(self.value)


class QN:
    """A qualified name. `QN("a")`, `QN(parent, attr="b")` or `QN(parent, subscript=s)`
    with `s` a Literal or a simple QN."""

    __slots__ = ("_parent", "_attr", "_subscript", "_name", "_key")

    def __init__(self, base, attr=None, subscript=None):
        if (attr is None) == (subscript is None) and not isinstance(base, str):
            raise ValueError("a composite QN has exactly one of attr and subscript")
        if isinstance(base, str):
            if attr is not None or subscript is not None:
                raise ValueError("the base of a composite QN is a QN, not a string")
            self._parent, self._attr, self._subscript, self._name = None, None, None, base
            self._key = (base,)
            return
        if subscript is not None and not (isinstance(subscript, Literal)
                                          or (isinstance(subscript, QN)
                                              and subscript.is_simple)):
            raise ValueError(f"a subscript must be a Literal or a simple QN: {subscript!r}")
        self._parent, self._attr, self._subscript, self._name = base, attr, subscript, None
        self._key = (base._key, "." if attr is not None else "[]",
                     attr if attr is not None else subscript)

    # --- structure ----------------------------------------------------------------------
    @property
    def is_simple(self):
        return self._parent is None

    @property
    def is_composite(self):
        return self._parent is not None

    @property
    def has_attr(self):
        return self._attr is not None

    @property
    def has_subscript(self):
        return self._subscript is not None

    @property
    def parent(self):
        return self._parent

    @property
    def attr(self):
        return self._attr

    @property
    def subscript(self):
        return self._subscript

    @property
    def root(self):
        """The simple QN this one qualifies (`a` for `a.b[0]`)."""
        qn = self
        while qn._parent is not None:
            qn = qn._parent
        return qn

    @property
    def name(self):
        """The root's identifier."""
        return self.root._name

    @property
    def support_set(self):
        """The simple names evaluating this QN reads: its root and its name subscripts."""
        names = {self.root}
        qn = self
        while qn._parent is not None:
            if isinstance(qn._subscript, QN):
                names.add(qn._subscript)
            qn = qn._parent
        return names

    def prefixes(self):
        """This QN and its parents, outermost first (`a`, `a.b`, `a.b[0]`)."""
        chain = []
        qn = self
        while qn is not None:
            chain.append(qn)
            qn = qn._parent
        return chain[::-1]

    # --- conversion ---------------------------------------------------------------------
    def ast(self, ctx=None):
        """An expression node evaluating this QN."""
        ctx = ctx or ast.Load()
        if self.is_simple:
            return ast.Name(id=self._name, ctx=ctx)
        if self.has_attr:
            return ast.Attribute(value=self._parent.ast(), attr=self._attr, ctx=ctx)
        index = (ast.Constant(value=self._subscript.value)
                 if isinstance(self._subscript, Literal) else self._subscript.ast())
        return ast.Subscript(value=self._parent.ast(), slice=index, ctx=ctx)

    def __str__(self):
        if self.is_simple:
            return self._name
        if self.has_attr:
            return f"{self._parent}.{self._attr}"
        return f"{self._parent}[{self._subscript}]"

    def __repr__(self):
        return f"QN({str(self)!r})"

    def __eq__(self, other):
        return isinstance(other, QN) and self._key == other._key

    def __hash__(self):
        return hash(self._key)


def _literal(node):
    """The Literal of a constant subscript (ints, incl. negative ones, and strings)."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, str):
        return Literal(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and \
            isinstance(node.operand, ast.Constant) and type(node.operand.value) is int:
        return Literal(-node.operand.value)
    return None


class _Resolver(traversal.Visitor):
    """Annotates nodes bottom-up: a node's QN is built from its children's."""

    def visit_Name(self, node):
        anno.setanno(node, ANNO_KEY, QN(node.id))

    def visit_Attribute(self, node):
        self.generic_visit(node)
        parent = anno.getanno(node.value, ANNO_KEY)
        if parent is not None:
            anno.setanno(node, ANNO_KEY, QN(parent, attr=node.attr))

    def visit_Subscript(self, node):
        self.generic_visit(node)
        parent = anno.getanno(node.value, ANNO_KEY)
        if parent is None:
            return
        index = _literal(node.slice)
        if index is None and isinstance(node.slice, ast.Name):
            index = anno.getanno(node.slice, ANNO_KEY)
        if index is not None:
            anno.setanno(node, ANNO_KEY, QN(parent, subscript=index))


def resolve(node):
    """Annotates `node` and its descendants with their QNs; returns `node`."""
    _Resolver().visit(node)
    return node


def of(node):
    """The QN of an expression node (resolving it if needed), or None."""
    if not anno.hasanno(node, ANNO_KEY):
        resolve(node)
    return anno.getanno(node, ANNO_KEY)


def from_str(text):
    """The QN of a Python expression such as "a.b[0]" (ValueError if it has none)."""
    qn = of(ast.parse(text, mode="eval").body)
    if qn is None:
        raise ValueError(f"{text!r} is not a qualified name")
    return qn
