"""Which names statements read and modify (activity analysis).

Only the scope of the statements themselves counts: a nested def/lambda/class binds its
name in this scope but its body's locals are its own (its free reads do count as reads,
since a closure reads them when called). Comprehension variables are local to the
comprehension (Python 3).
"""

import ast


class _Activity(ast.NodeVisitor):
    def __init__(self):
        self.read = set()
        self.modified = set()
        self.declared_global = set()
        self.declared_nonlocal = set()

    # --- bindings ---------------------------------------------------------------------
    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            self.read.add(node.id)
        else:  # Store, Del
            self.modified.add(node.id)

    def visit_Subscript(self, node):
        # `x[i] = v` and `x.a = v` change the value `x` names: staged arrays have value
        # semantics, so control flow must carry `x` as if it were rebound.
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            root = node.value
            while isinstance(root, (ast.Subscript, ast.Attribute)):
                root = root.value
            if isinstance(root, ast.Name):
                self.modified.add(root.id)
        self.generic_visit(node)

    visit_Attribute = visit_Subscript

    def visit_AugAssign(self, node):
        if isinstance(node.target, ast.Name):
            self.read.add(node.target.id)
        self.generic_visit(node)

    def visit_Global(self, node):
        self.declared_global.update(node.names)

    def visit_Nonlocal(self, node):
        self.declared_nonlocal.update(node.names)

    def visit_Import(self, node):
        for alias in node.names:
            self.modified.add((alias.asname or alias.name).split(".")[0])

    visit_ImportFrom = visit_Import

    # --- nested scopes ----------------------------------------------------------------
    def _nested(self, node, params=()):
        inner = _Activity()
        for stmt in (node.body if isinstance(node.body, list) else [node.body]):
            inner.visit(stmt)
        # Names the nested function declares nonlocal are this scope's: writing them
        # there modifies them here (converted branch and loop bodies rely on this).
        shared = inner.declared_nonlocal
        self.modified.update(inner.modified & shared)
        self.read.update(inner.read - (inner.modified - shared) - set(params))

    def visit_FunctionDef(self, node):
        for d in node.decorator_list:
            self.visit(d)
        for default in node.args.defaults + node.args.kw_defaults:
            if default is not None:
                self.visit(default)
        self.modified.add(node.name)
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
        self.modified.add(node.name)
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
        self.read.update(inner.read - inner.modified)

    def visit_ListComp(self, node):
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node):
        self._comprehension(node, [node.key, node.value])


def analyze(stmts):
    """(read, modified, declared global/nonlocal) names of a list of statements."""
    a = _Activity()
    for stmt in stmts if isinstance(stmts, list) else [stmts]:
        a.visit(stmt)
    return a.read, a.modified, a.declared_global | a.declared_nonlocal


def read(stmts):
    return analyze(stmts)[0]


def modified(stmts):
    return analyze(stmts)[1]
