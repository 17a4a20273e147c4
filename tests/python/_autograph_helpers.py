"""Helpers shared by the AutoGraph reference tests (test_autograph_*.py).

Each sample function runs as plain Python/numpy and staged on the same inputs;
`assert_same` compares structure, type, dtype, shape and value (floats within
rtol=atol=1e-5), `arg`/`scalar` pass a value as a Python constant ("python" dispatch
path) or as a 0-d array / numpy scalar ("staged" path).
"""

import copy
import inspect
import re

import numpy as np

import ag

RTOL = ATOL = 1e-5
PATHS = ["python", "staged"]

_STAGED = {}


def staged(fn):
    """One StagedFunction per sample function, so equal signatures reuse compiled code."""
    if fn not in _STAGED:
        _STAGED[fn] = ag.stage(fn, warn_after=10**9)
    return _STAGED[fn]


def arg(value, path, dtype=None):
    """`value` as a Python constant ("python" path) or a 0-d array ("staged" path)."""
    if path == "python":
        return value
    return np.array(value, dtype=dtype)


def scalar(value, path, dtype=None):
    """Like arg, but a numpy scalar on the staged path (numpy scalars are staged as 0-d
    values too). Used for data a function may return unchanged: numpy's own operations
    give scalars, and an untouched 0-d array argument would come back as a 0-d array
    eagerly but as a scalar from a staged region (a difference ag cannot know about)."""
    if path == "python":
        return value
    return np.array(value, dtype=dtype)[()]


def assert_same(got, exp, loose=False, path="result"):
    """`got` (ag) equals `exp` (plain Python/numpy) in structure, type, dtype, shape and
    value. With `loose`, a Python number may come back as a numpy scalar of the same numpy
    dtype (a value computed by staged control flow is a staged value), and a 0-d array may
    come back as a numpy scalar or vice versa."""
    if isinstance(exp, (tuple, list)):
        assert type(got) is type(exp), f"{path}: {type(got).__name__} != {type(exp).__name__}"
        assert len(got) == len(exp), f"{path}: length {len(got)} != {len(exp)}"
        for i, (g, e) in enumerate(zip(got, exp)):
            assert_same(g, e, loose, f"{path}[{i}]")
        return
    if isinstance(exp, (bool, int, float)) and not isinstance(exp, np.generic):
        if loose and isinstance(got, (np.generic, np.ndarray)):
            assert got.shape == (), f"{path}: shape {got.shape} != ()"
            assert got.dtype == np.asarray(exp).dtype, \
                f"{path}: dtype {got.dtype} != {np.asarray(exp).dtype} (of {exp!r})"
            assert got == exp, f"{path}: {got!r} != {exp!r}"
            return
        assert type(got) is type(exp) and got == exp, \
            f"{path}: {got!r} ({type(got).__name__}) != {exp!r} ({type(exp).__name__})"
        return
    assert isinstance(exp, (np.ndarray, np.generic)), f"{path}: eager gave {exp!r}"
    if loose and exp.shape == ():
        assert isinstance(got, (np.ndarray, np.generic)), f"{path}: {got!r}"
    else:
        assert type(got) is type(exp), (f"{path}: ag returned {type(got).__name__}, numpy "
                                        f"{type(exp).__name__}")
    assert got.dtype == exp.dtype, f"{path}: dtype {got.dtype} != numpy {exp.dtype}"
    assert got.shape == exp.shape, f"{path}: shape {got.shape} != numpy {exp.shape}"
    if exp.dtype.kind == "f":
        np.testing.assert_allclose(got, exp, rtol=RTOL, atol=ATOL, err_msg=path)
    else:
        np.testing.assert_array_equal(got, exp, err_msg=path)


def check(fn, *args, loose=False, path=None, region=None):
    """Runs fn eagerly and staged on `args` and compares. If `region` (e.g. "scf.if") is
    given, the staged path must emit it and the python path must not."""
    expected = fn(*copy.deepcopy(args))
    s = staged(fn)
    got = s(*args)
    assert_same(got, expected, loose)
    if region is not None and path is not None:
        ir = s.ir(*args)
        assert (region in ir) == (path == "staged"), ir
    return got


def line_of(fn, text):
    """The line number of the first line of fn's source containing `text`."""
    lines, first = inspect.getsourcelines(fn)
    for i, line in enumerate(lines):
        if text in line:
            return first + i
    raise AssertionError(f"{text!r} not in {fn.__name__}")


def where(fn, text):
    """The 'file:line' an ag error must name for that line of fn, as a regex."""
    return re.escape(f"{fn.__code__.co_filename}:{line_of(fn, text)}")
