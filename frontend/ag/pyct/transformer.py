"""The base class of every converter: context, block visits, locations, errors.

    class MyConverter(transformer.Base):
        def visit_While(self, node):
            node.body = self.visit_block(node.body)
            ...
            return [new statements]          # a visit may return several statements

Locations are the source map: the loader compiles the converted tree under the user's
file name, so every generated node must carry the line of the user's statement it stands
for. `Base.visit` gives each node a converter made while visiting a user node (that is,
without a location of its own) the location of that user node, so tracebacks and the
`loc` tuples handed to the runtime name the user's file:line, never generated code.
"""

import ast

from ..errors import AgUnsupportedError
from . import naming, traversal

_LOCATION = ("lineno", "col_offset", "end_lineno", "end_col_offset")


class ConversionError(AgUnsupportedError):
    """A program the converter cannot convert; the message names the user's file:line.
    An ag error like the runtime's (a user catching ag.AgError, or NotImplementedError,
    must also catch `yield` in a converted helper)."""


class Context:
    """What the converters of one function share: its file, a namer whose fresh names
    cannot clash with the function's own, and the names converters have made up."""

    def __init__(self, node, filename):
        self.filename = filename
        names = set()
        for n in traversal.walk(node):
            if isinstance(n, ast.Name):
                names.add(n.id)
            elif isinstance(n, ast.arg):
                names.add(n.arg)
        self.namer = naming.Namer(names)
        self.generated = set()

    def new_symbol(self, base):
        """A fresh name for a helper a converter defines (recorded in `generated`)."""
        name = self.namer.new_symbol(base)
        self.generated.add(name)
        return name


def inherit_location(new, node):
    """Gives `new` and its descendants without a location `node`'s location."""
    if not hasattr(node, "lineno"):
        return new
    for child in traversal.walk(new):
        if "lineno" in child._attributes and not hasattr(child, "lineno"):
            for attr in _LOCATION:
                if hasattr(node, attr):
                    setattr(child, attr, getattr(node, attr))
    return new


# Nodes without children a converter rewrites (names, constants, and the singletons
# of contexts and operators): a converter with no visit method of its own for one of
# them leaves it unvisited. Most of a function's nodes are these.
_LEAVES = (ast.Name, ast.Constant, ast.alias) + traversal.SINGLETONS
# The fields that hold statement blocks (a statements-only converter walks these).
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


class Base(ast.NodeTransformer):
    """A NodeTransformer that keeps locations and knows the conversion context.

    The walk is ast.NodeTransformer's, done faster (conversion time is part of every
    first call; a 40-line stencil has ~3,000 nodes and a dozen converters walk them):
    visit methods are looked up once per node class, leaves without a visit method are
    skipped, and a converter whose constructs are all statements (STATEMENTS_ONLY)
    never enters an expression."""

    # True in converters that rewrite statements only (and whose analyses of a
    # statement walk its expressions themselves): the walk follows statement blocks.
    STATEMENTS_ONLY = False
    # A leaf like the others (ast.NodeVisitor's visit_Constant would look for the
    # deprecated visit_Num & co. on every constant); a converter may define its own.
    visit_Constant = None

    def __init__(self, ctx):
        self.ctx = ctx
        self._methods = {}

    def _method(self, cls):
        try:
            return self._methods[cls]
        except KeyError:
            method = getattr(self, "visit_" + cls.__name__, None)
            if method is None and issubclass(cls, _LEAVES):
                method = False  # skipped
            self._methods[cls] = method
            return method

    def visit(self, node):
        method = self._method(type(node))
        result = method(node) if method else self.generic_visit(node)
        if result is node or result is None:
            return result
        for new in result if isinstance(result, list) else [result]:
            if isinstance(new, ast.AST):
                inherit_location(new, node)
        return result

    def generic_visit(self, node):
        """ast.NodeTransformer.generic_visit: a visit may return None (the node goes), a
        node, or (in a list field) a list of nodes."""
        fields = _BLOCKS if self.STATEMENTS_ONLY else node._fields
        methods = self._methods
        for field in fields:
            old = getattr(node, field, None)
            if isinstance(old, list):
                new = []
                for value in old:
                    if isinstance(value, ast.AST):
                        cls = type(value)
                        method = methods[cls] if cls in methods else self._method(cls)
                        if method is False:
                            new.append(value)
                            continue
                        value = self.visit(value)
                        if value is None:
                            continue
                        if not isinstance(value, ast.AST):
                            new.extend(value)
                            continue
                    new.append(value)
                old[:] = new
            elif isinstance(old, ast.AST):
                if self._method(type(old)) is False:
                    continue
                new_node = self.visit(old)
                if new_node is None:
                    delattr(node, field)
                else:
                    setattr(node, field, new_node)
        return node

    def visit_block(self, stmts):
        """Visits a statement list; visits may return a statement, several, or none."""
        out = []
        for stmt in stmts:
            result = self.visit(stmt)
            if result is None:
                continue
            out.extend(result if isinstance(result, list) else [result])
        return out

    def loc(self, node):
        """`(file, line, column)` of a user node as an expression, for runtime messages
        (column 1-based, as in MLIR locations)."""
        return ast.Tuple(elts=[ast.Constant(value=self.ctx.filename),
                               ast.Constant(value=node.lineno),
                               ast.Constant(value=node.col_offset + 1)], ctx=ast.Load())

    def where(self, node):
        return f"{self.ctx.filename}:{node.lineno}"

    def error(self, node, message):
        """Raises a ConversionError naming the user's file:line of `node`."""
        raise ConversionError(f"{self.where(node)}: {message}")
