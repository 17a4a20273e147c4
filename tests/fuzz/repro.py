"""The check every fuzzer repro runs (tests/fuzz/repros/*.py end by calling main): the
program's `f` with numpy and through ag.stage, twice (the second call from the cache), on
fresh copies of `inputs()`, comparing results, the argument arrays afterwards, what was
printed and the np.random state. Prints what differs; exits 1 if anything does."""

import contextlib
import copy
import io
import os
import sys
import warnings

import numpy as np


def _find_ag(here):
    if os.environ.get("AG_PYTHONPATH"):
        return os.environ["AG_PYTHONPATH"]
    d = os.path.dirname(os.path.abspath(here))
    while d != os.path.dirname(d):
        if os.path.isdir(os.path.join(d, "build", "python", "ag")):
            return os.path.join(d, "build", "python")
        d = os.path.dirname(d)
    return "build/python"


def main(f, inputs, here):
    """Checks `f` on `inputs()`; `here` is the repro's __file__ (to find the build)."""
    sys.path.insert(0, _find_ag(here))
    import ag  # from the build found above, hence imported here
    warnings.simplefilter("ignore")

    def _run(fn, seed):
        args = inputs()  # (fresh arrays, in the layouts inputs() makes)
        np.random.seed(seed)
        out = io.StringIO()
        with np.errstate(all="ignore"), contextlib.redirect_stdout(out):
            try:
                res = copy.deepcopy(fn(*args))
            except Exception as e:  # noqa: BLE001
                res = e
        return res, args, out.getvalue(), np.random.randint(0, 2**31 - 1, 4).tolist()

    def _same(a, b):
        if isinstance(a, BaseException) or isinstance(b, BaseException):
            return isinstance(a, BaseException) and isinstance(b, BaseException) and (
                isinstance(b, type(a)) or isinstance(a, type(b)) or
                any(isinstance(a, k) and isinstance(b, k)
                    for k in (ValueError, TypeError, IndexError, ZeroDivisionError)))
        if isinstance(a, (tuple, list)):
            return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
        if isinstance(a, (np.ndarray, np.generic)):
            if type(a) is not type(b) or a.dtype != b.dtype or a.shape != b.shape:
                return False
            if a.dtype.kind == "f":
                return bool(np.allclose(a, b, rtol=1e-5, atol=1e-5, equal_nan=True))
            return bool(np.array_equal(a, b))
        if isinstance(a, str):
            return a == b
        if isinstance(a, float) and type(b) is float:
            return a == b or abs(a - b) <= 1e-5 + 1e-5 * abs(a) or (a != a and b != b)
        return type(a) is type(b) and a == b

    def _show(v):
        if isinstance(v, BaseException):
            return f"raised {type(v).__name__}: {v}"
        if isinstance(v, (np.ndarray, np.generic)):
            return f"{type(v).__name__} {v.dtype} {np.shape(v)}: " + \
                np.array2string(np.asarray(v), threshold=40).replace("\n", " ")
        if isinstance(v, (tuple, list)):
            return "(" + ", ".join(_show(x) for x in v) + ")"
        return repr(v)

    _staged = ag.stage(f)
    _bad = False
    for _call, _seed in enumerate((1234, 98765), 1):
        _e, _s = _run(f, _seed), _run(_staged, _seed)
        for _what, _a, _b in zip(("result", "arguments after the call", "printed",
                                  "np.random state after"), _e, _s):
            if not _same(_a, _b):
                _bad = True
                print(f"call {_call}{' (cached)' if _call == 2 else ''}: {_what} differ\n"
                      f"  numpy: {_show(_a)}\n  ag:    {_show(_b)}")
    print("DIFFERENT" if _bad else "same")
    sys.exit(1 if _bad else 0)
