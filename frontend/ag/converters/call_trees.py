"""Calls -> ag__.converted_call(f, args, kwargs), except where the callee is known.

User functions are converted recursively (and cached) by converted_call when they run;
it also overloads int, float, bool, min, max, enumerate and zip for staged arguments.
`range(...)` calls ag__.range_ (a staged bound makes a staged range) and `print(...)`
ag__.print_ (prints at run time when staged) -- through converted_call, which finds
what the name is when the code runs: a global of the user's module named print is
theirs. Library calls (numpy,
math, ag, the converters' own ag__ calls) and builtins that never need a staged value's
contents run as they are -- unless the function rebinds those names -- but for np.array,
np.asarray, np.zeros, np.ones, np.empty and np.full, which converted_call stages when
given staged values, and np.random.<f>, which converted_call stages as a draw at run time.
"""

import ast

from ..pyct import transformer
from . import helpers


class CallTreeTransformer(transformer.Base):
    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id not in self.ctx.all_assigned \
                and node.func.id in _PLAIN_BUILTINS:
            return node
        root = node.func
        while isinstance(root, ast.Attribute):
            root = root.value
        # np.array / np.asarray / np.zeros ... go through converted_call: given staged
        # values (a list built in a staged loop, a dynamic size) numpy's C code would ask
        # each for its contents.
        builds_array = node.func.attr in _ARRAY_BUILDERS and root is node.func.value \
            if isinstance(node.func, ast.Attribute) else False
        builds_array = builds_array or _is_stride_tricks(node.func)
        # np.random.<f>(...) draws when the compiled code runs: converted_call stages it.
        staged_by_call = builds_array or _is_np_random(node.func)
        if isinstance(root, ast.Name) and root is not node.func and \
                root.id in ("np", "numpy", "ag", "math", helpers.OPERATORS) and \
                root.id not in self.ctx.all_assigned and \
                not (staged_by_call and root.id in ("np", "numpy")):
            return node  # library calls (and the converters' own) run as they are
        # Anything else may be a user function: ag__.converted_call converts it first.
        args = ast.Tuple(elts=node.args, ctx=ast.Load())
        # f(**d) is a None key in the dict display, as in Python's own AST.
        kwargs = ast.Dict(keys=[ast.Constant(value=k.arg) if k.arg else None
                                for k in node.keywords],
                          values=[k.value for k in node.keywords])
        return helpers.call("converted_call", node.func, args, kwargs)


def _is_np_random(func):
    """Whether `func` is spelt np.random.<f> (or numpy.random.<f>)."""
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) \
        and func.value.attr == "random" and isinstance(func.value.value, ast.Name) \
        and func.value.value.id in ("np", "numpy")


def _is_stride_tricks(func):
    """Whether `func` is spelt np.lib.stride_tricks.<as_strided or sliding_window_view>
    (numpy's Python code over __array_interface__, staged by staged.memory)."""
    return isinstance(func, ast.Attribute) and \
        func.attr in ("as_strided", "sliding_window_view") and \
        isinstance(func.value, ast.Attribute) and func.value.attr == "stride_tricks"


# numpy functions that build arrays from values numpy's C code reads (operators
# converted_call stages them when those values are staged).
_ARRAY_BUILDERS = {"array", "asarray", "zeros", "ones", "empty", "full",
                   # staged by staged.compositions (numpy's scalar types, layout conversions)
                   "ascontiguousarray", "asfortranarray", "float16", "float32", "float64",
                   "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                   "bool_", "complex64", "complex128", "asarray_chkfinite",
                   "ndenumerate", "nditer",
                   # sizes that may be staged (staged.sized)
                   "arange", "eye", "identity", "tri", "tril_indices", "triu_indices",
                   "linspace", "bartlett", "blackman", "hamming", "hanning", "kaiser",
                   # plain Python in numpy, which would not see what a staged value is
                   "isscalar", "frombuffer"}


# Builtins whose behaviour on staged arrays comes from the array protocols (or that never
# see arrays): called directly, without converted_call's check.
_PLAIN_BUILTINS = {"abs", "isinstance", "type", "tuple", "list", "dict", "set",
                   "str", "repr", "getattr", "hasattr", "setattr", "super", "iter", "next",
                   "reversed", "sorted", "sum", "any", "all", "round", "divmod", "id",
                   "hash", "callable", "object", "slice"}
