"""Staged recursion (reference tests).

A user function that calls itself (directly or through other user functions) with staged
arguments is recorded once as a `func.func private @<name>_recursive ... {ag.recursive}`
called with `func.call`, and compiled to native recursion guarded by a stack check
(`AgRecursionError` instead of a crash). Calls whose Python arguments change between
levels (`f(x, depth - 1)`) recurse in Python while tracing and unroll.

Every sample function runs as plain Python/numpy and staged on the same inputs, for both
dispatch paths ("python": Python numbers, everything runs while tracing; "staged": numpy
scalars / 0-d arrays, the recursion is compiled). Results must match numpy exactly in
type, dtype and shape; `loose` where a Python number computed under staged control flow
comes back as a numpy scalar of the same dtype.
"""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

import ag

from _autograph_helpers import PATHS, arg, check, scalar, staged
from _reference import run_in_threads

X = np.array([1.5, -2.0, 3.25, 4.0], np.float32)


def ir_of(fn, *args):
    return staged(fn).ir(*args)


# --- sample functions ----------------------------------------------------------------------

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def fib32(n):
    # `n - 1` on an int32 numpy scalar is int64 in numpy 1.24 (both operands are scalars),
    # so an int32 recursion must subtract int32 values to stay int32.
    return n if n < 2 else fib32(n - np.int32(1)) + fib32(n - np.int32(2))


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def fact_float(n):
    return 1.0 if n <= 1 else n * fact_float(n - 1)


def rsum(x, i):
    # x[i] + (Python float) is float64 for every input dtype in numpy, as is the base case.
    return 0.0 if i >= x.shape[0] else x[i] + rsum(x, i + 1)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def count_down(n, acc):
    return (n, acc) if n <= 0 else count_down(n - 1, acc + n)


def fib_pair(n):
    if n == 0:
        return n * 0, n * 0 + 1
    a, b = fib_pair(n - 1)
    return b, a + b


def scaled_fib(n, k):
    # k is a Python constant that stays the same at every level: staged recursion.
    return n * k if n < 2 else scaled_fib(n - 1, k) + scaled_fib(n - 2, k)


def halve(x, n):
    return x if n == 0 else halve(x * 0.5, n - 1)


def poly(x, depth):
    # Bounded by the Python int `depth`: unrolls while tracing.
    return x if depth == 0 else x * poly(x, depth - 1) + 1.0


def loop_fib(k):
    s = np.int64(0)
    for i in range(k):
        s = s + fib(i)
    return s


def while_fib(k):
    s = 0
    i = k * 0
    while i < k:
        s += fib(i)
        i += 1
    return s


def deep(n):
    # Not a tail call (the result is used): every level needs a native stack frame.
    return deep(n + 1) * 2 if n > 0 else n


def count(n):
    return n if n == 0 else count(n - 1) + 1


# --- results match plain Python / numpy -------------------------------------------------------

FIB_N = [0, 1, 2, 10, 20]


@pytest.mark.parametrize("n", FIB_N)
@pytest.mark.parametrize("make", [arg, scalar], ids=["0d-array", "numpy-scalar"])
def test_fib_int64(make, n):
    check(fib, make(n, "staged", np.int64), loose=True)
    if n >= 2:
        assert "func.call @fib_recursive" in ir_of(fib, make(n, "staged", np.int64))


@pytest.mark.parametrize("n", FIB_N)
@pytest.mark.parametrize("make", [arg, scalar], ids=["0d-array", "numpy-scalar"])
def test_fib_int32(make, n):
    got = check(fib32, make(n, "staged", np.int32), loose=True)
    assert got.dtype == np.int32
    assert "(%arg0: tensor<i32>, %arg1: tensor<i64>) -> tensor<i32> attributes {ag.recursive}" in \
        ir_of(fib32, make(n, "staged", np.int32))


@pytest.mark.parametrize("n", FIB_N)
def test_fib_python_path_is_plain_python(n):
    """Python ints: the recursion runs while tracing; the result is the Python int."""
    got = check(fib, n)
    assert type(got) is int
    assert "func.call" not in ir_of(fib, n)


@pytest.mark.parametrize("fn", [fact, fact_float])
@pytest.mark.parametrize("n", [0, 1, 5, 20])
@pytest.mark.parametrize("path", PATHS)
def test_factorial(path, fn, n):
    check(fn, scalar(n, path, np.int64), loose=True)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64])
@pytest.mark.parametrize("i", [0, 2, 5])
@pytest.mark.parametrize("path", PATHS)
def test_recursive_sum_over_array(path, i, dtype):
    x = np.arange(1, 6).astype(dtype)
    got = check(rsum, x, scalar(i, path, np.int64), loose=True)
    assert np.asarray(got).dtype == np.float64  # as numpy
    assert ("func.call @rsum_recursive" in ir_of(rsum, x, scalar(i, path, np.int64))) == \
        (path == "staged")


@pytest.mark.parametrize("n", [0, 1, 7, 10])
@pytest.mark.parametrize("path", PATHS)
def test_mutual_recursion(path, n):
    check(is_even, scalar(n, path, np.int64), loose=True)
    check(is_odd, scalar(n, path, np.int64), loose=True)
    if path == "staged":
        ir = ir_of(is_even, scalar(n, path, np.int64))
        assert "func.func private @is_even_recursive" in ir
        assert "func.func private @is_odd_recursive" in ir
        assert ir.count("attributes {ag.recursive}") == 2


@pytest.mark.parametrize("n", [0, 1, 5])
@pytest.mark.parametrize("path", PATHS)
def test_recursion_returning_tuples(path, n):
    check(count_down, scalar(n, path, np.int64), scalar(0.5, path, np.float64), loose=True)
    check(fib_pair, scalar(n + 5, path, np.int64), loose=True)


@pytest.mark.parametrize("k", [1, 3])
def test_python_argument_unchanged_between_levels(k):
    """A Python argument passed on unchanged is part of the specialisation: staged."""
    check(scaled_fib, np.int64(12), k, loose=True)
    assert "func.call @scaled_fib_recursive" in ir_of(scaled_fib, np.int64(12), k)


@pytest.mark.parametrize("n", [0, 3])
def test_array_argument_python_bound_unrolls(n):
    check(halve, X, n)
    ir = ir_of(halve, X, n)
    assert "func.call" not in ir and "ag.recursive" not in ir, ir


@pytest.mark.parametrize("n", [0, 3])
def test_array_result_staged_bound(n):
    check(halve, X, np.int64(n))


def rsum_slices(x):
    return 0.0 if x.shape[0] == 0 else x[0] + rsum_slices(x[1:])


def test_recursion_on_shrinking_slices():
    check(rsum_slices, np.arange(3, dtype=np.float64), loose=True)


def test_too_many_specialisations_is_an_error():
    with pytest.raises(ag.AgUnsupportedError, match="more than 16 different argument"):
        staged(rsum_slices)(np.arange(20, dtype=np.float64))


@pytest.mark.parametrize("depth", [0, 1, 4])
def test_python_bounded_recursion_unrolls(depth):
    check(poly, X, depth)
    ir = ir_of(poly, X, depth)
    assert "func.call" not in ir and "ag.recursive" not in ir, ir
    assert ir.count("ag.mul") == depth


@pytest.mark.parametrize("fn", [loop_fib, while_fib])
@pytest.mark.parametrize("k", [0, 1, 12])
def test_recursive_call_in_staged_loop(fn, k):
    check(fn, np.int64(k), loose=True)
    ir = ir_of(fn, np.int64(k))
    assert "scf.for" in ir or "scf.while" in ir
    assert "func.call @fib_recursive" in ir


@pytest.mark.parametrize("n", [10, 1000, 10**4])
def test_deep_but_finite_recursion(n):
    got = staged(count)(np.int64(n))
    assert got == n and got.dtype == np.int64


def decorated_source():
    @ag.stage
    def sfib(n):
        return n if n < 2 else sfib(n - 1) + sfib(n - 2)
    return sfib


def test_decorated_function_recursing():
    sfib = decorated_source()
    got = sfib(np.int64(15))
    assert got == 610 and got.dtype == np.int64
    assert sfib(10) == 55
    assert "func.call @sfib_recursive" in sfib.ir(np.int64(15))


# --- IR -----------------------------------------------------------------------------------

def test_ir_staged_recursion():
    ir = ir_of(fib, np.int64(10))
    assert "func.func private @fib_recursive(%arg0: tensor<i64>, %arg1: tensor<i64>) -> tensor<i64> " \
           "attributes {ag.recursive}" in ir, ir
    assert ir.count("func.call @fib_recursive") == 4, ir  # 2 in @fib, 2 in itself
    assert "ag.stack_guard" in ir


# --- stack overflow -----------------------------------------------------------------------

def test_deep_recursion_raises_and_process_survives():
    for _ in range(2):
        with pytest.raises(ag.errors.AgRecursionError,
                           match="maximum recursion depth exceeded.*'deep'") as info:
            staged(deep)(np.int64(1))
        assert isinstance(info.value, RecursionError)
        assert isinstance(info.value, ag.AgError)
    # The same compiled code still works on a base case, and other functions still run.
    assert staged(deep)(np.int64(0)) == 0
    assert staged(fib)(np.int64(20)) == 6765
    check(halve, X, 2)


_TAIL = textwrap.dedent("""
    import sys
    sys.path[:0] = {path!r}
    import numpy as np, ag
    def inf(n):
        return inf(n + 1) if n > 0 else n
    try:
        ag.stage(inf)(np.int64(1))
    except ag.errors.AgRecursionError:
        print("AgRecursionError")
""")


def test_infinite_tail_recursion_raises(tmp_path):
    script = tmp_path / "tail.py"  # a file: ag.stage converts the function's source
    script.write_text(_TAIL.format(path=sys.path))
    try:
        out = subprocess.run([sys.executable, str(script)],
                             capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("ag.stage(inf)(np.int64(1)) still running after 10 s")
    assert out.stdout.strip() == "AgRecursionError", out.stderr


# --- errors -------------------------------------------------------------------------------

def no_base(n):
    return no_base(n - 1) + 1


def no_base_branches(n):
    if n > 0:
        return no_base_branches(n - 1)
    return no_base_branches(n + 1)


@pytest.mark.parametrize("fn", [no_base, no_base_branches])
def test_no_base_case(fn):
    with pytest.raises(ag.AgUnsupportedError,
                       match=f"every path of recursive function '{fn.__name__}'"):
        staged(fn)(np.int64(3))


def reads_enclosing(x, n):
    def inner(k):
        return x if k == 0 else inner(k - 1) * 2
    return inner(n)


def test_recursive_closure_over_staged_value():
    with pytest.raises(ag.AgUnsupportedError, match="'x' of an enclosing.*pass it as an argument"):
        staged(reads_enclosing)(np.float64(1.5), np.int64(3))
    # A Python value read through the closure is a constant: fine.
    check(reads_enclosing, 1.5, np.int64(3), loose=True)


def int_then_float(n):
    return n if n < 2 else int_then_float(n - 1) * 0.5


@pytest.mark.parametrize("fn,arg_", [(int_then_float, np.int64(5)), (fib, np.int32(10))],
                         ids=["int64-vs-float64", "fib-int32-n-minus-1-is-int64"])
def test_result_dtype_differs_between_paths(fn, arg_):
    with pytest.raises(ag.AgError, match="branches of a staged condition disagree.*"
                       "changes type from tensor<i(64|32)> to tensor<(f|i)64>"):
        staged(fn)(arg_)


# --- threads ------------------------------------------------------------------------------

def test_compiled_recursion_from_threads():
    f = staged(fib)
    ns = [np.int64(n) for n in (5, 12, 18, 20)]
    f(ns[0])  # compile once
    expected = {int(n): fib(int(n)) for n in ns}
    results = []

    def work(n):
        for _ in range(20):
            results.append((int(n), f(n)))
    run_in_threads(work, ns)
    assert len(results) == 80
    for n, got in results:
        assert got == expected[n] and got.dtype == np.int64


def test_tracing_recursion_from_threads():
    """Recursion state is per thread: 8 threads trace fresh staged functions at once."""
    results = []

    def work(i):
        results.append(ag.stage(fib)(np.int64(10 + i)) == fib(10 + i))
        results.append(ag.stage(is_even)(np.int64(i)) == (i % 2 == 0))
    run_in_threads(work, range(8))
    assert len(results) == 16 and all(results)


# --- dynamic dims (ag.stage(f, dynamic=...)) ------------------------------------------------

def scale_rows(x, n):
    return x if n <= 0 else scale_rows(x * 2.0, n - 1)


def total(x, n):
    return x.sum() if n <= 0 else total(x * 2.0, n - 1)


def row_sums(x, n):
    return x.sum(axis=1) if n <= 0 else row_sums(x * 0.5, n - 1) + 1.0


def outer(a, b, n):
    return a * b if n <= 0 else outer(a, b, n - 1)


@pytest.mark.parametrize("fn", [scale_rows, total, row_sums], ids=lambda f: f.__name__)
def test_recursion_with_dynamic_batch(fn):
    """x is (batch, 4) with batch dynamic, n a staged 0-d int: one trace for every size
    (and one for size 1), results as numpy's. ag-prepare-recursion copies dynamic call
    operands and gives the declaration's stand-in body 0-sized dynamic results."""
    from _dynamic_helpers import _data, check_sizes
    check_sizes(fn, lambda b: (_data((b, 4)), np.int64(3)))


def test_recursive_dynamic_result_without_an_argument_of_its_dims():
    """(?, 1) * (?,) is (?, ?): no argument has those dims to stand for the result where
    the depth guard stops the recursion; an ag error at the recursive call."""
    with pytest.raises(ag.AgUnsupportedError) as info:
        ag.stage(outer, dynamic="batch")(np.ones((3, 1), np.float32),
                                         np.ones(3, np.float32), np.int64(2))
    msg = str(info.value)
    line = outer.__code__.co_firstlineno + 1
    assert msg.startswith(f"{__file__}:{line}:") and "float32[?, ?]" in msg, msg
