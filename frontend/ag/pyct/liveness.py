"""Names live before a statement list, given the names live after it.

A structural backward analysis over the AST (no explicit CFG): a simple statement kills
what it binds and makes what it reads live; `if` joins both branches; loops iterate to a
fixpoint since the body may run again; `return`/`raise` make nothing after them live,
`break`/`continue` are treated conservatively (what is live after the loop or at its
head stays live). `annotate` records the result on every statement of a function
(anno.LIVE_IN / anno.LIVE_OUT) for the converters.
"""

import ast

from . import activity, anno, traversal


def annotate(node):
    """Annotates every statement of FunctionDef `node` (nested defs included, each with
    nothing live at its end) with the names live before and after it."""
    _Liveness().annotate(node.body, set())
    return node


class _Liveness:
    """One analysis of an unchanging tree. The reads and writes of a statement or
    expression are computed once (a loop's live-in is iterated to a fixpoint, and
    annotating a loop nest recomputes its inner loops' live-ins at every level: without
    the memo, analysing a 3-deep stencil walked its innermost statements hundreds of
    times), and so is a statement's live-in for a given live-out."""

    def __init__(self):
        self._analyze = traversal.NodeMemo(activity.analyze)
        self._live_in = {}

    def _read(self, node):
        return self._analyze(node)[0]

    def live_in(self, stmts, live_out):
        live = set(live_out)
        for stmt in reversed(stmts):
            live = self._stmt_live_in(stmt, live)
        return live

    def _loop_head_reads(self, stmt):
        head = self._read(stmt.test if isinstance(stmt, ast.While) else stmt.iter)
        extra = anno.getanno(stmt, anno.EXTRA_LOOP_TEST)
        return head | self._read(extra) if extra is not None else head

    def _stmt_live_in(self, stmt, live_out):
        key = (id(stmt), frozenset(live_out))
        live = self._live_in.get(key)
        if live is None:
            live = self._live_in[key] = self._compute_live_in(stmt, live_out)
        return set(live)

    def _compute_live_in(self, stmt, live_out):
        if isinstance(stmt, ast.If):
            return (self._read(stmt.test) | self.live_in(stmt.body, live_out)
                    | self.live_in(stmt.orelse, live_out))
        if isinstance(stmt, (ast.While, ast.For)):
            live = set(live_out) | self._loop_head_reads(stmt)
            for _ in range(3):  # the body can reach its own head: iterate to a fixpoint
                target = set()
                if isinstance(stmt, ast.For):
                    target = self._analyze(stmt.target)[1]
                body_in = self.live_in(stmt.body, live) - target
                new = live | body_in | self.live_in(stmt.orelse, live_out)
                if new == live:
                    break
                live = new
            return live
        if isinstance(stmt, (ast.Return, ast.Raise)):
            return self._read(stmt)
        if isinstance(stmt, (ast.Try,)):
            return self.live_in(stmt.body, live_out) | live_out | self._read(stmt)
        if isinstance(stmt, ast.With):
            return self._read(stmt.items) | self.live_in(stmt.body, live_out)
        reads, writes, _ = self._analyze(stmt)
        if isinstance(stmt, ast.AugAssign):
            return set(live_out) | reads
        return (set(live_out) - writes) | reads

    def annotate(self, stmts, live_after):
        live = set(live_after)
        for stmt in reversed(stmts):
            anno.setanno(stmt, anno.LIVE_OUT, set(live))
            if isinstance(stmt, ast.If):
                self.annotate(stmt.body, live)
                self.annotate(stmt.orelse, live)
            elif isinstance(stmt, (ast.While, ast.For)):
                head = self.live_in([stmt], live)
                self.annotate(stmt.body, head | live)
                self.annotate(stmt.orelse, live)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.annotate(stmt.body, set())
            elif isinstance(stmt, ast.With):
                self.annotate(stmt.body, live)
            elif isinstance(stmt, (ast.Try, getattr(ast, "TryStar", ast.Try))):
                # Conservative: any handler may run after any part of the body.
                after_body = live | self.live_in(stmt.finalbody, live)
                for block in (stmt.finalbody, stmt.orelse):
                    self.annotate(block, live)
                for handler in stmt.handlers:
                    self.annotate(handler.body, after_body)
                handlers_in = set().union(*(self.live_in(h.body, after_body)
                                            for h in stmt.handlers)) \
                    if stmt.handlers else set()
                self.annotate(stmt.body, after_body | handlers_in
                              | self.live_in(stmt.orelse, after_body))
            live = self.live_in([stmt], live)
            anno.setanno(stmt, anno.LIVE_IN, set(live))
