"""AutoGraph conversion of `if` / `elif` / `else` (reference tests, TF AutoGraph style).

Every sample function runs as plain Python/numpy and staged with ag.stage on the same
inputs, for both dispatch paths of `ag__.if_stmt`:
  * "python": the condition is a Python value (a Python bool/int/float argument is a
    compile-time constant), so the staged trace runs plain Python `if`;
  * "staged": the condition is a 0-d numpy array argument, so ag stages scf.if.
Inputs make every branch go both ways. Results must match numpy exactly in type, dtype
and shape (floats within rtol=atol=1e-5): the as-if rule.
"""

import numpy as np
import pytest

import ag



from _autograph_helpers import PATHS, arg, assert_same, check, staged


X = np.array([1.5, -2.0, 3.25, 0.0], np.float32)
XI = np.array([4, -3, 7], np.int32)


# --- if / else ------------------------------------------------------------------------

def if_else(x, c):
    if c > 0:
        y = x * 2
    else:
        y = x - 1
    return y


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("c", [-3, 0, 5])
def test_if_else(path, c):
    check(if_else, X, arg(c, path), path=path, region="scf.if")
    check(if_else, XI, arg(c, path, np.int32), path=path, region="scf.if")


def if_else_float_cond(x, t):
    if np.sum(x) > t:
        y = x / 2
    else:
        y = x * x
    return y


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("t", [-10.0, 2.75, 10.0])
def test_condition_on_a_reduction(path, t):
    # np.sum(X) = 2.75: the threshold equal to the sum takes the else branch.
    check(if_else_float_cond, X, arg(t, path, np.float32))


def if_truthiness(v):
    if v:
        r = np.int64(1)
    else:
        r = np.int64(-1)
    return r


@pytest.mark.parametrize("v", [0, 3, -1, 0.0, -0.0, 0.25, float("nan"), float("inf"), True,
                               False])
@pytest.mark.parametrize("path", PATHS)
def test_condition_truthiness(path, v):
    """`if v:` on a non-bool value is Python's truth test (nonzero; NaN is true)."""
    check(if_truthiness, arg(v, path))


# --- if without else: a variable defined before, modified in one branch only --------------

def if_no_else(x, c):
    y = x
    if c:
        y = y * 3 + 1
    return y


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_if_without_else(path, c):
    check(if_no_else, X, arg(c, path), path=path, region="scf.if")


def modified_in_else_only(x, c):
    y = x + 1
    if c < 0:
        pass
    else:
        y = -y
    return y


@pytest.mark.parametrize("c", [-1, 1])
@pytest.mark.parametrize("path", PATHS)
def test_modified_in_else_only(path, c):
    check(modified_in_else_only, X, arg(c, path))


def defined_in_both_branches(x, c):
    if c:
        z = x * x
    else:
        z = x + x
    return z


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_defined_in_both_branches_only(path, c):
    check(defined_in_both_branches, X, arg(c, path))


def branch_local_temporaries(x, c):
    if c:
        t = x * 2  # t is only used inside the branch: not an output of the if
        x = t + 1
    return x


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_branch_local_temporary(path, c):
    check(branch_local_temporaries, X, arg(c, path))


def one_branch_python_cond(x, c):
    if c:
        z = x + 1
    return z


def test_variable_defined_in_one_branch_python_condition():
    """With a Python condition the if is plain Python: the taken branch defines z; the
    other path raises Python's own error (UnboundLocalError, a NameError) as eagerly."""
    check(one_branch_python_cond, X, True)
    with pytest.raises(NameError):
        one_branch_python_cond(X, False)
    with pytest.raises(NameError, match="'z'"):
        staged(one_branch_python_cond)(X, False)


# --- several variables ------------------------------------------------------------------

def multiple_variables(x, c):
    a = x
    b = x * 2
    k = np.int64(0)
    if c:
        a = b + 1
        b = a * 3
        k = k + 1
    else:
        k = k - 1
    return a, b, k


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_multiple_variables(path, c):
    check(multiple_variables, X.astype(np.float64), arg(c, path))
    check(multiple_variables, XI, arg(c, path))


def swap_in_branch(a, b, c):
    if c:
        a, b = b, a
    return a, b


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_swap_in_branch(path, c):
    check(swap_in_branch, X, X[::-1].copy(), arg(c, path))


# --- elif chains and nested ifs -----------------------------------------------------------

def elif_chain(x, c):
    if c > 10:
        r = x * 3
    elif c > 0:
        r = x * 2
    elif c > -10:
        r = x + 100
    else:
        r = -x
    return r


@pytest.mark.parametrize("c", [20, 10, 5, 0, -5, -10, -20])
@pytest.mark.parametrize("path", PATHS)
def test_elif_chain(path, c):
    check(elif_chain, X, arg(c, path), path=path, region="scf.if")


def nested_ifs(x, a, b):
    if a > 0:
        if b > 0:
            r = x + 1
        else:
            r = x - 1
    else:
        if b > 0:
            r = x * 2
        else:
            r = x * -2
        r = r + r
    return r


@pytest.mark.parametrize("a,b", [(1, 1), (1, -1), (-1, 1), (-1, -1)])
@pytest.mark.parametrize("path_a", PATHS)
@pytest.mark.parametrize("path_b", PATHS)
def test_nested_ifs(path_a, path_b, a, b):
    """Every combination of Python / staged outer and inner conditions."""
    check(nested_ifs, X, arg(a, path_a), arg(b, path_b))


def nested_modify_outer(x, a, b):
    y = x
    n = np.int64(0)
    if a:
        y = y + 1
        if b:
            y = y * 2
            n = n + 10
        n = n + 1
    return y, n


@pytest.mark.parametrize("a", [True, False])
@pytest.mark.parametrize("b", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_nested_if_without_else(path, a, b):
    check(nested_modify_outer, X, arg(a, path), arg(b, path))


# --- ifs inside loops ---------------------------------------------------------------------

def if_in_python_loop(x, c):
    for k in [1, 2, 3]:
        if c > k:
            x = x * 2
        else:
            x = x + k
    return x


@pytest.mark.parametrize("c", [0, 2, 5])
@pytest.mark.parametrize("path", PATHS)
def test_if_inside_python_for(path, c):
    check(if_in_python_loop, X, arg(c, path))


def if_in_staged_for(x, n):
    for i in range(n):
        if i % 2 == 0:
            x = x + i
        else:
            x = x * 0.5
    return x


@pytest.mark.parametrize("n", [0, 1, 2, 5])
@pytest.mark.parametrize("path", PATHS)
def test_if_inside_for_over_range(path, n):
    check(if_in_staged_for, X, arg(n, path, np.int64))


def if_over_rows(xs):
    pos = np.float32(0)
    neg = np.float32(0)
    for v in xs:
        if v > 0:
            pos = pos + v
        else:
            neg = neg - v
    return pos, neg


@pytest.mark.parametrize("values", [[1.0], [-1.0], [1.0, -2.0, 3.0, 0.0, -0.5]])
def test_if_inside_for_over_array(values):
    check(if_over_rows, np.array(values, np.float32))


def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps = steps + 1
    return n, steps


@pytest.mark.parametrize("n", [1, 2, 6, 27])
@pytest.mark.parametrize("path", PATHS)
def test_if_inside_while(path, n):
    # Accepted difference: `steps` starts as a Python int; after a staged loop it is a
    # staged value, so it comes back as np.int64 (compared by value and numpy dtype).
    check(collatz, arg(n, path, np.int64), loose=True)


# --- the dtype a staged if gives a variable -----------------------------------------------

def branch_dtypes_differ(x, c):
    if c:
        y = x.astype(np.float32)
    else:
        y = x.astype(np.float64)
    return y


@pytest.mark.parametrize("c", [True, False])
def test_branch_dtypes_python_condition(c):
    check(branch_dtypes_differ, X, c)


def test_branch_dtypes_staged_condition_is_as_if_or_an_error():
    s = staged(branch_dtypes_differ)
    for c in (True, False):
        expected = branch_dtypes_differ(X, np.array(c))
        try:
            got = s(X, np.array(c))
        except ag.AgError as e:
            assert "'y'" in str(e)
        else:
            assert_same(got, expected)
