"""An error numpy raises after the function did something raises after the staged
function did the same: what it printed, what it wrote into its arguments, the random
numbers it drew, and a run-time check before it that fails first (fuzz seed 59 #2598).
ag finds such errors while tracing; the compiled code runs the effects before them and
the call then raises, on both call paths."""

import numpy as np
import pytest

import ag


def _outcome(fn, args, seed=0):
    """(exception class or None, message or result, arguments after the call, next
    random number) of fn on copies of args."""
    args = [a.copy() for a in args]
    np.random.seed(seed)
    try:
        result = fn(*args)
        error = None
    except Exception as e:  # the class and the arguments' state are compared
        result, error = str(e), type(e)
    return error, result, args, np.random.rand()


def _check_same(fn, args, expected_error):
    staged = ag.stage(fn)
    want = _outcome(fn, args)
    assert want[0] is expected_error  # (the program raises in numpy)
    for call in range(2):  # the trace, then the cached entry
        got = _outcome(staged, args)
        assert issubclass(got[0], want[0]), (call, got[1])
        for a, b in zip(got[2], want[2]):
            np.testing.assert_array_equal(a, b)
        assert got[3] == want[3], call  # as many draws from numpy's generator


def write_then_mismatch(x, y):
    x[0] = 7.0
    x[1:] += 1.0
    return x + y  # (3,) + (4,)


def draw_then_mismatch(x, y):
    z = np.random.rand(3)
    return x + y + z


def write_then_python_error(x, y):
    x[:] = y[:3] * 2.0
    return [1, 2][5]


def write_then_unsupported_item_assignment(x, y):
    x += 1.0
    s = x.sum() * 2  # a numpy scalar
    s[...] = 3
    return s


def test_writes_to_arguments_happen_before_the_error():
    _check_same(write_then_mismatch, [np.zeros(3), np.ones(4)], ValueError)


def test_random_draws_happen_before_the_error():
    _check_same(draw_then_mismatch, [np.zeros(3), np.ones(4)], ValueError)


def test_python_error_after_a_write():
    _check_same(write_then_python_error, [np.zeros(3), np.arange(4.0)], IndexError)


def test_item_assignment_into_a_scalar_after_a_write():
    _check_same(write_then_unsupported_item_assignment, [np.zeros(3), np.ones(1)],
                TypeError)


def print_then_mismatch(x, y):
    print("sum", x.sum())
    return x + y


def test_print_happens_before_the_error(capsys):
    x, y = np.arange(3.0), np.ones(4)
    with pytest.raises(ValueError):
        print_then_mismatch(x, y)
    want = capsys.readouterr().out
    staged = ag.stage(print_then_mismatch)
    for _ in range(2):
        with pytest.raises(ValueError, match="could not be broadcast"):
            staged(x, y)
        assert capsys.readouterr().out == want


def nan_check_then_scalar_write(a0, a2):
    v = a0[1::2]
    v[1:2:2] = a2 // a2  # a numpy scalar: NaN into int32 raises ValueError
    b = a2 * 2
    b[...] = 3  # TypeError: a numpy scalar does not support item assignment
    return a0


@pytest.mark.parametrize("value, error", [(np.nan, ValueError), (2.0, TypeError)])
def test_a_failing_run_time_check_comes_first(value, error):
    args = [np.ones(3, np.int32), np.array(value, np.float32)]
    _check_same(nan_check_then_scalar_write, args, error)


def no_effects_then_mismatch(x, y):
    z = x * 2.0
    return z + y


def test_without_effects_the_error_is_raised_while_tracing():
    # Nothing happened before it: the trace raises numpy's error itself, with the
    # user's line, and compiles nothing.
    staged = ag.stage(no_effects_then_mismatch)
    with pytest.raises(ValueError, match=r"test_asif_error_order.py:\d+: operands could "
                                         r"not be broadcast"):
        staged(np.zeros(3), np.ones(4))


def write_then_unstageable(x):
    x[0] = 1.0
    return np.linalg.eig(x.reshape(1, 1) + 1j)  # (an ag refusal, not numpy's error)


def test_refusals_are_not_deferred():
    x = np.zeros(1)
    with pytest.raises(ag.AgError):
        ag.stage(write_then_unstageable)(x)
    assert x[0] == 0.0  # a refusal ran nothing


def error_in_a_staged_branch_after_a_write(x, y):
    x[0] = 5.0
    if x.sum() > 100.0:
        return x + y
    return x * 2.0


def test_a_staged_branch_numpy_does_not_take_still_runs():
    # The error is on the path not taken: the call returns numpy's value.
    x, y = np.zeros(3), np.ones(4)
    want_x = x.copy()
    want = error_in_a_staged_branch_after_a_write(want_x, y)
    got_x = x.copy()
    np.testing.assert_array_equal(ag.stage(error_in_a_staged_branch_after_a_write)(
        got_x, y), want)
    np.testing.assert_array_equal(got_x, want_x)
