"""Names live before a statement list, given the names live after it.

A structural backward analysis over the AST (no explicit CFG): a simple statement kills
what it binds and makes what it reads live; `if` joins both branches; loops iterate to a
fixpoint since the body may run again; `return`/`raise` make nothing after them live,
`break`/`continue` are treated conservatively (what is live after the loop or at its
head stays live).
"""

import ast

from . import activity


def live_in(stmts, live_out):
    live = set(live_out)
    for stmt in reversed(stmts):
        live = _stmt_live_in(stmt, live)
    return live


def _stmt_live_in(stmt, live_out):
    if isinstance(stmt, ast.If):
        return (activity.read(stmt.test) | live_in(stmt.body, live_out)
                | live_in(stmt.orelse, live_out))
    if isinstance(stmt, (ast.While, ast.For)):
        head = activity.read(stmt.test if isinstance(stmt, ast.While) else stmt.iter)
        # A break flag the for loop tests before every iteration (converters/jumps.py).
        if getattr(stmt, "ag_extra_test", None):
            head = head | {stmt.ag_extra_test}
        live = set(live_out) | head
        for _ in range(3):  # the body can reach its own head: iterate to a fixpoint
            target = set()
            if isinstance(stmt, ast.For):
                target = activity.modified(stmt.target)
            body_in = live_in(stmt.body, live) - target
            new = live | body_in | live_in(stmt.orelse, live_out)
            if new == live:
                break
            live = new
        return live
    if isinstance(stmt, (ast.Return, ast.Raise)):
        return activity.read(stmt)
    if isinstance(stmt, (ast.Try,)):
        return live_in(stmt.body, live_out) | live_out | activity.read(stmt)
    if isinstance(stmt, ast.With):
        return activity.read(stmt.items) | live_in(stmt.body, live_out)
    reads, writes, _ = activity.analyze(stmt)
    if isinstance(stmt, ast.AugAssign):
        return (set(live_out) - set()) | reads
    return (set(live_out) - writes) | reads
