"""Errors of AutoGraph-converted control flow (reference tests, TF AutoGraph style).

Programs that cannot be staged raise an ag error whose text names the variable and
points at the user's file and line (never at generated code); break/continue under
staged conditions give what plain Python gives. Messages are checked with
pytest.raises(..., match=...). Errors of staged code in `try` and of global/nonlocal
writes: test_autograph_unsupported.py.
"""

import copy
import re

import numpy as np
import pytest

import ag


from _autograph_helpers import PATHS, arg, assert_same, check, where


X = np.array([1.5, -2.0, 3.25], np.float32)


# --- a variable defined in only one branch of a staged if ------------------------------------

def defined_in_if_branch_only(x, c):
    if c > 0:  # the if
        z = x * 2
    return z


def defined_in_else_branch_only(x, c):
    if c > 0:  # the if
        pass
    else:
        z = x * 2
    return z + 1


def defined_in_some_elif_branches(x, c):
    if c > 0:  # the if
        z = x
    elif c < -5:
        z = -x
    return z


@pytest.mark.parametrize("fn,branch", [(defined_in_if_branch_only, "else branch"),
                                       (defined_in_else_branch_only, "if branch"),
                                       (defined_in_some_elif_branches, "else branch")])
@pytest.mark.parametrize("c", [1, -1])
def test_variable_defined_in_one_branch_of_staged_if(fn, branch, c):
    with pytest.raises(ag.AgValueError,
                       match=where(fn, "# the if") + r": variable 'z' is not defined in the "
                       + branch + " of a staged if"):
        ag.stage(fn)(X, np.array(c))
    # Eagerly the same code works on the path that defines z.
    if (fn is defined_in_else_branch_only) == (c < 0):
        fn(X, np.array(c))


def defined_in_one_branch_not_used_after(x, c):
    y = x
    if c > 0:
        z = x * 2
        y = z + 1
    return y


@pytest.mark.parametrize("c", [1, -1])
def test_variable_defined_in_one_branch_but_not_used_after_is_fine(c):
    expected = defined_in_one_branch_not_used_after(X, np.array(c))
    got = ag.stage(defined_in_one_branch_not_used_after)(X, np.array(c))
    assert_same(got, expected)


def test_variable_defined_in_one_branch_python_condition():
    """With a Python condition the if is plain Python: Python's own NameError when the
    path that defines z is not taken, as eagerly."""
    with pytest.raises(NameError):
        defined_in_if_branch_only(X, -1)
    with pytest.raises(NameError, match="'z'"):
        ag.stage(defined_in_if_branch_only)(X, -1)
    assert_same(ag.stage(defined_in_if_branch_only)(X, 1), defined_in_if_branch_only(X, 1))


# --- a variable used after a staged loop that may run zero times -----------------------------

def defined_in_while_only(n):
    i = np.int64(0)
    while i < n:  # the loop
        last = i * 2
        i = i + 1
    return last


def defined_in_for_only(n):
    for i in range(n):  # the loop
        last = i * 2
    return last


def defined_in_for_over_rows_only(xs):
    for row in xs:  # the loop
        last = row * 2
    return last


@pytest.mark.parametrize("fn,kind", [(defined_in_while_only, "while"),
                                     (defined_in_for_only, "for")])
@pytest.mark.parametrize("n", [0, 3])
def test_variable_defined_only_inside_staged_loop(fn, kind, n):
    with pytest.raises(ag.AgValueError,
                       match=where(fn, "# the loop") + r": variable 'last' is used after a "
                       f"staged {kind} loop that may run zero times, but it is only defined "
                       "inside the loop"):
        ag.stage(fn)(np.array(n, np.int64))


def test_variable_defined_only_inside_loop_over_staged_array():
    """The rows of a staged array: the trip count is known while tracing, so a loop over
    a non-empty array defines `last` (as Python's loop would)."""
    fn = defined_in_for_over_rows_only
    xs = np.arange(6, dtype=np.float32).reshape(3, 2)
    assert_same(ag.stage(fn)(xs), fn(xs))


@pytest.mark.parametrize("fn", [defined_in_while_only, defined_in_for_only])
def test_variable_defined_only_inside_python_loop(fn):
    """A Python bound: the loop runs in Python, so Python's rules apply (an error only
    when the loop ran zero times)."""
    assert ag.stage(fn)(3) == fn(3)
    with pytest.raises(NameError):
        fn(0)
    with pytest.raises(NameError, match="'last'"):
        ag.stage(fn)(0)


# --- a loop-carried variable whose dtype or shape changes ------------------------------------

def while_dtype_change(x, n):
    i = np.int64(0)
    while i < n:  # the loop
        x = x / 2
        i = i + 1
    return x


def for_dtype_change(xs):
    acc = np.int64(0)
    for v in xs:  # the loop
        acc = acc + v
    return acc


def while_shape_change(x, n):
    i = np.int64(0)
    while i < n:  # the loop
        x = np.concatenate([x, x])
        i = i + 1
    return x


def for_shape_change(x, n):
    for i in range(n):  # the loop
        x = x[1:]
    return x


CARRIED_CHANGES = [
    (while_shape_change, (X, np.array(2)), "x", "while", r"float32\[3\] to float32\[6\]"),
    (for_shape_change, (X, np.array(2)), "x", "for", r"float32\[3\] to float32\[2\]"),
]


@pytest.mark.parametrize("fn,args,name,kind,change", CARRIED_CHANGES,
                         ids=[c[0].__name__ for c in CARRIED_CHANGES])
def test_loop_carried_variable_changes_dtype_or_shape(fn, args, name, kind, change):
    fn(*copy.deepcopy(args))  # plain numpy runs it
    with pytest.raises(ag.AgValueError,
                       match=where(fn, "# the loop") + f": variable '{name}' changes from "
                       + change + f" in a staged {kind} loop"):
        ag.stage(fn)(*args)


@pytest.mark.parametrize("fn,args", [
    (while_dtype_change, (np.array([4, 6, 8], np.int64), np.array(0))),
    (while_dtype_change, (np.array([4, 6, 8], np.int64), np.array(2))),
    (for_dtype_change, (np.array([1.5, 2.5], np.float32),)),
    (for_dtype_change, (np.zeros(0, np.float32),))])
def test_staged_loop_whose_dtype_changes_in_the_first_iteration(fn, args):
    """The first iteration is peeled (operators/loops.py): numpy's answer, whose dtype
    depends on whether the loop ran (before: an ag error naming the variable)."""
    staged = ag.stage(fn)
    for _ in range(2):
        assert_same(staged(*copy.deepcopy(args)), fn(*copy.deepcopy(args)))


def test_python_loop_may_change_dtype_and_shape():
    """With Python bounds the loops run in Python: changing dtype/shape is fine."""
    for fn, args in [(while_dtype_change, (np.array([4, 6, 8], np.int64), 2)),
                     (while_shape_change, (X, 2)), (for_shape_change, (X, 2))]:
        assert_same(ag.stage(fn)(*args), fn(*copy.deepcopy(args)))


# --- branches of a staged if that disagree ---------------------------------------------------

def branch_shapes_differ(x, c):
    if c:  # the if
        y = x
    else:
        y = x[:2]
    return y


def test_branch_shapes_differ():
    fn = branch_shapes_differ
    with pytest.raises(ag.AgValueError, match=where(fn, "# the if") + r": variable 'y' has "
                       r"shape \(3,\) in the if branch but \(2,\) in the else branch"):
        ag.stage(fn)(X, np.array(True))


def branch_python_objects_differ(x, c):
    if c:  # the if
        mode = "double"
    else:
        mode = "half"
    return x, mode


def test_branch_python_objects_differ():
    fn = branch_python_objects_differ
    with pytest.raises(ag.AgTypeError, match=where(fn, "# the if") + r": variable 'mode' is "
                       "set to a str / str in the branches of a staged if"):
        ag.stage(fn)(X, np.array(True))


# --- a staged condition that is not 0-d ------------------------------------------------------

def if_on_vector(x):
    if x > 0:  # the condition
        x = x * 2
    return x


def elif_on_vector(x, c):
    if c > 0:
        x = x + 1
    elif x > 0:  # the condition
        x = x * 2
    return x


def while_on_vector(x):
    while x > 1:  # the condition
        x = x / 2
    return x


def ternary_on_vector(x):
    return x if x > 0 else -x  # the condition


NOT_0D = [(if_on_vector, (X,), "if"), (elif_on_vector, (X, np.array(-1)), "if"),
          (while_on_vector, (X,), "while"),
          (ternary_on_vector, (X,), "conditional expression")]


@pytest.mark.parametrize("fn,args,kind", NOT_0D, ids=[c[0].__name__ for c in NOT_0D])
def test_staged_condition_not_0d(fn, args, kind):
    with pytest.raises(ValueError, match="truth value of an array"):
        fn(*copy.deepcopy(args))  # numpy's error
    with pytest.raises(ag.AgValueError,
                       match=where(fn, "# the condition") + ": the condition of a staged "
                       + re.escape(kind) + r" must be a 0-d array, got shape \(3,\)"):
        ag.stage(fn)(*args)


def for_over_0d(x):
    for v in x:  # the loop
        x = x + v
    return x


def test_iterating_a_0d_staged_value():
    with pytest.raises(TypeError):
        for_over_0d(np.float64(1))
    with pytest.raises(ag.AgTypeError, match=where(for_over_0d, "# the loop") +
                       ": iteration over a 0-d array"):
        ag.stage(for_over_0d)(np.float64(1))


# --- break / continue under staged conditions: as plain Python ------------------------------
# (return inside loops and strided staged ranges: test_autograph_return.py and
# test_autograph_range_loops.py)

def break_in_while(n, stop):
    i = np.int64(0)
    s = np.int64(0)
    while i < n:
        if i >= stop:
            break
        s = s + i
        i = i + 1
    return s


def continue_in_for(n):
    s = np.int64(0)
    for i in range(n):
        if i % 3 == 0:
            continue
        s = s + i
    return s


@pytest.mark.parametrize("n,stop", [(0, 2), (5, 2), (5, 9)])
@pytest.mark.parametrize("path", PATHS)
def test_break_in_while(path, n, stop):
    check(break_in_while, arg(n, path, np.int64), np.array(stop))
    check(break_in_while, arg(n, path, np.int64), stop)


@pytest.mark.parametrize("n", [0, 1, 7])
@pytest.mark.parametrize("path", PATHS)
def test_continue_in_for(path, n):
    check(continue_in_for, arg(n, path, np.int64))
