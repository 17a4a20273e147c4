"""Converts a Python function so its control flow dispatches at run time (AutoGraph).

    converted = convert(fn)          # or fn itself when its source is unavailable

The converters run in a fixed order (CONVERTERS): expressions first, so that conditions
of if/while are already lazy-operator calls when the statements are rewritten.
Liveness is computed once on the original AST. Set AG_LOG=convert to print the
converted source of every function ag converts.
"""

import ast
import os
import sys

from . import operators
from .converters import control_flow, expressions, jumps, returns, scopes
from .pyct import activity, anno, liveness, loader, naming, parser

# Order matters. Returns, then jumps: `return` and break/continue become flags and
# guards (new statements; returns first since they may sit inside loops one day),
# then liveness is computed on the result (see convert()). Expression rewrites must see
# the original expressions; statement rewrites then move whole blocks (with their
# already rewritten expressions) into functions.
PRE_ANALYSIS = [returns.ReturnTransformer, jumps.JumpTransformer]
CONVERTERS = [scopes.ScopeWriteTransformer, expressions.ExpressionTransformer,
              control_flow.ControlFlowTransformer]


class _Context:
    """What converters share while converting one function."""

    def __init__(self, node, filename):
        _, assigned, _ = activity.analyze(node.body)
        self.filename = filename
        self.all_assigned = assigned
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        self.namer = naming.Namer(names | {"ag__"})
        self.generated = set()
        # The flags the returns and jumps converters introduce (do_return, break_, ...):
        # loop operators may stage them even where a user's Python number must stay one.
        self.flags = set()
        self._scopes = []

    def enter_function(self, node):
        params = {a.arg for a in node.args.args + node.args.kwonlyargs +
                  node.args.posonlyargs}
        params |= {a.arg for a in (node.args.vararg, node.args.kwarg) if a}
        globals_, nonlocals = set(), set()
        for stmt in ast.walk(node):
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
        # Names a branch/loop function writes `nonlocal` need a binding in this function;
        # until the original code assigns them they read as Undefined (an error on use
        # that names the variable).
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


def _annotate_liveness(stmts, live_after):
    live = set(live_after)
    for stmt in reversed(stmts):
        anno.setanno(stmt, "live_out", set(live))
        if isinstance(stmt, ast.If):
            _annotate_liveness(stmt.body, live)
            _annotate_liveness(stmt.orelse, live)
        elif isinstance(stmt, (ast.While, ast.For)):
            head = liveness.live_in([stmt], live)
            _annotate_liveness(stmt.body, head | live)
            _annotate_liveness(stmt.orelse, live)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _annotate_liveness(stmt.body, set())
        elif isinstance(stmt, ast.With):
            _annotate_liveness(stmt.body, live)
        elif isinstance(stmt, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            # Conservative: any handler may run after any part of the body.
            after_body = live | liveness.live_in(stmt.finalbody, live)
            for block in (stmt.finalbody, stmt.orelse):
                _annotate_liveness(block, live)
            for handler in stmt.handlers:
                _annotate_liveness(handler.body, after_body)
            handlers_in = set().union(*(liveness.live_in(h.body, after_body)
                                        for h in stmt.handlers)) if stmt.handlers else set()
            _annotate_liveness(stmt.body, after_body | handlers_in
                               | liveness.live_in(stmt.orelse, after_body))
        live = liveness.live_in([stmt], live)
        anno.setanno(stmt, "live_in", set(live))


class ConversionError(Exception):
    pass


def convert(fn):
    """The converted function, or `fn` unchanged when it has no Python source."""
    try:
        node, filename = parser.parse_function(fn)
    except parser.SourceUnavailable:
        return fn
    for n in ast.walk(node):
        if isinstance(n, (ast.Yield, ast.YieldFrom, ast.Await)):
            raise ConversionError(f"{filename}:{n.lineno}: generators and coroutines "
                                  "cannot be staged")
    node.decorator_list = []
    ctx = _Context(node, filename)
    for converter in PRE_ANALYSIS:
        node = converter(ctx).visit(node)
    ast.fix_missing_locations(node)
    _annotate_liveness(node.body, set())
    for converter in CONVERTERS:
        node = converter(ctx).visit(node)
    ast.fix_missing_locations(node)
    source = ast.unparse(node)
    converted = loader.load(node, fn, filename, {"ag__": operators})
    converted.__ag_source__ = source
    if "convert" in os.environ.get("AG_LOG", "").split(","):
        print(f"# ag: converted {fn.__qualname__} ({filename})\n"
              f"{converted.__ag_source__}", file=sys.stderr)
    return converted
