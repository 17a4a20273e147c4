"""Every entry of the OpInfo table (_opinfo.py), every sample, staged vs eager numpy on
both dispatch paths: the first call (trace + compile) and the second (the cached call
through the C dispatcher). Values (fp32 rtol/atol 1e-5, integers exact), dtype, shape
and scalar-vs-array type must match; where numpy raises, ag must raise an AgError that
is also the builtin class numpy's exception is; a result whose dtype ag does not stage
(longdouble...) must be ag's TypeError."""

import copy
import warnings

import numpy as np
import pytest

import ag
from _opinfo import TABLE
from _reference import (SUPPORTED_DTYPES, _builtins_of, _dtypes_of, assert_same,
                        rng_for, run_numpy)


def _staged_fn(op, args, kwargs):
    """fn(*arrays): op on the sample's arrays (the staged arguments), its other
    arguments (tuples, dtypes, Python numbers) bound as constants."""
    where = [i for i, x in enumerate(args) if isinstance(x, np.ndarray)]
    consts = list(args)

    def fn(*arrays):
        full = list(consts)
        for i, x in zip(where, arrays):
            full[i] = x
        return op(*full, **kwargs)
    return fn, [args[i] for i in where]


def _describe(args, kwargs):
    parts = [f"{type(x).__name__}{x.dtype}{list(x.shape)}" if isinstance(x, np.ndarray)
             else repr(x) for x in args]
    parts += [f"{k}={v!r}" for k, v in kwargs.items()]
    return ", ".join(parts)


def _numpy_scalars(value):
    if isinstance(value, (tuple, list)):
        return type(value)(_numpy_scalars(v) for v in value)
    if isinstance(value, (bool, int, float)):
        return np.array(value)[()]
    return value


def check_sample(op, args, kwargs, numpy_scalar=False):
    """None if ag matches numpy on both calls, else what differs."""
    fn, args = _staged_fn(op, args, kwargs)
    staged = ag.stage(fn)
    try:
        expected = run_numpy(fn, *args)
        want = None
    except Exception as e:  # noqa: BLE001 - any numpy error must be matched
        expected, want = None, _builtins_of(e)
        if not want:
            return f"numpy raised {type(e).__name__}: {e}"
    if want is None and any(d not in SUPPORTED_DTYPES for d in _dtypes_of(expected)):
        want = {TypeError}
    for call in ("first", "second"):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                got = staged(*copy.deepcopy(args))
            except ag.AgError as e:
                if want is None:
                    return f"{call} call: ag raised {type(e).__name__}: {e}"
                missing = [b.__name__ for b in want if not isinstance(e, b)]
                if missing:
                    return (f"{call} call: ag raised {type(e).__name__} ({e}), not "
                            f"{missing}")
                continue
            except Exception as e:  # noqa: BLE001
                return f"{call} call: non-ag {type(e).__name__}: {e}"
        if want is not None:
            return f"{call} call: numpy raised {sorted(b.__name__ for b in want)}, ag " \
                   f"returned {got!r}"
        if numpy_scalar:
            expected, got = _numpy_scalars(expected), _numpy_scalars(got)
        try:
            assert_same(got, expected)
        except AssertionError as e:
            return f"{call} call: WRONG: {e}"
    return None


def _expected(fn, args):
    """numpy's result, or None and the builtin classes of numpy's exception (a result
    of a dtype ag does not stage stands for ag's TypeError)."""
    try:
        expected = run_numpy(fn, *args)
    except Exception as e:  # noqa: BLE001
        return None, _builtins_of(e) or {type(e)}
    if any(d not in SUPPORTED_DTYPES for d in _dtypes_of(expected)):
        return None, {TypeError}
    return expected, None


# Samples numpy computes are staged together, CHUNK per function (one compile covers
# them: the table runs in CI); a chunk that differs is checked sample by sample to name
# the sample. Samples numpy rejects are checked one by one.
CHUNK = 16


def _check_chunk(chunk, numpy_scalar):
    parts, n = [], 0
    for fn, args, expected in chunk:
        parts.append((fn, n, n + len(args)))
        n += len(args)

    def combined(*arrays):
        out = []
        for fn, lo, hi in parts:
            out.append(fn(*arrays[lo:hi]))
        return tuple(out)
    staged = ag.stage(combined)
    want = tuple(_numpy_scalars(e) if numpy_scalar else e for _, _, e in chunk)
    try:
        for _ in range(2):
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                # Copied per sample: samples may share arrays, which a function that
                # writes its argument must not see changed by another sample.
                got = staged(*[x for _, args, _ in chunk for x in copy.deepcopy(args)])
            if numpy_scalar:
                got = _numpy_scalars(got)
            assert_same(got, want)
    except Exception:  # noqa: BLE001 - any difference: find the sample
        return False
    return True


@pytest.mark.parametrize("info", TABLE, ids=lambda i: i.name)
def test_opinfo(info):
    failures = []
    count = 0
    batch = []
    for sample in info.samples(rng_for("opinfo", info.name)):
        count += 1
        fn, arrays = _staged_fn(info.op, sample.args, sample.kwargs)
        expected, raises = _expected(fn, arrays)
        if raises is None:
            batch.append((fn, arrays, expected, sample))
            continue
        problem = check_sample(info.op, sample.args, sample.kwargs, info.numpy_scalar)
        if problem:
            failures.append(f"{info.name}({_describe(sample.args, sample.kwargs)}): "
                            f"{problem}")
    for i in range(0, len(batch), CHUNK):
        chunk = batch[i:i + CHUNK]
        if _check_chunk([c[:3] for c in chunk], info.numpy_scalar):
            continue
        for *_, sample in chunk:
            problem = check_sample(info.op, sample.args, sample.kwargs, info.numpy_scalar)
            if problem:
                failures.append(f"{info.name}({_describe(sample.args, sample.kwargs)}): "
                                f"{problem}")
        if not failures:
            failures.append(f"{info.name}: the samples staged together differ from numpy "
                            "though each staged alone matches")
    assert count, "no samples"
    assert not failures, "\n".join(failures)


def test_table_covers_what_ag_stages():
    """Every ufunc and function ag registers has a table entry."""
    from ag import staged as impl
    names = {i.name.split("(")[0] for i in TABLE} | {"round_"}
    missing = [n for n in impl.SUPPORTED_UFUNCS + impl.SUPPORTED_FUNCTIONS
               if n not in names]
    assert not missing, missing


def test_bug_same_dynamic_result_twice():
    """One result of a run-time size returned twice (or two equal ones CSE merged):
    the copy that makes them distinct took its size from the signature (-1 for a
    dynamic dim) and corrupted the heap."""
    def f(x):
        a = np.flatnonzero(x)
        return a, a, np.flatnonzero(x), x[np.zeros(x.shape[0], bool)]
    x = np.arange(5, dtype=np.int32)
    staged = ag.stage(f)
    for _ in range(50):  # both dispatch paths, and enough frees to hit a corruption
        assert_same(staged(x), f(x))


# --- what ag does not stage: an ag error naming it and the user's line ------------------

def _line_of(marker):
    with open(__file__) as f:
        for i, line in enumerate(f, 1):
            if line.rstrip().endswith(f"# {marker}") and "def " not in line:
                return i
    raise AssertionError(marker)


_MISSING = [
    ("ndarray.tolist", lambda x: x.tolist()),  # m:tolist
    ("ndarray.ctypes", lambda x: x.ctypes),  # m:ctypes
    ("ndarray.choose", lambda x: x.astype(int).choose([x, x])),  # m:choose
    ("np.fft.fft", lambda x: np.fft.fft(x)),  # m:fft
    ("np.lexsort", lambda x: np.lexsort((x, x))),  # m:lexsort
    ("np.histogram2d", lambda x: np.histogram2d(x, x)),  # m:histogram2d
    ("np.pad with mode='mean'", lambda x: np.pad(x, 1, mode="mean")),  # m:pad
    ("np.unique with axis=", lambda x: np.unique(x.reshape(2, 2), axis=1)),  # m:unique
    ("np.add.reduceat", lambda x: np.add.reduceat(x, [0, 2])),  # m:reduceat
    ("np.insert with staged indices", lambda x: np.insert(x, x.astype(int)[:2], 1)),  # m:insert
]


@pytest.mark.parametrize("name,fn", _MISSING, ids=[m[0] for m in _MISSING])
def test_missing_is_an_ag_error_naming_it_and_the_line(name, fn):
    marker = "m:" + name.split(".")[-1].split(" ")[0]
    x = np.arange(4.0)
    with pytest.raises(ag.AgUnsupportedError) as info:
        ag.stage(fn)(x)
    assert isinstance(info.value, NotImplementedError)
    text = str(info.value)
    assert name in text, text
    assert f"test_opinfo.py:{_line_of(marker)}" in text, text


def test_readme_lists_the_table():
    """README.md's list of what ag stages is the table (scripts/opinfo_readme.py)."""
    import importlib.util
    import os
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    spec = importlib.util.spec_from_file_location(
        "opinfo_readme", os.path.join(root, "scripts", "opinfo_readme.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(os.path.join(root, "README.md")) as f:
        readme = f.read()
    assert module.block(TABLE) in readme, \
        "README.md is out of date: run scripts/opinfo_readme.py --write"


@pytest.mark.parametrize("write", [lambda x: np.diagonal(x).__setitem__(0, 1.0),
                                   lambda x: x.diagonal().__setitem__(0, 1.0),
                                   lambda x: np.imag(x).__setitem__(0, 1.0)],
                         ids=["np.diagonal", "ndarray.diagonal", "np.imag"])
def test_read_only_results_refuse_writes(write):
    """numpy returns read-only views here: a write is numpy's ValueError, not a write
    into a copy nobody sees."""
    def f(x):
        write(x)
        return x
    x = np.ones((2, 2))
    with pytest.raises(ValueError):
        f(x.copy())
    with pytest.raises(ag.AgError) as info:
        ag.stage(f)(x)
    assert isinstance(info.value, ValueError)
