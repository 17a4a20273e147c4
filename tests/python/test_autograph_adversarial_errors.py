"""Adversarial error texts: programs staging cannot keep, written the way users write
them (attributes of objects, generators in helpers, methods). Each error names the
variable (or construct) and the user's file:line, never generated code."""

import numpy as np
import pytest

import ag
from _autograph_helpers import where

X = np.array([1.5, -2.0, 3.25], np.float32)


class Obj:
    pass


def gen_helper(x):
    for v in x:
        yield v * 2  # the yield


def sums_a_generator(x):
    return sum(gen_helper(x))


def test_generator_in_called_helper_names_its_line():
    with pytest.raises(ag.AgError, match=where(gen_helper, "# the yield")
                       + ": generators and coroutines cannot be staged"):
        ag.stage(sums_a_generator)(X)
    assert sums_a_generator(X) == 2 * X.sum()


def attribute_in_one_branch(x, c):
    o = Obj()
    if c > 0:  # the if
        o.z = x
    return o.z


def test_attribute_defined_in_one_branch_of_staged_if():
    with pytest.raises(ag.AgValueError, match=where(attribute_in_one_branch, "# the if")
                       + r": variable 'o\.z' is not defined in the else branch of a "
                       "staged if"):
        ag.stage(attribute_in_one_branch)(X, np.array(1))
    np.testing.assert_array_equal(ag.stage(attribute_in_one_branch)(X, 1), X)


def attribute_only_set_in_loop(x, n):
    o = Obj()
    for i in range(n):  # the loop
        o.last = x * i
    return o.last


def test_attribute_only_set_in_staged_loop():
    with pytest.raises(ag.AgValueError, match=where(attribute_only_set_in_loop, "# the loop")
                       + r": variable 'o\.last' is used after a staged for loop that may "
                       "run zero times, but it is only defined inside the loop"):
        ag.stage(attribute_only_set_in_loop)(X, np.array(3))


def attribute_changes_dtype(x, n):
    o = Obj()
    o.t = np.int64(2)
    for i in range(n):  # the loop
        o.t = o.t * 1.5
    return o.t


@pytest.mark.parametrize("n", [0, 3])
def test_loop_carried_attribute_changes_dtype_in_the_first_iteration(n):
    """int64, then float64 after the first iteration: peeled (operators/loops.py), the
    result's dtype is the path's (before: an ag error)."""
    staged = ag.stage(attribute_changes_dtype)
    expected = attribute_changes_dtype(X, np.array(n))
    for _ in range(2):
        got = staged(X, np.array(n))
        assert type(got) is type(expected) and got == expected, (got, expected)


class Grower:
    def __init__(self, x):
        self.x = x

    def grow(self, n):
        i = 0
        while i < n:  # the loop
            self.x = np.concatenate([self.x, self.x])
            i += 1
        return self.x


def grows_in_method(x, n):
    return Grower(x).grow(n)


def test_loop_carried_attribute_changes_shape_in_method():
    with pytest.raises(ag.AgValueError, match=where(Grower.grow, "# the loop")
                       + r": variable 'self\.x' changes from float32\[3\] to float32\[6\] "
                       "in a staged while loop"):
        ag.stage(grows_in_method)(X, np.array(2))
    assert ag.stage(grows_in_method)(X, 2).shape == (12,)


def walrus_then_used(x, c):
    while (n := c - 1) > 5:  # the loop
        c = n
        last = x * n
    return last


def test_walrus_loop_variable_only_defined_inside():
    with pytest.raises(ag.AgValueError, match=where(walrus_then_used, "# the loop")
                       + r": variable 'last' is used after a staged while loop that may "
                       "run zero times"):
        ag.stage(walrus_then_used)(X, np.array(9))


def and_of_staged_ints(a, b):
    return a and b  # the and


def test_and_of_staged_ints_names_line():
    with pytest.raises(ag.AgUnsupportedError, match=where(and_of_staged_ints, "# the and")
                       + r": `and`/`or` on a staged int64 value"):
        ag.stage(and_of_staged_ints)(np.array(2), np.array(3))
