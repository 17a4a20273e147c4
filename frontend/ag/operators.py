"""Run-time operators of converted code (the `ag__` module converted functions see).

Each decides at run time, from the type of its condition or iterable, whether to run
plain Python or stage a region: a Python value runs exactly the original statement; a
staged value records scf.if / scf.while / scf.for through the tracer, tracing each
branch or body once with symbolic values (the as-if rule of the AutoGraph paper).
"""

import builtins
import inspect
import types
import weakref

import numpy as np

from . import _ag
from ._location import describe
from ._trace import StagedArray, as_staged, cast, current_tracer
from .errors import AgError, AgTypeError, AgUnsupportedError, AgValueError


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


def _placeholder_like(value):
    """A value of `value`'s dtype and shape for a path where it is never observed."""
    v = as_staged(value)
    return np.zeros_like(v)


def _staged_result(value):
    """A region result; 0-d ones leave the function as numpy scalars, as numpy's scalar
    arithmetic would have produced."""
    result = StagedArray(value)
    result._scalar = result.ndim == 0
    return result


def _is_staged(value):
    return isinstance(value, StagedArray)


def _where(loc):
    return describe(loc) if loc else "<unknown>"


def _stageable(value):
    return isinstance(value, (StagedArray, np.ndarray, np.generic, bool, int, float))


def _predicate(value, loc, what):
    value = as_staged(value)
    if value.shape != ():
        raise AgValueError(f"{_where(loc)}: the condition of a staged {what} must be a "
                           f"0-d array, got shape {value.shape}; use .any() or .all()")
    return cast(value, np.bool_)


def _describe_value(v):
    if isinstance(v, (StagedArray, np.ndarray)):
        return f"{np.dtype(v.dtype).name}{list(v.shape)}"
    return type(v).__name__


# --- if ------------------------------------------------------------------------------

def if_stmt(cond, body, orelse, get_state, set_state, names, loc=None):
    if not _is_staged(cond):
        if cond:
            body()
        else:
            orelse()
        return
    tracer = current_tracer()
    pred = _predicate(cond, loc, "if")
    init = get_state()
    handle = tracer.begin_if(pred._value, loc or ())
    body()
    then_values = list(get_state())
    set_state(init)
    tracer.enter_branch(handle, 1)
    orelse()
    else_values = list(get_state())

    carried, results = [], list(init)
    fill = {}  # index -> branch (0/1) that needs a placeholder for a return value
    for i, name in enumerate(names):
        t, e = then_values[i], else_values[i]
        t_ret, e_ret = isinstance(t, UndefinedReturnValue), isinstance(e, UndefinedReturnValue)
        if t_ret != e_ret and not isinstance(t if e_ret else e, Undefined):
            # One path returned, the other did not yet: its return value is never used.
            fill[i] = 0 if t_ret else 1
            carried.append(i)
            continue
        if t_ret and e_ret:
            results[i] = t
            continue
        if isinstance(t, Undefined) or isinstance(e, Undefined):
            where = "the else branch" if isinstance(e, Undefined) else "the if branch"
            results[i] = Undefined(name, (
                f"{_where(loc)}: variable '{name}' is not defined in {where} of a staged "
                f"if (its condition is only known when the compiled code runs); define "
                f"'{name}' before the if or in both branches"))
            continue
        if t is e and not _is_staged(t):
            results[i] = t  # the same Python object on both paths: not a staged value
            continue
        if not (_stageable(t) and _stageable(e)):
            raise AgTypeError(f"{_where(loc)}: variable '{name}' is set to a "
                              f"{type(t).__name__} / {type(e).__name__} in the branches "
                              "of a staged if; only arrays and numbers can differ")
        carried.append(i)

    # Stage Python values inside their own branch, then reconcile dtypes as numpy would
    # for the two alternatives (the result type of where(cond, then, else)).
    tracer.enter_branch(handle, 1)
    else_staged = {i: as_staged(else_values[i]) for i in carried if fill.get(i) != 1}
    tracer.enter_branch(handle, 0)
    then_staged = {}
    for i in carried:
        then_staged[i] = (_placeholder_like(else_staged[i]) if fill.get(i) == 0
                          else as_staged(then_values[i]))
    tracer.enter_branch(handle, 1)
    for i in carried:
        if fill.get(i) == 1:
            else_staged[i] = _placeholder_like(then_staged[i])
    for i in carried:
        t, e = then_staged[i], else_staged[i]
        if t.shape != e.shape:
            raise AgValueError(
                f"{_where(loc)}: variable '{names[i]}' has shape {t.shape} in the if "
                f"branch but {e.shape} in the else branch of a staged if; both branches "
                "must give it the same shape")
        if t.dtype != e.dtype:
            # A Python number adopts the array's dtype (it has none of its own to keep);
            # two arrays of different dtypes cannot be one staged value.
            if isinstance(then_values[i], (bool, int, float)):
                common = e.dtype
            elif isinstance(else_values[i], (bool, int, float)):
                common = t.dtype
            else:
                raise AgTypeError(
                    f"{_where(loc)}: variable '{names[i]}' is {t.dtype} in the if branch "
                    f"but {e.dtype} in the else branch of a staged if; both branches must "
                    f"give it the same dtype (e.g. .astype(np.{t.dtype}))")
            tracer.enter_branch(handle, 0)
            then_staged[i] = cast(t, common)
            tracer.enter_branch(handle, 1)
            else_staged[i] = cast(e, common)
    try:
        values = tracer.end_if(handle, [then_staged[i]._value for i in carried],
                               [else_staged[i]._value for i in carried])
    except _ag.StagingError as err:
        raise AgValueError(f"{_where(loc)}: {err}") from None
    for i, v in zip(carried, values):
        results[i] = _staged_result(v)
    set_state(tuple(results))


def if_exp(cond, body, orelse, loc=None):
    if not _is_staged(cond):
        return body() if cond else orelse()
    from .control import cond as staged_cond
    return staged_cond(_predicate(cond, loc, "conditional expression"), body, orelse)


# --- logical operators ----------------------------------------------------------------

def and_(a, b):
    """Python's `a and b`: lazy, returns an operand. Staged: the right side is evaluated
    in an scf.if only where the left is true (it may index out of range otherwise, as in
    `i < n and x[i] > 0`)."""
    left = a()
    if not _is_staged(left):
        return b() if left else left
    return _staged_logical(left, b, is_and=True)


def or_(a, b):
    left = a()
    if not _is_staged(left):
        return left if left else b()
    return _staged_logical(left, b, is_and=False)


def _staged_logical(left, right_fn, is_and):
    from .control import cond
    if left.dtype != np.bool_ or left.ndim != 0:
        raise AgUnsupportedError(
            "`and`/`or` on staged values other than 0-d bools would return one of the "
            "operands depending on data; compare explicitly (e.g. (x > 0) & (y > 0))")

    def right():
        r = right_fn()
        if np.result_type(r) != np.bool_ or np.ndim(r) != 0:
            raise AgUnsupportedError(
                "`and`/`or` with a staged 0-d bool needs a 0-d bool on the other side too")
        return as_staged(r)

    if is_and:
        return cond(left, right, lambda: left)
    return cond(left, lambda: left, right)


def not_(a):
    if _is_staged(a):
        return np.logical_not(a)
    return not a


# --- loops ----------------------------------------------------------------------------

def _check_carried(names, before, after, loc, kind):
    for name, b, a in zip(names, before, after):
        if (b.dtype, b.shape) != (a.dtype, a.shape):
            raise AgValueError(
                f"{_where(loc)}: variable '{name}' changes from {_describe_value(b)} to "
                f"{_describe_value(a)} in a staged {kind} loop; a loop-carried variable "
                "must keep its dtype and shape (initialise it with the final dtype, e.g. "
                f"{name} = np.zeros(shape, dtype))")


def _split_state(names, values, loc, kind):
    """Which state entries the staged loop carries; the rest are Undefined on entry."""
    carried, undefined = [], []
    for i, (name, v) in enumerate(zip(names, values)):
        if isinstance(v, Undefined):
            undefined.append(i)
        elif _stageable(v):
            carried.append(i)
        else:
            raise AgTypeError(f"{_where(loc)}: variable '{name}' ({type(v).__name__}) is "
                              f"modified in a staged {kind} loop; only arrays and numbers "
                              "can be loop-carried")
    return carried, undefined


def _undefined_after_loop(name, loc, kind):
    return Undefined(name, (
        f"{_where(loc)}: variable '{name}' is used after a staged {kind} loop that may run "
        f"zero times, but it is only defined inside the loop; define '{name}' before the "
        "loop"))


def while_stmt(test, body, get_state, set_state, names, loc=None):
    cond = test()
    while not _is_staged(cond):
        if not cond:
            return
        body()
        cond = test()
    _staged_while(test, body, get_state, set_state, names, loc)


def _staged_while(test, body, get_state, set_state, names, loc):
    tracer = current_tracer()
    init = list(get_state())
    carried, undefined = _split_state(names, init, loc, "while")
    inits = [as_staged(init[i]) for i in carried]
    state = list(init)

    def load(values):
        for i, v in zip(carried, values):
            state[i] = StagedArray(v)
        set_state(tuple(state))

    handle, args = tracer.begin_while([v._value for v in inits], loc or ())
    load(args)
    pred = _predicate(test(), loc, "while")
    body_args = tracer.while_body(handle, pred._value, args)
    load(body_args)
    body()
    after = list(get_state())
    new = []
    for i, v0 in zip(carried, inits):
        if isinstance(after[i], Undefined):
            raise AgValueError(f"{_where(loc)}: variable '{names[i]}' becomes undefined in "
                               "the body of a staged while loop")
        new.append(as_staged(after[i]))
    _check_carried([names[i] for i in carried], inits, new, loc, "while")
    results = tracer.end_while(handle, [v._value for v in new])
    final = list(init)
    for i, v in zip(carried, results):
        final[i] = _staged_result(v)
    for i in undefined:
        final[i] = _undefined_after_loop(names[i], loc, "while")
    set_state(tuple(final))


class StagedRange:
    """range(...) with a staged bound: iterated by a staged for loop."""

    def __init__(self, start, stop, step):
        self.start, self.stop, self.step = start, stop, step

    def __iter__(self):
        # Reached only when the loop was left unconverted (it contains a `return`).
        from ._location import user_location
        raise AgUnsupportedError(
            f"{describe(user_location())}: a for loop over range() with a staged bound "
            "could not be staged: loops "
            "containing `return` are not converted yet (issue #4); compute the result "
            "in a variable and return after the loop")


def range_(*args):
    if not any(_is_staged(a) for a in args):
        return builtins.range(*args)
    if len(args) == 1:
        start, stop, step = 0, args[0], 1
    elif len(args) == 2:
        start, stop, step = args[0], args[1], 1
    else:
        start, stop, step = args
    if _is_staged(step) or step <= 0:
        raise AgUnsupportedError("range() with a staged bound needs a positive Python int "
                                 "step")
    return StagedRange(start, stop, step)


def for_stmt(iterated, body, get_state, set_state, names, loc=None, extra_test=None):
    """`for target in iterated: body`; `extra_test` (from a converted break) must hold
    before each iteration."""
    if isinstance(iterated, StagedRange):
        return _staged_for(iterated.start, iterated.stop, iterated.step, lambda i: i,
                           body, get_state, set_state, names, loc, extra_test)
    if _is_staged(iterated):
        if iterated.ndim == 0:
            raise AgTypeError(f"{_where(loc)}: iteration over a 0-d array")
        if iterated.shape[0] == 0:
            return  # zero iterations, known while tracing: nothing to record
        return _staged_for(0, iterated.shape[0], 1, lambda i: iterated[i], body,
                           get_state, set_state, names, loc, extra_test)
    for item in iterated:
        if extra_test is not None:
            go_on = extra_test()
            if _is_staged(go_on):
                # A staged break happened in an earlier iteration: the rest of this
                # Python loop runs only where it did not.
                if_stmt(go_on, lambda: body(item), lambda: None, get_state, set_state,
                        names, loc)
                continue
            if not go_on:
                break
        body(item)


def _staged_for(start, stop, step, item_of, body, get_state, set_state, names, loc,
                extra_test=None):
    if _is_staged(step) or step != 1:
        raise AgUnsupportedError(f"{_where(loc)}: staged ranges with a step other than 1 "
                                 "are not staged yet")
    if extra_test is not None:
        return _staged_for_with_test(start, stop, item_of, body, get_state, set_state,
                                     names, loc, extra_test)
    tracer = current_tracer()
    init = list(get_state())
    carried, undefined = _split_state(names, init, loc, "for")
    inits = [as_staged(init[i]) for i in carried]
    bounds = [cast(as_staged(b), np.int64) for b in (start, stop, step)]
    state = list(init)
    handle, iv, args = tracer.begin_for(*[b._value for b in bounds],
                                        [v._value for v in inits], loc or ())
    for i, v in zip(carried, args):
        state[i] = StagedArray(v)
    set_state(tuple(state))
    body(item_of(StagedArray(iv, scalar=True)))
    after = list(get_state())
    new = [as_staged(after[i]) for i in carried]
    _check_carried([names[i] for i in carried], inits, new, loc, "for")
    results = tracer.end_for(handle, [v._value for v in new])
    _finish_loop(init, carried, undefined, results, names, loc, "for", set_state)


def _staged_for_with_test(start, stop, item_of, body, get_state, set_state, names, loc,
                          extra_test):
    """A staged for loop that can stop early (a converted break): an scf.while carrying
    the index besides the loop state."""
    tracer = current_tracer()
    init = list(get_state())
    carried, undefined = _split_state(names, init, loc, "for")
    inits = [cast(as_staged(start), np.int64)] + [as_staged(init[i]) for i in carried]
    stop = cast(as_staged(stop), np.int64)
    state = list(init)

    def load(values):
        for i, v in zip(carried, values[1:]):
            state[i] = StagedArray(v)
        set_state(tuple(state))
        return StagedArray(values[0], scalar=True)

    handle, args = tracer.begin_while([v._value for v in inits], loc or ())
    index = load(args)
    go_on = extra_test()
    pred = np.less(index, stop)
    if _is_staged(go_on) or go_on is not True:
        pred = np.logical_and(pred, as_staged(go_on))
    pred = _predicate(pred, loc, "for")
    body_args = tracer.while_body(handle, pred._value, args)
    index = load(body_args)
    body(item_of(index))
    after = list(get_state())
    new = [np.add(index, np.int64(1))] + [as_staged(after[i]) for i in carried]
    _check_carried([names[i] for i in carried], inits[1:], new[1:], loc, "for")
    results = tracer.end_while(handle, [v._value for v in new])
    _finish_loop(init, carried, undefined, results[1:], names, loc, "for", set_state)


def _finish_loop(init, carried, undefined, results, names, loc, kind, set_state):
    final = list(init)
    for i, v in zip(carried, results):
        final[i] = _staged_result(v)
    for i in undefined:
        final[i] = _undefined_after_loop(names[i], loc, kind)
    set_state(tuple(final))


# --- calls ------------------------------------------------------------------------------

_converted_cache = weakref.WeakKeyDictionary()
_LIBRARY_PREFIXES = ("numpy", "ag.", "ag", "builtins", "math", "functools", "itertools",
                     "collections", "operator", "typing", "abc")


def _is_user_function(fn):
    if not isinstance(fn, types.FunctionType):
        return False
    module = getattr(fn, "__module__", None) or ""
    return not any(module == p or module.startswith(p + ".") for p in _LIBRARY_PREFIXES)


def _converted(fn):
    """The AutoGraph-converted version of user function `fn` (cached per function)."""
    try:
        return _converted_cache[fn]
    except KeyError:
        pass
    from .conversion import convert
    converted = convert(fn)
    _converted_cache[fn] = converted
    return converted


def converted_call(fn, args, kwargs):
    """Calls `fn`, converting it first when it is a user function with Python source
    (library functions, builtins and C extensions run as they are)."""
    if isinstance(fn, types.MethodType) and _is_user_function(fn.__func__):
        return types.MethodType(_converted(fn.__func__), fn.__self__)(*args, **kwargs)
    if _is_user_function(fn) and fn.__name__ != "<lambda>":
        return _converted(fn)(*args, **kwargs)
    return fn(*args, **kwargs)


# --- print and assert ---------------------------------------------------------------------

_callbacks = {}  # id -> what the host callback needs (see _print_handler, _fail_handler)
_callback_ids = iter(range(1, 1 << 62))


def print_(*args, sep=" ", end="\n", file=None, flush=False):
    """print(): at trace time for Python values, at run time (in order, on the taken path,
    with numpy's formatting) when any argument is staged."""
    if not any(_is_staged(a) for a in args):
        return builtins.print(*args, sep=sep, end=end, file=file, flush=flush)
    from ._location import user_location
    items, values = [], []
    for a in args:
        if _is_staged(a):
            items.append(("value", len(values), a._scalar and a.ndim == 0))
            values.append(a)
        else:
            items.append(("const", str(a)))
    cid = next(_callback_ids)
    _callbacks[cid] = ("print", items, sep, end, file, flush)
    current_tracer().effect("ag.print", [v._value for v in values], {"callback": cid},
                            user_location())


def _print_handler(cid, arrays):
    _, items, sep, end, file, flush = _callbacks[cid]
    parts = []
    for item in items:
        if item[0] == "const":
            parts.append(item[1])
        else:
            value = arrays[item[1]]
            parts.append(str(value[()] if item[2] else value))
    builtins.print(*parts, sep=sep, end=end, file=file, flush=flush)


def assert_(test, message, loc=None):
    """`assert test, message`: Python's check for Python values; a run-time check that
    raises AssertionError after the compiled call when `test` is staged."""
    if not _is_staged(test):
        if not test:
            raise AssertionError(message()) if message is not None else AssertionError()
        return
    pred = _predicate(test, loc, "assert")
    try:
        text = message() if message is not None else None
    except Exception:  # the message needs run-time values: say where instead
        text = None
    if text is not None and not isinstance(text, str):
        text = None if _is_staged(text) else str(text)
    cid = next(_callback_ids)
    _callbacks[cid] = ("assert", text, loc)
    current_tracer().effect("ag.assert", [pred._value], {"callback": cid}, loc or ())


def check_in_bounds(index, size, axis, loc):
    """Records a run-time check that staged `index` lies in [-size, size): compiled code
    reports a violation through the failure channel and the call raises IndexError
    (the index itself is clamped so the compiled read stays in bounds)."""
    ok = np.logical_and(np.greater_equal(index, -size), np.less(index, size))
    cid = next(_callback_ids)
    _callbacks[cid] = ("index", f"{_where(loc)}: staged index is out of bounds for axis "
                                f"{axis} with size {size}", loc)
    current_tracer().effect("ag.assert", [cast(as_staged(ok), np.bool_)._value],
                            {"callback": cid}, loc or ())


def _fail_handler(cid):
    kind, text, loc = _callbacks[cid]
    if kind == "index":
        raise IndexError(text)
    if text is None:
        text = f"staged assertion failed at {_where(loc)}"
    raise AssertionError(text)


_ag.set_callbacks(_print_handler, _fail_handler)
