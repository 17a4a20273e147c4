"""The ag exception hierarchy.

Every error ag raises is an :class:`AgError` and also the builtin a numpy user expects for
the same mistake (a shape mismatch is a ``ValueError``, an unsupported dtype a
``TypeError``), so existing ``except`` clauses keep working. Messages name the operation,
the shapes/dtypes involved and the user's ``file:line``.
"""

import numpy as _np


class AgError(Exception):
    """Base class of all ag errors."""


class AgTypeError(AgError, TypeError):
    """Unsupported dtype or argument type."""


try:  # numpy's class for a ufunc output that its casting rule refuses (x += 1.5, x int)
    from numpy.core._exceptions import _UFuncOutputCastingError as _OutputCastingError
except ImportError:  # pragma: no cover - other numpy versions
    _OutputCastingError = TypeError


class AgUFuncCastingError(AgTypeError, _OutputCastingError):
    """An in-place or out= result whose dtype numpy's casting rule refuses; an instance of
    numpy's own UFuncTypeError too."""

    def __init__(self, message):
        Exception.__init__(self, message)

    def __str__(self):
        return self.args[0]


class AgOperandTypeError(AgTypeError):
    """numpy's own TypeError for an operation's operands (an item assigned into a numpy
    scalar), found while tracing: like AgOperandError, raised when the compiled code
    takes a path numpy may not take."""


class AgValueError(AgError, ValueError):
    """Shapes that do not fit an operation (numpy's broadcasting/matmul/reshape rules)."""


class AgOperandError(AgValueError):
    """numpy's own ValueError for an operation's operands (shapes that do not broadcast,
    a reduction of nothing), found while tracing. Not a refusal: on a path numpy may not
    take (a staged branch, the right side of a staged `and`) it is raised when the
    compiled code takes it."""


class AgAxisError(AgValueError, _np.AxisError):
    """An axis out of range: an instance of numpy's AxisError (which is both a ValueError
    and an IndexError), so `except np.AxisError` catches it as it would numpy's."""

    def __init__(self, message):
        Exception.__init__(self, message)
        # AxisError's own fields (numpy formats its message from them otherwise).
        self.axis, self.ndim, self._msg = None, None, message

    def __str__(self):
        return self.args[0]


class AgIndexError(AgError, IndexError):
    """An index out of range for the staged array's shape."""


class AgLinAlgError(AgError, _np.linalg.LinAlgError):
    """numpy.linalg's error (a singular matrix, a matrix that is not positive definite, an
    SVD that did not converge, a matrix that is not square): an instance of numpy's own
    LinAlgError."""


class AgUnsupportedError(AgError, NotImplementedError):
    """A numpy function, method or Python construct ag cannot stage."""


class AgTraceTooLargeError(AgUnsupportedError):
    """Tracing made more arrays than AG_TRACE_LIMIT (a loop running in Python while
    tracing that records more every step): compile time would have no bound."""


class AgRecursionError(AgError, RecursionError):
    """Staged recursion went deeper than the native stack allows."""


class AgOverflowError(AgError, OverflowError):
    """A staged value that does not fit where Python would raise OverflowError (int() of
    an infinity or of a float outside int64)."""


class AgMemoryError(AgError, MemoryError):
    """Compiled code could not allocate an array (numpy's MemoryError)."""


class AgRetraceWarning(UserWarning):
    """A staged function was traced again; the message says which argument changed."""


class AgCompileWarning(UserWarning):
    """A compile was over its budget (ag.stage(f, compile_budget=...)) and ag optimised
    less, or a long Python loop could not be staged and is unrolled while tracing; the
    message says how long it took and what was lowered, or why the loop was not staged."""
