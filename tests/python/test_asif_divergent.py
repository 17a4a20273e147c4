"""A name whose dtype depends on a staged condition (operators.divergent): every use of
it runs once per path, and what comes out has numpy's dtype on the path that ran.

The fuzzer's refusal bait was mostly this (`if c: b = x * 2 else: b = (x *
2).astype(np.int32)`): 432 of seed 50's 558 refusals."""

import contextlib
import copy
import io

import numpy as np
import pytest

import ag
from _asif import check_asif


def check_printing(fn, *args):
    """check_asif, and the staged calls print what numpy's does."""
    eager = io.StringIO()
    with contextlib.redirect_stdout(eager):
        fn(*copy.deepcopy(args))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        check_asif(fn, *args)  # numpy's call, then two staged calls
    assert printed.getvalue() == eager.getvalue() * 3


def bait(x):
    if x.sum() > 0:
        b = x * 2
    else:
        b = (x * 2).astype(np.int32)
    print('bait', np.sum(b))
    return x + 1


def operators_and_writes(x):
    if x.sum() > 0:
        b = x * 2
    else:
        b = (x * 2).astype(np.int32)
    c = b + 1
    d = c * x
    e = (b > 1).sum()
    b[0] = 7
    return b, c, d, e


def path_objects(x, y):
    # On the first path b is x itself: the in-place add and the copy into y see that.
    if x.sum() > 0:
        b = x
    else:
        b = x.astype(np.int64)
    b += 1
    y[...] = b
    return b, x, y


def rebinding_from_before(x):
    b = x
    if x.sum() > 0:
        b = x * 0.5
    else:
        b = x.astype(np.int32)
    b += 3
    return b


def _helper(p, q):
    p[1:] += p[:-1]
    return p.sum() + q.max()


def functions_methods_indexing(x):
    if x.sum() > 0:
        b = x * 2
    else:
        b = (x * 2).astype(np.int32)
    s = _helper(b, x)
    t = np.concatenate([b, x])
    u = b.astype(np.float32)
    v = b[1:] * b[:-1]
    w = x[b > 1]
    return s, t, u, v, w.sum()


def loops_after(x):
    if x.sum() > 0:
        b = x * 2
    else:
        b = (x * 2).astype(np.int32)
    for _ in range(20):
        b = b + 1
    if x[0] > 0.5:
        b = b * 3
    acc = np.zeros(x.shape)
    i = 0
    while i < 10:
        acc += b
        i += 1
    return acc, b


def arithmetic(x):
    if x.sum() > 0:
        b = x * 2
    else:
        b = (x * 2).astype(np.int32)
    return 2 * b, -b, abs(b), b ** 2, b // 3, b % 3, divmod(b, 2), np.maximum(b, x), b @ x


def raises_on_one_path(x):
    if x.sum() > 0:
        b = x * 2
    else:
        b = (x * 2).astype(np.int32)
    b += 0.5  # numpy: UFuncTypeError on the int32 path only
    return b


INPUTS = [np.ones(4), -np.ones(4), np.arange(4.0) - 1]


@pytest.mark.parametrize("x", INPUTS, ids=["then", "else", "mixed"])
@pytest.mark.parametrize("fn", [operators_and_writes, rebinding_from_before,
                                functions_methods_indexing, loops_after, arithmetic])
def test_values_of_either_dtype(fn, x):
    check_asif(fn, x)


@pytest.mark.parametrize("x", INPUTS, ids=["then", "else", "mixed"])
def test_print_of_either_dtype(x):
    check_printing(bait, x)


@pytest.mark.parametrize("x", INPUTS, ids=["then", "else", "mixed"])
def test_the_path_object_is_the_array_from_before(x):
    check_asif(path_objects, x, np.zeros(4))


def test_numpy_error_on_one_path_is_raised_when_that_path_runs():
    staged = ag.stage(raises_on_one_path)
    for _ in range(2):
        np.testing.assert_array_equal(staged(np.ones(4)), raises_on_one_path(np.ones(4)))
        with pytest.raises(np.core._exceptions._UFuncOutputCastingError):
            raises_on_one_path(-np.ones(4))
        with pytest.raises(np.core._exceptions._UFuncOutputCastingError):
            staged(-np.ones(4))


def dtype_as_python_value(x):
    if x.sum() > 0:
        b = x * 2
    else:
        b = (x * 2).astype(np.int32)
    return np.zeros(3, b.dtype)


def test_its_dtype_as_a_python_value_is_an_ag_error_naming_the_line():
    with pytest.raises(ag.AgUnsupportedError, match=r"test_asif_divergent.py:\d+: the "
                       r"dtype of this array depends on which branch of a staged if ran "
                       r"\(int32 or float64\)"):
        ag.stage(dtype_as_python_value)(np.ones(3))


# A Python number on one path and an array (a 0-d one, here) on the other: the number
# keeps its type (a Divergent), since standing as the array's dtype would change what
# numpy computes with it. Before the first fix, `t = 1.5` on the int64 path became 1 and
# `t + 0.25` returned 1.25.
def float_number_or_int_scalar(x):
    t = x.sum()
    if x.sum() > 0:
        t = 1.5
    return t + 0.25


def int_number_or_float_scalar(x):
    t = x.sum() * 0.5
    if x.sum() > 0:
        t = 7
    return t / 2, t


def big_int_or_int32_scalar(x):
    t = x.max().astype(np.int32)
    if x.sum() > 0:
        t = 3000000000
    return t + 1, t


def int_number_or_int16_scalar(x):
    # Standing as int16, the Python 100 times 1000 wrapped (value-based casting keeps
    # int16 for a Python 1000); numpy's is the int 100000.
    t = x.max().astype(np.int16)
    if x.sum() > 0:
        t = 100
    return t * 1000, t


def int_number_or_int_scalar(x):
    t = x.max()
    if x.sum() > 0:
        t = 3
    return t // 2, t


@pytest.mark.parametrize("x", [np.ones(3, np.int64), -np.ones(3, np.int64)],
                         ids=["then", "else"])
@pytest.mark.parametrize("fn", [float_number_or_int_scalar, int_number_or_float_scalar,
                                big_int_or_int32_scalar, int_number_or_int_scalar,
                                int_number_or_int16_scalar])
def test_python_number_on_one_path(fn, x):
    """Values and kinds as numpy's; numpy scalars of numpy's type. (A Python number's
    result may come back as the numpy scalar of its dtype where numpy's type depends on
    the path only in that: `t * 1000` is an int on one path, np.int64 on the other.)"""
    expected = fn(x.copy())
    staged = ag.stage(fn)
    for _ in range(2):
        got = staged(x.copy())
        for g, e in zip(got if isinstance(got, tuple) else (got,),
                        expected if isinstance(expected, tuple) else (expected,)):
            assert np.asarray(g).dtype.kind == np.asarray(e).dtype.kind and g == e, (g, e)
            if isinstance(e, np.generic):
                assert type(g) is type(e), (g, e)


# A Divergent merged by a later staged if (another condition) with an array of a third
# dtype, or with another condition's Divergent: a Divergent whose sides are Divergents.
# Before, an ag error ("a different structure in the branches of a staged if").
def _divergent(x):
    if x.sum() > 0:
        return x * 2
    return (x * 2).astype(np.int32)


def merged_with_a_plain_array(x, y):
    b = _divergent(x)
    if y.sum() > 0:
        c = b + 1
    else:
        c = y
    d = c * 2
    return d, d.sum(), c > 1


def merged_with_another_conditions_divergent(x, y):
    b = _divergent(x)
    if y.sum() > 0:
        e = y * 3
    else:
        e = y.astype(np.int16)
    if x[0] + y[0] > 0:
        c = b
    else:
        c = e
    return c + 1, (c * c).sum()


def writes_through_the_merged_name(x, y):
    # On the else path c is y itself: the write shows in y; on the other it is b's
    # array on b's path (the int32 one a new array, the float64 one too).
    b = _divergent(x)
    if y.sum() > 0:
        c = b
    else:
        c = y
    c[0] = 9
    c += 1
    return b, c, y


def three_levels_in_a_loop(x, y):
    b = _divergent(x)
    if y.sum() > 0:
        c = b - 1
    else:
        c = y
    if y[1] > x[1]:
        d = c
    else:
        d = (y > 0).astype(np.uint8)
    for _ in range(3):
        d = d + 1
    print('d', d)
    return d


def printing_it(x, y):
    b = _divergent(x)
    if y.sum() > 0:
        c = b + 1
    else:
        c = y
    print('c', c, np.sum(c))
    return x


PAIRS = [(np.ones(4), np.ones(4, np.float32)), (-np.ones(4), np.ones(4, np.float32)),
         (np.ones(4), -np.ones(4, np.float32)), (-np.ones(4), -np.ones(4, np.float32)),
         (np.arange(4.0) - 1, np.float32([2, -5, 1, 1]))]
PAIR_IDS = ["tt", "et", "te", "ee", "mixed"]


@pytest.mark.parametrize("x, y", PAIRS, ids=PAIR_IDS)
@pytest.mark.parametrize("fn", [merged_with_a_plain_array,
                                merged_with_another_conditions_divergent,
                                writes_through_the_merged_name, three_levels_in_a_loop])
def test_divergent_merged_again(fn, x, y):
    check_asif(fn, x, y)


@pytest.mark.parametrize("x, y", PAIRS, ids=PAIR_IDS)
def test_print_of_a_divergent_merged_again(x, y):
    check_printing(printing_it, x, y)


def dtype_of_merged(x, y):
    b = _divergent(x)
    if y.sum() > 0:
        c = b
    else:
        c = y
    return np.zeros(3, c.dtype)


def test_dtype_of_a_merged_divergent_names_every_dtype():
    with pytest.raises(ag.AgUnsupportedError, match=r"test_asif_divergent.py:\d+: the "
                       r"dtype of this array depends on which branch of a staged if ran "
                       r"\(int32 or float32 or float64\)"):
        ag.stage(dtype_of_merged)(np.ones(3), np.ones(3, np.float32))


# A loop that merges the name again each iteration keeps one structure: the canonical
# form (operators.divergent.merge) holds one array per dtype in a fixed order. The
# argmax loop over float32 data with a Python-number start is the common case: numpy's
# `best` is the int (or float) it started as until an element beats it, then float32.
def running_best(x, n):
    best = 0
    arg = -1
    for i in range(n):
        v = x[i]
        if v > best:
            best = v
            arg = i
    return best, arg


def running_best_from_minus_inf(x, tol):
    best = -np.inf
    k = 0
    while k < x.shape[0] and best < tol:
        if x[k] > best:
            best = x[k]
        k += 1
    return best, k


def three_dtypes_in_a_loop(x, n):
    acc = 0
    for i in range(n):
        if x[i] > 2:
            acc = x[i]  # float32
        elif x[i] < -2:
            acc = np.int16(3)  # int16
    return acc


def _same_types(got, expected):
    for g, e in zip(got if isinstance(got, tuple) else (got,),
                    expected if isinstance(expected, tuple) else (expected,)):
        assert type(g) is type(e) and g == e, (g, e)


@pytest.mark.parametrize("x", [np.float32([1, 5, 3, 7, 2]), -np.float32([1, 5, 3, 7, 2]),
                               np.float32([0, 0, 0, 0, 0])], ids=["up", "never", "ties"])
@pytest.mark.parametrize("n", [0, 5])
def test_running_best_over_a_staged_range(x, n):
    staged = ag.stage(running_best)
    for _ in range(2):
        _same_types(staged(x, np.int64(n)), running_best(x, np.int64(n)))


@pytest.mark.parametrize("tol", [4.0, 100.0])
@pytest.mark.parametrize("x", [np.float32([1, 5, 3, 7, 2]), np.float32([])],
                         ids=["some", "empty"])
def test_running_best_while(x, tol):
    staged = ag.stage(running_best_from_minus_inf)
    for _ in range(2):
        _same_types(staged(x, tol), running_best_from_minus_inf(x, tol))


@pytest.mark.parametrize("x", [np.float32([1, 5, -3, 0]), np.float32([-5, 0, 1, 1]),
                               np.float32([0, 1, 1, 1])], ids=["f32", "i16", "int"])
def test_three_dtypes_carried_by_a_loop(x):
    staged = ag.stage(three_dtypes_in_a_loop)
    for _ in range(2):
        _same_types(staged(x, np.int64(4)), three_dtypes_in_a_loop(x, np.int64(4)))
