"""Names a staged if or loop leaves bound to one object are one object after it: a
write through one name shows in every other (numpy's reference semantics), also when on
other paths the names are different arrays from before the statement.

From fuzz seed 50 (#3278, #1174), whose repros are tests/fuzz/repros/wrong_e4bf4263.py and
wrong_19f04166.py."""

import numpy as np
import pytest

from _asif import check_asif


def if_then_shares_else_keeps_two(x, y, z):
    a = x
    b = y
    if z.sum() > 0:
        n = z * 2
        a = n
        b = n
    a += 1
    return a, b


def if_both_branches_share(x, z):
    a = x
    if z.sum() > 0:
        n = z * 2
        a = n
        b = n
    else:
        m = z * 3
        a = m
        b = m
    a += 1
    return a, b


def if_then_shares_else_new_and_before(x, y, z):
    a = x
    b = y
    if z.sum() > 0:
        n = z * 2
        a = n
        b = n
    else:
        a = z * 3
    a += 1
    return a, b


def if_else_shares(x, y, z):
    a = x
    b = y
    if z.sum() > 0:
        a = z - 1
    else:
        n = z + 4
        b = n
        a = n
    b *= 3
    return a, b


@pytest.mark.parametrize("fn", [if_then_shares_else_keeps_two,
                                if_then_shares_else_new_and_before, if_else_shares])
@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_names_bound_to_one_new_array_in_a_branch(fn, sign):
    check_asif(fn, np.zeros(3), np.ones(3), sign * np.ones(3))


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_names_bound_to_one_new_array_in_each_branch(sign):
    check_asif(if_both_branches_share, np.zeros(3), sign * np.ones(3))


def list_element_then_if_then_helper(a0):
    # seed 50 #1174: after the if, t1 and t2 are one object on both paths (the list's
    # element before it, or the then branch's new array); the helper writes it.
    t1 = np.isfinite(a0)
    t2 = t1
    items = []
    for _ in range(5):
        items.append(t2)
    if np.sum(items[1]):
        t2 = np.invert(t1 <= t1)
        t1 = t2
    _add_in_place(t1, t2)
    return t2


def _add_in_place(p0, p1):
    p0 += p1 >= -2147483648


def test_list_element_if_and_in_place_helper():
    check_asif(list_element_then_if_then_helper,
               np.array([[1e30, -2.0], [0.5, -2.0], [0.0, 1e30], [1.75, 2.75]], np.float32))


def range_loop_writes_entry_then_binds_two(a0, a1):
    # seed 50 #3278: the first iteration writes the argument through t1; the body then
    # binds t1 and a0 to one new array, so `a0 -= t1` zeroes both names.
    t1 = a0
    for _ in range(9):
        t1[:2:1, ...] -= t1
        t1 = t1 - a1
        a0 = t1
    y7 = t1
    a0 -= t1
    return y7


def while_loop_writes_entry_then_binds_two(x, y):
    t = x
    u = x
    i = x.sum()
    while i < 100:
        t[:1] += 1
        t = t * 0.5 + y
        u = t
        i += 10
    u *= 2
    return t, u


def range_loop_binds_two_under_staged_if(x, y):
    t = x
    u = y
    for _ in range(10):
        if t.sum() > 3:
            t = t + 1
            u = t
    u += 1
    return t, u


def test_range_loop_writing_its_entry_then_binding_two_names():
    check_asif(range_loop_writes_entry_then_binds_two,
               np.ones((2, 3), np.float32), np.ones(3, np.float32))


@pytest.mark.parametrize("start", [1.0, 50.0, 200.0])  # several, one and zero iterations
def test_while_loop_writing_its_entry_then_binding_two_names(start):
    check_asif(while_loop_writes_entry_then_binds_two, np.full(3, start / 3), np.ones(3))


@pytest.mark.parametrize("start", [0.0, 1.0])  # the if never / always taken
def test_range_loop_binding_two_names_under_a_staged_if(start):
    check_asif(range_loop_binds_two_under_staged_if, np.full(3, start), np.ones(3))
