"""Adversarial AutoGraph tests: programs a numpy user really writes (closures, methods,
decorators, walrus, match, augmented stores into subscripts and attributes, shadowed
builtins, ...), each run as plain Python and staged, on both dispatch paths ("python":
Python conditions and bounds; "staged": 0-d arrays), with inputs that take every branch
both ways and run every loop 0, 1 and many times. Error texts: test_autograph_adversarial_errors.py.
"""

import functools

import numpy as np
import pytest

import ag
from _autograph_helpers import PATHS, arg, assert_same, check

X = np.array([1.5, -2.0, 3.25], np.float32)
SIGNS = [1, -1]
TRIPS = [0, 1, 5]


# --- closures capturing loop variables, nested defs, lambdas, comprehensions --------------

def closures_over_loop_variable(n, x):
    fns = []
    for i in range(3):
        fns.append(lambda v, i=i: v * i)  # default binds each i
    late = [lambda: x * k for k in range(3)]  # late binding: every k is 2
    s = x * 0
    for f in fns:
        if n > 1:
            s = s + f(x)
        else:
            s = s - f(x)
    return s + late[0]()


@pytest.mark.parametrize("n", [0, 1, 2, 7])
@pytest.mark.parametrize("path", PATHS)
def test_closures_over_loop_variable(path, n):
    check(closures_over_loop_variable, arg(n, path, np.int64), X)


def nested_def_closure(x, n):
    scale = x * 2

    def step(v):
        if v.sum() > 0:  # staged: v is an array
            return v * scale
        return v - scale

    i = 0
    while i < n:
        x = step(x)
        i += 1
    return x


@pytest.mark.parametrize("n", TRIPS)
@pytest.mark.parametrize("path", PATHS)
def test_nested_def_closure(path, n):
    check(nested_def_closure, X, arg(n, path, np.int64), loose=True)


def comprehension_in_branch(x, c):
    ys = [x * k for k in range(4) if k != 1]
    total = sum(ys)
    if c > 0:
        total = total + np.stack([y.sum() for y in ys]).max()
    pairs = {k: v for k, v in zip("abc", ys)}
    return total, pairs["b"]


@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path", PATHS)
def test_comprehension_in_branch(path, c):
    check(comprehension_in_branch, X, arg(c, path))


def max_of_list(x, c):
    best = max([x.sum(), x.min(), x.max()])
    if c > 0:
        best = best * x[1]  # (best * 2 would be float64 here, float32 on the else path)
    return best


def min_max_of_sequences(x, a, b):
    # Python's max/min of a list or tuple: the first largest (smallest) item by `>`
    # (`<`) comparisons, so a NaN first stays and a NaN later is skipped.
    return (max([x.sum(), x.min(), x.max()]), min((x[0], x[1], x[2])),
            max([a, x[0], x[1]]), min([x[1], a]), max((x[2],)), max([x.sum(), a], default=0),
            max([b, 1.0]), min((b, -1.0)))


@pytest.mark.parametrize("path", PATHS)
def test_max_of_list_of_staged_values(path):
    check(max_of_list, X, arg(1, path))


# (`a` is a staged float32 either way: a list mixing Python floats with float32 values
# has one dtype when staged but items of several types in Python. NaN staged values are
# test_min_max_of_list_with_nan's.)
@pytest.mark.parametrize("a, b", [(0.5, -1.0), (5.0, 5.0), (np.nan, 1.0), (1.0, -np.inf)])
@pytest.mark.parametrize("path", PATHS)
def test_min_max_of_sequences(path, a, b):
    check(min_max_of_sequences, X, np.float32(a), arg(b, path), loose=True)


def min_max_of_three(x):
    return max([x[0], x[1], x[2]]), min([x[0], x[1], x[2]])


@pytest.mark.parametrize("nan_at", [0, 1, 2])
def test_min_max_of_list_with_nan(nan_at):
    x = X.copy()
    x[nan_at] = np.nan
    check(min_max_of_three, x)


# --- methods of user classes: self.attr reads and writes in staged code ------------------

class Accumulator:
    def __init__(self, x):
        self.total = x * 0
        self.count = 0
        self.hist = np.zeros(3, np.float32)

    def add(self, v, c):
        if c > 0:  # staged when c is
            self.total = self.total + v
            self.hist[0] += v[0]
        else:
            self.total = self.total - v
            self.hist[1] += v[1]
        self.count += 1
        return self

    def run(self, v, n):
        i = 0
        while i < n:  # staged when n is
            self.total = self.total * 2 + v
            self.hist[i % 3] += v[0]
            i += 1
        return self.total, self.hist


def method_with_staged_if(x, c):
    acc = Accumulator(x).add(x, c).add(x * 2, c)
    return acc.total, acc.count, acc.hist


@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path", PATHS)
def test_method_stores_attributes_in_staged_if(path, c):
    check(method_with_staged_if, X, arg(c, path), loose=True)


def python_value_into_array_in_staged_if(c):
    acc = np.zeros(3, np.float32)
    if c > 0:
        acc[0] = 1
    else:
        acc[1] += 1
    return acc


@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path", PATHS)
def test_python_value_into_array_in_staged_if(path, c):
    check(python_value_into_array_in_staged_if, arg(c, path))


def python_value_into_array_in_staged_loop(x, n):
    acc = np.zeros(3, np.float32)
    for i in range(n):
        acc[0] += 1  # once per iteration, not once while tracing
        if x[i % 3] > 0:
            acc[1] = 2
    return acc


@pytest.mark.parametrize("n", TRIPS)
@pytest.mark.parametrize("path", PATHS)
def test_python_value_into_array_in_staged_loop(path, n):
    check(python_value_into_array_in_staged_loop, X, arg(n, path, np.int64))


def method_with_staged_loop(x, n):
    return Accumulator(x).run(x, n)


@pytest.mark.parametrize("n", TRIPS)
@pytest.mark.parametrize("path", PATHS)
def test_method_stores_attributes_in_staged_loop(path, n):
    check(method_with_staged_loop, X, arg(n, path, np.int64))


def method_called_in_python_loop(x, n, c):
    acc = Accumulator(x)
    for _ in range(n):
        acc.add(x, c)
    return acc.total, acc.count


@pytest.mark.parametrize("n", TRIPS)
@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path_c", PATHS)
def test_method_called_in_python_loop(path_c, c, n):
    check(method_called_in_python_loop, X, n, arg(c, path_c), loose=True)


def test_method_called_in_staged_loop():
    # The converter carries attributes the loop body stores itself; a store made by a
    # called method would happen once while tracing (and its staged value could not
    # leave the loop): a clear error naming the attribute and the call's line.
    with pytest.raises(ag.AgUnsupportedError) as info:
        ag.stage(method_called_in_python_loop)(X, np.array(3, np.int64), np.array(1))
    text = str(info.value)
    line = method_called_in_python_loop.__code__.co_firstlineno + 3
    assert "Accumulator.add() sets attribute 'total'" in text, text
    assert f"test_autograph_adversarial.py:{line}:" in text, text


def method_called_in_python_loop_on_new_object(x, n, c):
    total = x * 0
    for _ in range(n):
        acc = Accumulator(x)  # made in the loop body: its attributes may change there
        acc.add(x, c)
        total = total + acc.total
    return total


@pytest.mark.parametrize("n", TRIPS)
@pytest.mark.parametrize("path", PATHS)
def test_method_of_object_made_in_staged_loop(path, n):
    check(method_called_in_python_loop_on_new_object, X, arg(n, path, np.int64), 1)


def write_first(a, v):
    a[0] = v


def write_first_and_return(a, v):
    a[0] = v
    return a


def array_written_by_a_callee(x, c):
    acc = np.zeros(3, np.float32)
    if c > 0:
        acc = write_first_and_return(acc, x[1])  # the write comes back to the caller
    return acc


@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path", PATHS)
def test_array_written_and_returned_by_a_callee(path, c):
    check(array_written_by_a_callee, X, arg(c, path))


def array_written_in_place_by_a_callee(x, c):
    acc = np.zeros(3, np.float32)
    if c > 0:
        write_first(acc, 1.0)
    return acc


@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path", PATHS)
def test_array_written_in_place_by_a_callee(path, c):
    # np.zeros in converted code makes a staged array (an object with its own storage):
    # the callee's write under staged control flow reaches the caller's array.
    check(array_written_in_place_by_a_callee, X, arg(c, path))


def method_called_in_long_python_loop(x, c):
    acc = Accumulator(x)
    for _ in range(300):  # tried as a staged loop, which the method's store rules out
        acc.add(x, c)
    return acc.total, acc.count


@pytest.mark.parametrize("path", PATHS)
def test_method_called_in_long_python_loop(path):
    check(method_called_in_long_python_loop, X, arg(1, path), loose=True)


# --- default arguments, *args/**kwargs, decorators ---------------------------------------

def with_defaults(x, c, scale=2.0, *, bias=1):
    if c > 0:
        return x * scale + bias
    return x


def varargs(*xs, **kw):
    s = xs[0] * 0
    for v in xs:
        if v.sum() > kw.get("thr", 0):
            s = s + v
    return s


def calls_with_defaults_and_varargs(x, c):
    opts = {"bias": -1}
    a = with_defaults(x, c) + with_defaults(x, c, 3.0, **opts)
    return a + varargs(x, -x, x * 2, thr=c)


@pytest.mark.parametrize("c", SIGNS + [100])
@pytest.mark.parametrize("path", PATHS)
def test_defaults_and_varargs(path, c):
    check(calls_with_defaults_and_varargs, X, arg(c, path, np.float32))


def doubled(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs) * 2
    return wrapper


@doubled
def decorated(x, c):
    if c > 0:
        return x + 1
    return x - 1


def calls_decorated(x, c):
    return decorated(x, c) + 1


@pytest.mark.parametrize("fn", [decorated, calls_decorated])
@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path", PATHS)
def test_functools_wraps_decorator_is_kept(path, c, fn):
    """The wrapper's own body is converted (not the wrapped function's, which
    inspect.getsource reaches through __wrapped__), and its `if` is staged too."""
    got = check(fn, X, arg(c, path))
    assert_same(got, (X + c) * 2 + (fn is calls_decorated))
    assert ("scf.if" in ag.stage(fn).ir(X, arg(c, path))) == (path == "staged")


# --- early return from nested loops, loop else, break/continue/return mixed --------------

def find_first(m, target):
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m[i, j] == target:
                return np.int64(i), np.int64(j)
        else:
            continue
    return np.int64(-1), np.int64(-1)


@pytest.mark.parametrize("target", [1, 5, 6, 9])
@pytest.mark.parametrize("path", PATHS)
def test_early_return_from_nested_loops(path, target):
    m = np.array([[1, 2, 3], [4, 5, 6]], np.int64)
    check(find_first, m, arg(target, path, np.int64))


def while_else_with_nested_return(n, k):
    i = np.int64(0)
    while i < n:
        for j in range(n):
            if i * j > k:
                return i * 10 + j
        i = i + 1
    else:
        i = i - 100
    return i


@pytest.mark.parametrize("n", [0, 1, 4])
@pytest.mark.parametrize("k", [2, 100])
@pytest.mark.parametrize("path", PATHS)
def test_while_else_with_nested_return(path, n, k):
    check(while_else_with_nested_return, arg(n, path, np.int64), arg(k, path, np.int64))


def for_else_break_continue(n, x):
    s = x * 0
    for i in range(n):
        if i == 1:
            continue
        s = s + x * i
        if s.sum() > 20:
            break
    else:
        s = s - 1
    return s


@pytest.mark.parametrize("n", [0, 1, 2, 5, 30])
@pytest.mark.parametrize("path", PATHS)
def test_for_else_break_continue(path, n):
    check(for_else_break_continue, arg(n, path, np.int64), X)


# --- try/finally around Python-only control flow ------------------------------------------

def try_finally_python_loop(x, c):
    log = []
    try:
        for k in range(3):
            log.append(k)
            x = x + k
    finally:
        log.append(-1)
    if c > 0:
        x = x * len(log)
    return x


@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path", PATHS)
def test_try_finally_around_python_loop(path, c):
    check(try_finally_python_loop, X, arg(c, path))


# --- walrus -----------------------------------------------------------------------------------

def walrus_in_if_and_while(x, c):
    if (t := x.sum() * c) > 0:
        x = x + t
    while (c := c - 1) > 0:
        x = x * 2
    return x, c


@pytest.mark.parametrize("c", [-1, 0, 1, 2, 5])
@pytest.mark.parametrize("path", PATHS)
def test_walrus_in_if_and_while_test(path, c):
    """The while test binds c: evaluated once per iteration, also when staged (where the
    runtime traces the test as the loop's condition region)."""
    check(walrus_in_if_and_while, X, arg(c, path, np.int64), loose=True)


def walrus_in_and_operand(x, c):
    if c > 0 and (m := c * 2) > 3:
        x = x * m
    if c < -5 or (k := c + 1) < 0:
        x = x - 1
    return x


@pytest.mark.parametrize("c", [1, 2, -1, -9])
def test_walrus_in_and_or_operand(c):
    """`:=` inside `and`/`or` binds the function's variable (not a lambda's)."""
    check(walrus_in_and_operand, X, c)


def walrus_in_ternary(x, c):
    y = (w := x * 2) if c > 0 else (w := x * 3)
    return y + w


@pytest.mark.parametrize("c", SIGNS)
def test_walrus_in_ternary_branch(c):
    check(walrus_in_ternary, X, c)


# --- match (Python values) ------------------------------------------------------------------

def matcher(x, mode):
    match mode:
        case "double":
            return x * 2
        case ("scale", f):
            return x * f
        case int(n) if n > 2:
            return x + n
        case {"shift": s}:
            return x - s
        case _:
            return x


def uses_match(x, c):
    out = matcher(x, "double") + matcher(x, ("scale", 3.0)) + matcher(x, 5)
    out = out + matcher(x, 1) + matcher(x, {"shift": 2})
    if c > 0:
        out = matcher(out, "double")
    return out


@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path", PATHS)
def test_match_on_python_values(path, c):
    check(uses_match, X, arg(c, path))


# --- augmented assignment to subscripts and attributes ----------------------------------------

def aug_subscript_in_branch(x, n):
    acc = np.zeros(3, np.float32)
    for i in range(n):
        if x[i % 3] > 0:  # staged: x is an array
            acc[i % 3] += x[i % 3]
        else:
            acc[0] -= 1
    acc[1:] *= 2
    return acc


@pytest.mark.parametrize("n", TRIPS)
@pytest.mark.parametrize("path", PATHS)
def test_augmented_subscript_in_staged_branch(path, n):
    check(aug_subscript_in_branch, X, arg(n, path, np.int64))


class Box:
    def __init__(self):
        self.vals = np.zeros(3, np.float32)
        self.n = np.int64(0)


class Outer:
    def __init__(self):
        self.inner = Box()


def aug_attribute_chain(x, c, n):
    o = Outer()
    if c > 0:
        o.inner.n = o.inner.n + 1
        o.inner.vals = o.inner.vals + x
    else:
        o.inner.n += 2
    for i in range(n):
        o.inner.vals[i % 3] += x[i % 3]
    return o.inner.n, o.inner.vals


@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("n", TRIPS)
@pytest.mark.parametrize("path", PATHS)
def test_augmented_attribute_chain(path, c, n):
    check(aug_attribute_chain, X, arg(c, path), arg(n, path, np.int64))


def attribute_created_in_loop(x, n):
    b = Box()
    for i in range(n):
        b.last = x * i  # a new attribute
    return b.vals + getattr(b, "last", x * 0)


@pytest.mark.parametrize("n", [0, 1, 4])
def test_attribute_first_set_in_python_loop(n):
    check(attribute_created_in_loop, X, n)


CONFIG = Box()


def module_object_attribute(x, c):
    if c > 0:
        CONFIG.n = CONFIG.n + 1
    return x * CONFIG.n


@pytest.mark.parametrize("c", SIGNS)
def test_attribute_of_module_level_object_in_python_if(c):
    """A module-level object's attribute stored in a branch: the object is not a local
    (no `nonlocal`/Undefined binding for it), only its attribute changes."""
    CONFIG.n = np.int64(3)
    expected = module_object_attribute(X, c)
    CONFIG.n = np.int64(3)
    assert_same(ag.stage(module_object_attribute)(X, c), expected)
    assert CONFIG.n == 3 + (c > 0)


# --- shadowed builtins, recursion via a helper ----------------------------------------------

def shadowed_range_and_len(x, n):
    range = lambda k: [k, k + 1]  # noqa: E731
    len = lambda v: 7  # noqa: E731
    s = x * 0
    for v in range(n):
        s = s + v * len(x)
    return s


@pytest.mark.parametrize("path", PATHS)
def test_shadowed_builtins(path):
    check(shadowed_range_and_len, X, arg(3, path, np.int64))


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def uses_recursive_helper(x, c):
    r = fact(4)
    if c > 0:
        x = x * r
    return x


@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path", PATHS)
def test_recursion_via_helper(path, c):
    check(uses_recursive_helper, X, arg(c, path))


# --- conditional expression chains, and/or operands, chained comparisons, print/assert ----

def ternary_chain(c):
    return (np.int64(1) if c > 5 else np.int64(2) if c > 0 else np.int64(3) if c > -5
            else np.int64(4))


@pytest.mark.parametrize("c", [9, 3, -3, -9])
@pytest.mark.parametrize("path", PATHS)
def test_ternary_chain(path, c):
    check(ternary_chain, arg(c, path, np.int64), loose=True)


def and_or_operands(a, b):
    return (a and b), (a or b), (not a)


@pytest.mark.parametrize("a", [0, 2])
@pytest.mark.parametrize("b", [0, 3])
def test_and_or_return_python_operands(a, b):
    check(and_or_operands, a, b)


@pytest.mark.parametrize("a", [False, True])
@pytest.mark.parametrize("b", [False, True])
def test_and_or_of_staged_bools(a, b):
    check(and_or_operands, np.array(a), np.array(b), loose=True)


def chained_comparison(x, lo, hi):
    if lo < x.sum() <= hi:
        return x
    return -x


@pytest.mark.parametrize("lo,hi", [(0, 5), (-9, 0), (0, 1)])
@pytest.mark.parametrize("path", PATHS)
def test_chained_comparison(path, lo, hi):
    check(chained_comparison, X, arg(lo, path, np.float32), arg(hi, path, np.float32))


def print_and_assert_in_branches(x, c):
    if c > 0:
        print("positive", c)
        assert c < 100, "too big"
        x = x + 1
    else:
        print("not positive", c)
    return x


@pytest.mark.parametrize("c", SIGNS)
@pytest.mark.parametrize("path", PATHS)
def test_print_and_assert_in_branches(path, c, capfd):
    check(print_and_assert_in_branches, X, arg(c, path, np.int64))
    out = capfd.readouterr().out.splitlines()
    # Eager run then staged run: each prints the taken branch's line only.
    want = f"positive {c}" if c > 0 else f"not positive {c}"
    assert out == [want, want], out


def print_constant_in_branch(x, c):
    if c > 0:
        x = x + 1
    else:
        print("not positive")
    return x


def test_print_of_constants_in_staged_branch(capfd):
    staged = ag.stage(print_constant_in_branch)
    staged(X, np.array(1))
    staged(X, np.array(-1))
    staged(X, np.array(-1))
    staged(X, np.array(1))
    assert capfd.readouterr().out.splitlines() == ["not positive"] * 2


def print_constants_in_staged_loop(x, n):
    print("start")  # staged too: printed when the call runs, in order
    for i in range(n):
        print("step", 1)
        if x[i % 3] > 0:
            print("positive")
    print("end")
    return x


@pytest.mark.parametrize("n", TRIPS)
@pytest.mark.parametrize("path", PATHS)
def test_print_of_constants_in_staged_loop(path, n, capfd):
    exp = print_constants_in_staged_loop(X, n)
    eager = capfd.readouterr().out.splitlines()
    got = ag.stage(print_constants_in_staged_loop)(X, arg(n, path, np.int64))
    assert_same(got, exp)
    out = capfd.readouterr().out.splitlines()
    # Every print is staged: all run when the compiled code runs, in numpy's order.
    assert out == eager, out
