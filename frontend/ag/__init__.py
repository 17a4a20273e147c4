"""ag: stage imperative numpy code into compiled native code.

    import numpy as np, ag

    @ag.stage
    def layer(x, w, b):
        return ag.nn.relu(x @ w + b)

    y = layer(x, w, b)                       # compiled on first call per signature
    print(layer.ir(x, w, b, emit="linalg"))  # 'ag', 'linalg', 'bufferized', 'llvm'
"""

from . import nn
from .errors import (AgError, AgIndexError, AgRetraceWarning, AgTypeError,
                     AgUnsupportedError, AgValueError)
from .staging import StagedFunction, stage

__all__ = ["stage", "StagedFunction", "nn", "AgError", "AgTypeError", "AgValueError",
           "AgIndexError", "AgUnsupportedError", "AgRetraceWarning"]
