"""pyct.transformer.Base: block visits, locations of generated nodes, errors naming the
user's file:line; and that every converter of the pipeline derives from it."""

import ast
import textwrap

import pytest

from ag import conversion
from ag.pyct import templates, transformer


def _fn(source, first_line=1):
    fn = ast.parse(textwrap.dedent(source)).body[0]
    ast.increment_lineno(fn, first_line - 1)
    return fn


class _DoubleAssign(transformer.Base):
    """`x = v` -> `x = v; x_copy = x`; `pass` disappears."""

    def visit_Assign(self, node):
        name = node.targets[0].id
        return [node] + templates.replace("copy = name", copy=name + "_copy", name=name)

    def visit_Pass(self, node):
        return None


def _ctx(node):
    return transformer.Context(node, "user.py")


def test_visits_may_return_several_statements_or_none():
    fn = _fn("""
        def f(a):
            x = a
            pass
            if a:
                y = 2
        """)
    _DoubleAssign(_ctx(fn)).visit(fn)
    assert ast.unparse(fn).splitlines() == [
        "def f(a):", "    x = a", "    x_copy = x", "    if a:", "        y = 2",
        "        y_copy = y"]


def test_visit_block():
    fn = _fn("""
        def f(a):
            pass
            x = a
        """)
    t = _DoubleAssign(_ctx(fn))
    out = t.visit_block(fn.body)
    assert [ast.unparse(s) for s in out] == ["x = a", "x_copy = x"]


def test_generated_nodes_get_the_location_of_the_node_they_replace():
    fn = _fn("""
        def f(a):
            x = a
            if a:
                y = 2
        """, first_line=40)
    _DoubleAssign(_ctx(fn)).visit(fn)
    x_copy, y_copy = fn.body[1], fn.body[2].body[1]
    assert (x_copy.lineno, x_copy.col_offset) == (42, 4)  # the def is line 41
    assert (y_copy.lineno, y_copy.col_offset) == (44, 8)
    # Also the nodes inside the generated statement.
    assert all(n.lineno == 44 for n in ast.walk(y_copy) if hasattr(n, "lineno"))


def test_inherit_location_keeps_existing_locations():
    user = _fn("def f():\n    return a\n", first_line=10).body[0]
    new = ast.Expr(value=ast.Call(func=ast.Name(id="g", ctx=ast.Load()),
                                  args=[user.value], keywords=[]))
    transformer.inherit_location(new, user)
    assert new.lineno == 11 and new.value.func.lineno == 11
    assert user.value.col_offset == 11  # `a` keeps its own column


def test_loc_and_error_name_the_users_file_and_line():
    fn = _fn("def f():\n    while x:\n        pass\n", first_line=7)
    t = transformer.Base(_ctx(fn))
    loop = fn.body[0]
    assert ast.literal_eval(t.loc(loop)) == ("user.py", 8, 5)
    with pytest.raises(transformer.ConversionError, match=r"^user\.py:8: cannot do that$"):
        t.error(loop, "cannot do that")


def test_context_names_are_fresh():
    fn = _fn("def f(if_body, x):\n    if_body_1 = x\n")
    ctx = _ctx(fn)
    assert ctx.new_symbol("if_body") == "if_body_2"
    assert ctx.new_symbol("x") == "x_1"
    assert ctx.generated == {"if_body_2", "x_1"}


def test_every_converter_derives_from_the_base():
    converters = [step for step in conversion.PIPELINE if isinstance(step, type)]
    assert len(converters) == 12
    assert all(issubclass(c, transformer.Base) for c in converters)
    # Exactly one analysis step, just before control flow (it needs jumps as flags).
    names = [getattr(step, "__name__", "") for step in conversion.PIPELINE]
    assert names.index("_analyze") + 1 == names.index("ControlFlowTransformer")


def generator(x):
    yield x


def test_conversion_errors_name_the_line():
    with pytest.raises(conversion.ConversionError,
                       match=rf"test_pyct_transformer\.py:{generator.__code__.co_firstlineno + 1}: "
                             "generators and coroutines cannot be staged"):
        conversion.convert(generator)
