"""AutoGraph conversion of conditional expressions `a if c else b` (reference tests, TF
AutoGraph style).

`a if c else b` becomes ag__.if_exp(c, lambda: a, lambda: b, loc): a Python condition
evaluates only the chosen side, as Python does; a staged 0-d condition stages scf.if.
Every sample function runs as plain Python/numpy and staged with ag.stage on the same
inputs, with the condition a Python value ("python") and a 0-d array ("staged"), both
ways, and must match numpy exactly in type, dtype, shape and value.
"""

import numpy as np
import pytest




from _autograph_helpers import PATHS, arg, check


X = np.array([1.5, -2.0, 3.25, 0.0], np.float32)


def simple(x, c):
    return x * 2 if c else x - 1


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_simple(path, c):
    check(simple, X, arg(c, path), path=path, region="scf.if")
    check(simple, X.astype(np.int64), arg(c, path), path=path, region="scf.if")


def comparison_condition(x, t):
    return x / 2 if np.sum(x) > t else x * x


@pytest.mark.parametrize("t", [0.0, 10.0])
@pytest.mark.parametrize("path", PATHS)
def test_condition_on_a_reduction(path, t):
    check(comparison_condition, X, arg(t, path, np.float32))


def nested(x, a):
    return x + 1 if a > 0 else (x * 2 if a < -5 else -x)


@pytest.mark.parametrize("a", [1, -1, -10])
@pytest.mark.parametrize("path", PATHS)
def test_nested(path, a):
    check(nested, X, arg(a, path, np.int64))


def condition_chain(x, a, b):
    return x if a > 0 else x + 1 if b > 0 else x + 2


@pytest.mark.parametrize("a,b", [(1, 1), (1, -1), (-1, 1), (-1, -1)])
@pytest.mark.parametrize("path_a", PATHS)
@pytest.mark.parametrize("path_b", PATHS)
def test_chained_mixed_paths(path_a, path_b, a, b):
    check(condition_chain, X, arg(a, path_a, np.int64), arg(b, path_b, np.int64))


def python_constants(c):
    return 1.5 if c else -2.5


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_python_constant_branches(path, c):
    # Accepted difference (staged path): the result is a Python float eagerly; selected by
    # a staged condition it is a staged float64 value.
    check(python_constants, arg(c, path), loose=True)


def abs_rows(xs):
    acc = np.zeros(xs.shape[1:], xs.dtype)
    for row in xs:
        acc = acc + (row if np.sum(row) > 0 else -row)
    return acc


@pytest.mark.parametrize("n", [1, 4])
def test_inside_loop_over_array(n):
    xs = (np.arange(3 * n, dtype=np.float64).reshape(n, 3) - 4) * 1.5
    check(abs_rows, xs)


def in_if_condition(x, c):
    if (np.sum(x) > 0 if c else np.sum(x) < 0):
        y = x + 10
    else:
        y = x - 10
    return y


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("sign", [1, -1])
@pytest.mark.parametrize("path", PATHS)
def test_as_condition_of_an_if(path, c, sign):
    check(in_if_condition, X * sign, arg(c, path))


def guarded_division(x, d):
    return x * (12 // d) if d != 0 else x


@pytest.mark.parametrize("d", [0, 3])
def test_python_condition_evaluates_only_the_chosen_side(d):
    """12 // 0 would raise ZeroDivisionError: the untaken side must not be evaluated."""
    check(guarded_division, X, d)


def branch_types_differ(x, c):
    return x.astype(np.float64) if c else x[:2]


@pytest.mark.parametrize("c", [True, False])
def test_python_condition_branches_may_differ(c):
    """With a Python condition only one side exists: its dtype/shape need not match the
    other side's."""
    check(branch_types_differ, X, c)


def scalar_result(a):
    return a * 2.0 if a > 0 else a - 1.0


@pytest.mark.parametrize("a", [3.0, -3.0])
def test_scalar_result_python_condition(a):
    check(scalar_result, a)


@pytest.mark.parametrize("a", [3.0, -3.0])
def test_scalar_result_staged_condition(a):
    check(scalar_result, np.float64(a))
