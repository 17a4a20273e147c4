"""ag: stage imperative numpy code into compiled native code.

    import numpy as np, ag

    @ag.stage
    def layer(x, w, b):
        return ag.nn.relu(x @ w + b)

    y = layer(x, w, b)                       # compiled on first call per signature
    print(layer.ir(x, w, b, emit="linalg"))  # 'ag', 'linalg', 'bufferized', 'llvm'

Compiled code is cached on disk across processes (see ag._cache; AG_CACHE_DIR=off
disables it) and ag.cache_info() says what the cache holds.
"""

from . import nn
from ._cache import cache_info
from .errors import (AgCompileWarning, AgError, AgIndexError, AgRetraceWarning,
                     AgTypeError, AgUnsupportedError, AgValueError)
from .staging import StagedFunction, stage
# numpy's functions on staged arrays, and the ndarray methods written over them (set on
# StagedArray by _methods_more): registered before any trace.
from . import _numpy_impl  # noqa: E402,F401
from . import _numpy_misc as _misc, operators as _operators  # noqa: E402
# np.float32(x), np.ascontiguousarray(x), ... of staged values: numpy's C code would read
# the value, so the converter calls these instead (its table of staged builtins).
_misc.register_builtins(_operators._STAGED_BUILTINS)

__version__ = _cache.VERSION

__all__ = ["stage", "StagedFunction", "nn", "cache_info", "AgError", "AgTypeError",
           "AgValueError", "AgIndexError", "AgUnsupportedError", "AgRetraceWarning",
           "AgCompileWarning"]
