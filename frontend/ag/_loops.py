"""Loops of converted code: the `ag__.while_stmt`, `ag__.for_stmt` and `ag__.range_`
operators.

A Python condition or iterable runs the loop in Python. A staged one records scf.while
or scf.for, tracing the body once with symbolic loop state (the as-if rule).

Loops over a Python `range` are where both meet. Unrolled, a 10,000-step loop would be
10,000 copies of its body, so compile time would grow with the trip count. The rule:

* a Python range of at most UNROLL_LIMIT steps runs in Python (unrolled: its indices
  stay Python ints, which gives the best code for short loops);
* a longer one is *tried* as a staged loop whose index is a staged int64. If the body
  needs the index (or anything else) as a Python value -- `lst[i]` of a Python list, a
  Python side effect such as `list.append` or a print of Python values -- the attempt is
  abandoned (the tracer detaches what it recorded) and the loop runs in Python after all.
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
"""

import builtins
import functools
import warnings

import numpy as np

from . import _lists
from ._log import log as _log
from ._common import (Undefined, UndefinedReturnValue, Unstageable, describe_structure,
                      describe_value, display_name, flatten, is_staged, mode,
                      placeholder_like, predicate, scalar_leaves, stageable,
                      staged_result, unflatten, where)
from ._either import Either, one_of, staged_int, storages_of, which_of
from ._storage import Journal, RowStorage, new_serial
from ._location import describe, user_location
from ._trace import StagedArray, as_staged, cast, current_tracer, is_tracing
from .errors import AgCompileWarning, AgTypeError, AgUnsupportedError, AgValueError

# A short Python range loop is unrolled unless its steps after the first would make more
# arrays (about: ops recorded) than UNROLL_WORK; then they are tried as a staged loop.
UNROLL_WORK = 120

# A range loop that could not be staged and recorded more arrays than this while it
# was unrolled is worth a warning: the user's compile time grows with its steps.
UNROLL_WARN = 2000

# Python range loops with more steps than this are tried as staged loops.
UNROLL_LIMIT = 8


# --- loop state ---------------------------------------------------------------------------

def _check_carried(names, before, after, loc, kind):
    for name, b, a in zip(names, before, after):
        if (b.dtype, b.shape) != (a.dtype, a.shape):
            raise AgValueError(
                f"{where(loc)}: {display_name(name)} changes from {describe_value(b)} to "
                f"{describe_value(a)} in a staged {kind} loop; a loop-carried variable "
                "must keep its dtype and shape (initialise it with the final dtype, e.g. "
                f"{name} = np.zeros(shape, dtype))")


def _split_state(names, values, loc, kind, skip=()):
    """Which state entries the staged loop carries; the rest are Undefined on entry (or
    in `skip`)."""
    carried, undefined = [], []
    for i, (name, v) in enumerate(zip(names, values)):
        if i in skip:
            continue
        if isinstance(v, Undefined):
            undefined.append(i)
        elif all(stageable(leaf) for leaf in flatten(v)[0]):
            carried.append(i)
        else:
            raise AgTypeError(f"{where(loc)}: variable '{name}' ({type(v).__name__}) is "
                              f"modified in a staged {kind} loop; only arrays and numbers "
                              "can be loop-carried")
    return carried, undefined


def _undefined_after_loop(name, loc, kind):
    return Undefined(name, (
        f"{where(loc)}: variable '{name}' is used after a staged {kind} loop that may run "
        f"zero times, but it is only defined inside the loop; define '{name}' before the "
        "loop"))


class _Plan:
    """What a staged loop carries besides the names its body rebinds.

    `keep`: state entries whose object the body changes in place and never rebinds
    (`x[i] = v`, `acc += v` on an array): the name stays bound to that object, whose
    contents are carried through its storage. `storages`: the storages made before the
    loop that the body writes (through those names, aliases or views). `track`: rebound
    entries whose name may be, at the start of an iteration or after the loop, an array
    from before the loop (its own, when the rebinding is conditional, follows a break or
    a write, or that array is written in the loop; or another one the body binds it to),
    mapped to those arrays: such an entry carries "which object" (0: the body's own, k:
    the k-th of them) and the name is an Either of the objects by it. The first guess
    comes from the converter (names only stored into or updated in place); recording
    checks it, and a wrong guess records the loop again with the plan corrected."""

    def __init__(self, keep, storages, track=None):
        self.keep, self.storages, self.track = set(keep), list(storages), dict(track or {})
        self.unobserved = set()  # entries holding placeholders (see _staged_loop)

    @classmethod
    def guess(cls, names, init, inplace):
        keep = [i for i, (name, v) in enumerate(zip(names, init))
                if name in inplace and _mutable(v)]
        return cls(keep, _unique(s for i in keep for s in storages_of(init[i])))

    def same(self, other):
        return (self.keep, len(self.storages), _ids(self.track)) == \
            (other.keep, len(other.storages), _ids(other.track))


def _ids(track):
    return {i: [id(a) for a in arrays] for i, arrays in track.items()}


def _mutable(v):
    return isinstance(v, StagedArray) and not v._scalar


def _outer_arrays(x, start, own, views=False):
    """The arrays (and views) from before a loop (made before serial `start`), other than
    `own`, that `x` is on some path. Views made in the body of arrays from before are left
    out (`views`: only those): such a view is a new object on each iteration, not one a
    loop can name."""
    if isinstance(x, Either):
        return [a for side in x._sides for a in _outer_arrays(side, start, own, views)]
    if isinstance(x, StagedArray) and not x._scalar and x is not own and \
            x._storage.serial < start and \
            (x._view is not None and x._view.serial >= start) == views:
        return [x]
    return []


def _refers(x, obj):
    """Whether `x` is `obj`, or an Either with `obj` on one of its paths."""
    if x is obj:
        return True
    return isinstance(x, Either) and any(_refers(side, obj) for side in x._sides)


def _unique(storages):
    out = []
    for s in storages:
        if not any(s is t for t in out):
            out.append(s)
    return out


class _Replan(Exception):
    """Ends a recording whose plan turned out wrong; carries the corrected plan."""

    def __init__(self, plan):
        super().__init__("replan")
        self.plan = plan


class _Carried:
    """The carried part of a staged loop's state: the leaves of the names the body
    rebinds (a tuple entry carries each of its items), then the contents of the storages
    of the plan. In the body a rebound name starts as a new object holding the block
    argument; a kept name stays bound to its object, whose storage holds the block
    argument."""

    def __init__(self, names, init, loc, kind, set_state, plan, journal):
        self.names, self.init, self.loc, self.kind = names, init, loc, kind
        self.set_state, self.plan, self.journal = set_state, plan, journal
        # A list being probed passes through the body as the same Python object.
        self.probes = [i for i, v in enumerate(init) if isinstance(v, _lists.ListProbe)]
        skip = set(self.probes) | plan.keep
        self.indices, self.undefined = _split_state(names, init, loc, kind, skip)
        self.structures, self.values, self.scalars = {}, [], []
        for i in self.indices:
            leaves, self.structures[i] = flatten(init[i])
            self.values += [as_staged(v) for v in leaves]
            # Python and numpy scalars stay immutable in the body (`i += 1` rebinds i).
            self.scalars += [not isinstance(v, (StagedArray, np.ndarray)) or
                             (isinstance(v, StagedArray) and v._scalar) for v in leaves]
        self.leaf_count = len(self.values)
        self.track = sorted(plan.track)
        # An entry starts as its array from before the loop (1) when that is tracked.
        self.values += [staged_int(1 if plan.track[i] and plan.track[i][0] is init[i] else 0)
                        for i in self.track]
        self.entry = [s.value for s in plan.storages]
        # (A list element's row not read yet is read now, before the loop.)
        self.values += [StagedArray(s.current() if isinstance(s, RowStorage) else s.value)
                        for s in plan.storages]
        self.state = list(init)
        self.loaded, self.bound, self.which = {}, {}, {}

    def _entries(self, leaf_values, make):
        """(index, value, single) per carried entry from the loop's leaf values."""
        leaves = iter(leaf_values)
        for i in self.indices:
            if self.structures[i] is None:
                yield i, make(next(leaves)), True
            else:
                yield i, unflatten(self.structures[i], (make(v) for v in leaves)), False

    def _storage_values(self, leaf_values):
        return list(leaf_values)[len(leaf_values) - len(self.plan.storages):]

    def _which_values(self, leaf_values):
        return list(leaf_values)[self.leaf_count:self.leaf_count + len(self.track)]

    def load(self, block_values):
        block = current_tracer().block_id()
        scalars = iter(self.scalars)
        selectors = dict(zip(self.track, self._which_values(block_values)))
        for i, v, single in self._entries(
                block_values, lambda value: StagedArray(value, scalar=next(scalars))):
            if isinstance(v, _lists.StagedList):
                v = v.with_block(block)  # appends belong to this body
            self.loaded[i] = v
            if i in selectors:
                self.which[i] = StagedArray(selectors[i], scalar=True)
                # While the name is an array from before the loop, the carried value is
                # that array's contents -- unless the loop writes it.
                arrays = self.plan.track[i]
                same = not any(s is t for a in arrays for s in storages_of(a)
                               for t in self.plan.storages)
                v = one_of(self.which[i], arrays, v, v._value if same else None)
            self.bound[i] = v
            self.state[i] = v
        for storage, v in zip(self.plan.storages, self._storage_values(block_values)):
            storage.reset(v)
        for i in self.probes:
            if self.init[i].block is None:  # the loop probing it (not a nested loop)
                self.init[i].block = block
            self.state[i] = self.init[i]
        self.set_state(tuple(self.state))

    def restore_storages(self):
        """The plan's storages as they were before the loop (its recording is over)."""
        self.journal.rollback()
        for storage, v in zip(self.plan.storages, self.entry):
            storage.reset(v)

    def after_body(self, get_state, probe):
        """(the state after the body, the next iteration's carried values); a probe
        ends here with _Probed, a wrong plan with _Replan."""
        after = list(get_state())
        self._check_plan(after)
        if probe:
            raise _Probed(after)
        return after, self.next_values(after)

    def _followed(self, i):
        """Whether which object entry i is matters: an array from before the loop, not a
        placeholder for a value no path observes before the body sets it."""
        return _mutable(self.init[i]) and i not in self.plan.unobserved

    def _check_plan(self, after):
        keep, storages = set(self.plan.keep), list(self.plan.storages)
        written = self.journal.old
        for i in self.plan.keep:
            if after[i] is not self.init[i]:
                keep.discard(i)  # rebound after all
        track = dict(self.plan.track)
        stays = self._stays(after)
        for i in self.indices:
            raw, bound = self.loaded.get(i), self.bound.get(i)
            if not isinstance(raw, StagedArray):
                continue
            entry = self.init[i]
            own = self._followed(i)
            entry_written = own and any(s in written for s in storages_of(entry))
            if after[i] is bound:
                # Not rebound: in Python the name is still the object it was before the
                # loop, so it must see that object's writes (its own or an alias's).
                if raw._storage.version > 0 or entry_written:
                    keep.add(i)
                continue
            # Rebound on some paths only, or after a write (which reaches the array from
            # before the loop on the first iteration), or that array changes in the
            # loop, or bound to another array from before the loop: which object the
            # name is must be followed.
            arrays = list(track.get(i, ()))
            if own and (_refers(after[i], bound) or raw._storage.version > 0
                                    or entry_written):
                arrays.append(entry)
            arrays += _outer_arrays(after[i], self.journal.start, None)
            arrays += [entry_j for body_j, entry_j in stays if _refers(after[i], body_j)]
            arrays = [a for k, a in enumerate(arrays)
                      if not any(a is b for b in arrays[:k])]
            if arrays and own:
                # The entry's own array first: the name starts as it (and is it still
                # after a loop that runs zero times).
                arrays = [entry] + [a for a in arrays if a is not entry]
            if arrays:
                track[i] = arrays
        for j in self._named_by_others(after):
            # Another name is bound to j's object at the start of an iteration, which
            # on the first one is j's array from before the loop: follow which it is.
            arrays = list(track.get(j, ()))
            track[j] = [self.init[j]] + [a for a in arrays if a is not self.init[j]]
        for i in keep - self.plan.keep:
            if _mutable(self.init[i]):
                storages += storages_of(self.init[i])
        storages += [s for s in written if not any(s is t for t in storages)]
        storages = _unique(storages)
        plan = _Plan(keep, storages, {i: a for i, a in track.items() if i not in keep})
        if not plan.same(self.plan):
            raise _Replan(plan)

    def _stays(self, after):
        """(body object, array from before the loop) of the entries the body rebinds
        only to themselves (`a = a`): in Python such a name is its array from before the
        loop all along, so another name the body binds to it is that array too."""
        return [(self.bound[j], self.init[j]) for j in self.indices
                if j in self.bound and after[j] is self.bound[j] and
                j not in self.plan.track and _mutable(self.init[j])]

    def _named_by_others(self, after):
        """The entries the body rebinds whose object from the start of an iteration
        another entry is bound to after the body."""
        return [j for j in self.indices
                if j in self.bound and after[j] is not self.bound[j] and
                self._followed(j) and
                any(i != j and _refers(after[i], self.bound[j]) for i in self.indices)]

    def next_values(self, after):
        new, labels = [], []
        for i in self.indices:
            name = self.names[i]
            if mode.speculating and isinstance(after[i], (bool, int, float)) and \
                    not isinstance(self.init[i], (bool, int, float)):
                # The body leaves a Python number: after a Python loop the name holds
                # that number, which a staged loop would make an array.
                raise Unstageable(f"'{name}' becomes a Python number in the loop")
            if isinstance(after[i], Undefined):
                raise AgValueError(f"{where(self.loc)}: {display_name(name)} becomes "
                                   f"undefined in the body of a staged {self.kind} loop")
            leaves, structure = flatten(after[i])
            if structure != self.structures[i]:
                raise AgTypeError(
                    f"{where(self.loc)}: {display_name(name)} changes its structure in a "
                    f"staged {self.kind} loop (to {describe_structure(after[i])})")
            new += [as_staged(v) for v in leaves]
            labels += [name] * len(leaves)
        _check_carried(labels, self.values, new, self.loc, self.kind)
        stays = self._stays(after)
        which = [staged_int(which_of(after[i], self.plan.track[i],
                                       [(self.bound[i], self.which[i])] +
                                       [(body_j, k + 1) for body_j, entry_j in stays
                                        for k, a in enumerate(self.plan.track[i])
                                        if a is entry_j]))
                 for i in self.track]
        return new + which + [StagedArray(s.value) for s in self.plan.storages]

    def finish(self, after, results, ran=None):
        """Binds the loop's results (Python's view after the loop): rebound names to new
        objects, kept names to their objects, storages to their final contents. `ran()`:
        whether the body ran at least once, a staged bool (None: it did)."""
        self.restore_storages()
        final = list(self.init)
        selectors = dict(zip(self.track, self._which_values(results)))
        for i, v, single in self._entries(results, staged_result):
            loaded = self.bound.get(i)
            if single and after[i] is loaded and isinstance(self.init[i], StagedArray):
                continue  # never rebound: still the object it was
            if single:
                end = after[i]
                v._scalar = v.ndim == 0 and (not isinstance(end, StagedArray) or end._scalar)
                outer_views = _outer_arrays(end, self.journal.start, None, views=True)
                if outer_views:
                    # The body binds the name to a view of an array from before the loop:
                    # numpy's name is that view after the loop, on the paths that bound
                    # it last, which ag does not follow.
                    v._unknown_alias = (
                        f"'{self.names[i]}' is, after a staged loop, a view of an array "
                        "from before the loop that its body binds it to",
                        outer_views[0]._storage, outer_views[0]._storage.version)
                if i in selectors:
                    final[i] = (StagedArray(selectors[i], scalar=True), v)
                    continue
                if ran is not None and self._followed(i):
                    # A loop that runs zero times rebinds nothing: the name is still the
                    # array it was before the loop, whose later writes it must see (and
                    # its writes reach). The loop's result is that array's value then.
                    if not isinstance(ran, StagedArray):
                        ran = ran()
                    final[i] = Either(ran, v, self.init[i], v._scalar, v._value)
                    continue
            else:
                for leaf, scalar in zip(flatten(v)[0], scalar_leaves(after[i])):
                    leaf._scalar = leaf.ndim == 0 and scalar
            final[i] = v
        for storage, v in zip(self.plan.storages, self._storage_values(results)):
            storage.write(v)
        for i in selectors:
            # After the storages' final contents: the name is the array from before the
            # loop the loop says (its contents now), else the loop's result.
            which, v = final[i]
            final[i] = one_of(which, self.plan.track[i], v, None)
        for i in self.undefined:
            if not isinstance(self.init[i], UndefinedReturnValue):  # no return ran: still
                final[i] = _undefined_after_loop(self.names[i], self.loc, self.kind)
        self.set_state(tuple(final))


class _Probed(Exception):
    """Ends a probe: the state after one traced iteration of the body."""

    def __init__(self, after):
        super().__init__("probe")
        self.after = after


def _record(tracer, handle, carried, steps):
    """Runs the recording `steps` of an open region; on any error the region is
    detached and the storages it wrote restored (so a caller that falls back to Python,
    or records again, leaves no trace of it)."""
    try:
        return steps()
    except BaseException:
        carried.restore_storages()
        tracer.abort_region(handle)
        raise


# A loop whose plan is corrected more often than this is an error, not a slow trace.
_MAX_REPLANS = 8


def _promote_arrays(init, set_state):
    """numpy arrays in a staged loop's state become staged arrays (the loop carries
    them); the names are rebound, as `x[k] = v` rebinds them (see operators.setitem_)."""
    if not any(isinstance(v, np.ndarray) for v in init):
        return init
    init = [StagedArray(as_staged(v)._value) if isinstance(v, np.ndarray) else v
            for v in init]
    set_state(tuple(init))
    return init


def _staged_loop(record, get_state, set_state, names, loc, count=None, runs=False,
                 inplace=()):
    """Records a staged loop of `count` iterations (None: unknown while tracing) with
    `record(init, probe, plan)`.

    Some entries need one traced iteration (a probe) first: a return value undefined on
    entry gets a placeholder of its type; so does any variable undefined on entry when
    the loop is known to run (`runs`: the body defines it before any use); a Python list
    the body appends to becomes a StagedList with room for every append (_lists)."""
    init = _promote_arrays(list(get_state()), set_state)
    plan = _Plan.guess(names, init, inplace)
    missing = [i for i, v in enumerate(init)
               if isinstance(v, UndefinedReturnValue) or (runs and isinstance(v, Undefined))]
    plan.unobserved = set(missing)
    lists = [i for i, v in enumerate(init) if _lists.is_loop_list(v)]
    final_lengths = {}
    if missing or lists:
        probes = _lists.probes(init, lists, block=None)
        after = _until_planned(lambda plan: record(
            [probes.get(i, v) for i, v in enumerate(init)], True, plan), plan, init,
            set_state, loc)
        for i in missing:
            if not isinstance(after[i], Undefined):
                init[i] = placeholder_like(after[i])
        for i, probe in probes.items():
            if probe.appends or probe.pops:
                init[i], final_lengths[i] = _lists.carried_list(
                    probe.items, probe, count, names, i, loc, plan.storages)
        set_state(tuple(init))
    _until_planned(lambda plan: record(init, False, plan), plan, init, set_state, loc)
    if final_lengths:
        state = list(get_state())
        for i, length in final_lengths.items():
            state[i] = _lists.final_value(state[i], length)
        set_state(tuple(state))


def _until_planned(attempt, plan, init, set_state, loc):
    """Runs `attempt(plan)` (one recording of the loop) until its plan holds. For a probe,
    returns the state after the probed iteration."""
    for _ in range(_MAX_REPLANS):
        try:
            attempt(plan)
            return None
        except _Replan as replan:
            set_state(tuple(init))
            plan.keep, plan.storages = replan.plan.keep, replan.plan.storages
            plan.track = replan.plan.track
        except _Probed as probed:
            set_state(tuple(init))
            return probed.after
    raise AgUnsupportedError(f"{where(loc)}: the state of this staged loop could not be "
                             "determined (the arrays it writes change each time it is "
                             "traced)")


# --- while ------------------------------------------------------------------------------

def while_stmt(test, body, get_state, set_state, names, loc=None, inplace=()):
    cond = test()
    while not is_staged(cond):
        if not cond:
            return
        body()
        cond = test()
    from .operators import check_not_in_try
    check_not_in_try("while loop", loc)
    first = predicate(cond, loc, "while")
    _staged_loop(lambda init, probe, plan: _record_while(
        test, body, get_state, set_state, names, loc, init, probe, plan, first),
        get_state, set_state, names, loc, inplace=inplace)


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
        return _staged_for(iterated.trip_count(), iterated.item, body, get_state,
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
            _python_items(iterated, body, get_state, set_state, names, loc, extra_test)
            _unrolled(iterated, new_serial() - mark, why, loc)
            return
    _python_items(iterated, body, get_state, set_state, names, loc, extra_test)


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
                from .operators import if_stmt
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
    from ._dynamic import dim_of
    return dim_of(x, 0, user_location())


def _staged_for(count, item_of, body, get_state, set_state, names, loc, extra_test=None,
                inplace=()):
    """A staged loop of `count` iterations (a Python int or staged int64) whose target
    is `item_of(k)` for the staged index k."""
    from .operators import check_not_in_try
    check_not_in_try("for loop", loc)
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
        _staged_for(len(r), lambda k: _range_item(r, k), body, get_state, set_state,
                    names, loc, extra_test, inplace)
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
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _range_item(r, k):
    """r[k] for the staged index k (known to lie in r's bounds)."""
    if r.step != 1:
        k = np.multiply(k, np.int64(r.step))
    if r.start:
        k = np.add(k, np.int64(r.start))
    k._bounds = (min(r[0], r[-1]), max(r[0], r[-1]))
    return k
