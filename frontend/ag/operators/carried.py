"""The state a staged loop carries (shared by while and for loops, see loops.py).

A staged loop's body is traced once with symbolic state. Its names rebound by the body
are carried as values; names it writes in place are kept bound to their objects, whose
storages carry the contents (the plan); names that may be, after an iteration, one of
the arrays from before the loop carry "which object" (an int32 selector). The plan is
first guessed from the converter, checked by recording, and corrected by recording
again (_Replan) until it holds.
"""

import numpy as np

from ..errors import AgTypeError, AgUnsupportedError, AgValueError
from ..staged.array import PythonNumber, StagedArray, as_staged, constant, python_kind
from ..staged.either import (Either, carry_alias, mark_stale, one_of, staged_int,
                             storages_of, which_of)
from ..staged.storage import RowStorage
from ..staged.values import (describe_value, flatten, placeholder_like, stageable,
                             staged_result, unflatten, where)
from ..trace import Unstageable, current_tracer, mode
from . import data_structures
from .loop_aliases import (alike, ancestors, body_objects, one_on_some_path, one_where,
                           refuse_one_on_some_paths)
from .variables import (Undefined, UndefinedReturnValue, describe_structure, display_name,
                        scalar_leaves)


# --- loop state ---------------------------------------------------------------------------

class StateChanged(AgValueError):
    """A loop-carried variable's dtype or shape after the body differs from its value
    on entry. The loops peel the first iteration then (loops.py): numpy's variable often
    changes only there (`delta = tol + 1.0` before a float32 loop)."""


class StructureChanged(AgTypeError, StateChanged):
    """A loop-carried variable's structure after the body differs (a number, then a
    tuple, say)."""


def _check_carried(names, before, after, loc, kind):
    for name, b, a in zip(names, before, after):
        if (b.dtype, b.shape) != (a.dtype, a.shape):
            raise StateChanged(
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
    checks it, and a wrong guess records the loop again with the plan corrected.

    `const`: entries holding a Python bool the body leaves as it was (a converted
    `break` or `return` under a Python condition that does not hold, a flag only a
    later loop sets): they stay Python values, not carried, so what depends on them
    stays Python too -- carried as a staged bool, the flag would make `x = y` after
    the break a staged if, and x one object with y on some paths only.

    `joins`: pairs (i, j), i < j, of entries the body leaves one object on some paths
    only (`t4 = ~t4; if c: break; t1 = t4`, c staged; see loop_aliases): the loop
    carries whether they are (a bool), and after it j is an Either of i's object and
    its own by that, so a write through either name after the loop reaches both where
    numpy's names are one object."""

    def __init__(self, keep, storages, track=None, same=None, const=(), joins=()):
        self.keep, self.storages, self.track = set(keep), list(storages), dict(track or {})
        self.const, self.joins = set(const), sorted(joins, key=lambda p: (p[1], p[0]))
        # Rebound entries bound to one object at the start of every iteration (`t = a`
        # before the loop and at the end of its body), j -> the first such entry i: j
        # is loaded as i's object, so a write through either name is seen by both.
        self.same = dict(same or {})
        self.unobserved = set()  # entries holding placeholders (see _staged_loop)

    @classmethod
    def guess(cls, names, init, inplace):
        keep = [i for i, (name, v) in enumerate(zip(names, init))
                if name in inplace and _mutable(v)]
        const = [i for i, v in enumerate(init) if type(v) is bool]
        return cls(keep, _unique(s for i in keep for s in storages_of(init[i])),
                   const=const)

    def matches(self, other):
        return (self.keep, len(self.storages), _ids(self.track), self.same,
                self.const, self.joins) == \
            (other.keep, len(other.storages), _ids(other.track), other.same, other.const,
             other.joins)


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


def _views_of_outer_eithers(x, start):
    """The arrays from before a loop (made before serial `start`) that `x`, a view made in
    the body, may be a view of through an Either (`t = a0` in an inner staged loop, then
    `t2 = t[:]`): the name is that array's view after the loop, on some paths."""
    if isinstance(x, Either):
        return [a for side in x._sides for a in _views_of_outer_eithers(side, start)]
    if not isinstance(x, StagedArray) or x._view is None:
        return []
    root = x
    while root._view is not None:
        root = root._view.parent
    return _outer_arrays(root, start, None) if isinstance(root, Either) else []


def _refers(x, obj):
    """Whether `x` is `obj`, or an Either with `obj` on one of its paths."""
    if x is obj:
        return True
    return isinstance(x, Either) and any(_refers(side, obj) for side in x._sides)


def _unique(objects):
    """`objects` without repeats of one object (in order)."""
    out = []
    for s in objects:
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
        self.probes = [i for i, v in enumerate(init) if isinstance(v, data_structures.ListProbe)]
        skip = set(self.probes) | plan.keep | plan.const
        self.indices, self.undefined = _split_state(names, init, loc, kind, skip)
        self.structures, self.values, self.scalars, self.pythons = {}, [], [], []
        for i in self.indices:
            leaves, self.structures[i] = flatten(init[i])
            self.values += [as_staged(v) for v in leaves]
            # A Python number stays one in the body (PythonNumber: `it += 1` is an int)
            # and after the loop where the body leaves one of its kind.
            self.pythons += [python_kind(v) for v in leaves]
            # Python and numpy scalars stay immutable in the body (`i += 1` rebinds i).
            self.scalars += [not isinstance(v, (StagedArray, np.ndarray)) or
                             (isinstance(v, StagedArray) and v._scalar) for v in leaves]
        self.leaf_count = len(self.values)
        self.track = sorted(plan.track)
        # An entry starts as its array from before the loop (1) when that is tracked.
        self.values += [staged_int(1 if plan.track[i] and plan.track[i][0] is init[i] else 0)
                        for i in self.track]
        # Two entries that are one array before the loop are that array on the paths
        # that keep it (`track`): joined means one array made in the body.
        self.values += [constant(np.bool_(False)) for _ in plan.joins]
        self.entry = [s.value for s in plan.storages]
        # (A list element's row not read yet is read now, before the loop.)
        self.values += [StagedArray(s.current() if isinstance(s, RowStorage) else s.value)
                        for s in plan.storages]
        self.state = list(init)
        self.loaded, self.bound, self.which, self.joined = {}, {}, {}, {}

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

    def _join_values(self, leaf_values):
        start = self.leaf_count + len(self.track)
        return list(leaf_values)[start:start + len(self.plan.joins)]

    def load(self, block_values):
        block = current_tracer().block_id()
        leaves = iter(zip(self.scalars, self.pythons))
        selectors = dict(zip(self.track, self._which_values(block_values)))
        self.joined = {pair: StagedArray(v, scalar=True)
                       for pair, v in zip(self.plan.joins, self._join_values(block_values))}

        def make(value):
            scalar, python = next(leaves)
            return PythonNumber(StagedArray(value), python) if python else \
                StagedArray(value, scalar=scalar)
        for i, v, single in self._entries(block_values, make):
            if isinstance(v, data_structures.StagedList):
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
            if i in self.plan.same:
                # One object with an earlier entry: its carried value is the same.
                first = self.plan.same[i]
                self.loaded[i], v = self.loaded[first], self.bound[first]
                if first in self.which:
                    self.which[i] = self.which[first]
            self.bound[i] = v
            self.state[i] = v
            if isinstance(v, StagedArray) and not v._scalar:
                self.journal.loaded.update(id(s) for s in storages_of(v))
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
        mark_stale(after, self.journal.start)
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
        # A constant the body changes (or makes staged) is carried after all.
        const = {i for i in self.plan.const
                 if type(after[i]) is bool and after[i] == self.init[i]}
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
            arrays = _unique(arrays)
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
        same = self._one_object(after)
        for j, i in same.items():
            # One object: one list of the arrays it may be, one selector.
            arrays = _unique(list(track.get(i, ())) + list(track.get(j, ())))
            if arrays:
                track[i] = track[j] = arrays
        for i in keep - self.plan.keep:
            if _mutable(self.init[i]):
                storages += storages_of(self.init[i])
        storages += [s for s in written if not any(s is t for t in storages)]
        storages = _unique(storages)
        plan = _Plan(keep, storages, {i: a for i, a in track.items() if i not in keep},
                     same, const, self._joins(after, same))
        if not plan.matches(self.plan):
            raise _Replan(plan)

    def _rebound(self, after):
        """The entries (arrays, not structures) the body binds to another object than
        the one it loaded."""
        return [i for i in self.indices
                if self.structures[i] is None and i in self.bound and
                after[i] is not self.bound[i] and _mutable(after[i])]

    def _one_object(self, after):
        """j -> i for the entries i < j the body rebinds to one array (`a = a * 2; t =
        a`): they are one object at the start of the next iteration, so they must be
        loaded as one (see _Plan.same). When they are two arrays before the loop, that
        holds from the second iteration on: the first is peeled (loops.py)."""
        same = {}
        rebound = [i for i in self._rebound(after) if self._followed(i)]
        for n, j in enumerate(rebound):
            i = next((i for i in rebound[:n] if after[i] is after[j] or (
                self.init[i] is self.init[j] and
                alike(after[i], after[j], self.bound[i], self.bound[j]))), None)
            if i is None:
                self._check_not_one_on_some_paths(after, j, rebound[:n])
                continue
            if self.init[i] is not self.init[j]:
                raise StateChanged(
                    f"{where(self.loc)}: {display_name(self.names[i])} and "
                    f"{display_name(self.names[j])} are one array after an iteration of "
                    f"a staged {self.kind} loop but two before it; bind them to one array "
                    "before the loop, or copy one of them in the body")
            same[j] = same.get(i, i)
        return same

    def _check_not_one_on_some_paths(self, after, j, others):
        """Refuses entries the body binds to one array on some paths only (`if c: t =
        a`) when it writes arrays: at the start of the next iteration they may be one
        object, which a write through either name must reach; the loop does not follow
        that. A Python range loop runs in Python then."""
        if not (self.journal.old or any(
                self.loaded[k]._storage.version > 0 for k in [j] + others)):
            return
        for i in others:
            if one_on_some_path(after[i], after[j], self.journal.start):
                self._refuse_shared_on_some_paths(i, j, "and the loop writes arrays in "
                                                  "place")

    def _joins(self, after, same):
        """See _Plan.joins. Only a loop that writes no arrays gets here with such entries
        (_check_not_one_on_some_paths): in its body the names' contents are carried
        exactly; after it, whether they are one object matters."""
        rebound = [i for i in self._rebound(after) if i not in same]
        return [(i, j) for n, j in enumerate(rebound) for i in rebound[:n]
                if after[i] is not after[j] and
                one_on_some_path(after[i], after[j], self.journal.start)]

    def _refuse_shared_on_some_paths(self, i, j, how):
        refuse_one_on_some_paths(
            f"{display_name(self.names[i])} and {display_name(self.names[j])} are one array "
            f"after some iterations of a staged {self.kind} loop and two after others, {how}",
            self.loc)

    def _body_objects(self, x):
        """The objects made in the loop's body that `x` is on some path."""
        return body_objects(x, self.journal.start)

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
        self.after_pythons = []
        for i in self.indices:
            name = self.names[i]
            if mode.speculating and isinstance(after[i], (bool, int, float)) and \
                    not isinstance(self.init[i], (bool, int, float)):
                # The body leaves a Python number: after a Python loop the name holds
                # that number, which a staged loop would make an array.
                raise Unstageable(f"'{name}' becomes a Python number in the loop")
            if mode.speculating and self._views_of_entry_objects(after[i]):
                # `t = t[:2]`: numpy's name is a chain of views of the array from before
                # the loop, which Python iteration makes exactly.
                raise Unstageable(f"'{name}' becomes a view of the array it held when "
                                  "the iteration began")
            if mode.speculating and _mutable(after[i]) and self._viewed_entry(
                    after, i, [k for k in self.indices if _mutable(after[k])]) is not None:
                # Python iteration keeps it numpy's view (see _mark_views_of_others).
                raise Unstageable(f"'{name}' becomes a view of another name's array")
            if isinstance(after[i], Undefined):
                raise AgValueError(f"{where(self.loc)}: {display_name(name)} becomes "
                                   f"undefined in the body of a staged {self.kind} loop")
            leaves, structure = flatten(after[i])
            if structure != self.structures[i]:
                raise StructureChanged(
                    f"{where(self.loc)}: {display_name(name)} changes its structure in a "
                    f"staged {self.kind} loop (to {describe_structure(after[i])})")
            new += [as_staged(v) for v in leaves]
            labels += [name] * len(leaves)
            self.after_pythons += [python_kind(v) for v in leaves]
        _check_carried(labels, self.values, new, self.loc, self.kind)
        stays = self._stays(after)
        which = [staged_int(which_of(after[i], self.plan.track[i],
                                       [(self.bound[i], self.which[i])] +
                                       [(body_j, k + 1) for body_j, entry_j in stays
                                        for k, a in enumerate(self.plan.track[i])
                                        if a is entry_j]))
                 for i in self.track]
        joined = []
        for i, j in self.plan.joins:
            one = one_where(after[i], after[j], self.journal.start,
                            [(self.loaded[i], self.loaded[j], self.joined[(i, j)])])
            if one is None:
                self._refuse_shared_on_some_paths(i, j, "through more paths than ag "
                                                  "follows")
            joined.append(one)
        return new + which + joined + [StagedArray(s.value) for s in self.plan.storages]

    def _mark_views_of_others(self, after, objects, final):
        """A name the body binds, on some paths, to a view of another name's array made
        in the body (`t1 = t4[:2]` under a staged if) is numpy's view of that name's
        object after the loop where the last iteration bound it: reading it after that
        object changed, or writing it, is an ag error (see _unknown_alias) -- ag carries
        its contents, not which view it is."""
        for j, v in objects.items():
            i = self._viewed_entry(after, j, objects)
            if i is not None and v._unknown_alias is None:
                source = final[i]._storage
                v._unknown_alias = (
                    f"'{self.names[j]}' is, after a staged loop, a view of "
                    f"'{self.names[i]}' where the last iteration bound it to one",
                    source, source.version)

    def _viewed_entry(self, after, j, entries):
        """The first of `entries` (not j) whose array made in the body `after[j]` is a
        view of on some path, else None."""
        viewed = {id(a) for a in ancestors(after[j])}
        return next((i for i in entries if i != j and any(
            id(b) in viewed for b in self._body_objects(after[i]))), None)

    def _views_of_entry_objects(self, end):
        """[the array from before the loop] when `end` is a view whose root is the object
        a name held at the start of the iteration and that name held an array from
        before the loop (`t = t[:2]` in the body: in numpy, a view of that array after
        any number of iterations), else []. An Either is such a view when one of its
        paths is (`if c: t = t[:2]` in the body, or the rest of a body after a staged
        `break`), and so is a view of an Either one of whose objects is that object (a
        view taken after an inner loop that ran in Python rebinding the name)."""
        viewed = {id(a) for a in ancestors(end)}
        if not viewed:
            return []
        for j, bound in self.bound.items():
            if isinstance(self.init[j], StagedArray) and (
                    id(bound) in viewed or id(self.loaded.get(j)) in viewed):
                return [self.init[j]]
        return []

    def finish(self, after, results, ran=None):
        """Binds the loop's results (Python's view after the loop): rebound names to new
        objects, kept names to their objects, storages to their final contents. `ran()`:
        whether the body ran at least once, a staged bool (None: it did)."""
        self.restore_storages()
        final = list(self.init)
        selectors = dict(zip(self.track, self._which_values(results)))
        made = {}  # id(the body's object) -> the result object standing for it
        results = list(results)
        objects = {}  # rebound entry -> its result object
        unfollowed = []  # (result, the body's object): see carry_alias
        pythons = iter([k if k is not None and k is a else None
                        for k, a in zip(self.pythons, self.after_pythons)])

        def make(value):
            python = next(pythons)
            return PythonNumber(staged_result(value), python) if python else \
                staged_result(value)
        for i, v, single in self._entries(results, make):
            loaded = self.bound.get(i)
            if single and after[i] is loaded and isinstance(self.init[i], StagedArray):
                continue  # never rebound: still the object it was
            if single:
                end = after[i]
                if _mutable(end):
                    # Names the body binds to one object (`a = abs(t); t = a`) are one
                    # object after the loop too: a write through either shows in both
                    # (also when the names may instead be arrays from before the loop:
                    # then they share the body's side of their Eithers).
                    v = made.setdefault(id(end), v)
                    objects[i] = v
                v._scalar = v.ndim == 0 and (not isinstance(end, StagedArray) or end._scalar)
                outer_views = _outer_arrays(end, self.journal.start, None, views=True) or \
                    self._views_of_entry_objects(end) or \
                    _views_of_outer_eithers(end, self.journal.start)
                unfollowed.append((v, end))
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
        for v, end in unfollowed:
            if v._unknown_alias is None:
                carry_alias(v, end)
        for i in selectors:
            # After the storages' final contents: the name is the array from before the
            # loop the loop says (its contents now), else the loop's result.
            which, v = final[i]
            final[i] = one_of(which, self.plan.track[i], v, None)
        for j, i in self.plan.same.items():
            if after[j] is after[i]:
                final[j] = final[i]  # one object after the loop too
        for (i, j), one in zip(self.plan.joins, self._join_values(results)):
            # i's object where the last iteration left them one, else j's own (i's
            # final object is complete: the pairs are ordered by j, and i < j).
            final[j] = Either(StagedArray(one, scalar=True), final[i], final[j],
                              final[j]._scalar, None)
        self._mark_views_of_others(after, objects, final)
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
    them); the names are rebound, as `x[k] = v` rebinds them (see slices.setitem_)."""
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
    the body appends to becomes a StagedList with room for every append (data_structures)."""
    init = _promote_arrays(list(get_state()), set_state)
    plan = _Plan.guess(names, init, inplace)
    missing = [i for i, v in enumerate(init)
               if isinstance(v, UndefinedReturnValue) or (runs and isinstance(v, Undefined))]
    plan.unobserved = set(missing)
    lists = [i for i, v in enumerate(init) if data_structures.is_loop_list(v)]
    final_lengths = {}
    if missing or lists:
        probes = data_structures.probes(init, lists, block=None)
        after = _until_planned(lambda plan: record(
            [probes.get(i, v) for i, v in enumerate(init)], True, plan), plan, init,
            set_state, loc)
        for i in missing:
            if not isinstance(after[i], Undefined):
                init[i] = placeholder_like(after[i])
        for i, probe in probes.items():
            if probe.appends or probe.pops:
                init[i], final_lengths[i] = data_structures.carried_list(
                    probe.items, probe, count, names, i, loc, plan.storages)
        set_state(tuple(init))
    _until_planned(lambda plan: record(init, False, plan), plan, init, set_state, loc)
    if final_lengths:
        state = list(get_state())
        for i, length in final_lengths.items():
            state[i] = data_structures.final_value(state[i], length)
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
            plan.track, plan.same = replan.plan.track, replan.plan.same
            plan.const, plan.joins = replan.plan.const, replan.plan.joins
        except _Probed as probed:
            set_state(tuple(init))
            return probed.after
    raise AgUnsupportedError(f"{where(loc)}: the state of this staged loop could not be "
                             "determined (the arrays it writes change each time it is "
                             "traced)")
