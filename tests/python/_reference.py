"""Shared helpers of the differential tests: run a function with plain numpy and staged
with ag, and compare the two results (structure, scalar-vs-array type, dtype, shape,
values)."""

import copy
import threading
import warnings
import zlib

import numpy as np
import pytest

import ag

DTYPES = [np.float32, np.float64, np.int32, np.int64, np.bool_]
DTYPE_IDS = ["f32", "f64", "i32", "i64", "bool"]
_SMALL_IDS = {np.int8: "i8", np.int16: "i16", np.uint8: "u8", np.uint16: "u16",
              np.uint32: "u32", np.uint64: "u64", np.float16: "f16"}
FLOATS = [np.float32, np.float64]
INTS = [np.int32, np.int64]
RTOL = ATOL = 1e-5

# The builtin exception classes whose membership ag errors must share with numpy's (and
# numpy's LinAlgError, which is none of them in numpy 1.24).
_BUILTINS = (TypeError, ValueError, IndexError, NotImplementedError, OverflowError,
             ZeroDivisionError, np.linalg.LinAlgError)


def dtype_id(dtype):
    t = np.dtype(dtype).type
    return _SMALL_IDS[t] if t in _SMALL_IDS else DTYPE_IDS[DTYPES.index(t)]


def run_numpy(fn, *args):
    """fn(*args) with plain numpy: inputs are copied (the staged call must see the same
    values even if fn assigns into them), floating-point warnings are silenced."""
    args = copy.deepcopy(args)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", DeprecationWarning)  # +bool_array
        return fn(*args)


def assert_same(got, exp, path="result"):
    """`got` (ag) equals `exp` (numpy) in structure, type, dtype, shape and values."""
    if isinstance(exp, (tuple, list)):
        assert type(got) is type(exp), \
            f"{path}: ag returned {type(got).__name__}, numpy {type(exp).__name__}"
        assert len(got) == len(exp), f"{path}: length {len(got)} != {len(exp)}"
        for i, (g, e) in enumerate(zip(got, exp)):
            assert_same(g, e, f"{path}[{i}]")
        return
    if isinstance(exp, dict):
        assert type(got) is dict, f"{path}: ag returned {type(got).__name__}, not dict"
        assert list(got) == list(exp), f"{path}: keys {list(got)} != {list(exp)}"
        for k in exp:
            assert_same(got[k], exp[k], f"{path}[{k!r}]")
        return
    if isinstance(exp, (np.ndarray, np.generic)):
        assert type(got) is type(exp), (
            f"{path}: ag returned {type(got).__name__}"
            f"{'' if not hasattr(got, 'dtype') else ' ' + str(got.dtype)}, numpy "
            f"{type(exp).__name__} {exp.dtype}")
        assert got.dtype == exp.dtype, f"{path}: dtype {got.dtype} != numpy {exp.dtype}"
        assert got.shape == exp.shape, f"{path}: shape {got.shape} != numpy {exp.shape}"
        if exp.dtype.kind == "f":
            np.testing.assert_allclose(got, exp, rtol=RTOL, atol=ATOL, equal_nan=True,
                                       err_msg=path)
        elif exp.dtype.kind == "c":  # each part on its own (a NaN part is not "any NaN")
            for part in ("real", "imag"):
                np.testing.assert_allclose(getattr(got, part), getattr(exp, part),
                                           rtol=RTOL, atol=ATOL, equal_nan=True,
                                           err_msg=f"{path}.{part}")
        else:
            np.testing.assert_array_equal(got, exp, err_msg=path)
        return
    assert type(got) is type(exp) and got == exp, f"{path}: {got!r} != numpy {exp!r}"


def _builtins_of(exc):
    if isinstance(exc, np.AxisError):
        # numpy's AxisError is a ValueError and an IndexError; ag raises AgValueError
        # (tested on its own: test_reductions.py::test_bug_bad_axis_is_also_index_error).
        return {ValueError}
    return {b for b in _BUILTINS if isinstance(exc, b)}


def check(fn, *args, staged=None, builtins=None):
    """Runs fn with numpy and staged with ag and compares; returns the ag result.

    If numpy raises, ag must raise an AgError that is also every builtin exception class
    numpy's exception is (or the classes in `builtins`)."""
    staged = staged if staged is not None else ag.stage(fn)
    try:
        expected = run_numpy(fn, *args)
    except Exception as e:  # noqa: BLE001 - any numpy error must be matched
        want = builtins if builtins is not None else _builtins_of(e)
        assert want, f"numpy raised {type(e).__name__}: {e}"
        with pytest.raises(ag.AgError) as info:
            staged(*args)
        for b in want:
            assert isinstance(info.value, b), (
                f"numpy raised {type(e).__name__} ({e}); ag raised "
                f"{type(info.value).__name__} ({info.value}), not a {b.__name__}")
        return info.value
    got = staged(*args)
    assert_same(got, expected)
    return got


def rng_for(*key):
    """A deterministic generator per test case."""
    # hash() of strings is salted per process; use a stable digest instead.
    return np.random.default_rng(zlib.crc32(repr(key).encode()))


def make(dtype, shape, rng, special=True, low=-20, high=20):
    """Test data: uniform values plus (if `special`) the edge values of the dtype placed
    at the front (NaN, ±inf, ±0.0 for floats; 0, -1, INT_MIN, INT_MAX for ints)."""
    dtype = np.dtype(dtype)
    shape = tuple(shape)
    n = int(np.prod(shape, dtype=np.int64))
    if dtype.kind == "f":
        flat = rng.uniform(low, high, n).astype(dtype)
        specials = [np.nan, np.inf, -np.inf, -0.0, 0.0, 1.5, -2.5, 0.5]
    elif dtype.kind == "i":
        info = np.iinfo(dtype)
        flat = rng.integers(max(low, info.min), min(high, info.max), n,
                            endpoint=True).astype(dtype)
        specials = [0, -1, info.min, info.max, 7, -7, 1, 2]
    elif dtype.kind == "u":
        info = np.iinfo(dtype)
        flat = rng.integers(0, min(max(high, 1) * 2, info.max), n,
                            endpoint=True).astype(dtype)
        specials = [0, info.max, 1, info.max - 1, 7, 2, 128, 255]
    else:
        flat = rng.random(n) < 0.5
        specials = [True, False]
    if special:
        k = min(n, len(specials))
        flat[:k] = np.array(specials[:k], dtype=dtype)
    return flat.reshape(shape)


# The dtypes beyond DTYPES that ag stages too (tests of their own: test_small_dtypes.py).
SMALL_DTYPES = [np.int8, np.int16, np.uint8, np.uint16, np.uint32, np.uint64, np.float16]
# complex64/128 (tests of their own: test_complex.py).
SUPPORTED_DTYPES = {np.dtype(t) for t in
                    DTYPES + SMALL_DTYPES + [np.complex64, np.complex128]}


def _dtypes_of(result):
    if isinstance(result, (tuple, list)):
        return [d for r in result for d in _dtypes_of(r)]
    if isinstance(result, dict):
        return [d for r in result.values() for d in _dtypes_of(r)]
    if isinstance(result, (np.ndarray, np.generic)):
        return [result.dtype]
    return []


def check_many(entries, *args):
    """Checks every (name, fn) of `entries` (fn takes *args) against numpy.

    Entries numpy rejects must raise the same builtin from ag; entries whose numpy result
    has a dtype ag does not stage (longdouble, ...) must raise TypeError. The rest are
    staged together in one function returning a dict, so one compile covers them all
    (and equal results, which CSE merges into one buffer, come back as separate arrays)."""
    ok = []
    for name, fn in entries:
        try:
            expected = run_numpy(fn, *args)
        except Exception:  # noqa: BLE001
            check(lambda *a, _fn=fn: _fn(*a), *args)
            continue
        if any(d not in SUPPORTED_DTYPES for d in _dtypes_of(expected)):
            with pytest.raises(TypeError) as info:
                ag.stage(lambda *a, _fn=fn: _fn(*a))(*args)
            assert isinstance(info.value, ag.AgError), name
            continue
        ok.append((name, fn))
    if ok:
        def combined(*a):
            return {name: fn(*a) for name, fn in ok}
        check(combined, *args)


def run_in_threads(worker, args):
    """worker(a) for each a in `args`, each in its own thread, all started together; any
    exception a worker raised fails the caller."""
    barrier = threading.Barrier(len(args))
    errors = []

    def run(a):
        try:
            barrier.wait()
            worker(a)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
    threads = [threading.Thread(target=run, args=(a,)) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
