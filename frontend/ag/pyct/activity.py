"""Which names statements read and modify (activity analysis).

Reported twice: as qualified names (`a`, `a.b`, `a[0]`, see qual_names) and as the plain
names control flow must carry. A modified `a.b` or `a[i]` modifies the name `a` as well:
staged arrays have value semantics, so `x[i] = v` under staged control flow produces a new
`x` that the statement must carry out like a rebinding. A store to an unqualifiable target
(`a[i + 1] = v`) is reported as a modification of its longest qualifiable prefix (`a`).

Only the scope of the statements themselves counts: a nested def/lambda/class binds its
name in this scope but its body's locals are its own (its free reads do count as reads,
since a closure reads them when called). Comprehension variables are local to the
comprehension (Python 3).
"""

import ast

from . import qual_names, traversal


class Scope:
    """What a list of statements reads and modifies, by name and by qualified name."""

    def __init__(self):
        self.read_qns = set()
        self.modified_qns = set()
        self.declared_global = set()
        self.declared_nonlocal = set()

    @property
    def read(self):
        """Names read (the roots and name subscripts of the QNs read)."""
        return {s.name for qn in self.read_qns for s in qn.support_set}

    @property
    def modified(self):
        """Names whose value may change: rebound, or a part of them stored to."""
        return {qn.name for qn in self.modified_qns}

    @property
    def rebound(self):
        """Names bound by the statements themselves (`a = ...`, not `a.b = ...`)."""
        return {qn.name for qn in self.modified_qns if qn.is_simple}

    @property
    def declared(self):
        return self.declared_global | self.declared_nonlocal


class _Activity(traversal.Visitor):
    def __init__(self):
        self.scope = Scope()
        self.read_qns = self.scope.read_qns
        self.modified_qns = self.scope.modified_qns

    # --- bindings ---------------------------------------------------------------------
    def visit_Name(self, node):
        qn = qual_names.QN(node.id)
        (self.read_qns if isinstance(node.ctx, ast.Load) else self.modified_qns).add(qn)

    def visit_Subscript(self, node):
        qn = qual_names.of(node)
        if isinstance(node.ctx, ast.Load):
            if qn is not None:
                self.read_qns.add(qn)
        else:  # Store, Del: the longest qualifiable prefix of the target is modified
            target = node
            while qn is None and isinstance(target, (ast.Subscript, ast.Attribute)):
                target = target.value
                qn = qual_names.of(target)
            if qn is not None:
                self.modified_qns.add(qn)
        # The parts are evaluated (read) either way: `x` and `i` in `x[i] = v`.
        self.generic_visit(node)

    visit_Attribute = visit_Subscript

    def visit_AugAssign(self, node):
        # `t op= v` reads the target before it writes it.
        qn = qual_names.of(node.target)
        if qn is not None:
            self.read_qns.add(qn)
        self.generic_visit(node)

    def visit_Global(self, node):
        self.scope.declared_global.update(node.names)

    def visit_Nonlocal(self, node):
        self.scope.declared_nonlocal.update(node.names)

    def visit_Import(self, node):
        for alias in node.names:
            self.modified_qns.add(qual_names.QN((alias.asname or alias.name).split(".")[0]))

    visit_ImportFrom = visit_Import

    # --- nested scopes ----------------------------------------------------------------
    def _nested(self, node, params=()):
        inner = _Activity()
        for stmt in (node.body if isinstance(node.body, list) else [node.body]):
            inner.visit(stmt)
        # Names the nested function declares nonlocal are this scope's: writing them
        # there modifies them here (converted branch and loop bodies rely on this).
        inner = inner.scope
        shared = inner.declared_nonlocal
        # Only names the nested scope binds are its own: `self.total = v` there stores
        # into the enclosing scope's `self` (so it reads `self`, and a store to an
        # attribute chain of a free name is a modification here, which the control-flow
        # converter carries out of a converted branch or loop body).
        local = (inner.rebound - shared) | set(params)
        self.modified_qns.update(qn for qn in inner.modified_qns if qn.name in shared)
        self.modified_qns.update(qn for qn in inner.modified_qns
                                 if is_attribute_chain(qn) and qn.name not in local)
        self.read_qns.update(_free(inner.read_qns, local))

    def visit_FunctionDef(self, node):
        for d in node.decorator_list:
            self.visit(d)
        for default in node.args.defaults + node.args.kw_defaults:
            if default is not None:
                self.visit(default)
        self.modified_qns.add(qual_names.QN(node.name))
        params = [a.arg for a in node.args.args + node.args.kwonlyargs +
                  node.args.posonlyargs]
        params += [a.arg for a in (node.args.vararg, node.args.kwarg) if a]
        self._nested(node, params)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        params = [a.arg for a in node.args.args + node.args.kwonlyargs]
        for default in node.args.defaults:
            self.visit(default)
        self._nested(node, params)

    def visit_ClassDef(self, node):
        self.modified_qns.add(qual_names.QN(node.name))
        for b in node.bases:
            self.visit(b)

    def _comprehension(self, node, elements):
        inner = _Activity()
        for gen in node.generators:
            inner.visit(gen.target)
            for cond in gen.ifs:
                inner.visit(cond)
        for e in elements:
            inner.visit(e)
        self.visit(node.generators[0].iter)
        for gen in node.generators[1:]:
            inner.visit(gen.iter)
        # Comprehension variables are local, except `:=` targets (bound outside).
        local = inner.scope.modified - _walrus_targets(node)
        self.read_qns.update(_free(inner.read_qns, local))
        self.modified_qns.update(_free(inner.modified_qns, local))

    def visit_ListComp(self, node):
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node):
        self._comprehension(node, [node.key, node.value])


def is_attribute_chain(qn):
    """Is `qn` `a.b` or `a.b.c` (attributes of a name, no subscripts)?"""
    return qn.is_composite and all(p.is_simple or p.has_attr for p in qn.prefixes())


def _free(qns, local):
    """The QNs that involve none of the `local` names (`a[i]` with `i` local is not the
    enclosing scope's, though `a` is: the reads of `a` are reported on their own)."""
    return {qn for qn in qns if not any(s.name in local for s in qn.support_set)}


def _walrus_targets(node):
    return {n.target.id for n in traversal.walk(node) if isinstance(n, ast.NamedExpr)}


def scope(stmts):
    """The Scope (reads and modifications) of a statement, expression or list of them."""
    a = _Activity()
    for stmt in stmts if isinstance(stmts, list) else [stmts]:
        a.visit(stmt)
    return a.scope


def analyze(stmts):
    """(read, modified, declared global/nonlocal) names of a list of statements."""
    s = scope(stmts)
    return s.read, s.modified, s.declared


def read(stmts):
    return analyze(stmts)[0]


def modified(stmts):
    return analyze(stmts)[1]
