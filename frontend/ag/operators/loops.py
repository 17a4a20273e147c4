"""Loops of converted code: the `ag__.while_stmt`, `ag__.for_stmt` and `ag__.range_`
operators.

A Python condition or iterable runs the loop in Python. A staged one records scf.while
or scf.for, tracing the body once with symbolic loop state (the as-if rule).

Loops over a Python `range` are where both meet. Unrolled, a 10,000-step loop would be
10,000 copies of its body, so compile time would grow with the trip count. The rule:

* a Python range of at most UNROLL_LIMIT steps runs in Python (unrolled: its indices
  stay Python ints, which gives the best code for short loops) -- while its steps record
  little: the first step measures what it records, and when the others would record
  more than UNROLL_WORK arrays together (a body with loops of its own, a nest of short
  loops: the size of the unrolled code multiplies) they are tried as a staged loop;
* a longer one is *tried* as a staged loop whose index is a staged int64. If the body
  needs the index (or anything else) as a Python value -- `lst[i]` of a Python list, a
  Python side effect such as `list.append` or a print of Python values -- the attempt is
  abandoned (the tracer detaches what it recorded) and the loop runs in Python after all
  (AG_LOG=loops says why; a warning, once, when that recorded much).
  (Sizes need no Python value: `np.zeros(i)` and `x[:i]` in converted code are arrays of
  run-time size);
* the loop is staged only when its state (the variables it modifies that are used
  later) includes a staged value and no Python number: a loop over Python values only
  computes at trace time, and a Python counter must stay a Python int. State that is a
  Python number on entry (`acc = 0`) or not yet defined goes through a first iteration
  in Python, after which it usually is staged.

A staged loop that sets the return value (a `return` inside it) first traces its body
once to learn the return value's dtype and shape, then records the loop for real with a
placeholder of that type carried in.

A variable whose dtype or shape the body changes cannot be carried as it is. numpy's
often changes in the first iteration only (`delta = tol + 1.0; while delta > tol: ...
delta = np.max(...)` of float32 arrays: a Python float, then float32): the first
iteration is then peeled -- it runs under a staged if on the loop's condition, with the
rest of the loop after it inside the if -- and the if merges the two paths as any staged
if does (a name whose dtype depends on the path becomes a Divergent). A variable that
changes again in the loop after the peeled iteration is an ag error naming it.
"""

import builtins
import contextlib
import functools
import warnings

import numpy as np

from .._location import describe, user_location
from .._log import log as _log
from ..errors import (AgCompileWarning, AgTraceTooLargeError, AgTypeError,
                      AgUnsupportedError)
from ..staged.array import PythonNumber, StagedArray, as_staged, cast
from ..staged.checks import check_not_in_try
from ..staged.dynamic import dim_of
from ..staged.storage import Journal
from ..staged.values import is_staged, predicate, where
from ..trace import (Unstageable, current_trace, current_tracer, is_tracing, mode,
                     new_serial)
from .carried import StateChanged, _Carried, _record, _staged_loop
from .control_flow import BranchShapes, BranchTypes, if_stmt
from .variables import Undefined, UndefinedReturnValue, display_name

# A short Python range loop is unrolled unless its steps after the first would make more
# arrays (about: ops recorded) than UNROLL_WORK; then they are tried as a staged loop.
UNROLL_WORK = 120

# A range loop that could not be staged and recorded more arrays than this while it
# was unrolled is worth a warning: the user's compile time grows with its steps.
UNROLL_WARN = 2000

# Python range loops with more steps than this are tried as staged loops.
UNROLL_LIMIT = 8


# --- while ------------------------------------------------------------------------------

def while_stmt(test, body, get_state, set_state, names, loc=None, inplace=(),
               peeled=False):
    cond = test()
    while not is_staged(cond):
        if not cond:
            return
        body()
        cond = test()
    check_not_in_try("while loop", loc)
    first = predicate(cond, loc, "while")
    init = get_state()
    try:
        _staged_loop(lambda init, probe, plan: _record_while(
            test, body, get_state, set_state, names, loc, init, probe, plan, first),
            get_state, set_state, names, loc, inplace=inplace)
    except StateChanged as changed:
        if peeled:
            raise
        _log("loops", f"{describe(loc)}: while loop: first iteration peeled ({changed})")
        set_state(init)

        def first_then_rest():
            body()
            while_stmt(test, body, get_state, set_state, names, loc, inplace, peeled=True)
        _peel(first, first_then_rest, get_state, set_state, names, loc, changed)


def _record_while(test, body, get_state, set_state, names, loc, init, probe, plan, first):
    """The loop carries its condition: `first` is the test Python already ran (and
    recorded) to decide to stage, the body runs the next one. Testing again at the top
    of the loop would repeat the test's effects (a print, a np.random draw)."""
    tracer = current_tracer()
    journal = Journal()
    carried = _Carried(names, init, loc, "while", set_state, plan, journal)
    handle, args = tracer.begin_while([first._value] + [v._value for v in carried.values],
                                      loc or ())

    def steps():
        with journal:
            carried.load(args[1:])
            carried.load(tracer.while_body(handle, args[0], args)[1:])
            body()
            pred = predicate(test(), loc, "while")
            after, new = carried.after_body(get_state, probe)
        return after, tracer.end_while(handle, [pred._value] + [v._value for v in new])

    after, results = _record(tracer, handle, carried, steps)
    carried.finish(after, results[1:], ran=lambda: first)


# --- for ----------------------------------------------------------------------------------

class StagedRange:
    """range(...) with a staged bound: iterated by a staged for loop."""

    def __init__(self, start, stop, step):
        self.start, self.stop, self.step = start, stop, step

    def trip_count(self):
        """max(0, ceil((stop - start) / step)) as a staged int64 (step > 0)."""
        start, stop = (cast(as_staged(b), np.int64) for b in (self.start, self.stop))
        n = np.maximum(np.subtract(stop, start), np.int64(0))
        if self.step != 1:
            n = np.floor_divide(np.add(n, np.int64(self.step - 1)), np.int64(self.step))
        return n

    def item(self, k):
        if self.step != 1:
            k = np.multiply(k, np.int64(self.step))
        return k if (not is_staged(self.start) and self.start == 0) else np.add(k, self.start)

    def __iter__(self):
        # Reached only when the loop was left unconverted (a for/else, say).
        raise AgUnsupportedError(
            f"{describe(user_location())}: a for loop over range() with a staged bound "
            "could not be staged: only loops that ag converts can be staged (for/else "
            "is not converted)")


class StagedSequence:
    """enumerate()/zip() of staged arrays: iterated by a staged for loop over their
    first axis (in Python, e.g. by list(), it unrolls as the arrays themselves do)."""

    def __init__(self, length, item_of):
        self.length, self.item_of = length, item_of

    @classmethod
    def of(cls, iterable):
        """`iterable` as a StagedSequence, or None if it is not a staged one."""
        if isinstance(iterable, cls):
            return iterable
        if is_staged(iterable) and iterable.ndim > 0:
            return cls(_first_dim(iterable), lambda k: iterable[k])
        return None

    @classmethod
    def enumerate(cls, iterable, start=0):
        seq = cls.of(iterable)
        if seq is None:
            if is_staged(iterable):
                raise AgTypeError(f"{describe(user_location())}: enumerate() of a 0-d "
                                  "array")
            return builtins.enumerate(iterable, start)
        return cls(seq.length, lambda k: (np.add(k, np.int64(start)) if start else k,
                                          seq.item_of(k)))

    @classmethod
    def zip(cls, iterables):
        seqs = [cls.of(a) for a in iterables]
        if not iterables or any(s is None for s in seqs):
            return builtins.zip(*iterables)  # Python iteration (staged arrays unroll)
        lengths = [s.length for s in seqs]
        static = all(isinstance(n, int) for n in lengths)
        return cls(min(lengths) if static else functools.reduce(np.minimum, lengths),
                   lambda k: tuple(s.item_of(k) for s in seqs))

    def __iter__(self):
        return (self.item_of(k) for k in builtins.range(self.length))


def range_(*args):
    if not any(is_staged(a) for a in args):
        return builtins.range(*args)
    if len(args) == 1:
        start, stop, step = 0, args[0], 1
    elif len(args) == 2:
        start, stop, step = args[0], args[1], 1
    else:
        start, stop, step = args
    if is_staged(step) or step <= 0:
        raise AgUnsupportedError("range() with a staged bound needs a positive Python int "
                                 "step")
    return StagedRange(start, stop, step)


def for_stmt(iterated, body, get_state, set_state, names, loc=None, extra_test=None,
             targets=(), flags=(), inplace=()):
    """`for target in iterated: body`. `extra_test` (from a converted break) must hold
    before each iteration; `targets` are the loop's target names and `flags` the
    converter's break/return flags among `names`."""
    if isinstance(iterated, StagedRange):
        # A range's items are Python ints in numpy's code.
        return _staged_for(iterated.trip_count(),
                           lambda k: PythonNumber(iterated.item(k), int), body, get_state,
                           set_state, names, loc, extra_test, inplace)
    if isinstance(iterated, StagedSequence):
        if isinstance(iterated.length, int) and iterated.length == 0:
            return
        return _staged_for(iterated.length, iterated.item_of, body, get_state,
                           set_state, names, loc, extra_test, inplace)
    if is_staged(iterated):
        if iterated.ndim == 0:
            raise AgTypeError(f"{where(loc)}: iteration over a 0-d array")
        if iterated.shape[0] == 0:
            return  # zero iterations, known while tracing: nothing to record
        return _staged_for(_first_dim(iterated), lambda k: iterated[k], body, get_state,
                           set_state, names, loc, extra_test, inplace)
    if isinstance(iterated, builtins.range) and is_tracing() and not mode.tries:
        stage = functools.partial(_try_staged_range, body=body, get_state=get_state,
                                  set_state=set_state, names=names, loc=loc,
                                  extra_test=extra_test, targets=targets, flags=flags,
                                  inplace=inplace)
        why = None
        if len(iterated) > UNROLL_LIMIT:
            iterated, why = stage(iterated)
        elif len(iterated) > 1:
            iterated, why = _unroll_or_stage(iterated, stage, body, get_state, set_state,
                                             names, loc, extra_test)
        if iterated is None:
            return
        if why:
            mark = new_serial()
            with _in_python(loc, why):
                _python_items(iterated, body, get_state, set_state, names, loc,
                              extra_test)
            _unrolled(iterated, new_serial() - mark, why, loc)
            return
    with _in_python(loc, "it iterates a Python object" if not
                    isinstance(iterated, builtins.range) else "it is a short range"):
        _python_items(iterated, body, get_state, set_state, names, loc, extra_test)


@contextlib.contextmanager
def _in_python(loc, why):
    """Notes, for the trace-size error, that the loop at `loc` runs in Python."""
    loops = current_trace().python_loops if is_tracing() else []
    loops.append((loc, why))
    try:
        yield
    finally:
        loops.pop()


def _unrolled(r, work, why, loc):
    """Says that a range loop ag tried to stage ran in Python; warns (once per loop)
    where that recorded much: its compile time grows with its steps."""
    _log("loops", f"{describe(loc)}: range of {len(r)} steps ran in Python (unrolled "
                  f"while tracing, {work} arrays): {why}")
    if work > UNROLL_WARN:
        warnings.warn(AgCompileWarning(
            f"{describe(loc)}: a loop of {len(r)} steps ran in Python while tracing "
            f"(unrolled into {work} arrays: compile time grows with its steps) because "
            f"{why}"), stacklevel=3)


def _python_items(items, body, get_state, set_state, names, loc, extra_test):
    """Runs the body for each item in Python; False when a Python break stopped it."""
    for item in items:
        if extra_test is not None:
            go_on = extra_test()
            if is_staged(go_on):
                # A staged break happened in an earlier iteration: the rest of this
                # Python loop runs only where it did not.
                if_stmt(go_on, lambda: body(item), lambda: None, get_state, set_state,
                        names, loc)
                continue
            if not go_on:
                return False
        body(item)
    return True


def _unroll_or_stage(r, stage, body, get_state, set_state, names, loc, extra_test):
    """A short Python range: unrolled while what it records stays small. The first
    iteration runs in Python and measures the arrays it makes; when the others would
    make more than UNROLL_WORK together (a body with loops of its own, a nest of short
    loops), they become a staged loop. Returns what _try_staged_range returns."""
    mark = new_serial()
    if not _python_items(r[:1], body, get_state, set_state, names, loc, extra_test):
        return None, None
    work, rest = new_serial() - mark, r[1:]
    if work * len(rest) <= UNROLL_WORK:
        return rest, None
    _log("loops", f"{describe(loc)}: range of {len(r)} steps making {work} arrays per "
                  f"step: the last {len(rest)} tried as a staged loop")
    return stage(rest, min_steps=1)


def _first_dim(x):
    """x.shape[0], or its staged size when it is dynamic (ag.stage(..., dynamic=))."""
    if x.shape[0] is not None:
        return x.shape[0]
    return dim_of(x, 0, user_location())


def _staged_for(count, item_of, body, get_state, set_state, names, loc, extra_test=None,
                inplace=(), peeled=False):
    """A staged loop of `count` iterations (a Python int or staged int64) whose target
    is `item_of(k)` for the staged index k."""
    check_not_in_try("for loop", loc)
    init = get_state()
    try:
        _record_staged_for(count, item_of, body, get_state, set_state, names, loc,
                           extra_test, inplace)
    except StateChanged as changed:
        if peeled:
            raise
        _log("loops", f"{describe(loc)}: for loop: first iteration peeled ({changed})")
        set_state(init)
        runs = count > 0 if isinstance(count, int) else np.greater(count, np.int64(0))
        if extra_test is not None:
            go_on = extra_test()
            runs = np.logical_and(as_staged(runs), as_staged(go_on)) \
                if is_staged(runs) or is_staged(go_on) else runs and go_on
        rest = count - 1 if isinstance(count, int) else np.subtract(count, np.int64(1))

        def first_then_rest():
            body(item_of(np.int64(0)))
            _staged_for(rest, lambda k: item_of(np.add(k, np.int64(1))), body, get_state,
                        set_state, names, loc, extra_test, inplace, peeled=True)
        _peel(runs, first_then_rest, get_state, set_state, names, loc, changed)


def _peel(runs, first_then_rest, get_state, set_state, names, loc, changed):
    """`if runs: first_then_rest()` as a staged if; when the peeled loop's state still
    changes, or the if cannot merge its paths (a shape that differs), the loop's own
    error (`changed`) says what to do."""
    init = get_state()
    try:
        if_stmt(runs, first_then_rest, lambda: None, get_state, set_state, names, loc)
    except (StateChanged, BranchShapes, BranchTypes):
        set_state(init)
        raise changed from None


def _record_staged_for(count, item_of, body, get_state, set_state, names, loc, extra_test,
                       inplace):
    if extra_test is not None:
        record = (lambda init, probe, plan: _record_for_with_test(
            count, item_of, body, get_state, set_state, names, loc, extra_test, init,
            probe, plan))
    else:
        record = (lambda init, probe, plan: _record_for(
            count, item_of, body, get_state, set_state, names, loc, init, probe, plan))
    runs = extra_test is None and isinstance(count, int) and count > 0
    _staged_loop(record, get_state, set_state, names, loc,
                 count if extra_test is None else None, runs, inplace)


def _index(value, count):
    """The staged loop index k in [0, count)."""
    index = StagedArray(value, scalar=True)
    if isinstance(count, int):
        index._bounds = (0, count - 1)
    return index


def _record_for(count, item_of, body, get_state, set_state, names, loc, init, probe,
                plan):
    tracer = current_tracer()
    journal = Journal()
    carried = _Carried(names, init, loc, "for", set_state, plan, journal)
    bounds = [cast(as_staged(b), np.int64) for b in (0, count, 1)]
    handle, index, args = tracer.begin_for(*[b._value for b in bounds],
                                           [v._value for v in carried.values], loc or ())

    def steps():
        with journal:
            carried.load(args)
            body(item_of(_index(index, count)))
            after, new = carried.after_body(get_state, probe)
        return after, tracer.end_for(handle, [v._value for v in new])

    after, results = _record(tracer, handle, carried, steps)
    carried.finish(after, results, ran=None if isinstance(count, int) else
                   lambda: np.greater(bounds[1], np.int64(0)))


def _record_for_with_test(count, item_of, body, get_state, set_state, names, loc,
                          extra_test, init, probe, plan):
    """A staged for loop that can stop early (a converted break): an scf.while carrying
    the index besides the loop state."""
    tracer = current_tracer()
    journal = Journal()
    carried = _Carried(names, init, loc, "for", set_state, plan, journal)
    stop = cast(as_staged(count), np.int64)
    inits = [cast(as_staged(0), np.int64)] + carried.values
    handle, args = tracer.begin_while([v._value for v in inits], loc or ())

    def steps():
        with journal:
            carried.load(args[1:])
            index = StagedArray(args[0], scalar=True)
            go_on = extra_test()
            pred = np.less(index, stop)
            if is_staged(go_on) or go_on is not True:
                pred = np.logical_and(pred, as_staged(go_on))
            pred = predicate(pred, loc, "for")
            body_args = tracer.while_body(handle, pred._value, args)
            carried.load(body_args[1:])
            index = _index(body_args[0], count)
            body(item_of(index))
            after, new = carried.after_body(get_state, probe)
            new = [np.add(index, np.int64(1))] + new
        return after, tracer.end_while(handle, [v._value for v in new])

    after, results = _record(tracer, handle, carried, steps)
    # The index counts the iterations that ran.
    carried.finish(after, results[1:], ran=lambda: np.greater(
        StagedArray(results[0], scalar=True), np.int64(0)))


# --- Python ranges tried as staged loops ------------------------------------------------------

def _unstageable(values, names, targets, flags):
    """Why staging the loop would change the meaning of its state (None: it would not):
    something the code after the loop may still use as a Python value (a Python number,
    a variable the first iteration has yet to define) would become staged, or nothing is
    staged yet (a loop of Python values only computes at trace time: it records nothing).
    Loop targets are rebound by every iteration, and the converter's flags may become
    staged."""
    staged = False
    for name, v in zip(names, values):
        if name in targets:
            continue
        staged = staged or is_staged(v)
        if name in flags:
            continue
        if isinstance(v, (bool, int, float)):
            return f"{display_name(name)} is a Python {type(v).__name__} in it"
        if isinstance(v, Undefined) and not isinstance(v, UndefinedReturnValue):
            return f"{display_name(name)} is first defined in it"
    return None if staged else "the variables it changes hold no staged array"


def _try_staged_range(r, body, get_state, set_state, names, loc, extra_test, targets,
                      flags, inplace=(), min_steps=UNROLL_LIMIT + 1):
    """Stages the Python range loop `for target in r` when its body allows. Returns
    (None, None) when it did, else (the part of `r` still to run in Python, why): all of
    it when fewer than `min_steps` remain after a first iteration run in Python."""
    why = _unstageable(get_state(), names, targets, flags)
    if why:
        # Peel the first iteration: `acc = 0` becomes staged in it, or a `return` on a
        # staged condition stages the flags.
        if extra_test is not None:
            go_on = extra_test()
            if is_staged(go_on):
                return r, "a staged break may have happened before it"
            if not go_on:
                return builtins.range(0), None
        body(r[0])
        r = r[1:]
        why = _unstageable(get_state(), names, targets, flags)
        if len(r) < min_steps or why:
            return r, why
    state = list(get_state())
    for k, name in enumerate(names):
        if name in targets:  # overwritten by the first iteration (r is not empty)
            state[k] = np.int64(r.start)
    set_state(tuple(state))
    mode.speculating += 1
    try:
        _staged_for(len(r), lambda k: PythonNumber(_range_item(r, k), int), body,
                    get_state, set_state, names, loc, extra_test, inplace)
    except AgTraceTooLargeError:
        raise  # not about this loop: running it in Python would only make more
    except Exception as e:
        # The body needs Python values: run the loop in Python (see the module doc). The
        # attempt's writes were rolled back with its region (_record).
        set_state(tuple(state))
        return r, _why(e)
    finally:
        mode.speculating -= 1
    _log("loops", f"{describe(loc)}: range of {len(r)} steps staged as a loop")
    if extra_test is None:
        # Without a break the targets end on the range's last item, a Python int.
        state = list(get_state())
        for k, name in enumerate(names):
            if name in targets:
                state[k] = r[-1]
        set_state(tuple(state))
    return None, None


def _why(error):
    """What made a staged attempt fail, for AG_LOG=loops."""
    text = str(error).splitlines()[0] if str(error) else ""
    if isinstance(error, Unstageable):
        return text  # ag's own reason, not an error of the user's
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _range_item(r, k):
    """r[k] for the staged index k (known to lie in r's bounds)."""
    if r.step != 1:
        k = np.multiply(k, np.int64(r.step))
    if r.start:
        k = np.add(k, np.int64(r.start))
    k._bounds = (min(r[0], r[-1]), max(r[0], r[-1]))
    return k
