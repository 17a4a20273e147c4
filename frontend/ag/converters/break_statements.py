"""`break` -> a flag, guards and a loop test; a loop's `else` -> an `if` on that flag.

    while cond:                 break_ = False
        a                       while not break_ and cond:
        if c:                       a
            break          ->       if c:
        b                               break_ = True
    else:                           if not break_:
        e                               b
                                if not break_:
                                    e

A `for` loop has no test to extend: the flag test goes to the anno.EXTRA_LOOP_TEST of the
loop, which the control-flow converter hands to ag__.for_stmt as `extra_test` (checked
before each iteration; a staged for with a break runs as a staged while). The `else`
block runs iff the loop did not break -- on a staged flag it becomes a staged if, so
both dispatch paths keep Python's meaning. A loop without a break runs its `else`
whenever it ends: the block just follows the loop. After this converter loops contain
no `break` -- except one in a `finally` block, which also discards the exception in
flight and cannot be a flag: such a loop (and its `else`) stays Python.

Runs after return_statements (a `return` inside a loop becomes a `break` too).
"""

import ast

from ..pyct import anno, templates, transformer
from . import helpers


class BreakTransformer(transformer.Base):
    STATEMENTS_ONLY = True  # loops and breaks are statements

    def _loop(self, node):
        self.generic_visit(node)  # inner loops first: their breaks are their own
        if helpers.jump_in_finally(node.body, ast.Break):
            return node
        orelse, node.orelse = node.orelse, []
        if not any(helpers.contains_jump(s, ast.Break) for s in node.body):
            return [node] + orelse
        flag = self.ctx.namer.new_symbol("break_")  # carried: not `generated`
        self.ctx.flags.add(flag)
        node.body = helpers.replace_jumps(node.body, ast.Break, flag)
        if isinstance(node, ast.While):
            node.test = ast.BoolOp(op=ast.And(), values=[helpers.not_(flag), node.test])
        else:
            test = helpers.not_(flag)
            extra = anno.getanno(node, anno.EXTRA_LOOP_TEST)
            if extra is not None:
                test = ast.BoolOp(op=ast.And(), values=[test, extra])
            anno.setanno(node, anno.EXTRA_LOOP_TEST, test)
        after = []
        if orelse:
            after = [ast.copy_location(ast.If(test=helpers.not_(flag), body=orelse,
                                              orelse=[]), orelse[0])]
        return templates.replace("flag = False", flag=flag) + [node] + after

    visit_While = visit_For = _loop
