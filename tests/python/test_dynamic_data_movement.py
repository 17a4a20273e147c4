"""Shape-polymorphic signatures, adversarial reference tests of data movement on dynamic
dims: indexing (get and set), reshape/flatten/ravel/squeeze/expand_dims/transpose,
concatenate/stack/vstack/hstack, matmul in every position, conv/pool with a dynamic batch,
len/size/iteration, staged recursion, size-1 specialisation, both call paths and threads.

Every staged result must equal plain numpy's on the same inputs (type, dtype, shape,
values), at sizes 0, 1, 2, a few and large, on the first call (Python path) and the second
(C dispatcher); errors numpy raises must be ag errors of the same builtin class, raised
when the compiled code runs and naming the user's file:line.

Bugs found are strict xfails (BUG_* reasons, each with a one-line repro); the ones that
crash the interpreter run in a subprocess."""

import inspect
import os
import threading
import warnings

import numpy as np
import pytest

import ag

from _dynamic_helpers import _data, _run_python
from _reference import assert_same, run_numpy

HERE = os.path.abspath(__file__)

SIZES_DM = (0, 1, 2, 5, 1000)
SMALL = (0, 1, 2, 5, 64)
DTYPES = [np.float32, np.float64, np.int32, np.int64, np.bool_]
DT_IDS = ["f32", "f64", "i32", "i64", "bool"]


def _location(fn, offset=1):
    return f"{HERE}:{fn.__code__.co_firstlineno + offset}:"


def _spy_slow_path(staged):
    """Records the calls that reach the Python path (_call_slow computes the key)."""
    slow = []
    key = staged._key
    staged._key = lambda args: (slow.append(len(args)), key(args))[1]
    return slow


def _dynamic_dims(fn, dynamic, i, a):
    """The dims of argument i (value a) that `dynamic` makes dynamic."""
    if not isinstance(a, np.ndarray) or a.ndim == 0:
        return ()
    if dynamic == "batch":
        return (0,)
    params = list(inspect.signature(fn).parameters)
    spec = dynamic.get(params[i], dynamic.get(i, ())) if i < len(params) else ()
    spec = tuple(spec) if isinstance(spec, (tuple, list)) else (spec,)
    return tuple(d % a.ndim for d in spec)


def expected_traces(fn, dynamic, arg_lists):
    """One trace per pattern of dynamic dims that are 1 (each keeps its own trace)."""
    return len({tuple(a.shape[d] == 1 for i, a in enumerate(args)
                      for d in _dynamic_dims(fn, dynamic, i, a)) for args in arg_lists})


def check_paths(fn, make_args, dynamic="batch", sizes=SIZES_DM, c_path=True):
    """fn staged with `dynamic` equals numpy at every size, twice per size (the first call
    of a new signature takes the Python path, the second the C dispatcher), from one trace
    per pattern of size-1 dynamic dims; a last round over every size must not reach the
    Python path (c_path=False where the dispatcher does not apply: numpy-scalar
    arguments, array globals, results other than arrays)."""
    staged = ag.stage(fn, dynamic=dynamic)
    cases = [(n, make_args(n)) for n in sizes]
    expected = {n: run_numpy(fn, *args) for n, args in cases}
    for n, args in cases:
        for call in range(2):
            assert_same(staged(*args), expected[n], path=f"size {n} call {call}")
    slow = _spy_slow_path(staged)
    for n, args in cases:
        assert_same(staged(*args), expected[n], path=f"size {n} (last round)")
    if c_path:
        assert slow == [], f"{len(slow)} calls took the Python path"
    want = expected_traces(fn, dynamic, [args for _, args in cases])
    assert staged.trace_count == want, f"{staged.trace_count} traces for sizes {sizes}"
    return staged


def check_error(staged, fn, args, builtin, text=None, location=True):
    """numpy raises `builtin` on args; the staged function raises an ag error of that
    builtin class naming fn's first line, on both call paths."""
    with pytest.raises(builtin):
        run_numpy(fn, *args)
    for _ in range(2):
        with pytest.raises(builtin) as info:
            staged(*args)
        message = str(info.value)
        if location:
            assert message.startswith(_location(fn)), message
        if text is not None:
            assert text in message, message
    return info.value


def D(*shape, dt=np.float32, seed=0):
    return _data(shape, dt, seed=seed)


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
    (the caller's array is not updated, as the README says)."""
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


# --- matmul with dynamic dims in every position -----------------------------------------------

MATMUL = {
    # name: (shape of a(n), shape of b(n), dynamic)
    "rows": (lambda n: (n, 4), lambda n: (4, 3), {"a": 0}),
    "inner": (lambda n: (3, n), lambda n: (n, 2), {"a": 1, "b": 0}),
    "cols": (lambda n: (3, 4), lambda n: (4, n), {"b": 1}),
    "rows-and-inner": (lambda n: (n, n + 1), lambda n: (n + 1, 2), {"a": (0, 1), "b": 0}),
    "vector-vector": (lambda n: (n,), lambda n: (n,), "batch"),
    "vector-matrix": (lambda n: (n,), lambda n: (n, 3), "batch"),
    "matrix-vector": (lambda n: (n, 3), lambda n: (3,), {"a": 0}),
    "matrix-vector-inner": (lambda n: (3, n), lambda n: (n,), {"a": 1, "b": 0}),
    "vector-matrix-cols": (lambda n: (3,), lambda n: (3, n), {"b": 1}),
    "batch-by-matrix": (lambda n: (n, 2, 4), lambda n: (4, 3), {"a": 0}),
    "batch-by-vector": (lambda n: (n, 2, 4), lambda n: (4,), {"a": 0}),
    "batched": (lambda n: (n, 2, 4), lambda n: (n, 4, 3), "batch"),
    "batched-rows-cols": (lambda n: (2, n, 4), lambda n: (2, 4, n), {"a": 1, "b": 2}),
    "batched-inner": (lambda n: (2, 3, n), lambda n: (2, n, 3), {"a": 2, "b": 1}),
}
MM_FNS = {"@": lambda a, b: a @ b, "np.matmul": lambda a, b: np.matmul(a, b),
          "np.dot": lambda a, b: np.dot(a, b)}


@pytest.mark.parametrize("dtype", DTYPES, ids=DT_IDS)
@pytest.mark.parametrize("name", list(MATMUL))
def test_matmul_with_dynamic_dims(name, dtype):
    shape_a, shape_b, dynamic = MATMUL[name]
    # Contracted dims stay small for floats (float32 sums in another order differ).
    sizes = (0, 1, 2, 5, 300) if np.dtype(dtype).kind != "f" or "inner" not in name and \
        not name.startswith("vector") else SMALL
    fn = MM_FNS["np.dot" if name in ("rows", "vector-vector") else
                "np.matmul" if name == "batched" else "@"]
    check_paths(fn, lambda n: (D(*shape_a(n), dt=dtype), D(*shape_b(n), dt=dtype, seed=1)),
                dynamic=dynamic, sizes=sizes)


def _mm(a, b):
    return a @ b


@pytest.mark.parametrize("case", ["inner", "vector-vector", "batched", "matrix-vector"])
def test_matmul_mismatch_is_run_time_value_error(case):
    sa, sb, dynamic = {"inner": ((3, 4), (5, 2), {"a": 1, "b": 0}),
                       "vector-vector": ((4,), (5,), "batch"),
                       "batched": ((3, 2, 4), (2, 4, 2), "batch"),
                       "matrix-vector": ((3, 4), (5,), {"a": 1, "b": 0})}[case]
    staged = ag.stage(_mm, dynamic=dynamic)
    error = check_error(staged, _mm, (D(*sa), D(*sb, seed=1)), ValueError)
    assert isinstance(error, ag.AgError)


@pytest.mark.parametrize("sa, sb", [((4,), (3, 4, 2)), ((3, 4), (5, 4, 2))],
                         ids=["vector-by-batch", "matrix-by-batch"])
def test_matmul_broadcasting_onto_dynamic_batch_is_a_clear_unsupported_error(sa, sb):
    """Documented: batch dims must not broadcast (a matrix or vector on the left of a
    batch with a dynamic dim); numpy computes it, ag names the line."""
    run_numpy(_mm, D(*sa), D(*sb))
    with pytest.raises(ag.AgUnsupportedError) as info:
        ag.stage(_mm, dynamic={"b": 0})(D(*sa), D(*sb, seed=1))
    assert str(info.value).startswith(_location(_mm)), str(info.value)
    assert "broadcasts batch dims" in str(info.value)


# --- conv / pool with a dynamic batch -------------------------------------------------------------

W = _data((4, 3, 3, 3), seed=5, scale=0.5)
W2 = _data((36, 5), seed=6, scale=0.3)

# The weights are arguments (static dims): a function that reads a global array is
# guarded in Python and so never takes the C path.


def _conv_net(x, w, w2):
    h = ag.nn.max_pool2d(ag.nn.relu(ag.nn.conv2d(x, w, padding=1)), 2)
    return h.reshape(-1, 36) @ w2


CONV = {
    # name: (fn(x, w, w2), shape of x(n), dtype)
    "conv": (lambda x, w, w2: ag.nn.conv2d(x, w), lambda n: (n, 3, 6, 6), np.float32),
    "conv-stride-pad": (lambda x, w, w2: ag.nn.conv2d(x, w, stride=2, padding=1),
                        lambda n: (n, 3, 7, 7), np.float32),
    "conv-dilation": (lambda x, w, w2: ag.nn.conv2d(x, w, dilation=2, padding=2),
                      lambda n: (n, 3, 7, 7), np.float32),
    "conv-f64": (lambda x, w, w2: ag.nn.conv2d(x, w, padding=1), lambda n: (n, 3, 5, 5),
                 np.float64),
    "max-pool": (lambda x, w, w2: ag.nn.max_pool2d(x, 2), lambda n: (n, 3, 6, 6),
                 np.float32),
    "max-pool-stride-pad": (lambda x, w, w2: ag.nn.max_pool2d(x, 3, stride=2, padding=1),
                            lambda n: (n, 3, 7, 7), np.float32),
    "max-pool-i64": (lambda x, w, w2: ag.nn.max_pool2d(x, 2), lambda n: (n, 2, 4, 4),
                     np.int64),
    "avg-pool": (lambda x, w, w2: ag.nn.avg_pool2d(x, 2), lambda n: (n, 3, 6, 6),
                 np.float32),
    "avg-pool-pad": (lambda x, w, w2: ag.nn.avg_pool2d(x, 3, stride=1, padding=1),
                     lambda n: (n, 2, 5, 5), np.float64),
    "conv-pool-flatten-matmul": (_conv_net, lambda n: (n, 3, 6, 6), np.float32),
    "conv-cols": (lambda x, w, w2: ag.nn.conv2d(x, w)[:, 1:3].sum(axis=(2, 3)),
                  lambda n: (n, 3, 5, 5), np.float32),
    "pool-concatenate": (lambda x, w, w2: np.concatenate([ag.nn.max_pool2d(x, 2),
                                                          ag.nn.avg_pool2d(x, 2)], axis=1),
                         lambda n: (n, 2, 4, 4), np.float32),
}


@pytest.mark.parametrize("name", list(CONV))
def test_conv_and_pool_with_dynamic_batch(name):
    fn, shape, dtype = CONV[name]
    w, w2 = W.astype(dtype), W2.astype(dtype)
    check_paths(fn, lambda n: (D(*shape(n), dt=dtype), w, w2), dynamic={"x": 0},
                sizes=SMALL)


def _conv_net_flatten_by_batch(x, w, w2):
    h = ag.nn.max_pool2d(ag.nn.relu(ag.nn.conv2d(x, w, padding=1)), 2)
    return h.reshape(x.shape[0], -1) @ w2


def _reshape_other(x, y):
    return (y * 2).reshape(x.shape[0], -1)


@pytest.mark.parametrize("case", ["cnn-flatten", "other-array"])
def test_reshape_by_dynamic_dim_of_another_array(case):
    if case == "cnn-flatten":
        check_paths(_conv_net_flatten_by_batch, lambda n: (D(n, 3, 6, 6), W, W2),
                    dynamic={"x": 0}, sizes=(1, 2, 5, 64))
    else:
        check_paths(_reshape_other, lambda n: (D(n, 6), D(n, 2, 3, seed=1)),
                    sizes=(1, 2, 5, 1000))


def test_conv_batch_mismatch_against_weights_with_dynamic_out_channels():
    check_paths(lambda x, w: ag.nn.conv2d(x, w),
                lambda n: (D(n, 3, 6, 6), D(n + 1, 3, 3, 3, seed=1)), sizes=SMALL)


# --- len, size, iteration ---------------------------------------------------------------------

def _rows_sum(x):
    acc = np.zeros(3, x.dtype)
    for row in x:
        acc = acc + row
    return acc


def _rows_max(x):
    acc = np.full(3, -100, x.dtype)
    for row in x:
        acc = np.maximum(acc, row)
    return acc


def _elements(x):
    s = x.dtype.type(0)
    for v in x:
        s = s + v * v
    return s


def _enumerate(x):
    acc = np.zeros(3, np.float64)
    for i, row in enumerate(x):
        acc = acc + row * i
    return acc


def _enumerate_start(x):
    acc = np.zeros(3, np.float64)
    for i, row in enumerate(x, 2):
        acc = acc - row * i
    return acc


def _zip(x, y):
    acc = np.zeros(3, x.dtype)
    for a, b in zip(x, y):
        acc = acc + a * b
    return acc


def _zip_enumerate(x, y):
    acc = np.zeros(3, np.float32)
    for i, (a, b) in enumerate(zip(x, y)):
        acc = acc + (a - b) * i
    return acc


def _break_early(x):
    acc = np.zeros(3, np.float32)
    for row in x:
        if row.sum() > 1:
            break
        acc = acc + row
    return acc


def _len_times(x):
    return len(x) * x + x.size


def _mean_by_size(x):
    return x.sum() / x.size


def _mean_by_len(x):
    return x.sum(axis=0) / len(x)


def _floordiv_len(x):
    return x.sum(axis=0) // max(len(x), 1)


def _range_len(x):
    acc = np.float32(0)
    for i in range(len(x)):
        acc = acc + x[i].sum()
    return acc


def _shape0(x):
    return x * x.shape[0] + x.shape[1]


def _iterate_dynamic_cols(x):
    acc = np.zeros(3, np.float32)
    for col in x.T:
        acc = acc + col
    return acc


ITERATION = {
    # name: (fn, make(n), dynamic)
    "rows-f32": (_rows_sum, lambda n: (D(n, 3),), "batch"),
    "rows-i64": (_rows_sum, lambda n: (D(n, 3, dt=np.int64),), "batch"),
    "rows-i32": (_rows_sum, lambda n: (D(n, 3, dt=np.int32),), "batch"),
    "rows-f64": (_rows_sum, lambda n: (D(n, 3, dt=np.float64),), "batch"),
    "rows-max": (_rows_max, lambda n: (D(n, 3),), "batch"),
    "elements": (_elements, lambda n: (D(n),), "batch"),
    "elements-i64": (_elements, lambda n: (D(n, dt=np.int64),), "batch"),
    "enumerate": (_enumerate, lambda n: (D(n, 3),), "batch"),
    "enumerate-start": (_enumerate_start, lambda n: (D(n, 3),), "batch"),
    "zip": (_zip, lambda n: (D(n, 3), D(n, 3, seed=1)), "batch"),
    "zip-shorter-second": (_zip, lambda n: (D(n + 2, 3), D(n, 3, seed=1)), "batch"),
    "zip-static": (_zip, lambda n: (D(n, 3), D(4, 3, seed=1)), {"x": 0}),
    "zip-enumerate": (_zip_enumerate, lambda n: (D(n, 3), D(n, 3, seed=1)), "batch"),
    "break": (_break_early, lambda n: (D(n, 3),), "batch"),
    "len-size": (_len_times, lambda n: (D(n, 3),), "batch"),
    "len-size-i64": (_len_times, lambda n: (D(n, 3, dt=np.int64),), "batch"),
    "mean-size": (_mean_by_size, lambda n: (D(n, 3),), "batch"),
    "mean-size-i64": (_mean_by_size, lambda n: (D(n, 3, dt=np.int64),), "batch"),
    "mean-size-3d": (_mean_by_size, lambda n: (D(n, 2, 3, dt=np.float64),), "batch"),
    "mean-len": (_mean_by_len, lambda n: (D(n, 3, dt=np.float64),), "batch"),
    "floordiv-len": (_floordiv_len, lambda n: (D(n, 3, dt=np.int64),), "batch"),
    "range-len": (_range_len, lambda n: (D(n, 3),), "batch"),
    "shape0": (_shape0, lambda n: (D(n, 3),), "batch"),
    "iterate-dynamic-cols": (_iterate_dynamic_cols, lambda n: (D(3, n),), {"x": 1}),
}


@pytest.mark.parametrize("name", list(ITERATION))
def test_len_size_and_iteration(name):
    fn, make, dynamic = ITERATION[name]
    sizes = SIZES_DM if "zip-static" not in name else (0, 1, 2, 5)
    check_paths(fn, make, dynamic=dynamic, sizes=sizes)


def _return_len(x):
    return len(x)


def _return_size(x):
    return x.size


def _return_shape0(x):
    return x.shape[0]


def _return_sizes(x, y):
    # A dynamic dim's size is a Python int; a numpy scalar computed from it stays one.
    return len(x), x.shape[0], y.shape[0], x.shape[0] * np.int64(2), x.sum(), len(y)


@pytest.mark.parametrize("fn", [_return_len, _return_shape0, _return_size, _return_sizes],
                         ids=["len", "shape0", "size", "mixed"])
def test_returned_size_is_python_int(fn):
    # (c_path=False: the C dispatcher returns numpy scalars only, so these results take
    # the Python path.)
    make = (lambda n: (D(n, 3),)) if fn is not _return_sizes else \
        (lambda n: (D(n, 3), D(4, 2)))
    check_paths(fn, make, dynamic={"x": 0}, sizes=(0, 2, 5), c_path=False)


def _np_size(x):
    return x * np.size(x)


def test_np_size_of_dynamic_array():
    check_paths(_np_size, lambda n: (D(n, 3),), sizes=(0, 2, 5))


# Lambdas are converted like defs (pyct.parser): x.shape[0] is the staged size and
# len(x) is overloaded in them too.
@pytest.mark.parametrize("fn", [lambda x: len(x) * x, lambda x: x.sum(axis=0) / len(x),
                                lambda x: x.shape[0] * 1.0 + x,
                                lambda x: x * 2 if x.shape[0] > 2 else -x],
                         ids=["len-times", "mean-len", "shape0-times", "branch-on-shape0"])
def test_lambda_with_dynamic_dims(fn):
    check_paths(fn, lambda n: (D(n, 3),), sizes=(2, 5))


def test_lambda_returning_a_size():
    # A Python int, as from a def (c_path=False: see test_returned_size_is_python_int).
    check_paths(lambda x: x.shape[0], lambda n: (D(n, 3),), dynamic={"x": 0},
                sizes=(0, 2, 5), c_path=False)


BUG_SIZE_ARITHMETIC_RESULT_TYPE = (
    "BUG: returning arithmetic on a dynamic dim's size (x.shape[0] * 1.0) gives a "
    "numpy.float64; numpy gives a Python float (sizes themselves leave as ints), in "
    "a lambda as in a def. Repro: def f(x): return x.shape[0] * 1.0;  "
    "type(ag.stage(f, dynamic='batch')(np.ones((3, 2)))) is np.float64")


@pytest.mark.xfail(strict=True, reason=BUG_SIZE_ARITHMETIC_RESULT_TYPE)
def test_bug_lambda_returning_size_arithmetic():
    check_paths(lambda x: x.shape[0] * 1.0, lambda n: (D(n, 3),), dynamic={"x": 0},
                sizes=(0, 2, 5), c_path=False)


BUG_LIST_OF_ROWS = (
    "BUG: the rows of a dynamic array cannot be collected into a list: list(x) fails "
    "while tracing with numpy's plain TypeError \"'NoneType' object cannot be interpreted "
    "as an integer\" (no ag error, no file:line), and out.append(row) in `for row in x` "
    "then np.stack(out) raises AgUnsupportedError whose advice ('loop over a Python "
    "range or a staged array's rows') is what the code does; numpy stacks the rows "
    "(issue 5: lists in staged loops, np.stack(out)). Repro: def f(x): return "
    "np.stack(list(x));  ag.stage(f, dynamic='batch')(np.ones((3, 2), np.float32))")


def _stack_list(x):
    return np.stack(list(x)) * 2


def _stack_appended(x):
    out = []
    for row in x:
        out.append(row * 2)
    return np.stack(out)


@pytest.mark.xfail(strict=True, reason=BUG_LIST_OF_ROWS)
@pytest.mark.parametrize("fn", [_stack_list, _stack_appended], ids=["list", "append"])
def test_bug_rows_of_dynamic_array_into_a_list(fn):
    check_paths(fn, lambda n: (D(n, 3),), sizes=(1, 2, 5, 1000))


def test_rows_of_dynamic_array_appended_to_a_list_error():
    # Until the list's length can be dynamic: an error that says why and what to do
    # instead (not "loop over a staged array's rows", which the code does).
    with pytest.raises(ag.AgUnsupportedError) as info:
        ag.stage(_stack_appended, dynamic="batch")(D(3, 3))
    text = str(info.value)
    assert text.startswith(_location(_stack_appended, 2)), text
    assert "trip count is known only at run time" in text, text
    assert "Work on the array directly" in text and "staged array's rows" not in text, text


# --- staged recursion with dynamic dims -------------------------------------------------------

def _scale_rows(x, n):
    return x if n <= 0 else _scale_rows(x * 2, n - 1)


def _reverse_cols(x, n):
    return x[:, 0] if n <= 0 else _reverse_cols(x[:, ::-1] + 1, n - 1)


def _flat_after(x, n):
    return x.reshape(-1) if n <= 0 else _flat_after(x + 1, n - 1)


def _cat_cut(x, n):
    return x.sum(axis=0) if n <= 0 else _cat_cut(np.concatenate([x, x], axis=1)[:, :3], n - 1)


def _mm_rec(x, w, n):
    return x if n <= 0 else _mm_rec(np.tanh(x @ w), w, n - 1)


def _rows_rec(x, n):
    if n <= 0:
        return x.sum()
    acc = np.zeros(3, x.dtype)
    for row in x:
        acc = acc + row
    return _rows_rec(x * 2, n - 1) + acc.sum()


def _even(x, n):
    return x if n <= 0 else _odd(x + 1, n - 1)


def _odd(x, n):
    return x * 2 if n <= 0 else _even(x - 1, n - 1)


def _first_row(x, n):
    return x[0] if n <= 0 else _first_row(x * 3, n - 1)


def _fib_rows(x, n):
    return x if n < 2 else _fib_rows(x, n - 1) + _fib_rows(x, n - 2)


def K(k):
    return np.array(k, np.int64)   # 0-d array: the C path applies


RECURSION = {
    "scale-f32": (_scale_rows, lambda b: (D(b, 3), K(3)), "batch", SIZES_DM),
    "scale-i64": (_scale_rows, lambda b: (D(b, 3, dt=np.int64), K(3)), "batch",
                  SIZES_DM),
    "reverse-cols": (_reverse_cols, lambda b: (D(b, 3), K(3)), "batch", SIZES_DM),
    "reverse-cols-i32": (_reverse_cols, lambda b: (D(b, 3, dt=np.int32), K(2)),
                         "batch", SIZES_DM),
    "reshape": (_flat_after, lambda b: (D(b, 3), K(2)), "batch", SIZES_DM),
    "concatenate": (_cat_cut, lambda b: (D(b, 3), K(2)), "batch", SIZES_DM),
    "matmul": (_mm_rec, lambda b: (D(b, 3), D(3, 3, seed=1), K(3)), {"x": 0},
               SIZES_DM),
    "rows-loop": (_rows_rec, lambda b: (D(b, 3, dt=np.float64), K(2)), "batch",
                  SIZES_DM),
    "mutual": (_even, lambda b: (D(b, 3), K(5)), "batch", SIZES_DM),
    "first-row": (_first_row, lambda b: (D(b, 3), K(2)), "batch", (1, 2, 5, 1000)),
    "fib": (_fib_rows, lambda b: (D(b, 3, dt=np.int64), K(7)), "batch", SIZES_DM),
}


@pytest.mark.parametrize("name", list(RECURSION))
def test_staged_recursion_with_dynamic_dims(name):
    fn, make, dynamic, sizes = RECURSION[name]
    staged = check_paths(fn, make, dynamic=dynamic, sizes=sizes)
    assert "func.call" in staged.ir(*make(3))


def test_recursion_index_out_of_range_at_depth():
    staged = ag.stage(_first_row, dynamic="batch")
    assert_same(staged(D(3, 3), K(2)), _first_row(D(3, 3), K(2)))
    check_error(staged, _first_row, (D(0, 3), K(2)), IndexError)


# --- size 1: its own trace, numpy's broadcasting ------------------------------------------------

def _add(x, y):
    return x + y


def _col_times(x, y):
    return x[:, 0] * y


def _outer_max(x, y):
    return np.maximum(x[:, None], y)


def _cat0(x, y):
    return np.concatenate([x, y])


SIZE_ONE = {
    # name: (fn, make(a, b))
    "add": (_add, lambda a, b: (D(a, 3), D(b, 3, seed=1))),
    "add-column": (_add, lambda a, b: (D(a, 1), D(b, 3, seed=1))),
    "column-times": (_col_times, lambda a, b: (D(a, 3), D(b, seed=1))),
    "outer-maximum": (_outer_max, lambda a, b: (D(a), D(b, seed=1))),
    "where": (_where, lambda a, b: (D(a, 3), D(b, 3, seed=1))),
    "concatenate": (_cat0, lambda a, b: (D(a, 3), D(b, 3, seed=1))),
    "concatenate-cols": (_cat_cols, lambda a, b: (D(a, 3), D(b, 2, seed=1))),
    "stack": (_stack, lambda a, b: (D(a, 3), D(b, 3, seed=1))),
    "vstack": (_vstack_vectors, lambda a, b: (D(a), D(b, seed=1))),
    "matmul-vectors": (_mm, lambda a, b: (D(a), D(b, seed=1))),
    "matmul-inner": (_mm, lambda a, b: (D(3, a), D(b, 2, seed=1))),
    "zip": (_zip, lambda a, b: (D(a, 3), D(b, 3, seed=1))),
}
PAIRS = [(1, 4), (4, 1), (1, 1), (1, 0), (0, 1), (4, 4), (1000, 1), (1, 1000)]


@pytest.mark.parametrize("name", list(SIZE_ONE))
def test_size_one_broadcasts_like_numpy(name):
    """Each pair on both call paths: where numpy stretches a 1, ag must too; where numpy
    raises, ag raises the same builtin class (an ag error)."""
    fn, make = SIZE_ONE[name]
    staged = ag.stage(fn, dynamic="batch")
    assert_same(staged(*make(3, 3)), run_numpy(fn, *make(3, 3)))
    warnings.simplefilter("ignore", ag.AgRetraceWarning)  # shape errors while tracing
    failed = False
    for a, b in PAIRS:
        args = make(a, b)
        try:
            expected = run_numpy(fn, *args)
        except ValueError:
            failed = True
            for _ in range(2):
                with pytest.raises(ValueError) as info:
                    staged(*args)
                assert isinstance(info.value, ag.AgError), info.value
            continue
        for call in range(2):
            assert_same(staged(*args), expected, path=f"{a} vs {b} call {call}")
    if not failed:          # (a shape error found while tracing is not cached)
        assert staged.trace_count == 4  # (?, ?), (1, ?), (?, 1), (1, 1)


# --- threads -------------------------------------------------------------------------------

def _mixed(x, w):
    y = np.concatenate([x[:, ::-1], x[:, :2] * 2], axis=1)      # (n, 6)
    z = np.stack([y, -y], axis=1).reshape(-1, 12)               # (n, 12)
    acc = np.zeros(4, np.float32)
    for row in x:
        acc = acc + row
    return (z @ w)[:, 1:] + acc[:3], np.expand_dims(x.sum() / x.size, 0)


WM = _data((12, 4), seed=9, scale=0.3)


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_threads_call_with_different_sizes_while_one_traces(warm):
    staged = ag.stage(_mixed, dynamic={"x": 0})
    if warm:
        staged(D(3, 4), WM)
    sizes = (0, 1, 2, 17, 300)
    inputs = {n: D(n, 4, seed=n) for n in sizes}
    expected = {n: run_numpy(_mixed, inputs[n], WM) for n in sizes}
    barrier = threading.Barrier(len(sizes))
    errors = []

    def worker(n):
        try:
            barrier.wait()
            for _ in range(60):
                assert_same(staged(inputs[n], WM), expected[n], path=f"size {n}")
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
    threads = [threading.Thread(target=worker, args=(n,)) for n in sizes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert staged.trace_count == 2 and staged.cache_size == 2


def _pick(x):
    return x[2] + x[:, ::-1].sum(axis=0)


def test_threads_mixing_results_and_run_time_index_errors():
    staged = ag.stage(_pick, dynamic="batch")
    staged(D(3, 4))
    errors, raised, attempts = [], [], []

    def worker(k):
        try:
            for i in range(150):
                n = (k * 5 + i) % 9
                if n == 1:
                    n = 0
                x = D(n, 4, seed=n)
                if n <= 2:
                    attempts.append(1)
                    try:
                        staged(x)
                    except IndexError:
                        raised.append(1)
                else:
                    assert_same(staged(x), _pick(x), path=f"size {n}")
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(raised) == len(attempts) > 100
    assert staged.trace_count == 1


# --- retrace warnings after failed traces ------------------------------------------------------

def _sixth(x):
    return x[5]


def test_retrace_warning_after_failed_traces_says_the_trace_failed():
    # A trace that raises (here the size-1 trace of x[5], an IndexError found while
    # tracing) is not cached, so every such call traces again: the warning says so
    # instead of blaming a global or closure value.
    staged = ag.stage(_sixth, dynamic="batch")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        for _ in range(10):
            with pytest.raises(IndexError):
                staged(D(1, 3))
    messages = [str(w.message) for w in record if issubclass(w.category, ag.AgRetraceWarning)]
    assert len(messages) == 2, messages  # traces 9 and 10 (warn_after=8)
    assert not any("global or closure value" in m for m in messages), messages
    assert all("its last trace, for the same arguments, raised an error" in m
               for m in messages), messages
