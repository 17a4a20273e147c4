"""Python lists built in staged loops (AutoGraph's lists; design in frontend/ag/operators/data_structures.py).

`out = []; for ...: out.append(h)` in a staged loop is one scf.for carrying a buffer and
a staged length; after the loop the same list object (every alias of it, in a tuple or a
dict too) holds the rows, usable as a list (np.stack, np.concatenate, np.array by name,
len, indexing, slicing, iteration, comprehensions, +, return). Every sample runs as plain Python/numpy and staged,
compared with `check` (type, dtype, shape; floats within rtol=atol=1e-5), on two paths:
  * "python": the iterated array is a frozen closure constant (a numpy array while
    tracing), so the loop runs in Python and the list holds staged values appended one by
    one;
  * "staged": the iterated array is an argument: the loop is one scf.for.
Lists that cannot be staged (appends under a staged `if`, data-dependent trip counts,
differing shapes) raise ag errors starting with the user's file:line.
"""

import copy

import numpy as np
import pytest

import ag

from _autograph_helpers import PATHS, check, line_of, staged

# np.array / np.asarray called by a plain name: converted code stages them through
# converted_call (np.array(...) itself is left to numpy by the converter; see
# test_unstageable_lists).
from numpy import array as np_array, asarray as np_asarray  # noqa: E402

HERE = __file__
XS = (np.arange(12, dtype=np.float32).reshape(3, 4) - 5.5) / 4
H0 = np.array([0.25, -0.5, 1.0, 0.0], np.float32)


def bound(fn, xs):
    # Frozen (read-only), the closure array is a compile-time constant: the loop over it
    # runs in Python. (A writable one would be an implicit parameter, see _captures.)
    xs = xs.copy()
    xs.setflags(write=False)
    def with_constant(*rest):
        return fn(xs, *rest)
    return with_constant


def run(fn, path, xs, *rest, loose=False, loop=None):
    """fn(xs, *rest) eagerly and staged on `path` (see the module docstring). If numpy
    raises, ag must raise the same exception type. `loop`: whether the IR has a staged
    loop (default: on the staged path, for a non-empty xs)."""
    fn, args = (bound(fn, xs), rest) if path == "python" else (fn, (xs,) + rest)
    try:
        fn(*copy.deepcopy(args))
    except Exception as e:
        with pytest.raises(type(e)):
            staged(fn)(*args)
        return
    check(fn, *args, loose=loose)
    if loop is None:
        loop = path == "staged" and len(xs) > 0
    assert ("scf.for" in staged(fn).ir(*args)) == loop


def as_python_or_ag_error(fn, *args):
    """The result plain Python gives, or an ag error starting with this file's name."""
    try:
        check(fn, *args)
    except ag.AgError as e:
        assert str(e).startswith(f"{HERE}:"), e


# --- collecting in a loop and using the list afterwards ---------------------------------------

def stack_states(xs, h):
    out = []
    for x_t in xs:
        h = np.tanh(h * 0.5 + x_t)
        out.append(h)
    return np.stack(out), out


def uses(xs, h):
    out = []
    for x_t in xs:
        out.append(x_t * h)
    acc = np.zeros_like(h)
    for v in out:
        acc = acc * 0.5 + v
    return (np.stack(out, axis=1), np.stack(out, axis=-1), np.concatenate(out), len(out),
            out[0], out[-1], out[len(out) // 2], out[1:], out[::-1], acc,
            [v.sum() for v in out], sum(out))


def return_list(xs, h):
    out = []
    for x_t in xs:
        out.append(x_t - h)
    return out


def initial_elements(xs, h):
    out = [h, h * 2]
    for x_t in xs:  # several appends per iteration
        h = h + x_t
        out.append(h)
        out.append(-x_t)
        out.append(h * x_t)
    return np.stack(out), len(out), out[-2], out


def pop_inside(xs, h):
    out = [h]
    for x_t in xs:
        v = out.pop()
        out.append(v * x_t)
        out.append(v + x_t)
        out.append(v)
        out.pop()
    return np.stack(out), len(out)


def append_pop_after(xs, h):
    out = []
    for x_t in xs:
        out.append(x_t + h)
    out.append(h)
    v = out.pop()
    w = out.pop()
    out.pop()
    out.append(v * w)
    return np.stack(out), out


def two_lists_of_scalars(xs, h):
    a, b = [h.sum()], []
    for x_t in xs:
        a.append(x_t.mean())
        a.append(np.float32(1.5))
        b.append(x_t.max() > 0)
    return np.stack(a), np.stack(a, axis=-1), len(a), a, np.stack(b), b


def concat_scalars(xs, h):
    out = []
    for x_t in xs:
        out.append(x_t.sum())
    return np.concatenate(out)  # numpy: zero-dimensional arrays cannot be concatenated


COLLECT = [stack_states, uses, return_list, initial_elements,
           pop_inside, append_pop_after, two_lists_of_scalars, concat_scalars]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("fn", COLLECT, ids=lambda f: f.__name__)
def test_collect(fn, path, rows):
    run(fn, path, XS[:rows], H0)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("fn", [stack_states, return_list, initial_elements, pop_inside],
                         ids=lambda f: f.__name__)
def test_zero_iterations(fn, path):
    """No rows: np.stack([]) fails as in numpy, an empty list comes back empty."""
    run(fn, path, XS[:0], H0)


# --- one list object: aliases, containers, helpers, later loops -------------------------------

def alias_before(xs, h):
    out = []
    kept = out
    for x_t in xs:
        out.append(x_t * h)
    return np.stack(kept), len(kept), kept is out, kept


def alias_after(xs, h):
    out = []
    for x_t in xs:
        out.append(x_t + h)
    kept = out
    kept.append(h)
    return np.stack(out), len(out), out[-1], kept.pop(), len(out)


def in_containers(xs, h):
    out = []
    pair = (out, 1)
    named = {"rows": out}
    for x_t in xs:
        out.append(x_t - h)
    return np.stack(pair[0]), len(named["rows"]), named["rows"][-1], pair, named["rows"]


def push(lst, v):
    lst.append(v)


def helper_appends_after_loop(xs, h):
    out = []
    for x_t in xs:
        out.append(x_t * 2)
    kept = out
    push(kept, h)
    push(out, h * 3)
    return np.stack(out), len(kept)


def two_loops(xs, h):
    out = [h]
    for x_t in xs:
        out.append(x_t)
    kept = out
    for x_t in xs:
        out.append(x_t * h)
    return np.stack(kept), len(kept), kept[1:]


def after_loop_uses(xs, h):
    out = []
    for x_t in xs:
        out.append(x_t * h)
    rows = [v * 2.0 for v in out]
    return (np.stack(out[1:]), np.concatenate(out[:2]), out + [h], rows, tuple(out),
            list(reversed(out)), out * 2, np.stack(list(out)), [h] + out)


def as_array_by_name(xs, h):
    out = []
    for x_t in xs:
        out.append(x_t * h)
    return (np_array(out), np_asarray(out), np_array(out, dtype=np.int32),
            np_asarray(out, np.float64), np_array(out[1:]), np_array(out, ndmin=3),
            np_array([h, out[0]]), np_array((out[-1], out[0])), np_asarray(out[-1]))


def scalars_as_array(xs, h):
    sums, signs = [], []
    for x_t in xs:
        sums.append(x_t.sum())
        signs.append(x_t.max() > 0)
    return np_array(sums), np_asarray(signs), np_array(sums, dtype=np.float64), \
        np_array([sums, sums]), np_asarray(sums[0]), np_array(xs[0] * 2)


ALIASES = [alias_before, alias_after, in_containers, helper_appends_after_loop,
           two_loops, after_loop_uses, as_array_by_name, scalars_as_array]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("fn", ALIASES, ids=lambda f: f.__name__)
def test_one_list_object(fn, path, rows):
    """The list built in a staged loop is the list every alias, tuple and dict holds, as
    in Python; after the loop it is a Python list of its elements."""
    run(fn, path, XS[:rows], H0)


def alias_stack(xs, h):
    out = []
    kept = out
    for x_t in xs:
        out.append(np.tanh(x_t + h))
    return np.stack(kept), np.stack(kept[2:]), np_array(out)


def test_stacking_an_alias_uses_the_buffer_whole():
    """np.stack / np.array of the alias: the buffer itself; of a run of rows: one slice
    of it (no op per element)."""
    xs = np.ones((50, 4), np.float32)
    check(alias_stack, xs, H0)
    ir = staged(alias_stack).ir(xs, H0)
    assert ir.count("ag.slice") == 1 and "ag.stack" not in ir, ir


# --- element dtypes and 0-d elements ----------------------------------------------------------

def elements(xs):
    rows, maxima, sums = [], [], []
    for x_t in xs:
        rows.append(x_t[::-1])
        maxima.append(x_t.max())
        sums.append(x_t.sum())
    return (np.stack(rows), rows, np.stack(maxima), maxima, maxima[-1],
            np.concatenate([np.stack(sums), np.stack(sums)]), sums)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64, np.bool_],
                         ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("path", PATHS)
def test_element_dtypes(path, dtype):
    """Rows and 0-d elements (numpy scalars in returned lists) of every dtype."""
    base = np.arange(12).reshape(3, 4) % 5 - 2
    run(elements, path, base > 0 if dtype == np.bool_ else base.astype(dtype))


# --- every staged iteration source: one scf.for, the body once --------------------------------

def rnn_rows(xs, w, h):
    out = []
    for x_t in xs:
        h = np.tanh(h @ w + x_t)
        out.append(h)
    return np.stack(out)


def rnn_range(xs, w, h):
    out = []
    for t in range(xs.shape[0]):  # a Python range of > 8 steps
        h = np.tanh(h @ w + xs[t])
        out.append(h)
    return np.stack(out), out[-1], len(out)


def rnn_enumerate(xs, w, h):
    out = []
    for t, x_t in enumerate(xs):
        h = np.tanh(h @ w + x_t * t)
        out.append(h)
        out.append(h * t)
    return np.stack(out, axis=1)


def rnn_zip(xs, w, h):
    out = []
    for x_t, y_t in zip(xs, xs[::-1]):
        h = np.tanh(h @ w + x_t - y_t)
        out.append(h.sum())
    return out


@pytest.mark.parametrize("steps", [9, 100])
@pytest.mark.parametrize("fn", [rnn_rows, rnn_range, rnn_enumerate, rnn_zip],
                         ids=lambda f: f.__name__)
def test_rnn_collecting_states_is_one_loop(fn, steps):
    rng = np.random.default_rng(0)
    xs = rng.standard_normal((steps, 4)).astype(np.float32)
    w = (rng.standard_normal((4, 4)) * 0.3).astype(np.float32)
    check(fn, xs, w, H0)
    ir = staged(fn).ir(xs, w, H0)
    assert ir.count("scf.for") == 1 and "scf.while" not in ir, ir
    assert ir.count("ag.tanh") == 1 and ir.count("ag.dynamic_update") >= 1, ir
    if fn is rnn_rows:
        assert f"tensor<{steps}x4xf32>, tensor<i64>) {{" in ir, ir  # buffer, length carried


def test_stack_uses_the_buffer_whole():
    ir = staged(rnn_rows).ir(np.ones((100, 4), np.float32), np.eye(4, dtype=np.float32), H0)
    assert ir.count("ag.slice") <= 1, ir


# --- errors: lists whose length would depend on data -----------------------------------------

def append_under_if(xs):
    out = []
    for x_t in xs:  # the loop
        if x_t.sum() > 0:
            out.append(x_t)
    return out


def append_after_break(xs):
    out = []
    for x_t in xs:  # the loop
        if x_t.sum() > 0:
            break
        out.append(x_t)
    return out


def append_staged_trip_count(xs, n):
    out = []
    for i in range(n):  # the loop
        out.append(xs[i])
    return out


def append_in_while(x):
    out = []
    while x.sum() < 10:  # the loop
        x = x + 1
        out.append(x)
    return out


def differing_shapes(xs):
    out = []
    for x_t in xs:
        out.append(x_t)
        out.append(x_t[:2])  # the append
    return out


def differing_initial_shape(xs):
    out = [xs[0, :2]]
    for x_t in xs:
        out.append(x_t)  # the append
    return out


def two_names_in_loop(xs):
    out = []
    kept = out
    for x_t in xs:  # the loop
        out.append(x_t)
        kept.append(x_t * 2)
    return out


def np_array_of_list(xs):
    out = []
    for x_t in xs:
        out.append(x_t)
    return np.array(out)  # the call


def loop_under_if(xs):
    out = []
    if xs.sum() > 0:
        for x_t in xs:
            out.append(x_t)
    return out  # the list


@pytest.mark.parametrize("fn,args,exc,text,fragment", [
    (append_under_if, (XS,), ag.AgUnsupportedError, "# the loop", "under a staged `if`"),
    # A staged break makes the trip count data-dependent.
    (append_after_break, (XS,), ag.AgUnsupportedError, "# the loop",
     "trip count is only known"),
    (append_staged_trip_count, (XS, np.int64(2)), ag.AgUnsupportedError, "# the loop",
     "trip count is only known when the compiled code runs"),
    (append_in_while, (H0,), ag.AgUnsupportedError, "# the loop",
     "trip count is only known when the compiled code runs"),
    (differing_shapes, (XS,), ag.AgValueError, "# the append", "must share one shape"),
    (differing_initial_shape, (XS,), ag.AgValueError, "# the append",
     "must share one shape"),
    # One list changed through two names in one loop: the appends would interleave.
    (two_names_in_loop, (XS,), ag.AgUnsupportedError, "# the loop", "is also named"),
    (loop_under_if, (XS,), ag.AgUnsupportedError, "if xs.sum()", "under a staged `if`"),
], ids=lambda v: v.__name__ if callable(v) else "")
def test_unstageable_lists(fn, args, exc, text, fragment):
    fn(*args)  # fine in Python
    with pytest.raises(exc) as info:
        staged(fn)(*args)
    msg = str(info.value)
    assert msg.startswith(f"{HERE}:{line_of(fn, text)}:") and fragment in msg, msg
    assert "'out'" in msg or "[4]" in msg, msg  # names the list or the element shapes


def sliced_by_index(x):
    out = []
    for t in range(10):
        out.append(x[:t])
    return len(out), out[-1], out


def alias_into_helper(xs):
    out = []
    kept = out
    for x_t in xs:
        push(kept, x_t)
    return np.stack(out)


def test_alias_appended_in_a_helper_inside_the_loop():
    """The loop carries neither name (a call's argument is not loop state): appending
    through the helper's parameter is an error naming it and the helper's line; in a
    Python loop it is plain Python."""
    check(bound(alias_into_helper, XS))
    with pytest.raises(ag.AgUnsupportedError) as info:
        staged(alias_into_helper)(XS)
    msg = str(info.value)
    assert msg.startswith(f"{HERE}:{line_of(push, 'lst.append')}:"), msg
    assert "list 'lst'" in msg, msg


def test_differing_shapes_from_the_index_fall_back_to_python():
    """x[:t] needs t as a Python int: the long range runs in Python, as plain Python."""
    check(sliced_by_index, np.arange(12.0))
    assert "scf.for" not in staged(sliced_by_index).ir(np.arange(12.0))


def pop_from_empty(xs):
    out = []
    for x_t in xs:
        out.pop()
    return out


def pop_more_than_appended(xs, h, k=2):
    out = [h] * k
    for x_t in xs:
        out.append(x_t)
        out.pop()
        out.pop()
    return out


def pop_before_append(xs, h):
    out = [h]
    for x_t in xs:
        out.pop()
        out.pop()
        out.append(x_t)
        out.append(x_t)
    return out


def pop_after_loop(xs):
    out = []
    for x_t in xs:
        out.append(x_t)
    out.pop()
    return out.pop()


@pytest.mark.parametrize("fn,args", [
    (pop_from_empty, (XS,)), (pop_more_than_appended, (XS, H0)),
    (pop_after_loop, (XS[:1],)),
    (pop_before_append, (XS, H0)),
], ids=["from_empty", "more_than_appended", "after_loop", "before_append"])
def test_pop_from_empty_list_raises_index_error(fn, args):
    with pytest.raises(IndexError):
        fn(*copy.deepcopy(args))
    with pytest.raises(IndexError):
        staged(fn)(*args)  # while tracing or when the compiled code runs


def test_pops_balanced_by_initial_elements():
    run(pop_more_than_appended, "staged", XS[:1], H0, 1)


# --- Python lists and numpy arrays keep Python/numpy semantics -----------------------------

def python_ints(x, n):
    out = []
    for i in range(n):
        out.append(i * i)
    out.append(len(out))
    return out, x * out[-1], out.pop()


@pytest.mark.parametrize("n", [0, 3, 20])
def test_python_loop_appending_python_ints(n):
    got = check(python_ints, H0, n)
    assert all(type(v) is int for v in got[0])


def set_rows_long_range(xs):
    out = np.zeros((12, 4), np.float32)
    for i in range(12):
        out[i] = xs[i % 3] * i
    return out


def set_rows_of_staged(xs):
    out = np.zeros((3, 4))
    i = 0
    for x_t in xs:
        out[i] = x_t + 1
        i += 1
    return out, i


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("fn", [set_rows_long_range, set_rows_of_staged],
                         ids=lambda f: f.__name__)
def test_setitem_on_array_created_inside(fn, path):
    """x[i] = staged_row on a numpy array made in the function: numpy's value semantics
    (the Python counter comes back as a numpy int64 from the staged loop: loose). The
    12-step range is a staged loop on both paths: a numpy xs indexed by the staged
    index is staged (converted code reads through ag__.getitem_)."""
    run(fn, path, XS, loose=True,
        loop=path == "staged" or fn is set_rows_long_range)


# --- known bugs (strict xfails: each must fail until fixed) ---------------------------------

def nested_append(xs):
    out = []
    for row in xs:
        for v in row:
            out.append(v)
    return out


def test_append_in_nested_staged_loop():
    try:
        ir = staged(nested_append).ir(XS)
    except ag.AgUnsupportedError as e:
        assert "nested staged loop" in str(e)
        return
    # Not run unless the buffer has room for all 12 elements (else memory corruption).
    assert "tensor<12xf32>, tensor<i64>) {" in ir, ir
    check(nested_append, XS)


def last_in_loop(xs):
    out = [xs[0]]
    for x_t in xs:
        out.append(np.tanh(out[-1] * 0.5 + x_t))
    return np.stack(out)


def len_in_loop(xs):
    out = []
    for x_t in xs:
        out.append(x_t)
        x_t = x_t + len(out)
    return x_t


def if_append(x, steps):
    out = []
    for t in range(steps):  # 1, 3: unrolled; 10: the staged attempt falls back to Python
        x = x * 0.5
        if x.sum() > 0.6:
            out.append(x)
    return out


def if_else_append(x):
    out = [x]
    if x.sum() > 100:
        out.append(x)
    else:
        out.append(x + 1)
    return out


def mixed_dtypes(xs):
    out = [np.zeros(4, np.float32)]
    for x_t in xs:
        out.append(x_t / 3)
    return np.stack(out)


def as_array(xs):
    out = []
    for x_t in xs:
        out.append(x_t * 2)
    return np.array(out)


def append_in_helper(xs):
    out = []
    for x_t in xs:
        push(out, x_t * 2)
    return np.stack(out)


def plus_equals(xs):
    out = []
    for x_t in xs:
        out += [x_t]
    return np.stack(out)


X1 = XS[1] * 4  # sums to 0: x.sum() > 0.6 is never true
FIXED = [
    (last_in_loop, (XS,), "out[-1]_in_loop"),
    (len_in_loop, (XS,), "len(out)_in_loop"),
    (if_append, (X1, 1), "append_under_staged_if_no_loop"),
    (if_append, (X1, 3), "append_under_staged_if_short_range"),
    (if_append, (X1, 10), "append_under_staged_if_long_range_fallback"),
    (if_else_append, (X1,), "append_in_staged_if_else"),
    (mixed_dtypes, (XS.astype(np.float64),), "float32_then_float64_rows"),
    (append_in_helper, (XS,), "append_in_a_helper"),
    (plus_equals, (XS,), "out+=[x]"),
]
@pytest.mark.parametrize("fn,args", [pytest.param(f, a, id=i) for f, a, i in FIXED])
def test_formerly_buggy(fn, args):
    """As plain Python, or an ag error starting with this file's name."""
    as_python_or_ag_error(fn, *args)


@pytest.mark.parametrize("fn", [as_array, np_array_of_list], ids=lambda f: f.__name__)
def test_np_array_of_a_list_built_in_a_staged_loop(fn):
    """np.array(out) / np.asarray(out) as plain Python: the converter routes them through
    converted_call, which stacks the list's buffer (_lists.array_)."""
    check(fn, XS)


def appends_zero_d_arrays(a0, a1):
    t1 = a0
    lst = []
    for i in range(9):  # a staged loop: it carries t1's writes
        t1[:] += a0
        lst.append(a1)  # a 0-d array, not a numpy scalar
    return lst[1], lst[-1] * 2, a1


def appends_zero_d_scalars(x):
    lst = []
    for row in x:
        lst.append(row.sum())  # numpy scalars
    return lst[0], lst[-1]


def test_zero_d_elements_come_back_as_they_went_in():
    # numpy: the list's elements are the 0-d array a1 itself (fuzz seed 46: ag gave a
    # float32 scalar), or numpy scalars.
    check(appends_zero_d_arrays, np.ones(2), np.array(2.5, np.float32))
    check(appends_zero_d_scalars, XS)


def element_read_after_its_array_changed(a, b):
    rows = []
    for i in range(10):  # a staged loop: it carries b
        b //= 3
        rows.append(a)
    last = rows[-1]
    a += 1  # numpy's `last` is `a` itself: it sees this write
    return last


def test_an_error_found_while_making_outputs_names_the_function():
    # The element is read when the function's results are made, after the function
    # returned: the error names the function's definition, never the caller's line.
    with pytest.raises(ag.AgUnsupportedError) as info:
        staged(element_read_after_its_array_changed)(np.array(-2.25, np.float32),
                                                     np.array([2, 8, 5]))
    code = element_read_after_its_array_changed.__code__
    assert str(info.value).startswith(f"{code.co_filename}:{code.co_firstlineno}: ")


# Fuzz seed 73 #1200: a list a staged loop builds from a name the loop carries (the
# argument itself, `lst.append(t2)`): numpy's elements are that array, ag's list holds
# copies -- writing an element must be the ag error, not a write the array never sees
# (ag 1, numpy 2). The loop carried t2 (an empty inner loop writes it), so the appended
# object was the body's loaded one, which the list did not count as an alias.
def list_of_a_loop_carried_name(a0):
    t2 = a0
    lst = []
    for _ in range(9):
        for _ in range(0):
            t2 -= 1
        lst.append(t2)
    t8 = lst[1]
    t8[:] = 2
    return t2


def test_elements_of_a_list_of_a_loop_carried_name_are_not_written_silently():
    with pytest.raises(ag.AgUnsupportedError, match="an element of a list built in a "
                       "staged loop that holds an array other names reach"):
        ag.stage(list_of_a_loop_carried_name)(np.ones((5, 2), np.int32))
