"""`x[k]` and `x[k] = v` in converted code (TF AutoGraph's slices operators), for
numpy arrays indexed or written with staged values while tracing.
"""

import numpy as np

from ..staged import advanced
from ..staged.array import StagedArray, as_staged
from ..staged.values import is_staged
from ..trace import current_trace, current_tracer, is_tracing
from .divergent import has_divergent


def getitem_(target, key):
    """`target[key]` in converted code. A numpy array indexed by a staged key while
    tracing (`np.eye(k)[y]`) is staged first: numpy cannot index with a value known
    only when the compiled code runs."""
    if isinstance(target, np.ndarray) and is_tracing() and (
            advanced._has_staged(key if isinstance(key, tuple) else (key,)) or
            has_divergent((key,))):
        target = as_staged(target)
    return target[key]


def setitem_(target, key, value):
    """`target[key] = value`; returns what `target` names afterwards. A numpy array
    assigned a staged value (or at a staged index, or anything inside staged control
    flow) while tracing becomes a staged copy, updated with value semantics."""
    if isinstance(target, np.ndarray) and is_tracing() and (
            is_staged(value) or any(is_staged(k) for k in
                                    (key if isinstance(key, tuple) else (key,)))
            or has_divergent((key, value))
            or current_tracer().in_region()):
        # Inside staged control flow even a Python value is staged: writing the numpy
        # array in place would happen once while tracing, on every path of an if (both
        # branches' writes would stay) and once for all iterations of a loop.
        array, target = target, StagedArray(as_staged(target)._value)
        # For _CallWrites: a function writing its argument this way must return it.
        current_trace().array_copies.append((array, target))
    target[key] = value
    return target
