"""Run-time operators of converted code (the `ag__` module converted functions see).

Each decides at run time, from the type of its condition or iterable, whether to run
plain Python or stage a region: a Python value runs exactly the original statement; a
staged value records scf.if / scf.while / scf.for through the tracer, tracing each
branch or body once with symbolic values (the as-if rule of the AutoGraph paper).
"""

import builtins
import collections
import operator
import types
import weakref

import numpy as np

from ..staged import advanced, dynamic, numerics, numpy_impl, array
from .. import _ag
from . import recursion
from ..staged import random  # np.random calls: draws at run time (converted_call)
from ..staged.array import (StagedArray, as_staged, cast, current_captures, current_tracer,
                            is_tracing)
from ..errors import (AgError, AgIndexError, AgOperandError, AgOverflowError,
                      AgRecursionError, AgTypeError, AgUnsupportedError, AgValueError)
# What converted code reaches as ag__.<name> (the rest of the operators are below).
from ..staged.values import (Undefined, UndefinedReturnValue, describe_structure, detach,
                             display_name, flatten, is_staged, made_here, mode, note_made,
                             placeholder_like, predicate, retval, scalar_leaves, stageable,
                             staged_result, unflatten, Unstageable, where)
from .data_structures import (StagedList, StagedListValue, check_unchanged, list_append,
                              list_pop, new_list)
from .loops import StagedSequence, for_stmt, range_, while_stmt  # noqa: F401
from ..staged.either import Either, leaves_before, one_of, staged_int, which_of
from .._location import raised_at
from ..staged.storage import Journal, RowStorage, new_serial


# --- if ------------------------------------------------------------------------------

def if_stmt(cond, body, orelse, get_state, set_state, names, loc=None, live=None):
    """`if cond: body() else: orelse()`. `names` are the variables (and attribute chains)
    the branches modify; `live` those read after the statement (None: all of them)."""
    if not is_staged(cond):
        if cond:
            body()
        else:
            orelse()
        return
    check_not_in_try("if", loc)
    tracer = current_tracer()
    pred = predicate(cond, loc, "if")
    init = get_state()
    lists = {i: list(v) for i, v in enumerate(init) if type(v) is list}
    start = new_serial()  # arrays made from here on are the branches' own
    handle = tracer.begin_if(pred._value, loc or ())
    live = set(names) if live is None else set(live)
    then = _Branch(body, get_state, set_state, init, names, lists, loc, live)
    tracer.enter_branch(handle, 1)
    other = _Branch(orelse, get_state, set_state, init, names, lists, loc, live)
    if then.error is not None and other.error is not None:
        raise then.error  # both paths fail: the call fails
    if not (then.returns and other.returns):
        # Probing a recursive function's result types: keep the path that returns.
        if not (then.returns or other.returns):
            raise recursion.Diverged()
        kept = then if then.returns else other
        set_state(tuple(kept.values))
        for storage, value in kept.storages.items():
            storage.write(value)
        return
    dead = [i for i, name in enumerate(names) if name not in live]
    results, merged = _merge_plan(names, then.raw, other.raw, then.values, other.values,
                                  init, loc, dead)
    # The storages made before the if that either branch wrote: yielded too, a branch
    # that did not write one yields its contents from before the if.
    storages = list(then.storages) + [s for s in other.storages if s not in then.storages]
    before = {**other.before, **then.before}

    # Stage Python values inside their own branch (placeholders for a return value one
    # path has not set), then reconcile dtypes leaf by leaf.
    tracer.enter_branch(handle, 1)
    else_leaves = [None if fill == 1 else as_staged(e) for _, _, _, e, fill in merged]
    tracer.enter_branch(handle, 0)
    then_leaves = [placeholder_like(el) if fill == 0 else as_staged(t)
                   for (_, _, t, _, fill), el in zip(merged, else_leaves)]
    tracer.enter_branch(handle, 1)
    else_leaves = [placeholder_like(tl) if fill == 1 else el
                   for (_, _, _, _, fill), tl, el in zip(merged, then_leaves, else_leaves)]
    for k, (i, _, t_py, e_py, _) in enumerate(merged):
        t, e = then_leaves[k], else_leaves[k]
        if t.shape != e.shape:
            raise AgValueError(
                f"{where(loc)}: {display_name(names[i])} has shape {t.shape} in the if "
                f"branch but {e.shape} in the else branch of a staged if; both branches "
                "must give it the same shape")
        if t.dtype != e.dtype:
            # A Python number adopts the array's dtype (it has none of its own to keep);
            # two arrays of different dtypes cannot be one staged value.
            if isinstance(t_py, (bool, int, float)):
                common = e.dtype
            elif isinstance(e_py, (bool, int, float)):
                common = t.dtype
            else:
                raise AgTypeError(
                    f"{where(loc)}: {display_name(names[i])} is {t.dtype} in the if branch "
                    f"but {e.dtype} in the else branch of a staged if; both branches must "
                    f"give it the same dtype (e.g. .astype(np.{t.dtype}))")
            tracer.enter_branch(handle, 0)
            then_leaves[k] = cast(t, common)
            tracer.enter_branch(handle, 1)
            else_leaves[k] = cast(e, common)
    # A name a branch leaves bound to an array from before the if (directly, or through
    # an Either made inside it): numpy's name is that very array on those paths. Each
    # branch yields which one it is (0: the if's new result).
    tracked = _arrays_before(results, merged, then, other, then_leaves, start)
    then_which, else_which = [], []
    for i, arrays in tracked.items():
        tracer.enter_branch(handle, 0)
        then_which.append(staged_int(which_of(then.raw[i], arrays))._value)
        tracer.enter_branch(handle, 1)
        else_which.append(staged_int(which_of(other.raw[i], arrays))._value)
    then_yields = [v._value for v in then_leaves] + \
        _storage_yields(storages, then.storages, before, tracer, handle, 0) + then_which
    else_yields = [v._value for v in else_leaves] + \
        _storage_yields(storages, other.storages, before, tracer, handle, 1) + else_which
    try:
        values = tracer.end_if(handle, then_yields, else_yields)
    except _ag.StagingError as err:
        raise AgValueError(f"{where(loc)}: {err}") from None
    leaves = iter(values)
    for i, spec in results.items():
        if isinstance(spec, _Staged):
            values_i = [next(leaves) for _ in range(spec.count)]
            if spec.structure is None:
                results[i] = _plain_result(values_i[0], (then.raw[i], other.raw[i])) \
                    if i in tracked else _branch_result(values_i[0], then.raw[i],
                                                        other.raw[i], start, pred)
            else:
                items = [staged_result(v) for v in values_i]
                for item, scalar in zip(items, scalar_leaves(then.values[i],
                                                             other.values[i])):
                    item._scalar = item.ndim == 0 and scalar
                results[i] = unflatten(spec.structure, iter(items))
    for storage in storages:
        storage.write(next(leaves))
    # After the storages' final contents, which the arrays hold on their paths.
    for i, arrays in tracked.items():
        result = results[i]
        results[i] = one_of(StagedArray(next(leaves), scalar=True), arrays, result,
                            result._value)
    set_state(tuple(results[i] for i in range(len(names))))


def _storage_yields(storages, written, before, tracer, handle, branch):
    """What a branch yields for each storage either branch wrote: its contents at the
    branch's end, or from before the if. (A list element's row never read before the if
    has no contents yet: it is read in the branch.)"""
    out = []
    for s in storages:
        value = written.get(s, before[s])
        if value is None and isinstance(s, RowStorage):
            tracer.enter_branch(handle, branch)
            value = s.current()
        out.append(value)
    return out


def _arrays_before(results, merged, then, other, then_leaves, start):
    """{state index: the arrays from before the if (made before serial `start`) that
    the branches leave the name bound to, on some path}, for names the if yields as one
    array of those arrays' dtype and shape and that a branch leaves bound to an Either it
    made (an if inside it): its condition is known only inside the branch."""
    tracked = {}
    for k, (i, _, _, _, _) in enumerate(merged):
        spec = results[i]
        if not (isinstance(spec, _Staged) and spec.structure is None) or not any(
                isinstance(raw, Either) and raw._storage.serial >= start
                for raw in (then.raw[i], other.raw[i])):
            continue  # (a branch's own array, or one from before: see _branch_result)
        result = then_leaves[k]
        arrays = []
        for a in leaves_before(then.raw[i], start) + leaves_before(other.raw[i], start):
            if (a.dtype, a.shape) == (result.dtype, result.shape) and \
                    not any(a is b for b in arrays):
                arrays.append(a)
        if arrays:
            tracked[i] = arrays
    return tracked


def _deferrable(error):
    """Whether an error raised while tracing a path numpy may not take is numpy's (or
    Python's) own, to raise when the compiled code takes that path -- not a refusal."""
    return isinstance(error, AgOperandError) or not isinstance(error, (AgError, Unstageable))


def _raise_when_run(error, loc):
    text = str(error) if isinstance(error, AgError) else \
        f"{where(raised_at(error) or loc)}: {error}"
    record_check(np.bool_(False), text, loc, kind=("raise", type(error)))


class _Branch:
    """One branch of a staged if, recorded: the objects its state names ended bound to
    (`raw`), what they held then (`values`), and the storages made before the if that
    it wrote, with their contents at its end (`storages`) and before it (`before`). The
    names and storages are restored afterwards, for the other branch."""

    def __init__(self, run, get_state, set_state, init, names, lists, loc, live):
        self.error = None
        with Journal() as journal:
            try:
                self.returns = _run_branch(run)
            except _PYTHON_ERRORS as e:
                if not _deferrable(e):
                    raise
                # The branch fails in Python while tracing (`lst[1]` of an empty list,
                # say): numpy code fails there only if the branch runs. The compiled code
                # raises the failure on this path, with its class and message; what the
                # path leaves in the names is never observed (like a path that returned).
                self.error, self.returns = e, True
                _raise_when_run(e, loc)
            if self.error is None:
                self.raw = list(get_state())
                check_unchanged(names, lists, self.raw, loc)
                # What the live names hold now (before the rollback undoes writes to
                # them; a dead one may be a view the branch cannot give out).
                self.values = [detach(v) if name in live else v
                               for name, v in zip(names, self.raw)]
            else:
                self.raw = [UndefinedReturnValue() for _ in init]
                self.values = list(self.raw)
        self.storages = {s: s.value for s in journal.old} if self.error is None else {}
        self.before = dict(journal.old)
        journal.rollback()
        set_state(tuple(init))


def _plain_result(value, raws):
    """A staged if's result as a new object (a numpy scalar when 0-d and a branch's is)."""
    result = staged_result(value)
    # (A path that leaves the name undefined -- a return value not set there -- never
    # shows it.)
    result._scalar = result.ndim == 0 and any(
        not isinstance(r, (StagedArray, Undefined)) or
        isinstance(r, StagedArray) and r._scalar for r in raws)
    return result


def _branch_result(value, then_raw, else_raw, start, pred):
    """The object a staged conditional expression's result is: a new array -- or, when
    a side is an array that existed before it (or a view of one), that array on that
    path: numpy's result is that very array there, so it is an Either of them, chosen by
    the condition. (A side that is an Either made inside the expression is not followed:
    its condition is not available after it.)"""
    raws = (then_raw, else_raw)
    result = _plain_result(value, raws)
    # (A numpy scalar cannot be written: which object it is does not matter.)
    sides = [raw if isinstance(raw, StagedArray) and not raw._scalar and
             raw._storage.serial < start and
             (raw.dtype, raw.shape) == (result.dtype, result.shape) else result
             for raw in raws]
    if sides[0] is result and sides[1] is result:
        return result
    return Either(pred, sides[0], sides[1], result._scalar, value)


class _Staged:
    """A state entry the scf.if yields: `count` leaves making up `structure`."""

    def __init__(self, structure, count):
        self.structure, self.count = structure, count


def _merge_plan(names, then_raw, else_raw, then_values, else_values, init, loc,
                dead=()):
    """How each state entry leaves a staged if: {index: final value or _Staged}, and the
    yielded leaves [(index, leaf number, then leaf, else leaf, branch to fill)]. The raw
    values are the objects the branches left (identity matters), the values what they
    held at the end of each branch."""
    results, merged = {}, []
    for i, name in enumerate(names):
        t, e = then_values[i], else_values[i]
        if then_raw[i] is else_raw[i] and not isinstance(t, Undefined):
            # The same object on both paths: it stays bound (its contents, if written,
            # are carried through its storage).
            results[i] = then_raw[i]
            continue
        if i in dead:
            # Not read after the if: a value of either branch must not leak out of it.
            results[i] = Undefined(name, (
                f"{where(loc)}: variable '{name}' was set in a branch of a staged if and "
                "ag found no use of it after the if"))
            continue
        t_ret, e_ret = isinstance(t, UndefinedReturnValue), isinstance(e, UndefinedReturnValue)
        if t_ret and e_ret:
            results[i] = t
            continue
        if (t_ret and else_raw[i] is init[i]) or (e_ret and then_raw[i] is init[i]):
            # The path that goes on left the name alone (the other returned, or fails):
            # still the same object.
            results[i] = init[i]
            continue
        fill = None
        if t_ret != e_ret and (t if e_ret else e) is None:
            results[i] = None  # a bare `return` on one path: the result is None there
            continue
        if t_ret != e_ret and not isinstance(t if e_ret else e, Undefined):
            # One path returned, the other did not yet: its return value is never used.
            fill = 0 if t_ret else 1
        elif isinstance(t, Undefined) or isinstance(e, Undefined):
            branch = "the else branch" if isinstance(e, Undefined) else "the if branch"
            results[i] = Undefined(name, (
                f"{where(loc)}: variable '{name}' is not defined in {branch} of a staged "
                f"if (its condition is only known when the compiled code runs); define "
                f"'{name}' before the if or in both branches"))
            continue
        t_leaves, t_spec = flatten(t) if fill != 0 else (None, None)
        e_leaves, e_spec = flatten(e) if fill != 1 else (None, None)
        spec = t_spec if fill != 0 else e_spec
        if fill is None and t_spec != e_spec:
            raise AgTypeError(f"{where(loc)}: {display_name(name)} has a different "
                              "structure in the branches of a staged if "
                              f"({describe_structure(t)} / {describe_structure(e)})")
        count = len(t_leaves if fill != 0 else e_leaves)
        for k in range(count):
            tl = t_leaves[k] if fill != 0 else None
            el = e_leaves[k] if fill != 1 else None
            for leaf in (tl, el):
                if leaf is not None and not stageable(leaf):
                    raise AgTypeError(
                        f"{where(loc)}: {display_name(name)} is set to a "
                        f"{describe_structure(t)} / {describe_structure(e)} in the "
                        "branches of a staged if; only arrays and numbers (or tuples of "
                        "them) can differ")
            merged.append((i, k, tl, el, fill))
        results[i] = _Staged(spec, count)
    return results, merged


def _run_branch(run):
    """Runs a branch of a staged if; False when it recursed while probing a recursive
    function's result types (see _recursion)."""
    try:
        run()
        return True
    except recursion.Diverged:
        return False


def if_exp(cond, body, orelse, loc=None):
    if not is_staged(cond):
        return body() if cond else orelse()
    check_not_in_try("conditional expression", loc)
    if recursion.probing():
        # Only the result's type matters on a probe: the first side that returns.
        for side in (body, orelse):
            try:
                return side()
            except recursion.Diverged:
                pass
        raise recursion.Diverged()
    from ..staged.regions import cond as staged_cond
    pred = predicate(cond, loc, "conditional expression")
    start = new_serial()
    raws = []

    def side(fn):
        def run():
            raws.append(fn())
            return raws[-1]
        return run
    result = staged_cond(pred, side(body), side(orelse))
    if isinstance(result, StagedArray) and not result._scalar:
        # `t = a if c else b`: numpy's t is the array a or b itself (see _branch_result).
        return _branch_result(result._value, raws[0], raws[1], start, pred)
    return result


# --- logical operators ----------------------------------------------------------------

def and_(a, b):
    """Python's `a and b`: lazy, returns an operand. Staged: the right side is evaluated
    in an scf.if only where the left is true (it may index out of range otherwise, as in
    `i < n and x[i] > 0`)."""
    left = a()
    if not is_staged(left):
        return b() if left else left
    return _staged_logical(left, b, is_and=True)


def or_(a, b):
    left = a()
    if not is_staged(left):
        return left if left else b()
    return _staged_logical(left, b, is_and=False)


def _staged_logical(left, right_fn, is_and):
    from ..staged.regions import cond
    from .._location import user_location
    if left.ndim != 0:
        raise AgValueError(
            f"{where(user_location())}: the truth value of an array with more than one "
            "element is ambiguous (in `and`, `or` or a chained comparison); use & / | "
            "or np.logical_and / np.logical_or")
    if left.dtype != np.bool_:
        raise AgUnsupportedError(
            f"{where(user_location())}: `and`/`or` on a staged {left.dtype} value would "
            "return one of the operands depending on data; compare explicitly (e.g. "
            "(x > 0) and (y > 0))")

    def right():
        try:
            r = right_fn()
        except _PYTHON_ERRORS as e:
            if not _deferrable(e):
                raise
            # numpy evaluates the right side only where the left one says so.
            _raise_when_run(e, user_location())
            return as_staged(np.bool_(False))
        if np.result_type(r) != np.bool_ or np.ndim(r) != 0:
            raise AgUnsupportedError(
                f"{where(user_location())}: `and`/`or` with a staged 0-d bool needs a "
                "0-d bool on the other side too")
        return as_staged(r)

    if is_and:
        return cond(left, right, lambda: left)
    return cond(left, lambda: left, right)


def not_(a):
    if is_staged(a):
        return np.logical_not(a)
    return not a


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
    """The AutoGraph-converted version of user function `fn` (cached per function),
    reading its globals' and closure's arrays as the active trace's implicit parameters
    (see _captures)."""
    converted = _converted_cache.get(fn)
    if converted is None:
        from ..conversion import convert
        converted = convert(fn)
        _converted_cache[fn] = converted
    captures = current_captures()
    return converted if captures is None else captures.function(converted)


def converted_call(fn, args, kwargs):
    """Calls `fn`, converting it first when it is a user function with Python source
    (library functions, builtins and C extensions run as they are; the builtins whose
    Python versions need values -- int, float, bool, min, max, enumerate, zip -- have
    staged overloads)."""
    if is_tracing() and random.intercepts(fn):  # np.random draws at run time
        return random.call(fn, args, kwargs)
    if isinstance(fn, types.BuiltinFunctionType):
        if mode.speculating and _mutates_python_object(fn):
            raise Unstageable(f"{fn.__qualname__}() changes a Python object")
    elif fn is builtins.int or fn is builtins.float or fn is builtins.bool:
        if len(args) == 1 and not kwargs and is_staged(args[0]):
            return _staged_conversion(fn, args[0])
    if fn is np.array or fn is np.asarray:  # of staged values, e.g. a list of them
        from .data_structures import array_
        return array_(fn, args, kwargs)
    if fn in _CONSTRUCTORS and is_tracing() and _stageable_buffer(fn, args, kwargs):
        return _CONSTRUCTORS[fn](*args, **kwargs)
    staged = (_STAGED_BUILTINS.get(fn)
              if isinstance(fn, (types.BuiltinFunctionType, type)) else None)
    if staged is not None and any(is_staged(a) or isinstance(a, (StagedSequence, StagedList))
                                  or (fn in _MIN_MAX and _is_sequence_of_staged(a))
                                  for a in args):
        return staged(*args, **kwargs)
    if isinstance(fn, types.MethodType) and _is_user_function(fn.__func__):
        method = types.MethodType(_converted(fn.__func__), fn.__self__)
        return _checked_call(fn, (fn.__self__,) + tuple(args), kwargs,
                             lambda: method(*args, **kwargs))
    fn = getattr(fn, "__ag_wrapped__", fn)  # an ag.stage'd function called while tracing
    if _is_user_function(fn):
        if is_tracing():
            return _checked_call(fn, args, kwargs,
                                 lambda: recursion.call(fn, _converted(fn), args, kwargs))
        return _converted(fn)(*args, **kwargs)
    if _is_user_class(fn) and is_tracing():
        return note_made(fn(*args, **kwargs), "ag_objects")
    return fn(*args, **kwargs)


# --- what a called function changes in its arguments ----------------------------------
# The converter carries the attributes a staged if or loop body stores itself (self.total
# = ... in the body) as region state. It cannot see stores in the functions the body
# calls: those happen once while tracing (a Python value) or leave a staged value defined
# inside the region (which the compiled code could not read after it). A call inside a
# staged region that changes an attribute of an object made outside that region is an
# error naming the attribute; objects made in the same block (by converted code) are
# private to it and may change freely. Likewise a numpy array argument that the callee
# writes with staged semantics (a staged copy, see setitem_) must come back as its result.

def _is_user_class(cls):
    module = getattr(cls, "__module__", None) or ""
    return isinstance(cls, type) and not any(module == p or module.startswith(p + ".")
                                             for p in _LIBRARY_PREFIXES)



def _checked_call(fn, args, kwargs, call):
    """call() of user function `fn` while tracing, checking what it changes in its
    arguments that the caller could not see (see above and setitem_)."""
    tracer = current_tracer()
    entered = getattr(tracer, "ag_entered", None)
    if entered is None:
        entered = tracer.ag_entered = {}
    entered.setdefault(id(fn), fn)  # its globals are guarded too (staging._guards)
    writes = _CallWrites(fn, args, kwargs)
    result = call()
    writes.check(result)
    return result


class _CallWrites:
    """What a call may not change: inside staged control flow, the attributes of the user
    objects it is passed (self included) unless they were made in the current block;
    anywhere, a numpy array argument written with staged semantics (setitem_ writes a
    staged copy, which the caller's array would never see)."""

    def __init__(self, fn, args, kwargs):
        self.fn, self.before = fn, []
        tracer = current_tracer()
        self.arrays = [a for a in list(args) + list(kwargs.values())
                       if isinstance(a, np.ndarray)]
        self.copies = len(getattr(tracer, "ag_array_copies", ()))
        if not tracer.in_region():
            return
        for obj in list(args) + list(kwargs.values()):
            state = getattr(obj, "__dict__", None)
            if type(state) is not dict or not _is_user_class(type(obj)) or \
                    made_here(obj, "ag_objects"):
                continue
            self.before.append((obj, {k: (v, v._value if is_staged(v) else None)
                                      for k, v in state.items()}))

    def check(self, result):
        from .._location import user_location
        copies = getattr(current_tracer(), "ag_array_copies", [])[self.copies:]
        returned = result if isinstance(result, tuple) else (result,)
        for array, copy in copies:
            if any(array is a for a in self.arrays) and \
                    not any(copy is r for r in returned):
                if mode.speculating:  # Python iteration writes the array in place
                    raise Unstageable(f"{self.fn.__qualname__}() writes an array")
                raise AgUnsupportedError(
                    f"{where(user_location())}: {self.fn.__qualname__}() writes into a "
                    "numpy array it was passed with a staged value or index, or inside "
                    "staged control flow: ag stages the write on a copy of the array "
                    "(value semantics), so the caller's array would not change. Return "
                    "the array and assign it in the caller (a = f(a, ...))")
        for obj, attrs in self.before:
            for name, value in vars(obj).items():
                old = attrs.get(name)
                if old is not None and old[0] is value and (
                        not is_staged(value) or value._value is old[1]):
                    continue
                if mode.speculating:
                    raise Unstageable(f"{self.fn.__qualname__}() changes an attribute")
                raise AgUnsupportedError(
                    f"{where(user_location())}: {self.fn.__qualname__}() sets attribute "
                    f"'{name}' of its {type(obj).__name__} argument inside staged control "
                    "flow (an if or loop whose condition or trip count is known only when "
                    "the compiled code runs) that did not make the object: the write "
                    "would happen once while tracing, not each time the compiled code "
                    "runs it. Set the attribute in the loop or branch body itself "
                    f"(obj.{name} = ...), e.g. from a value the function returns")


# Methods of Python containers that do not change them: a speculatively staged loop
# (see _loops) may call these; any other method of a list/dict/set changes Python state
# once per iteration, which only Python iteration can do.
_READ_ONLY_METHODS = {"copy", "count", "index", "get", "keys", "values", "items", "union",
                      "intersection", "difference", "symmetric_difference", "isdisjoint",
                      "issubset", "issuperset", "__contains__", "__getitem__", "__len__"}


def _mutates_python_object(fn):
    owner = getattr(fn, "__self__", None)
    return (isinstance(owner, (list, dict, set, bytearray, collections.deque))
            and fn.__name__ not in _READ_ONLY_METHODS)


def _staged_conversion(kind, x):
    """int(x), float(x), bool(x) of a staged 0-d value: a staged numpy scalar."""
    if x.ndim != 0:
        from .._location import user_location
        raise AgTypeError(f"{where(user_location())}: {kind.__name__}() of a staged array "
                          f"of shape {x.shape}: only 0-d arrays convert to a number")
    if kind is builtins.bool:
        result = np.not_equal(x, np.zeros((), x.dtype))
    else:
        if kind is builtins.int:
            from .._location import user_location
            numerics.check_int_conversion(x, user_location())
        result = cast(x, np.int64 if kind is builtins.int else np.float64)
    return StagedArray(result._value, scalar=True)


def _staged_min_max(pick):
    def staged(*args, **kwargs):
        from .._location import user_location
        values = args[0] if len(args) == 1 else args
        if len(args) == 1 and _is_sequence_of_staged(values) and values:
            values = list(values)
            kwargs.pop("default", None)  # only used for an empty iterable
        elif len(args) < 2:
            raise AgUnsupportedError(
                f"{where(user_location())}: {pick.__name__}() over a staged array: use "
                f"np.{pick.__name__}(x) (min/max of two or more staged numbers, or of a "
                "list or tuple of them, is supported)")
        if kwargs:
            raise AgUnsupportedError(
                f"{where(user_location())}: {pick.__name__}() of staged values with "
                f"{', '.join(kwargs)}= is not supported; compute the keys explicitly")
        for v in values:
            if is_staged(v) and v.ndim != 0:
                raise AgValueError(
                    f"{where(user_location())}: {pick.__name__}() of staged arrays of "
                    f"shape {v.shape}: the truth value of an array with more than one "
                    "element is ambiguous; use np.minimum / np.maximum")
        # Python's rule: the first of the smallest (largest) values.
        result = values[0]
        for v in values[1:]:
            result = np.where(pick(v, result), v, result)
        return StagedArray(as_staged(result)._value, scalar=True)
    staged.__name__ = pick.__name__
    return staged


def _is_sequence_of_staged(value):
    return type(value) in (list, tuple) and any(is_staged(v) for v in value)


def _staged_enumerate(iterable, start=0):
    from .loops import StagedSequence
    return StagedSequence.enumerate(iterable, start)


def _staged_zip(*iterables):
    from .loops import StagedSequence
    return StagedSequence.zip(iterables)


def _less(a, b):
    return np.less(a, b)


def _greater(a, b):
    return np.greater(a, b)


_less.__name__, _greater.__name__ = "min", "max"
def shape_of(value):
    """`value.shape` in converted code: a dynamic dim of a staged array reads as its
    staged size (ag.stage(..., dynamic=)), as numpy code reads sizes as ints."""
    if isinstance(value, StagedArray):
        return dynamic.dims_of(value)
    return value.shape


def _staged_shape(shape):
    return is_staged(shape) or (isinstance(shape, (tuple, list)) and
                                any(is_staged(n) for n in shape))


def _zeros(shape, dtype=float, order="C", **kwargs):
    return numpy_impl.full(shape, 0, dtype)


def _ones(shape, dtype=None, order="C", **kwargs):
    return numpy_impl.full(shape, 1, np.float64 if dtype is None else dtype)


def _full(shape, fill_value, dtype=None, order="C", **kwargs):
    return numpy_impl.full(shape, fill_value, dtype)


# np.zeros & co. called by converted code while tracing make staged arrays, with sizes
# known while tracing or only at run time (a dynamic dim): an array the function makes is
# an object with its own storage like any other, so aliases of it, views of it and
# helpers writing into it behave as in numpy (a numpy array made while tracing could
# not take a staged value). empty's contents are unspecified: zeros are a valid choice.
_CONSTRUCTORS = {np.zeros: _zeros, np.empty: _zeros, np.ones: _ones, np.full: _full}


def _stageable_buffer(fn, args, kwargs):
    """Whether np.zeros/ones/empty/full(args) makes an array ag stages (a dtype it
    supports; a fill value that is a number or staged): else numpy makes it."""
    shape = args[0] if args else kwargs.get("shape")
    if _staged_shape(shape):
        return True
    if fn is np.full:
        fill = args[1] if len(args) > 1 else kwargs.get("fill_value")
        dtype = args[2] if len(args) > 2 else kwargs.get("dtype")
        if not (is_staged(fill) or isinstance(fill, (bool, int, float, np.generic))):
            return False
    else:
        dtype = args[1] if len(args) > 1 else kwargs.get("dtype", float)
        fill = 0
    try:
        made = np.dtype(dtype) if dtype is not None else np.result_type(fill)
    except TypeError:
        return False
    return made in array.SUPPORTED_DTYPES and kwargs.get("like") is None


def _staged_len(value):
    if isinstance(value, StagedList):
        return StagedArray(value.length._value, scalar=True)
    if isinstance(value, StagedArray) and value.ndim and value.shape[0] is None:
        from .loops import _first_dim
        return _first_dim(value)  # a dynamic dim: its size at run time
    return builtins.len(value)


_STAGED_BUILTINS = {builtins.len: _staged_len, builtins.min: _staged_min_max(_less),
                    builtins.max: _staged_min_max(_greater),
                    builtins.enumerate: _staged_enumerate, builtins.zip: _staged_zip}
_MIN_MAX = (builtins.min, builtins.max)  # also staged for a list or tuple of staged values


# --- item assignment --------------------------------------------------------------------

def getitem_(target, key):
    """`target[key]` in converted code. A numpy array indexed by a staged key while
    tracing (`np.eye(k)[y]`) is staged first: numpy cannot index with a value known
    only when the compiled code runs."""
    if isinstance(target, np.ndarray) and is_tracing() and \
            advanced._has_staged(key if isinstance(key, tuple) else (key,)):
        target = as_staged(target)
    return target[key]


def setitem_(target, key, value):
    """`target[key] = value`; returns what `target` names afterwards. A numpy array
    assigned a staged value (or at a staged index, or anything inside staged control
    flow) while tracing becomes a staged copy, updated with value semantics."""
    if isinstance(target, np.ndarray) and is_tracing() and (
            is_staged(value) or any(is_staged(k) for k in
                                    (key if isinstance(key, tuple) else (key,)))
            or current_tracer().in_region()):
        # Inside staged control flow even a Python value is staged: writing the numpy
        # array in place would happen once while tracing, on every path of an if (both
        # branches' writes would stay) and once for all iterations of a loop.
        array, target = target, StagedArray(as_staged(target)._value)
        # For _CallWrites: a function writing its argument this way must return it.
        tracer = current_tracer()
        if not hasattr(tracer, "ag_array_copies"):
            tracer.ag_array_copies = []
        tracer.ag_array_copies.append((array, target))
    target[key] = value
    return target


# --- comparisons --------------------------------------------------------------------------

_COMPARISONS = {
    "Eq": operator.eq, "NotEq": operator.ne, "Lt": operator.lt, "LtE": operator.le,
    "Gt": operator.gt, "GtE": operator.ge, "Is": operator.is_, "IsNot": operator.is_not,
    "In": lambda a, b: a in b, "NotIn": lambda a, b: a not in b,
}


def compare_(left, comparisons):
    """`a < b < c` (a chained comparison): each operand is evaluated at most once and
    the rest is skipped once a comparison is false, as in Python; with staged values
    the comparisons chain like `and` (the rest is evaluated in an scf.if)."""
    (op, right_fn), rest = comparisons[0], comparisons[1:]
    right = right_fn()
    result = _COMPARISONS[op](left, right)
    if not rest:
        return result
    return and_(lambda: result, lambda: compare_(right, rest))


# --- staged code in `try`, writes to globals --------------------------------------------

class try_scope:
    """Wraps the body of a `try` statement: compiled code cannot raise into a Python
    `try`, so staged control flow, asserts and index checks there are errors."""

    def __init__(self, loc):
        self.loc = loc

    def __enter__(self):
        mode.tries.append(self.loc)

    def __exit__(self, exc_type, exc, tb):
        mode.tries.pop()
        if isinstance(exc, AgUnsupportedError) and mode.unsupported is None:
            # The user's handler may swallow it, but the traced program would then differ
            # from the eager one (ag could not stage something eager numpy runs):
            # the trace fails with this error at its end (staging.py).
            mode.unsupported = exc
        return False


def check_not_in_try(what, loc):
    if mode.tries:
        raise AgUnsupportedError(
            f"{where(loc)}: a staged {what} inside the `try` at {where(mode.tries[-1])}: "
            "exceptions of compiled code happen when it runs, after tracing, so the "
            "`try`'s handlers could never see them; move the staged code out of the `try`")


def check_scope_write(value, name, kind, loc):
    """`value`, about to be (or just) written to a name the function declares `global` or
    `nonlocal`."""
    if is_staged(value):
        raise AgUnsupportedError(
            f"{where(loc)}: {kind} variable '{name}' is assigned a staged value; staged "
            "values exist only while tracing, so it would not hold the result after the "
            "call; return the value instead")
    if is_tracing() and current_tracer().in_region():
        raise AgUnsupportedError(
            f"{where(loc)}: {kind} variable '{name}' is assigned inside staged control "
            "flow; Python assignments there run once while tracing (on every path), not "
            "when the compiled code runs; return the value instead")
    return value


# --- print and assert ---------------------------------------------------------------------

_callbacks = {}  # id -> what the host callback needs (see _print_handler, _fail_handler)
_callback_ids = iter(range(1, 1 << 62))


def _new_callback(entry):
    """An id compiled code reports `entry` by. The entry lives as long as the function
    compiled from the trace that recorded it (staging hands the trace's ids over, see
    hand_over_callbacks), or as the trace when it never compiles: retraces do not grow
    the table."""
    cid = next(_callback_ids)
    _callbacks[cid] = entry
    if is_tracing():
        tracer = current_tracer()
        ids = getattr(tracer, "_ag_callbacks", None)
        if ids is None:
            ids = tracer._ag_callbacks = []
            weakref.finalize(tracer, _release_callbacks, ids)
        ids.append(cid)
    return cid


def _release_callbacks(ids):
    for cid in ids:
        _callbacks.pop(cid, None)
    ids.clear()


def hand_over_callbacks(tracer, compiled):
    """The callbacks `tracer` recorded now live as long as `compiled`."""
    ids = getattr(tracer, "_ag_callbacks", None)
    if ids:
        kept = list(ids)
        ids.clear()  # the tracer's finalizer releases nothing now
        weakref.finalize(compiled, _release_callbacks, kept)


def print_(*args, sep=" ", end="\n", file=None, flush=False):
    """print() in a staged function is staged: printed when the compiled code runs, every
    call, in order, on the taken path, with numpy's formatting -- Python values too (the
    function prints each time it is called, not once when traced). Python arguments are
    formatted (str()) while tracing. Outside a trace it is Python's print."""
    if not any(is_staged(a) for a in args):
        if mode.speculating:
            # A Python range loop tried as a staged loop: iterate in Python instead, so
            # the print runs once per iteration.
            raise Unstageable("print() of Python values in a loop")
        if not is_tracing():
            return builtins.print(*args, sep=sep, end=end, file=file, flush=flush)
    from .._location import user_location
    items, values = [], []
    for a in args:
        if is_staged(a):
            items.append(("value", len(values), a._scalar and a.ndim == 0))
            values.append(a)
        else:
            items.append(("const", str(a)))
    if not values:
        # The lowering of an ag.print without operands fails ("could not convert to LLVM
        # IR"): pass one the handler never formats.
        values.append(as_staged(np.int64(0)))
    cid = _new_callback(("print", items, sep, end, file, flush))
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
    if not is_staged(test):
        if not test:
            raise AssertionError(message()) if message is not None else AssertionError()
        return
    check_not_in_try("assert", loc)
    pred = predicate(test, loc, "assert")
    try:
        text = message() if message is not None else None
    except Exception:  # the message needs run-time values: say where instead
        text = None
    if text is not None and not isinstance(text, str):
        text = None if is_staged(text) else str(text)
    cid = _new_callback(("assert", text, loc))
    current_tracer().effect("ag.assert", [pred._value], {"callback": cid}, loc or ())


def check_in_bounds(index, size, axis, loc):
    """Records a run-time check that staged `index` lies in [-size, size): compiled code
    reports a violation through the failure channel and the call raises AgIndexError
    (an IndexError; the index itself is clamped so the compiled read stays in bounds)."""
    check_not_in_try("index", loc)
    ok = np.logical_and(np.greater_equal(index, -size), np.less(index, size))
    # The index and a dynamic size exist only in compiled code, which reports no values
    # through the failure channel: say which they are.
    size_text = ("known at run time (a dynamic dim)" if isinstance(size, StagedArray)
                 else size)
    cid = _new_callback(("index", f"{where(loc)}: staged index is out of bounds for axis "
                                  f"{axis} with size {size_text}", loc))
    current_tracer().effect("ag.assert", [cast(as_staged(ok), np.bool_)._value],
                            {"callback": cid}, loc or ())


def record_check(ok, text, loc, kind="value"):
    """A run-time check: when staged bool `ok` is false the call raises (ValueError for
    kind "value") with `text`."""
    # Inside a `try` the user's handler could never catch it: refuse clearly.
    check_not_in_try("run-time check", loc)
    cid = register_failure(kind, text, loc)
    current_tracer().effect("ag.assert", [cast(as_staged(ok), np.bool_)._value],
                            {"callback": cid}, loc or ())


def register_failure(kind, text, loc):
    """A callback id for a failure compiled code may report (see _fail_handler)."""
    cid = _new_callback((kind, text, loc))
    return cid


# Python errors a staged branch raises while tracing, raised at run time on its path.
_PYTHON_ERRORS = (IndexError, KeyError, ZeroDivisionError, ValueError, TypeError,
                  OverflowError, NameError, AssertionError)


def _fail_handler(cid):
    kind, text, loc = _callbacks[cid]
    if isinstance(kind, tuple) and kind[0] == "raise":
        raise kind[1](text)
    if kind == "index":
        raise AgIndexError(text)
    if kind == "recursion":
        raise AgRecursionError(text)
    if kind == "value":
        raise AgValueError(text)
    if kind == "overflow":
        raise AgOverflowError(text)
    if text is None:
        text = f"staged assertion failed at {where(loc)}"
    raise AssertionError(text)


_ag.set_callbacks(_print_handler, _fail_handler)
