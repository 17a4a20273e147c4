"""Shared helpers of the advanced-indexing tests (test_advanced_indexing*.py,
test_index_functions.py): each program runs eagerly and staged twice (the first call
traces and compiles, the second takes the cached C path), on fresh copies of its inputs;
results *and the argument arrays after the call* must be numpy's, and where numpy raises,
ag raises an AgError of numpy's builtin class whose text holds numpy's message."""

import copy
import warnings

import numpy as np
import pytest

import ag

from _reference import assert_same

_STAGED = {}


def staged(fn, **options):
    key = (fn, repr(sorted(options.items())))
    if key not in _STAGED:
        _STAGED[key] = ag.stage(fn, warn_after=10**9, **options)
    return _STAGED[key]


def _eager(fn, args):
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return fn(*args)


def check(fn, *args, calls=2, message=True, **options):
    """fn(*args) eagerly vs staged `calls` times; returns the staged function."""
    eager_args = copy.deepcopy(args)
    try:
        expected = _eager(fn, eager_args)
    except Exception as e:  # noqa: BLE001 - numpy's error must be ag's
        g = staged(fn, **options)
        for _ in range(calls):
            with pytest.raises(ag.AgError) as info:
                g(*copy.deepcopy(args))
            for cls in (IndexError, ValueError, TypeError):
                if isinstance(e, cls):
                    assert isinstance(info.value, cls), (
                        f"numpy raised {type(e).__name__} ({e}); ag raised "
                        f"{type(info.value).__name__} ({info.value})")
            if message:
                assert str(e) in str(info.value), \
                    f"numpy's message {str(e)!r} is not in ag's {str(info.value)!r}"
        return g
    g = staged(fn, **options)
    for call in range(calls):
        staged_args = copy.deepcopy(args)
        got = g(*staged_args)
        assert_same(got, expected, f"call {call} result")
        for i, (s, e) in enumerate(zip(staged_args, eager_args)):
            if isinstance(e, np.ndarray):
                assert_same(s, e, f"call {call} argument {i} after the call")
    return g


def data(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    dtype = np.dtype(dtype)
    if dtype == np.bool_:
        return rng.random(shape) < 0.5
    if dtype.kind == "f":
        x = rng.standard_normal(shape).astype(dtype)
        if x.size > 2:
            x.flat[1] = np.nan
        return x
    return rng.integers(-50, 50, shape).astype(dtype)


def indices(n, size, seed, dtype=np.int64, repeat=True):
    """`size` random indices into an axis of n (negative ones and repeats included)."""
    rng = np.random.default_rng(seed)
    if n == 0:
        return np.zeros(0, dtype) if size == 0 else np.zeros(size, dtype)
    i = rng.integers(-n, n, size)
    if repeat and size > 1:
        i[-1] = i[0]
    return i.astype(dtype)
