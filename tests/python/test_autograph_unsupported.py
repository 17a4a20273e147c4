"""Constructs whose Python meaning staging cannot keep: ag errors, not wrong results.

* Staged code inside a `try` body: compiled code raises when it runs, after tracing, so
  the `try`'s handlers could never see its exceptions. A staged if / while / for /
  conditional expression / assert / staged index there raises ag.AgUnsupportedError
  naming its own file:line and the `try`'s. Python/numpy code in a `try`, and staged code
  after it, behave as in Python.
* Writes to `global` / `nonlocal` names: a staged value stored outside the function would
  outlive its trace, and a write inside staged control flow would run once while tracing
  on every path. Both are errors naming the variable and line; writing a Python value
  outside staged control flow is a trace-time effect, as in Python.
"""


import numpy as np
import pytest

import ag

from _autograph_helpers import PATHS, arg, assert_same, check, where

X = np.array([1.5, -2.0, 3.25], np.float32)
C = np.array(1, np.int64)


# --- staged code inside a `try` --------------------------------------------------------------

def if_in_try(x, c):
    try:  # the try
        if c > 0:  # staged
            x = x * 2
    except KeyError:
        x = x - 1
    return x


def while_in_try(x, c):
    try:  # the try
        i = np.int64(0)
        while i < c:  # staged
            x = x + 1
            i = i + 1
    finally:
        pass
    return x


def for_in_try(x, c):
    try:  # the try
        for i in range(c):  # staged
            x = x + i
    except (KeyError, IndexError):
        pass
    return x


def for_rows_in_try(x, c):
    try:  # the try
        s = x[0] * 0
        for v in x:  # staged
            s = s + v
    except KeyError:
        s = x[0]
    return s


def ternary_in_try(x, c):
    try:  # the try
        y = x if c > 0 else -x  # staged
    except KeyError:
        y = x
    return y


def assert_in_try(x, c):
    try:  # the try
        assert c > 0, "c must be positive"  # staged
    except KeyError:
        x = -x
    return x


def index_in_try(x, c):
    try:  # the try
        y = x[c]  # staged
    except KeyError:
        y = x[0]
    return y


def nested_try(x, c):
    try:
        x = x + 1
        try:  # the try
            x = x * 2
            if c > 0:  # staged
                x = -x
        except KeyError:
            pass
    except KeyError:
        pass
    return x


def callee_with_staged_if(x, c):
    if c > 0:  # staged
        x = x * 2
    return x


def call_in_try(x, c):
    try:  # the try
        x = callee_with_staged_if(x, c)
    except KeyError:
        pass
    return x


def check_in_try(x, c):
    try:  # the try
        y = x.astype(np.int64) ** (c.astype(np.int64) - 5)  # staged
    except ValueError:
        y = x * 0
    return y


IN_TRY = [(check_in_try, "run-time check"), (if_in_try, "if"), (while_in_try, "while loop"), (for_in_try, "for loop"),
          (for_rows_in_try, "for loop"), (ternary_in_try, "conditional expression"),
          (assert_in_try, "assert"), (index_in_try, "index"), (nested_try, "if")]


@pytest.mark.parametrize("fn,what", IN_TRY, ids=[c[0].__name__ for c in IN_TRY])
def test_staged_code_in_try(fn, what):
    fn(X, C)  # plain numpy runs it
    with pytest.raises(ag.AgUnsupportedError,
                       match="^" + where(fn, "# staged") + f": a staged {what} inside the "
                       "`try` at " + where(fn, "# the try") + ": exceptions of compiled "
                       "code happen when it runs, after tracing, so the `try`'s handlers "
                       "could never see them; move the staged code out of the `try`$"):
        ag.stage(fn)(X, C)


def test_staged_code_in_function_called_from_try():
    with pytest.raises(ag.AgUnsupportedError,
                       match="^" + where(callee_with_staged_if, "# staged") + ": a staged "
                       "if inside the `try` at " + where(call_in_try, "# the try") + ": "):
        ag.stage(call_in_try)(X, C)


@pytest.mark.parametrize("fn", [if_in_try, while_in_try, for_in_try, ternary_in_try,
                                assert_in_try, index_in_try, nested_try, call_in_try])
@pytest.mark.parametrize("c", [0, 1, 2])
def test_python_control_flow_in_try_is_fine(fn, c):
    """With a Python `c` the same constructs are Python: no error (but Python's own
    AssertionError, which the `except KeyError` does not catch)."""
    if fn is assert_in_try and c == 0:
        for call in (fn, ag.stage(fn)):
            with pytest.raises(AssertionError, match="^c must be positive"):
                call(X, c)
        return
    check(fn, X, c)


def swallowing_handler(x, n):
    try:
        for i in range(n):
            x = x + 1
    except Exception:
        pass
    return x


def test_error_in_try_is_not_swallowed_by_user_handler():
    with pytest.raises(ag.AgUnsupportedError):
        ag.stage(swallowing_handler)(np.zeros(2), np.array(1))


LOOKUP = {0: 2.0, 1: -0.5}


def python_code_in_try(x, c, key):
    try:
        scale = LOOKUP[key]
        y = np.sqrt(np.abs(x)) * scale
    except KeyError:
        y = x * 0
    if c > 0:
        y = y + 1
    else:
        y = y - 1
    return y


@pytest.mark.parametrize("key", [0, 1, 7])  # 7: the handler runs
@pytest.mark.parametrize("c", [-1, 1])
@pytest.mark.parametrize("path", PATHS)
def test_python_code_in_try_staged_after(path, c, key):
    check(python_code_in_try, X, arg(c, path, np.int64), key, path=path, region="scf.if")


def long_python_range_in_try(x):
    try:
        for i in range(20):
            x = np.tanh(x + i * 0.1)
    except KeyError:
        pass
    return x


def test_long_python_range_in_try_runs_in_python():
    check(long_python_range_in_try, X)
    assert "scf.for" not in ag.stage(long_python_range_in_try).ir(X)


def staged_if_in_handler(x, c, key):
    try:
        scale = LOOKUP[key]
    except KeyError:
        scale = 1.0
        if c > 0:
            x = x * 2
    return x * scale


def staged_if_in_else_and_finally(x, c):
    try:
        y = x + 1
    except KeyError:
        y = x
    else:
        if c > 0:
            y = y * 2
    finally:
        if c < 0:
            x = -x
    return x, y


@pytest.mark.parametrize("fn,args", [(staged_if_in_handler, (X, 7)),
                                     (staged_if_in_else_and_finally, (X,))])
@pytest.mark.parametrize("c", [-1, 1])
def test_staged_code_in_handler_else_finally(fn, args, c):
    x, *rest = args
    check(fn, x, np.array(c), *rest)


# --- global / nonlocal writes --------------------------------------------------------------------

G = 0
CALLS = 0


def global_staged(x):
    global G
    G = x * 2  # the write
    return x


def global_staged_augmented(x):
    global G
    G += x.sum()  # the write
    return x


def global_in_staged_if(x, c):
    global G
    if c > 0:
        G = 1  # the write
    return x


def global_in_staged_loop(x, n):
    global G
    for i in range(n):
        x = x + 1
        G = 5  # the write
    return x


GLOBAL_ERRORS = [
    (global_staged, (X,), "is assigned a staged value; staged values exist only while "
     "tracing, so it would not hold the result after the call; return the value instead"),
    (global_staged_augmented, (X,), "is assigned a staged value"),
    (global_in_staged_if, (X, C), "is assigned inside staged control flow; Python "
     "assignments there run once while tracing \\(on every path\\), not when the compiled "
     "code runs; return the value instead"),
    (global_in_staged_loop, (X, C), "is assigned inside staged control flow"),
]


@pytest.mark.parametrize("fn,args,message", GLOBAL_ERRORS,
                         ids=[e[0].__name__ for e in GLOBAL_ERRORS])
def test_global_write_errors(fn, args, message):
    global G
    try:
        with pytest.raises(ag.AgUnsupportedError, match="^" + where(fn, "# the write") +
                           ": global variable 'G' " + message):
            ag.stage(fn)(*args)
    finally:
        G = 0  # never keep a staged value of a finished trace


def test_global_unchanged_after_error():
    global G
    G = 0
    try:
        with pytest.raises(ag.AgUnsupportedError):
            ag.stage(global_staged)(X)
        assert type(G) is int and G == 0, type(G)
    finally:
        G = 0


def count_calls(x):
    global CALLS
    CALLS = CALLS + 1
    return x * CALLS


def test_global_write_of_python_value_is_a_trace_time_effect():
    """As in Python: CALLS counts the calls (ag guards the global it reads: each new
    value retraces)."""
    global CALLS
    CALLS = 0
    expected = [count_calls(X) for _ in range(3)]
    assert CALLS == 3
    CALLS = 0
    fn = ag.stage(count_calls)
    for e in expected:
        assert_same(fn(X), e)
    assert CALLS == 3


def global_in_python_if(x, c):
    global G
    if c > 0:
        G = 7
    return x


def global_in_python_loop(x):
    global G
    for i in range(3):
        G = G + i
    return x


@pytest.mark.parametrize("fn,args,value", [(global_in_python_if, (X, 1), 7),
                                           (global_in_python_loop, (X,), 3)])
def test_global_write_in_python_control_flow(fn, args, value):
    global G
    G = 0
    try:
        ag.stage(fn)(*args)
        assert G == value
    finally:
        G = 0


def make_closures():
    count = 0

    def staged_write(x, c):
        nonlocal count
        count = x * 2  # the write
        return x

    def in_staged_if(x, c):
        nonlocal count
        if c > 0:
            count = 1  # the write
        return x

    def python_write(x, c):
        nonlocal count
        count += 1
        return x * count

    def python_if(x, c):
        nonlocal count
        if c > 0:
            count = count + 1
        return x

    def get():
        return count

    return staged_write, in_staged_if, python_write, python_if, get


@pytest.mark.parametrize("index,message", [
    (0, "is assigned a staged value; staged values exist only while tracing"),
    (1, "is assigned inside staged control flow; Python assignments there run once")])
def test_nonlocal_write_errors(index, message):
    fn = make_closures()[index]
    with pytest.raises(ag.AgUnsupportedError, match="^" + where(fn, "# the write") +
                       ": nonlocal variable 'count' " + message):
        ag.stage(fn)(X, C)


def test_nonlocal_write_of_python_value_is_a_trace_time_effect():
    *_, python_write, _, get = make_closures()
    expected = [python_write(X, 0) for _ in range(3)]
    *_, python_write, _, get = make_closures()
    fn = ag.stage(python_write)
    for e in expected:
        assert_same(fn(X, 0), e)
    assert get() == 3


def test_nonlocal_write_in_python_if():
    *_, python_if, get = make_closures()
    ag.stage(python_if)(X, 1)
    assert get() == 1
