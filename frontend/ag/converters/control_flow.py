"""if / while / for statements -> ag__.if_stmt / while_stmt / for_stmt calls.

Each branch or loop body becomes a nested function that declares the names it modifies
`nonlocal`; get_state/set_state functions read and write the names the statement
carries: those it modifies that are live afterwards (and, for loops, live at the loop
head -- read again by the condition or the next iteration), from the liveness
annotations. The operators decide at run time whether to run Python or stage
scf.if/scf.while/scf.for.

A `nonlocal` needs a binding in the enclosing function. Reaching definitions say where:
a name no definition reaches at the statement is bound to ag__.Undefined(name) right
before it (reading it where Python would raise UnboundLocalError -- after a staged if that
defined it in one branch only, after a staged loop that may run zero times -- is an ag
error naming the variable); a name some paths define and others do not is bound to
Undefined at the top of the function, so the paths that defined it keep their value; a
name every path defines needs nothing.

The break/continue/return converters run first, so bodies reach this one without jumps;
a statement that still has one (a jump in a `finally` block, a `return` in an `except`
handler) is left as Python: on a staged condition it raises the ag error for a staged
truth value. A `try` body is wrapped in `ag__.try_scope` (staged code there is an error,
see operators.try_scope).
"""

import ast
import copy

from ..pyct import (activity, anno, qual_names, reaching_definitions, templates, transformer,
                   traversal)
from . import helpers


def _inplace_names(stmts):
    """Names `stmts` change only in place: stored into (`x[k] = v`, which the lists
    converter made `x = ag__.setitem_(x, k, v)`) or updated by an augmented assignment
    (`x += v`, in place for arrays), and never rebound otherwise. A staged loop keeps
    such a name bound to its object (the runtime checks the guess, see operators.loops._Plan)."""
    inplace, rebound = set(), set()
    todo = list(stmts)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                             ast.ClassDef)):
            continue
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            inplace.add(node.target.id)
        elif isinstance(node, ast.Assign) and _is_setitem(node):
            inplace.add(node.targets[0].id)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.For, ast.With, ast.NamedExpr,
                               ast.comprehension)):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [i.optional_vars for i in node.items if i.optional_vars is not None] \
                if isinstance(node, ast.With) else [node.target]
            for target in targets:
                rebound |= {n.id for n in traversal.walk(target) if isinstance(n, ast.Name)}
        todo.extend(traversal.children(node))
    return sorted(inplace - rebound)


def _is_setitem(node):
    call = node.value
    return (len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
            and isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and call.func.attr == "setitem_" and isinstance(call.func.value, ast.Name)
            and call.func.value.id == "ag__" and call.args
            and isinstance(call.args[0], ast.Name) and call.args[0].id == node.targets[0].id)


def _has_jumps(stmts):
    """Is there a break, continue or return left in `stmts` (outside nested defs)?"""
    todo = list(stmts)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Break, ast.Continue, ast.Return)):
            return True
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                 ast.ClassDef)):
            todo.extend(traversal.children(node))
    return False


class ControlFlowTransformer(transformer.Base):
    # (Each takes the activity.Scope of the statements, found once per statement: a loop
    # nest's outer scopes walk the inner ones' converted code, so every walk counts.)
    def _modified(self, scope):
        """The names statements of `scope` modify: rebound, or stored into through a
        subscript."""
        modified = {qn.name for qn in scope.modified_qns
                    if not activity.is_attribute_chain(qn)}
        return {n for n in modified
                if n not in scope.declared and n not in self.ctx.generated
                and n not in self.ctx.scope_globals()}

    def _attributes(self, scope, modified):
        """The attribute chains (`self.total`, `a.b.c`) statements store to, of objects
        they do not rebind. They are state like variables (`self.total` is read and written by
        get_state/set_state), but their root is not: an object is not an array a staged
        region can carry, and only its attributes change. Carried whether or not they are
        read later: the object may outlive the function."""
        qns = {qn for qn in scope.modified_qns
               if activity.is_attribute_chain(qn) and qn.name not in modified
               and qn.name not in self.ctx.generated}
        return sorted(str(qn) for qn in qns)

    def _function(self, name, stmts, modified, args=(), written=None):
        """A branch or loop body as a nested function. Names the user declared global
        or nonlocal keep their declaration there (a write must reach the same variable).
        `written`: the names `stmts` modify, when the caller has them."""
        if written is None:
            written = activity.modified(stmts)
        nonlocals = modified | (written & self.ctx.declared("user_nonlocals"))
        return helpers.function_def(name, stmts, nonlocals, args,
                                    written & self.ctx.declared("globals"))

    def _state_functions(self, names):
        get_state = self.ctx.new_symbol("get_state")
        set_state = self.ctx.new_symbol("set_state")
        if not names:
            return get_state, set_state, templates.replace(
                """
                def get_state():
                    return ()
                def set_state(vals):
                    pass
                """, get_state=get_state, set_state=set_state)
        target = ast.Tuple(elts=[_state_target(n) for n in names], ctx=ast.Store())
        value = ast.Tuple(elts=[_state_value(n) for n in names], ctx=ast.Load())
        simple = [n for n in names if "." not in n]
        if not simple:
            return get_state, set_state, templates.replace(
                """
                def get_state():
                    return value
                def set_state(vals):
                    target = vals
                """, get_state=get_state, set_state=set_state, value=value,
                target=target)
        return get_state, set_state, templates.replace(
            """
            def get_state():
                return value
            def set_state(vals):
                nonlocal_placeholder
                target = vals
            """, get_state=get_state, set_state=set_state, value=value, target=target,
            nonlocal_placeholder=[ast.Nonlocal(names=simple)])

    def _finish(self, node, new_stmts, nonlocals):
        """`new_stmts` preceded by the Undefined bindings `nonlocals` need here."""
        state = reaching_definitions.definitions_in(node)
        here = []
        for name in sorted(nonlocals):
            if state is not None and reaching_definitions.is_undefined(state, name):
                here.append(name)
            elif state is None or reaching_definitions.may_be_undefined(state, name):
                self.ctx.nonlocals().add(name)
        inits = [s for name in here for s in templates.replace(
            "name = ag__.Undefined(label)", name=name, label=ast.Constant(name))]
        return inits + new_stmts

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
        scope = activity.scope(node.body + node.orelse)
        modified = self._modified(scope)
        # Every name the branches modify is state, live after the if or not: a staged if
        # traces both branches, and the else branch must not see what the if branch
        # bound. Only the live ones are merged (`live`).
        live_out = anno.getanno(node, anno.LIVE_OUT, set())
        attributes = self._attributes(scope, modified)
        state = sorted(modified) + attributes
        live = sorted(modified & live_out) + attributes
        body_name = self.ctx.new_symbol("if_body")
        else_name = self.ctx.new_symbol("else_body")
        get_state, set_state, state_fns = self._state_functions(state)
        call = templates.replace(
            "ag__.if_stmt(test, body, orelse, get_state, set_state, names, loc, live)",
            test=node.test, body=body_name, orelse=else_name, get_state=get_state,
            set_state=set_state, names=helpers.names_tuple(state), loc=self.loc(node),
            live=helpers.names_tuple(live))
        new = [self._function(body_name, node.body, modified),
               self._function(else_name, node.orelse, modified)] + state_fns + call
        return self._finish(node, new, modified)

    # --- try -------------------------------------------------------------------------------
    def visit_Try(self, node):
        self.generic_visit(node)
        # Staged code in the body would raise (if at all) only when the compiled code
        # runs, out of this `try`'s reach: operators.try_scope makes that an ag error.
        scope = templates.replace("with ag__.try_scope(loc):\n    pass", loc=self.loc(node))[0]
        scope.body = node.body
        node.body = [transformer.inherit_location(scope, node)]
        return node

    visit_TryStar = visit_Try

    # --- loops ----------------------------------------------------------------------------
    def _loop_state(self, node, modified, scope):
        """The names a loop carries: modified in it, live after it or at its head (and
        the attributes it stores to, see _attributes)."""
        live = anno.getanno(node, anno.LIVE_OUT, set()) | anno.getanno(node, anno.LIVE_IN,
                                                                         set())
        extra = anno.getanno(node, anno.EXTRA_LOOP_TEST)
        if extra is not None:
            live = live | activity.read(extra)
        return sorted(modified & live) + self._attributes(scope, modified)

    def visit_While(self, node):
        self.generic_visit(node)
        if _has_jumps(node.body) or node.orelse:
            return node
        first = []
        extra_state = []
        if any(isinstance(n, ast.NamedExpr) for n in traversal.walk(node.test)):
            # `while (n := n - 1) > 0:` binds n in the test. A staged loop's test must not
            # change the loop's state (the runtime traces it as scf.while's condition
            # region, whose changes it does not carry), so the test is evaluated in the
            # body: `cond = test; while cond: body; cond = test` (cond carried like n).
            cond = self.ctx.namer.new_symbol("loop_cond")
            first = templates.replace("cond = test", cond=cond, test=node.test)
            node.body = node.body + templates.replace(
                "cond = test", cond=cond, test=copy.deepcopy(node.test))
            for stmt in first + node.body[-1:]:
                transformer.inherit_location(stmt, node)
            node.test = ast.Name(id=cond, ctx=ast.Load())
            extra_state = [cond]
        scope = activity.scope(node.body)
        modified = self._modified(scope)
        state = self._loop_state(node, modified, scope)
        state = sorted(set(state) | set(extra_state), key=lambda n: ("." in n, n))
        test_name = self.ctx.new_symbol("loop_test")
        body_name = self.ctx.new_symbol("loop_body")
        get_state, set_state, state_fns = self._state_functions(state)
        test_fn = helpers.function_def(test_name, [ast.Return(value=node.test)])
        call = templates.replace(
            "ag__.while_stmt(test, body, get_state, set_state, names, loc, inplace)",
            test=test_name, body=body_name, get_state=get_state, set_state=set_state,
            names=helpers.names_tuple(state), loc=self.loc(node),
            inplace=helpers.names_tuple(_inplace_names(node.body)))
        new = [test_fn, self._function(body_name, node.body, modified,
                                       written=scope.modified)] + state_fns + call
        return self._finish(node, first + new, modified)

    def visit_For(self, node):
        self.generic_visit(node)
        if _has_jumps(node.body) or node.orelse:
            return node
        target_names = activity.modified(node.target)
        scope = activity.scope(node.body)
        modified = self._modified(scope) | (target_names - self.ctx.generated)
        state = self._loop_state(node, modified, scope)
        body_name = self.ctx.new_symbol("loop_body")
        item = self.ctx.new_symbol("itr")
        get_state, set_state, state_fns = self._state_functions(state)
        assign = ast.Assign(targets=[node.target], value=ast.Name(id=item, ctx=ast.Load()))
        new = []
        extra_test = ast.Constant(value=None)
        extra = anno.getanno(node, anno.EXTRA_LOOP_TEST)  # from the break converter
        if extra is not None:
            test_name = self.ctx.new_symbol("extra_test")
            new.append(helpers.function_def(test_name, [ast.Return(value=extra)]))
            extra_test = ast.Name(id=test_name, ctx=ast.Load())
        call = templates.replace(
            "ag__.for_stmt(iterated, body, get_state, set_state, names, loc, extra_test, "
            "targets, flags, inplace)",
            iterated=node.iter, body=body_name, get_state=get_state, set_state=set_state,
            names=helpers.names_tuple(state), loc=self.loc(node), extra_test=extra_test,
            targets=helpers.names_tuple(sorted(target_names & set(state))),
            flags=helpers.names_tuple(sorted(self.ctx.flags & set(state))),
            inplace=helpers.names_tuple(_inplace_names(node.body)))
        written = scope.modified | activity.modified([assign])
        new += [self._function(body_name, [assign] + node.body, modified, args=[item],
                               written=written)] + state_fns + call
        return self._finish(node, new, modified)


def _state_target(name):
    """A state entry as an assignment target: `x`, or `self.total` for an attribute."""
    if "." not in name:
        return ast.Name(id=name, ctx=ast.Store())
    return qual_names.from_str(name).ast(ast.Store())


def _state_value(name):
    """A state entry's value. An attribute may not exist yet (first set inside the
    statement): then it reads as ag__.Undefined, like a variable bound there."""
    if "." not in name:
        return ast.Name(id=name, ctx=ast.Load())
    qn = qual_names.from_str(name)
    return templates.replace_as_expression(
        "ag__.builtins.getattr(obj, attr, ag__.Undefined(label))", obj=qn.parent.ast(),
        attr=ast.Constant(qn.attr), label=ast.Constant(name))
