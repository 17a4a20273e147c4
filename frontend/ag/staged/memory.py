"""numpy's memory-layout surface on staged arrays: the layout of new arrays (ufunc
results, astype, np.copy, the *_like functions), ndarray.strides and .flags, views that
read their base live but refuse writes (np.broadcast_to, np.diagonal), the .real and
.imag views of complex arrays, np.lib.stride_tricks.as_strided and
sliding_window_view. The rules themselves (pure functions of shapes and strides) are
in layout.py."""

import operator

import numpy as np

from .._location import describe, user_location
from ..errors import AgUnsupportedError, AgValueError
from . import layout
from .array import UNKNOWN_STRIDES, StagedArray, as_staged


# --- the layout of new arrays -------------------------------------------------------------
def _known(x):
    """x's element strides, or None (unknown, or dynamic dims)."""
    return x._element_strides() if isinstance(x, StagedArray) else None


def set_layout(result, strides):
    """Gives the new array `result` the element strides `strides` (None: unknown)."""
    if result._view is not None or result._scalar:
        return result  # (a view has its own; a numpy scalar none that matters)
    if strides is None:
        result._strides = UNKNOWN_STRIDES
    else:
        result._strides = None if strides == layout.c_strides(result.shape) else strides
    return result


def like(result, a):
    """`result`, a new array numpy makes like `a` with order='K' (np.copy, astype,
    np.empty_like...): laid out as `a` is."""
    if not isinstance(result, StagedArray) or result.ndim < 2 or result is a or \
            None in result.shape:
        return result
    strides = _known(a) if isinstance(a, StagedArray) else layout.c_strides(a.shape)
    if strides is not None and a.shape != result.shape:
        # (made like `a`, then reshaped: np.array(x, ndmin=3), a *_like with shape=)
        strides = layout.c_strides(result.shape) if \
            layout.is_contiguous(a.shape, strides) else None
    return set_layout(result, None if strides is None else
                      layout.like_strides(result.shape, strides))


def elementwise(result, inputs):
    """`result`, a new array a ufunc (or np.where) made of `inputs`: laid out as numpy's
    iterator lays out such an output."""
    if not isinstance(result, StagedArray) or result.ndim < 2 or None in result.shape or \
            any(result is x for x in inputs):
        return result
    operands = []
    for x in inputs:
        if isinstance(x, (StagedArray, np.ndarray)) and np.ndim(x) > 0:
            strides = _known(x) if isinstance(x, StagedArray) else \
                tuple(s // x.itemsize for s in x.strides)
            if strides is None:
                return set_layout(result, None)
            operands.append((x.shape, strides))
    return set_layout(result, layout.ufunc_strides(result.shape, operands))


def c_order(result):
    """`result`, a new array numpy always makes in C order (matmul, x.copy())."""
    if isinstance(result, StagedArray) and result._view is None:
        result._strides = None
    return result


# --- what numpy reports -----------------------------------------------------------------
def _where():
    return describe(user_location())


def _strides_of(x):
    strides = x._element_strides()
    if strides is None:
        raise AgUnsupportedError(
            f"{_where()}: the memory layout of this array is not known to ag (numpy lays "
            "out some results like their operands by rules ag does not follow, and an "
            "array a staged if chose among arrays of different layouts has either): "
            "its strides and flags are not staged")
    return strides


def _byte_strides(self):
    if self._scalar:
        return ()
    return tuple(s * self.dtype.itemsize for s in _strides_of(self))


class Flags:
    """numpy's flags object of a staged array (read-only here: setting one is an ag
    error). Whether an argument owns its memory is the caller's business, which a trace
    does not see: asking is an ag error."""

    _NAMES = {"C": "c_contiguous", "C_CONTIGUOUS": "c_contiguous", "CONTIGUOUS":
              "c_contiguous", "F": "f_contiguous", "F_CONTIGUOUS": "f_contiguous",
              "FORTRAN": "f_contiguous", "W": "writeable", "WRITEABLE": "writeable",
              "A": "aligned", "ALIGNED": "aligned", "O": "owndata", "OWNDATA": "owndata",
              "X": "writebackifcopy", "WRITEBACKIFCOPY": "writebackifcopy",
              "FNC": "fnc", "FORC": "forc", "B": "behaved", "BEHAVED": "behaved",
              "CA": "carray", "CARRAY": "carray", "FA": "farray", "FARRAY": "farray"}

    def __init__(self, array):
        object.__setattr__(self, "_array", array)

    @property
    def c_contiguous(self):
        x = self._array
        return x._scalar or layout.is_contiguous(x.shape, _strides_of(x), "C")

    @property
    def f_contiguous(self):
        x = self._array
        return x._scalar or layout.is_contiguous(x.shape, _strides_of(x), "F")

    @property
    def writeable(self):
        x = self._array
        if x._storage.readonly is not None or x._scalar:
            return False
        if x._storage.argument is not None:
            raise AgUnsupportedError(f"{_where()}: whether an argument is writeable "
                                     "depends on the caller's array: flags.writeable of "
                                     "it is not staged")
        while x._view is not None:  # (a view of a read-only view is read-only)
            if x._view.readonly:
                return False
            x = x._view.parent
        return True

    @property
    def owndata(self):
        x = self._array
        if x._storage.argument is not None:
            raise AgUnsupportedError(f"{_where()}: whether an argument owns its memory "
                                     "depends on the caller's array: flags.owndata of it "
                                     "is not staged")
        return x._view is None

    contiguous = c_contiguous
    fortran = f_contiguous
    aligned = property(lambda self: True)
    writebackifcopy = property(lambda self: False)
    fnc = property(lambda self: self.f_contiguous and not self.c_contiguous)
    forc = property(lambda self: self.f_contiguous or self.c_contiguous)
    behaved = property(lambda self: self.aligned and self.writeable)
    carray = property(lambda self: self.behaved and self.c_contiguous)
    farray = property(lambda self: self.behaved and self.f_contiguous and
                      not self.c_contiguous)

    def __getitem__(self, key):
        name = self._NAMES.get(key.upper()) if isinstance(key, str) else None
        if name is None:
            raise KeyError(f"Unknown flag {key!r}")
        return getattr(self, name)

    def __setattr__(self, name, value):
        raise AgUnsupportedError(f"{_where()}: setting ndarray.flags.{name} is not staged")

    __setitem__ = lambda self, key, value: self.__setattr__(str(key).lower(), value)

    def __repr__(self):
        names = ("C_CONTIGUOUS", "F_CONTIGUOUS", "OWNDATA", "WRITEABLE", "ALIGNED",
                 "WRITEBACKIFCOPY")
        return "\n".join(f"  {n} : {self[n]}" for n in names) + "\n"


StagedArray.strides = property(_byte_strides)
StagedArray.flags = property(Flags)


# --- views that read live and refuse writes ------------------------------------------------
def readonly_view(base, derive, result, strides, what, refused=None):
    """A view of `base` (derive(base) is `result` now) that follows later writes to base,
    as numpy's read-only views do, and raises numpy's ValueError when written (or, with
    `refused`, an ag error saying why ag does not stage writes through it)."""
    def error():
        if refused is not None:
            return AgUnsupportedError(f"{_where()}: {refused}")
        return AgValueError(f"{_where()}: assignment destination is read-only ({what})")

    def scatter(parent, new):
        raise error()
    view = base._derived(derive, scatter, result, strides)
    if view._view is not None:
        view._view.readonly = refused is None
    else:  # (a numpy scalar's "view": a new array, read-only all the same)
        kind = "value" if refused is None else "type"
        view._storage.readonly = (kind, str(error()))
    return view


def part_view(z, which):
    """z.real or z.imag of a complex staged array: a view (writes change z's part)."""
    from . import complexes  # (built on the ufuncs, which are built on this: a cycle)
    part = complexes.real if which == "real" else complexes.imag

    def scatter(parent, new):
        re, im = complexes.real(parent), complexes.imag(parent)
        return complexes.make(new, im) if which == "real" else complexes.make(re, new)
    if z._scalar:  # a numpy scalar's part is a numpy scalar
        return StagedArray(part(z)._value, scalar=True)
    strides = _known(z)
    return z._derived(part, scatter, part(z),
                      None if strides is None else tuple(2 * s for s in strides))


# --- as_strided and sliding_window_view ----------------------------------------------------
def as_strided(x, shape=None, strides=None, subok=False, writeable=True):
    """np.lib.stride_tricks.as_strided of a staged array: a view of the elements the
    shape and strides reach (a gather of constant positions), within x's own elements
    and of a C-contiguous x (numpy addresses x's memory, which ag knows only in those
    terms). Elements reached twice make writes ambiguous: such a view is read-only."""
    if not isinstance(x, StagedArray):
        return np.lib.stride_tricks.as_strided(x, shape, strides, subok, writeable)
    x = as_staged(x)
    where = _where()
    own = _strides_of(x) if x.ndim else ()
    if None in x.shape or not layout.is_contiguous(x.shape, own, "C"):
        raise AgUnsupportedError(f"{where}: as_strided of an array that is not "
                                 "C-contiguous (or has dynamic dims) is not staged")
    item = x.dtype.itemsize
    shape = x.shape if shape is None else tuple(operator.index(d) for d in shape)
    strides = tuple(s * item for s in own) if strides is None else \
        tuple(operator.index(s) for s in strides)
    if len(strides) != len(shape) or any(s % item for s in strides):
        raise AgUnsupportedError(f"{where}: as_strided with strides that are not whole "
                                 "elements (or not one per dim) is not staged")
    steps = [s // item for s in strides]
    positions = np.zeros(shape, np.int64)
    for d, step in enumerate(steps):
        positions += (np.arange(shape[d]) * step).reshape(
            [-1 if e == d else 1 for e in range(len(shape))])
    if positions.size and (positions.min() < 0 or positions.max() >= max(x.size, 1)):
        raise AgUnsupportedError(f"{where}: as_strided reaching past the array's own "
                                 "elements (numpy reads whatever memory lies there) is "
                                 "not staged")
    flat_positions = positions.reshape(-1)

    def derive(parent):
        flat = parent.reshape(-1)
        return flat[flat_positions].reshape(shape) if shape else flat[0][...]

    def scatter(parent, new):
        flat = StagedArray(parent.reshape(-1)._value)
        flat[flat_positions] = new.reshape(-1)
        return flat.reshape(parent.shape)
    result = StagedArray(derive(x)._value)
    if not writeable:
        return readonly_view(x, derive, result, tuple(steps), "an as_strided view made "
                             "with writeable=False")
    if np.unique(flat_positions).size != flat_positions.size:
        return readonly_view(x, derive, result, tuple(steps), "as_strided", refused=(
            "writing through an as_strided view that reaches an element twice is not "
            "staged (numpy's result depends on its loop order)"))
    return x._derived(derive, scatter, result, tuple(steps))


def sliding_window_view(x, window_shape, axis=None, *, subok=False, writeable=False):
    """np.lib.stride_tricks.sliding_window_view of a staged array (numpy's, over
    as_strided: read-only unless writeable=True)."""
    if not isinstance(x, StagedArray):
        return np.lib.stride_tricks.sliding_window_view(x, window_shape, axis,
                                                        subok=subok, writeable=writeable)
    x = as_staged(x)
    # numpy's own shape arithmetic and errors, on a stand-in of x's shape and strides.
    probe = np.lib.stride_tricks.as_strided(np.zeros(1, x.dtype), x.shape,
                                            (0,) * x.ndim)
    try:
        model = np.lib.stride_tricks.sliding_window_view(probe, window_shape, axis)
    except ValueError as e:
        raise AgValueError(f"{_where()}: {e}") from None
    own = _strides_of(x) if x.ndim else ()
    dims = list(range(x.ndim)) + ([a % x.ndim for a in (
        [axis] if isinstance(axis, int) else axis)] if axis is not None else
        list(range(x.ndim)))
    steps = tuple(own[d] * x.dtype.itemsize for d in dims)
    return as_strided(x, model.shape, steps, writeable=writeable)
