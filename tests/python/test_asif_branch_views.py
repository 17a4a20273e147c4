"""Views a staged if's branch takes of an Either it made itself (an if inside it, the
converter's return and break guards): numpy's name is then a view of the arrays from
before the if. A view of all of such an Either (`a = a[:]`, `a[0:2]` of 1 row) is that
Either after the if -- a write to the array from before shows in it -- and a partial
one (`a[:, ::-1]`) is an ag error when it matters, never a stale copy.

Fuzz seed 69 #2800 (tests/fuzz/repros/wrong_00e3591d.py): `a1 = a1[0:2]` under an inner
loop's return guard, then `t2 += a1` with t2 the same array, lost the doubling after a
few iterations."""

import numpy as np
import pytest

import ag
from _asif import check_asif


def whole_view_under_two_ifs(a0, a1, stop):
    t2 = a1
    if not stop:
        if not stop:
            a1 = a1[:]
        if not stop:
            a1 = a1[:]
    t2 += a1
    first = a1[0, 0] * 1
    t2 += a1
    return first, a1 * 1


def whole_view_after_an_inner_if(a0, a1, stop):
    t2 = a1
    if not stop:
        if not stop:
            a1 = a1[:]
        a1 = a1[0:2]
    t2 += a1
    return a1 * 1


def guards_in_loops(a0, a1):
    # What the converter makes of a `return` in an inner loop (fuzz seed 69 #2800).
    t2 = a1
    for _ in range(5):
        for _ in range(2):
            if a0.mean() < 0.5:
                return a0
            a1 = a1[0:2]
        t2 += a1
    return a0


def _stop(kind, value):
    return value if kind == "python" else np.bool_(value)


@pytest.mark.parametrize("kind", ["python", "staged"])
@pytest.mark.parametrize("stop", [False, True])
@pytest.mark.parametrize("fn", [whole_view_under_two_ifs, whole_view_after_an_inner_if])
def test_a_view_of_all_of_a_branchs_either_sees_later_writes(fn, stop, kind):
    check_asif(fn, np.ones((5, 4), np.int32), np.ones((1, 4), np.float32),
               _stop(kind, stop))


@pytest.mark.parametrize("fill", [1, 0])
def test_views_under_the_return_guards_of_inner_loops(fill):
    check_asif(guards_in_loops, np.full((5, 4), fill, np.int32),
               np.ones((1, 4), np.float32))


def partial_view_after_an_inner_if(a0, a1, stop):
    t2 = a1
    if not stop:
        if not stop:
            a1 = a1[:]
        a1 = a1[:, ::-1]
    t2 += 1
    return a1 * 1


def test_a_partial_view_of_a_branchs_either_is_an_error_when_its_array_changes():
    check_asif(partial_view_after_an_inner_if, np.ones((5, 4), np.int32),
               np.ones((1, 4), np.float32), False)  # (Python ifs: plain numpy)
    with pytest.raises(ag.AgUnsupportedError, match="a view of an array from before the "
                       "if that a branch took through an if of its own"):
        ag.stage(partial_view_after_an_inner_if)(
            np.ones((5, 4), np.int32), np.ones((1, 4), np.float32), np.bool_(False))


# Fuzz seed 71 #4380: `a2 = a1.reshape(3, 1)` in a staged if, a1 an Either of a strided
# argument and a new array (layouts known only at run time): ag cannot follow numpy's
# view, so the reshape is a copy that errors when read after a1 changes -- but the if's
# result standing for it lost that mark, and a2 came back stale (ag -683606016, numpy 0).
def unknown_layout_reshape_in_a_branch(a0, a1, a2, write):
    t1 = a1[1::2]
    if np.sum(a1) > 7:
        a1 = (a0[:, 0] > 0).astype(np.int32)
    for _ in range(3):
        if write:
            t1 *= 2
        if np.sum(t1) > -10:  # (the first two steps: the last one writes after it)
            a2 = a1.reshape(3, 1)
    return a2 * 1


def _strided():
    return np.repeat(np.array([-1, -3, 6], dtype=np.int32), 2)[::2]


def test_an_unfollowed_object_stays_unfollowed_through_a_staged_if():
    args = (np.ones((3, 2), np.float32), _strided(), np.ones((3, 1), np.int32))
    check_asif(unknown_layout_reshape_in_a_branch, *args, False)
    with pytest.raises(ag.AgUnsupportedError, match="reshape of an array whose layout is "
                       "known only at run time"):
        ag.stage(unknown_layout_reshape_in_a_branch)(*args, True)


def unknown_layout_reshape_in_a_loop(a0, a1, n):
    if np.sum(a1) > 7:
        a1 = (a0[:, 0] > 0).astype(np.int32)
    a2 = a1.reshape(3, 1)
    for _ in range(n):
        a2 = a1.reshape(3, 1)
    a1[1] = 5
    return a2 * 1


def test_an_unfollowed_object_stays_unfollowed_through_a_staged_loop():
    with pytest.raises(ag.AgUnsupportedError, match="reshape of an array whose layout is "
                       "known only at run time"):
        ag.stage(unknown_layout_reshape_in_a_loop)(np.ones((3, 2), np.float32),
                                                   _strided(), np.int64(4))


# The same through a Divergent (t of another dtype on the other path): its side for
# this path carries the mark (on the other path ag cannot tell it apart while tracing).
def unknown_layout_reshape_divergent(a0, a1, c):
    if np.sum(a1) > 7:
        a1 = (a0[:, 0] > 0).astype(np.int32)
    t = a1 * 1.5
    if c.sum() > 0:
        t = a1.reshape(3, 1)[:, 0]
    a1[1] = 5
    return t * 1


@pytest.mark.parametrize("c", [1.0, -1.0])
def test_an_unfollowed_object_stays_unfollowed_through_a_divergent(c):
    with pytest.raises(ag.AgUnsupportedError, match="reshape of an array whose layout is "
                       "known only at run time"):
        ag.stage(unknown_layout_reshape_divergent)(np.ones((3, 2), np.float32), _strided(),
                                                   np.array([c]))


# Fuzz seed 72 #2309: a loop inside a staged if joins t2 to t1 on some paths (a staged
# `continue` skips `t2 = t1`); after the if the two names are one array only where the
# branch's own condition held, which the if's merge cannot say: an ag error, where the
# write through t2 used to miss t1 (ag 4, numpy 41). (Python conditions: plain numpy.)
def loop_joins_names_inside_a_staged_if(a0, c):
    t1 = a0
    t2 = a0
    if c:
        for _ in range(9):
            t1 = np.negative(t1)
            if np.all(t1):
                continue
            t2 = t1
    t2[:] = t2 @ t1
    return t1


def nested_if_binds_a_name_on_some_paths(x, c, d):
    a = x
    b = x * 3
    if c:
        n = x * 2
        a = n
        if d:
            b = n
    a += 1
    return a, b


def test_names_one_array_on_some_paths_of_a_branch_are_an_error():
    a0 = np.array([-4, 0, 5])
    check_asif(loop_joins_names_inside_a_staged_if, a0, True)
    with pytest.raises(ag.AgUnsupportedError, match="variable 't1' and variable 't2' are "
                       "one array on some paths of a branch of a staged if"):
        ag.stage(loop_joins_names_inside_a_staged_if)(a0, np.bool_(True))
    x = np.arange(3.0)
    for c, d in ((True, True), (True, False), (False, True)):
        check_asif(nested_if_binds_a_name_on_some_paths, x, c, d)
    with pytest.raises(ag.AgUnsupportedError, match="variable 'a' and variable 'b' are "
                       "one array on some paths"):
        ag.stage(nested_if_binds_a_name_on_some_paths)(x, np.bool_(True), np.bool_(True))
