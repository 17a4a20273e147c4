"""What the call path knows about values without the tracing machinery: the dtypes ag
stages, the generator types it passes through, how a result leaves as a Python number,
and which arrays can never change. (The staged package, which registers all of numpy's
surface when imported, is loaded only when a function is traced: a process whose calls
all hit trace records never loads it.)"""

import numpy as np

SUPPORTED_DTYPES = {np.dtype(t) for t in (
    "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16",
    "uint32", "uint64", "bool", "complex64", "complex128")}

# numpy's random generators, passed to staged functions as themselves: draws made when the
# compiled code runs find them (staged.random).
GENERATORS = (np.random.RandomState, np.random.Generator)

# The "scalar" flag of a result that leaves the function as a Python int (or float or
# bool), not a numpy scalar; such entries take the Python call path (staging._fast_spec).
PYTHON_INT = "int"
PYTHON_FLOAT = "float"
PYTHON_BOOL = "bool"


def frozen(array):
    """Whether `array` can never change: read-only, and so is every array it views."""
    while isinstance(array, np.ndarray):
        if array.flags.writeable:
            return False
        array = array.base
    return True


class _Missing:
    """A name the traced code read that was no global of its module (a builtin)."""

    def __reduce__(self):
        return "MISSING"


MISSING = _Missing()
