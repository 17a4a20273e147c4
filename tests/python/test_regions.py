"""The tracer's regions API (scf.if / scf.while) through ag.control, on both dispatch
paths: Python values run plain Python, staged values
record regions. Each staged result is compared with the plain-Python run."""

import numpy as np
import pytest

import ag
from ag import control


def both(fn, *args):
    """Runs fn eagerly (Python dispatch) and staged; returns (eager, staged)."""
    return fn(*args), ag.stage(fn)(*args)


def _check(eager, staged):
    if isinstance(eager, tuple):
        assert len(eager) == len(staged)
        for e, s in zip(eager, staged):
            _check(e, s)
        return
    assert np.asarray(staged).dtype == np.asarray(eager).dtype
    assert np.shape(staged) == np.shape(eager)
    np.testing.assert_allclose(staged, eager, rtol=1e-5, atol=1e-5)


def absdiff(x, y):
    return control.cond(x.sum() > y.sum(), lambda: x - y, lambda: y - x)


@pytest.mark.parametrize("shift", [-3.0, 0.0, 3.0])
def test_cond_both_branches(shift):
    x = np.arange(4, dtype=np.float32) + shift
    y = np.ones(4, np.float32)
    _check(*both(absdiff, x, y))
    assert "scf.if" in ag.stage(absdiff).ir(x, y)


def test_cond_python_predicate_runs_python():
    f = ag.stage(lambda x, flag: control.cond(flag, lambda: x * 2, lambda: x + 1))
    x = np.ones(3, np.float32)
    np.testing.assert_array_equal(f(x, True), x * 2)
    np.testing.assert_array_equal(f(x, False), x + 1)
    assert "scf.if" not in f.ir(x, True)


def test_cond_branch_type_mismatch_is_an_error():
    f = ag.stage(lambda x: control.cond(x.sum() > 0, lambda: x, lambda: x.astype(np.float64)))
    with pytest.raises(ag.AgValueError, match="changes type"):
        f(np.ones(3, np.float32))


def collatz_steps(n):
    def body(n, steps):
        return np.where(n % 2 == 0, n // 2, 3 * n + 1), steps + 1
    return control.while_loop(lambda n, steps: n != 1, body, (n, np.int64(0)))


@pytest.mark.parametrize("start", [1, 2, 7, 27])
def test_while_loop_runs_0_1_many_times(start):
    n = np.array(start, np.int64)
    eager = collatz_steps(start)  # Python ints: plain Python loop
    staged = ag.stage(collatz_steps)(n)
    assert int(staged[1]) == int(eager[1])
    assert "scf.while" in ag.stage(collatz_steps).ir(n)


def test_while_loop_carried_type_change_is_an_error():
    f = ag.stage(lambda x: control.while_loop(lambda v: v.sum() < 10,
                                              lambda v: (v * 0.5,), (x,)))
    with pytest.raises(ag.AgValueError, match="changes type"):
        f(np.ones(3, np.int32))


def longest_collatz(limit):
    longest = 0
    i = 1
    while i < limit:
        x = i
        steps = 0
        while x != 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            steps += 1
        if steps > longest:  # an if that only picks a value: a select of two 0-d values
            longest = steps
        i += 1
    return longest


@pytest.mark.parametrize("limit", [0, 1, 2, 30, 1000])
def test_if_picking_a_scalar_selects_without_buffers(limit):
    staged = ag.stage(longest_collatz)
    want = longest_collatz(limit)
    for _ in range(2):  # first call (trace + compile), then the C dispatcher
        got = staged(np.array(limit, np.int64))
        assert np.asarray(got).dtype == np.int64 and np.shape(got) == ()
        assert int(got) == want
    # The select runs on scalars: the only buffer is the result's, after the loops.
    ir = ag.stage(longest_collatz).ir(np.array(limit, np.int64), emit="bufferized")
    assert ir.count("memref.alloc") == 1
