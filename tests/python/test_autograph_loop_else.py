"""AutoGraph conversion of `while ... else` and `for ... else` (reference tests).

The else block runs iff the loop ended without a `break`. The break converter lowers it
to `if not break_: ...` after the loop (or to plain statements after a loop without a
break), so both dispatch paths keep Python's meaning:
  * "python": loop bound and break condition are Python values: the loop and the else
    run in Python while tracing;
  * "staged": 0-d arrays: scf.while/scf.for carry the break flag and the else becomes an
    scf.if on it. A staged break condition in a loop with a Python bound makes the flag
    staged after the first iteration: the rest of the loop and the else are staged.
Inputs make every loop run 0, 1 and many times, with the break taken and not taken.
"""

import numpy as np
import pytest

import ag
from _autograph_helpers import PATHS, arg, check, where


def while_else(n, stop):
    i = np.int64(0)
    s = np.int64(0)
    while i < n:
        s = s + i
        if s > stop:
            break
        i = i + 1
    else:
        s = s * 100
    return i, s


# n=0: no iteration; n=1: one, no break; n=5: many, break taken (stop=2) or not (100).
@pytest.mark.parametrize("n,stop", [(0, 2), (1, 2), (5, 2), (5, 100)])
@pytest.mark.parametrize("path_n", PATHS)
@pytest.mark.parametrize("path_stop", PATHS)
def test_while_else(path_n, path_stop, n, stop):
    check(while_else, arg(n, path_n, np.int64), arg(stop, path_stop, np.int64))


@pytest.mark.parametrize("path", PATHS)
def test_while_else_regions(path):
    got = check(while_else, arg(5, path, np.int64), arg(2, path, np.int64),
                path=path, region="scf.while")
    assert got == (np.int64(2), np.int64(3))
    ir = ag.stage(while_else).ir(arg(5, path, np.int64), arg(2, path, np.int64))
    assert ("scf.if" in ir) == (path == "staged"), ir  # the else, on the break flag


def for_else_range(n, stop):
    s = np.float64(0)
    k = np.int64(-1)
    for i in range(n):
        s = s + i
        if s > stop:
            k = k * 0 + i
            break
    else:
        s = -s
    return s, k


@pytest.mark.parametrize("n,stop", [(0, 2.5), (1, 2.5), (6, 2.5), (6, 100.0)])
@pytest.mark.parametrize("path_n", PATHS)
@pytest.mark.parametrize("path_stop", PATHS)
def test_for_else_range(path_n, path_stop, n, stop):
    check(for_else_range, arg(n, path_n, np.int64), arg(stop, path_stop, np.float64))


def first_row_above(xs, limit):
    best = np.zeros(xs.shape[1:], xs.dtype)
    for row in xs:
        if row.sum() > limit:
            best = row
            break
    else:
        best = best - 1
    return best


@pytest.mark.parametrize("rows", [0, 1, 4])
@pytest.mark.parametrize("limit", [-100.0, 2.0, 100.0])  # first row, a later one, none
def test_for_else_over_array_rows(rows, limit):
    xs = np.arange(rows * 3, dtype=np.float32).reshape(rows, 3) - 1
    check(first_row_above, xs, np.float32(limit))


def while_else_without_break(x, n):
    i = 0
    while i < n:
        x = x * 2
        i = i + 1
    else:
        x = x + 1
    return x


@pytest.mark.parametrize("n", [0, 1, 4])
@pytest.mark.parametrize("path", PATHS)
def test_else_without_break_always_runs(path, n):
    check(while_else_without_break, np.array([1.5, -2.0]), arg(n, path, np.int64))


def count_primes(n):
    count = np.int64(0)
    for p in range(2, n):
        for d in range(2, p):
            if p % d == 0:
                break
        else:
            count = count + 1
    return count


@pytest.mark.parametrize("n", [0, 3, 4, 30])
@pytest.mark.parametrize("path", PATHS)
def test_nested_for_else(path, n):
    # The inner loop's bound is the outer loop's index: staged with a staged n.
    check(count_primes, arg(n, path, np.int64), path=path, region="scf.while")


def continue_and_else(n):
    s = np.int64(0)
    i = np.int64(0)
    while i < n:
        i = i + 1
        if i % 2 == 0:
            continue
        s = s + i
    else:
        s = s * 10
    return s


@pytest.mark.parametrize("n", [0, 1, 6])
@pytest.mark.parametrize("path", PATHS)
def test_continue_does_not_skip_else(path, n):
    check(continue_and_else, arg(n, path, np.int64))


def return_in_loop_with_else(n, target):
    for i in range(n):
        if i * i >= target:
            return i + np.int64(100)
    else:
        return np.int64(-1)


@pytest.mark.parametrize("n,target", [(0, 4), (1, 4), (5, 4), (5, 50)])
@pytest.mark.parametrize("path_n", PATHS)
@pytest.mark.parametrize("path_target", PATHS)
def test_return_skips_else(path_n, path_target, n, target):
    check(return_in_loop_with_else, arg(n, path_n, np.int64),
          arg(target, path_target, np.int64))


def break_in_else_of_inner_loop(n, m):
    s = np.int64(0)
    for i in range(n):
        j = np.int64(0)
        while j < m:
            j = j + 1
        else:
            s = s + j
            if s > 5:
                break  # of the outer loop
    else:
        s = -s
    return s


@pytest.mark.parametrize("n,m", [(0, 3), (1, 3), (4, 0), (4, 2), (4, 3)])
@pytest.mark.parametrize("path_n", PATHS)
@pytest.mark.parametrize("path_m", PATHS)
def test_break_in_inner_else_belongs_to_outer_loop(path_n, path_m, n, m):
    check(break_in_else_of_inner_loop, arg(n, path_n, np.int64), arg(m, path_m, np.int64))


# --- a loop that cannot be staged -------------------------------------------------------------

def break_in_finally(n):
    i = np.int64(0)
    while i < n:  # the loop
        try:
            i = i + 1
        finally:
            if i > 2:
                break
    else:
        i = -i
    return i


@pytest.mark.parametrize("n", [0, 2, 5])
def test_break_in_finally_runs_as_python(n):
    check(break_in_finally, n)


def test_break_in_finally_cannot_be_staged():
    # A break in `finally` also discards the exception in flight, which a flag cannot
    # do: the loop and its else stay Python, so a staged condition is an error at the
    # loop's line.
    with pytest.raises(ag.AgUnsupportedError,
                       match=where(break_in_finally, "# the loop") +
                       r": the truth value of a staged array needs its value"):
        ag.stage(break_in_finally)(np.int64(5))
    assert "while_stmt" not in ag.stage(break_in_finally).source()
