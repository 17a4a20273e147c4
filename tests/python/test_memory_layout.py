"""Memory layout as numpy has it: arguments in any layout, the layout of new arrays
(ufuncs, astype, np.copy, *_like lay out like their operands), .strides and .flags,
whether a reshape is a view (so whether a write through it shows), read-only views that
follow later writes (broadcast_to, diagonal), the .real/.imag views of complex arrays,
as_strided and sliding_window_view.

Each case runs eagerly and staged on the same arguments (fresh copies) and compares
everything, including the arguments afterwards."""

import numpy as np
import pytest

import ag
from _asif import check_asif

A = np.arange(24.0).reshape(4, 6)


def layouts():
    """The same 4x6 values in C order, F order, and as strided views of bigger arrays
    (made fresh for each call: the calls write into them)."""
    return {
        "C": lambda: A.copy(),
        "F": lambda: np.asfortranarray(A),
        "stepped": lambda: np.repeat(np.repeat(A, 2, axis=0), 2, axis=1)[::2, ::2],
        "transposed": lambda: np.ascontiguousarray(A.T).T,
        "reversed": lambda: A[::-1, ::-1].copy()[::-1, ::-1],
    }


LAYOUT_IDS = list(layouts())


def layout_of(r):
    return (r.strides, r.flags.c_contiguous, r.flags.f_contiguous)


# Expressions whose result's layout numpy decides and ag follows (see memory.py).
EXPRESSIONS = {
    "x": lambda x: x,
    "x.T": lambda x: x.T,
    "x[::2]": lambda x: x[::2],
    "x[:, ::-1]": lambda x: x[:, ::-1],
    "x[:, None]": lambda x: x[:, None],
    "x.T * 2": lambda x: x.T * 2,
    "np.exp(x.T)": lambda x: np.exp(x.T),
    "x.T + x.T": lambda x: x.T + x.T,
    "x.T + 1.5": lambda x: x.T + 1.5,
    "x.T > 3": lambda x: x.T > 3,
    "x[:, ::-1] - x": lambda x: x[:, ::-1] - x,
    "x.T[None] + 1": lambda x: x.T[None] + 1,
    "x.T[:, :, None] * ones(2)": lambda x: x.T[:, :, None] * np.ones(2),
    "where(x.T > 3, x.T, 0)": lambda x: np.where(x.T > 3, x.T, 0.0),
    "maximum(x.T, 3)": lambda x: np.maximum(x.T, 3.0),
    "x.T.astype(float32)": lambda x: x.T.astype(np.float32),
    "np.copy(x.T)": lambda x: np.copy(x.T),
    "x.T.copy()": lambda x: x.T.copy(),
    "zeros_like(x.T)": lambda x: np.zeros_like(x.T),
    "full_like(x.T, 2)": lambda x: np.full_like(x.T, 2.0),
    "ascontiguousarray(x.T)": lambda x: np.ascontiguousarray(x.T),
    "asfortranarray(x)": lambda x: np.asfortranarray(x),
    "x.T @ x": lambda x: x.T @ x,
    "x.reshape(3, 8)": lambda x: x.reshape(3, 8),
    "x.T.reshape(24)": lambda x: x.T.reshape(24),
    "broadcast_to(x[0], (3, 6))": lambda x: np.broadcast_to(x[0], (3, 6)),
    "x.diagonal()": lambda x: x.diagonal(),
    "zeros((2, 3))": lambda x: np.zeros((2, 3)),
    "np.array(x)": lambda x: np.array(x),
    "np.array(x.T)": lambda x: np.array(x.T),
    "np.array(x, order='C')": lambda x: np.array(x, order="C"),
    "np.array(x.T, order='A')": lambda x: np.array(x.T, order="A"),
}


@pytest.mark.parametrize("layout", LAYOUT_IDS)
@pytest.mark.parametrize("name", list(EXPRESSIONS))
def test_strides_and_flags_are_numpys(name, layout):
    expr = EXPRESSIONS[name]

    def fn(x):
        return layout_of(expr(x))
    x = layouts()[layout]()
    expected = fn(x)
    assert ag.stage(fn)(layouts()[layout]()) == expected


def _write_through_reshape(expr):
    def fn(x):
        y = expr(x)
        z = y.reshape(-1)
        z[0] = -5.0
        return y * 1, x
    return fn


RESHAPED = ["x", "x.T", "x[::2]", "x[:, ::-1]", "x.T * 2", "np.exp(x.T)", "x.T + x.T",
            "x.T.astype(float32)", "np.copy(x.T)", "x.T.copy()", "zeros_like(x.T)",
            "ascontiguousarray(x.T)", "asfortranarray(x)", "x.T @ x", "x.T[None] + 1",
            "np.array(x)", "np.array(x.T)"]


@pytest.mark.parametrize("layout", LAYOUT_IDS)
@pytest.mark.parametrize("name", RESHAPED)
def test_a_write_through_a_reshape_shows_where_numpys_view_would(name, layout):
    # numpy's reshape is a view exactly when the layout allows: the write reaches y
    # (and x, when y is x or a view of it) only then. Before, a Fortran-ordered argument
    # or a ufunc result of a transposed operand was taken as C-ordered.
    check_asif(_write_through_reshape(EXPRESSIONS[name]), layouts()[layout]())


def test_an_argument_in_another_layout_is_another_signature():
    staged = ag.stage(lambda x: x.strides)
    staged._warn_after = 1  # (say why the second trace happens)
    assert staged(A.copy()) == A.strides
    f = np.asfortranarray(A)
    with pytest.warns(ag.AgRetraceWarning, match=r"element strides \(1, 4\)"):
        assert staged(f) == f.strides
    stepped = layouts()["stepped"]()
    assert staged(stepped) == stepped.strides


def test_flags_of_new_arrays_and_views():
    def fn(x):
        y = x * 2
        v = y[1:]
        b = np.broadcast_to(y[0], (2, 6))
        return (y.flags.owndata, v.flags.owndata, y.flags.writeable, v.flags.writeable,
                b.flags.writeable, b[0].flags.writeable, y.flags["C_CONTIGUOUS"],
                y.T.flags["F"], y.T.flags.fnc, y.flags.forc, y.flags.aligned)
    assert ag.stage(fn)(A.copy()) == fn(A.copy())


def test_flags_an_argument_owns_are_the_callers_business():
    with pytest.raises(ag.AgUnsupportedError, match="owns its memory"):
        ag.stage(lambda x: x.flags.owndata)(A.copy())
    with pytest.raises(ag.AgUnsupportedError, match="not staged"):
        ag.stage(lambda x: setattr(x.flags, "writeable", False))(A.copy())


# --- read-only views follow later writes -------------------------------------------------
def broadcast_then_write(x):
    b = np.broadcast_to(x[0], (3, 6))
    x[0, 0] = -7.0
    return b * 1


def diagonal_then_write(x):
    d = x.diagonal()
    x[1, 1] = -7.0
    return d * 1


def view_of_a_broadcast_then_write(x):
    b = np.broadcast_to(x[:, :1], (4, 5))
    r = b[1:, 2:]
    x[2] += 10.0
    return r + 0


@pytest.mark.parametrize("fn", [broadcast_then_write, diagonal_then_write,
                                view_of_a_broadcast_then_write])
@pytest.mark.parametrize("layout", ["C", "F"])
def test_read_only_views_follow_later_writes(fn, layout):
    # These were copies made when taken: the later write did not show (silently).
    check_asif(fn, layouts()[layout]())


@pytest.mark.parametrize("write", [
    lambda x: np.broadcast_to(x[0], (2, 6)).__setitem__(0, 1.0),
    lambda x: x.diagonal().__setitem__(0, 1.0),
    lambda x: np.broadcast_to(x[0], (2, 6))[1].__setitem__(0, 1.0),
])
def test_writing_a_read_only_view_raises_numpys_value_error(write):
    with pytest.raises(ValueError, match="read-only"):
        write(A.copy())
    with pytest.raises(ValueError, match="read-only"):
        ag.stage(write)(A.copy())


# --- the parts of a complex array ------------------------------------------------------------
def parts_follow_and_write(z):
    re, im = z.real, z.imag
    z[0] = 5 + 6j
    re[1] = -1.0
    im[2] += 10.0
    return re * 1, im * 1, z


def part_of_a_transposed(z):
    p = z.T.imag
    p[0, 1] = 3.0
    return z, p.strides


@pytest.mark.parametrize("fn", [parts_follow_and_write, part_of_a_transposed])
@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
def test_real_and_imag_are_views(fn, dtype):
    z = (np.arange(12.0) + 1j * np.arange(12.0)[::-1]).reshape(3, 4).astype(dtype)
    check_asif(fn, z)


# --- as_strided and sliding_window_view -----------------------------------------------------
from numpy.lib.stride_tricks import as_strided, sliding_window_view  # noqa: E402


def windows_by_as_strided(x):
    n = x.shape[0]
    w = as_strided(x, shape=(n - 2, 3), strides=(x.strides[0], x.strides[0]),
                   writeable=False)
    return w.sum(axis=1), w.strides


def every_other_written(x):
    v = as_strided(x, shape=(x.shape[0] // 2,), strides=(2 * x.strides[0],))
    v[:] = -1
    v[1] += 5
    return v * 1, x


def sliding_windows(x):
    if x.ndim == 2:
        return sliding_window_view(x, (2, 2)).sum(axis=(-1, -2)), \
            sliding_window_view(x, 3, axis=0), sliding_window_view(x, (2, 3), axis=(1, 0))
    return sliding_window_view(x, 3).mean(axis=-1), sliding_window_view(x, 2)


@pytest.mark.parametrize("fn, arg", [
    (windows_by_as_strided, np.arange(10.0)),
    (windows_by_as_strided, np.arange(7, dtype=np.int32)),
    (every_other_written, np.arange(10.0)),
    (every_other_written, np.arange(9, dtype=np.int64)),
    (sliding_windows, np.arange(8.0)),
    (sliding_windows, np.arange(20.0).reshape(4, 5)),
])
def test_as_strided_views(fn, arg):
    check_asif(fn, arg)


def test_writes_through_overlapping_windows_are_an_ag_error():
    def fn(x):
        w = as_strided(x, shape=(3, 3), strides=(8, 8))
        w[0, 1] = 1.0
        return w
    with pytest.raises(ag.AgUnsupportedError, match="reaches an element twice"):
        ag.stage(fn)(np.arange(6.0))


def test_sliding_window_view_is_read_only():
    def fn(x):
        sliding_window_view(x, 2)[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        fn(np.arange(4.0))
    with pytest.raises(ValueError, match="read-only"):
        ag.stage(fn)(np.arange(4.0))


def test_as_strided_past_the_array_is_an_ag_error():
    def fn(x):
        return as_strided(x, shape=(4,), strides=(16,))
    with pytest.raises(ag.AgUnsupportedError, match="past the array's own elements"):
        ag.stage(fn)(np.arange(5.0))


# --- np.nditer ---------------------------------------------------------------------------------
def nditer_fold(x):
    acc = np.zeros((), np.float64)
    for v in np.nditer(x):
        acc = acc * 3 + v
    return acc


def nditer_orders(x):
    out = []
    for order in ("C", "F", "A", "K"):
        acc = np.zeros((), np.float64)
        for v in np.nditer(x, order=order):
            acc = acc * 3 + v
        out.append(acc)
    return out


def nditer_two_broadcast(x):
    acc = np.zeros((), np.float64)
    for a, b in np.nditer([x.T, np.arange(x.shape[0], dtype=np.float64)]):
        acc = acc * 2 + a * b
    return acc


def nditer_readwrite(x):
    with np.nditer(x, op_flags=["readwrite"]) as it:
        for v in it:
            v[...] = 2 * v + 1
    return x


@pytest.mark.parametrize("fn", [nditer_fold, nditer_orders, nditer_two_broadcast,
                                nditer_readwrite])
@pytest.mark.parametrize("layout", LAYOUT_IDS)
def test_nditer_walks_numpys_order(fn, layout):
    # 'K' is memory order: a Fortran or reversed argument is walked as it lies.
    check_asif(fn, layouts()[layout]() / 7.0, calls=1)


def test_nditer_items_are_read_only_unless_flagged():
    def fn(x):
        for v in np.nditer(x):
            v[...] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        fn(A.copy())
    with pytest.raises(ValueError, match="read-only"):
        ag.stage(fn)(A.copy())


def test_nditer_protocols_ag_does_not_stage_are_ag_errors():
    def fn(x):
        it = np.nditer(x, flags=["multi_index"])
        return it
    with pytest.raises(ag.AgUnsupportedError, match=r"np.nditer with flags=\['multi_index'\]"):
        ag.stage(fn)(A.copy())


def test_nditer_of_nothing_raises_numpys_value_error():
    with pytest.raises(ValueError, match="zero-sized"):
        nditer_fold(np.zeros((0, 2)))
    with pytest.raises(ValueError, match="zero-sized"):
        ag.stage(nditer_fold)(np.zeros((0, 2)))
