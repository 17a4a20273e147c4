"""Converts a Python function so its control flow dispatches at run time (AutoGraph).

    converted = convert(fn)          # or fn itself when its source is unavailable

A lambda is converted as `def ag__lambda(<its parameters>): return <its expression>`
(pyct.parser finds it in its statement's source; several lambdas of one line with the
same parameters that Python's recorded columns cannot tell apart run unconverted).

One converter per construct (ag.converters), applied in the order of PIPELINE, with the
static analyses run where the list says. Set AG_LOG=convert to print the converted
source of every function ag converts.
"""

import ast
import sys

from . import _location, operators
from ._log import enabled
from .converters import (asserts, break_statements, call_trees, comparisons,
                         conditional_expressions, continue_statements, control_flow,
                         functions, lists, logical_expressions, return_statements, shapes)
from .pyct import activity, liveness, loader, parser, reaching_definitions, transformer, traversal

ConversionError = transformer.ConversionError


def _analyze(node, ctx):
    """Annotates the function for the control-flow converter: names live before/after
    each statement, definitions reaching each statement (see converters/control_flow)."""
    liveness.annotate(node)
    reaching_definitions.annotate(node)
    return node


# The order matters; each step sees what the ones before it made.
PIPELINE = [
    # Generators are rejected before anything else looks at the function; writes to
    # global/nonlocal names get their checks while assignments are still the user's.
    functions.FunctionTransformer,
    # Jumps become flags and guards, so that later every loop and branch is a block
    # with one entry and one exit. `return` goes first: inside a loop it becomes a flag
    # plus a `break`, which the break converter then lowers with the user's breaks (and
    # which skips the loop's `else`, as a return does). The break converter also lowers
    # loop `else` blocks into an `if` on its flag; continue comes after it, when the
    # `else` is out of the way.
    return_statements.ReturnTransformer,
    break_statements.BreakTransformer,
    continue_statements.ContinueTransformer,
    # Statement-level rewrites of single constructs, before control flow moves blocks
    # into functions: they turn list and array updates into rebindings (which control
    # flow must carry) and calls into converted_call (control flow's own ag__ calls are
    # made after it, so they are never wrapped).
    asserts.AssertTransformer,
    lists.ListTransformer,
    call_trees.CallTreeTransformer,
    # `x.shape` reads dynamic dims as staged sizes (after call_trees: its own ag__ call
    # is not wrapped).
    shapes.ShapeTransformer,
    # The analyses see the function as control flow will: jumps are flags, list updates
    # rebindings.
    _analyze,
    control_flow.ControlFlowTransformer,
    # Expression rewrites last: they also convert the Python expressions the converters
    # above generated (`not break_ and cond` in a loop test, `not do_return`).
    conditional_expressions.ConditionalExpressionTransformer,
    logical_expressions.LogicalExpressionTransformer,
    comparisons.ComparisonTransformer,
]


class _Context(transformer.Context):
    """What converters share while converting one function."""

    def __init__(self, node, filename):
        super().__init__(node, filename)
        self.namer.new_symbol("ag__")  # reserved: the operators module
        _, assigned, _ = activity.analyze(node.body)
        self.all_assigned = assigned
        # The flags the return, break and continue converters introduce (do_return,
        # break_, ...): loop operators may stage them even where a user's Python number
        # must stay one.
        self.flags = set()
        self._scopes = []

    def enter_function(self, node):
        params = {a.arg for a in node.args.args + node.args.kwonlyargs +
                  node.args.posonlyargs}
        params |= {a.arg for a in (node.args.vararg, node.args.kwarg) if a}
        globals_, nonlocals = set(), set()
        for stmt in traversal.walk(node):
            if isinstance(stmt, ast.Global):
                globals_.update(stmt.names)
            elif isinstance(stmt, ast.Nonlocal):
                nonlocals.update(stmt.names)
        self._scopes.append({"params": params, "declared": globals_ | nonlocals,
                             "globals": globals_, "user_nonlocals": nonlocals,
                             "nonlocals": set()})

    def exit_function(self, node):
        scope = self._scopes.pop()
        undefined = sorted(scope["nonlocals"] - scope["params"] - scope["declared"]
                           - self.generated)
        # Names a branch/loop function writes `nonlocal` that only some paths define
        # before the statement (control_flow._finish): bound here, so the paths that do
        # not define them read Undefined (an error on use that names the variable).
        inits = [ast.parse(f"{n} = ag__.Undefined({n!r})").body[0] for n in undefined]
        for init in inits:
            ast.copy_location(init, node.body[0])
            ast.fix_missing_locations(init)
        docstring = (node.body and isinstance(node.body[0], ast.Expr)
                     and isinstance(node.body[0].value, ast.Constant)
                     and isinstance(node.body[0].value.value, str))
        node.body[1 if docstring else 0:1 if docstring else 0] = inits

    def nonlocals(self):
        return self._scopes[-1]["nonlocals"]

    def scope_globals(self):
        """Names the function declares global or nonlocal."""
        return self._scopes[-1]["declared"] if self._scopes else set()

    def declared(self, kind):
        """Names the function declares `kind` ("globals" or "user_nonlocals")."""
        return self._scopes[-1][kind] if self._scopes else set()


def convert(fn):
    """The converted function, or `fn` unchanged when it has no Python source."""
    converted = _convert(fn)
    if converted is None:
        return fn
    node, filename = converted
    if enabled("convert"):
        print(f"# ag: converted {fn.__qualname__} ({filename})\n{ast.unparse(node)}",
              file=sys.stderr)
    return loader.load(node, fn, filename, {"ag__": operators})


def source(fn):
    """The converted source of `fn` (None without Python source): converted again, as
    the text is for reading only (unparsing it at every conversion cost a few
    milliseconds of each first call)."""
    converted = _convert(fn)
    return ast.unparse(converted[0]) if converted is not None else None


def _convert(fn):
    """(converted FunctionDef, file name), or None when `fn` has no Python source."""
    try:
        node, filename = parser.parse_function(fn)
    except parser.SourceUnavailable as e:
        code = getattr(fn, "__code__", None)
        if code is not None:
            _location.unconverted[code] = str(e) or "no source"
        return None
    ctx = _Context(node, filename)
    for step in PIPELINE:
        if isinstance(step, type):
            node = step(ctx).visit(node)
        else:
            node = step(node, ctx)
    return node, filename
