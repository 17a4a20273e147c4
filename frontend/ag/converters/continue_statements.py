"""`continue` -> a flag reset at the top of every iteration and guards.

    for x in xs:                for x in xs:
        a                           continue_ = False
        if c:                       a
            continue       ->       if c:
        b                               continue_ = True
                                    if not continue_:
                                        b

Unlike a break, the flag does not touch the loop test. Runs after break_statements, so
the loop's `else` is already plain statements after it. A `continue` in a `finally`
block cannot be a flag (it also discards the exception in flight): the loop stays Python.
"""

import ast

from ..pyct import templates, transformer
from . import helpers


class ContinueTransformer(transformer.Base):
    STATEMENTS_ONLY = True  # loops and continues are statements

    def _loop(self, node):
        self.generic_visit(node)  # inner loops first: their continues are their own
        if helpers.jump_in_finally(node.body, ast.Continue) or \
                not any(helpers.contains_jump(s, ast.Continue) for s in node.body):
            return node
        flag = self.ctx.namer.new_symbol("continue_")  # carried: not `generated`
        self.ctx.flags.add(flag)
        node.body = templates.replace("flag = False", flag=flag) + \
            helpers.replace_jumps(node.body, ast.Continue, flag)
        return node

    visit_While = visit_For = _loop
