"""Staged print and assert: printed at run time, in order, only on the taken path, once
per iteration, with numpy's formatting; assert raises AssertionError with the user's
message after the compiled call. Both dispatch paths."""

import numpy as np
import pytest

import ag


def report(x, verbose):
    s = np.zeros((), x.dtype)
    for v in x:
        if v > 0:
            print("positive", v, "running sum", s)
        s = s + v
    if verbose:
        print("total:", s, "of", x)
    return s


@pytest.mark.parametrize("data", [[1.0, -2.0, 3.0], [-1.0], []])
@pytest.mark.parametrize("verbose", [True, False])
def test_print_matches_eager_output(capsys, data, verbose):
    x = np.array(data, np.float32)
    expected = report(x, verbose)
    eager_out = capsys.readouterr().out
    staged = ag.stage(report)
    got = staged(x, verbose)
    assert capsys.readouterr().out == eager_out
    assert got == expected and np.asarray(got).dtype == np.asarray(expected).dtype
    staged(x, verbose)  # the cached (C) path prints too
    assert capsys.readouterr().out == eager_out


def test_print_in_staged_while_runs_every_iteration(capsys):
    def halve(x):
        while x.max() > 1.0:
            x = x / 2
            print("step", x)
        return x
    x = np.array([7.0, 3.0])
    halve(x)
    eager = capsys.readouterr().out
    ag.stage(halve)(x)
    assert capsys.readouterr().out == eager
    assert "ag.print" in ag.stage(halve).ir(x) and "scf.while" in ag.stage(halve).ir(x)


def loud_test(x):
    print("test", x.max())
    return x.max() > 1.0


def test_print_in_staged_while_condition_runs_once_per_test(capsys):
    # Python tests the condition once to decide to stage the loop: that test is the
    # loop's first, not an extra one.
    def halve(x):
        while loud_test(x):
            x = x / 2
        return x
    x = np.array([7.0, 3.0])
    halve(x)
    eager = capsys.readouterr().out
    staged = ag.stage(halve)
    for _ in range(3):
        staged(x)
        assert capsys.readouterr().out == eager


def checked_mean(x):
    assert x.size > 0, "empty input"
    m = x.mean()
    assert m < 10, "mean too large"
    return m


def test_assert_passes_and_fails_like_python():
    ok = np.array([1.0, 2.0])
    assert ag.stage(checked_mean)(ok) == checked_mean(ok)
    bad = np.array([20.0, 30.0])
    with pytest.raises(AssertionError, match="mean too large"):
        checked_mean(bad)
    staged = ag.stage(checked_mean)
    with pytest.raises(AssertionError, match="mean too large"):
        staged(bad)
    with pytest.raises(AssertionError, match="mean too large"):
        staged(bad)  # cached path
    assert staged(ok) == 1.5  # a failure does not poison later calls


def test_python_assert_on_static_values_runs_at_trace_time():
    with pytest.raises(AssertionError, match="empty input"):
        ag.stage(checked_mean)(np.zeros(0))


def test_nothing_printed_after_a_failed_assert(capsys):
    def f(x):
        assert x.sum() < 0, "must be negative"
        print("after", x)
        return x
    with pytest.raises(AssertionError, match="must be negative"):
        ag.stage(f)(np.ones(2))
    assert capsys.readouterr().out == ""


def countdown(n, c):
    # print() of Python values only: staged like any print in a staged function, so it
    # runs when and as often as the compiled code runs that code -- at the top level too
    # (every call prints, as the numpy function does).
    print("tracing")
    while n > 0:
        print("tick")
        n = n - 1
    if c > 0:
        print("up", 1, sep="-")
    else:
        print("down", end="!\n")
    return n


@pytest.mark.parametrize("c", [1, -1])
@pytest.mark.parametrize("n", [0, 1, 3])
@pytest.mark.parametrize("path", ["python", "staged"])
def test_print_of_python_values_under_staged_control_flow(capsys, path, n, c):
    expected = countdown(n, c)
    eager = capsys.readouterr().out.splitlines()
    args = (n, c) if path == "python" else (np.array(n), np.array(c))
    staged = ag.stage(countdown)
    for call in range(3):  # the trace, the Python path, then the C dispatcher
        got = staged(*args)
        assert got == expected
        out = capsys.readouterr().out.splitlines()
        assert out == eager, out  # every call, in order, on both call paths


SHADOWING_MODULE = """
import numpy as np


def print(*args):
    pass


def range(n):
    return [n, n]


def f(x):
    print("x is", x)
    for k in range(3):
        x = x + k
    return x
"""


def test_globals_named_print_and_range_are_the_users(tmp_path, capsys):
    """A module's own print and range are what its functions call, staged too."""
    import importlib.util
    path = tmp_path / "shadowing.py"
    path.write_text(SHADOWING_MODULE)
    spec = importlib.util.spec_from_file_location("shadowing", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.f(np.ones(2))
    staged = ag.stage(module.f)
    for _ in range(2):
        np.testing.assert_array_equal(staged(np.ones(2)), expected)
    assert capsys.readouterr().out == ""  # (ag's staged print printed "x is [1. 1.]")
