"""Python lists appended to in staged loops (AutoGraph's lists -> TensorArray).

    out = []
    for x_t in xs:                # a staged loop
        h = np.tanh(h @ w + x_t)
        out.append(h)
    return np.stack(out)

The converter turns `out.append(v)` into `out = ag__.list_append(out, v)` and
`v = out.pop()` into `out, v = ag__.list_pop(out)`, so a list is loop state like any
variable. A staged loop whose state holds a Python list first traces its body once (a
probe) to count the appends and pops of an iteration and learn the element's dtype and
shape (from the list's elements or the first append). The loop then carries a
`StagedList`: one buffer with room for every element the loop can append, and the staged
length. After the loop, the list is a `StagedListValue`: a staged array of the list's
elements stacked (its length is known: the loop's trip count is), which `np.stack`,
`np.array`, `len`, indexing, iteration and `return` treat as the list.

Appends must happen the same number of times in every iteration (not under a staged
`if`, not in a nested staged loop) and the trip count must be known while tracing: the
list's final length is then known, as a static shape needs. Elements must share one
dtype and shape (numpy's stack would fail otherwise).
"""

import numpy as np

from ._location import describe, user_location
from ._trace import StagedArray, as_staged, cast, current_tracer
from .errors import AgTypeError, AgUnsupportedError, AgValueError


def _where():
    return describe(user_location())


def _spec_of(value):
    v = as_staged(value) if not isinstance(value, StagedArray) else value
    return (v.dtype, tuple(v.shape))


def _describe(spec):
    return f"{spec[0].name}{list(spec[1])}"


def _shape_mismatch(spec, expected):
    raise AgValueError(
        f"{_where()}: appending a {_describe(spec)} value to a list of "
        f"{_describe(expected)} values in a staged loop; the elements of a list built in "
        "a staged loop must share one shape")


class _Extend:
    """extend() and += as appends (a list being built in a staged loop)."""

    def extend(self, values):
        for v in values:
            self.append(v)
        return self

    __iadd__ = extend


class ListProbe(_Extend):
    """A list during a loop's probe: counts what one iteration appends and pops."""

    def __init__(self, items, block):
        self.items = list(items)
        self.block = block  # the loop body's insertion block: appends must happen there
        self.spec = _spec_of(items[0]) if items else None
        self.appends = self.pops = 0
        self.conditional = False

    def append(self, value):
        self._check_block()
        spec = _spec_of(value)
        if self.spec is None:
            self.spec = spec
        elif spec[1] != self.spec[1]:
            _shape_mismatch(spec, self.spec)
        else:  # np.stack of the list gives the elements' common dtype
            self.spec = (np.promote_types(self.spec[0], spec[0]), self.spec[1])
        self.appends += 1
        return self

    def pop(self):
        self._check_block()
        if self.spec is None:
            raise IndexError("pop from empty list")
        self.pops += 1
        return self, self._placeholder()

    def __getitem__(self, key):
        if not isinstance(key, int) or key >= 0:
            _only_from_end()
        if self.spec is None:
            raise IndexError("list index out of range")
        return self._placeholder()

    def __len__(self):
        _len_unknown()

    def _placeholder(self):
        dtype, shape = self.spec
        return StagedArray(as_staged(np.zeros(shape, dtype))._value, scalar=not shape)

    def _check_block(self):
        if current_tracer().block_id() != self.block:
            self.conditional = True


def _only_from_end():
    raise AgUnsupportedError(
        f"{_where()}: inside a staged loop, a list being built can be read only from its "
        "end (lst[-1], lst[-2], ...)")


def _len_unknown():
    raise AgUnsupportedError(
        f"{_where()}: len() of a list being built in a staged loop is only known when the "
        "compiled code runs; count with the loop's index instead")


class StagedList(_Extend):
    """A list carried by a staged loop: `buffer` holds room for every element, the
    first `length` (staged int64) of which are the list."""

    def __init__(self, buffer, length, block, spec):
        self.buffer, self.length, self.block, self.spec = buffer, length, block, spec

    # The loop carries (buffer, length); the element spec is the structure (see
    # _common.flatten). The block is set when a loop body loads the list.
    def _ag_flatten(self):
        return [self.buffer, self.length], self.spec

    @classmethod
    def _ag_unflatten(cls, spec, leaves):
        buffer, length = leaves
        return cls(buffer, length, None, spec)

    _ag_leaves = 2

    def with_block(self, block):
        return StagedList(self.buffer, self.length, block, self.spec)

    # Appends and pops change the list in place (a helper function appending to its
    # argument changes the caller's list, as in Python).
    def append(self, value):
        self._check_block("append to")
        v = cast(as_staged(value), self.spec[0])
        if v.shape != self.spec[1]:
            _shape_mismatch(_spec_of(v), self.spec)
        buffer = StagedArray(self.buffer._value)
        index = StagedArray(self.length._value, scalar=True)
        index._bounds = (0, self.buffer.shape[0] - 1)  # room was made for every append
        buffer[index] = v
        self.buffer, self.length = buffer, np.add(self.length, np.int64(1))
        return self

    def pop(self):
        self._check_block("pop from")
        from .operators import record_check
        loc = user_location()
        record_check(np.greater(self.length, np.int64(0)), f"{describe(loc)}: pop from "
                     "empty list", loc, kind="index")
        self.length = np.subtract(self.length, np.int64(1))
        index = StagedArray(self.length._value, scalar=True)
        index._bounds = (0, self.buffer.shape[0] - 1)  # checked just above
        return self, self.buffer[index]

    def __len__(self):
        _len_unknown()

    def __getitem__(self, key):
        if isinstance(key, int) and key < 0:
            return self.buffer[np.add(self.length, np.int64(key))]
        _only_from_end()

    def _check_block(self, what):
        if current_tracer().block_id() != self.block:
            raise AgUnsupportedError(
                f"{_where()}: {what} a list under a staged `if` (or in a nested staged "
                "loop) makes its length depend on data; append in every iteration (e.g. "
                "append np.where(cond, value, fill)) or collect into an array")


class StagedListValue(list):
    """A list of staged arrays of one dtype and shape, stored stacked in `stacked` (the
    result of building it in a staged loop).

    It is a list (isinstance, len, indexing, iteration yield the elements), but its raw
    storage holds only `stacked`: numpy's dispatch of np.stack/np.concatenate/... reads a
    list's storage directly, so those reach ag's implementations with this object (which
    use `stacked` as a whole) instead of one op per element."""

    def __init__(self, stacked):
        super().__init__([stacked])
        self.stacked = stacked

    def __len__(self):
        return self.stacked.shape[0]

    def __iter__(self):
        # Rows are recorded only when used: numpy's dispatch of np.stack(lst) iterates
        # the list just to look at its elements' types.
        return (_LazyRow(self.stacked, i) for i in range(len(self)))

    def __getitem__(self, key):
        if isinstance(key, slice):
            return StagedListValue(self.stacked[key])
        return self.stacked[key]

    def __repr__(self):
        return (f"<staged list of {len(self)} {self.stacked.dtype.name}"
                f"{list(self.stacked.shape[1:])} arrays>")

    def append(self, value):
        v = cast(as_staged(value), self.stacked.dtype)
        if v.shape != self.stacked.shape[1:]:
            raise AgValueError(f"{_where()}: appending a {_describe(_spec_of(v))} value "
                               f"to a list of {self.stacked.dtype.name}"
                               f"{list(self.stacked.shape[1:])} values")
        row = np.reshape(v, (1,) + v.shape)
        return StagedListValue(np.concatenate([self.stacked, row]))

    def pop(self):
        if len(self) == 0:
            raise IndexError("pop from empty list")
        return StagedListValue(self.stacked[:-1]), self.stacked[-1]


class _LazyRow(StagedArray):
    """Row `index` of `source`, recorded on first use of its value."""

    __slots__ = ("_source", "_index", "_row")

    def __init__(self, source, index):
        self._source, self._index, self._row = source, index, None
        self.shape, self.dtype = source.shape[1:], source.dtype
        self._scalar = len(self.shape) == 0
        self._bounds = None

    @property
    def _value(self):
        if self._row is None:
            self._row = self._source[self._index]._value
        return self._row

    @_value.setter
    def _value(self, value):
        self._row = value


# --- operators --------------------------------------------------------------------------

def new_list(items):
    """A list display of converted code: remembers where (in which staged region) the
    list was made while tracing, for list_append."""
    from ._trace import is_tracing
    if is_tracing():
        tracer = current_tracer()
        made = getattr(tracer, "ag_lists", None)
        if made is None:
            made = tracer.ag_lists = {}
        made[id(items)] = (items, tracer.block_id())  # kept alive with the trace
    return items


def _check_python_list(target, what):
    """Changing a Python list inside a staged region it was not made in would happen
    once while tracing, however often (or whether) the compiled code runs the region."""
    from ._trace import is_tracing
    if not is_tracing():
        return
    tracer = current_tracer()
    if not tracer.in_region():
        return
    made = getattr(tracer, "ag_lists", {}).get(id(target))
    if made is None or made[0] is not target or made[1] != tracer.block_id():
        raise AgUnsupportedError(
            f"{_where()}: {what} a Python list inside a staged `if` or loop that does not "
            "carry it (it is changed elsewhere than the loop body, e.g. in a function "
            "the loop calls): the change would happen once while tracing; append in the "
            "loop body itself (out.append(v)) or collect into an array")


def list_append(target, value):
    """`target.append(value)`; returns what `target` names afterwards."""
    if isinstance(target, (ListProbe, StagedList, StagedListValue)):
        return target.append(value)
    if type(target) is list:
        _check_python_list(target, "appending to")
    target.append(value)
    return target


def list_pop(target, *index):
    """`target.pop(*index)`: (what `target` names afterwards, the popped value)."""
    if isinstance(target, (ListProbe, StagedList, StagedListValue)):
        if index:
            raise AgUnsupportedError(f"{_where()}: pop(i) of a staged list; only pop() of "
                                     "the last element is staged")
        return target.pop()
    if type(target) is list:
        _check_python_list(target, "popping from")
    return target, target.pop(*index)


def check_unchanged(names, before, after, loc):
    """A Python list in a staged if's state that a branch appended to or popped from:
    the change would happen while tracing, whatever the condition (an error)."""
    for i, items in before.items():
        now = after[i]
        if type(now) is list and (len(now) != len(items) or
                                  any(a is not b for a, b in zip(now, items))):
            raise AgUnsupportedError(
                f"{describe(loc) if loc else _where()}: list '{names[i]}' is changed under "
                "a staged `if` (its condition is only known when the compiled code runs): "
                "the change would happen while tracing either way; append on both paths "
                "(e.g. np.where(cond, value, other)) or build the list in a staged loop")


# --- loops: Python lists in a staged loop's state ---------------------------------------------

def is_loop_list(value):
    """A Python list a staged loop may carry as a StagedList."""
    return type(value) is list and all(
        isinstance(v, (StagedArray, np.ndarray, np.generic, bool, int, float))
        for v in value)


def probes(init, indices, block):
    return {i: ListProbe(init[i], block) for i in indices}


def carried_list(items, probe, count, names, i, loc):
    """The StagedList a loop of `count` iterations starts with, after `probe`."""
    where = describe(loc) if loc else _where()
    name = names[i]
    if not isinstance(count, int):
        raise AgUnsupportedError(
            f"{where}: list '{name}' is appended to in a staged loop whose trip count is "
            "only known when the compiled code runs, so its length would be too; loop "
            "over a Python range or a staged array's rows, or collect into an array")
    if probe.conditional:
        raise AgUnsupportedError(
            f"{where}: list '{name}' is appended to (or popped from) under a staged `if` "
            "or in a nested staged loop, so its length would depend on data; append in "
            "every iteration (e.g. np.where(cond, value, fill)) or collect into an array")
    dtype, shape = probe.spec
    for item in probe.items:
        if _spec_of(item)[1] != shape:
            raise AgValueError(f"{where}: the elements of list '{name}' have different "
                               "shapes; a list built in a staged loop needs one shape")
    capacity = len(probe.items) + count * probe.appends
    buffer = np.zeros((capacity,) + shape, dtype)
    staged = as_staged(buffer)
    if probe.items:
        head = np.stack([cast(as_staged(v), dtype) for v in probe.items])
        if capacity > len(probe.items):
            staged = np.concatenate([head, as_staged(np.zeros(
                (capacity - len(probe.items),) + shape, dtype))])
        else:
            staged = head
    length = as_staged(np.int64(len(probe.items)))
    return StagedList(StagedArray(staged._value), length, None, (dtype, shape)), \
        len(probe.items) + count * (probe.appends - probe.pops)


def final_value(result, length):
    """The list after the loop: its `length` (known) first elements, stacked."""
    if not isinstance(result, StagedList):
        raise AgTypeError("internal: a loop-carried list lost its type")
    return StagedListValue(StagedArray(result.buffer[:length]._value))
