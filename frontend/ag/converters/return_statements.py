"""`return` -> a return-value variable, a flag, guards and (inside loops) a break.

    def f(x):                       def f(x):
        if c:                           do_return = False
            return a                    retval_ = ag__.UndefinedReturnValue()
        b = ...                 ->      if c:
        return b                            retval_ = a; do_return = True
                                        if not do_return:
                                            b = ...
                                            retval_ = b; do_return = True
                                        return ag__.retval(retval_)

Inside a loop, `return a` also breaks out of the loop, and every enclosing loop checks
the flag right after its inner loop (`if do_return: break`); the break converter, which
runs next, turns those breaks into flags and loop tests (so a return also skips the
loop's `else`, as in Python). A staged `if` whose one branch
returned merges the return value with a placeholder of the same type on the other path
(never observed: the flag guards it); a staged loop finds the type of a return value
set inside it by tracing its body once (operators.loops).
"""

import ast

from ..pyct import templates, transformer, traversal
from . import helpers


def _returns(node, in_loop=False):
    """[(return node, inside a loop?)] of a function body, not looking into nested defs."""
    found = []
    for child in traversal.children(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                              ast.ClassDef)):
            continue
        if isinstance(child, ast.Return):
            found.append((child, in_loop))
        found += _returns(child, in_loop or isinstance(child, (ast.While, ast.For)))
    return found


def _contains_return(stmt):
    return isinstance(stmt, ast.Return) or any(True for _ in _returns(stmt))


class ReturnTransformer(transformer.Base):
    STATEMENTS_ONLY = True  # returns are statements; _returns walks them itself

    def __init__(self, ctx):
        super().__init__(ctx)
        self._depth = 0

    def visit_FunctionDef(self, node):
        top = self._depth == 0
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1
        if not top:
            return node  # nested user functions run unconverted for now
        returns = _returns(node)
        if not returns:
            return node
        body = node.body
        if len(returns) == 1 and body and body[-1] is returns[0][0]:
            return node  # a single final return: nothing to rewrite
        # Carried by control flow like the user's variables: not `ctx.generated`.
        flag = self.ctx.namer.new_symbol("do_return")
        value = self.ctx.namer.new_symbol("retval_")
        self.ctx.flags.update({flag, value})
        prelude = templates.replace(
            """
            flag = False
            value = ag__.UndefinedReturnValue()
            """, flag=flag, value=value)
        new_body = self._rewrite(body, flag, value, in_loop=False)
        epilogue = templates.replace("return ag__.retval(value)", value=value)
        for stmt in prelude:
            ast.copy_location(stmt, body[0])
        ast.copy_location(epilogue[0], body[-1])
        node.body = prelude + new_body + epilogue
        return node

    def _rewrite(self, stmts, flag, value, in_loop):
        out = []
        for i, stmt in enumerate(stmts):
            if isinstance(stmt, ast.Return):
                ret = stmt.value or ast.Constant(value=None)
                assign = templates.replace("value = ret\nflag = True", value=value,
                                           ret=ret, flag=flag)
                if in_loop:
                    assign.append(ast.Break())
                for a in assign:
                    ast.copy_location(a, stmt)
                out.extend(assign)
                return out
            if _contains_return(stmt):
                is_loop = isinstance(stmt, (ast.For, ast.While))
                for field in ("body", "orelse"):
                    block = getattr(stmt, field, None)
                    if isinstance(block, list) and block:
                        inner = in_loop or (is_loop and field == "body")
                        setattr(stmt, field, self._rewrite(block, flag, value, inner))
                out.append(stmt)
                if is_loop and in_loop:
                    # The inner loop stopped because of a return: stop this one too.
                    stop = templates.replace("if flag:\n    break", flag=flag)
                    out.extend(ast.copy_location(s, stmt) for s in stop)
                rest = stmts[i + 1:]
                if rest:
                    guarded = self._rewrite(rest, flag, value, in_loop)
                    guard = ast.If(test=helpers.not_(flag), body=guarded, orelse=[])
                    out.append(ast.copy_location(guard, rest[0]))
                return out
            out.append(stmt)
        return out
