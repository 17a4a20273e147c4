"""An array that is one of two objects, which one decided when the compiled code runs.

After `t = x; if c: t = t * 2` (c staged), numpy's `t` is `x` itself when c is false
and a new array when it is true: a write through `t` changes `x` only on the first path,
and `t` sees later writes to `x` only there. Staged, `t` is an `Either` of the two
objects and the if's condition: a read selects between their contents now (np.where), a
write goes to both, each keeping its old contents where the condition says the write
was not its own. So aliasing that depends on data costs a select, not correctness.
"""

import numpy as np

from ..trace import current_tracer, new_serial
from .array import STALE_ALIAS, UNKNOWN_STRIDES, StagedArray, as_staged, constant
from .storage import Storage


class _EitherStorage(Storage):
    """Stands for the storages of both objects: its version changes with either's (the
    views of an Either re-derive then). Never written itself: Either writes its sides."""

    __slots__ = ("sides", "one")

    def __init__(self, sides, one):  # pylint: disable=super-init-not-called
        self.sides, self.one = sides, one
        self.value = None
        self.serial = new_serial()
        self.argument = None
        self.readonly = None

    @property
    def version(self):
        then, other = (side._storage for side in self.sides)
        # (One storage when a side is a view of the other: once, or nested Eithers of
        # views would count the same storages exponentially often.)
        if then is other or self.one:
            return then.version
        return (then.version, other.version)


class Either(StagedArray):
    """`then` where the staged bool `flag` holds, else `other` (same dtype and shape)."""

    __slots__ = ("_flag", "_sides", "_merged", "_one")

    def __init__(self, flag, then, other, scalar, merged):
        self._flag, self._sides = flag, (then, other)
        # Whether both objects are one memory in one layout (see _one_memory): fixed
        # with the sides, so known once.
        self._one = _one_memory(then, other)
        self._storage = _EitherStorage(self._sides, self._one)
        self._view = self._cache = self._strides = self._unknown_alias = None
        self.shape, self.dtype = then.shape, then.dtype
        self._scalar, self._bounds = scalar, None
        # The if's result: what the name holds as long as neither object is written
        # (then no select is needed). None: no such value, select when read -- also
        # when a side is an object ag does not follow, whose reads check its array.
        if merged is not None and (_alias_of(then) or _alias_of(other)):
            merged = None
        self._merged = (self._storage.version, merged)

    @property
    def _value(self):
        if self._one:
            return self._sides[0]._value
        if self._storage.version == self._merged[0] and self._merged[1] is not None:
            return self._merged[1]
        key = (self._storage.version, current_tracer().block_id())
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        then, other = self._sides
        value = np.where(self._flag, StagedArray(then._value), StagedArray(other._value))
        self._cache = (key, value._value)
        return value._value

    def _assign(self, contents):
        then, other = self._sides
        if self._one:
            then._assign(contents)  # the other's contents are the same memory
            return
        for near, far in ((then, other), (other, then)):
            chain = _views_between(near, far)
            if chain is not None:
                # `near` is a view of `far`: one write to far, of what it holds after
                # a write through near on near's paths and after this one on the others
                # (two writes, each to both of far's objects when far is an Either,
                # would double the work per nesting level).
                through = _scatter_up(chain, contents)
                if near is then:
                    new = np.where(self._flag, through, contents)
                else:
                    new = np.where(self._flag, contents, through)
                far._assign(StagedArray(as_staged(new)._value))
                return
        then._assign(StagedArray(np.where(self._flag, contents,
                                          StagedArray(then._value))._value))
        other._assign(StagedArray(np.where(self._flag, StagedArray(other._value),
                                           contents)._value))

    def _element_strides(self):
        # Known when both objects have one layout (a view of either is numpy's view of
        # whichever it is then); else unknown. Fixed with the sides: found once (each
        # op asks, and nested Eithers would ask their sides again at every level).
        if self._strides is None:
            then, other = (side._element_strides() for side in self._sides)
            self._strides = then if then is not None and then == other \
                else UNKNOWN_STRIDES
        return None if self._strides is UNKNOWN_STRIDES else self._strides


def _views_between(view, ancestor):
    """The objects from `view` up to (not including) `ancestor` when `view` is a view
    of it through views only, else None."""
    chain = []
    while view is not ancestor:
        if view._view is None:
            return None
        chain.append(view)
        view = view._view.parent
    return chain or None


def _scatter_up(chain, contents):
    """What chain[-1]'s parent would hold after writing `contents` through chain[0]
    (each view's scatter, as StagedArray._assign does, without writing)."""
    new = contents
    for obj in chain:
        if obj._unknown_alias is not None:
            obj._check_alias("write")
        view = obj._view
        new = view.scatter(StagedArray(view.parent._value), StagedArray(new._value))
    return new


def _whole(array):
    """The object of which `array` is all the memory in the same layout (x for x[:],
    x[...], x.reshape(x.shape), and views of those; an Either's objects when they are
    one memory), else `array` itself."""
    while True:
        if isinstance(array, Either) and array._one:
            array = array._sides[0]
            continue
        if array._view is None:
            return array
        parent = array._view.parent
        strides = array._element_strides()
        if parent.shape != array.shape or parent.dtype != array.dtype or \
                strides is None or strides != parent._element_strides():
            break
        array = parent
    return array


def whole_of(array):
    """The object a view is all the memory of in its layout (see _whole), else
    `array` itself: numpy's two objects then differ only in identity."""
    if isinstance(array, StagedArray) and not isinstance(array, Either) and \
            array._view is not None:
        return _whole(array)
    return array


def _one_memory(then, other):
    """Whether two objects are the same memory in the same layout (p and p[0:, ...]):
    then an Either of them reads and writes either one (numpy's two objects differ only
    in identity), and a name a loop rebinds to a view of itself on some paths does not
    double the work of every write per step."""
    return then is other or _whole(then) is _whole(other)


def storages_of(array):
    """The storages an object's writes reach (both sides' for an Either or a view of
    one), each once."""
    out, seen, todo = [], set(), [array._storage]
    while todo:
        storage = todo.pop()
        if id(storage) in seen:
            continue
        seen.add(id(storage))
        if isinstance(storage, _EitherStorage):  # an Either, or a view of one
            todo += [side._storage for side in reversed(storage.sides)]
        else:
            out.append(storage)
    return out


def one_of(which, arrays, own, merged):
    """The object the staged int32 `which` says: `own` (0) or arrays[k - 1], as nested
    Eithers; `merged`: the value the result has until one of them is written (None:
    unknown)."""
    # Arrays that are one memory in one layout (x and x[:] or x.T of a vector, both
    # possibly the name's object on some path) are one side, held when `which` is any
    # of theirs: numpy's objects differ only in identity, and as two sides every write
    # would reach that memory twice, doubling per if a loop nests them in.
    groups = {}  # id of the memory's whole object -> [array, its numbers]
    for k, array in enumerate(arrays):
        groups.setdefault(id(_whole(array)), [array, []])[1].append(k + 1)
    obj = own
    for array, numbers in reversed(list(groups.values())):
        holds = np.equal(which, np.int32(numbers[0]))
        for n in numbers[1:]:
            holds = np.logical_or(holds, np.equal(which, np.int32(n)))
        obj = Either(holds, array, obj, own._scalar, merged)
    return obj


def which_of(x, arrays, known=None, memo=None):
    """Which of `arrays` the object `x` is (k + 1 for arrays[k], 0 for none), following
    Eithers: a Python int, or a staged int32 where it depends on the path. `known`:
    (object, staged int) pairs whose answer is already staged."""
    for k, array in enumerate(arrays):
        if x is array:
            return k + 1
    for obj, which in known or ():
        if x is obj:
            return which
    if isinstance(x, Either):
        memo = {} if memo is None else memo  # (Eithers nested in both sides: once each)
        if id(x) not in memo:
            then, other = (which_of(side, arrays, known, memo) for side in x._sides)
            if isinstance(then, int) and isinstance(other, int) and then == other:
                memo[id(x)] = (x, then)
            else:
                memo[id(x)] = (x, np.where(x._flag, staged_int(then), staged_int(other)))
        return memo[id(x)][1]
    whole = whole_of(x)
    if whole is not x:
        # All of another object's memory in its layout (`y = t[:]` of an Either t
        # made inside a branch): that object, whose objects one_of groups as one.
        return which_of(whole, arrays, known, memo)
    return 0


def staged_int(which):
    """A staged int32 for a Python or staged one."""
    return constant(np.int32(which)) if isinstance(which, int) else which


def leaves_before(x, start):
    """The arrays from before serial `start` that `x` is on some path (through the
    Eithers made since)."""
    if isinstance(x, Either) and x._storage.serial >= start:
        return [a for side in x._sides for a in leaves_before(side, start)]
    if isinstance(x, StagedArray) and not x._scalar and x._storage.serial < start:
        return [x]
    if whole_of(x) is not x:
        # (A view of all of such an Either: see which_of.)
        return leaves_before(whole_of(x), start)
    return []


# --- objects ag does not follow, through regions -------------------------------------------

def _alias_of(x):
    """The _unknown_alias of `x`, or of an object it is on some path, else None."""
    if isinstance(x, Either):
        return next((a for a in map(_alias_of, x._sides) if a is not None), None)
    return x._unknown_alias if isinstance(x, StagedArray) else None


def mark_stale(objects, start):
    """At the end of a region (a branch, a loop body): the objects it made whose numpy
    counterpart ag does not follow (_unknown_alias) and whose array changed since are
    stale whatever happens after it -- its rollback and merge change the versions the
    check compares."""
    for x in objects:
        if isinstance(x, StagedArray) and not isinstance(x, Either) and \
                x._unknown_alias is not None and x._storage.serial >= start:
            why, source, version = x._unknown_alias
            if version is not STALE_ALIAS and source.version != version:
                x._unknown_alias = (why, source, STALE_ALIAS)


def carry_alias(result, raw):
    """`result` stands for `raw` after a region: when raw (on some path) is an object
    ag does not follow, so is the result -- from now on, or at once when it was stale
    at the region's end (mark_stale). Whether it did."""
    alias = _alias_of(raw)
    if alias is None:
        return False
    why, source, version = alias
    result._unknown_alias = (why, source,
                             version if version is STALE_ALIAS else source.version)
    return True
