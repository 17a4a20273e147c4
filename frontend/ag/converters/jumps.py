"""break and continue -> flag variables and guarded statements (before control flow).

    while cond:                 brk = False
        a                       while not brk and cond:
        if c:                       a
            break          ->       if c:
        b                               brk = True
                                    if not brk:
                                        b

`continue` is the same with a flag reset at the top of every iteration and no effect on
the loop test. For `for` loops the break flag becomes an extra test the for_stmt operator
checks before each iteration (a staged for with a break runs as a staged while). After
this rewrite the loops contain no jumps, so the control-flow converter can stage them.
"""

import ast

from ..pyct import templates


class _Finder(ast.NodeVisitor):
    """Does a statement contain a break/continue of the enclosing loop?"""

    def __init__(self, kind):
        self.kind = kind
        self.found = False

    def visit(self, node):
        if isinstance(node, self.kind):
            self.found = True
        elif not isinstance(node, (ast.While, ast.For, ast.FunctionDef,
                                   ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            super().generic_visit(node)


def _contains(stmt, kind):
    f = _Finder(kind)
    if isinstance(stmt, kind):
        return True
    if isinstance(stmt, (ast.While, ast.For, ast.FunctionDef, ast.AsyncFunctionDef,
                         ast.ClassDef)):
        return False
    f.generic_visit(stmt)
    return f.found


def _not(name):
    return ast.UnaryOp(op=ast.Not(), operand=ast.Name(id=name, ctx=ast.Load()))


def _rewrite_block(stmts, kind, flag):
    """Replaces jumps of `kind` by `flag = True` and guards what follows them."""
    out = []
    for i, stmt in enumerate(stmts):
        if isinstance(stmt, kind):
            out.extend(templates.replace("flag = True", flag=flag))
            return out  # the rest of the block is unreachable
        if _contains(stmt, kind):
            for field in ("body", "orelse"):
                block = getattr(stmt, field, None)
                if isinstance(block, list) and block:
                    setattr(stmt, field, _rewrite_block(block, kind, flag))
            if isinstance(stmt, ast.Try):
                stmt.handlers = [h for h in stmt.handlers]
            out.append(stmt)
            rest = stmts[i + 1:]
            if rest:
                rest = _rewrite_block(rest, kind, flag)
                guard = ast.If(test=_not(flag), body=rest, orelse=[])
                out.append(ast.copy_location(guard, rest[0]))
            return out
        out.append(stmt)
    return out


class JumpTransformer(ast.NodeTransformer):
    def __init__(self, ctx):
        self.ctx = ctx

    def visit_FunctionDef(self, node):
        self.generic_visit(node)
        return node

    def _loop(self, node):
        self.generic_visit(node)  # inner loops first: their jumps are their own
        has_break = any(_contains(s, ast.Break) for s in node.body)
        has_continue = any(_contains(s, ast.Continue) for s in node.body)
        if not (has_break or has_continue) or node.orelse:
            return node
        prelude = []
        if has_continue:
            flag = self.ctx.namer.new_symbol("continue_")
            self.ctx.flags.add(flag)
            node.body = templates.replace("flag = False", flag=flag) + \
                _rewrite_block(node.body, ast.Continue, flag)
        if has_break:
            flag = self.ctx.namer.new_symbol("break_")
            self.ctx.flags.add(flag)
            prelude = templates.replace("flag = False", flag=flag)
            node.body = _rewrite_block(node.body, ast.Break, flag)
            if isinstance(node, ast.While):
                node.test = ast.BoolOp(op=ast.And(), values=[_not(flag), node.test])
            else:
                # `for` has no test: the for_stmt operator reads this keyword-like marker.
                node.ag_extra_test = flag
        for stmt in prelude:
            ast.copy_location(stmt, node)
        for n in ast.walk(node):
            if not hasattr(n, "lineno") and "lineno" in n._attributes:
                ast.copy_location(n, node)
        return prelude + [node] if prelude else node

    visit_While = visit_For = _loop
