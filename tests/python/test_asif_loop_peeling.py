"""Loop-carried variables whose dtype or shape changes in the first iteration only
(operators/loops.py): the first iteration is peeled under a staged if on the loop's
condition and the loop after it carries the settled type. Before, each of these was an
ag error ("variable 'delta' changes from float64[] to float32[] in a staged while loop").

Both dispatch paths (check_asif calls twice: trace, then the C dispatcher), with the
loops running zero, one and many times."""

import copy

import numpy as np
import pytest

import ag
from _asif import check_asif
from _reference import assert_same


def check(fn, *args):
    """check_asif, except that a result numpy gives as a Python number (a zero-trip
    loop left the variable's initial `1.0`) may come back as a numpy scalar of its kind
    and value: ag's rule for a Python number that went through staged control flow
    (README, "Python control flow")."""
    expected = fn(*copy.deepcopy(args))
    if not any(type(e) in (int, float) for e in
               (expected if isinstance(expected, tuple) else (expected,))):
        check_asif(fn, *args)
        return
    staged = ag.stage(fn)
    for call in range(2):
        got = staged(*copy.deepcopy(args))
        for g, e in zip(got if isinstance(got, tuple) else (got,),
                        expected if isinstance(expected, tuple) else (expected,)):
            if type(e) in (int, float):
                assert np.asarray(g).dtype.kind == np.asarray(e).dtype.kind and g == e, \
                    (call, g, e)
            else:
                assert_same(g, e, f"call {call}")


def power_iteration(a, v, tol, max_iter):
    # delta and lam: Python floats on entry, float32 after an iteration.
    delta = tol + 1.0
    it = 0
    lam = 0.0
    while delta > tol and it < max_iter:
        w = a @ v
        lam = v @ w
        w = w / np.sqrt(np.sum(w * w))
        delta = np.max(np.abs(w - v))
        v = w
        it += 1
    return lam, v, delta * 2


def running_max_product(x, n):
    err = 1.0
    acc = 0
    for i in range(n):
        err = np.max(x[:i + 1]) * err
        acc = acc + x[i]
    return err, acc


def over_rows(m):
    total = 1.0
    for row in m:
        total = row.sum() * total
    return total


def with_break(x, n):
    err = 1.0
    for i in range(n):
        if x[i] > 3.5:
            break
        err = np.max(x[:i + 1]) + np.float32(err)
    return err


def int_then_float_array(x, n):
    y = np.arange(x.size)  # int64, then float32 after y * x
    i = 0
    while i < n:
        y = y * x
        i += 1
    return y


A = np.float32([[2, 1, 0], [1, 3, 1], [0, 1, 4]])
V = np.ones(3, np.float32)
X = np.arange(1, 7, dtype=np.float32)


@pytest.mark.parametrize("max_iter", [0, 1, 500])
def test_while_python_float_then_float32(max_iter):
    check(power_iteration, A, V, 1e-4, np.int64(max_iter))


@pytest.mark.parametrize("n", [0, 1, 3, 6])
@pytest.mark.parametrize("fn", [running_max_product, with_break, int_then_float_array])
def test_first_iteration_changes_the_type(fn, n):
    check(fn, X, np.int64(n))


@pytest.mark.parametrize("rows", [0, 1, 4])
def test_over_array_rows(rows):
    check(over_rows, np.arange(rows * 3, dtype=np.float32).reshape(rows, 3) + 1)


def changes_every_iteration(x, n):
    y = x.astype(np.int8)
    i = 0
    while i < n:
        y = np.concatenate([y, y])  # the shape doubles each time
        i += 1
    return y


def test_a_type_that_never_settles_is_an_ag_error_naming_it():
    with pytest.raises(ag.AgValueError, match=r"test_asif_loop_peeling.py:\d+: variable "
                       r"'y' changes from int8\[6\] to int8\[12\] in a staged while"):
        ag.stage(changes_every_iteration)(X, np.int64(2))


def grows_to_a_vector(x, n):
    # shape () on entry, x's shape after an iteration: numpy's y after the loop has a
    # shape that depends on whether it ran, which one staged value cannot have.
    y = 0.0
    k = 0
    while k < n:
        y = y + x
        k += 1
    return y


def test_a_shape_that_depends_on_the_trip_count_is_the_loops_ag_error():
    with pytest.raises(ag.AgValueError, match=r"test_asif_loop_peeling.py:\d+: variable "
                       r"'y' changes from float64\[\] to float32\[6\] in a staged while"):
        ag.stage(grows_to_a_vector)(X, np.int64(2))
