"""Names live before a statement list, given the names live after it.

A structural backward analysis over the AST (no explicit CFG): a simple statement kills
what it binds and makes what it reads live; `if` joins both branches; loops iterate to a
fixpoint since the body may run again; `return`/`raise` make nothing after them live,
`break`/`continue` are treated conservatively (what is live after the loop or at its
head stays live). `annotate` records the result on every statement of a function
(anno.LIVE_IN / anno.LIVE_OUT) for the converters.
"""

import ast

from . import activity, anno


def live_in(stmts, live_out):
    live = set(live_out)
    for stmt in reversed(stmts):
        live = _stmt_live_in(stmt, live)
    return live


def _loop_head_reads(stmt):
    head = activity.read(stmt.test if isinstance(stmt, ast.While) else stmt.iter)
    extra = anno.getanno(stmt, anno.EXTRA_LOOP_TEST)
    return head | activity.read(extra) if extra is not None else head


def _stmt_live_in(stmt, live_out):
    if isinstance(stmt, ast.If):
        return (activity.read(stmt.test) | live_in(stmt.body, live_out)
                | live_in(stmt.orelse, live_out))
    if isinstance(stmt, (ast.While, ast.For)):
        live = set(live_out) | _loop_head_reads(stmt)
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
        return set(live_out) | reads
    return (set(live_out) - writes) | reads


def annotate(node):
    """Annotates every statement of FunctionDef `node` (nested defs included, each with
    nothing live at its end) with the names live before and after it."""
    _annotate(node.body, set())
    return node


def _annotate(stmts, live_after):
    live = set(live_after)
    for stmt in reversed(stmts):
        anno.setanno(stmt, anno.LIVE_OUT, set(live))
        if isinstance(stmt, ast.If):
            _annotate(stmt.body, live)
            _annotate(stmt.orelse, live)
        elif isinstance(stmt, (ast.While, ast.For)):
            head = live_in([stmt], live)
            _annotate(stmt.body, head | live)
            _annotate(stmt.orelse, live)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _annotate(stmt.body, set())
        elif isinstance(stmt, ast.With):
            _annotate(stmt.body, live)
        elif isinstance(stmt, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            # Conservative: any handler may run after any part of the body.
            after_body = live | live_in(stmt.finalbody, live)
            for block in (stmt.finalbody, stmt.orelse):
                _annotate(block, live)
            for handler in stmt.handlers:
                _annotate(handler.body, after_body)
            handlers_in = set().union(*(live_in(h.body, after_body)
                                        for h in stmt.handlers)) if stmt.handlers else set()
            _annotate(stmt.body, after_body | handlers_in
                      | live_in(stmt.orelse, after_body))
        live = live_in([stmt], live)
        anno.setanno(stmt, anno.LIVE_IN, set(live))
