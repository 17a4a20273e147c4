"""Arguments that act as arrays but are not plain ndarrays are refused (issue 11):
ndarray subclasses (np.matrix, masked arrays, memmaps, user subclasses) carry numpy
semantics of their own that compiled code would silently drop, and objects implementing
numpy's protocols decide themselves what numpy does to them. The error is a TypeError
naming the argument and saying to pass np.asarray(x) -- on the first call and on cached
calls, which the C dispatcher serves only for exact ndarrays."""

import numpy as np
import pytest

import ag

pytestmark = pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # np.matrix


def add_one(x):
    return x + 1


def scale(a, x):
    return a * x


class Sub(np.ndarray):
    pass


class Ufuncs:
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return "mine"


class Functions:
    def __array_function__(self, func, types, args, kwargs):
        return "mine"


class ArrayLike:
    def __array__(self, dtype=None):
        return np.arange(3.0)


def subclasses(tmp_path):
    memmap = np.memmap(tmp_path / "m.dat", dtype=np.float64, mode="w+", shape=(3,))
    return {
        "matrix": np.matrix([[1.0, 2.0, 3.0]]),
        "masked": np.ma.masked_array([1.0, 2.0, 3.0], mask=[0, 1, 0]),
        "memmap": memmap,
        "user subclass": np.arange(3.0).view(Sub),
        "record array": np.rec.array(np.arange(3.0)),
    }


def assert_refused(error, name, type_name):
    assert isinstance(error, ag.AgError) and isinstance(error, TypeError)
    text = str(error)
    assert f"argument '{name}'" in text and type_name in text, text
    assert f"np.asarray({name})" in text, text


def test_subclasses_are_refused_on_the_first_call(tmp_path):
    for label, value in subclasses(tmp_path).items():
        with pytest.raises(TypeError) as info:
            ag.stage(add_one)(value)
        assert_refused(info.value, "x", type(value).__name__)
        # What ag would compute on np.asarray(x) is numpy's result on the plain array.
        plain = np.asarray(value)
        np.testing.assert_array_equal(ag.stage(add_one)(plain), plain + 1, err_msg=label)


def test_subclasses_are_refused_on_cached_calls(tmp_path):
    """The C dispatcher matched any ndarray subclass of the cached dtype and shape."""
    staged = ag.stage(add_one)
    plain = np.arange(3.0)
    staged(plain)
    staged(plain)  # now cached on the C path
    traces = staged.trace_count  # (0 when another test's trace record served it)
    for label, value in subclasses(tmp_path).items():
        if value.shape != plain.shape:
            value = value.reshape(plain.shape)
        assert type(value) is not np.ndarray, label
        for _ in range(2):
            with pytest.raises(TypeError) as info:
                staged(value)
            assert_refused(info.value, "x", type(value).__name__)
    np.testing.assert_array_equal(staged(plain), plain + 1)
    assert staged.trace_count == traces


def test_second_argument_named():
    staged = ag.stage(scale)
    staged(np.float64(2.0), np.arange(3.0))
    with pytest.raises(TypeError) as info:
        staged(np.array(2.0), np.arange(3.0).view(Sub))
    assert_refused(info.value, "x", "Sub")


@pytest.mark.parametrize("cls", [Ufuncs, Functions, ArrayLike])
def test_objects_with_numpy_protocols_are_refused(cls):
    for _ in range(2):
        with pytest.raises(TypeError) as info:
            ag.stage(add_one)(cls())
        assert_refused(info.value, "x", cls.__name__)


def test_keyword_arguments_are_checked_too():
    staged = ag.stage(scale)
    with pytest.raises(TypeError) as info:
        staged(np.array(2.0), x=np.matrix([[1.0]]))
    assert_refused(info.value, "x", "matrix")


def test_plain_arrays_and_scalars_still_work():
    staged = ag.stage(scale)
    for a in (2, 2.5, True, np.float32(2.0), np.array(3)):
        got = staged(a, np.arange(3.0))
        np.testing.assert_array_equal(got, scale(a, np.arange(3.0)))
