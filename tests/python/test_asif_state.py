"""As-if for numpy's object model under staging: names bound to objects, in-place writes
seen by every alias and view, argument arrays written for the caller, in-place operators
with numpy's casting and broadcasting rules (issue 11).

Each program runs eagerly and staged twice (the first call traces, the second hits the
cache) on fresh copies of its inputs; results *and the argument arrays after the call*
must be numpy's."""

import numpy as np
import pytest

import ag

from _asif import check_asif, rand
from _reference import assert_same


# --- aliases in staged loops --------------------------------------------------------------

def alias_for(x):
    y = x
    for i in range(10):
        y = y + x
    return y


def alias_while(x):
    y = x
    n = x.sum() * 0 + 10
    while n > 0:
        y = y + x
        n = n - 1
    return y


def alias_staged_range(x, n):
    y = x
    for i in range(n):
        y = y + x
    return y


@pytest.mark.parametrize("fn", [alias_for, alias_while])
def test_alias_in_loop_is_not_the_loop_state(fn):
    check_asif(fn, np.arange(4, dtype=np.float32))


def test_alias_in_staged_range_loop():
    check_asif(alias_staged_range, np.arange(4, dtype=np.float32), np.int64(10))


def zero_trip_while(a, b):
    t = b
    while b.max() > 0.5:
        b = b * 0.5
    b -= 1  # the argument itself when the loop ran zero times
    return t


def zero_trip_staged_range(a, n):
    y = a
    for i in range(n):
        y = y * 2.0
    y += 1.0
    return y


def zero_trip_break(a):
    y = a
    for i in range(12):
        if a[0] > 100.0:
            break
        y = y + 1.0
        if y.sum() > 0.0:
            break
    y[0] = -7.0
    a[1] = 3.0  # the loop's `y` sees this only when it is `a`
    return y


@pytest.mark.parametrize("scale", [0.1, 10.0])  # zero iterations, then some
def test_a_loop_that_runs_zero_times_leaves_its_names_bound(scale):
    check_asif(zero_trip_while, rand(3), rand(2, 1) * scale)
    check_asif(zero_trip_staged_range, rand(3), np.int64(0 if scale < 1 else 3))
    check_asif(zero_trip_break, rand(3) * scale * (-1 if scale < 1 else 1) + 
               (1000.0 if scale < 1 else 0.0))


def iterate_rebound(x):
    total = x[0] * 0
    for row in x:
        total = total + row
        x = x * 2
    return total, x


def test_iterating_a_rebound_array_iterates_the_original():
    check_asif(iterate_rebound, rand(12, 3))


def iterate_written(x):
    total = x[0] * 0
    for row in x:
        total = total + row
        x[-1] = x[-1] + 1.0
    return total


def test_iterating_an_array_written_in_the_body_sees_the_writes():
    check_asif(iterate_written, rand(12, 3))


# --- branch state ---------------------------------------------------------------------------

def branch_python_value(x):
    v = 0.5
    if x.sum() > 0:
        v = 2.0
        out = x * 1.0
    else:
        out = x * v
    return out


def branch_staged_value(x):
    v = x * 0 + 0.5
    if x.sum() > 0:
        v = x * 2.0
        out = x * 1.0
    else:
        out = x * v
    return out


@pytest.mark.parametrize("fn", [branch_python_value, branch_staged_value])
@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_branch_does_not_see_the_other_branch(fn, sign):
    check_asif(fn, sign * np.arange(1, 5, dtype=np.float32))


def branch_write_argument(x):
    if x.sum() > 0:
        x[0] = 100.0
    else:
        x[1:] = -1.0
    return x.sum()


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_branch_writes_argument(sign):
    check_asif(branch_write_argument, sign * np.arange(1, 5, dtype=np.float64))


# --- writes to arguments ---------------------------------------------------------------

def gemm(alpha, beta, C, A, B):
    C[:] = alpha * A @ B + beta * C


def iadd(x, y):
    x += y


def item(x):
    x[0] = 5.0


def ellipsis_out(out, v):
    out[...] = v * 2


def stencil(A, B, steps):
    for t in range(steps):
        B[1:-1] = 0.33333 * (A[:-2] + A[1:-1] + A[2:])
        A[1:-1] = 0.33333 * (B[:-2] + B[1:-1] + B[2:])


def test_gemm_writes_c():
    check_asif(gemm, 1.5, 0.5, rand(4, 4, seed=1), rand(4, 3, seed=2), rand(3, 4, seed=3))


def test_iadd_writes_argument():
    check_asif(iadd, rand(5), rand(5, seed=1))


def test_item_write():
    check_asif(item, rand(5))


def test_ellipsis_write():
    check_asif(ellipsis_out, rand(3, 2), rand(3, 2, seed=1))


@pytest.mark.parametrize("steps", [3, 12])
def test_stencil_time_loop(steps):
    check_asif(stencil, rand(20), rand(20, seed=1), steps)


def gram_schmidt(A):
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for k in range(n):
        nrm = np.sqrt(np.sum(A[:, k] * A[:, k]))
        R[k, k] = nrm
        Q[:, k] = A[:, k] / nrm
        for j in range(k + 1, n):
            R[k, j] = np.dot(Q[:, k], A[:, j])
            A[:, j] = A[:, j] - Q[:, k] * R[k, j]
    return Q, R


@pytest.mark.parametrize("n", [4, 10])
def test_gram_schmidt_writes_a(n):
    check_asif(gram_schmidt, rand(12, n))


def cholesky(A):
    n = A.shape[0]
    for i in range(n):
        for j in range(i):
            A[i, j] = (A[i, j] - np.dot(A[i, :j], A[j, :j])) / A[j, j]
        A[i, i] = np.sqrt(A[i, i] - np.dot(A[i, :i], A[i, :i]))
    return A


def test_cholesky_in_place():
    a = rand(10, 10)
    check_asif(cholesky, a @ a.T + 10 * np.eye(10))


def trisolv(L, x, b):
    n = x.shape[0]
    for i in range(n):
        x[i] = (b[i] - np.dot(L[i, :i], x[:i])) / L[i, i]


def test_triangular_solve_writes_x():
    L = np.tril(rand(12, 12)) + 5 * np.eye(12)
    check_asif(trisolv, L, np.zeros(12), rand(12, seed=1))


# --- views and second names ----------------------------------------------------------------

def view_write(x):
    v = x[2:]
    v[0] = 1
    return x


def second_name(x):
    y = x
    y[1] = 7.0
    return x.sum()


def view_of_view(x):
    v = x[1:]
    w = v[::2]
    w[:] = 0
    return x


def transposed_view(x):
    t = x.T
    t[0] = -1
    return x


def reshape_view(x):
    r = x.reshape(2, 6)
    r[1, 2] = 99
    x[0] = -5
    return r


def read_view_after_write(x):
    v = x[1:3]
    x[1] = 42.0
    return v * 1


def row_view_in_loop(A):
    for i in range(A.shape[0]):
        row = A[i]
        row[:] = row * i
    return A


@pytest.mark.parametrize("fn", [view_write, view_of_view, read_view_after_write])
def test_view_1d(fn):
    check_asif(fn, rand(7))


def test_second_name():
    check_asif(second_name, rand(4))


@pytest.mark.parametrize("fn", [transposed_view, row_view_in_loop])
def test_view_2d(fn):
    check_asif(fn, rand(12, 3))


def test_reshape_of_contiguous_is_a_view():
    check_asif(reshape_view, rand(12))


def reshape_of_transpose(x):
    r = x.T.reshape(-1)  # numpy copies: the strides do not allow a view
    r[0] = 100.0
    return x, r


def test_reshape_of_transposed_is_a_copy():
    check_asif(reshape_of_transpose, rand(3, 4))


def ravel_of_slice(x):
    r = x[:, :2].ravel()  # a copy in numpy
    r[0] = 5.0
    f = x.flatten()  # always a copy
    f[1] = 6.0
    return x, r, f


def test_ravel_and_flatten_copies():
    check_asif(ravel_of_slice, rand(3, 4))


def assign_array_to_its_own_transpose(a):
    v = a.T
    v[0:2] = a  # numpy reads `a` before writing through v
    return v, a


def test_assigning_an_array_into_a_view_of_itself():
    check_asif(assign_array_to_its_own_transpose, np.arange(4).reshape(2, 2).astype(np.int32))


# --- in-place operators --------------------------------------------------------------------

def iadd_local(y, z):
    y = y * 1
    y += z
    return y


def test_inplace_keeps_float32():
    r = check_asif(iadd_local, rand(3, dtype=np.float32), rand(3))
    assert r(rand(3, dtype=np.float32), rand(3)).dtype == np.float32


def iadd_float_to_int(y):
    y += 1.5
    return y


def test_inplace_float_into_int_raises_ufunc_type_error():
    with pytest.raises(np.core._exceptions.UFuncTypeError):
        iadd_float_to_int(np.arange(3))
    with pytest.raises(np.core._exceptions.UFuncTypeError) as info:
        ag.stage(iadd_float_to_int)(np.arange(3))
    assert isinstance(info.value, ag.AgError)
    assert "same_kind" in str(info.value) and "test_asif_state.py" in str(info.value)


def iadd_broadcasting_target(y, z):
    y += z
    return y


def test_inplace_that_would_broadcast_the_target_raises():
    with pytest.raises(ValueError):
        iadd_broadcasting_target(np.ones(3), np.ones((2, 3)))
    with pytest.raises(ValueError) as info:
        ag.stage(iadd_broadcasting_target)(np.ones(3), np.ones((2, 3)))
    assert isinstance(info.value, ag.AgError)
    assert "non-broadcastable output" in str(info.value)


def inplace_ops(x, y):
    x -= y
    x *= 2
    x /= 3
    x **= 2
    return x


def test_inplace_operator_family():
    check_asif(inplace_ops, rand(4), rand(4, seed=1))


def ufunc_out(x, y, out):
    np.add(x, y, out=out)
    np.multiply(out, 2, out=out)
    return out


def test_ufunc_out():
    check_asif(ufunc_out, rand(4), rand(4, seed=1), np.zeros(4))


def scalar_argument_rebinds(s, x):
    s += 1
    return s, x * s


def test_numpy_scalar_argument_is_immutable():
    check_asif(scalar_argument_rebinds, np.float64(2.0), rand(3))


def write_read_only(x):
    x[0] = 1.0


def test_writing_a_read_only_argument_raises_value_error():
    a = np.zeros(3)
    a.flags.writeable = False
    with pytest.raises(ValueError):
        write_read_only(a)
    with pytest.raises(ValueError) as info:
        ag.stage(write_read_only)(a)
    assert isinstance(info.value, ag.AgError) and "read-only" in str(info.value)


def write_broadcast(x):
    b = np.broadcast_to(x, (2, 3))
    b[0, 0] = 1.0


def test_writing_a_broadcast_view_raises_value_error():
    with pytest.raises(ValueError):
        write_broadcast(np.zeros(3))
    with pytest.raises(ValueError):
        ag.stage(write_broadcast)(np.zeros(3))


# --- the same buffer twice -----------------------------------------------------------------

def add_into(a, b):
    a += b
    return a + b


def test_same_array_twice():
    x = rand(4)
    eager, staged = x.copy(), x.copy()
    expected = add_into(eager, eager)
    f = ag.stage(add_into)
    got = f(staged, staged)
    assert_same(got, expected)
    assert_same(staged, eager)
    # A different pair afterwards must not reuse the aliased specialisation.
    a, b = rand(4), rand(4, seed=1)
    assert_same(f(a.copy(), b), add_into(a.copy(), b))


def test_overlapping_views_written_is_a_clear_error():
    x = rand(6)
    with pytest.raises(ag.AgError, match="share memory"):
        ag.stage(add_into)(x[1:4], x[2:5])


# --- what ag refuses, clearly --------------------------------------------------------------

def write_then_rebind(x, n):
    h = x * 1
    for i in range(n):
        h[0] = i
        h = h * 2
    return h


def test_write_then_rebind_in_a_python_range_loop_unrolls():
    check_asif(write_then_rebind, rand(3), 10)


@pytest.mark.parametrize("n", [0, 1, 10])
def test_write_then_rebind_in_a_staged_loop(n):
    # The first iteration writes the array from before the loop, later ones the array
    # the body made: the name carries which one it is.
    check_asif(write_then_rebind, rand(3), np.int64(n))


def write_alias_then_rebind(x, n):
    h = x
    for i in range(n):
        h[0] = i + 1.0
        h = h * 2
    return h, x


@pytest.mark.parametrize("n", [0, 1, 3])
def test_write_through_an_argument_alias_then_rebind(n):
    check_asif(write_alias_then_rebind, rand(3), np.int64(n))


def leak_through_list(x):
    kept = []
    if x.sum() > 0:
        kept.append(x * 2)
    return x


def test_value_escaping_a_branch_is_a_clear_error():
    got = None
    try:
        got = ag.stage(leak_through_list)(rand(3))
    except ag.AgError as e:
        assert "dominate" not in str(e) and "operand" not in str(e)
    if got is not None:
        assert_same(got, leak_through_list(rand(3)))


# --- the IR shows the write ------------------------------------------------------------------

def test_ir_returns_the_written_argument():
    text = ag.stage(item).ir(np.zeros(3))
    # The written contents leave the function as a result the call copies back.
    assert "return" in text and "tensor<3xf64>" in text.split("return")[-1]


def test_ir_shows_the_copy_that_runs():
    # The compiled code never writes the caller's buffer (the call copies the written
    # contents back when it succeeds); the IR .ir() shows is the IR that runs.
    compiled = ag.stage(item)
    text = compiled.ir(np.zeros(3), emit="bufferized")
    assert "memref.copy %arg0" in text
    assert "memref.subview %arg0" not in text
    x = np.zeros(3)
    compiled(x)
    assert x[0] == 5.0


def count_down(x, n):
    if n <= 0:
        return x.sum()
    x[0] = x[0] + 1.0
    return count_down(x, n - 1)


def test_recursive_function_writing_its_argument_is_a_clear_error():
    with pytest.raises(ag.AgError, match="writes into its array argument"):
        ag.stage(count_down)(np.zeros(3), np.int64(4))


# --- globals read by the functions the staged one calls --------------------------------------

CALLEE_SCALE = 3


def scaled_by_callee(x):
    return x * CALLEE_SCALE


def calls_scaled(x):
    return scaled_by_callee(x)


def test_a_global_a_callee_reads_is_guarded(tmp_path, monkeypatch):
    staged = ag.stage(calls_scaled)
    x = rand(3)
    assert_same(staged(x), calls_scaled(x))
    monkeypatch.setattr(__import__(__name__), "CALLEE_SCALE", 5)
    assert_same(staged(x), calls_scaled(x))  # retraced (was x * 3: stale)
    assert_same(staged(x), calls_scaled(x))  # the C path checks the guard too
    # A callee in another module.
    (tmp_path / "agcallee.py").write_text(
        "SCALE = 2\n\ndef helper(x):\n    return x * SCALE\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import agcallee

    def outer(x):
        return agcallee.helper(x) + 1.0
    staged = ag.stage(outer)
    assert_same(staged(x), outer(x))
    agcallee.SCALE = 7
    assert_same(staged(x), outer(x))
    assert_same(staged(x), outer(x))


# --- arrays read from globals and closures (implicit parameters) ----------------------------

WEIGHTS = np.ones(5000)
TABLE = np.arange(6.0)


def uses_global(x):
    return (x + WEIGHTS).sum(), x @ WEIGHTS[:, None].T[0]


def writes_global(x):
    TABLE[1:3] = x.sum()
    return TABLE * 2


def helper_reads_global(x):
    return _scale(x)


def _scale(x):
    return x * TABLE[0] + TABLE.T[-1]


def test_global_array_mutated_in_place_between_calls_is_read_at_run_time():
    global WEIGHTS
    saved = WEIGHTS.copy()
    try:
        f = ag.stage(uses_global)
        x = np.zeros(5000)
        assert_same(f(x), uses_global(x))
        WEIGHTS[:] = 2.0  # in place: no retrace, the compiled code reads it
        assert_same(f(x), uses_global(x))
        WEIGHTS -= 0.5
        assert_same(f(x), uses_global(x))
        assert f.trace_count == 1
        WEIGHTS = np.ones(10)  # another shape: retraces
        assert_same(f(np.zeros(10)), uses_global(np.zeros(10)))
    finally:
        WEIGHTS = saved


def test_global_array_written_by_the_function():
    saved = TABLE.copy()
    try:
        f = ag.stage(writes_global)
        for call in range(2):
            TABLE[:] = saved
            expected = writes_global(np.ones(2))
            after_eager = TABLE.copy()
            TABLE[:] = saved
            assert_same(f(np.ones(2)), expected)
            assert_same(TABLE, after_eager, f"call {call}: TABLE after the call")
    finally:
        TABLE[:] = saved


def test_helper_reads_global_at_run_time():
    saved = TABLE.copy()
    try:
        f = ag.stage(helper_reads_global)
        x = rand(3)
        assert_same(f(x), helper_reads_global(x))
        TABLE[0] = 10.0
        assert_same(f(x), helper_reads_global(x))
    finally:
        TABLE[:] = saved


def test_closure_array_mutated_between_calls():
    w = np.full(3, 2.0)

    def scaled(x):
        return x * w

    f = ag.stage(scaled)
    x = rand(3)
    assert_same(f(x), scaled(x))
    w[:] = -1.0
    assert_same(f(x), scaled(x))


# --- in-place methods ----------------------------------------------------------------------

def fill_and_copyto(x, y):
    x.fill(3)
    np.copyto(y, x[:2] * 2)
    return x.sum() + y.sum()


def test_fill_and_copyto_write_in_place():
    check_asif(fill_and_copyto, rand(4), rand(2, seed=1))


def copyto_refused_cast(x):
    np.copyto(x, 1.5)


def test_copyto_casting_error_is_numpys():
    with pytest.raises(TypeError):
        copyto_refused_cast(np.zeros(3, np.int64))
    with pytest.raises(TypeError) as info:
        ag.stage(copyto_refused_cast)(np.zeros(3, np.int64))
    assert isinstance(info.value, ag.AgError)


def unsupported_method(x):
    x.byteswap()
    return x


def test_unsupported_ndarray_method_names_itself_and_the_line():
    with pytest.raises(ag.AgError, match=r"ndarray\.byteswap .*test_asif_state.py|test_asif_state.py.*ndarray\.byteswap"):
        ag.stage(unsupported_method)(rand(3))


# --- lists built in staged loops hold copies ------------------------------------------------

def write_through_list_element(a0):
    lst, acc = [], a0 * 0
    for i in range(10):  # staged: it carries acc
        acc = acc + 1.0
        lst.append(a0)
    t = lst[1]
    t += t  # numpy: a0 itself (every element is a0)
    return a0, acc


def list_holds_array_the_loop_writes(a0, xs):
    lst = []
    for row in xs:  # a staged loop (a Python range would unroll instead of refusing)
        lst.append(a0)
        a0 += row  # numpy: every element is a0, which ends at a0 + xs.sum(0)
    return np.stack(lst)


def read_rows_appended(x):
    lst, acc = [], x[0] * 0
    for i in range(10):
        acc = acc + x[i]
        lst.append(x[i])
    return np.stack(lst) * 2, lst[3] + 1, acc


def test_list_elements_that_alias_other_arrays():
    # ag's list holds copies: where numpy's elements would be the arrays themselves and
    # a write shows through either name, ag raises instead of answering differently.
    with pytest.raises(ag.AgError, match="list built in a staged loop"):
        ag.stage(write_through_list_element)(rand(2))
    with pytest.raises(ag.AgError, match="that this staged loop also writes"):
        ag.stage(list_holds_array_the_loop_writes)(rand(2), rand(10, 2))
    check_asif(read_rows_appended, rand(12, 3))  # nothing written: copies are fine


# --- writes whose value folds to a constant (fuzz seed 46) ---------------------------------

def write_folding_to_a_constant(a1):
    t3 = np.sum(a1, axis=0)
    y = t3
    y[0:] = np.logical_xor(y, t3)  # xor of a value with itself: all False
    u = a1[0] * 3
    u[:] = u - u
    return t3, u


def test_a_write_whose_value_folds_to_a_constant():
    check_asif(write_folding_to_a_constant, np.ones((2, 3), np.float32))


def writes_negative_zero(x):
    v = x.T
    v[0:2:2, 1] = -0.0  # x[1, 0] through the transpose
    y = x[:, 0] * 1.0
    y[:] = np.array([-0.0, -0.0, -0.0])
    return np.reciprocal(x), np.reciprocal(y), np.copysign(1.0, y)


def test_negative_zero_constants_keep_their_sign():
    # MLIR 19 translated a splat constant of -0.0 as zeroinitializer (fuzz seed 48).
    check_asif(writes_negative_zero, np.ones((3, 2)))
