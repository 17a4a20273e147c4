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
from . import naming

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
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        names |= {n.arg for n in ast.walk(node) if isinstance(n, ast.arg)}
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
    for child in ast.walk(new):
        if "lineno" in child._attributes and not hasattr(child, "lineno"):
            for attr in _LOCATION:
                if hasattr(node, attr):
                    setattr(child, attr, getattr(node, attr))
    return new


class Base(ast.NodeTransformer):
    """A NodeTransformer that keeps locations and knows the conversion context."""

    def __init__(self, ctx):
        self.ctx = ctx

    def visit(self, node):
        result = super().visit(node)
        if result is node or result is None:
            return result
        for new in result if isinstance(result, list) else [result]:
            if isinstance(new, ast.AST):
                inherit_location(new, node)
        return result

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
