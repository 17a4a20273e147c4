"""Variables of converted code (TF AutoGraph's variables operators): a name with no
value on a path (Undefined), the return value before a return ran, and how errors name
the state a staged region carries.
"""

from ..errors import AgValueError
from ..staged.array import StagedArray
from ..staged.values import describe_value, flatten


class Undefined:
    """A variable that has no value on this path. Any use raises an error naming it."""

    __slots__ = ("name", "reason")

    def __init__(self, name, reason=None):
        self.name = name
        self.reason = reason

    def _fail(self, *args, **kwargs):
        if self.reason:
            raise AgValueError(self.reason)
        raise NameError(f"local variable '{self.name}' referenced before assignment")

    __getattr__ = __call__ = __getitem__ = __iter__ = __len__ = __bool__ = _fail
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _fail
    __truediv__ = __rtruediv__ = __floordiv__ = __mod__ = __pow__ = __matmul__ = _fail
    __lt__ = __le__ = __gt__ = __ge__ = __neg__ = __array__ = _fail
    __array_ufunc__ = __array_function__ = _fail

    def __repr__(self):
        return f"<undefined {self.name}>"


class UndefinedReturnValue(Undefined):
    """The return value on paths that have not returned yet (converters/returns.py)."""

    def __init__(self):
        super().__init__("return value")


def retval(value):
    """The function's result: None when no return statement ran (Python's rule)."""
    return None if isinstance(value, UndefinedReturnValue) else value


def display_name(name):
    """How errors name a state variable (the return value's variable is generated)."""
    return "the return value" if name.startswith("retval_") else f"variable '{name}'"


def scalar_leaves(*values):
    """Per leaf of a tuple state entry: whether numpy has a scalar there on the paths
    that set it (a Python number or a numpy scalar, not a 0-d array)."""
    flags = None
    for value in values:
        if isinstance(value, Undefined):
            continue
        mine = [not isinstance(v, StagedArray) or v._scalar for v in flatten(value)[0]]
        flags = mine if flags is None else [a or b for a, b in zip(flags, mine)]
    return flags or []


def describe_structure(value):
    if isinstance(value, tuple):
        return "(" + ", ".join(describe_structure(v) for v in value) + ")"
    if isinstance(value, Undefined):
        return "undefined"
    return describe_value(value)
