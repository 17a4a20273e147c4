"""AST pieces several converters build: ag__ operator references, lambdas, flags, jump
rewriting. (The converters' own code lives in one module per construct.)"""

import ast

from ..pyct import templates, traversal

# The name the converted code reads the runtime operators (ag.operators) from.
OPERATORS = "ag__"

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_LOOPS = (ast.While, ast.For)


def ag(attr):
    """`ag__.attr`."""
    return ast.Attribute(value=ast.Name(id=OPERATORS, ctx=ast.Load()), attr=attr,
                         ctx=ast.Load())


def call(attr, *args):
    return ast.Call(func=ag(attr), args=list(args), keywords=[])


def lambda_(body):
    """`lambda: body` (the lazy operand of and/or/if_exp/compare/assert)."""
    return ast.Lambda(args=ast.arguments(posonlyargs=[], args=[], vararg=None,
                                         kwonlyargs=[], kw_defaults=[], kwarg=None,
                                         defaults=[]), body=body)


def has_walrus(*nodes):
    """Does any of `nodes` contain `name := value`? Wrapped in a lambda (a lazy operand
    of and/or/if_exp/compare_), the `:=` would bind `name` in the lambda, not in the
    function, so converters leave such an expression as Python: the same meaning on
    Python values, the ag error for a staged truth value on staged ones."""
    return any(isinstance(n, ast.NamedExpr) for node in nodes for n in traversal.walk(node))


def not_(name):
    """`not name` (later made ag__.not_ by the logical expressions converter)."""
    return ast.UnaryOp(op=ast.Not(), operand=ast.Name(id=name, ctx=ast.Load()))


def names_tuple(names):
    """('a', 'b'): the names of a statement's state, for messages and probes."""
    return ast.Tuple(elts=[ast.Constant(value=n) for n in names], ctx=ast.Load())


def function_def(name, body, nonlocals=(), args=(), globals_=()):
    """`def name(args): global ...; nonlocal ...; body` (`pass` for an empty body)."""
    stmts = ([ast.Global(names=sorted(globals_))] if globals_ else []) + \
        ([ast.Nonlocal(names=sorted(nonlocals))] if nonlocals else []) + \
        (body or [ast.Pass()])
    return ast.FunctionDef(
        name=name,
        args=ast.arguments(posonlyargs=[], args=[ast.arg(arg=a) for a in args],
                           vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
                           defaults=[]),
        body=stmts, decorator_list=[], returns=None, type_comment=None)


# --- break / continue ------------------------------------------------------------------------
# Both become a flag set where the jump was and guards on what follows it, up to the end
# of the loop body; only the jumps of the loop being converted count (inner loops were
# converted first, and nested functions have their own).

def contains_jump(stmt, kind):
    """Does `stmt` contain a `kind` (ast.Break/ast.Continue) of the enclosing loop?"""
    if isinstance(stmt, kind):
        return True
    if isinstance(stmt, _LOOPS + _NESTED):
        return False
    return any(contains_jump(child, kind) for child in traversal.children(stmt))


def jump_in_finally(stmts, kind):
    """Is a jump of `kind` inside a `finally` block? It cannot become a flag: a jump out
    of `finally` also discards the exception in flight."""
    for stmt in stmts:
        if isinstance(stmt, _LOOPS + _NESTED):
            continue
        if isinstance(stmt, ast.Try) and any(contains_jump(s, kind)
                                             for s in stmt.finalbody):
            return True
        for field in ("body", "orelse", "handlers", "cases"):
            block = getattr(stmt, field, None)
            if isinstance(block, list) and jump_in_finally(block, kind):
                return True
    return False


def _blocks(stmt):
    """The statement lists of `stmt` a jump may sit in and be replaced (not `finally`)."""
    blocks = [(stmt, f) for f in ("body", "orelse")
              if isinstance(getattr(stmt, f, None), list)]
    blocks += [(h, "body") for h in getattr(stmt, "handlers", [])]
    blocks += [(c, "body") for c in getattr(stmt, "cases", [])]
    return blocks


def replace_jumps(stmts, kind, flag):
    """Replaces the jumps of `kind` in `stmts` by `flag = True` and guards the
    statements after them with `if not flag:`."""
    out = []
    for i, stmt in enumerate(stmts):
        if isinstance(stmt, kind):
            out.extend(ast.copy_location(s, stmt)
                       for s in templates.replace("flag = True", flag=flag))
            return out  # the rest of the block is unreachable
        if not contains_jump(stmt, kind):
            out.append(stmt)
            continue
        for owner, field in _blocks(stmt):
            block = getattr(owner, field)
            if block:
                setattr(owner, field, replace_jumps(block, kind, flag) or [ast.Pass()])
        out.append(stmt)
        rest = stmts[i + 1:]
        if rest:
            rest = replace_jumps(rest, kind, flag)
            guard = ast.If(test=not_(flag), body=rest, orelse=[])
            out.append(ast.copy_location(guard, rest[0]))
        return out
    return out
