"""Which definitions of each name may reach each statement and each read of a name.

A structural forward analysis over the AST (no explicit CFG), the mirror image of
liveness.py: the state maps a name to the set of Definitions that may reach a program
point; a name missing from the state maps to {UNDEFINED}, so "may be undefined here" is
UNDEFINED in the set and "certainly undefined" is the set {UNDEFINED}. A statement that
binds a name kills its other definitions; `if` joins its branches; loops iterate to a
fixpoint (the body reaches its own head) and join their `break`s into the state after the
loop and their `continue`s into the head; `return`/`raise` reach nothing after them; any
point of a `try` body may reach its handlers.

    annotate(fn_node)
    definitions_in(stmt)["x"]        -> frozenset of Definition (anno.DEFINITIONS_IN)
    anno.getanno(name_node, anno.DEFINITIONS)   # on every Name read

Nested functions are analysed on their own (their parameters defined at entry). A nested
def that writes a name of this scope (`nonlocal`) may define it whenever it is called:
the analysis adds such a definition at the def, without killing the others.
"""

import ast

from . import anno, traversal


class Definition:
    """One binding of `name` by `node` (an assignment, a loop target, a def, an import, a
    parameter...). Equal when they bind the same name at the same node (the node's
    identity: two bindings of a name are two definitions)."""

    __slots__ = ("name", "node")

    def __init__(self, name, node):
        self.name = name
        self.node = node

    def __eq__(self, other):
        return isinstance(other, Definition) and self.name == other.name \
            and self.node is other.node

    def __hash__(self):
        return hash((self.name, id(self.node)))

    def __repr__(self):
        if self is UNDEFINED:
            return "UNDEFINED"
        return f"Definition({self.name!r}, line {getattr(self.node, 'lineno', '?')})"

    # Annotations travel with nodes a template copies; the definition stays the same one.
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


UNDEFINED = Definition(None, None)
_UNDEFINED_SET = frozenset([UNDEFINED])


def definitions_in(stmt):
    """{name: frozenset of Definition} reaching `stmt` (names absent are undefined), or
    None if `stmt` was not annotated (made after the analysis ran)."""
    return anno.getanno(stmt, anno.DEFINITIONS_IN)


def reaching(state, name):
    """The definitions of `name` in an annotated state."""
    return state.get(name, _UNDEFINED_SET)


def is_undefined(state, name):
    """No definition of `name` reaches: it is certainly unbound here."""
    return reaching(state, name) == _UNDEFINED_SET


def may_be_undefined(state, name):
    return UNDEFINED in reaching(state, name)


def _join(*states):
    """The state where control paths meet (None: an unreachable path)."""
    states = [s for s in states if s is not None]
    if not states:
        return None
    names = set().union(*states)
    return {n: frozenset().union(*(s.get(n, _UNDEFINED_SET) for s in states))
            for n in names}


class _Bindings(traversal.Visitor):
    """The names a statement binds in its own scope, in evaluation order: stores and
    deletions outside nested scopes, `:=` targets (also in comprehensions), defs and
    classes, imports, `except ... as`, match captures."""

    def __init__(self):
        self.bound = []  # (name, node, deleted?)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Store):
            self.bound.append((node.id, node, False))
        elif isinstance(node.ctx, ast.Del):
            self.bound.append((node.id, node, True))

    def visit_NamedExpr(self, node):
        self.visit(node.value)
        self.bound.append((node.target.id, node, False))

    def _comprehension(self, node):
        # Comprehension variables are its own; only `:=` inside binds here.
        for n in traversal.walk(node):
            if isinstance(n, ast.NamedExpr):
                self.bound.append((n.target.id, n, False))

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def visit_FunctionDef(self, node):
        self.bound.append((node.name, node, False))

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Lambda(self, node):
        pass

    def visit_Import(self, node):
        for alias in node.names:
            self.bound.append(((alias.asname or alias.name).split(".")[0], node, False))

    visit_ImportFrom = visit_Import

    def visit_MatchAs(self, node):
        self.generic_visit(node)
        if node.name:
            self.bound.append((node.name, node, False))

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node):
        self.generic_visit(node)
        if node.rest:
            self.bound.append((node.rest, node, False))


def _bindings(node):
    v = _Bindings()
    v.visit(node)
    return v.bound


def _nonlocal_writes(fn):
    """Names a nested def declares nonlocal and writes: calling it may define them."""
    declared = {n for s in traversal.walk(fn) if isinstance(s, ast.Nonlocal) for n in s.names}
    written = {n.id for n in traversal.walk(fn)
               if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return declared & written


def _loads(node):
    """The names `node` reads in its own scope."""
    return [n for n in _walk_same_scope(node)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]


class _Analyzer:
    def __init__(self):
        self._loops = []      # per enclosing loop: (break states, continue states)
        self._recorders = []  # per enclosing try body: the states seen in it
        # A loop's body is analysed until its head state stops changing, nested loops
        # within each round: the reads and bindings of a node are found once.
        self._reads = traversal.NodeMemo(_loads)
        self._bindings = traversal.NodeMemo(_bindings)

    # --- helpers ------------------------------------------------------------------------
    def _uses(self, node, state):
        """Annotates the reads of names in expression(s) `node` with `state`."""
        for n in self._reads(node):
            anno.setanno(n, anno.DEFINITIONS, reaching(state, n.id))

    @staticmethod
    def _define(state, bindings):
        state = dict(state)
        for name, node, deleted in bindings:
            state[name] = _UNDEFINED_SET if deleted else frozenset([Definition(name, node)])
        return state

    def block(self, stmts, state):
        for stmt in stmts:
            if state is None:
                break  # unreachable code: nothing reaches it
            state = self.stmt(stmt, state)
            for seen in self._recorders:
                if state is not None:
                    seen.append(state)
        return state

    # --- statements ---------------------------------------------------------------------
    def stmt(self, node, state):
        anno.setanno(node, anno.DEFINITIONS_IN, state)
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is not None:
            return method(node, state)
        self._uses(node, state)
        return self._define(state, self._bindings(node))

    def visit_FunctionDef(self, node, state):
        for expr in node.decorator_list + node.args.defaults + \
                [d for d in node.args.kw_defaults if d is not None]:
            self._uses(expr, state)
        analyze_function(node)
        out = self._define(state, [(node.name, node, False)])
        for name in _nonlocal_writes(node):
            out[name] = reaching(out, name) | {Definition(name, node)}
        return out

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node, state):
        for expr in node.bases + node.decorator_list + [k.value for k in node.keywords]:
            self._uses(expr, state)
        return self._define(state, [(node.name, node, False)])

    def visit_Return(self, node, state):
        self._uses(node, state)
        return None

    visit_Raise = visit_Return

    def visit_Break(self, node, state):
        if self._loops:
            self._loops[-1][0].append(state)
        return None

    def visit_Continue(self, node, state):
        if self._loops:
            self._loops[-1][1].append(state)
        return None

    def visit_If(self, node, state):
        self._uses(node.test, state)
        return _join(self.block(node.body, state), self.block(node.orelse, state))

    def _loop(self, node, state, enter):
        """`enter(head)` annotates the loop's head and returns the body's entry state."""
        head = state
        while True:
            breaks, continues = [], []
            self._loops.append((breaks, continues))
            body_out = self.block(node.body, enter(head))
            self._loops.pop()
            new_head = _join(state, body_out, *continues)
            if new_head == head:
                break
            head = new_head  # grows monotonically: the loop ends
        return _join(self.block(node.orelse, head), *breaks)

    def visit_While(self, node, state):
        def enter(head):
            self._uses(node.test, head)
            self._extra_test(node, head)
            return head
        return self._loop(node, state, enter)

    def visit_For(self, node, state):
        self._uses(node.iter, state)

        def enter(head):
            self._extra_test(node, head)
            self._uses(node.target, head)  # `a[i]` as a target reads `a` and `i`
            return self._define(head, self._bindings(node.target))
        return self._loop(node, state, enter)

    visit_AsyncFor = visit_For

    def _extra_test(self, node, head):
        extra = anno.getanno(node, anno.EXTRA_LOOP_TEST)
        if extra is not None:
            self._uses(extra, head)

    def visit_With(self, node, state):
        for item in node.items:
            self._uses(item.context_expr, state)
            if item.optional_vars is not None:
                self._uses(item.optional_vars, state)
                state = self._define(state, self._bindings(item.optional_vars))
        return self.block(node.body, state)

    visit_AsyncWith = visit_With

    def visit_Try(self, node, state):
        seen = [state]
        self._recorders.append(seen)
        body_out = self.block(node.body, state)
        self._recorders.pop()
        # An exception may leave the body after any statement in it.
        may_raise = _join(*seen)
        outs = [self.block(node.orelse, body_out)]
        for handler in node.handlers:
            entry = may_raise
            if handler.type is not None:
                self._uses(handler.type, entry)
            if handler.name:
                entry = self._define(entry, [(handler.name, handler, False)])
            out = self.block(handler.body, entry)
            if handler.name and out is not None:  # Python deletes the name after
                out = self._define(out, [(handler.name, handler, True)])
            outs.append(out)
        after = _join(*outs)
        if node.finalbody:
            # The finally block also runs on the way out of an exception.
            final_out = self.block(node.finalbody, _join(after, may_raise))
            return final_out if after is not None else None
        return after

    visit_TryStar = visit_Try

    def visit_Match(self, node, state):
        self._uses(node.subject, state)
        outs = [state]  # no case may match
        for case in node.cases:
            entry = self._define(state, self._bindings(case.pattern))
            if case.guard is not None:
                self._uses(case.guard, entry)
            outs.append(self.block(case.body, entry))
        return _join(*outs)


def _walk_same_scope(node):
    """The nodes of `node` (one node or a list) outside nested defs and classes (a
    lambda's or comprehension's reads are annotated with the state where it is made)."""
    todo = list(node) if isinstance(node, list) else [node]
    while todo:
        n = todo.pop()
        yield n
        for child in traversal.children(n):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                      ast.ClassDef)):
                todo.append(child)


def analyze_function(node):
    """Annotates the body of FunctionDef `node`; returns the state at its end (None if
    it cannot fall off its end)."""
    args = node.args
    params = [a for a in args.posonlyargs + args.args + args.kwonlyargs]
    params += [a for a in (args.vararg, args.kwarg) if a is not None]
    state = {a.arg: frozenset([Definition(a.arg, a)]) for a in params}
    return _Analyzer().block(node.body, state)


def annotate(node):
    """Annotates FunctionDef `node` and its nested defs; returns `node`."""
    analyze_function(node)
    return node
