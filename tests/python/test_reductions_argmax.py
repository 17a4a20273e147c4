"""argmax/argmin along long innermost rows (the 64-lane form of the lowering: blocks of
64 elements, a last partial block, the lanes' extreme and the smallest index holding it)
against numpy 1.24, on both call paths: row lengths around the block boundaries, ties
across lanes and blocks, NaN anywhere (the first NaN wins), +-0, rows of +-inf or of the
dtype's extreme integer, bools, keepdims, axis=None, and run-time row lengths."""

import numpy as np
import pytest

import ag

from _reference import assert_same, dtype_id, run_numpy

LENGTHS = [128, 129, 191, 192, 200, 1000, 4096 + 63]
DTYPES = [np.float32, np.float64, np.int32, np.int64, np.bool_]


def _data(dtype, shape, rng, low=-3, high=3):
    """Few distinct values: ties everywhere (between lanes, blocks and the tail)."""
    if dtype == np.bool_:
        return rng.random(shape) < 0.02
    return rng.integers(low, high, shape).astype(dtype)


def _check_both_paths(fn, x, staged=None):
    staged = staged if staged is not None else ag.stage(fn)
    expected = run_numpy(fn, x)
    for _ in range(2):  # trace + compile, then the cached C dispatcher
        assert_same(staged(x), expected)
    return staged


def _fns():
    return {"argmax(-1)": lambda x: np.argmax(x, axis=-1),
            "argmin(-1, keepdims)": lambda x: np.argmin(x, axis=-1, keepdims=True),
            "x.argmax()": lambda x: x.argmax(),
            "argmin(None, keepdims)": lambda x: np.argmin(x, axis=None, keepdims=True)}


@pytest.mark.parametrize("n", LENGTHS)
@pytest.mark.parametrize("dtype", DTYPES, ids=dtype_id)
def test_long_rows_match_numpy(dtype, n):
    rng = np.random.default_rng([n, np.dtype(dtype).num])
    x = _data(dtype, (3, n), rng)
    for fn in _fns().values():
        _check_both_paths(fn, x)
    # The extreme value once, at every kind of position: lane 0, last lane, tail.
    for pos in (0, 63, 64, n - 1, n // 2):
        y = x.copy()
        y[1, pos] = 100 if dtype != np.bool_ else True
        y[2, pos] = -100 if dtype != np.bool_ else False
        _check_both_paths(lambda v: (np.argmax(v, axis=1), np.argmin(v, axis=1)), y)


@pytest.mark.parametrize("n", [128, 200, 1000])
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=dtype_id)
def test_nan_first_one_wins(dtype, n):
    rng = np.random.default_rng(n)
    fn = lambda v: (np.argmax(v, axis=-1), np.argmin(v, axis=-1), v.argmax(), v.argmin())
    for positions in ([5], [70, 3], [n - 1], [n - 1, n // 2 + 1], [64, 0], list(range(0, n, 7))):
        x = rng.standard_normal((2, n)).astype(dtype)
        x[0, positions] = np.nan
        _check_both_paths(fn, x)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=dtype_id)
def test_signed_zeros_and_infinities(dtype):
    fn = lambda v: (np.argmax(v, axis=-1), np.argmin(v, axis=-1))
    n = 300
    x = np.zeros((6, n), dtype)
    x[0, 100] = -0.0                       # -0 == +0: the first zero
    x[1] = -0.0
    x[1, 250] = 0.0
    x[2] = -np.inf                         # a row of the argmax seed: index 0
    x[3] = np.inf                          # a row of the argmin seed: index 0
    x[4] = -np.inf
    x[4, 299] = np.inf
    x[5, 77] = np.inf
    x[5, 200] = -np.inf
    _check_both_paths(fn, x)


@pytest.mark.parametrize("dtype", [np.int32, np.int64], ids=dtype_id)
def test_extreme_integers(dtype):
    info = np.iinfo(dtype)
    fn = lambda v: (np.argmax(v, axis=-1), np.argmin(v, axis=-1))
    x = np.full((3, 257), info.min, dtype)   # the argmax seed everywhere: index 0
    x[1] = info.max
    x[2, 130] = info.max
    x[2, 256] = info.max
    _check_both_paths(fn, x)


def test_bool_rows():
    fn = lambda v: (np.argmax(v, axis=-1), np.argmin(v, axis=-1))
    x = np.zeros((4, 300), np.bool_)
    x[1] = True
    x[2, 299] = True
    x[3, 64] = True
    x[3, 3] = True
    _check_both_paths(fn, x)


def test_computed_operand_and_3d():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 3, 500)).astype(np.float32)
    _check_both_paths(lambda v: (np.argmax(v * v - v, axis=-1, keepdims=True),
                                 np.argmin(np.abs(v), axis=2)), x)


@pytest.mark.parametrize("dtype", [np.float32, np.int64], ids=dtype_id)
def test_run_time_row_lengths(dtype):
    """One trace for every length: rows shorter than a block (lanes that see nothing),
    exact blocks, blocks plus a tail."""
    fn = lambda v: (np.argmax(v, axis=-1), np.argmin(v, axis=1, keepdims=True), v.argmax())
    staged = ag.stage(fn, dynamic={"v": 1})
    rng = np.random.default_rng(9)
    for n in (2, 3, 63, 64, 65, 128, 200, 1000):
        x = _data(dtype, (3, n), rng)
        if dtype == np.float32 and n > 3:
            x[2, n - 2] = np.nan
        _check_both_paths(fn, x, staged=staged)
    assert staged.trace_count <= 2  # (a length of 1 would trace on its own)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.bool_], ids=dtype_id)
def test_many_rows_block_by_block(dtype):
    """Enough rows that the lanes of all rows would be large: ag-fuse-rows runs the
    lanes, their extreme and the index block of rows by block (a last partial block
    when the rows do not divide), the input's producer too."""
    rng = np.random.default_rng([7, np.dtype(dtype).num])
    x = _data(dtype, (1500, 1000), rng)
    if dtype in (np.float32, np.float64):
        x[3, 999] = x[1400, 0] = x[1499, 500] = np.nan
        x[7, :] = np.nan
    fn = lambda v: (np.argmax(v, axis=-1), np.argmin(v, axis=1, keepdims=True))
    staged = _check_both_paths(fn, x)
    assert "scf.for" in staged.ir(x, emit="linalg")
    if dtype != np.bool_:
        _check_both_paths(lambda v: np.argmin(v * v - v, axis=-1), x)


def test_many_rows_known_at_run_time():
    fn = lambda v: (np.argmax(v, axis=-1), np.argmin(v, axis=-1))
    staged = ag.stage(fn, dynamic={"v": 0})
    rng = np.random.default_rng(11)
    for rows in (1, 63, 64, 65, 1100, 2049):
        x = _data(np.float32, (rows, 1024), rng)
        x[rows // 2, rows % 1024] = np.nan
        _check_both_paths(fn, x, staged=staged)
    assert staged.trace_count <= 2
