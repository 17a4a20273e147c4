"""Shared by the adversarial dynamic-dim tests (test_dynamic_data_movement.py,
test_dynamic_compute.py): both call paths per size, expected trace counts, errors."""


import copy
import inspect
import os

import numpy as np
import pytest

import ag

from _dynamic_helpers import _data
from _reference import assert_same, run_numpy

SIZES_DM = (0, 1, 2, 5, 1000)
SMALL = (0, 1, 2, 5, 64)
DTYPES = [np.float32, np.float64, np.int32, np.int64, np.bool_]
DT_IDS = ["f32", "f64", "i32", "i64", "bool"]


def _location(fn, offset=1):
    return f"{os.path.abspath(fn.__code__.co_filename)}:{fn.__code__.co_firstlineno + offset}:"


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
    # Fresh copies per call: a function that writes its arguments changes the caller's
    # arrays, as numpy does (x += v twice adds twice).
    for n, args in cases:
        for call in range(2):
            assert_same(staged(*copy.deepcopy(args)), expected[n],
                        path=f"size {n} call {call}")
    slow = _spy_slow_path(staged)
    for n, args in cases:
        assert_same(staged(*copy.deepcopy(args)), expected[n],
                    path=f"size {n} (last round)")
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
