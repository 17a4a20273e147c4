"""if / while / for statements -> ag__.if_stmt / while_stmt / for_stmt calls.

Each branch or loop body becomes a nested function that declares the names it modifies
`nonlocal`; get_state/set_state functions read and write the names the statement
carries: those it modifies that are live afterwards (and, for loops, live at the loop
head -- read again by the condition or the next iteration). The operators decide at run
time whether to run Python or stage scf.if/scf.while/scf.for.

The returns and jumps converters run first, so bodies reach this one without break,
continue or return (a statement that still has one -- a loop with an `else` clause -- is
left as Python: on a staged condition it raises a clear ag error). A `try` body is
wrapped in `ag__.try_scope` (staged code there is an error, see operators.try_scope).
"""

import ast

from ..pyct import activity, anno, templates


class _Jumps(ast.NodeVisitor):
    """Finds break/continue (of this loop level) and return in a statement list."""

    def __init__(self):
        self.found = False

    def visit_Return(self, node):
        self.found = True

    def visit_Break(self, node):
        self.found = True

    visit_Continue = visit_Break

    def visit_FunctionDef(self, node):
        pass

    visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_FunctionDef


def _has_jumps(stmts):
    v = _Jumps()
    for s in stmts:
        v.visit(s)
    return v.found


def _names_tuple(names):
    return ast.Tuple(elts=[ast.Constant(value=n) for n in names], ctx=ast.Load())


def _state_functions(ctx, names):
    get_state = ctx.namer.new_symbol("get_state")
    set_state = ctx.namer.new_symbol("set_state")
    ctx.generated.update({get_state, set_state})
    if names:
        target = ast.Tuple(elts=[ast.Name(id=n, ctx=ast.Store()) for n in names],
                           ctx=ast.Store())
        value = ast.Tuple(elts=[ast.Name(id=n, ctx=ast.Load()) for n in names],
                          ctx=ast.Load())
        stmts = templates.replace(
            """
            def get_state():
                return value
            def set_state(vals):
                nonlocal_placeholder
                target = vals
            """, get_state=get_state, set_state=set_state, value=value, target=target,
            nonlocal_placeholder=[ast.Nonlocal(names=list(names))])
    else:
        stmts = templates.replace(
            """
            def get_state():
                return ()
            def set_state(vals):
                pass
            """, get_state=get_state, set_state=set_state)
    return get_state, set_state, stmts


def _function(name, body, nonlocals, args=(), globals_=()):
    stmts = ([ast.Global(names=sorted(globals_))] if globals_ else []) + \
        ([ast.Nonlocal(names=sorted(nonlocals))] if nonlocals else []) + \
        (body or [ast.Pass()])
    return ast.FunctionDef(
        name=name,
        args=ast.arguments(posonlyargs=[], args=[ast.arg(arg=a) for a in args],
                           vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
                           defaults=[]),
        body=stmts, decorator_list=[], returns=None, type_comment=None)


def _location(node, ctx):
    return ast.Tuple(elts=[ast.Constant(value=ctx.filename), ast.Constant(value=node.lineno),
                           ast.Constant(value=node.col_offset + 1)], ctx=ast.Load())


class ControlFlowTransformer(ast.NodeTransformer):
    def __init__(self, ctx):
        self.ctx = ctx

    def _modified(self, stmts):
        _, modified, declared = activity.analyze(stmts)
        return {n for n in modified
                if n not in declared and n not in self.ctx.generated
                and n not in self.ctx.scope_globals()}

    def _function(self, name, stmts, modified, args=()):
        """A branch or loop body as a nested function. Names the user declared global
        or nonlocal keep their declaration there (a write must reach the same variable)."""
        written = activity.modified(stmts)
        nonlocals = modified | (written & self.ctx.declared("user_nonlocals"))
        return _function(name, stmts, nonlocals, args, written & self.ctx.declared("globals"))

    def _finish(self, node, new_stmts, nonlocals):
        self.ctx.nonlocals().update(nonlocals)
        for stmt in new_stmts:
            ast.copy_location(stmt, node)
            for child in ast.walk(stmt):
                if not hasattr(child, "lineno") and "lineno" in child._attributes:
                    ast.copy_location(child, node)
        return new_stmts

    # --- scopes -------------------------------------------------------------------------
    def visit_FunctionDef(self, node):
        self.ctx.enter_function(node)
        self.generic_visit(node)
        self.ctx.exit_function(node)
        return node

    def visit_Lambda(self, node):
        return node  # expressions only: no statements to convert

    # --- if -------------------------------------------------------------------------------
    def visit_If(self, node):
        self.generic_visit(node)
        if _has_jumps(node.body) or _has_jumps(node.orelse):
            return node
        modified = self._modified(node.body + node.orelse)
        live_out = anno.getanno(node, "live_out", set())
        state = sorted(modified & live_out)
        namer = self.ctx.namer
        body_name, else_name = namer.new_symbol("if_body"), namer.new_symbol("else_body")
        self.ctx.generated.update({body_name, else_name})
        get_state, set_state, state_fns = _state_functions(self.ctx, state)
        call = templates.replace(
            "ag__.if_stmt(test, body, orelse, get_state, set_state, names, loc)",
            test=node.test, body=body_name, orelse=else_name, get_state=get_state,
            set_state=set_state, names=_names_tuple(state), loc=_location(node, self.ctx))
        new = [self._function(body_name, node.body, modified),
               self._function(else_name, node.orelse, modified)] + state_fns + call
        return self._finish(node, new, modified)

    # --- try -------------------------------------------------------------------------------
    def visit_Try(self, node):
        self.generic_visit(node)
        # Staged code in the body would raise (if at all) only when the compiled code
        # runs, out of this `try`'s reach: operators.try_scope makes that an ag error.
        scope = templates.replace("with ag__.try_scope(loc):\n    pass",
                                  loc=_location(node, self.ctx))[0]
        scope.body = node.body
        node.body = [ast.copy_location(scope, node)]
        return node

    visit_TryStar = visit_Try

    # --- while ----------------------------------------------------------------------------
    def visit_While(self, node):
        self.generic_visit(node)
        if _has_jumps(node.body) or node.orelse:
            return node
        modified = self._modified(node.body)
        live = anno.getanno(node, "live_out", set()) | anno.getanno(node, "live_in", set())
        state = sorted(modified & live)
        namer = self.ctx.namer
        test_name, body_name = namer.new_symbol("loop_test"), namer.new_symbol("loop_body")
        self.ctx.generated.update({test_name, body_name})
        get_state, set_state, state_fns = _state_functions(self.ctx, state)
        test_fn = _function(test_name, [ast.Return(value=node.test)], set())
        call = templates.replace(
            "ag__.while_stmt(test, body, get_state, set_state, names, loc)",
            test=test_name, body=body_name, get_state=get_state, set_state=set_state,
            names=_names_tuple(state), loc=_location(node, self.ctx))
        new = [test_fn, self._function(body_name, node.body, modified)] + state_fns + call
        return self._finish(node, new, modified)

    # --- for ------------------------------------------------------------------------------
    def visit_For(self, node):
        self.generic_visit(node)
        if _has_jumps(node.body) or node.orelse:
            return node
        target_names = activity.modified(node.target)
        modified = self._modified(node.body) | (target_names - self.ctx.generated)
        live = anno.getanno(node, "live_out", set()) | anno.getanno(node, "live_in", set())
        extra = getattr(node, "ag_extra_test", None)
        if extra:
            live = live | {extra}
        state = sorted(modified & live)
        namer = self.ctx.namer
        body_name = namer.new_symbol("loop_body")
        item = namer.new_symbol("itr")
        self.ctx.generated.update({body_name, item})
        get_state, set_state, state_fns = _state_functions(self.ctx, state)
        assign = ast.Assign(targets=[node.target], value=ast.Name(id=item, ctx=ast.Load()))
        extra = getattr(node, "ag_extra_test", None)  # set by the jumps converter
        extra_test = ast.Constant(value=None)
        new = []
        if extra:
            test_name = namer.new_symbol("extra_test")
            self.ctx.generated.add(test_name)
            new.append(_function(test_name, templates.replace("return ag__.not_(flag)", flag=extra),
                                 set()))
            extra_test = ast.Name(id=test_name, ctx=ast.Load())
        call = templates.replace(
            "ag__.for_stmt(iterated, body, get_state, set_state, names, loc, extra_test, "
            "targets, flags)",
            iterated=node.iter, body=body_name, get_state=get_state, set_state=set_state,
            names=_names_tuple(state), loc=_location(node, self.ctx), extra_test=extra_test,
            targets=_names_tuple(sorted(target_names & set(state))),
            flags=_names_tuple(sorted(self.ctx.flags & set(state))))
        new += [self._function(body_name, [assign] + node.body, modified, args=[item])] + \
            state_fns + call
        return self._finish(node, new, modified)
