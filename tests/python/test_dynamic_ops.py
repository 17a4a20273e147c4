"""Shape-polymorphic signatures: the ops staged on dynamic dims beyond elementwise and
reductions (test_dynamic.py): matmul with dynamic dims in any position, conv/pool with
dynamic batch and channels, indexing/reshape/joins, and dynamic dims read as values
(x.shape[i] in converted code). One trace serves every size (and one more for size 1);
results equal plain numpy's; shape checks that need run-time sizes raise when the compiled
code runs."""

import os

import numpy as np
import pytest

import ag

from _dynamic_helpers import NONEMPTY, SIZES, _data, check_sizes
from _reference import assert_same, check
from test_dynamic import W1, B1, W2, B2, mlp_args

HERE = os.path.abspath(__file__)


def _location(fn, offset=1):
    return f"{HERE}:{fn.__code__.co_firstlineno + offset}:"


# --- matmul with dynamic dims ---------------------------------------------------------------

MATMUL_CASES = {
    # name: (shape of a, dynamic dims of a, shape of b, dynamic dims of b), n = a size
    "rows": (lambda n: (n, 4), (0,), lambda n: (4, 3), ()),
    "inner": (lambda n: (3, n), (1,), lambda n: (n, 2), (0,)),
    "both-batch": (lambda n: (n, 5), (0,), lambda n: (5, 2), (0,)),
    "cols": (lambda n: (3, 4), (), lambda n: (4, n), (1,)),
    "all": (lambda n: (n, n + 2), (0, 1), lambda n: (n + 2, n + 3), (0, 1)),
    "vector-matrix": (lambda n: (n,), (0,), lambda n: (n, 3), (0,)),
    "matrix-vector": (lambda n: (3, n), (1,), lambda n: (n,), (0,)),
    "vector-vector": (lambda n: (n,), (0,), lambda n: (n,), (0,)),
    "3d-by-matrix": (lambda n: (n, 2, 4), (0,), lambda n: (4, 3), ()),
    "batched": (lambda n: (n, 2, 4), (0,), lambda n: (n, 4, 3), (0,)),
    "batched-inner": (lambda n: (2, 3, n), (2,), lambda n: (2, n, 3), (1,)),
    "4d-batched": (lambda n: (2, n, 3, 4), (1,), lambda n: (2, n, 4, 2), (1,)),
}


@pytest.mark.parametrize("dtype", [np.float32, np.int64])
@pytest.mark.parametrize("case", list(MATMUL_CASES))
def test_matmul_with_dynamic_dims(case, dtype):
    """float32 goes to oneDNN, int64 to linalg loops; sizes 0, 1 and many."""
    shape_a, dyn_a, shape_b, dyn_b = MATMUL_CASES[case]
    check_sizes(lambda a, b: a @ b,
                lambda n: (_data(shape_a(n), dtype), _data(shape_b(n), dtype, seed=1)),
                dynamic={"a": dyn_a, "b": dyn_b}, sizes=(0, 1, 3, 17))


def test_mlp_with_weight_arguments_dynamic_batch():
    # dynamic="batch" makes the weights' dim 0 dynamic too: contracted dynamic dims.
    check_sizes(mlp_args, lambda n: (_data((n, 64)), W1, B1, W2, B2), dynamic="batch",
                sizes=(1, 3, 17))


def test_gram_matrix_contracts_dynamic_dim():
    check_sizes(lambda x: x.T @ x, lambda n: (_data((n, 6)),), sizes=SIZES)


@pytest.mark.parametrize("case", ["inner", "batched"])
def test_matmul_dim_mismatch_is_run_time_value_error(case):
    def f(a, b):
        return a @ b
    shapes = {"inner": ((3, 4), (4, 2), (3, 5)), "batched": ((3, 2, 4), (3, 4, 2), (2, 2, 4))}
    sa, sb, bad = shapes[case]
    staged = ag.stage(f, dynamic="batch" if case == "batched" else {"a": (0, 1), "b": 0})
    a, b = _data(sa), _data(sb, seed=1)
    assert_same(staged(a, b), a @ b)
    with pytest.raises(ValueError) as info:
        staged(_data(bad), b)
    assert isinstance(info.value, ag.AgError)
    text = str(info.value)
    assert text.startswith(_location(f)), text
    assert ("core dimension 0" if case == "inner" else "batch dims could not be broadcast") \
        in text, text
    assert staged.trace_count == 1
    assert_same(staged(a, b), a @ b)  # still fine after the failed call


def test_matmul_broadcasting_dynamic_batch_dims_is_unsupported():
    def f(a, b):
        return a @ b
    with pytest.raises(ag.AgUnsupportedError) as info:
        ag.stage(f, dynamic={"a": 0})(_data((3, 2, 4)), _data((1, 4, 5)))
    assert str(info.value).startswith(_location(f)), str(info.value)
    assert "broadcasts batch dims" in str(info.value)


def _conv_relu_pool(x, w):
    return ag.nn.max_pool2d(np.maximum(ag.nn.conv2d(x, w, padding=1), 0), 2)


def test_conv_and_pool_with_dynamic_batch_and_channels():
    w = _data((4, 3, 3, 3), seed=1)
    check_sizes(_conv_relu_pool, lambda n: (_data((n, 3, 8, 8)), w), dynamic={"x": 0},
                sizes=SIZES)
    # The weight's output channels dynamic too (dynamic="batch" does that).
    check_sizes(_conv_relu_pool, lambda n: (_data((n, 3, 6, 6)), _data((n + 2, 3, 3, 3))),
                dynamic="batch", sizes=(0, 1, 3, 17))
    check_sizes(lambda x: ag.nn.avg_pool2d(x, 2, padding=1),
                lambda n: (_data((2, n, 5, 5)),), dynamic={"x": (0, 1)}, sizes=SIZES)


# --- indexing, reshape, joins on dynamic dims -----------------------------------------------

def _rows_sum(x):
    acc = np.zeros(x.shape[1:], x.dtype)
    for row in x:
        acc = acc + row
    return acc


def _weighted_rows(x, w):
    acc = np.zeros(4, np.float32)
    for i, (row, v) in enumerate(zip(x, w)):
        acc = acc + row * v * i
    return acc


def _len_scale(x):
    return x * len(x) + x.size


DATA_MOVEMENT = {
    # name: (fn, shape of x for size n, sizes)
    "column": (lambda x: x[:, 0], lambda n: (n, 6), SIZES),
    "columns": (lambda x: x[:, 1:4] * 2, lambda n: (n, 6), SIZES),
    "reversed-columns": (lambda x: x[:, ::-1], lambda n: (n, 6), SIZES),
    "newaxis": (lambda x: x[:, None, :] + 1, lambda n: (n, 6), SIZES),
    "ellipsis": (lambda x: x[..., 2], lambda n: (n, 3, 4), SIZES),
    "row": (lambda x: x[0] + x[-1], lambda n: (n, 6), NONEMPTY),
    "rows-from-1": (lambda x: x[1:], lambda n: (n, 6), SIZES),
    "rows-but-last": (lambda x: x[:-1] * 2, lambda n: (n, 6), SIZES),
    "difference": (lambda x: x[1:] - x[:-1], lambda n: (n, 6), SIZES),
    "every-other-row": (lambda x: x[::2], lambda n: (n, 6), SIZES),
    "first-rows": (lambda x: x[:3], lambda n: (n, 6), SIZES),
    "middle-stepped": (lambda x: x[1:-1:2, 1:5], lambda n: (n, 6), SIZES),
    "out-of-range-bounds": (lambda x: x[-100:100], lambda n: (n, 6), SIZES),
    "reversed-rows": (lambda x: x[::-1], lambda n: (n, 6), SIZES),
    "reversed-stepped": (lambda x: x[-2::-2, ::-1], lambda n: (n, 6), SIZES),
    "reversed-bounded": (lambda x: x[5:1:-1] * 2, lambda n: (n, 6), SIZES),
    "reversed-from-end": (lambda x: x[-1:-5:-1], lambda n: (n, 6), SIZES),
    "concatenate": (lambda x: np.concatenate([x, x * 2]), lambda n: (n, 6), SIZES),
    "concatenate-columns": (lambda x: np.concatenate([x, x[:, :2]], axis=1),
                            lambda n: (n, 6), SIZES),
    "stack": (lambda x: np.stack([x, x + 1], axis=1), lambda n: (n, 6), SIZES),
    "stack-last": (lambda x: np.stack([x, x + 1], axis=-1), lambda n: (n, 6), SIZES),
    "vstack": (lambda x: np.vstack([x, np.ones((1, 6), np.float32)]), lambda n: (n, 6),
               SIZES),
    "reshape-flat": (lambda x: x.reshape(-1), lambda n: (n, 6), SIZES),
    "reshape-rows-of-3": (lambda x: x.reshape(-1, 3), lambda n: (n, 6), SIZES),
    "reshape-shape0": (lambda x: x.reshape(x.shape[0], 2, 3), lambda n: (n, 6), SIZES),
    "reshape-shape": (lambda x: (x + 1).reshape(x.shape), lambda n: (n, 6), SIZES),
    "reshape-merge": (lambda x: x.reshape(x.shape[0], -1), lambda n: (n, 2, 3), NONEMPTY),
    "flatten": (lambda x: x.flatten(), lambda n: (n, 2, 3), SIZES),
    "squeeze": (lambda x: x[:, :1].squeeze(), lambda n: (n, 6), SIZES),
    "expand-dims": (lambda x: np.expand_dims(x, 1) * 2, lambda n: (n, 6), SIZES),
    "size-mean": (lambda x: x.sum() / x.size, lambda n: (n, 6), NONEMPTY),
    "len-size": (_len_scale, lambda n: (n, 6), SIZES),
    "rows-loop": (_rows_sum, lambda n: (n, 4), SIZES),
}


@pytest.mark.parametrize("name", list(DATA_MOVEMENT))
def test_indexing_reshape_and_joins_on_dynamic_dims(name):
    fn, shape, sizes = DATA_MOVEMENT[name]
    check_sizes(fn, lambda n: (_data(shape(n)),), sizes=sizes)


def test_enumerate_zip_of_dynamic_arrays():
    check_sizes(_weighted_rows, lambda n: (_data((n, 4)), _data((n,), seed=1)), sizes=SIZES)


def test_setitem_on_dynamic_array():
    def f(x):
        x[0] = 1.0
        x[:, 1] = x[:, 2] * 2
        return x
    check_sizes(f, lambda n: (_data((n, 4)),), sizes=NONEMPTY)


def _prefix_sums(x):
    acc = np.zeros((), x.dtype)
    for i in range(1, 12):
        acc = acc + x[:i].sum() + x[i:].sum()
    return acc


def _backward_prefixes(x):
    acc = np.zeros((), x.dtype)
    for i in range(1, 12):
        acc = acc + (x[i::-1] * x[:i + 1]).sum() + x[:i:-2].sum()
    return acc


def test_backward_slices_bounded_by_the_loop_index():
    x = _data((16,))
    check(_backward_prefixes, x)
    assert ag.stage(_backward_prefixes).ir(x).count("scf.for") == 1


def test_slice_bounded_by_the_loop_index_stays_one_loop():
    """x[:i] of a staged index is a window of run-time size: no Python iteration."""
    x = _data((16,))
    check(_prefix_sums, x)
    ir = ag.stage(_prefix_sums).ir(x)
    assert ir.count("scf.for") == 1 and "ag.window" in ir, ir


# --- dynamic dims as values: x.shape[i] in converted code is a staged size ----------------

def _zeros_state(x):
    h = np.zeros((x.shape[0], 3), np.float32)
    return h + x[:, :3]


def _rnn(x, w):
    h = np.zeros((x.shape[0], 6), x.dtype)
    for _ in range(3):
        h = np.tanh(x + h @ w)
    return h


def _range_of_dim(x):
    acc = np.zeros(6, np.float32)
    for i in range(x.shape[0]):
        acc = acc + x[i] * i
    return acc


def _branch_on_dim(x):
    if x.shape[0] > 2:
        return x * 2
    return x


def _filled_copy(x):
    e = np.empty((x.shape[0], 6), np.float32)
    e[:] = x
    return e


def _reshape_computed(x):
    return x.reshape(x.shape[0] * 2, 3)


def _reshape_named(x):
    n, m = x.shape
    return x.reshape(n, 2, m // 2)


def _mean_over_rows(x):
    return x.sum(axis=0) / x.shape[0]


def _scale_by_dim(x):
    return x * x.shape[0]


def _ones_of_shape(x):
    return np.ones(x.shape, np.float32) + x


def _full(x):
    return np.full((x.shape[0], 2), 7)


def _float_of_dim(x):
    return x / float(x.shape[0] + 1)


def _broadcast_rows(x):
    return np.broadcast_to(x[0], (x.shape[0] + 1, 6))


SHAPE_VALUES = {
    "zeros-state": _zeros_state,
    "mean-over-rows": _mean_over_rows,
    "scale-by-dim": _scale_by_dim,
    "ones-of-shape": _ones_of_shape,
    "full": _full,
    "likes": lambda x: np.zeros_like(x) + np.ones_like(x) * 2 + np.full_like(x, 3),
    "broadcast-column": lambda x: np.broadcast_to(x[:, :1], (x.shape[0], 6)) + x,
    "range-of-dim": _range_of_dim,
    "branch-on-dim": _branch_on_dim,
    "empty-then-fill": _filled_copy,
    "reshape-computed": _reshape_computed,
    "reshape-unpacked": _reshape_named,
    "isnan-of-ints": lambda x: np.isnan(x.astype(np.int32)),
    "float-of-dim": _float_of_dim,
}


@pytest.mark.parametrize("name", list(SHAPE_VALUES))
def test_dynamic_dims_read_as_values(name):
    check_sizes(SHAPE_VALUES[name], lambda n: (_data((n, 6)),),
                sizes=NONEMPTY if name == "mean-over-rows" else SIZES)


def test_rnn_with_state_sized_by_the_batch():
    w = np.eye(6, dtype=np.float32) * 0.5
    check_sizes(_rnn, lambda n: (_data((n, 6)), w), dynamic={"x": 0})


def test_broadcast_to_rows_sized_by_a_computed_dim():
    check_sizes(_broadcast_rows, lambda n: (_data((n, 6)),), sizes=NONEMPTY)


def test_shape_reads_in_converted_source():
    source = ag.stage(_zeros_state, dynamic="batch").source()
    assert "ag__.converted_call(np.zeros, ((ag__.shape_of(x)[0], 3), np.float32), {})" \
        in source, source
