"""pyct reaching definitions on small functions, and what the converter does with them
(where a branch or loop's outputs get their ag__.Undefined binding)."""

import ast
import textwrap

import numpy as np
import pytest

import ag
from ag.pyct import anno, reaching_definitions as rd


def _fn(source):
    fn = ast.parse(textwrap.dedent(source)).body[0]
    rd.annotate(fn)
    return fn


def _stmt_at(fn, line):
    """The statement starting at `line` of the snippet (the def is line 1)."""
    return next(n for n in ast.walk(fn) if isinstance(n, ast.stmt) and n.lineno == line)


def _lines(state, name):
    """The lines of the definitions of `name` reaching, 'undefined' for UNDEFINED."""
    return sorted(("undefined" if d is rd.UNDEFINED else d.node.lineno
                   for d in rd.reaching(state, name)), key=str)


def _at(fn, line):
    return rd.definitions_in(_stmt_at(fn, line))


def test_straight_line_kills_earlier_definitions():
    fn = _fn("""
        def f(a):
            x = a
            x = x + 1
            return x
        """)
    assert _lines(_at(fn, 3), "x") == ["undefined"]
    assert _lines(_at(fn, 4), "x") == [3]
    assert _lines(_at(fn, 5), "x") == [4]
    assert _lines(_at(fn, 3), "a") == [2]  # the parameter
    assert rd.is_undefined(_at(fn, 3), "x") and not rd.is_undefined(_at(fn, 4), "x")


def test_name_reads_are_annotated():
    fn = _fn("""
        def f(a):
            x = a
            x = x + 1
        """)
    reads = [n for n in ast.walk(_stmt_at(fn, 4)) if isinstance(n, ast.Name)
             and isinstance(n.ctx, ast.Load)]
    (defs,) = [anno.getanno(n, anno.DEFINITIONS) for n in reads]
    assert [d.node.lineno for d in defs] == [3]


def test_if_joins_its_branches():
    fn = _fn("""
        def f(c):
            if c:
                x = 1
                y = 1
            else:
                x = 2
            return x, y
        """)
    state = _at(fn, 8)
    assert _lines(state, "x") == [4, 7]
    assert _lines(state, "y") == [5, "undefined"]
    assert rd.may_be_undefined(state, "y") and not rd.may_be_undefined(state, "x")


def test_while_reaches_its_own_head():
    fn = _fn("""
        def f(n):
            i = 0
            while i < n:
                t = i
                i = i + 1
            return i, t
        """)
    assert _lines(_at(fn, 4), "i") == [3]  # the loop statement itself: before it
    assert _lines(_at(fn, 5), "i") == [3, 6]  # in the body: the first or the last pass
    assert _lines(_at(fn, 5), "t") == [5, "undefined"]
    assert _lines(_at(fn, 7), "t") == [5, "undefined"]  # the loop may run zero times
    test_reads = [n for n in ast.walk(_stmt_at(fn, 4).test) if isinstance(n, ast.Name)
                  and n.id == "i"]
    assert sorted(d.node.lineno for d in anno.getanno(test_reads[0], anno.DEFINITIONS)) \
        == [3, 6]


def test_for_target_and_else():
    fn = _fn("""
        def f(xs):
            for x in xs:
                y = x
            else:
                z = 0
            return x, y, z
        """)
    assert _lines(_at(fn, 4), "x") == [3]
    assert _lines(_at(fn, 7), "x") == [3, "undefined"]
    assert _lines(_at(fn, 7), "z") == [6]  # no break: the else always runs


def test_break_skips_else_and_continue_goes_to_the_head():
    fn = _fn("""
        def f(xs):
            for x in xs:
                if x:
                    b = 1
                    break
                if x > 1:
                    c = 1
                    continue
                d = 1
            else:
                e = 1
            return b, c, d, e
        """)
    state = _at(fn, 13)
    assert _lines(state, "b") == [5, "undefined"]
    assert _lines(state, "e") == [12, "undefined"]  # not after the break
    assert _lines(_at(fn, 4), "c") == [8, "undefined"]  # via continue, to the next pass
    assert _lines(_at(fn, 4), "d") == [10, "undefined"]


def test_return_and_raise_reach_nothing():
    fn = _fn("""
        def f(c):
            if c:
                x = 1
                return x
            else:
                x = 2
            y = x
        """)
    assert _lines(_at(fn, 8), "x") == [7]


def test_try_handlers_see_any_point_of_the_body():
    fn = _fn("""
        def f(g):
            x = 0
            try:
                x = 1
                x = g()
            except ValueError as e:
                y = x
            return x
        """)
    assert _lines(_at(fn, 8), "x") == [3, 5, 6]
    assert _lines(_at(fn, 8), "e") == [7]
    assert _lines(_at(fn, 9), "e") == ["undefined"]  # Python deletes it after
    assert _lines(_at(fn, 9), "x") == [3, 5, 6]


def test_del_and_nested_functions():
    fn = _fn("""
        def f():
            x = 1
            del x
            def g():
                nonlocal y
                y = 2
            h = lambda: z
            return x
        """)
    assert _lines(_at(fn, 9), "x") == ["undefined"]
    # g may define y whenever it is called: a definition, but not a certain one.
    assert _lines(_at(fn, 8), "y") == [5, "undefined"]
    assert _lines(_at(fn, 9), "g") == [5] and _lines(_at(fn, 9), "h") == [8]
    inner = _stmt_at(fn, 7)  # g's body is analysed on its own
    assert rd.definitions_in(inner) == {}


def test_walrus_in_a_comprehension_binds_here():
    fn = _fn("""
        def f(xs):
            r = [k for k in xs if (m := k)]
            return m, k
        """)
    assert _lines(_at(fn, 4), "m") == [3]
    assert _lines(_at(fn, 4), "k") == ["undefined"]


# --- the control-flow converter places Undefined bindings from the analysis -----------------

def loop_defines(n):
    s = np.float64(0)
    i = np.int64(0)
    while i < n:
        t = i * 2
        s = s + t
        i = i + 1
    return s, t


def maybe_defined(c, d):
    if c > 0:
        y = np.float64(1)
    if d > 0:
        y = np.float64(2)
    return y


def _source_lines(fn):
    return [line.strip() for line in ag.stage(fn).source().splitlines()]


def test_undefined_binding_right_before_the_statement_that_defines_it():
    lines = _source_lines(loop_defines)
    # `t` has no definition before the loop: bound just before it; `s` and `i` have one
    # on every path: no binding.
    assert "t = ag__.Undefined('t')" in lines
    # (np.int64(...) goes through converted_call: it stages np.int64 of a staged value)
    init = next(k for k, line in enumerate(lines) if line.startswith("i = ") and
                "np.int64" in line)
    assert lines.index("t = ag__.Undefined('t')") == init + 1
    assert not any("Undefined('s')" in line or "Undefined('i')" in line for line in lines)


def test_maybe_defined_names_are_bound_at_the_top():
    lines = _source_lines(maybe_defined)
    # Before the second if, y is defined on one path only: binding it there would lose
    # the first if's value, so it is bound at the top of the function (the first if,
    # where no definition reaches, binds it right before itself, here line 2 too).
    assert lines[1] == "y = ag__.Undefined('y')"
    second_if = next(i for i, line in enumerate(lines) if "ag__.if_stmt(d > 0" in line)
    assert not any("Undefined" in line for line in lines[3:second_if])


@pytest.mark.parametrize("n", [1, 3])
def test_loop_defined_value(n):
    # A Python bound: the loop runs in Python and `t` is defined, as in Python.
    assert ag.stage(loop_defines)(n) == loop_defines(n)


def test_loop_defined_after_a_staged_loop_is_an_error():
    # The binding before the loop is what makes this an error naming `t`, not a
    # NameError of generated code.
    with pytest.raises(ag.AgError, match="variable 't' is used after a staged while "
                                         "loop that may run zero times"):
        ag.stage(loop_defines)(np.int64(3))


@pytest.mark.parametrize("c,d", [(1, 0), (0, 1), (1, 1)])
def test_maybe_defined_keeps_the_first_definition(c, d):
    assert ag.stage(maybe_defined)(c, d) == maybe_defined(c, d)
