"""A name whose dtype depends on a staged condition.

After `if c: t = x * 2 else: t = (x * 2).astype(np.int32)` (c staged), numpy's `t` is a
float64 array on one path and an int32 array on the other, and everything computed from
it may differ in dtype too, until a value of one dtype comes out on both paths (a
comparison, `.astype`, a write into an array of fixed dtype) or the function returns
(numpy returns either). One staged value has one dtype, so the staged if leaves `t` a
`Divergent`: the if's condition and one staged array per path (the path's own object
when it is an array from before the if). Every operation on it -- an operator, a numpy
function or ufunc, a method, indexing, a write, a call with it as an argument, print --
runs under a staged if on that condition, once per path with that path's array, and
merges the results as a staged if merges its names: one value when they agree in dtype,
else a Divergent again. What numpy raises on one path only (`t += 0.5` on the int32
path) is raised by the compiled code on that path. What cannot be split -- its `.dtype`,
or a loop whose state it would change -- is an ag error naming the line.
"""

import builtins
import operator

import numpy as np

from .._location import user_location
from ..errors import AgUnsupportedError
from ..staged.array import PythonNumber, python_kind
from ..staged.either import Either
from ..staged.values import flatten, unflatten, where


class Divergent:
    """`sides[0]` where the staged bool `flag` holds, else `sides[1]` (same shape,
    different dtypes). A side may be a Divergent itself: an if on another condition
    that merged one with an array of a third dtype (`if c2: c = b + 1 else: c = y`)."""

    # StagedArray's numpy protocols defer to a type with this mark (see staged.array).
    _ag_divergent = True

    __slots__ = ("_flag", "_sides")

    def __init__(self, flag, then, other):
        self._flag, self._sides = flag, (then, other)

    # --- what does not depend on the path ----------------------------------------------
    @property
    def shape(self):
        return self._sides[0].shape

    @property
    def ndim(self):
        return self._sides[0].ndim

    @property
    def size(self):
        return self._sides[0].size

    def __len__(self):
        return len(self._sides[0])

    def __iter__(self):
        if not self.shape:
            raise TypeError("iteration over a 0-d array")
        return (self[i] for i in range(self.shape[0]))

    def __repr__(self):
        return f"Divergent(shape={self.shape}, dtype={self._dtype_text()})"

    def _dtype_text(self):
        return " or ".join(str(d) for d in self.dtypes())

    # --- carried by staged loops and ifs as its leaves: the flag, then each side's ------
    # (a side is itself a Divergent when a later if merged one with another array)
    def _ag_flatten(self):
        (l0, s0), (l1, s1) = flatten(self._sides[0]), flatten(self._sides[1])
        return [self._flag] + l0 + l1, (s0, len(l0), s1, len(l1))

    @classmethod
    def _ag_leaf_count(cls, meta):
        return 1 + meta[1] + meta[3]

    @classmethod
    def _ag_unflatten(cls, meta, leaves):
        s0, n0, s1, _ = meta
        return cls(leaves[0], unflatten(s0, iter(leaves[1:1 + n0])),
                   unflatten(s1, iter(leaves[1 + n0:])))

    def _array(self):
        """One of the arrays it may be (for what they all have: type, shape)."""
        side = self._sides[0]
        return side._array() if isinstance(side, Divergent) else side

    def dtypes(self):
        """The dtypes it may have, in path order."""
        out = []
        for side in self._sides:
            for d in (side.dtypes() if isinstance(side, Divergent) else [side.dtype]):
                if d not in out:
                    out.append(d)
        return out

    # --- what does ----------------------------------------------------------------------
    @property
    def dtype(self):
        raise AgUnsupportedError(
            f"{where(user_location())}: the dtype of this array depends on which branch "
            f"of a staged if ran ({self._dtype_text()}): ag "
            "cannot give it as a Python value while tracing; give both branches one dtype "
            "(e.g. .astype(...))")

    # Conversions that need the value: a staged array's errors (either side's).
    def __bool__(self):
        return self._sides[0].__bool__()

    def __float__(self):
        return self._sides[0].__float__()

    def __int__(self):
        return self._sides[0].__int__()

    def __index__(self):
        return self._sides[0].__index__()

    def __array__(self, dtype=None):
        return self._sides[0].__array__(dtype)

    __hash__ = None

    # --- everything else runs once per path ---------------------------------------------
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return split_call(getattr(ufunc, method) if method != "__call__" else ufunc,
                          inputs, kwargs)

    def __array_function__(self, func, types, args, kwargs):
        return split_call(func, args, kwargs)

    def __getitem__(self, key):
        return split_call(operator.getitem, (self, key), {})

    def __setitem__(self, key, value):
        split_call(operator.setitem, (self, key, value), {})

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        attribute = getattr(type(self._array()), name, None)
        if callable(attribute):
            def method(*args, **kwargs):
                return split_call(lambda side, *a, **k: getattr(side, name)(*a, **k),
                                  (self,) + args, kwargs)
            method.__name__ = name
            return method
        return split_call(lambda side: getattr(side, name), (self,), {})


def _binary(op):
    return lambda self, other: split_call(op, (self, other), {})


def _reflected(op):
    return lambda self, other: split_call(op, (other, self), {})


def _inplace(op):
    def apply(self, other):
        result = split_call(op, (self, other), {})
        # In place on each path: the same objects, so the same name (`t += 1` keeps t).
        if isinstance(result, Divergent) and result._sides[0] is self._sides[0] and \
                result._sides[1] is self._sides[1]:
            return self
        return result
    return apply


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and",
              "or", "xor", "lshift", "rshift", "divmod"):
    _op = getattr(operator, _name + "_" if _name in ("and", "or") else _name,
                  None) or builtins.divmod
    setattr(Divergent, f"__{_name}__", _binary(_op))
    setattr(Divergent, f"__r{_name}__", _reflected(_op))
    if _name != "divmod":
        setattr(Divergent, f"__i{_name}__", _inplace(getattr(operator, f"i{_name}")))
for _name in ("eq", "ne", "lt", "le", "gt", "ge"):
    setattr(Divergent, f"__{_name}__", _binary(getattr(operator, _name)))
for _name in ("neg", "pos", "abs", "invert"):
    setattr(Divergent, f"__{_name}__",
            (lambda op: lambda self: split_call(op, (self,), {}))(getattr(operator, _name)))


def merge(pred, then, other):
    """`then` where the staged bool `pred` holds, else `other` (arrays or Divergents of
    one shape, dtypes differing somewhere), in the canonical form: one array per dtype,
    the dtypes in a fixed order, each guarded by the condition under which the name holds
    it. A loop that carries the name then keeps one structure however often its body
    merges it again (`best = 0; for ...: if v > best: best = v` with float32 v: int64 or
    float32 from the first iteration on). Arrays of one dtype from different paths become
    an Either of them, which keeps each path's object (a write through the name reaches
    the object numpy's name is)."""
    groups = {}  # dtype -> [(guard, array)]
    for guard, array in _guarded(then, pred) + _guarded(other, np.logical_not(pred)):
        groups.setdefault(np.dtype(array.dtype), []).append((guard, array))
    dtypes = sorted(groups, key=lambda d: d.num)
    result = _one_of(groups[dtypes[-1]])
    for d in reversed(dtypes[:-1]):
        guards = [g for g, _ in groups[d]]
        holds = guards[0]
        for g in guards[1:]:
            holds = np.logical_or(holds, g)
        result = Divergent(holds, _one_of(groups[d]), result)
    return result


def _guarded(value, guard):
    """[(the staged bool under which `value` is the array, the array)]."""
    if not isinstance(value, Divergent):
        return [(guard, value)]
    flag = value._flag
    return _guarded(value._sides[0], np.logical_and(guard, flag)) + \
        _guarded(value._sides[1], np.logical_and(guard, np.logical_not(flag)))


def _one_of(group):
    """The array of one dtype the name holds under the guards of `group` (one of which
    holds when it is asked for)."""
    guard, array = group[0]
    if len(group) == 1:
        return array
    kinds = {python_kind(a) for _, a in group}
    if len(kinds) == 1 and None not in kinds:
        # Python numbers of one type on every path: one (immutable, so no object to
        # keep), as staged ifs merge them
        return PythonNumber(np.where(guard, array, _one_of(group[1:])), kinds.pop())
    return Either(guard, array, _one_of(group[1:]), array._scalar, None)


def has_divergent(args, kwargs=None):
    return _first(args) is not None or (kwargs and _first(kwargs.values()) is not None)


def _first(values):
    """The first Divergent in `values` (looking into lists and tuples), or None."""
    for v in values:
        if isinstance(v, Divergent):
            return v
        if type(v) in (list, tuple):
            found = _first(v)
            if found is not None:
                return found
    return None


def _substitute(value, divergent, side):
    if value is divergent:
        return side
    if type(value) in (list, tuple):
        return type(value)(_substitute(v, divergent, side) for v in value)
    return value


def split_call(fn, args, kwargs):
    """fn(*args, **kwargs) with each Divergent among them replaced by its array on each
    path, under a staged if on its condition (one per Divergent); the if merges the
    results (a Divergent again where their dtypes differ)."""
    divergent = _first(args)
    if divergent is None:
        divergent = _first(kwargs.values())
    if divergent is None:
        return fn(*args, **kwargs)

    def on(path):
        side = divergent._sides[path]
        return split_call(fn, _substitute(tuple(args), divergent, side),
                          {k: _substitute(v, divergent, side) for k, v in kwargs.items()})

    for flag, path in _paths:
        if flag is divergent._flag:  # inside a split on the same condition: one path
            return on(path)
    from .control_flow import if_stmt  # (control_flow makes Divergents: a cycle)
    box = [None]

    def run(path):
        def branch():
            _paths.append((divergent._flag, path))
            try:
                box[0] = on(path)
            finally:
                _paths.pop()
        return branch

    if_stmt(divergent._flag, run(0), run(1), lambda: (box[0],),
            lambda state: box.__setitem__(0, state[0]), ("value",), loc=user_location())
    return box[0]


# The conditions of the splits being traced, with the path each is on: a Divergent of
# one of them inside (`b[1:] * b[:-1]`) is that path's array, not another if.
_paths = []


Divergent.split_call = staticmethod(split_call)  # (how staged.array reaches it)
