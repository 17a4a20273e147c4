"""Arrays a staged function reads from outside itself: implicit parameters.

numpy code reads module-level arrays (weights, lookup tables) and arrays in closure cells
at the time it runs, and sees every change made to them in between; it may also write
them. A trace that baked such an array in as a constant would return stale results after
`W[:] = ...` or `W -= lr * g`. So while tracing, a converted function sees its globals
through an overlay (and its closure through new cells) that turn each numpy array it
reads into a staged *implicit parameter* of the compiled code; every call passes the
array the name holds then (by reference, no copy), and writes to it are written back
like writes to an argument. A name rebound to an array of another dtype or shape
retraces.
"""

import types

import numpy as np

from ._location import function_where
from ._values import MISSING, SUPPORTED_DTYPES, frozen  # noqa: F401  (frozen: for staging)
from .trace import current_tracer


def _staged_array():
    """The staged array class. (Imported when a trace needs it: a trace record hit
    makes Captures without loading the staged surface and the compiler it imports.)"""
    from .staged.array import StagedArray  # (the staged surface: tracing only)
    return StagedArray


class Captures:
    """The implicit parameters of one trace, in the order they were first read."""

    def __init__(self, first_position):
        self.first = first_position
        self.sources = []  # ("global", dict, name) or ("cell", cell)
        self.specs = []    # (dtype, shape) traced for each source
        self._params = {}  # source key -> StagedArray
        self._overlays = {}
        self._outside = {}  # id -> (object from outside, its attributes before the trace)
        # Every global the traced code read, first value (MISSING: not a global then, a
        # builtin), {(module name, name): value}, and whether it assigned one: what a
        # trace record (_persist) checks in another process.
        self.reads = {}
        self.assigned_globals = False

    def lift(self, source, array):
        """The staged parameter standing for `array`, read from `source`."""
        key = _key(source)
        staged = self._params.get(key)
        if staged is not None:
            return staged
        if array.dtype not in SUPPORTED_DTYPES or frozen(array):
            # A dtype ag does not stage: the constant path names it. A frozen array
            # (read-only all the way to its memory) cannot change: a compile-time
            # constant, as in numba, guarded by identity.
            return array
        staged = _staged_array()(current_tracer().argument(array.dtype.name,
                                                           list(array.shape)))
        staged._storage.argument = self.first + len(self.sources)
        self._params[key] = staged
        self.sources.append(source)
        self.specs.append((array.dtype, array.shape))
        return staged

    def function(self, fn):
        """`fn` (a converted function) reading its globals and closure through this
        trace's implicit parameters."""
        overlay = self._overlays.get(id(fn.__globals__))
        if overlay is None:
            overlay = self._overlays[id(fn.__globals__)] = _Globals(fn.__globals__, self)
        cells = fn.__closure__
        for cell in cells or ():
            try:
                self.note_outside(cell.cell_contents)
            except ValueError:  # an empty cell
                pass
        if cells and any(_holds_array(c) for c in cells):
            cells = tuple(types.CellType(self.lift(("cell", c), c.cell_contents))
                          if _holds_array(c) else c for c in cells)
        lifted = types.FunctionType(fn.__code__, overlay, fn.__name__, fn.__defaults__,
                                    cells)
        lifted.__kwdefaults__ = fn.__kwdefaults__
        lifted.__dict__.update(fn.__dict__)
        return lifted

    def note_outside(self, value):
        """`value` (a global, closure value or argument the trace reads) is an object
        that outlives the trace: remember its attributes (and those of the objects they
        hold, one level down) to tell, at the end, whether a staged value was left in
        one."""
        # (Called on every global read while tracing: a known object is not copied
        # again.)
        if id(value) in self._outside:
            return
        for obj in [value] + list(_contents(value).values()):
            if id(obj) not in self._outside and (type(obj) in (list, dict) or
                                                 _attributes(obj)):
                self._outside[id(obj)] = (obj, dict(_contents(obj)))

    def escaped(self):
        """The attributes (or items) of outside objects that hold a staged value now,
        all put back to what they held before the trace: [(object, name or key)]. numpy
        would leave the value the program computed there; ag cannot write a value the
        compiled code computes into a Python object (it would outlive its trace)."""
        found = []
        StagedArray = _staged_array()
        for obj, before in self._outside.values():
            now = _contents(obj)
            staged = [name for name, value in now.items() if isinstance(value, StagedArray)]
            if not staged:
                continue
            found += [(obj, name) for name in staged]
            if type(obj) is list:
                obj[:] = before.values()
            elif type(obj) is dict:
                obj.clear()
                obj.update(before)
            else:
                for name in staged:
                    if name in before:
                        setattr(obj, name, before[name])
                    else:
                        delattr(obj, name)
        self._outside = {}
        return found

    def finish(self):
        """Globals the traced code assigned (`global n; n = ...`) reach their modules.
        Returns the implicit parameters (StagedArrays) in order, and forgets them and the
        overlays: the compiled entry keeps only where to read each array from (a staged
        value would keep the whole trace alive)."""
        for overlay in self._overlays.values():
            overlay.write_back()
        params = [self._params[_key(s)] for s in self.sources]
        self._params, self._overlays = {}, {}
        return params

    def values(self):
        """The arrays to pass for a call now, or None when one no longer matches the
        traced dtype and shape (the call must retrace)."""
        out = []
        for source, (dtype, shape) in zip(self.sources, self.specs):
            if source[0] == "global":
                value = source[1].get(source[2])
            else:
                try:
                    value = source[1].cell_contents
                except ValueError:
                    return None
            if type(value) is not np.ndarray or value.dtype != dtype or \
                    value.shape != shape:
                return None
            out.append(value)
        return out


def escape_message(fn, escaped):
    """The error for the staged values Captures.escaped found after tracing `fn`."""
    where = function_where(fn)
    names = ", ".join(f"{'item' if type(obj) in (list, dict) else 'attribute'} "
                      f"{name!r} of a {type(obj).__name__}" for obj, name in escaped)
    return (f"{where}ag.stage({getattr(fn, '__name__', 'fn')}): the function leaves a "
            f"value computed from staged data in the {names} from outside the function "
            f"(a global, closure value or argument): ag cannot write a value the compiled "
            f"code computes into a Python object. Return the value instead, or keep it "
            f"in an object the function creates.")


def _key(source):
    """A source as a dict key: its container by identity (a module dict or a cell), and
    the global's name."""
    return (id(source[1]),) + tuple(source[2:])


def _attributes(obj):
    """The instance attributes of a plain Python object ({} for modules, classes,
    functions, numpy arrays and values without a __dict__)."""
    if isinstance(obj, (types.ModuleType, type, types.FunctionType, types.MethodType,
                        types.BuiltinFunctionType, np.ndarray, _staged_array())):
        return {}
    attrs = getattr(obj, "__dict__", None)
    return attrs if type(attrs) is dict else {}


def _contents(obj):
    """What an outside object holds where a trace could leave a staged value: a list's
    or dict's items (by index or key), another object's attributes."""
    if type(obj) is list:
        return dict(enumerate(obj))
    if type(obj) is dict:
        return obj
    return _attributes(obj)


def _holds_array(cell):
    try:
        return type(cell.cell_contents) is np.ndarray
    except ValueError:  # an empty cell
        return False


class _Globals(dict):
    """A module's globals as traced code sees them: numpy arrays become implicit
    parameters. (CPython reads the globals of a function through __getitem__ when they
    are not an exact dict; STORE_GLOBAL writes this dict itself, hence write_back.)"""

    def __init__(self, module, captures):
        super().__init__()
        self._module, self._captures = module, captures

    def __getitem__(self, name):
        if dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        try:
            value = self._module[name]
        except KeyError:
            self._captures.reads.setdefault((self._module.get("__name__"), name), MISSING)
            raise
        self._captures.reads.setdefault((self._module.get("__name__"), name), value)
        if type(value) is np.ndarray:
            return self._captures.lift(("global", self._module, name), value)
        self._captures.note_outside(value)
        return value

    def get(self, name, default=None):
        try:
            return self[name]
        except KeyError:
            return default

    def __contains__(self, name):
        return dict.__contains__(self, name) or name in self._module

    def write_back(self):
        if dict.__len__(self):
            self._captures.assigned_globals = True
        for name, value in dict.items(self):
            self._module[name] = value
