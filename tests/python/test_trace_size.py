"""Tracing never grows without bound: a name that is, on some paths, a view of all of
itself costs one write per write (not two per path; likewise an object a staged if
chose among arrays that are one memory), and a trace that still grows past
AG_TRACE_LIMIT arrays is an ag error naming the loop that runs in Python, not a first
call that never returns.

Fuzz seed 64 #9019: a 17-step loop that ran in Python, whose `p0 = p0[0:, ...]` after a
staged `continue` made p0 an Either of p0 and a view of it each step, traced 3.4 million
arrays (each write through p0 wrote every earlier step's object twice)."""

import warnings

import numpy as np
import pytest

import ag
from ag import trace as ag_trace
from _asif import check_asif


def continue_then_whole_view(p0):
    for i in range(17):
        v = p0[1]
        v[:-1] *= False
        t = p0 * 1
        if np.any(np.logical_or(v, p0) > False):
            continue
        p0 = p0[0:, ...]
        if np.mean(t.T @ p0) > -1:
            continue
    return p0 * 1


def whole_views_in_ifs(x, c):
    # Straight-line code: each staged if makes p an Either of p and all of p.
    p = x
    for _ in range(20):  # a short Python range of Python work: unrolled
        if c.sum() > 0:
            p = p[...]
        p[0] += 1.0
    return p * 2, x


def reshape_to_own_shape(x, c):
    p = x
    if c.sum() > 0:
        p = p.reshape(p.shape)
    p[1] = 7.0
    return p + 1, x


def reversed_view_is_not_the_same_memory(x, c):
    # Same shape, other strides: an Either of two layouts, written through per path.
    p = x
    if c.sum() > 0:
        p = p[::-1]
    p[0] = 9.0
    return p * 1, x


def view_of_itself_under_a_nested_if(a0):
    # Fuzz seed 66 #321: each step t1 is, by the path, what it was, all of it through a
    # view (t1.T of a vector), or the if's result; both of the first two were sides of
    # the name's Either, so a write through it reached that memory twice per step.
    t1 = a0 > 0
    kept = []
    for i in range(12):  # runs in Python: `kept` grows under a staged if
        if np.sum(a0.astype(np.int32)) < 0:
            a0 = -a0
            v = t1[-1::1]
            v[:-1] = ~v[:-1]
        elif np.mean(np.square(t1)) > 1e12:
            v = t1.T
            v[0] = 5
            t1 = v
        kept.append(a0)
    t1 |= True
    return t1, kept[3]


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(ag_trace, "TRACE_ARRAY_LIMIT", 20_000)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_whole_view_after_continue_is_linear(seed, small_limit):
    # 3.4 million arrays before; now about 2,400: under a limit of 20,000.
    x = np.random.default_rng(seed).random((2, 3)) > 0.5
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ag.AgCompileWarning)
        check_asif(continue_then_whole_view, x)


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_whole_views_in_ifs(sign, small_limit):
    check_asif(whole_views_in_ifs, np.arange(6.0).reshape(2, 3), np.array([sign]))


@pytest.mark.parametrize("values", [[-1, 3, -1, 8], [-5, -3, -1, 0], [1, 2, 3, 4]])
def test_a_view_of_itself_under_a_nested_if_is_linear(values, small_limit):
    # ~1,500 arrays now; about 165,000 before (doubling per step).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ag.AgCompileWarning)
        check_asif(view_of_itself_under_a_nested_if, np.array(values, np.int32))


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_reshape_to_own_shape_writes_the_array(sign):
    check_asif(reshape_to_own_shape, np.arange(6.0).reshape(3, 2), np.array([sign]))


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_reversed_view_keeps_both_objects(sign):
    check_asif(reversed_view_is_not_the_same_memory, np.arange(4.0), np.array([sign]))


def grows_in_python(x):
    p = x
    for i in range(400):  # runs in Python: p becomes a view of the array it held
        p = p[0:, ...]
        p[0] += np.sin(p[1]) - np.cos(p[2])
    return p


def test_trace_over_the_limit_names_the_loop(monkeypatch):
    monkeypatch.setattr(ag_trace, "TRACE_ARRAY_LIMIT", 1_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ag.AgCompileWarning)
        with pytest.raises(ag.AgUnsupportedError) as info:
            ag.stage(grows_in_python)(np.ones(3))
    text = str(info.value)
    assert isinstance(info.value, ag_trace.AgTraceTooLargeError)
    assert "more than 1,000 arrays" in text
    line = grows_in_python.__code__.co_firstlineno + 2
    assert f"test_trace_size.py:{line} runs in Python while tracing because" in text
    assert "AG_TRACE_LIMIT" in text
    assert "Unstageable" not in text


def test_under_the_limit_the_same_loop_runs(monkeypatch):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ag.AgCompileWarning)
        check_asif(grows_in_python, np.linspace(0, 1, 3), calls=1)
