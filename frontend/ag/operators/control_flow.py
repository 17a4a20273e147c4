"""`if` statements and conditional expressions with a staged condition (TF AutoGraph's
control_flow operators, the `if` half; loops are in loops.py).

A Python condition runs exactly the original statement; a staged one records an scf.if
through the tracer, tracing each branch once with symbolic values (the as-if rule of
the AutoGraph paper), and merges what the branches leave in the names they modify.
"""


from .._compiler import compiler as _ag
from ..errors import AgTypeError, AgValueError
from ..staged.array import PythonNumber, StagedArray, as_staged, python_kind
from ..staged.checks import check_not_in_try
from ..staged.either import (Either, carry_alias, leaves_before, mark_stale, one_of,
                             staged_int, storages_of, which_of, whole_of)
from ..staged.regions import cond as staged_cond
from ..staged.storage import Journal, RowStorage, Storages
from ..staged.values import (detach, flatten, is_staged, placeholder_like, predicate,
                             stageable, staged_result, unflatten, where)
from ..trace import current_tracer, new_serial
from . import recursion
from .data_structures import check_unchanged
from .divergent import Divergent, merge as merge_divergent
from .exceptions import _PYTHON_ERRORS, _deferrable, _raise_when_run
from .loop_aliases import one_on_some_path, refuse_one_on_some_paths
from .variables import (Undefined, UndefinedReturnValue, describe_structure, display_name,
                        scalar_leaves)


class BranchShapes(AgValueError):
    """A name has different shapes on the two paths of a staged if."""


class BranchTypes(AgTypeError):
    """A name has values on the two paths of a staged if that one value cannot hold."""


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
    try:
        _record_if(tracer, handle, pred, body, orelse, get_state, set_state, names, loc,
                   live, init, lists, start)
    except BaseException:
        # An error (one a branch raises on both paths, an if that cannot merge) leaves
        # no open region: a caller that handles it -- an enclosing branch deferring it
        # to run time, a loop tried as staged and then run in Python -- traces on.
        try:
            tracer.abort_region(handle)
        except _ag.StagingError:
            pass  # (closed already: the if is complete)
        raise


def _record_if(tracer, handle, pred, body, orelse, get_state, set_state, names, loc, live,
               init, lists, start):
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
    for branch in (then, other):
        _check_one_on_some_paths(branch.raw, names, dead, start, loc)
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
    divergent = {}  # leaf number -> the else branch's value (see divergent.py)
    for k, (i, _, _, _, _) in enumerate(merged):
        t, e = then_leaves[k], else_leaves[k]
        if t.shape != e.shape:
            raise BranchShapes(
                f"{where(loc)}: {display_name(names[i])} has shape {t.shape} in the if "
                f"branch but {e.shape} in the else branch of a staged if; both branches "
                "must give it the same shape")
        if t.dtype != e.dtype:
            # numpy's name has one dtype on each path (a Python number keeps its own:
            # standing as the array's dtype would change what numpy computes with it,
            # `t * 1000` of a Python 100 vs an int16 100), so both are yielded and the
            # name becomes a Divergent.
            if not isinstance(results[i], _Staged):
                raise BranchTypes(
                    f"{where(loc)}: {display_name(names[i])} is {t.dtype} in the if branch "
                    f"but {e.dtype} in the else branch of a staged if; both branches must "
                    f"give it the same dtype (e.g. .astype(np.{t.dtype}))")
            # Each path yields a placeholder for the other's.
            tracer.enter_branch(handle, 1)
            divergent[k] = e
            else_leaves[k] = placeholder_like(t)
    # A name a branch leaves bound to an array from before the if (directly, or through
    # an Either made inside it): numpy's name is that very array on those paths. Each
    # branch yields which one it is (0: the if's new result).
    tracked = _arrays_before(results, merged, then, other, then_leaves, start)
    for k in divergent:
        tracked.pop(merged[k][0], None)
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
    tracer.enter_branch(handle, 0)
    then_yields += [placeholder_like(e)._value for e in divergent.values()]
    else_yields += [e._value for e in divergent.values()]
    try:
        values = tracer.end_if(handle, then_yields, else_yields)
    except _ag.StagingError as err:
        raise AgValueError(f"{where(loc)}: {err}") from None
    leaves = iter(values)
    # The else paths' values of the Divergent leaves, yielded last: {(entry, leaf): value}.
    other_values = dict(zip(((merged[k][0], merged[k][1]) for k in divergent),
                            values[len(values) - len(divergent):]))
    shared = {}  # see _branch_result
    for i, spec in results.items():
        if isinstance(spec, _Staged):
            values_i = [next(leaves) for _ in range(spec.count)]
            if spec.structure is None and (i, 0) in other_values:
                results[i] = merge_divergent(
                    pred, _path_object(_plain_result(values_i[0], (then.raw[i],)),
                                       then.raw[i], start, 0, shared),
                    _path_object(_plain_result(other_values[i, 0], (other.raw[i],)),
                                 other.raw[i], start, 1, shared))
            elif spec.structure is not None and spec.structure[0] == "nested":
                _, t_spec, e_spec, n = spec.structure
                results[i] = merge_divergent(
                    pred, _nested_side(t_spec, values_i[:n], then.raw[i], start, 0, shared),
                    _nested_side(e_spec, values_i[n:], other.raw[i], start, 1, shared))
            elif spec.structure is None:
                results[i] = _branch_result(values_i[0], then.raw[i], other.raw[i], start,
                                            pred, shared, follow=i not in tracked)
            else:
                items = [staged_result(v) for v in values_i]
                for j, (item, scalar) in enumerate(zip(items, scalar_leaves(
                        then.values[i], other.values[i]))):
                    item._scalar = item.ndim == 0 and scalar
                    if (i, j) in other_values:
                        other_item = staged_result(other_values[i, j])
                        other_item._scalar = item._scalar
                        items[j] = merge_divergent(pred, item, other_item)
                results[i] = unflatten(spec.structure, iter(items))
    for storage in storages:
        storage.write(next(leaves))
    for result, raw in shared.get(_UNFOLLOWED, ()):
        _mark_unfollowed(result, raw, start)
    # After the storages' final contents, which the arrays hold on their paths.
    for i, arrays in tracked.items():
        result = results[i]
        results[i] = one_of(StagedArray(next(leaves), scalar=True), arrays, result,
                            result._value)
    set_state(tuple(results[i] for i in range(len(names))))


def _check_one_on_some_paths(raws, names, dead, start, loc):
    """Refuses names a branch leaves one array it made on some of its own paths only
    (an if or a loop inside it: `if d: b = n`, or a loop's joined names): after the if
    numpy's names are one object there, which the if's merge cannot say -- the
    condition is the branch's own -- so a write through one would miss the other. (Not
    the return value: on a path that set it nothing runs before the function returns.)"""
    objects = [i for i, raw in enumerate(raws) if i not in dead and
               not names[i].startswith("retval_") and
               isinstance(raw, StagedArray) and not raw._scalar]
    for n, k in enumerate(objects):
        for i in objects[:n]:
            if raws[i] is not raws[k] and one_on_some_path(raws[i], raws[k], start):
                refuse_one_on_some_paths(
                    f"{display_name(names[i])} and {display_name(names[k])} are one array "
                    "on some paths of a branch of a staged if and two on others", loc)


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
        # (A view of all of such an Either -- `a = a[:]` after it -- is that Either.)
        if not (isinstance(spec, _Staged) and spec.structure is None) or not any(
                isinstance(whole, Either) and whole._storage.serial >= start
                for whole in (whole_of(then.raw[i]), whole_of(other.raw[i]))):
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
                mark_stale(self.raw, journal.start)
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
    kinds = {python_kind(r) for r in raws if not isinstance(r, Undefined)}
    if len(kinds) == 1 and None not in kinds:
        # A Python number of one type on every path stays one (`n = 1 if c else 2`).
        return PythonNumber(result, kinds.pop())
    # (A path that leaves the name undefined -- a return value not set there -- never
    # shows it.)
    result._scalar = result.ndim == 0 and any(
        not isinstance(r, (StagedArray, Undefined)) or
        isinstance(r, StagedArray) and r._scalar for r in raws)
    return result


def _branch_result(value, then_raw, else_raw, start, pred, shared=None, follow=True):
    """The object a staged conditional's result is: a new array -- or, when a side is
    an array that existed before it (or a view of one), that array on that path: numpy's
    result is that very array there, so it is an Either of them, chosen by the
    condition. (A side that is an Either made inside the expression is not followed
    (`follow`): its condition is not available after it.)

    Names a branch leaves bound to one object it made are one object after the if on
    that path (`n = z * 2; a = n; b = n`): through `shared` ({(path, id(object)): the
    result standing for it}) they share one array there, so a write through either
    shows in both. (Through `shared` too: the results standing for objects ag does not
    follow, marked once the if's storages hold their final contents: _unfollowed.)"""
    raws = (then_raw, else_raw)
    result = _plain_result(value, raws)
    # (A numpy scalar cannot be written: which object it is does not matter.)
    sides = []
    for path, raw in enumerate(raws):
        mutable = isinstance(raw, StagedArray) and not raw._scalar
        if mutable and raw._storage.serial >= start and \
                whole_of(raw)._storage.serial < start:
            # A view the branch took of all of an array from before (`a = a[:]`):
            # numpy's object differs from that array in identity only.
            raw = whole_of(raw)
        # (Not followed: the caller picks the arrays from before the if, see
        # _arrays_before; the result stands for the branch's own objects, shared with
        # the names bound to them there.)
        if follow and mutable and raw._storage.serial < start and \
                (raw.dtype, raw.shape) == (result.dtype, result.shape):
            sides.append(raw)
        elif shared is not None and mutable and not result._scalar:
            sides.append(shared.setdefault((path, id(raw)), result))
        else:
            sides.append(result)
        if mutable and sides[-1] is result:
            _unfollowed(result, raw, start, shared)
    if sides[0] is sides[1]:
        return sides[0]
    if shared is None or result._scalar:
        return Either(pred, sides[0], sides[1], result._scalar, value)
    # Names that are one object on each path are one object after the if (a loop whose
    # body ends so keeps them one object: `if c: a = n; t = a` with `t = a` before).
    key = ("either", id(sides[0]), id(sides[1]))
    if key not in shared:
        shared[key] = Either(pred, sides[0], sides[1], result._scalar, value)
    return shared[key]


# The key of `shared` under which _unfollowed collects (result, raw) pairs.
_UNFOLLOWED = "unfollowed"


def _unfollowed(result, raw, start, shared):
    """_mark_unfollowed now (no `shared`: an if expression writes nothing), or once the
    if's storages hold their final contents (if_stmt)."""
    if shared is None:
        _mark_unfollowed(result, raw, start)
    else:
        shared.setdefault(_UNFOLLOWED, []).append((result, raw))


def _mark_unfollowed(result, raw, start):
    """`result` stands for `raw` after the if. When raw is an object whose numpy
    counterpart ag does not follow (its _unknown_alias: a reshape of an array whose
    layout is known only at run time, say), so is the result: from now on (or at once,
    when its array changed in the branch after it was taken: _Branch marks that). When
    raw is a view the branch took of an Either it made over arrays from before (`if d:
    t = b` in it, then `t = t[::-1]`), numpy's name is a view of those arrays there,
    which ag does not follow either. Reading the result after they change, or writing
    it, is then an ag error (see StagedArray._unknown_alias)."""
    if result._unknown_alias is not None or carry_alias(result, raw):
        return
    if raw._view is None or raw._storage.serial < start:
        return
    before = [(s, s.version) for s in storages_of(raw) if s.serial < start]
    if before:
        result._unknown_alias = (
            "the name is, after a staged if, a view of an array from before the if "
            "that a branch took through an if of its own", Storages(before),
            Storages(before).version)


def _path_object(result, raw, start, path, shared):
    """What a Divergent holds for one path: the array from before the if the path left
    the name bound to (numpy's name is that very object there), else the if's result --
    the one object standing for an array the branch made and left bound to other names
    too (`a = ~t; t = a` with `a` of another dtype on the other path: a write through
    `a` after the if shows in `t` on this path; see _branch_result)."""
    if isinstance(raw, StagedArray) and not raw._scalar:
        if raw._storage.serial < start:
            return raw
        if not result._scalar:
            made = shared.setdefault((path, id(raw)), result)
            if made is result:
                _unfollowed(result, raw, start, shared)
            return made
    return result


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
        if fill is None and t_spec != e_spec and _nests(t, e):
            # One path's array is already a Divergent (of another condition), the
            # other's an array or a Divergent of another shape: the name becomes a
            # Divergent on this condition whose sides are the two. Each path yields its
            # side's leaves, the other path placeholders.
            merged += [(i, k, leaf, None, 1) for k, leaf in enumerate(t_leaves)]
            merged += [(i, len(t_leaves) + k, None, leaf, 0)
                       for k, leaf in enumerate(e_leaves)]
            results[i] = _Staged(("nested", t_spec, e_spec, len(t_leaves)),
                                 len(t_leaves) + len(e_leaves))
            continue
        if fill is None and t_spec != e_spec:
            raise BranchTypes(f"{where(loc)}: {display_name(name)} has a different "
                              "structure in the branches of a staged if "
                              f"({describe_structure(t)} / {describe_structure(e)})")
        count = len(t_leaves if fill != 0 else e_leaves)
        for k in range(count):
            tl = t_leaves[k] if fill != 0 else None
            el = e_leaves[k] if fill != 1 else None
            for leaf in (tl, el):
                if leaf is not None and not stageable(leaf):
                    raise BranchTypes(
                        f"{where(loc)}: {display_name(name)} is set to a "
                        f"{describe_structure(t)} / {describe_structure(e)} in the "
                        "branches of a staged if; only arrays and numbers (or tuples of "
                        "them) can differ")
            merged.append((i, k, tl, el, fill))
        results[i] = _Staged(spec, count)
    return results, merged


def _nests(t, e):
    """Whether a staged if can merge `t` and `e` (different structures) as a Divergent
    of its condition: arrays (or Python numbers) of one shape, at least one of them a
    Divergent."""
    def array(v):
        return isinstance(v, Divergent) or (
            not isinstance(v, Undefined) and not isinstance(v, tuple) and stageable(v))
    return array(t) and array(e) and (isinstance(t, Divergent) or isinstance(e, Divergent)) \
        and getattr(t, "shape", ()) == getattr(e, "shape", ())  # (np.shape would split)


def _nested_side(spec, values, raw, start, path, shared):
    """One path's side of a nested Divergent, from the leaves the if yielded for it:
    arrays from before the if the path left it bound to are those very arrays (and
    the branch's own, the objects other names share there: see _path_object)."""
    if spec is None:
        return _path_object(_plain_result(values[0], (raw,)), raw, start, path, shared)
    s0, n0, s1, _ = spec[2]
    return Divergent(staged_result(values[0]),
                     _nested_side(s0, values[1:1 + n0], raw._sides[0], start, path, shared),
                     _nested_side(s1, values[1 + n0:], raw._sides[1], start, path, shared))


def _run_branch(run):
    """Runs a branch of a staged if; False when it recursed while probing a recursive
    function's result types (see recursion.py)."""
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
