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

import os as _os
import sys as _sys


def _located_by_python_m_ag():
    """True while `python3 -m ag ...` imports this package to find ag.__main__ (runpy's
    frame names the module it runs)."""
    frame = _sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "_run_module_as_main" and \
                frame.f_globals.get("__name__") == "runpy":
            return frame.f_locals.get("mod_name") in ("ag", "ag.__main__")
        frame = frame.f_back
    return False


try:
    # The light runtime (dispatcher, signatures, callbacks, trace records' shared
    # objects). The compiler (ag._ag: MLIR, LLVM) loads on the first trace or compile,
    # oneDNN and OpenBLAS with the first code that calls them.
    from . import _agrt  # noqa: F401
    from . import _compiler
    # (Checked now, without loading it: a package without its compiler fails here, as
    # the doctor expects, rather than at the first trace.)
    if not _os.path.exists(_compiler.PATH):
        raise ImportError(f"the compiler extension {_compiler.PATH} is missing")
except ImportError as _error:
    # `python3 -m ag doctor` is what says which library is missing, so `-m ag` gets the
    # package without its compiled part; any other import fails here, pointing at the
    # doctor.
    if not _located_by_python_m_ag():
        raise ImportError(f"ag cannot load its compiled runtime: {_error} "
                          "(`python3 -m ag doctor` says what is missing)") from _error
    _import_error = _error
else:
    _import_error = None
    from ._cache import cache_info
    from ._tiers import wait as wait_compiles
    from .errors import (AgCompileWarning, AgError, AgIndexError, AgRetraceWarning,
                         AgTypeError, AgUnsupportedError, AgValueError)
    from .staging import StagedFunction, stage
    # The handlers compiled code reports print, assert, failed checks and host calls to.
    from . import _callbacks
    _callbacks.install()
    # The tracing machinery (converter, operators, numpy's staged surface: ag._tracing)
    # loads on the first trace, and ag.nn on first use: a process whose calls all hit
    # trace records (ag._persist) imports neither.

    __version__ = _cache.VERSION


def __getattr__(name):
    if name == "nn":  # on first use: it loads the staged surface
        # (import_module: `from . import nn` would ask this function for nn again)
        import importlib
        return importlib.import_module(__name__ + ".nn")
    raise AttributeError(f"module 'ag' has no attribute {name!r}")

__all__ = ["stage", "StagedFunction", "nn", "cache_info", "wait_compiles", "AgError",
           "AgTypeError", "AgValueError", "AgIndexError", "AgUnsupportedError",
           "AgRetraceWarning", "AgCompileWarning"]
