"""Python numbers through staged loops and ifs stay Python numbers (staged.array's
PythonNumber): a loop counter `it = 0 ... it += 1` comes back as an int, as numpy's code
gives it -- not np.int64, which is no `int` (`isinstance`, `json.dumps` see the
difference). Their operators follow Python's types (int / int is a float, bool + bool an
int, comparisons bools); with numpy values numpy's arithmetic applies, as it does on a
Python number. Before, every such value left as a numpy scalar.

Checks compare type and value exactly, on both dispatch paths."""

import json

import numpy as np
import pytest

import ag


def same(got, expected):
    assert type(got) is type(expected), (got, expected)
    if isinstance(expected, tuple):
        assert len(got) == len(expected)
        for g, e in zip(got, expected):
            same(g, e)
    elif isinstance(expected, np.ndarray):
        assert got.dtype == expected.dtype and got.shape == expected.shape
        np.testing.assert_array_equal(got, expected)
    else:
        assert got == expected, (got, expected)


def check(fn, *args):
    staged = ag.stage(fn)
    expected = fn(*args)
    for _ in range(2):  # the first call (trace) and the cached call (C dispatcher)
        same(staged(*args), expected)


def halvings(x, tol):
    it = 0
    total = 0.0
    done = False
    while x.sum() > tol:
        x = x * 0.5
        it += 1
        total = total + it / 2
        done = it >= 3
    return it, total, done, it // 2, it % 3, -it, abs(-it), it == 2, it * 1.5, it ** 2


def bools_count_as_ints(x, tol):
    hits = 0
    flag = False
    while x.sum() > tol:
        x = x - 1.0
        flag = bool(x[0] > 0.5)  # a Python bool (a numpy one would differ by trip count)
        hits = hits + True
    return hits, flag, flag + flag, flag & True, hits | 4, hits << 1


def counter_meets_numpy(x, tol):
    # With numpy values numpy's arithmetic: a numpy scalar, an array.
    it = 0
    while x.sum() > tol:
        x = x * 0.5
        it += 1
    return x * it, x.sum() + it, np.int32(it) + it


def for_over_staged_range(x, n):
    count = 0
    acc = 0.0
    for i in range(n):
        count += 2
        acc += 0.5
    return count, acc


@pytest.mark.parametrize("tol", [0.1, 3.0, 100.0], ids=["many", "one", "none"])
@pytest.mark.parametrize("fn", [halvings, bools_count_as_ints, counter_meets_numpy])
def test_while_loop_state(fn, tol):
    check(fn, np.ones(4), tol)


@pytest.mark.parametrize("n", [0, 5])
def test_for_loop_state(n):
    check(for_over_staged_range, np.ones(3), np.int64(n))


def branches(x):
    if x.sum() > 0:
        n, t, b = 1, 2.5, True
    else:
        n, t, b = 2, 0.5, False
    m = n * 3 + 1
    return n, t, b, m, m / 2, b + b, x * n


def mixed_kinds_stay_numpy(x):
    # int on one path, a numpy scalar on the other: numpy's types differ by path, so
    # the name is not one Python type (a numpy scalar, as before).
    k = 1
    if x.sum() > 0:
        k = x.sum()
    return k


@pytest.mark.parametrize("sign", [1, -1])
def test_if_of_python_numbers(sign):
    check(branches, np.ones(3) * sign)


def test_counter_is_json_serialisable():
    it, total, *_ = ag.stage(halvings)(np.ones(4), 0.1)
    assert json.dumps({"it": it, "total": total}) == json.dumps(
        {"it": halvings(np.ones(4), 0.1)[0], "total": halvings(np.ones(4), 0.1)[1]})


def test_a_python_int_against_a_numpy_scalar_is_numpys():
    staged = ag.stage(mixed_kinds_stay_numpy)
    for sign in (1, -1):
        got, expected = staged(np.ones(3) * sign), mixed_kinds_stay_numpy(np.ones(3) * sign)
        assert got == expected
        assert isinstance(got, np.generic) or type(got) is type(expected)


@pytest.mark.parametrize("dtype", [np.bool_, np.int8, np.uint16, np.int32, np.uint64,
                                   np.int64, np.float16, np.float32, np.float64,
                                   np.complex64, np.complex128])
def test_numpy_scalar_results_of_every_dtype(dtype):
    # The C dispatcher makes a 0-d result's numpy scalar straight from the element
    # (no 0-d array around it): numpy's type and value, NaN and -0.0 kept, and an
    # array result that is 0-d by shape but not a scalar in numpy stays an array.
    values = np.array([3, 0, 250], dtype=dtype) if dtype is not np.bool_ else \
        np.array([True, False, True])
    if np.dtype(dtype).kind in "fc":
        values = np.array([-0.0, np.nan, 2.5], dtype=dtype)

    def pick(v):
        return v[0], v[1], v.sum(), v[2:].reshape(()), v[1] + 0
    expected = pick(values)
    staged = ag.stage(pick)
    for _ in range(2):  # the first call (trace) and the cached call (C dispatcher)
        got = staged(values)
        for g, e in zip(got, expected):
            assert type(g) is type(e), (g, e)
            assert np.array_equal(g, e, equal_nan=np.dtype(dtype).kind in "fc"), (g, e)
            if np.dtype(dtype).kind == "f":
                assert np.signbit(g) == np.signbit(e), (g, e)
