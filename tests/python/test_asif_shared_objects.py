"""Names a staged if or loop leaves bound to one object are one object after it: a
write through one name shows in every other (numpy's reference semantics), also when on
other paths the names are different arrays from before the statement.

Variants of fuzz seed 50 #3278 and #1174, whose repros (tests/fuzz/repros/wrong_e4bf4263.py,
wrong_19f04166.py) test_repros.py runs."""

import numpy as np
import pytest

import ag
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


@pytest.mark.parametrize("start", [1.0, 50.0, 200.0])  # several, one and zero iterations
def test_while_loop_writing_its_entry_then_binding_two_names(start):
    check_asif(while_loop_writes_entry_then_binds_two, np.full(3, start / 3), np.ones(3))


@pytest.mark.parametrize("start", [0.0, 1.0])  # the if never / always taken
def test_range_loop_binding_two_names_under_a_staged_if(start):
    check_asif(range_loop_binds_two_under_staged_if, np.full(3, start), np.ones(3))


def view_of_entry_under_break(a0, a1):
    # fuzz seed 54 #6167: with a staged `break` flag, the rest of the body is a staged
    # if, so a0 is an Either whose one path is a view of a0 from the iteration's start
    # (numpy: a view of the argument after every iteration); the write through it was
    # dropped. ag does not follow which view that is: the later use is an ag error.
    t1 = a0 ** 1.5
    for _ in t1:
        if a1.ndim == 1:
            break
        a0 = a0[2::-1]
    v14 = a0[-2:2]
    v14[0] *= 0.5
    return t1


def test_a_view_of_the_entry_object_on_one_path_of_the_body_is_refused():
    with pytest.raises(ag.AgUnsupportedError, match="'a0' is, after a staged loop, a "
                       "view of an array from before the loop that its body binds it to"):
        ag.stage(view_of_entry_under_break)(np.ones(2, np.float32), np.ones((2, 1)))


def view_of_an_inner_loops_name(a0, write):
    # Fuzz seed 60 #7217: the inner staged loop leaves `t1` an Either (a0 itself, or a0
    # if it ran zero times); `t2 = t1[:]` is a view of a0 after the outer loop. The
    # outer loop carried it as a value: the write through a0.T below was not seen in it.
    t1 = a0
    for _ in range(8):
        for _ in range(9):
            t1 = a0
        t2 = t1[:]
    if write:
        v14 = a0.T
        v14[1] *= 3.0
    return t2


def test_a_view_through_an_inner_loops_either_is_numpys_when_its_array_is_written():
    # (The outer loop runs in Python: t2 is a view of t1's array made in its body.)
    check_asif(view_of_an_inner_loops_name, np.ones((2, 3), np.float32), True)


def test_a_view_through_an_inner_loops_either_reads_its_array():
    check_asif(view_of_an_inner_loops_name, np.arange(6.0).reshape(2, 3), False)


# Names one object at the start of every iteration of a staged loop (fuzz seed 62 #1587,
# tests/fuzz/repros/wrong_5b193e9e.py): each was loaded as its own object, so the writes
# through one name were lost to the other after the first iteration.

def loop_rebinds_two_names_to_one(a0):
    t1 = a0
    for _ in range(9):
        t1[0, :2] *= 0.5
        a0 = a0 * 1.0
        t1 = a0
    return t1


def loop_writes_through_the_other_name(a0):
    t1 = a0
    for _ in range(5):
        a0[1] += 1.0
        a0 = a0 * 2.0
        t1 = a0
    return t1


def loop_rebinds_three_names_to_one(a0):
    t1 = a0
    t2 = a0
    for _ in range(4):
        t2[0, 1] += 3.0
        t1[0, 0] += 1.0
        a0 = a0 * 1.0
        t1 = a0
        t2 = t1
    return t1, t2, a0


def while_loop_rebinds_two_names_to_one(a0):
    t1 = a0
    k = a0.sum() * 0
    while k < 4:
        t1[0, 0] += 1.0
        a0 = a0 + 0.0
        t1 = a0
        k = k + 1
    return t1


def staged_count_loop_rebinds_two_names_to_one(a0, n):
    t1 = a0
    for _ in range(n):
        t1[0, :2] *= 0.5
        a0 = a0 * 1.0
        t1 = a0
    return t1, a0


def loop_makes_two_arrays_one(a0):
    # One object from the second iteration on only: the first is peeled.
    t1 = a0.copy()
    for _ in range(5):
        t1[0, :2] *= 0.5
        a0 = a0 * 1.0
        t1 = a0
    return t1, a0


def loop_binds_two_names_to_one_on_some_paths(a0, n):
    t1 = a0
    for i in range(n):
        t1[0, :2] *= 0.5
        a0 = a0 * 1.0
        if a0.sum() > i:
            t1 = a0
    return t1, a0


@pytest.mark.parametrize("fn", [loop_rebinds_two_names_to_one,
                                loop_writes_through_the_other_name,
                                loop_rebinds_three_names_to_one,
                                while_loop_rebinds_two_names_to_one,
                                loop_makes_two_arrays_one])
def test_names_one_object_at_each_iterations_start_see_each_others_writes(fn):
    check_asif(fn, np.ones((2, 2), np.float32))


@pytest.mark.parametrize("n", [0, 1, 5])
def test_names_one_object_in_a_staged_count_loop(n):
    check_asif(staged_count_loop_rebinds_two_names_to_one, np.ones((2, 2), np.float32),
               np.int64(n))


def test_names_one_object_on_some_paths_run_a_python_range_loop_in_python():
    check_asif(loop_binds_two_names_to_one_on_some_paths, np.ones((2, 2), np.float32), 5)


def test_names_one_object_on_some_paths_of_a_staged_count_loop_are_refused():
    with pytest.raises(ag.AgUnsupportedError, match="'a0' and variable 't1' are one "
                       "array after some iterations of a staged for loop"):
        ag.stage(loop_binds_two_names_to_one_on_some_paths)(
            np.ones((2, 2), np.float32), np.int64(5))


def one_array_twice(x):
    y = x * 2
    return y, y


def one_object_after_a_loop(a0, n):
    t1 = a0
    for _ in range(n):
        t1[0] += 1.0
        a0 = a0 * 1.0
        t1 = a0
    return t1, a0


@pytest.mark.parametrize("fn, args", [
    (one_array_twice, (np.ones(3),)),
    (one_object_after_a_loop, (np.ones(3), 4)),  # a Python range
    (one_object_after_a_loop, (np.ones(3), np.int64(3))),  # a staged count
    (one_object_after_a_loop, (np.ones(3), np.int64(0)))])
def test_one_object_returned_twice_is_one_array(fn, args):
    # numpy returns one array twice: a write through one result shows in the other.
    staged = check_asif(fn, *args)
    for _ in range(2):
        first, second = staged(*[np.copy(a) if isinstance(a, np.ndarray) else a
                                 for a in args])[:2]
        assert first is second


# A reshape of a view of a name a staged if may rebind (fuzz seed 64 #6501,
# tests/fuzz/repros/wrong_cf8df448.py): numpy copies when the view's strides do not allow
# a view; ag took the name's layout as unknown and its views' as C order (a view).

def reshape_of_a_slice_of_a_rebound_name(a0, c):
    t3 = -a0
    p0 = t3
    if c.sum() > 100:
        p0 = -p0
    t6 = p0[2::-2].reshape(-1)  # numpy: a copy (rows 2 and 0 are not contiguous)
    t7 = p0[1:3].reshape(-1)  # numpy: a view of whichever array p0 is
    t3[...] = a0
    return t6, t7


@pytest.mark.parametrize("scale", [1.0, 1000.0])  # the if not taken / taken
def test_reshape_of_a_view_through_a_staged_if_is_numpys_copy_or_view(scale):
    check_asif(reshape_of_a_slice_of_a_rebound_name, np.ones((5, 3), np.float32),
               np.full(3, scale))


def reshape_of_differing_layouts(a0, c):
    t3 = -a0
    p0 = t3
    if c.sum() > 100:
        p0 = t3[:, ::-1]  # another layout on this path
    t6 = p0[2::-2].reshape(-1)
    t3[...] = a0
    return t6


def test_reshape_of_a_view_of_differing_layouts_is_a_clear_error_when_written():
    with pytest.raises(ag.AgUnsupportedError, match="layout is known only at run time"):
        ag.stage(reshape_of_differing_layouts)(np.ones((5, 3), np.float32), np.ones(3))


# A name that is one object with another on one path of a staged if and of another dtype
# on the other path (a Divergent after it): a write through it reaches the other name.
# Fuzz seed 65 #3379 (repro tests/fuzz/repros/wrong_c3c2b2eb.py): ag -2, numpy 2.
def divergent_shares_with_a_name_in_then(a0, a1):
    t1 = a1 ** 1
    if np.sum(t1):
        a1 = ~t1
        t1 = a1
    else:
        a0[0, :2] = a0[1, 1]
    a1[-3] = 2
    return t1, a1, a0


def divergent_shares_with_a_name_bound_first(a0, a1):
    t1 = a1 ** 1
    if np.sum(t1):
        t1 = ~t1
        a1 = t1
    a1[0] = 5
    return t1, a1


def divergent_shares_with_a_name_in_else(a0, a1):
    t1 = a1 ** 1
    if np.sum(t1) == 0:
        a0 += 1.0
    else:
        a1 = -t1
        t1 = a1
    a1[1] = 7
    t1[2] += 3
    return t1, a1


@pytest.mark.parametrize("fn", [divergent_shares_with_a_name_in_then,
                                divergent_shares_with_a_name_bound_first,
                                divergent_shares_with_a_name_in_else])
@pytest.mark.parametrize("fill", [True, False])  # the if taken / not taken
def test_a_divergent_name_sharing_a_branchs_array_sees_writes_through_it(fn, fill):
    check_asif(fn, np.ones((3, 4)), np.full(3, fill))


# One path binds two names to one new array; on the other, one of them is an object a
# staged loop (or if) in that branch chose (an Either whose paths the if follows): the
# names are still one object on the first path. Fuzz seed 66 #798 (repro
# tests/fuzz/repros/wrong_f932a61c.py): the write through t1 was lost to a0.
def shared_on_one_path_loop_either_on_the_other(a0):
    t1 = a0
    if np.sum(a0):
        t1 = np.minimum(a0, 0.001)
        a0 = t1
    else:
        for _ in range(9):
            t1 = a0
    t1[:] = -a0
    return a0, t1


def shared_on_one_path_if_either_on_the_other(a0, c):
    t1 = a0
    b = a0 * 2
    if np.sum(a0) > 0:
        t1 = np.minimum(a0, 0.5)
        a0 = t1
    else:
        if c.sum() > 0:
            t1 = b
    t1[0] = 9.0
    a0[1] += 1.0
    return a0, t1, b


@pytest.mark.parametrize("value", [1.0, 0.0, -1.0])
def test_names_shared_on_one_path_and_an_inner_either_on_the_other(value):
    check_asif(shared_on_one_path_loop_either_on_the_other, np.full((2, 3), value))
    for c in (1.0, -1.0):
        check_asif(shared_on_one_path_if_either_on_the_other, np.full((2, 3), value),
                   np.array([c]))


# Two names one object when a staged loop starts; the body rebinds both to one new array
# under a staged if and leaves both on the other path: one object on every path, so
# one object after the loop (fuzz seed 68 #6553, repro wrong_7b70f5ac.py).
def loop_rebinds_both_under_a_staged_if(a0, n):
    t1 = a0
    for _ in range(n):
        if np.sum(t1) > -1:
            a0 = np.abs(a0) + 1
            t1 = a0
        else:
            a0 = a0
    a0 -= 2
    return t1, a0


@pytest.mark.parametrize("n", [0, 1, 6, 12])
@pytest.mark.parametrize("sign", [1, -1])
def test_names_one_object_on_every_path_of_a_loop_stay_one(n, sign):
    check_asif(loop_rebinds_both_under_a_staged_if, sign * np.array([-3, 7]), np.int64(n))
    check_asif(loop_rebinds_both_under_a_staged_if, sign * np.array([-3, 7]), n)


# A converted `break` under a Python condition that never holds leaves its flag a Python
# False: the loop keeps it a Python value, so `t1 = t4` after it runs on every path and
# t1 is t4 after the loop (fuzz seed 68 #3878, repro wrong_b16d0ceb.py). Carried as a
# staged bool it made `t1 = t4` a staged if, and the write through t1 missed t4.
def loop_with_a_break_that_never_runs(a0, a1, n):
    t1 = a1
    t4 = t1
    for _ in range(n):
        t4 = ~t4
        if a0.shape[0] > 3:
            break
        t1 = t4
    t1[1::2, None] *= False
    return t4, t1


# The same with the break under a staged condition: the flag is carried after all.
def loop_with_a_staged_break(a0, a1, n):
    t1 = a1
    t4 = t1
    for i in range(n):
        t4 = ~t4
        if a0.sum() > i:
            break
        t1 = t4
    t1[1::2, None] *= False
    return t4, t1


@pytest.mark.parametrize("fn", [loop_with_a_break_that_never_runs,
                                loop_with_a_staged_break])
@pytest.mark.parametrize("n", [0, 1, 9, 12])
@pytest.mark.parametrize("total", [0, 3, 20])
def test_a_break_flag_a_loop_leaves_unchanged_stays_python(fn, n, total):
    a0 = np.zeros((2, 3), np.int32)
    a0.flat[:total] = 1
    a1 = (np.arange(6) - 3).reshape((2, 3)).astype(np.bool_)
    check_asif(fn, a0, a1, np.int64(n))
    check_asif(fn, a0, a1, n)


# The body binds t1 to t4's new array on some paths (a `continue` skips it on others):
# after the loop t1 is t4's object where the last iteration bound it (carried._Plan.joins).
def loop_binds_a_name_to_anothers_array_on_some_paths(a0, c, n):
    t1 = a0
    t4 = a0
    for i in range(n):
        t4 = t4 + 1
        if c.sum() > i:
            continue
        t1 = t4
    t1[0] = 9
    return t4, t1


# A swap under a staged if shares the two arrays, but never on one path: two objects.
def loop_swaps_under_a_staged_if(a, b, c, n):
    for i in range(n):
        if c.sum() > i:
            a, b = b, a
        a = a + 1
    a[0] = 7
    return a, b


@pytest.mark.parametrize("n", [0, 1, 4, 12])
@pytest.mark.parametrize("c", [0.0, 2.0, 300.0])
def test_a_name_bound_to_anothers_array_on_some_paths_is_it_after_the_loop(n, c):
    for count in (np.int64(n), n):
        check_asif(loop_binds_a_name_to_anothers_array_on_some_paths, np.zeros(3),
                   np.float64(c), count)
        check_asif(loop_swaps_under_a_staged_if, np.zeros(3), np.ones(3), np.float64(c),
                   count)


# t1 a view of t4's new array on some paths: numpy's t1 is that view after the loop,
# which ag does not follow -- a Python range runs in Python, a staged one is an ag error
# when t1 is written (or read after t4 changed), never a different result.
def loop_binds_a_view_of_anothers_array_on_some_paths(a0, c, n):
    t1 = a0
    t4 = a0
    for i in range(n):
        t4 = t4 + 1
        if c.sum() > i:
            continue
        t1 = t4[::-1]
    t4[0] = 9
    return t4, t1


@pytest.mark.parametrize("c", [0.0, 2.0, 300.0])
def test_a_view_of_anothers_array_on_some_paths_is_numpys_or_an_error(c):
    check_asif(loop_binds_a_view_of_anothers_array_on_some_paths, np.zeros(3),
               np.float64(c), 12)
    with pytest.raises(ag.AgUnsupportedError, match="'t1' is, after a staged loop, a view "
                       "of 't4' where the last iteration bound it to one"):
        ag.stage(loop_binds_a_view_of_anothers_array_on_some_paths)(
            np.zeros(3), np.float64(c), np.int64(12))


# Three names, each one object with another on some paths (joins of every pair), and
# the same under a staged while.
def loop_chains_three_names_on_some_paths(a, c, n):
    t1 = a
    t2 = a
    t4 = a
    for i in range(n):
        t4 = t4 * 2
        if c.sum() > i:
            t2 = t4
            continue
        t1 = t2
    t1[0] = 9
    t2[1] = 5
    return t4, t1, t2


def while_binds_a_name_to_anothers_array_on_some_paths(a, c, n):
    t1 = a
    t4 = a
    i = 0
    while i < n:
        t4 = t4 + 1
        i += 1
        if c.sum() > i:
            t1 = t4
    t4[0] = -1
    return t4, t1


@pytest.mark.parametrize("n", [0, 1, 3, 12])
@pytest.mark.parametrize("c", [0.0, 2.0, 300.0])
def test_names_one_object_on_some_paths_of_a_loop_are_joined(n, c):
    for count in (np.int64(n), n):
        check_asif(loop_chains_three_names_on_some_paths, np.zeros(3), np.float64(c),
                   count)
        check_asif(while_binds_a_name_to_anothers_array_on_some_paths, np.zeros(3),
                   np.float64(c), count)
