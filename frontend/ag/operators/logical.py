"""`and`, `or`, `not`, chained comparisons and `in` (TF AutoGraph's logical operators):
lazy like Python's; on a staged left side the right side is staged inside an scf.if.
"""

import operator

import numpy as np

from .._location import user_location
from ..errors import AgUnsupportedError, AgValueError
from ..staged.array import PythonNumber, StagedArray, as_staged
from ..staged.regions import cond
from ..staged.values import is_staged, where
from .exceptions import _PYTHON_ERRORS, _deferrable, _raise_when_run


def and_(a, b):
    """Python's `a and b`: lazy, returns an operand. Staged: the right side is evaluated
    in an scf.if only where the left is true (it may index out of range otherwise, as in
    `i < n and x[i] > 0`)."""
    left = a()
    if not is_staged(left):
        return b() if left else left
    return _staged_logical(left, b, is_and=True)


def or_(a, b):
    left = a()
    if not is_staged(left):
        return left if left else b()
    return _staged_logical(left, b, is_and=False)


def _staged_logical(left, right_fn, is_and):
    if left.ndim != 0:
        raise AgValueError(
            f"{where(user_location())}: the truth value of an array with more than one "
            "element is ambiguous (in `and`, `or` or a chained comparison); use & / | "
            "or np.logical_and / np.logical_or")
    if left.dtype != np.bool_:
        raise AgUnsupportedError(
            f"{where(user_location())}: `and`/`or` on a staged {left.dtype} value would "
            "return one of the operands depending on data; compare explicitly (e.g. "
            "(x > 0) and (y > 0))")

    def right():
        try:
            r = right_fn()
        except _PYTHON_ERRORS as e:
            if not _deferrable(e):
                raise
            # numpy evaluates the right side only where the left one says so.
            _raise_when_run(e, user_location())
            return as_staged(np.bool_(False))
        if np.result_type(r) != np.bool_ or np.ndim(r) != 0:
            raise AgUnsupportedError(
                f"{where(user_location())}: `and`/`or` with a staged 0-d bool needs a "
                "0-d bool on the other side too")
        return as_staged(r)

    if is_and:
        return cond(left, right, lambda: left)
    return cond(left, lambda: left, right)


def not_(a):
    if is_staged(a):
        return np.logical_not(a)
    return not a


def _contains(container, item):
    """`item in container`. A staged array's is numpy's ndarray.__contains__,
    `(container == item).any()` -- a Python bool, here computed when the code runs
    (Python's `in` would ask for it while tracing)."""
    if isinstance(container, StagedArray):
        return PythonNumber(np.any(np.equal(container, item)), bool)
    return item in container


def _not_contains(container, item):
    found = _contains(container, item)
    if isinstance(found, PythonNumber):
        return PythonNumber(np.logical_not(found), bool)
    return not found


_COMPARISONS = {
    "Eq": operator.eq, "NotEq": operator.ne, "Lt": operator.lt, "LtE": operator.le,
    "Gt": operator.gt, "GtE": operator.ge, "Is": operator.is_, "IsNot": operator.is_not,
    "In": lambda a, b: _contains(b, a), "NotIn": lambda a, b: _not_contains(b, a),
}


def compare_(left, comparisons):
    """`a < b < c` (a chained comparison): each operand is evaluated at most once and
    the rest is skipped once a comparison is false, as in Python; with staged values
    the comparisons chain like `and` (the rest is evaluated in an scf.if)."""
    (op, right_fn), rest = comparisons[0], comparisons[1:]
    right = right_fn()
    result = _COMPARISONS[op](left, right)
    if not rest:
        return result
    return and_(lambda: result, lambda: compare_(right, rest))
