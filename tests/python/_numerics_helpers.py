"""Shared by the test_numerics_*.py files (issue 11, "as-if, or a clear error"): each
case runs with plain numpy and staged, on both call paths -- the first call traces and
runs through the Python path, the second must take the C dispatcher."""

import ag

from _reference import check


def spy_slow_path(staged):
    """Records the calls that reach the Python path (_call_slow computes the key)."""
    slow = []
    key = staged._key
    staged._key = lambda args: (slow.append(len(args)), key(args))[1]
    return slow


def check_paths(fn, *args, builtins=None, c_path=True, staged=None):
    """_reference.check on the first call and again on the second; when the first call
    compiled (no trace-time error), the second must not reach the Python path (c_path:
    for entries the dispatcher serves -- array arguments, array results)."""
    staged = staged if staged is not None else ag.stage(fn)
    check(fn, *args, staged=staged, builtins=builtins)
    compiled = staged.cache_size > 0
    slow = spy_slow_path(staged)
    result = check(fn, *args, staged=staged, builtins=builtins)
    if c_path and compiled:
        assert slow == [], "the second call took the Python path"
    return result


def raises_on_paths(staged, args, builtin, *texts):
    """Both calls of `staged` on `args` raise `builtin` (an ag error, but for a failed
    staged assert: AssertionError, as Python raises) whose message contains every one
    of `texts`; returns the last error."""
    for _ in range(2):
        try:
            staged(*args)
        except builtin as e:
            assert isinstance(e, ag.AgError) or builtin is AssertionError, repr(e)
            for t in texts:
                assert t in str(e), str(e)
            error = e
        else:
            raise AssertionError(f"no {builtin.__name__} raised")
    return error
