"""Objects and their contents under staging: Storage, views and the write journal.

Python keeps two things apart that a naive tracer conflates: a *name* is bound to an
*object*, and an object has *contents* that in-place operations change and that every
alias and view sees. ag models them as PyTorch's functionalization does:

* a ``Storage`` is the memory of one array allocation. It holds the staged value of the
  whole array *now* (``value``) and a ``version`` that changes with it;
* a StagedArray is a Python object over a storage: the array itself (``view is None``) or
  a view of another StagedArray (``View``: how it was taken, and how a write through it
  goes back to the parent);
* a read of a view re-derives it from the storage when the storage changed since the last
  read; a write through a view computes the parent's new contents and writes those, up to
  the storage. Every object sharing the storage sees the write.

Staged regions (the branches of an scf.if, the body of an scf.for/while) record into
their own blocks. A storage made outside a region and written inside it changes a value
the region must carry: the innermost open ``Journal`` records the first write of each
such storage (with the value it had), so the region can yield the new contents, and roll
the storage back before recording another path.
"""

import threading

from ..errors import AgTypeError, AgValueError
from ..trace import new_serial


class Storage:
    """The contents of one array allocation, as a staged value of its full shape."""

    __slots__ = ("value", "version", "serial", "argument", "readonly", "__weakref__")

    def __init__(self, value, argument=None):
        self.value = value
        self.version = 0
        # Storages are ordered by creation: a journal knows which ones predate it.
        self.serial = new_serial()
        # The position of the function argument this storage is (its writes go back to
        # the caller's array when the call ends), or None.
        self.argument = argument
        # A message when writes must raise (a numpy scalar argument, a broadcast view).
        self.readonly = None

    def write(self, value):
        """A write by the program: logged in the innermost open journal."""
        journal = _journals().top()
        if journal is not None and self.serial < journal.start and \
                self not in journal.old:
            journal.old[self] = self.value
        self.reset(value)

    def reset(self, value):
        """Sets the contents without logging (regions loading and restoring state)."""
        self.value = value
        self.version += 1


class Storages:
    """Several storages as one storage-like version (for StagedArray._unknown_alias): it
    differs from the recorded one once any of them is written. `pairs`: (storage, any)."""

    def __init__(self, pairs):
        self.storages = [s for s, _ in pairs]

    @property
    def version(self):
        return tuple(s.version for s in self.storages)


class RowStorage(Storage):
    """The storage of an element of a list built in a staged loop: empty (None) until
    the row is first read, which `owner._value` does (where the read is recorded)."""

    __slots__ = ("owner",)

    def __init__(self, owner):
        super().__init__(None)
        self.owner = owner

    def current(self):
        return self.value if self.value is not None else self.owner._value


class View:
    """How a view was taken from its parent: `derive(parent)` gives the view's contents
    from the parent's, `scatter(parent, contents)` the parent's contents after a write of
    the whole view. Both take and return plain StagedArrays (not views)."""

    __slots__ = ("parent", "derive", "scatter", "serial", "readonly")

    def __init__(self, parent, derive, scatter):
        self.parent, self.derive, self.scatter = parent, derive, scatter
        self.readonly = False  # numpy's view is read-only (its scatter raises)
        # When the view was taken (a region knows the views made before it).
        self.serial = new_serial()


class Journal:
    """The storages a staged region's recording wrote that predate the region, with the
    value each had before its first write there (insertion ordered)."""

    def __init__(self):
        self.start = new_serial()
        self.old = {}
        # Storages a staged loop's body loaded its names' objects into (see
        # loaded_by_a_loop): made in the region, yet arrays other names reach.
        self.loaded = set()

    def __enter__(self):
        _journals().stack.append(self)
        return self

    def __exit__(self, *exc):
        popped = _journals().stack.pop()
        assert popped is self
        return False

    def rollback(self):
        """Gives every storage written under this journal its value from before."""
        for storage, value in self.old.items():
            storage.reset(value)


class _Journals(threading.local):
    def __init__(self):
        self.stack = []

    def top(self):
        return self.stack[-1] if self.stack else None


_state = _Journals()


def region_start():
    """The serial the innermost staged region being recorded started at (storages made
    before it have smaller ones), or None outside regions."""
    journal = _journals().top()
    return journal.start if journal is not None else None


def loaded_by_a_loop(storage):
    """Whether `storage` holds a name's object a staged loop being recorded loaded (its
    name, and any alias of it, reach it: not a temporary of the body)."""
    return any(id(storage) in journal.loaded for journal in _journals().stack)


def _journals():
    return _state


def readonly_error(storage):
    if storage.readonly is None:
        return None
    kind, text = storage.readonly
    return (AgTypeError if kind == "type" else AgValueError)(text)
