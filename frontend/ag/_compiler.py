"""The compiler extension `ag._ag` (MLIR, LLVM, oneDNN), loaded only by a process that
traces or compiles. Loading it costs ~25-30 ms, nearly all of it in the dynamic loader
(libLLVM's pages and static initialisers), which does not need the GIL: `preload` starts
that on a background thread as a trace begins, while the main thread imports the
tracing machinery (about as long), and the modules of that machinery reach the
extension through `compiler`, which imports it on first use -- after those imports.
The same thread then makes the global MLIR context (~4 ms) the trace will record into.
"""

import ctypes
import os
import sys
import threading

from . import _agrt

_where, _name = os.path.split(_agrt.__file__)
PATH = os.path.join(_where, "_ag." + _name.split(".", 1)[1])

_lock = threading.Lock()
_started = False
# Set by the loader thread once the global MLIR context is made.
context_prepared = False


def preload():
    """Starts loading the extension's shared object (and the libraries it links) in the
    background; its import then finds them loaded (or waits in the loader for them)."""
    global _started
    with _lock:
        if _started or "ag._ag" in sys.modules:
            return
        _started = True
    # (Not a daemon: an interpreter leaving while the loader runs static initialisers on
    # another thread would run exit handlers beside them.)
    threading.Thread(target=_load, name="ag-load-compiler").start()


def _load():
    # dlopen called as a foreign function, which releases the GIL while the loader
    # works (ctypes.CDLL(path) keeps it). A failure is left to the import, which says
    # what is missing with the doctor's advice.
    dlopen = ctypes.CDLL(None).dlopen
    dlopen.restype, dlopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_int]
    if dlopen(os.fsencode(PATH), os.RTLD_NOW):
        # Loaded already: CDLL only finds it. Its functions release the GIL when called.
        ctypes.CDLL(PATH).ag_prepare_context()
        global context_prepared
        context_prepared = True


class _Compiler:
    """`ag._ag`, imported on first attribute use; each attribute read is then kept."""

    def __getattr__(self, name):
        from . import _ag  # (on first use: after the tracing machinery's imports)
        value = getattr(_ag, name)
        setattr(self, name, value)
        return value


compiler = _Compiler()
