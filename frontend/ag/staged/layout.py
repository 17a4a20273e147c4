"""Where a staged array's elements lie in memory, as numpy lays them out and reports it.

numpy decides by memory layout whether a reshape is a view or a copy, and what
`.strides` and `.flags` say; a write through a view that numpy would have copied (or the
reverse) is a silently different result. So every staged array knows its element
strides (StagedArray._element_strides): an argument's come from the call's signature
(another layout is another signature), views derive theirs from their parent's, and a
new array has the layout numpy gives it -- C order from most functions, but the layout
of its operands from ufuncs, `astype`, `np.copy` and the `*_like` functions (numpy's
order='K'). Where ag does not know it (a layout numpy picks by rules ag does not
follow), the strides are unknown and what depends on them is a clear error.

Pure functions of shapes and strides here; the StagedArray attributes (.strides,
.flags) and functions (as_strided, nditer) over them are in memory.py.
"""


def c_strides(shape):
    """Element strides of a C-contiguous array of `shape` (numpy's, as for a new one)."""
    strides, step = [], 1
    for d in reversed(shape):
        strides.append(step)
        step *= max(d, 1)
    return tuple(reversed(strides))


def f_strides(shape):
    """Element strides of an F-contiguous array of `shape`."""
    strides, step = [], 1
    for d in shape:
        strides.append(step)
        step *= max(d, 1)
    return tuple(strides)


def is_contiguous(shape, strides, order="C"):
    """numpy's C_CONTIGUOUS / F_CONTIGUOUS flag (dims of size 1 do not count; an empty
    array is both)."""
    if 0 in shape:
        return True
    axes = range(len(shape) - 1, -1, -1) if order == "C" else range(len(shape))
    step = 1
    for a in axes:
        if shape[a] != 1:
            if strides[a] != step:
                return False
            step *= shape[a]
    return True


def in_order(shape, order):
    """Element strides of an array of `shape` contiguous in the axis order `order`
    (outermost first)."""
    strides, step = [0] * len(shape), 1
    for a in reversed(order):
        strides[a] = step
        step *= max(shape[a], 1)
    return tuple(strides)


def like_strides(shape, strides):
    """The layout numpy gives a new array made like one of `shape` and `strides` with
    order='K' (PyArray_NewLikeArray: np.copy, np.empty_like, ndarray.astype): C order
    when that one is C-contiguous, else F order when it is F-contiguous, else its axes
    sorted by decreasing stride magnitude (stable)."""
    if is_contiguous(shape, strides, "C"):
        return c_strides(shape)
    if is_contiguous(shape, strides, "F"):
        return f_strides(shape)
    order = sorted(range(len(shape)), key=lambda a: -abs(strides[a]))
    return in_order(shape, order)


def broadcast_strides(shape, strides, out_shape):
    """An operand's strides as numpy's iterator sees them in a broadcast to
    `out_shape`: 0 along the dims it is broadcast over (and the dims it lacks)."""
    pad = len(out_shape) - len(shape)
    return tuple(0 if a < pad or shape[a - pad] != out_shape[a] else strides[a - pad]
                 for a in range(len(out_shape)))


def ufunc_strides(out_shape, operands):
    """The layout numpy gives a ufunc's output of `out_shape` for array operands
    [(shape, strides)] (0-d operands and Python scalars left out): C order when they are
    all C-contiguous of the output's shape, F order when all are F-contiguous (the
    ufunc's trivial loops allocate like the operands), else the axis order numpy's
    iterator picks (npyiter_find_best_axis_ordering: a stable sort by stride magnitude
    in which C order wins where the operands disagree)."""
    ndim = len(out_shape)
    if not operands or ndim < 2:
        return c_strides(out_shape)
    same_shape = all(tuple(shape) == tuple(out_shape) for shape, _ in operands)
    if same_shape:
        if all(is_contiguous(out_shape, s, "C") for _, s in operands):
            return c_strides(out_shape)
        if all(is_contiguous(out_shape, s, "F") for _, s in operands):
            return f_strides(out_shape)
    seen = [broadcast_strides(shape, strides, out_shape) for shape, strides in operands]
    return in_order(out_shape, best_order(out_shape, seen))


def best_order(shape, operands):
    """The axis order (outermost first) numpy's iterator picks for operands with the
    element strides `operands` over `shape` (broadcast_strides):
    npyiter_find_best_axis_ordering, a stable insertion sort by stride magnitude in
    which C order wins where the operands disagree (dims of size 1 count as stride 0)."""
    ndim = len(shape)
    seen = [tuple(0 if shape[a] == 1 else s for a, s in enumerate(op)) for op in operands]
    # The iterator's axes run innermost first: perm[i] is a C axis, perm[0] the last.
    perm = list(range(ndim - 1, -1, -1))
    for i0 in range(1, ndim):
        at, axis0 = i0, perm[i0]
        for i1 in range(i0 - 1, -1, -1):
            axis1 = perm[i1]
            ambiguous, swap = True, False
            for op in seen:
                s0, s1 = op[axis0], op[axis1]
                if s0 != 0 and s1 != 0:
                    if abs(s1) <= abs(s0):
                        swap = False
                    elif ambiguous:
                        swap = True
                    ambiguous = False
            if not ambiguous:
                if swap:
                    at = i1
                else:
                    break
        if at != i0:
            perm[at + 1:i0 + 1] = perm[at:i0]
            perm[at] = axis0
    return list(reversed(perm))


def nditer_order(shape, operands, order="K"):
    """np.nditer's order of visiting the elements of `shape` for operands with element
    strides `operands` (broadcast_strides): (axes outermost first, the axes walked
    backwards). order='K' follows memory: axes every operand walks backwards are
    flipped (npyiter_flip_negative_strides), then sorted as best_order does; 'C' and
    'F' are those orders ('A' is 'F' when every operand is F-contiguous in its own
    shape, else 'C': the caller decides)."""
    ndim = len(shape)
    if order == "C":
        return list(range(ndim)), set()
    if order == "F":
        return list(range(ndim - 1, -1, -1)), set()
    flipped = {a for a in range(ndim) if any(op[a] < 0 for op in operands) and
               all(op[a] <= 0 for op in operands)}
    positive = [tuple(-s if a in flipped else s for a, s in enumerate(op))
                for op in operands]
    return best_order(shape, positive), flipped
