"""Loops over Python `range`s while tracing (reference tests; the rule is documented in
frontend/ag/operators/loops.py).

A Python range of at most UNROLL_LIMIT (8) steps runs in Python (unrolled). A longer one
whose state includes a staged value and no Python number is staged as ONE loop (its body
appears once in the IR, however many steps); state that is a Python number on entry
(`acc = 0`) goes through a first iteration in Python, then the rest is staged. When the
body needs Python values (a Python list indexed by the loop index, list.append, print of
Python values, a Python counter) the loop runs in Python after all. Either way every
result must match plain numpy (dtype, shape, type; floats within rtol=atol=1e-5).
"""

import numpy as np
import pytest

from _autograph_helpers import PATHS, arg, assert_same, check, staged

X = np.array([0.5, -1.0, 2.0], np.float32)


def ir_of(fn, *args):
    return staged(fn).ir(*args)


def assert_one_loop(ir, op="scf.for"):
    assert ir.count(op) == 1, ir
    other = {"scf.for": "scf.while", "scf.while": "scf.for"}[op]
    assert other not in ir, ir


def assert_unrolled(ir):
    assert "scf.for" not in ir and "scf.while" not in ir, ir


# --- long loops are staged once ---------------------------------------------------------------

def tanh_steps(x, steps):
    for i in range(steps):
        x = np.tanh(x * 0.5 + 0.1)
    return x


@pytest.mark.parametrize("steps", [9, 100, 10000])
def test_long_range_is_one_loop(steps):
    check(tanh_steps, X, steps)
    ir = ir_of(tanh_steps, X, steps)
    assert_one_loop(ir)
    assert ir.count("ag.tanh") == 1, ir


@pytest.mark.parametrize("steps", [0, 1, 8])
def test_short_range_is_unrolled(steps):
    check(tanh_steps, X, steps)
    ir = ir_of(tanh_steps, X, steps)
    assert_unrolled(ir)
    assert ir.count("ag.tanh") == steps, ir


def index_arithmetic(x, steps):
    s = np.zeros_like(x)
    for i in range(steps):
        s = s + x * i - i // 3 + (i % 5) * 0.25
    return s


@pytest.mark.parametrize("steps", [8, 9, 50])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_index_used_in_arithmetic(steps, dtype):
    """The staged index is an int64: `float32 * i` stays float32 as with a Python int."""
    check(index_arithmetic, X.astype(dtype), steps)


def python_values_only(x, steps):
    s = 0
    for i in range(steps):
        s = s + i * i
    return x * 2, s


@pytest.mark.parametrize("steps", [5, 20, 1000])
def test_loop_of_python_values_stays_python(steps):
    """Nothing staged in the state: the loop computes at trace time, s stays a Python
    int (exact type) and no loop is recorded."""
    got = check(python_values_only, X, steps)
    assert type(got[1]) is int
    assert_unrolled(ir_of(python_values_only, X, steps))


# --- Python number state on entry: the first iteration is peeled -----------------------------

def acc_from_zero(x, steps):
    acc = 0
    for i in range(steps):
        acc = acc + x[i % 3] * i
    return acc


@pytest.mark.parametrize("steps,loops", [(0, 0), (1, 0), (9, 0), (10, 1), (200, 1)])
def test_python_number_init_peels_first_iteration(steps, loops):
    """range(9): after the peeled iteration 8 steps remain, which unroll; range(10)
    leaves 9, which are staged."""
    check(acc_from_zero, X, steps)
    assert ir_of(acc_from_zero, X, steps).count("scf.for") == loops


def defined_in_loop(x, steps):
    for i in range(steps):
        last = x * i
    return last


@pytest.mark.parametrize("steps", [1, 9, 30])
def test_variable_first_defined_in_loop(steps):
    check(defined_in_loop, X, steps)


# --- bodies that need Python values: Python iteration ------------------------------------------

WEIGHTS = [0.5 * k - 2 for k in range(12)]


def python_list_index(x):
    for i in range(12):
        x = x * 0.5 + WEIGHTS[i]
    return x


def python_list_append(x):
    out = []
    for i in range(12):
        out.append(x * i)
    return out[-1] + out[3]


def python_counter(x):
    n = 0
    for i in range(12):
        x = x + 1
        n += 1
    return x, n


@pytest.mark.parametrize("fn", [python_list_index, python_list_append, python_counter])
def test_python_only_body_falls_back_to_python_iteration(fn):
    got = check(fn, X)
    if fn is python_counter:
        assert type(got[1]) is int
    assert_unrolled(ir_of(fn, X))


def shape_from_index(x):
    t = x.sum()
    for i in range(10):
        t = t + np.zeros(i + 1, x.dtype).sum()
    return t


def test_array_sized_by_the_index_stays_one_loop():
    """np.zeros(i + 1) of the staged index is an array of dynamic size (converted code
    routes np.zeros through converted_call): the loop needs no Python int."""
    check(shape_from_index, X)
    assert_one_loop(ir_of(shape_from_index, X))


def growing(x):
    for i in range(10):
        x = np.concatenate([x, x[-1:] + i])
    return x


def mutate_python_containers(x):
    stats = {"n": 0}
    counts = [0]
    seen = []
    for i in range(12):
        x = x + 1
        stats["n"] = stats["n"] + 1
        counts[0] += 1
        seen += [i]
    return x, stats["n"], counts[0], len(seen)


@pytest.mark.parametrize("fn", [growing, mutate_python_containers])
def test_state_python_cannot_carry_runs_in_python(fn):
    """A shape that changes every iteration, Python containers changed by item
    assignment or +=: the staged attempt is abandoned, the loop unrolls."""
    check(fn, X)
    assert_unrolled(ir_of(fn, X))


def numpy_scalar_accumulator(x):
    acc = np.int64(0)
    for i in range(20):
        acc = acc + x[i % 3]
    return acc


def test_accumulator_dtype_set_by_first_iteration():
    """acc starts as a numpy int64 constant and becomes float64 in the first iteration
    (peeled); the other 19 are one staged loop."""
    check(numpy_scalar_accumulator, X)
    assert_one_loop(ir_of(numpy_scalar_accumulator, X))


def print_python_values(x):
    for i in range(12):
        print("step")
        x = x + 1
    return x


def print_index(x):
    for i in range(12):
        print("step", i)
        x = x + 1
    return x


def test_print_of_python_values_is_staged(capsys):
    """print() of Python values in a staged loop is staged: it prints once per iteration
    when the compiled code runs (every call), and the loop stays one loop."""
    expected = print_python_values(X)
    assert capsys.readouterr().out == "step\n" * 12
    g = staged(print_python_values)
    for _ in range(2):  # first call, then the cached one
        assert_same(g(X), expected)
        assert capsys.readouterr().out == "step\n" * 12
    assert_one_loop(ir_of(print_python_values, X))


def test_print_of_the_index_is_staged(capsys):
    """print() of the staged index prints when the compiled code runs, every call."""
    expected = print_index(X)
    out = capsys.readouterr().out
    assert out == "".join(f"step {i}\n" for i in range(12))
    for _ in range(2):
        assert_same(staged(print_index)(X), expected)
        assert capsys.readouterr().out == out
    assert_one_loop(ir_of(print_index, X))


# --- start / stop / step ------------------------------------------------------------------------

def strided(x, start, stop, step):
    for i in range(start, stop, step):
        x = x * 0.5 + i
    return x, i


RANGES = [(20, 2, -3), (40, 2, -3), (3, 50, 4), (-5, 40, 3), (100, -100, -7), (0, 9, 1)]


@pytest.mark.parametrize("start,stop,step", RANGES)
def test_start_stop_step(start, stop, step):
    """`i` after the loop is Python's last index, a Python int (no break)."""
    got = check(strided, X, start, stop, step)
    assert type(got[1]) is int
    staged_loop = len(range(start, stop, step)) > 8
    assert ir_of(strided, X, start, stop, step).count("scf.for") == int(staged_loop)


def target_after_loop(x, steps):
    i = -1
    for i in range(steps):
        x = x + i
    return x, i


@pytest.mark.parametrize("steps", [0, 1, 8, 9, 1000])
def test_loop_target_after_loop(steps):
    got = check(target_after_loop, X, steps)
    assert type(got[1]) is int


def strided_staged_range(n):
    s = np.int64(0)
    for i in range(1, n, 3):
        s = s + i
    return s


@pytest.mark.parametrize("n", [0, 1, 2, 4, 10, 11])
@pytest.mark.parametrize("path", PATHS)
def test_strided_range_with_staged_bound(path, n):
    check(strided_staged_range, arg(n, path, np.int64), path=path, region="scf.for")


# --- break ---------------------------------------------------------------------------------------

def break_on_staged_condition(x, steps):
    for i in range(steps):
        if x.sum() > 50:
            break
        x = x + i
    return x, i


@pytest.mark.parametrize("steps", [9, 12, 100])
def test_break_on_staged_condition(steps):
    # Accepted difference: after a staged loop that may stop early, i is a staged value
    # (np.int64) where Python has the int.
    check(break_on_staged_condition, X, steps, loose=True)
    assert_one_loop(ir_of(break_on_staged_condition, X, steps), "scf.while")


def break_on_index(x, stop):
    for i in range(1000):
        x = np.tanh(x + 0.25)
        if i == stop:
            break
    return x


@pytest.mark.parametrize("stop", [0, 7, 500, 2000])
def test_break_on_index(stop):
    check(break_on_index, X, stop)
    ir = ir_of(break_on_index, X, stop)
    assert ir.count("ag.tanh") <= 2, ir  # at most the peeled iteration and the body


def break_python_flag(x, stop):
    done = False
    for i in range(30):
        if done:
            break
        x = x + i
        if i == stop:
            done = True
    return x


@pytest.mark.parametrize("stop", [0, 4, 20, 100])
def test_break_on_python_flag(stop):
    check(break_python_flag, X, stop)


# --- x[i] = v ---------------------------------------------------------------------------------

def set_items(x):
    for i in range(12):
        x[i % 3] = x[i % 3] * 0.5 + i
    return x


def set_rows(x):
    y = x
    for i in range(20):
        x[i % x.shape[0]] = x[(i + 1) % x.shape[0]] + i
    return y, x.sum()


def fill_like(x, n):
    out = np.zeros_like(x)
    for i in range(n):
        out[i % x.shape[0]] = x[(i + 1) % x.shape[0]] * i
    return out


def fill_numpy_array(x, n):
    out = np.zeros((n,) + x.shape[1:], x.dtype)
    for i in range(n):
        out[i] = x[i % x.shape[0]] * i
    return out


def test_set_item_in_loop():
    check(set_items, X.copy())
    assert_one_loop(ir_of(set_items, X.copy()))


@pytest.mark.parametrize("shape", [(3,), (4, 2)])
def test_set_item_alias_sees_updates(shape):
    """y and x are one array: the update through x is visible through y, as in numpy."""
    x = np.arange(np.prod(shape), dtype=np.float64).reshape(shape)
    check(set_rows, x.copy())


@pytest.mark.parametrize("n", [0, 5, 9, 64])
def test_fill_rows(n):
    x = np.arange(6, dtype=np.float32).reshape(3, 2)
    check(fill_like, x, n)
    assert ir_of(fill_like, x, n).count("scf.for") == int(n > 8)


@pytest.mark.parametrize("shape", [(3,), (3, 2)])
@pytest.mark.parametrize("n", [1, 9])
def test_fill_numpy_array(n, shape):
    check(fill_numpy_array, np.arange(6, dtype=np.float32)[:np.prod(shape)].reshape(shape), n)


# --- nested long loops -------------------------------------------------------------------------

def nested_long(x, n, m):
    for i in range(n):
        for j in range(m):
            x = np.tanh(x + i * 0.01 - j * 0.02)
    return x


@pytest.mark.parametrize("n,m", [(10, 10), (30, 50), (3, 20), (20, 3), (4, 4)])
def test_nested_long_loops(n, m):
    """Two long loops: one staged loop inside another, the body once. A short inner loop
    unrolls inside the staged outer body (m copies); a long inner loop inside a short
    outer one is staged once per outer iteration (n loops)."""
    check(nested_long, X, n, m)
    ir = ir_of(nested_long, X, n, m)
    loops, tanhs = {(True, True): (2, 1), (True, False): (1, m), (False, True): (n, n),
                    (False, False): (0, n * m)}[(n > 8, m > 8)]
    assert ir.count("scf.for") == loops, ir
    assert ir.count("ag.tanh") == tanhs, ir


def rows_times_long_range(xs):
    acc = np.zeros(xs.shape[1:], xs.dtype)
    for r in xs:
        for k in range(16):
            acc = acc + r * k
    return acc


def test_long_range_inside_staged_array_loop():
    xs = np.arange(12, dtype=np.float32).reshape(4, 3)
    check(rows_times_long_range, xs)
    assert ir_of(rows_times_long_range, xs).count("scf.for") == 2
