"""Shape-polymorphic signatures, adversarial reference tests of computation on dynamic
dims: matmul in every position, conv/pool with a dynamic batch, len/size/iteration,
staged recursion, size-1 specialisation, threads and retrace warnings (data movement:
test_dynamic_data_movement.py). Same rules as there: numpy's results and errors, on both
call paths."""

import warnings

import numpy as np
import pytest

import ag

from _dynamic_helpers import _data
from _dynamic_paths import (SIZES_DM, SMALL, DTYPES, DT_IDS, _location, check_paths, check_error, D)
from _reference import assert_same, run_in_threads, run_numpy
from test_dynamic_data_movement import _cat_cols, _stack, _vstack_vectors, _where


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

    def worker(n):
        for _ in range(60):
            assert_same(staged(inputs[n], WM), expected[n], path=f"size {n}")
    run_in_threads(worker, sizes)
    assert staged.trace_count == 2 and staged.cache_size == 2


def _pick(x):
    return x[2] + x[:, ::-1].sum(axis=0)


def test_threads_mixing_results_and_run_time_index_errors():
    staged = ag.stage(_pick, dynamic="batch")
    staged(D(3, 4))
    raised, attempts = [], []

    def worker(k):
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
    run_in_threads(worker, range(4))
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
