"""Which names a staged loop's body leaves one object on some paths only (carried.py).

After a body with staged ifs, a name is an Either of the objects it may be, by the
ifs' flags (staged/either.py). Two names are one object on a path where both reach one
object through sides that agree on every flag they both meet; a swap under a staged if
(`a, b = b, a`) shares both objects, but never on one path.
"""

import numpy as np

from ..errors import AgUnsupportedError
from ..staged.array import StagedArray, constant
from ..staged.either import Either
from ..staged.values import where
from ..trace import Unstageable, mode

# Names whose Eithers have more paths than this are taken as one object wherever they
# share an object at all (never silently two).
PATH_LIMIT = 256


def refuse_one_on_some_paths(reason, loc):
    """Two names one object on some paths only, where ag cannot follow which: a loop
    that may run in Python does (Unstageable); otherwise the clear ag error at `loc`."""
    if mode.speculating:
        raise Unstageable(reason)
    raise AgUnsupportedError(f"{where(loc)}: {reason}; make them one array or two on every "
                             "path")


def paths(x, limit=PATH_LIMIT):
    """[(object, path)] for each object `x` is on some path through its Eithers, a path
    being ((flag, which side), ...); None past `limit` of them."""
    out, todo = [], [(x, ())]
    while todo:
        obj, path = todo.pop()
        if isinstance(obj, Either):
            todo += [(side, path + ((obj._flag, k),)) for k, side in enumerate(obj._sides)]
        elif len(out) == limit:
            return None
        else:
            out.append((obj, path))
    return out


def compatible(p, q):
    """Whether two paths can both be taken: no flag on one side in one and on the other
    in the other."""
    sides = {id(flag): k for flag, k in p}
    return all(sides.get(id(flag), k) == k for flag, k in q)


def _holds(path):
    """A staged bool: whether `path` is taken (True: always)."""
    out, seen = True, set()
    for flag, k in path:
        if id(flag) in seen:
            continue
        seen.add(id(flag))
        term = flag if k == 0 else np.logical_not(flag)
        out = term if out is True else np.logical_and(out, term)
    return out


def one_on_some_path(x, y, start):
    """Whether `x` and `y` are one object made since serial `start` on some path."""
    xs, ys = paths(x), paths(y)
    if xs is None or ys is None:
        return bool(_shared(x, y, start))
    return any(a is b and a._storage.serial >= start and compatible(p, q)
               for a, p in xs for b, q in ys)


def one_where(x, y, start, known):
    """A staged bool: whether `x` and `y` are one object made since serial `start` on
    the path the code takes; `known` (a, b, staged bool): objects a and b are one where
    it holds. None when the paths are too many to list."""
    xs, ys = paths(x), paths(y)
    if xs is None or ys is None:
        return None
    out = constant(np.bool_(False))
    for a, p in xs:
        if a._storage.serial < start:
            continue
        for b, q in ys:
            if not compatible(p, q):
                continue
            if a is b:
                term = True
            else:
                term = next((held for u, v, held in known
                             if (a is u and b is v) or (a is v and b is u)), None)
                if term is None:
                    continue
            taken = _holds(p + q)
            if taken is not True:
                term = taken if term is True else np.logical_and(taken, term)
            if term is True:
                return constant(np.bool_(True))
            out = np.logical_or(out, term)
    return out


def _shared(x, y, start):
    mine = body_objects(x, start)
    return [b for b in body_objects(y, start) if any(a is b for a in mine)]


def body_objects(x, start):
    """The objects made since serial `start` that `x` is on some path."""
    if isinstance(x, Either):
        return [a for side in x._sides for a in body_objects(side, start)]
    return [x] if x._storage.serial >= start else []


def ancestors(x):
    """The objects `x` is a view of on some path (through Eithers and views)."""
    out, seen, todo = [], set(), [(x, False)]
    while todo:
        obj, viewed = todo.pop()
        if (id(obj), viewed) in seen:
            continue
        seen.add((id(obj), viewed))
        if viewed:
            out.append(obj)
        if isinstance(obj, Either):
            todo += [(side, viewed) for side in obj._sides]
        elif isinstance(obj, StagedArray) and obj._view is not None:
            todo.append((obj._view.parent, True))
    return out


def alike(a, b, loaded_a, loaded_b, depth=8):
    """Whether `a` and `b` are one object on every path once the objects the two names
    were loaded as are one (`if c: a = n; t = a` in a body that starts with t and a one
    object: each name is an Either of n and its loaded object): then the names are one
    object at every iteration's start, and the plan loads them as one (_Plan.same)."""
    if a is b or (a is loaded_a and b is loaded_b):
        return True
    if depth and isinstance(a, Either) and isinstance(b, Either) and a._flag is b._flag:
        return all(alike(x, y, loaded_a, loaded_b, depth - 1)
                   for x, y in zip(a._sides, b._sides))
    return False
