"""The functions of an array's bits (frontend/ag/staged/bits.py over ag.bitcast) give
numpy's results bit for bit -- NaN signs, ±0.0, subnormals, overflow -- in every float
dtype, and ndarray.view as another dtype (and np.frombuffer) is a view: writes through
it reach the array, and the array's writes show in it, also across item sizes.
(test_opinfo.py covers dtypes, shapes, Python scalars and numpy's errors; a tolerance
cannot tell one ulp apart, this file can.)"""

import warnings

import numpy as np
import pytest

import ag
from _asif import check_asif

FLOATS = [np.float16, np.float32, np.float64]
_UINT = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}


def _edges(dt):
    fi = np.finfo(dt)
    return np.array([0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, -np.nan, fi.max,
                     -fi.max, fi.tiny, -fi.tiny, fi.smallest_subnormal,
                     -fi.smallest_subnormal, 1.5, -2.5, 3e-5, 2.0, -0.25, 1000.0], dt)


def _same_bits(got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert (got.dtype, got.shape) == (want.dtype, want.shape)
    bits = _UINT[want.dtype.itemsize]
    diff = np.nonzero(np.atleast_1d(got).view(bits) != np.atleast_1d(want).view(bits))[0]
    assert diff.size == 0, f"{diff.size} differ, first at {diff[0]}: ag " \
        f"{np.atleast_1d(got)[diff[0]]!r} numpy {np.atleast_1d(want)[diff[0]]!r}"


def _check(fn, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = fn(*args)
    staged = ag.stage(fn)
    for _ in range(2):  # the first call and the cached one
        _same_bits(staged(*args), want)


def _pairs(dt):
    e = _edges(dt)
    return np.repeat(e, len(e)), np.tile(e, len(e))


@pytest.mark.parametrize("dt", FLOATS)
@pytest.mark.parametrize("name", ["copysign", "nextafter"])
def test_binary_functions_of_the_bits_on_every_pair_of_edge_values(dt, name):
    fn = {"copysign": lambda x, y: np.copysign(x, y),
          "nextafter": lambda x, y: np.nextafter(x, y)}[name]
    _check(fn, *_pairs(dt))


@pytest.mark.parametrize("dt", FLOATS)
def test_spacing_on_edge_values(dt):
    # float16's spacing is always positive and, at a negative power of two, the gap
    # towards zero (npy_half_spacing); float32/64's has x's sign.
    _check(lambda x: np.spacing(x), _edges(dt))


@pytest.mark.parametrize("dt", FLOATS)
def test_signbit_reads_the_sign_of_nans_and_zeros(dt):
    _check(lambda x: np.signbit(x).view(np.uint8), _edges(dt))


@pytest.mark.parametrize("dt", FLOATS)
@pytest.mark.parametrize("exponents", [np.arange(-1200, 1200, 7, dtype=np.int32),
                                       np.arange(-2300, 2300, 3, dtype=np.int64),
                                       np.array([-10**9, 10**9, 0, 1, -1] * 4, np.int64)])
def test_ldexp_rounds_once_into_subnormals_and_saturates(dt, exponents):
    x = np.resize(_edges(dt), len(exponents))
    _check(lambda x, n: np.ldexp(x, n), x, exponents)


def test_ldexp_rounds_a_subnormal_result_half_to_even():
    _check(lambda x, n: np.ldexp(x, n), np.array([1.5, 2.5, 1.5, 3.0], np.float32),
           np.array([-150, -150, -149, -151], np.int32))


def test_ldexp_of_a_uint64_array_exponent_is_numpys_type_error():
    with pytest.raises(TypeError, match="ldexp"):
        ag.stage(lambda x, n: np.ldexp(x, n))(np.ones(3), np.ones(3, np.uint64))


# --- ndarray.view as another dtype of the same size ----------------------------------

def view_then_write_both_ways(a):
    b = a.view(_INT[a.dtype.itemsize])
    b[0, 1] += 1  # the next float after a[0, 1] (or before it, for a negative one)
    a[1, 0] = -0.0
    c = a[:, 1:].view(_UINT[a.dtype.itemsize])
    return b, c


_INT = {2: np.int16, 4: np.int32, 8: np.int64}


@pytest.mark.parametrize("dt", FLOATS)
def test_view_as_an_integer_dtype_shares_the_arrays_memory(dt):
    check_asif(view_then_write_both_ways, np.arange(6, dtype=dt).reshape(2, 3) - 2.5)


def bits_of_integers_as_floats(x):
    f = x.view(np.float64)
    f *= 2.0
    return x, f


def test_view_of_an_argument_as_floats_writes_the_argument():
    check_asif(bits_of_integers_as_floats,
               np.array([0, 1, 4607182418800017408, -9223372036854775808], np.int64))


def test_bool_viewed_as_bytes_and_numpy_scalar_views():
    check_asif(lambda x, s: (x.view(np.uint8) + 1, np.float32(s).view(np.int32),
                             s.view(np.uint64)),
               np.array([True, False, True]), np.float64(2.5))


# --- other item sizes: ndarray.view and np.frombuffer split or join units ---------------

def bytes_both_ways(x, y):
    a = np.frombuffer(x, np.int32)
    b = y.view(np.float32)
    c = y.view(np.uint8)
    d = x.view(np.uint16)
    c[1] = 7  # writes reach y, and the views of y taken before
    d[0] = 258
    e = np.frombuffer(y, np.int16, 3, 2)
    f = y[:, 1:].view(np.int32)  # the last axis is contiguous: allowed
    return a, b, c, d, e, f, (x > 3).view(np.uint8), y.view(np.int64).view(np.float64)


def test_views_and_frombuffer_of_other_item_sizes_share_memory():
    check_asif(bytes_both_ways, np.arange(8, dtype=np.uint8),
               np.array([[1.5, -2.0], [3.25, 1e300]]))


@pytest.mark.parametrize("fn, arg, error, message", [
    (lambda x: x.view(np.float64), np.ones(3, np.float32), ag.AgValueError,
     "When changing to a larger dtype"),
    (lambda x: x.sum().view(np.float32), np.ones(3), ag.AgValueError,
     "Changing the dtype of a 0d array"),
    (lambda x: x[:, ::2].view(np.int8), np.ones((2, 4)), ag.AgValueError,
     "the last axis must be contiguous"),
    (lambda x: np.frombuffer(x[::2]), np.ones(4), ag.AgValueError,
     "ndarray is not C-contiguous"),
    (lambda x: np.frombuffer(x, np.int64), np.ones(3, np.int32), ag.AgValueError,
     "buffer size must be a multiple of element size"),
    (lambda x: np.frombuffer(x, np.int8, 20), np.ones(3, np.int32), ag.AgValueError,
     "buffer is smaller than requested size")])
def test_numpys_errors_of_other_item_sizes(fn, arg, error, message):
    with pytest.raises(ValueError):
        fn(arg)
    with pytest.raises(error, match=message):
        ag.stage(fn)(arg)


@pytest.mark.parametrize("fn, message", [
    (lambda x: x.view(np.complex128), "from float64 to complex128 is not staged"),
    (lambda x: x.view(np.matrix), "as another array type"),
    (lambda x: x.astype(np.uint8).view(np.bool_), "from uint8 to bool is not staged")])
def test_views_ag_does_not_stage_are_ag_errors(fn, message):
    with pytest.raises(ag.AgUnsupportedError, match=message):
        ag.stage(fn)(np.ones(4))
