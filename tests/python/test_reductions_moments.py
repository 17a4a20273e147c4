"""np.var / np.std (and the .var/.std methods) against numpy 1.24, bit for bit: numpy's
formula (the mean with keepdims, squared deviations summed pairwise, divided by
count - ddof) on both call paths, every axis form, keepdims, ddof, integer and bool
inputs (float64 moments), dtype=, long rows (several pairwise blocks), and empty axes."""

import warnings

import numpy as np
import pytest

import ag

from _reference import assert_same, dtype_id


def _exact(staged, fn, x):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # numpy's empty-slice warnings
        with np.errstate(all="ignore"):
            expected = fn(x.copy())
            for _ in range(2):  # trace + compile, then the cached C dispatcher
                got = staged(x)
                assert_same(got, expected)
                for g, e in zip(got if isinstance(got, tuple) else (got,),
                                expected if isinstance(expected, tuple) else (expected,)):
                    np.testing.assert_array_equal(np.asarray(g), np.asarray(e))


CASES = [dict(), dict(axis=0), dict(axis=-1, keepdims=True), dict(axis=None, ddof=1),
         dict(axis=(0,), ddof=2), dict(keepdims=True)]


@pytest.mark.parametrize("shape", [(), (7,), (3, 5, 200), (4, 1000), (70000,), (3, 0)],
                         ids=lambda s: str(list(s)).replace(" ", ""))
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64, np.bool_],
                         ids=dtype_id)
def test_var_std_match_numpy_bit_for_bit(dtype, shape):
    rng = np.random.default_rng([len(shape), np.dtype(dtype).num])
    x = rng.standard_normal(shape) * 3 + 1
    x = (x > 0) if dtype == np.bool_ else x.astype(dtype)
    cases = [kw for kw in CASES if x.ndim or kw.get("axis") is None]
    fn = lambda v: tuple(getattr(np, n)(v, **kw) for kw in cases for n in ("var", "std"))
    _exact(ag.stage(fn), fn, x)


def test_methods_dtype_and_ddof():
    x = np.random.default_rng(5).standard_normal((6, 300)).astype(np.float32) * 100
    fn = lambda v: (v.var(axis=1), v.std(ddof=1),
                    v.var(axis=0, dtype=np.float64, keepdims=True),
                    np.std(v.astype(np.int64), axis=1, dtype=np.float32),
                    np.var(v, ddof=1.5, axis=1))
    _exact(ag.stage(fn), fn, x)


def test_layernorm_with_var():
    """The usual user code: var over the last axis, keepdims."""
    def layernorm(x):
        mu = x.mean(axis=-1, keepdims=True)
        return (x - mu) / np.sqrt(np.var(x, axis=-1, keepdims=True) + 1e-5)
    x = np.random.default_rng(8).standard_normal((64, 1024)).astype(np.float32) * 3 + 1
    _exact(ag.stage(layernorm), layernorm, x)


def test_out_and_where_are_refused():
    x = np.ones(4, np.float32)
    with pytest.raises(ag.AgError, match="np.var with out= or where="):
        ag.stage(lambda v: np.var(v, where=v > 0))(x)
