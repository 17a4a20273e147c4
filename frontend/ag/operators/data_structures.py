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
length. After the loop, the list object itself -- the one every alias, tuple or dict
holding it sees, as in Python -- is filled in place with the rows of the buffer (its
length is known: the loop's trip count is). The rows are `_LazyRow`s, recorded only when
used: np.stack / np.concatenate (and np.array / np.asarray reached through
converted_call, see array_) of a list whose elements are consecutive rows of one buffer
use the buffer whole (a `StagedListValue` view), so collecting states in a loop and
stacking them costs no op per element. Returned, the list is one result per element
(staging flattens a plain list element by element).

Appends must happen the same number of times in every iteration (not under a staged
`if`, not in a nested staged loop) and the trip count must be known while tracing: the
list's final length is then known, as a static shape needs. Elements must share one
dtype and shape (numpy's stack would fail otherwise).
"""

import numpy as np

from .._location import describe, user_frame, user_location
from ..errors import AgTypeError, AgUnsupportedError, AgValueError
from ..staged import memory
from ..staged.array import StagedArray, as_staged, cast
from ..staged.checks import check_here
from ..staged.dynamic import Dim
from ..staged.either import storages_of
from ..staged.storage import RowStorage, Storages, loaded_by_a_loop, region_start
from ..trace import Unstageable, current_tracer, is_tracing, made_here, mode, note_made


def _where():
    return describe(user_location())


def _is_array(value):
    """Whether a list element is an array (0-d included) rather than a numpy scalar:
    lst[k] gives it back as such."""
    if isinstance(value, StagedArray):
        return not value._scalar
    return isinstance(value, np.ndarray)


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

    def __init__(self, target, block):
        self.target = target  # the Python list the loop changes: filled in place after it
        self.items = list(target)
        self.block = block  # the loop body's insertion block: appends must happen there
        # np.stack of the list gives the elements' common dtype.
        self.spec = (np.result_type(*[_spec_of(v)[0] for v in target]),
                     _spec_of(target[0])[1]) if target else None
        self.appends = self.pops = 0
        # Whether the elements are arrays (True) or numpy scalars (False): 0-d elements
        # come back as what went in.
        self.arrays = {_is_array(v) for v in target}
        self.conditional = False
        # (storage, version) of arrays the list holds that other names may reach (see
        # final_value): the items it had before the loop, and appended ones from before.
        self.aliased = _aliased(self.items, None)
        self.aliases = ()  # other state entries of the loop naming the same list

    def append(self, value):
        self._check_block()
        spec = _spec_of(value)
        if self.spec is None:
            self.spec = spec
        elif spec[1] != self.spec[1]:
            _shape_mismatch(spec, self.spec)
        else:  # np.stack of the list gives the elements' common dtype
            self.spec = (np.promote_types(self.spec[0], spec[0]), self.spec[1])
        self.aliased += _aliased([value], region_start())
        self.arrays.add(_is_array(value))
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
        return StagedArray(as_staged(np.zeros(shape, dtype))._value,
                           scalar=not shape and True not in self.arrays)

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


class _Origin:
    """The Python list a StagedList stands for, in its structure (compared by identity:
    list equality would compare staged elements)."""

    __slots__ = ("list", "aliased", "scalars")

    def __init__(self, target, aliased=(), scalars=True):
        # scalars: 0-d elements are numpy scalars (else 0-d arrays)
        self.list, self.aliased, self.scalars = target, list(aliased), scalars


class StagedList(_Extend):
    """A list carried by a staged loop: `buffer` holds room for every element, the
    first `length` (staged int64) of which are the list. spec: (dtype, shape, _Origin)."""

    def __init__(self, buffer, length, block, spec):
        self.buffer, self.length, self.block, self.spec = buffer, length, block, spec

    # The loop carries (buffer, length); the element spec is the structure (see
    # staged.values.flatten). The block is set when a loop body loads the list.
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
        check_here(np.greater(self.length, np.int64(0)), "pop from empty list", "index")
        self.length = np.subtract(self.length, np.int64(1))
        index = StagedArray(self.length._value, scalar=True)
        index._bounds = (0, self.buffer.shape[0] - 1)  # checked just above
        return self, self.buffer[index]

    def __len__(self):
        _len_unknown()

    def __getitem__(self, key):
        if isinstance(key, int) and key < 0:
            element = self.buffer[np.add(self.length, np.int64(key))]
            if element.ndim == 0 and not self.spec[2].scalars:
                element = StagedArray(element._value)  # a 0-d array went in
            return element
        _only_from_end()

    def _check_block(self, what):
        if current_tracer().block_id() != self.block:
            raise AgUnsupportedError(
                f"{_where()}: {what} a list under a staged `if` (or in a nested staged "
                "loop) makes its length depend on data; append in every iteration (e.g. "
                "append np.where(cond, value, fill)) or collect into an array")


class StagedListValue(list):
    """A view of list elements that are the rows of one staged array `stacked`, for
    np.stack / np.concatenate (see staged.reshaping._stacked_list).

    numpy's dispatch of np.stack/np.concatenate/... reads a list's raw storage, which
    here holds only `stacked`: the call reaches ag's implementation with this object,
    which uses `stacked` as a whole instead of one op per element. len, indexing and
    iteration give the elements."""

    _ag_rows_view = True  # what staged.reshaping recognises it by

    def __init__(self, stacked):
        super().__init__([stacked])
        self.stacked = stacked

    def __len__(self):
        return self.stacked.shape[0]

    def __iter__(self):
        return (_LazyRow(self.stacked, i) for i in range(len(self)))

    def __getitem__(self, key):
        if isinstance(key, slice):
            return StagedListValue(self.stacked[key])
        return self.stacked[key]

    def __repr__(self):
        return (f"<staged list of {len(self)} {self.stacked.dtype.name}"
                f"{list(self.stacked.shape[1:])} arrays>")


class _LazyRow(StagedArray):
    """Row `index` of `source` (an element of a list built in a staged loop), recorded
    on first use of its value."""

    __slots__ = ("_source", "_index", "_row", "_home")

    def __init__(self, source, index, scalar=True):
        self._source, self._index, self._row = source, index, None
        self._storage = RowStorage(self)  # holds the row once recorded (or written)
        # The block the list was filled in: a row first read in a region nested in it
        # (a later loop's body) is recorded there each time, not kept: kept, it would be
        # used after that region ended.
        self._home = current_tracer().block_id()
        self._view = self._cache = self._strides = self._unknown_alias = None
        self.shape, self.dtype = source.shape[1:], source.dtype
        self._scalar = len(self.shape) == 0 and scalar
        self._bounds = None

    @property
    def _value(self):
        if self._unknown_alias is not None:
            self._check_alias("read")
        if self._storage.value is not None:
            return self._storage.value
        row = self._source[self._index]._value
        if current_tracer().block_id() == self._home:
            self._row = row
            self._storage.value = row  # not a write: the row it always held
        return row

    @property
    def _changed(self):
        """Set in place (x[i] = v): no longer the source's row. (A region restoring the
        value it had keeps it a row of the source.)"""
        return self._storage.value is not None and self._storage.value is not self._row

    def __array__(self, dtype=None):
        # np.array(lst) of a list built in a staged loop: numpy's C code asks each
        # element for its value. (Called by another name -- `from numpy import array`
        # -- it goes through converted_call to array_ below, which stages it; the
        # converter leaves `np.array(...)` as a library call.)
        frame = user_frame()
        names = [n for n, v in (frame.f_locals.items() if frame else ())
                 if type(v) is list and any(e is self for e in v)]
        if not names:
            return super().__array__(dtype)
        raise AgUnsupportedError(
            f"{_where()}: np.array / np.asarray of list '{names[0]}' (built in a staged "
            "loop) needs each element's value, which is only known when the compiled "
            f"code runs; use np.stack({names[0]})")

    def __array_function__(self, func, types, args, kwargs):
        # np.stack(lst) / np.concatenate(lst) of a list of consecutive rows of one
        # buffer: the buffer (its rows' range) whole.
        if func in _JOINS and args:
            view = rows_view(args[0])
            if view is not None:
                args = (view,) + tuple(args[1:])
        return super().__array_function__(func, types, args, kwargs)


_JOINS = {np.stack, np.concatenate}


def rows_view(seq):
    """A StagedListValue of `seq` (a list or tuple) if its elements are consecutive,
    unchanged rows of one staged array, else None."""
    if not isinstance(seq, (list, tuple)) or isinstance(seq, StagedListValue) or not seq:
        return None
    first = seq[0]
    if type(first) is not _LazyRow:
        return None
    source, start = first._source, first._index
    for k, v in enumerate(seq):
        if type(v) is not _LazyRow or v._source is not source or \
                v._index != start + k or v._changed:
            return None
    if start == 0 and len(seq) == source.shape[0]:
        return StagedListValue(source)
    return StagedListValue(StagedArray(source[start:start + len(seq)]._value))


# --- np.array / np.asarray of staged values ----------------------------------------------

def _holds_staged(value):
    if isinstance(value, StagedArray):
        return True
    return isinstance(value, (list, tuple)) and any(_holds_staged(v) for v in value)


def _array_of(value):
    """`value` (a staged array, or a possibly nested list/tuple holding staged values)
    as one staged array, as np.array builds it (np.stack's dtype rule)."""
    if isinstance(value, StagedArray):
        return value
    view = rows_view(value)
    if view is not None:
        return view.stacked
    if not value:
        raise AgValueError(f"{_where()}: np.array of a list holding an empty list and "
                           "staged values")
    return as_staged(np.stack([_array_of(v) if _holds_staged(v) else v for v in value]))


def array_(fn, args, kwargs):
    """np.array / np.asarray called by converted code: of a staged array or of a list
    (or tuple) holding staged values -- a list built in a staged loop, say -- a staged
    array (numpy's C code would ask each element for its value)."""
    if not args or not _holds_staged(args[0]):
        return fn(*args, **kwargs)
    value, options = args[0], dict(zip(("dtype",), args[1:]), **kwargs)
    if len(args) > 2 or set(options) - {"dtype", "copy", "order", "subok", "ndmin"} or \
            options.get("order") not in (None, "K", "A", "C"):
        raise AgUnsupportedError(f"{_where()}: np.{fn.__name__} of staged values supports "
                                 "dtype= and ndmin= (C order)")
    result = _array_of(value)
    dtype = options.get("dtype")
    if dtype is not None and np.dtype(dtype) != result.dtype:
        result = cast(result, np.dtype(dtype))
    ndmin = options.get("ndmin", 0)
    if ndmin > result.ndim:
        result = np.reshape(result, (1,) * (ndmin - result.ndim) + tuple(result.shape))
    if result is value and fn is np.asarray and not result._scalar:
        return value  # np.asarray of an array is the array itself
    new = StagedArray(result._value, scalar=False)  # a new array, never a numpy scalar
    # A copy of one array is laid out like it (numpy's order='K'; 'C' asks for C, 'A'
    # for F only when it is F-contiguous).
    order = options.get("order") or "K"
    if not isinstance(value, StagedArray) or order == "C" or \
            order == "A" and not memory.Flags(value).f_contiguous:
        return new
    return memory.like(new, value)


# --- operators --------------------------------------------------------------------------

def new_list(items):
    """A list display of converted code: remembers where (in which staged region) the
    list was made while tracing, for list_append."""
    return note_made(items, "lists") if is_tracing() else items


def _check_python_list(target, what):
    """Changing a Python list inside a staged region it was not made in would happen
    once while tracing, however often (or whether) the compiled code runs the region."""
    if not is_tracing():
        return
    tracer = current_tracer()
    if not tracer.in_region():
        return
    if not made_here(target, "lists"):
        raise AgUnsupportedError(
            f"{_where()}: {what} Python list {_name_of(target)}inside a staged `if` or "
            "loop that does not carry it (it is changed elsewhere than the loop body, "
            "e.g. in a function the loop calls, or through another name than the loop "
            "uses): the change would happen once while tracing; append in the loop body "
            "itself (out.append(v)) or collect into an array")


def _name_of(target):
    """"'name' " of list `target` in the user's code, for messages (or "")."""
    frame = user_frame()
    for name, value in (frame.f_locals.items() if frame else ()):
        if value is target:
            return f"'{name}' "
    return ""


def list_append(target, value):
    """`target.append(value)`; returns what `target` names afterwards."""
    if isinstance(target, (ListProbe, StagedList)):
        if isinstance(value, (bool, int, float)):
            if mode.speculating:
                # Python numbers appended in a Python range loop stay Python numbers:
                # iterate in Python (a staged list would hold numpy scalars).
                raise Unstageable("a Python number appended to a list")
        return target.append(value)
    if type(target) is list:
        _check_python_list(target, "appending to")
    target.append(value)
    return target


def list_pop(target, *index):
    """`target.pop(*index)`: (what `target` names afterwards, the popped value)."""
    if isinstance(target, (ListProbe, StagedList)):
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
    found = {i: ListProbe(init[i], block) for i in indices}
    for i, probe in found.items():
        probe.aliases = [j for j in indices if j != i and init[j] is init[i]]
    return found


def carried_list(items, probe, count, names, i, loc, written=()):
    """The StagedList a loop of `count` iterations starts with, after `probe`. `written`:
    the storages from before the loop that it writes."""
    where = describe(loc) if loc else _where()
    name = names[i]
    if isinstance(count, Dim):
        # `for row in x` over a dynamic first dim: the usual advice (loop over the rows)
        # is what the code already does.
        raise AgUnsupportedError(
            f"{where}: list '{name}' is appended to in a loop over the rows of an array "
            "whose first dim is dynamic (ag.stage(..., dynamic=)): the trip count is known "
            "only at run time, so the list's length would be too. Work on the array "
            "directly instead of row by row (e.g. x * 2 rather than stacking row * 2 for "
            "each row, x.sum(axis=1) rather than a list of row sums)")
    if not isinstance(count, int):
        raise AgUnsupportedError(
            f"{where}: list '{name}' is appended to in a staged loop whose trip count is "
            "only known when the compiled code runs, so its length would be too; loop "
            "over a Python range or a staged array's rows, or collect into an array")
    if probe.aliases:
        raise AgUnsupportedError(
            f"{where}: list '{name}' is also named '{names[probe.aliases[0]]}' in this "
            "staged loop, which changes it; change the list through one name in the loop")
    if any(s is w for s, _ in probe.aliased for w in written):
        raise AgUnsupportedError(
            f"{where}: list '{name}' holds an array (an item, or one appended) that this "
            "staged loop also writes: numpy's list element is that array itself, ag's "
            "list a copy of it; append a copy (.copy()) or write the array elsewhere")
    if probe.conditional:
        raise AgUnsupportedError(
            f"{where}: list '{name}' is appended to (or popped from) under a staged `if` "
            "or in a nested staged loop, so its length would depend on data; append in "
            "every iteration (e.g. np.where(cond, value, fill)) or collect into an array")
    dtype, shape = probe.spec
    if not shape and len(probe.arrays) > 1:
        raise AgUnsupportedError(
            f"{where}: list '{name}' holds both numpy scalars and 0-d arrays; in a staged "
            "loop its elements must be one or the other (np.asarray(v), or v[()])")
    origin = _Origin(probe.target, probe.aliased, scalars=True not in probe.arrays)
    for item in probe.items:
        if _spec_of(item)[1] != shape:
            raise AgValueError(f"{where}: the elements of list '{name}' have different "
                               "shapes; a list built in a staged loop needs one shape")
    capacity = len(probe.items) + count * probe.appends
    buffer = np.zeros((capacity,) + shape, dtype)
    staged = as_staged(buffer)
    if probe.items:
        head = cast(_array_of(probe.items), dtype)
        if capacity > len(probe.items):
            staged = np.concatenate([head, as_staged(np.zeros(
                (capacity - len(probe.items),) + shape, dtype))])
        else:
            staged = head
    length = as_staged(np.int64(len(probe.items)))
    return StagedList(StagedArray(staged._value), length, None, (dtype, shape, origin)), \
        len(probe.items) + count * (probe.appends - probe.pops)


def final_value(result, length):
    """The list after the loop: the Python list the loop changed, holding in place the
    `length` (known) first rows of the buffer (every alias of it sees them)."""
    if not isinstance(result, StagedList):
        raise AgTypeError("internal: a loop-carried list lost its type")
    buffer = result.buffer
    if length != buffer.shape[0]:
        buffer = StagedArray(buffer[:length]._value)
    origin = result.spec[2]
    target = origin.list
    target[:] = [_LazyRow(buffer, k, origin.scalars) for k in range(length)]
    if origin.aliased:
        # The buffer holds copies: numpy's elements are those arrays themselves, which
        # writes through either name change for both. Reading an element after such an
        # array changed, or writing one, is an ag error rather than a different result.
        for row in target:
            row._unknown_alias = (
                "an element of a list built in a staged loop that holds an array other "
                "names reach (ag's list holds a copy of it)", Storages(origin.aliased),
                Storages(origin.aliased).version)
    return target


def _aliased(values, start):
    """(storage, version) of the arrays among `values` made before serial `start` (any,
    for None), or that a staged loop loaded a name's object into: arrays other names
    may reach."""
    out = []
    for v in values:
        if isinstance(v, StagedArray) and not v._scalar and not isinstance(v, _LazyRow):
            out += [(s, s.version) for s in storages_of(v)
                    if start is None or s.serial < start or loaded_by_a_loop(s)]
    return out
