"""AutoGraph conversion of `and` / `or` / `not` (reference tests, TF AutoGraph style).

`a and b` becomes ag__.and_(lambda: a, lambda: b): on a Python left operand it is
Python's lazy operator (returns an operand; the right side is not evaluated when the
left decides); on a staged 0-d bool it is np.logical_and / np.logical_or. `not a`
becomes ag__.not_(a). Every sample function runs as plain Python/numpy and staged with
ag.stage on the same inputs, with Python-valued ("python") and staged ("staged")
operands, and must match numpy exactly in type, dtype, shape and value.
"""

import numpy as np
import pytest

import ag



from _autograph_helpers import PATHS, arg, assert_same, check, scalar


def and_op(a, b):
    return a and b


def or_op(a, b):
    return a or b


def not_op(a):
    return not a


def chain(a, b, c):
    return a and b or not c and a


# --- Python operands: Python semantics, operands returned -------------------------------------

PY_VALUES = [True, False, 0, 3, -1, 0.0, 2.5]


@pytest.mark.parametrize("a", PY_VALUES)
@pytest.mark.parametrize("b", [True, False, 0, 7, 1.5])
def test_python_and_or(a, b):
    check(and_op, a, b)
    check(or_op, a, b)


@pytest.mark.parametrize("a", PY_VALUES)
def test_python_not(a):
    check(not_op, a)


@pytest.mark.parametrize("a", [True, False])
@pytest.mark.parametrize("b", [True, False])
@pytest.mark.parametrize("c", [True, False])
def test_python_chain(a, b, c):
    check(chain, a, b, c)


# --- staged 0-d bool operands -----------------------------------------------------------------

def and_cmp(x, y):
    return (x > 0) and (y > 0)


def or_cmp(x, y):
    return (x > 0) or (y > 0)


def not_cmp(x):
    return not (x > 0)


def chain_cmp(x, y, z):
    return (x > 0) and (y > 0) or not (z > 0) and (x < 5)


SIGNS = [-1.0, 1.0]


@pytest.mark.parametrize("x", SIGNS)
@pytest.mark.parametrize("y", SIGNS)
def test_staged_and_or(x, y):
    x, y = np.float32(x), np.float32(y)
    check(and_cmp, x, y)
    check(or_cmp, x, y)


@pytest.mark.parametrize("x", SIGNS)
def test_staged_not(x):
    # Accepted difference: `not` gives a Python bool eagerly; on a staged operand it is a
    # staged value (np.logical_not), so it comes back as np.bool_ of the same value.
    check(not_cmp, np.float64(x), loose=True)


@pytest.mark.parametrize("x", SIGNS + [9.0])
@pytest.mark.parametrize("y", SIGNS)
@pytest.mark.parametrize("z", SIGNS)
def test_staged_chain(x, y, z):
    # Accepted difference: see test_staged_not (the `not` operand may be the result).
    check(chain_cmp, np.int64(x), np.int64(y), np.int64(z), loose=True)


@pytest.mark.parametrize("a", [True, False])
@pytest.mark.parametrize("b", [True, False])
def test_staged_bool_arguments(a, b):
    # Accepted difference: eagerly `a and b` returns one of the 0-d array arguments; the
    # staged result is computed (np.logical_and), so it is a numpy bool scalar.
    check(and_op, np.array(a), np.array(b), loose=True)
    check(or_op, np.array(a), np.array(b), loose=True)
    check(not_op, np.array(a), loose=True)


# --- mixed Python and staged operands ---------------------------------------------------------

def py_and_staged(c, x):
    return c and (x > 0)


def py_or_staged(c, x):
    return c or (x > 0)


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("x", SIGNS)
def test_python_left_staged_right(c, x):
    """A Python left operand decides as in Python; the result is that operand or the
    staged right side."""
    check(py_and_staged, c, np.float32(x))
    check(py_or_staged, c, np.float32(x))


def staged_and_py(x, c):
    return (x > 0) and c


def staged_or_py(x, c):
    return (x > 0) or c


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("x", SIGNS)
def test_staged_left_python_right(c, x):
    # Accepted difference: eagerly the Python right operand may be the result (a Python
    # bool); with a staged left operand the result is a staged np.bool_.
    check(staged_and_py, np.float32(x), c, loose=True)
    check(staged_or_py, np.float32(x), c, loose=True)


# --- short-circuit evaluation on Python values ------------------------------------------------

CALLS = []


def _record(value):
    CALLS.append("called")  # (a staged value kept in a global would be refused)
    return value


def and_side_effect(a, x):
    return a and _record(x * 2)


def or_side_effect(a, x):
    return a or _record(x * 2)


@pytest.mark.parametrize("fn,a,evaluated", [(and_side_effect, False, False),
                                            (and_side_effect, 0, False),
                                            (and_side_effect, True, True),
                                            (or_side_effect, True, False),
                                            (or_side_effect, 3, False),
                                            (or_side_effect, False, True)])
def test_python_short_circuit_skips_right_side(fn, a, evaluated):
    x = np.array([1.0, -2.0], np.float32)
    CALLS.clear()
    expected = fn(a, x.copy())
    assert len(CALLS) == int(evaluated)
    CALLS.clear()
    got = ag.stage(fn)(a, x)  # a fresh StagedFunction: this call traces
    assert len(CALLS) == int(evaluated), "the right operand was evaluated while tracing"
    assert_same(got, expected)


def safe_ratio(n, d):
    return d != 0 and n / d > 1


@pytest.mark.parametrize("d", [0, 2, 10])
def test_python_short_circuit_guards_errors(d):
    """`d != 0 and n / d > 1` must not divide by a Python zero."""
    check(safe_ratio, np.float32(5), d)


def none_guard(x, limit):
    return limit is not None and x > limit


@pytest.mark.parametrize("limit", [None, 0.5, 5.0])
def test_python_short_circuit_on_none(limit):
    check(none_guard, np.float64(1.5), limit)


# --- logical operators in conditions ----------------------------------------------------------

def logical_in_if(x, y):
    r = np.float32(0)
    if x > 0 and y > 0:
        r = x + y
    elif x > 0 or y > 0:
        r = x - y
    elif not (x < -5):
        r = x * y
    return r


@pytest.mark.parametrize("x,y", [(1, 1), (1, -1), (-1, 1), (-1, -1), (-6, -1)])
@pytest.mark.parametrize("path", PATHS)
def test_logical_operators_in_if(path, x, y):
    check(logical_in_if, scalar(x, path, np.float32), scalar(y, path, np.float32))


def not_in_while(n):
    i = np.int64(0)
    while not (i >= n or i * i > 50):
        i = i + 1
    return i


@pytest.mark.parametrize("n", [0, 1, 5, 20])
@pytest.mark.parametrize("path", PATHS)
def test_logical_operators_in_while(path, n):
    check(not_in_while, arg(n, path, np.int64))


# --- `in` / `not in` --------------------------------------------------------------------------

def membership(xs, v):
    found = v in xs
    missing = v not in xs
    r = np.float64(0)
    if v in xs:
        r = v * 2
    while v not in xs and v > 0:
        v = v - 1
    return found, missing, r, v


def membership_in_a_list(v):
    return membership([0.0, 1.0, 2.0, 3.0], v)


@pytest.mark.parametrize("v", [2.0, 7.5, -1.0])
@pytest.mark.parametrize("path", PATHS)
def test_membership(path, v):
    # A staged array's `in` is numpy's (xs == v).any(), a Python bool computed when the
    # code runs (Python's `in` would ask for it while tracing).
    if path == "python":
        check(membership_in_a_list, v, path=path, region="scf.if")
    else:
        check(membership, np.arange(4.0), scalar(v, path, np.float64), path=path,
              region="scf.if")


# --- limitation: staged non-bool operands -----------------------------------------------------

def test_staged_non_bool_and_is_a_clear_error():
    """`a and b` on staged ints would return an operand chosen by data; ag asks for an
    explicit comparison instead of guessing (a clear error, never a wrong value)."""
    with pytest.raises(ag.AgUnsupportedError,
                       match=r"`and`/`or` on a staged int64 value would return one of "
                             "the operands depending on data"):
        ag.stage(and_op)(np.int64(1), np.int64(2))
