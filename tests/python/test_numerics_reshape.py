"""reshape's unknown dimension as numpy 1.24 reads it (issue 11): any negative size is
the unknown dim (-2 and -7 as well as -1), at most one; a shape that does not fit is
numpy's ValueError -- never a crash of the compiler (x.reshape(-2, 3) crashed it). Both
call paths, static and dynamic dims."""

import numpy as np
import pytest

import ag

from _numerics_helpers import check_paths

X = np.arange(24.0)


@pytest.mark.parametrize("shape", [(-2, 3), (3, -2), (-7, 4), (2, -3, 4), (-24,), (-6,),
                                   (4, -2**63), (2, 3, 4, -100), (-2, 3, 2, 2)],
                         ids=repr)
def test_any_negative_size_is_the_unknown_dim(shape):
    check_paths(lambda x: x.reshape(*shape), X)
    check_paths(lambda x: x.reshape(shape), X)
    check_paths(lambda x: np.reshape(x, shape), X)


@pytest.mark.parametrize("shape", [(-1, -1), (-2, -2), (-1, -3), (2, -1, -5)], ids=repr)
def test_two_unknown_dims_are_value_error(shape):
    error = check_paths(lambda x: x.reshape(*shape), X)
    assert "can only specify one unknown dimension" in str(error)


@pytest.mark.parametrize("shape", [(5, -2), (7,), (0, -3), (2**32, 2**32, -1),
                                   (2**62, 4, -2), (2**64,), (25,)], ids=repr)
def test_shapes_that_do_not_fit_are_value_error(shape):
    error = check_paths(lambda x: x.reshape(*shape), X)
    assert "cannot reshape array of size 24" in str(error)


@pytest.mark.parametrize("shape", [(-2, 3), (0, -2), (-5, 0), (3, 0, -2)], ids=repr)
def test_empty_arrays(shape):
    check_paths(lambda x: x.reshape(*shape), np.zeros((0, 3)))


def test_zero_d_arrays():
    check_paths(lambda x: x.reshape(-3), np.array(5.0))
    check_paths(lambda x: x.reshape(1, -9, 1), np.array(5.0))


@pytest.mark.parametrize("shape", [(-2, 3), (2, -5, 3)], ids=repr)
def test_dynamic_dims(shape):
    def fn(x):
        return x.reshape(*shape)
    staged = ag.stage(fn, dynamic="batch")
    for n in (12, 18, 12, 0):
        x = np.arange(n * 2.0).reshape(n, 2)
        for _ in range(2):
            got, want = staged(x), fn(x)
            assert got.shape == want.shape and (got == want).all()

    def own(x):
        return x.reshape(x.shape[0], -4)
    check_paths(own, np.ones((3, 4)))
    staged = ag.stage(own, dynamic="batch")
    for n in (3, 5):
        assert staged(np.ones((n, 4))).shape == (n, 4)


def test_dynamic_dims_that_do_not_fit_raise_when_the_code_runs():
    staged = ag.stage(lambda x: x.reshape(-2, 5), dynamic="batch")
    assert staged(np.ones((5, 2))).shape == (2, 5)
    for _ in range(2):
        with pytest.raises(ValueError, match="cannot reshape"):
            staged(np.ones((3, 2)))
