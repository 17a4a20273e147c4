"""Arrays whose size is known only when the compiled code runs (issue 11).

A failed allocation is numpy's MemoryError, never a segfault: the runtime abandons the
call at the allocation that failed (backends/cpu/Memory.cpp), frees the buffers it held,
and raises after it; the process goes on and later calls are unaffected. Sizes numpy
rejects before allocating are its ValueErrors: negative dims, and byte counts that
overflow (the compiled code then allocates nothing). Both call paths each time.
"""

import os

import numpy as np
import pytest

import ag

from _numerics_helpers import check_paths, raises_on_paths
from _reference import run_in_threads

HUGE = 2**40  # 8 TiB of float64: more than any machine here can allocate


def ones(n):
    return np.ones(n)


def zeros2(n, m):
    return np.zeros((n, m), np.int32)


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_failed_allocation_is_memory_error():
    staged = ag.stage(ones)
    with pytest.raises(MemoryError):
        ones(np.array(HUGE))
    error = raises_on_paths(staged, (np.array(HUGE),), MemoryError, "Unable to allocate",
                            "8.00 TiB", "'ones'")
    assert isinstance(error, ag.errors.AgMemoryError)
    np.testing.assert_array_equal(staged(np.array(3)), np.ones(3))  # process alive
    assert staged.trace_count == 1


def test_size_from_staged_values():
    def from_values(x):
        return np.zeros(int(x.sum()), np.float32) + 1
    staged = ag.stage(from_values)
    raises_on_paths(staged, (np.array([2.0**40, 2.0**40]),), MemoryError)
    check_paths(from_values, np.array([1.0, 2.0]))
    check_paths(from_values, np.array([0.0]))


def test_two_dims_that_multiply_past_memory():
    staged = ag.stage(zeros2)
    raises_on_paths(staged, (np.array(2**20), np.array(2**20)), MemoryError)
    check_paths(zeros2, np.array(2), np.array(3))
    check_paths(zeros2, np.array(0), np.array(2**62))  # empty: nothing to allocate


@pytest.mark.parametrize("n", [-1, -(2**40)])
def test_negative_size_is_value_error(n):
    error = check_paths(ones, np.array(n))
    assert "negative dimensions are not allowed" in str(error)


@pytest.mark.parametrize("n, m", [(-1, 5), (5, -1), (0, -1), (2**40, -3)])
def test_negative_dims_of_two(n, m):
    check_paths(zeros2, np.array(n), np.array(m))


@pytest.mark.parametrize("n, m", [(2**31, 2**31), (2**62, 1), (2**61, 2), (2**32, 2**31)])
def test_byte_counts_that_overflow_are_value_error(n, m):
    """numpy's 'array is too big' (the byte count would wrap; the compiled code must not
    allocate the wrapped size and write past it)."""
    error = check_paths(zeros2, np.array(n), np.array(m))
    assert "array is too big" in str(error)
    check_paths(ones, np.array(2**61))
    check_paths(lambda n: np.ones((n, n, n)), np.array(2**21))


def test_just_below_the_overflow_is_memory_error():
    # (2**60 - 1) * 8 bytes fits an int64: numpy tries, and cannot allocate.
    raises_on_paths(ag.stage(ones), (np.array(2**60 - 1),), MemoryError)


def test_buffers_of_the_abandoned_call_are_freed():
    def work_then_fail(x, n):
        a = x * 2.0  # a result: materialised (8 MB) before the failing allocation
        return a, np.ones(n) + a.sum()
    staged = ag.stage(work_then_fail)
    x = np.ones(1 << 20)
    staged(x, np.array(2))
    staged(x, np.array(2))
    before = rss_bytes()
    for _ in range(40):
        with pytest.raises(MemoryError):
            staged(x, np.array(HUGE))
    grown = rss_bytes() - before
    assert grown < 100 << 20, f"RSS grew by {grown >> 20} MiB over 40 failed calls"
    a, b = staged(x, np.array(2))
    np.testing.assert_array_equal(b, np.full(2, 1.0 + 2.0 * (1 << 20)))


def test_failure_inside_a_staged_loop():
    def grow(n):
        total = np.float64(0)
        for i in range(n):
            total = total + np.ones(i * 2**38).sum()
        return total
    staged = ag.stage(grow)
    raises_on_paths(staged, (np.array(3),), MemoryError)
    assert staged(np.array(1)) == 0.0
    with pytest.raises(MemoryError):
        grow(np.array(3))


def test_a_failure_reported_before_the_allocation_wins():
    """numpy would have stopped at the failed assert, before allocating."""
    def checked(x, n):
        assert x.sum() > 0, "x must be positive"
        return np.ones(n)
    staged = ag.stage(checked)
    raises_on_paths(staged, (np.array([-1.0]), np.array(HUGE)), AssertionError,
                    "x must be positive")
    raises_on_paths(staged, (np.array([1.0]), np.array(HUGE)), MemoryError)


def test_prints_before_the_failure_stay_and_nothing_leaks_into_the_next(capsys):
    def noisy(x, n):
        print("x is", x)
        return np.ones(n) * x
    staged = ag.stage(noisy)
    with pytest.raises(MemoryError):
        staged(np.array(5.0), np.array(HUGE))
    capsys.readouterr()
    staged(np.array(6.0), np.array(2))
    assert capsys.readouterr().out == "x is 6.0\n"


def test_failures_in_one_thread_leave_others_alone():
    staged_fail = ag.stage(ones)
    staged_ok = ag.stage(lambda x: np.sqrt(x * x + 1.0).sum())
    x = np.arange(10000.0)
    want = np.sqrt(x * x + 1.0).sum()
    staged_fail(np.array(1))
    staged_ok(x)

    def worker(kind):
        for _ in range(20):
            if kind == "fail":
                with pytest.raises(MemoryError):
                    staged_fail(np.array(HUGE))
            else:
                np.testing.assert_allclose(staged_ok(x), want)
    run_in_threads(worker, ["fail", "ok", "fail", "ok"])
