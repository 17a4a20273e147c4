"""np.random in staged functions: draws happen when the compiled code runs (issue 11).

A call of np.random.<f> (numpy's global RandomState), or of a method of a
np.random.Generator or RandomState object, while a function is traced records an
``ag.host_call``: when execution reaches it, compiled code calls back into Python, which
makes the very same call on the same generator -- so a staged program draws the numbers
eager numpy draws, in the same order, interleaved with the caller's own draws, once per
iteration of a staged loop and only on the taken path of a staged branch. Nothing is
drawn while tracing. Staged arguments (a staged loc, scale, size, ...) are passed to the
call with their run-time values.

What the call returns (a Python float or int, a numpy scalar or an array, its dtype and
shape) is learnt while tracing by making the call on a throwaway generator of the same
kind, with stand-in values for the staged arguments and 1 for the dims of `size` no
argument constrains (the shape comes from `size` itself), so that tracing neither draws
from the user's generator nor allocates what the real call will.

Which generator the compiled code draws from:

- numpy's global one, and generators read from closures or globals, as they are
  (staging guards closure and global generators by identity: rebinding one retraces);
- a generator passed as an argument, by its position: a later call with another
  generator draws from that one (staging passes the call's arguments, see `arguments`);
- a generator made in the function (``rng = np.random.default_rng(seed)``) is made
  again each time the compiled code reaches that line.

`shuffle(x)` of a staged array shuffles a copy of its contents in the callback and
writes it back into x in place (every alias and view sees it, as in numpy).

Not staged (an ag error naming the line): shuffle of a Python object (a numpy array or
list held while tracing), `out=`, calls whose result is not an array or number of a
dtype ag stages, and result shapes that depend on dynamic dims of staged arguments other
than through `size` (but for `permutation` and a 1-d `choice`).
"""

import contextlib
import threading
import types
import weakref

import numpy as np

from .._callbacks import new_callback
from .._values import GENERATORS
from .._location import describe, user_location
from ..errors import AgError, AgTypeError, AgUnsupportedError, AgValueError
from ..trace import current_trace
from .array import StagedArray, as_staged, cast, check_dtype, record
from .dynamic import Size, dim_of

# What makes generators (np.random.Generator(np.random.PCG64(seed)) too).
_MADE_TYPES = GENERATORS + (np.random.BitGenerator,)
# numpy.random functions that are not methods of the global RandomState (but act on it),
# with the RandomState method that does the same.
_MODULE_FUNCTIONS = ((np.random.seed, "seed"), (np.random.ranf, "random_sample"),
                     (np.random.sample, "random_sample"))

# Parameter names in positional order (numpy 1.24), where staging needs them: to find
# `size`, and to pick valid stand-ins for staged arguments. "*dims": every positional
# argument is a dim of the result (rand, randn). Methods not listed are staged too; only
# their keyword `size` is known to be one.
_LEGACY = {
    "rand": ("*dims",), "randn": ("*dims",),
    "random_sample": ("size",), "random": ("size",), "ranf": ("size",),
    "sample": ("size",), "standard_normal": ("size",),
    "standard_exponential": ("size",), "standard_cauchy": ("size",),
    "uniform": ("low", "high", "size"), "normal": ("loc", "scale", "size"),
    "exponential": ("scale", "size"), "randint": ("low", "high", "size", "dtype"),
    "random_integers": ("low", "high", "size"),
    "choice": ("a", "size", "replace", "p"), "permutation": ("x",),
    "poisson": ("lam", "size"), "binomial": ("n", "p", "size"),
    "geometric": ("p", "size"), "beta": ("a", "b", "size"),
    "gamma": ("shape", "scale", "size"), "standard_gamma": ("shape", "size"),
    "lognormal": ("mean", "sigma", "size"), "laplace": ("loc", "scale", "size"),
    "logistic": ("loc", "scale", "size"), "gumbel": ("loc", "scale", "size"),
    "rayleigh": ("scale", "size"), "chisquare": ("df", "size"),
    "standard_t": ("df", "size"), "triangular": ("left", "mode", "right", "size"),
    "seed": ("seed",), "shuffle": ("x",),
}
_GENERATOR = dict(
    _LEGACY,
    random=("size", "dtype", "out"), standard_normal=("size", "dtype", "out"),
    standard_exponential=("size", "dtype", "method", "out"),
    standard_gamma=("shape", "size", "dtype", "out"),
    integers=("low", "high", "size", "dtype", "endpoint"),
    choice=("a", "size", "replace", "p", "axis", "shuffle"), permutation=("x", "axis"),
    permuted=("x", "axis", "out"), shuffle=("x", "axis"),
)
# Stand-ins for staged arguments while probing, by parameter name (others: 1).
_STAND_INS = {"loc": 0, "mean": 0, "left": 0, "mode": 0.5, "right": 1, "p": 0.5}


def intercepts(fn):
    """Whether converted code's call of `fn` is a np.random call that `call` stages."""
    owner = getattr(fn, "__self__", None)
    if isinstance(owner, GENERATORS):
        return isinstance(fn, types.BuiltinMethodType)
    if isinstance(fn, type):
        return issubclass(fn, _MADE_TYPES)
    return fn is np.random.default_rng or any(fn is f for f, _ in _MODULE_FUNCTIONS)


def call(fn, args, kwargs):
    """fn(*args, **kwargs), a np.random function or generator method, while tracing:
    records the call for run time and returns what stands for its result."""
    loc = user_location()
    if fn is np.random.default_rng or isinstance(fn, type):
        return _make(fn, args, kwargs, loc)
    owner = fn.__self__ if isinstance(getattr(fn, "__self__", None), GENERATORS) else None
    what = (f"np.random.{fn.__name__}" if owner is None or owner is np.random.mtrand._rand
            else f"{type(owner).__name__}.{fn.__name__}")
    name = fn.__name__ if owner is not None else \
        next(method for f, method in _MODULE_FUNCTIONS if f is fn)
    if kwargs.get("out") is not None:
        raise AgUnsupportedError(
            f"{describe(loc)}: {what}(out=...) is not staged; assign the result instead "
            "(out[...] = ...)")
    generator = isinstance(owner, np.random.Generator)
    params = (_GENERATOR if generator else _LEGACY).get(name)
    named = _bind(params, args, kwargs, what, loc)
    operands = []
    template = [(n, _template(v, operands)) for n, v in named]
    kind = np.random.Generator if generator else np.random.RandomState
    if name == "shuffle":
        return _shuffle(owner, named, template, operands, kind, what, loc)
    size, length = _shape_arguments(name, named)
    probe_size = None if size is None else _probe_size(size, named)
    probe = _probe(kind, name, named, probe_size, what, loc, bool(operands))
    result = _result(probe, what, loc)
    if result is None:  # seed, set_state: an effect only
        expect, wrap, sizes = None, None, []
    else:
        (dtype, shape), wrap = result
        shape, sizes = _static_shape(name, shape, size, probe_size, length, named, what,
                                     loc)
        expect = (dtype, shape)
    runner = _Call(_owner(owner) if owner is not None else (lambda: fn),
                   name if owner is not None else None, template,
                   "value" if expect is not None else None)
    return _record(runner, operands, sizes, expect, wrap)


def _shuffle(owner, named, template, operands, kind, what, loc):
    """shuffle(x) of a staged array: compiled code passes x's contents to the call, which
    shuffles them (drawing as the eager call does), and writes the result into x in
    place, so every alias and view of x sees it (and an argument's caller)."""
    x = next((v for n, v in named if _param(n) == "x"), None)
    if not isinstance(x, StagedArray):
        raise AgUnsupportedError(
            f"{describe(loc)}: {what}() of a {type(x).__name__} made or read while "
            "tracing: ag shuffles staged arrays in place, not Python objects; "
            "`x = <generator>.permutation(x)` draws the same numbers and returns the "
            "shuffled copy")
    _probe(kind, "shuffle", named, False, what, loc, True)  # numpy's argument errors
    sizes = [dim_of(x, i, loc) for i, d in enumerate(x.shape) if d is None]
    index = next(i for i, o in enumerate(operands) if o is x)
    shuffled = _record(_Call(_owner(owner), "shuffle", template, index), operands, sizes,
                       (x.dtype, x.shape), StagedArray)
    x[...] = shuffled


# --- arguments -----------------------------------------------------------------------

def _bind(params, args, kwargs, what, loc):
    """[(parameter name, value)] of the call: positional arguments first (name None
    where the parameters are not known), then keyword arguments ("=" + name)."""
    if params is None:
        names = [None] * len(args)
    elif params[0] == "*dims":
        if kwargs:
            raise AgTypeError(f"{describe(loc)}: {what}() got an unexpected keyword "
                              f"argument '{next(iter(kwargs))}'")
        names = ["*dims"] * len(args)
    else:
        if len(args) > len(params):
            raise AgTypeError(f"{describe(loc)}: {what}() takes at most {len(params)} "
                              f"positional arguments ({len(args)} given)")
        names = list(params[:len(args)])
        for k in kwargs:
            if k in names:
                raise AgTypeError(f"{describe(loc)}: {what}() got multiple values for "
                                  f"argument '{k}'")
    return list(zip(names, args)) + [("=" + k, v) for k, v in kwargs.items()]


def _param(name):
    return name[1:] if name and name.startswith("=") else name


def _split(named, value_of):
    """(args, kwargs) of a call from [(name, value)] (see _bind), values mapped."""
    args, kwargs = [], {}
    for name, value in named:
        if name and name.startswith("="):
            kwargs[name[1:]] = value_of(name, value)
        else:
            args.append(value_of(name, value))
    return args, kwargs


class _Slot:
    """Where the index-th staged operand goes in the call made at run time."""

    __slots__ = ("index",)

    def __init__(self, index):
        self.index = index


def _has_staged(value):
    return isinstance(value, StagedArray) or (
        isinstance(value, (list, tuple)) and any(_has_staged(v) for v in value))


class _MadeObject:
    """A generator (or bit generator) made in the traced function: compiled code passes
    the one it made."""

    __slots__ = ("maker",)

    def __init__(self, maker):
        self.maker = maker


def _template(value, operands):
    """`value` with each staged value replaced by a _Slot (appended to operands) and
    each generator made in the trace by a _MadeObject; numpy arrays are copied, as
    compiled code keeps the values constants had when traced."""
    if isinstance(value, StagedArray):
        operands.append(value)
        return _Slot(len(operands) - 1)
    maker = _maker_of(value)
    if maker is not None:
        return _MadeObject(maker)
    if isinstance(value, (list, tuple)) and _has_staged(value):
        return type(value)(_template(v, operands) for v in value)
    return value.copy() if isinstance(value, np.ndarray) else value


def _filled(value, arrays):
    if isinstance(value, _Slot):
        a = arrays[value.index]
        return a[()] if a.ndim == 0 else a  # numpy scalars, as the eager call sees them
    if isinstance(value, _MadeObject):
        return _made()[value.maker]
    if isinstance(value, (list, tuple)) and _to_fill(value):
        return type(value)(_filled(v, arrays) for v in value)
    return value


def _to_fill(value):
    return isinstance(value, (_Slot, _MadeObject)) or (
        isinstance(value, (list, tuple)) and any(_to_fill(v) for v in value))


def _shape_arguments(name, named):
    """(size, length): the call's size as a tuple (entries staged or ints; None when
    not given), and for permutation of an int, that int (staged or not)."""
    size = None
    dims = [v for n, v in named if n == "*dims"]
    if dims:
        size = tuple(dims)
    for n, v in named:
        if _param(n) == "size" and v is not None:
            if isinstance(v, StagedArray) and v.ndim:
                raise AgUnsupportedError(
                    f"{describe(user_location())}: a size given as a staged array; give "
                    "it as a tuple of ints or staged 0-d ints")
            size = tuple(v) if isinstance(v, (tuple, list)) else (v,)
    length = None
    if name == "permutation":
        x = next((v for n, v in named if _param(n) == "x"), None)
        if isinstance(x, StagedArray) and x.ndim == 0 or \
                isinstance(x, (int, np.integer)) and not isinstance(x, bool):
            length = x
    return size, length


# --- probing: what the call returns ---------------------------------------------------

_probes = threading.local()


def _throwaway(kind):
    """A generator of `kind` to probe result types with (never the user's)."""
    cache = getattr(_probes, "generators", None)
    if cache is None:
        cache = _probes.generators = {}
    if kind not in cache:
        cache[kind] = np.random.default_rng(0) if kind is np.random.Generator \
            else np.random.RandomState(0)
    return cache[kind]


def _stand_in(name, value, named):
    """A value valid for parameter `name` in place of staged `value`, with its dtype and
    its shape (1 for dynamic dims)."""
    param = _param(name)
    shape = tuple(1 if d is None else d for d in value.shape)
    values = {_param(n): v for n, v in named}
    fill = _STAND_INS.get(param, 1)
    if param == "high":  # above low, whatever it is
        low = values.get("low", 0)
        low = _stand_in("low", low, named) if isinstance(low, StagedArray) else low
        fill = np.max(low) + 1 if low is not None and np.size(low) else 1
    elif param == "low" and values.get("high") is not None and \
            not _has_staged(values["high"]):
        fill = np.min(values["high"]) - 1
    elif param == "p" and value.ndim:  # choice's probabilities
        fill = 1 / shape[-1] if shape[-1] else 0
    stand_in = np.full(shape, fill, dtype=value.dtype)
    return stand_in[()] if value.ndim == 0 else stand_in


def _probe_size(size, named):
    """The size the probe draws: 1 for the leading dims no argument constrains (numpy
    broadcasts the distribution's arguments against the trailing dims of `size`), the
    call's own sizes for the others (staged ones: the arguments' dims there)."""
    shapes = [_shape_of(v) for n, v in named if n != "*dims" and _param(n) != "size"]
    shapes = [shape for shape in shapes if shape]
    try:
        constrained = np.broadcast_shapes(*shapes) if shapes else ()
    except ValueError:  # arguments that do not broadcast together (multivariate_normal)
        constrained = max(shapes, key=len)
    probe = []
    for j, entry in enumerate(size):
        from_right = len(size) - j
        if from_right > len(constrained):
            probe.append(1)
        elif isinstance(entry, StagedArray):
            probe.append(constrained[-from_right])
        else:
            probe.append(entry)
    return tuple(probe)


def _shape_of(value):
    if isinstance(value, StagedArray):
        return tuple(1 if d is None else d for d in value.shape)
    if isinstance(value, (list, tuple)) and _has_staged(value):
        return (len(value),)
    if isinstance(value, (np.ndarray, list, tuple)):
        try:
            return np.shape(value)
        except ValueError:  # a ragged list: numpy rejects it in the probe
            return ()
    return ()  # numbers, and dtype=, replace=, ... which constrain no dim


def _probe(kind, name, named, probe_size, what, loc, staged):
    """The call made on a throwaway generator: stand-ins for staged values, the size of
    _probe_size, permutation of 1 instead of n (the result's shape is worked out from
    them)."""
    dims = iter(probe_size or ())

    def value_of(n, v):
        param = _param(n)
        if n == "*dims":
            return next(dims)
        if param == "size" and probe_size is not None:
            return probe_size if isinstance(v, (tuple, list)) else probe_size[0]
        if param == "x" and name == "permutation" and (
                isinstance(v, StagedArray) and v.ndim == 0 or
                isinstance(v, (int, np.integer)) and not isinstance(v, bool)):
            return 1
        if isinstance(v, StagedArray):
            return _stand_in(n, v, named)
        if isinstance(v, (list, tuple)) and _has_staged(v):
            return type(v)(_stand_in(n, e, named) if isinstance(e, StagedArray) else e
                           for e in v)
        return v
    args, kwargs = _split(named, value_of)
    try:
        return getattr(_throwaway(kind), name)(*args, **kwargs)
    except (TypeError, ValueError) as e:
        cls = AgTypeError if isinstance(e, TypeError) else AgValueError
        hint = (" (seen while tracing, with stand-in values for its staged arguments)"
                if staged else "")
        raise cls(f"{describe(loc)}: {what}(): {e}{hint}") from None


def _result(probe, what, loc):
    """((dtype, shape), wrap) of the probe's result; None when it returns None."""
    if probe is None:
        return None
    if type(probe) is float:
        return (np.dtype(np.float64), ()), PythonFloat
    if type(probe) is int:
        return (np.dtype(np.int64), ()), Size
    if isinstance(probe, (np.generic, np.ndarray)) and probe.dtype.kind in "biuf":
        dtype = check_dtype(probe.dtype, f"the result of {what}()")
        if isinstance(probe, np.generic):
            return (dtype, ()), _numpy_scalar
        return (dtype, probe.shape), StagedArray
    raise AgUnsupportedError(f"{describe(loc)}: {what}() returns "
                             f"{type(probe).__name__}"
                             f"{' of ' + str(probe.dtype) if hasattr(probe, 'dtype') else ''}"
                             ", which ag does not stage")


def _static_shape(name, probed, size, probe_size, length, named, what, loc):
    """The result's shape (None: a dynamic dim) and the staged sizes of its dynamic dims,
    from the probe's shape and the call's size."""
    sizes = []

    def dim(entry):
        if isinstance(entry, StagedArray):
            if entry.dtype.kind not in "iu":
                raise AgTypeError(f"{describe(loc)}: {what}(): '{entry.dtype}' object "
                                  "cannot be interpreted as an integer")
            sizes.append(cast(entry, np.int64))
            return None
        return entry

    if size is not None:
        if probed[:len(size)] != probe_size:
            raise AgUnsupportedError(
                f"{describe(loc)}: {what}(): ag cannot tell the shape of its result "
                "from `size` for these arguments (give axis=0)")
        if _dynamic_operands(named, ("a",) if name == "choice" else ()):
            raise AgUnsupportedError(
                f"{describe(loc)}: {what}() of a staged array with dynamic dims "
                "(ag.stage(..., dynamic=)): the shape of its result is not staged yet")
        return tuple(dim(e) for e in size) + probed[len(size):], sizes
    if length is not None:  # permutation(n)
        return (dim(length),), sizes
    x = next((v for n, v in named if _param(n) == "x"), None)
    if name in ("permutation", "permuted") and isinstance(x, StagedArray) and x.ndim:
        for i, d in enumerate(x.shape):
            if d is None:
                sizes.append(dim_of(x, i, loc))
        return x.shape, sizes
    if _dynamic_operands(named, ()):
        raise AgUnsupportedError(
            f"{describe(loc)}: {what}() of staged arguments with dynamic dims "
            "(ag.stage(..., dynamic=)): the shape of its result is not staged yet; give "
            "`size`")
    return probed, sizes


def _dynamic_operands(named, allowed):
    """Whether a staged argument (but a 1-d one named in `allowed`) has dynamic dims:
    the probe saw them as 1."""
    def dynamic(n, v):
        if isinstance(v, StagedArray):
            return None in v.shape and not (_param(n) in allowed and v.ndim == 1)
        return isinstance(v, (list, tuple)) and any(dynamic(n, e) for e in v)
    return any(dynamic(n, v) for n, v in named if _param(n) != "size" and n != "*dims")


# --- results -------------------------------------------------------------------------

class PythonFloat(StagedArray):
    """A staged float64 that leaves the compiled function as a Python float, as numpy's
    draws of one number (np.random.rand(), rng.normal()) are."""

    __slots__ = ()

    def __init__(self, value):
        super().__init__(value, scalar=True)


def _numpy_scalar(value):
    return StagedArray(value, scalar=True)


def _record(runner, operands, sizes, expect, wrap):
    """Records the ag.host_call of `runner`; returns what stands for its result."""
    cid = new_callback(("host", runner))
    # An effect (seed) still needs a result: an empty one nobody reads.
    dtype, shape = expect or (np.dtype(np.int64), (0,))
    value = record("ag.host_call", [as_staged(o) for o in operands] + sizes,
                   {"callback": cid, "operandSegmentSizes": [len(operands), len(sizes)]},
                   result=(dtype, shape))
    return None if wrap is None else wrap(value._value)


# --- run time ------------------------------------------------------------------------

_run = threading.local()  # arguments: stack of the calls' arguments; made: generators


class _Call:
    """The call compiled code makes: the method `name` of the generator `owner()` (or
    the function `owner()` itself when name is None) on the template's values. Its
    result is what it `returns`: "value" (what the call returns), None (nothing: seed),
    or the index of the staged argument it changed in place (shuffle; compiled code
    passes copies)."""

    __slots__ = ("owner", "name", "args", "kwargs", "filled", "returns")

    def __init__(self, owner, name, template, returns):
        self.owner, self.name, self.returns = owner, name, returns
        args, kwargs = _split(template, lambda n, v: v)
        self.args, self.kwargs = tuple(args), kwargs
        # Whether any argument is filled in when the call runs (a draw runs this per
        # iteration of a staged loop: the common case of none takes no copy).
        self.filled = any(_to_fill(v) for v in args + list(kwargs.values()))

    def __call__(self, arrays, out):
        target = self.owner()
        fn = target if self.name is None else getattr(target, self.name)
        if self.filled:
            result = fn(*[_filled(v, arrays) for v in self.args],
                        **{k: _filled(v, arrays) for k, v in self.kwargs.items()})
        else:
            result = fn(*self.args, **self.kwargs)
        if self.returns is None:
            return
        result = np.asarray(result if self.returns == "value" else arrays[self.returns])
        if result.dtype != out.dtype or result.shape != out.shape:
            raise AgError(f"ag: a staged np.random call returned {result.dtype}"
                          f"{list(result.shape)} where tracing expected {out.dtype}"
                          f"{list(out.shape)}")
        out[...] = result


class _Make:
    """A generator made in the staged function, made again by the compiled code; draws
    on it find it in this thread's table under this object."""

    __slots__ = ("fn", "template", "__weakref__")

    def __init__(self, fn, template):
        self.fn, self.template = fn, template

    def __call__(self, arrays, out):
        args, kwargs = _split(self.template, lambda n, v: _filled(v, arrays))
        _made()[self] = self.fn(*args, **kwargs)


def _made():
    made = getattr(_run, "made", None)
    if made is None:
        made = _run.made = weakref.WeakKeyDictionary()  # entries go with their trace
    return made


def _maker_of(obj):
    """The _Make of `obj` if it was made in the function being traced."""
    if not isinstance(obj, _MADE_TYPES):
        return None
    made = current_trace().random_made.get(id(obj))
    return made[1] if made is not None and made[0] is obj else None


def _owner(obj):
    """How compiled code finds generator `obj` when it runs (see the module doc)."""
    maker = _maker_of(obj)
    if maker is not None:
        return lambda: _made()[maker]
    stack = getattr(_run, "arguments", None)
    if stack:
        for i, a in enumerate(stack[-1]):
            if a is obj:
                return lambda: _run.arguments[-1][i]
    return lambda: obj


def _make(fn, args, kwargs, loc):
    """np.random.default_rng, RandomState, Generator or a bit generator (PCG64, ...)
    called while tracing: an object to trace with, made again when the compiled code
    runs."""
    named = _bind(None, args, kwargs, fn.__name__, loc)
    operands = []
    template = [(n, _template(v, operands)) for n, v in named]
    pargs, pkwargs = _split(named, lambda n, v: _stand_in(n, v, named)
                            if isinstance(v, StagedArray) else v)
    made = fn(*pargs, **pkwargs)
    maker = _Make(fn, template)
    _record(maker, operands, [], None, None)
    current_trace().random_made[id(made)] = (made, maker)
    return made


# --- staging's side: generators passed as arguments ------------------------------------

def key_part(value, args):
    """The signature key of generator argument `value` of a call with `args`: its kind
    and which argument it first is (passing one generator twice is another program)."""
    return ("generator", type(value).__name__,
            next(i for i, a in enumerate(args) if a is value))


_NO_ARGUMENTS = contextlib.nullcontext()


class _Arguments:
    __slots__ = ("args",)

    def __init__(self, args):
        self.args = args

    def __enter__(self):
        stack = getattr(_run, "arguments", None)
        if stack is None:
            stack = _run.arguments = []
        stack.append(self.args)

    def __exit__(self, *exc):
        _run.arguments.pop()
        return False


def arguments(key, args):
    """Context of a staged call (its trace and its run): draws on generator arguments
    find them here."""
    if not any(part[0] == "generator" for part in key):
        return _NO_ARGUMENTS
    return _Arguments(args)
