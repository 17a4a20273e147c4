"""Shape-polymorphic signatures, adversarial reference tests of data movement on dynamic
dims: indexing (get and set), reshape/flatten/ravel/squeeze/expand_dims/transpose,
concatenate/stack/vstack/hstack (matmul, conv/pool, sizes, recursion, size 1, threads:
test_dynamic_compute.py).

Every staged result must equal plain numpy's on the same inputs (type, dtype, shape,
values), at sizes 0, 1, 2, a few and large, on the first call (Python path) and the second
(C dispatcher); errors numpy raises must be ag errors of the same builtin class, raised
when the compiled code runs and naming the user's file:line.

Bugs found are strict xfails (BUG_* reasons, each with a one-line repro); the ones that
crash the interpreter run in a subprocess."""

import numpy as np
import pytest

import ag

from _dynamic_helpers import _run_python
from _dynamic_paths import (SIZES_DM, _location, check_paths, check_error, D)
from _reference import assert_same, run_numpy


# --- indexing (get) on arrays with dynamic dims ----------------------------------------------

INDEXING = {
    # name: (fn, shape(n)) -- dim 0 is dynamic
    "col": (lambda x: x[:, 2], lambda n: (n, 5)),
    "col-neg": (lambda x: x[:, -1], lambda n: (n, 5)),
    "cols": (lambda x: x[:, 1:4], lambda n: (n, 5)),
    "cols-step": (lambda x: x[:, 1:5:2], lambda n: (n, 5)),
    "cols-rev": (lambda x: x[:, ::-1], lambda n: (n, 5)),
    "cols-rev-step": (lambda x: x[:, 4:0:-2], lambda n: (n, 5)),
    "cols-rev-neg": (lambda x: x[:, -1:-4:-1], lambda n: (n, 5)),
    "cols-rev-3": (lambda x: x[:, ::-3], lambda n: (n, 5)),
    "cols-past-end": (lambda x: x[:, 1:100], lambda n: (n, 5)),
    "cols-before-start": (lambda x: x[:, -100:2], lambda n: (n, 5)),
    "cols-empty": (lambda x: x[:, 3:1], lambda n: (n, 5)),
    "cols-empty-rev": (lambda x: x[:, 1:3:-1], lambda n: (n, 5)),
    "colon": (lambda x: x[:], lambda n: (n, 5)),
    "colon-colon": (lambda x: x[:, :] + 0, lambda n: (n, 5)),
    "ellipsis-int": (lambda x: x[..., 1], lambda n: (n, 3, 4)),
    "ellipsis-int-mid": (lambda x: x[..., 0, :], lambda n: (n, 3, 4)),
    "ellipsis-step": (lambda x: x[..., ::2], lambda n: (n, 5)),
    "ellipsis-none": (lambda x: x[..., None], lambda n: (n, 5)),
    "newaxis": (lambda x: x[:, None], lambda n: (n, 5)),
    "newaxis-first": (lambda x: x[None], lambda n: (n, 5)),
    "newaxis-int": (lambda x: x[:, None, 1], lambda n: (n, 5)),
    "newaxis-twice": (lambda x: x[:, None, :, None], lambda n: (n, 3, 4)),
    "3d-mid-int": (lambda x: x[:, 1], lambda n: (n, 3, 4)),
    "3d-mid-neg-rev": (lambda x: x[:, -2, ::-1], lambda n: (n, 3, 4)),
    "transposed-col": (lambda x: x.T[1], lambda n: (n, 5)),
}


@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.bool_], ids=["f32", "i64", "bool"])
@pytest.mark.parametrize("name", list(INDEXING))
def test_indexing_on_dynamic_arrays(name, dtype):
    fn, shape = INDEXING[name]
    check_paths(fn, lambda n: (D(*shape(n), dt=dtype),))


def _row(x):
    return x[1]


def _row_neg(x):
    return x[-2]


def _row_and_col(x):
    return x[2, 3]


def _row_neg_col_neg(x):
    return x[-1, -1]


def _row_slice(x):
    return x[0, 1:4]


def _row_3d(x):
    return x[2, :, 1]


ROWS = {  # name: (fn, sizes out of range)
    "row": (_row, (0, 1)), "row-neg": (_row_neg, (0, 1)), "row-and-col": (_row_and_col, (0, 1, 2)),
    "row-neg-col-neg": (_row_neg_col_neg, (0,)), "row-slice": (_row_slice, (0,)),
    "row-3d": (_row_3d, (0, 1, 2))}


@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.bool_], ids=["f32", "i64", "bool"])
@pytest.mark.parametrize("name", list(ROWS))
def test_integer_index_on_dynamic_dim(name, dtype):
    """In range: numpy's row; out of range: IndexError when the compiled code runs,
    naming the user's line (size 1 has its own static trace, which raises while tracing
    and so traces again each call)."""
    fn, bad = ROWS[name]
    shape = (lambda n: (n, 3, 4)) if name == "row-3d" else (lambda n: (n, 5))
    staged = ag.stage(fn, dynamic="batch")
    for n in (3, 5, 1000):
        x = D(*shape(n), dt=dtype)
        for _ in range(2):
            assert_same(staged(x), run_numpy(fn, x), path=f"size {n}")
    for n in bad:
        check_error(staged, fn, (D(*shape(n), dt=dtype),), IndexError)
    assert_same(staged(D(*shape(7), dt=dtype)), fn(D(*shape(7), dt=dtype)))


def _staged_row(x, i):
    return x[i]


def _staged_neg_row(x, i):
    return x[-i]


def _staged_col(x, i):
    return x[:, i]


@pytest.mark.parametrize("fn, i, bad", [(_staged_row, 2, (0, 1, 2)), (_staged_row, -1, (0,)),
                                        (_staged_neg_row, 2, (0, 1)), (_staged_col, 3, ()),
                                        (_staged_col, -5, ())],
                         ids=["row", "row-neg", "minus-i", "col", "col-neg"])
def test_staged_integer_index_on_dynamic_array(fn, i, bad):
    """i is a 0-d int64 array argument (a numpy scalar would take the Python path on
    every call: the C dispatcher checks ndarrays only)."""
    i = np.array(i, np.int64)
    staged = check_paths(fn, lambda n: (D(n, 5), i), sizes=(3, 5, 1000))
    for n in bad:
        check_error(staged, fn, (D(n, 5), i), IndexError, text="out of bounds for axis 0")
    if fn is _staged_col:
        check_error(staged, fn, (D(4, 5), np.array(5, np.int64)), IndexError)
    else:
        with pytest.raises(IndexError):  # and with a numpy scalar (the Python path)
            staged(D(0, 5), np.int64(i))


def test_index_error_far_out_of_range_does_not_crash():
    proc = _run_python("""
        import numpy as np, ag
        def get(x):
            return x[2000000] + 0
        def neg(x):
            return x[-2000000] * 2
        for fn in (get, neg):
            f = ag.stage(fn, dynamic="batch")
            for n in (3, 0, 3):
                try:
                    f(np.ones((n, 4), np.float32))
                except IndexError:
                    print("IndexError")
        junk = [np.ones((100, 4)) for _ in range(2000)]
    """)
    assert proc.returncode == 0 and proc.stdout.split() == ["IndexError"] * 6, \
        f"rc={proc.returncode}\n{proc.stdout[-500:]}\n{proc.stderr[-2000:]}"


def test_run_time_index_error_is_an_ag_error():
    # The index is checked when the compiled code runs: an AgIndexError (an IndexError)
    # naming the user's line, the axis, and that the size is known only at run time
    # (compiled code reports no values with a failure, so neither number is named).
    staged = ag.stage(_row, dynamic="batch")
    staged(D(3, 5))
    for _ in range(2):  # the Python path, then the C dispatcher
        with pytest.raises(ag.errors.AgIndexError) as info:
            staged(D(0, 5))
        assert isinstance(info.value, IndexError) and isinstance(info.value, ag.AgError)
        text = str(info.value)
        assert text.startswith(_location(_row)), text
        assert "out of bounds for axis 0 with size known at run time" in text, text


# --- item assignment on arrays with dynamic dims ----------------------------------------------

def _set_row_scalar(x, v):
    x[1] = 3
    return x


def _set_row(x, v):
    x[1] = v[0]
    return x


def _set_row_neg(x, v):
    x[-1] = v[0]
    return x


def _set_col(x, v):
    x[:, 2] = v[:, 0]
    return x


def _set_col_neg(x, v):
    x[:, -1] = v[:, 3] * 2
    return x


def _set_cols(x, v):
    x[:, 1:3] = v[:, :2]
    return x


def _set_cols_rev(x, v):
    x[:, ::-2] = v[:, :3]
    return x


def _set_cols_from_self(x, v):
    x[:, 1:3] = x[:, 3:5]
    return x


def _set_ellipsis_col(x, v):
    x[..., 2] = v[:, 1]
    return x


def _set_all(x, v):
    x[:] = v
    return x


def _set_ellipsis(x, v):
    x[...] = v
    return x


def _aug_col(x, v):
    x[:, 1] += v[:, 0]
    return x


def _aug_row(x, v):
    x[0] *= 2
    return x


SETITEM = {
    "row-scalar": (_set_row_scalar, (2, 5, 1000)),
    "row": (_set_row, (2, 5, 1000)),
    "row-neg": (_set_row_neg, (1, 2, 5, 1000)),
    "col": (_set_col, SIZES_DM),
    "col-neg": (_set_col_neg, SIZES_DM),
    "cols": (_set_cols, SIZES_DM),
    "cols-rev-step": (_set_cols_rev, SIZES_DM),
    "cols-from-self": (_set_cols_from_self, SIZES_DM),
    "ellipsis-col": (_set_ellipsis_col, SIZES_DM),
    "all": (_set_all, SIZES_DM),
    "ellipsis": (_set_ellipsis, SIZES_DM),
    "aug-col": (_aug_col, SIZES_DM),
    "aug-row": (_aug_row, (1, 2, 5, 1000)),
}


@pytest.mark.parametrize("dtype", [np.float32, np.int64], ids=["f32", "i64"])
@pytest.mark.parametrize("name", list(SETITEM))
def test_setitem_on_dynamic_arrays(name, dtype):
    """x and v both (n, 5), dim 0 dynamic; the staged function returns the updated x
    (and the caller's array, as numpy updates it)."""
    fn, sizes = SETITEM[name]
    check_paths(fn, lambda n: (D(n, 5, dt=dtype), D(n, 5, dt=dtype, seed=1)), sizes=sizes)


def _put_row(x, v):
    x[1] = v
    return x


def _put_row_neg(x, v):
    x[-2] = v
    return x


@pytest.mark.parametrize("fn", [_put_row, _put_row_neg], ids=["row", "row-neg"])
@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.bool_], ids=["f32", "i64", "bool"])
def test_setitem_row_of_static_value(fn, dtype):
    staged = check_paths(fn, lambda n: (D(n, 5, dt=dtype), D(5, dt=dtype, seed=1)),
                         dynamic={"x": 0}, sizes=(2, 5, 1000))
    if fn is _put_row:
        check_error(staged, fn, (D(1, 5, dt=dtype), D(5, dt=dtype)), IndexError)
    assert_same(staged(D(7, 5, dt=dtype), D(5, dt=dtype)), fn(D(7, 5, dt=dtype),
                                                             D(5, dt=dtype)))


def _fill_col(x, v):
    x[:, 2] = 0.5
    return x


def _fill_cols(x, v):
    x[:, 1:3] = 7
    return x


def _fill_ellipsis_col(x, v):
    x[..., 2] = 1
    return x


def _fill_all(x, v):
    x[:] = 2
    return x


def _row_into_cols(x, v):
    x[:, 1:3] = v[0, :2]
    return x


def _col_from_size_one(x, y):
    x[:, 1] = y
    return x


@pytest.mark.parametrize("fn", [_fill_col, _fill_cols, _fill_ellipsis_col, _fill_all,
                                _row_into_cols],
                         ids=["scalar-col", "scalar-cols", "scalar-ellipsis", "scalar-all",
                              "row-into-cols"])
def test_setitem_broadcasts_value_into_dynamic_window(fn):
    check_paths(fn, lambda n: (D(n, 5), D(max(n, 1), 5, seed=1)), sizes=(1, 2, 5, 1000))


def test_setitem_column_from_value_of_size_one():
    staged = ag.stage(_col_from_size_one, dynamic="batch")
    x, y = D(4, 3), D(4, seed=1)
    assert_same(staged(x, y), run_numpy(_col_from_size_one, x, y))
    x, y = D(4, 3), D(1, seed=1)        # numpy stretches y's 1 against x's 4
    assert_same(staged(x, y), run_numpy(_col_from_size_one, x, y))


def _set_elem(x):
    x[0, 1] = 3
    return x


def _set_elem_neg(x):
    x[-1, -1] = 3
    return x


def _set_row_part(x):
    x[0, 1:3] = 3
    return x


@pytest.mark.parametrize("fn", [_set_elem, _set_elem_neg, _set_row_part],
                         ids=["int-int", "neg-neg", "int-slice"])
def test_setitem_int_on_dynamic_and_static_dims(fn):
    check_paths(fn, lambda n: (D(n, 5),), sizes=(2, 5, 1000))


def _set_col_value(x, v):
    x[:, 2] = v
    return x


@pytest.mark.parametrize("dynamic", [None, "batch"], ids=["static", "dynamic"])
def test_setitem_column_from_2d_value_is_value_error(dynamic):
    staged = ag.stage(_set_col_value, dynamic=dynamic)
    check_error(staged, _set_col_value, (D(3, 5), D(3, 1, seed=1)), ValueError)


@pytest.mark.parametrize("n", [2, 3])
def test_setitem_static_column_from_vector(n):
    x, v = D(n, 5), D(n, seed=1)
    assert_same(ag.stage(_set_col_value)(x, v), run_numpy(_set_col_value, x, v))


def test_setitem_dynamic_column_from_vector():
    check_paths(_set_col_value, lambda n: (D(n, 5), D(n, seed=1)))


def _set_cols_value(x, y):
    x[:, 1:3] = y
    return x


@pytest.mark.parametrize("case", ["col-3-vs-2", "col-2-vs-3", "cols-2-vs-3", "col-1-vs-4"])
def test_setitem_dynamic_value_is_checked_at_run_time(case):
    fn, a, b = {"col-3-vs-2": (_col_from_size_one, (3, 3), (2,)),
                "col-2-vs-3": (_col_from_size_one, (2, 3), (3,)),
                "cols-2-vs-3": (_set_cols_value, (2, 4), (3, 2)),
                "col-1-vs-4": (_col_from_size_one, (1, 3), (4,))}[case]
    staged = ag.stage(fn, dynamic="batch")
    ok = (D(5, *a[1:]), D(5, *b[1:], seed=1))
    assert_same(staged(*ok), run_numpy(fn, *ok))
    error = check_error(staged, fn, (D(*a), D(*b, seed=1)), ValueError)
    assert isinstance(error, ag.AgError)


def test_setitem_large_dynamic_value_does_not_write_past_the_target():
    proc = _run_python("""
        import numpy as np, ag
        def f(x, y):
            x[:, 1] = y
            return x
        g = ag.stage(f, dynamic="batch")
        g(np.ones((3, 3), np.float32), np.ones(3, np.float32))
        try:
            g(np.ones((3, 3), np.float32), np.ones(2000000, np.float32))
        except ValueError:
            print("ValueError")
        junk = [np.ones((100, 4)) for _ in range(2000)]
    """)
    assert proc.returncode == 0 and proc.stdout.strip() == "ValueError", \
        f"rc={proc.returncode}\n{proc.stdout[-500:]}\n{proc.stderr[-2000:]}"


def test_setitem_row_from_dynamic_value():
    check_paths(_put_row, lambda n: (D(n + 2, 3), D(3, seed=1)), sizes=(0, 1, 3))


@pytest.mark.parametrize("index", [0, -1, 3])
def test_setitem_on_empty_dynamic_dim_writes_nothing(index):
    proc = _run_python(f"""
        import numpy as np, ag
        def put(x, v):
            x[{index}] = v
            return x
        f = ag.stage(put, dynamic={{"x": 0}})
        for _ in range(2):
            try:
                f(np.ones((0, 100000), np.float32), np.ones(100000, np.float32))
            except IndexError:
                print("IndexError")
        junk = [np.ones((100, 4)) for _ in range(5000)]
        del junk
        g = ag.stage(lambda x: x + 1, dynamic="batch")
        g(np.ones((3, 3)))
    """)
    assert proc.returncode == 0 and proc.stdout.split() == ["IndexError"] * 2, \
        f"rc={proc.returncode}\n{proc.stdout[-500:]}\n{proc.stderr[-2000:]}"


# --- reshape, flatten, ravel, squeeze, expand_dims, transpose ---------------------------------

RESHAPES = {
    # name: (fn, shape(n), dynamic, sizes)
    "reshape-flat": (lambda x: x.reshape(-1), lambda n: (n, 6), "batch", SIZES_DM),
    "reshape-flat-3d": (lambda x: x.reshape(-1), lambda n: (n, 2, 3), "batch", SIZES_DM),
    "reshape-flat-np": (lambda x: np.reshape(x, -1), lambda n: (n, 6), "batch", SIZES_DM),
    "reshape-rows-of-2": (lambda x: x.reshape(-1, 2), lambda n: (n, 6), "batch", SIZES_DM),
    "reshape-rows-tuple": (lambda x: x.reshape((-1, 3)), lambda n: (n, 6), "batch", SIZES_DM),
    "reshape-rows-np": (lambda x: np.reshape(x, (-1, 2)), lambda n: (n, 6), "batch", SIZES_DM),
    "reshape-3-cols": (lambda x: x.reshape(3, -1), lambda n: (n, 6), "batch", SIZES_DM),
    "reshape-mid": (lambda x: x.reshape(2, -1, 3), lambda n: (n, 6), "batch", SIZES_DM),
    "reshape-mid-1": (lambda x: x.reshape(-1, 1, 2), lambda n: (n, 6), "batch", SIZES_DM),
    "reshape-column": (lambda x: x.reshape(-1, 1), lambda n: (n,), "batch", SIZES_DM),
    "reshape-one-row": (lambda x: x.reshape(1, -1), lambda n: (n, 3), "batch", SIZES_DM),
    "reshape-shape": (lambda x: (x * 2).reshape(x.shape), lambda n: (n, 6), "batch",
                      SIZES_DM),
    "reshape-shape0-split": (lambda x: x.reshape(x.shape[0], 3, 2), lambda n: (n, 6),
                             "batch", SIZES_DM),
    "reshape-shape0-merge": (lambda x: x.reshape(x.shape[0], -1), lambda n: (n, 2, 3),
                             "batch", (1, 2, 5, 1000)),
    "reshape-last-dim": (lambda x: x.reshape(3, 2, x.shape[1]), lambda n: (6, n), {"x": 1},
                         SIZES_DM),
    "reshape-two-dynamic": (lambda x: x.reshape(-1), lambda n: (n, n + 1), {"x": (0, 1)},
                            SIZES_DM),
    "flatten": (lambda x: x.flatten(), lambda n: (n, 2, 3), "batch", SIZES_DM),
    "ravel": (lambda x: x.ravel(), lambda n: (n, 2, 3), "batch", SIZES_DM),
    "flatten-T": (lambda x: x.T.flatten(), lambda n: (n, 6), "batch", SIZES_DM),
    "ravel-T": (lambda x: x.T.ravel(), lambda n: (n, 6), "batch", SIZES_DM),
    "reshape-T": (lambda x: x.T.reshape(-1), lambda n: (n, 6), "batch", SIZES_DM),
    "transpose-reshape": (lambda x: x.transpose(1, 0, 2).reshape(3, -1),
                          lambda n: (n, 3, 2), "batch", SIZES_DM),
    "squeeze": (lambda x: x.squeeze(), lambda n: (n, 1, 3), "batch", SIZES_DM),
    "squeeze-axis": (lambda x: x.squeeze(axis=1), lambda n: (n, 1, 3), "batch", SIZES_DM),
    "squeeze-np": (lambda x: np.squeeze(x, 2), lambda n: (2, n, 1), {"x": 1}, SIZES_DM),
    "squeeze-col": (lambda x: x[:, :1].squeeze(), lambda n: (n, 4), "batch", SIZES_DM),
    "expand-0": (lambda x: np.expand_dims(x, 0), lambda n: (n, 3), "batch", SIZES_DM),
    "expand-1": (lambda x: np.expand_dims(x, 1) * 2, lambda n: (n, 3), "batch", SIZES_DM),
    "expand-neg": (lambda x: np.expand_dims(x, -1), lambda n: (n, 3), "batch", SIZES_DM),
    "expand-tuple": (lambda x: np.expand_dims(x, (0, 2)), lambda n: (n, 3), "batch",
                     SIZES_DM),
    "T": (lambda x: x.T, lambda n: (n, 3), "batch", SIZES_DM),
    "T-3d": (lambda x: x.T + 0, lambda n: (n, 3, 2), "batch", SIZES_DM),
    "T-two-dynamic": (lambda x: x.T, lambda n: (n, n + 1), {"x": (0, 1)}, SIZES_DM),
    "transpose-axes": (lambda x: np.transpose(x, (1, 2, 0)), lambda n: (n, 3, 2), "batch",
                       SIZES_DM),
    "transpose-method": (lambda x: x.transpose(2, 0, 1), lambda n: (n, 3, 2), "batch",
                         SIZES_DM),
    "swapaxes": (lambda x: np.swapaxes(x, 0, 1), lambda n: (n, 3), "batch", SIZES_DM),
}


@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.bool_], ids=["f32", "i64", "bool"])
@pytest.mark.parametrize("name", list(RESHAPES))
def test_reshape_family_on_dynamic_arrays(name, dtype):
    fn, shape, dynamic, sizes = RESHAPES[name]
    check_paths(fn, lambda n: (D(*shape(n), dt=dtype),), dynamic=dynamic, sizes=sizes)


def _rows_of_4(x):
    return x.reshape(-1, 4)


def _two_cols(x):
    return x.reshape(2, -1)


@pytest.mark.parametrize("fn, good, bad", [(_rows_of_4, (0, 2, 4, 6, 1000), (3, 5, 1001)),
                                           (_two_cols, (0, 2, 4, 1000), (3, 5, 1001))],
                         ids=["rows-of-4", "two-rows"])
def test_reshape_size_not_a_multiple_is_run_time_value_error(fn, good, bad):
    staged = ag.stage(fn, dynamic="batch")
    shape = (lambda n: (n, 6)) if fn is _rows_of_4 else (lambda n: (n,))
    for n in good:
        x = D(*shape(n))
        assert_same(staged(x), fn(x))
    for n in bad:
        error = check_error(staged, fn, (D(*shape(n)),), ValueError, text="cannot reshape")
        assert isinstance(error, ag.AgError)
    assert staged.trace_count == 1
    assert_same(staged(D(*shape(8))), fn(D(*shape(8))))


def _merge_tail(x):
    return x.reshape(x.shape[0], -1)


def test_reshape_minus_one_of_empty_dynamic_dim():
    staged = ag.stage(_merge_tail, dynamic="batch")
    assert_same(staged(D(3, 2, 3)), _merge_tail(D(3, 2, 3)))
    check_error(staged, _merge_tail, (D(0, 2, 3),), ValueError)


# --- concatenate / stack / vstack / hstack ------------------------------------------------------

JOINS = {
    # name: (fn, make(n, dtype), dynamic)
    "cat-axis0": (lambda x, y: np.concatenate([x, y]),
                  lambda n, t: (D(n, 3, dt=t), D(n + 2, 3, dt=t, seed=1)), "batch"),
    "cat-axis0-static": (lambda x, y: np.concatenate((x, y), axis=0),
                         lambda n, t: (D(n, 3, dt=t), D(4, 3, dt=t, seed=1)), {"x": 0}),
    "cat-three": (lambda x, y: np.concatenate([y, x, y]),
                  lambda n, t: (D(n, 3, dt=t), D(2, 3, dt=t, seed=1)), {"x": 0}),
    "cat-axis1": (lambda x, y: np.concatenate([x, y], axis=1),
                  lambda n, t: (D(n, 3, dt=t), D(n, 2, dt=t, seed=1)), "batch"),
    "cat-axis-neg": (lambda x, y: np.concatenate([x, y, x], axis=-1),
                     lambda n, t: (D(n, 3, dt=t), D(n, 2, dt=t, seed=1)), "batch"),
    "cat-axis-none": (lambda x, y: np.concatenate([x, y], axis=None),
                      lambda n, t: (D(n, 3, dt=t), D(n, 2, dt=t, seed=1)), "batch"),
    "cat-dynamic-cols": (lambda x, y: np.concatenate([x, y], axis=1),
                         lambda n, t: (D(3, n, dt=t), D(3, n + 1, dt=t, seed=1)),
                         {"x": 1, "y": 1}),
    "cat-slices": (lambda x, y: np.concatenate([x[:, ::-1], x[:, :1], y[:, None]], axis=1),
                   lambda n, t: (D(n, 3, dt=t), D(n, dt=t, seed=1)), "batch"),
    "stack": (lambda x, y: np.stack([x, y]),
              lambda n, t: (D(n, 3, dt=t), D(n, 3, dt=t, seed=1)), "batch"),
    "stack-axis1": (lambda x, y: np.stack([x, y], axis=1),
                    lambda n, t: (D(n, 3, dt=t), D(n, 3, dt=t, seed=1)), "batch"),
    "stack-last": (lambda x, y: np.stack((x, y, x), axis=-1),
                   lambda n, t: (D(n, 3, dt=t), D(n, 3, dt=t, seed=1)), "batch"),
    "stack-1d": (lambda x, y: np.stack([x, y], axis=1),
                 lambda n, t: (D(n, dt=t), D(n, dt=t, seed=1)), "batch"),
    "stack-rows": (lambda x, y: np.stack([x[0], x[-1], y[1]]),
                   lambda n, t: (D(n + 2, 3, dt=t), D(n + 2, 3, dt=t, seed=1)), "batch"),
    "vstack": (lambda x, y: np.vstack([x, y]),
               lambda n, t: (D(n, 3, dt=t), D(n + 1, 3, dt=t, seed=1)), "batch"),
    "vstack-1d": (lambda x, y: np.vstack([x, y]),
                  lambda n, t: (D(n, dt=t), D(n, dt=t, seed=1)), "batch"),
    "vstack-constant": (lambda x, y: np.vstack([x, np.ones((1, 3), x.dtype)]),
                        lambda n, t: (D(n, 3, dt=t), D(n, 3, dt=t, seed=1)), "batch"),
    "hstack": (lambda x, y: np.hstack([x, y]),
               lambda n, t: (D(n, 3, dt=t), D(n, 2, dt=t, seed=1)), "batch"),
    "hstack-1d": (lambda x, y: np.hstack([x, y]),
                  lambda n, t: (D(n, dt=t), D(n + 3, dt=t, seed=1)), "batch"),
    "hstack-1d-static": (lambda x, y: np.hstack((x, y)),
                         lambda n, t: (D(n, dt=t), D(3, dt=t, seed=1)), {"x": 0}),
}


@pytest.mark.parametrize("dtype", [np.float64, np.int32, np.bool_], ids=["f64", "i32", "bool"])
@pytest.mark.parametrize("name", list(JOINS))
def test_joins_on_dynamic_arrays(name, dtype):
    fn, make, dynamic = JOINS[name]
    check_paths(fn, lambda n: make(n, dtype), dynamic=dynamic)


def _cat_cols(x, y):
    return np.concatenate([x, y], axis=1)


def _cat_rows_dynamic_cols(x, y):
    return np.concatenate([x, y])


def _stack(x, y):
    return np.stack([x, y])


def _stack_axis1(x, y):
    return np.stack([x, y], axis=1)


def _hstack(x, y):
    return np.hstack([x, y])


def _vstack_vectors(x, y):
    return np.vstack([x, y])


JOIN_ERRORS = {
    # name: (fn, dynamic, shape of x for (a, b), shape of y)
    "concatenate": (_cat_cols, "batch", lambda a: (a, 4), lambda b: (b, 2)),
    "concatenate-static-y": (_cat_cols, {"x": 0}, lambda a: (a, 4), lambda b: (b, 2)),
    "concatenate-static-x": (_cat_cols, {"y": 0}, lambda a: (a, 4), lambda b: (b, 2)),
    "concatenate-cols": (_cat_rows_dynamic_cols, {"x": 1, "y": 1}, lambda a: (3, a),
                         lambda b: (2, b)),
    "stack": (_stack, "batch", lambda a: (a, 4), lambda b: (b, 4)),
    "stack-axis1": (_stack_axis1, "batch", lambda a: (a, 4), lambda b: (b, 4)),
    "stack-static-y": (_stack, {"x": 0}, lambda a: (a, 4), lambda b: (b, 4)),
    "hstack": (_hstack, "batch", lambda a: (a, 4), lambda b: (b, 2)),
    "vstack-vectors": (_vstack_vectors, "batch", lambda a: (a,), lambda b: (b,)),
}


@pytest.mark.parametrize("name", list(JOIN_ERRORS))
def test_join_mismatch_is_run_time_value_error(name):
    fn, dynamic, sx, sy = JOIN_ERRORS[name]
    staged = ag.stage(fn, dynamic=dynamic)
    good = (D(*sx(3)), D(*sy(3), seed=1))
    assert_same(staged(*good), fn(*good))
    for a, b in [(2, 3), (5, 3), (0, 4)]:
        error = check_error(staged, fn, (D(*sx(a)), D(*sy(b), seed=1)), ValueError)
        assert isinstance(error, ag.AgError)
        assert "must match exactly" in str(error) or "same shape" in str(error), str(error)
    assert_same(staged(*good), fn(*good))
    if dynamic == "batch":              # (a static argument of a new shape retraces)
        assert staged.trace_count == 1


@pytest.mark.parametrize("sizes", [(2_000_000, 3), (3, 2_000_000), (0, 3_000_000)],
                         ids=["2M-vs-3", "3-vs-2M", "0-vs-3M"])
def test_join_large_mismatch_raises_without_crashing(sizes):
    """The joins view their inputs at the smallest size: a failed check never reads or
    writes past a buffer (a subprocess, so a crash fails only this test)."""
    a, b = sizes
    proc = _run_python(f"""
        import numpy as np, ag
        cases = [
            (lambda x, y: np.concatenate([x, y], axis=1), "batch", ({a}, 4), ({b}, 2)),
            (lambda x, y: np.concatenate([x, y], axis=1), {{"x": 0}}, ({a}, 4), ({b}, 2)),
            (lambda x, y: np.concatenate([x, y]), {{"x": 1, "y": 1}}, (3, {a}), (2, {b})),
            (lambda x, y: np.stack([x, y]), "batch", ({a}, 4), ({b}, 4)),
            (lambda x, y: np.stack([x, y], axis=1), {{"y": 0}}, ({a}, 4), ({b}, 4)),
            (lambda x, y: np.hstack([x, y]), "batch", ({a}, 4), ({b}, 2)),
            (lambda x, y: np.vstack([x, y]), "batch", ({a},), ({b},)),
        ]
        for fn, dynamic, sx, sy in cases:
            f = ag.stage(fn, dynamic=dynamic)
            for _ in range(2):
                try:
                    f(np.ones(sx, np.float32), np.ones(sy, np.float32))
                    print("no error")
                except ValueError:
                    print("ValueError")
        junk = [np.ones((100, 4)) for _ in range(2000)]
    """)
    assert proc.returncode == 0 and proc.stdout.split() == ["ValueError"] * 14, \
        f"rc={proc.returncode}\n{proc.stdout[-500:]}\n{proc.stderr[-2000:]}"


def _where(x, y):
    return np.where(x > 0, x, y)


def test_where_mismatch_is_run_time_value_error():
    staged = ag.stage(_where, dynamic="batch")
    assert_same(staged(D(3, 3), D(3, 3, seed=1)), _where(D(3, 3), D(3, 3, seed=1)))
    check_error(staged, _where, (D(2, 3), D(3, 3, seed=1)), ValueError)
