"""Calls inside staged functions: user functions are converted recursively (their
control flow is staged too), library functions run as they are; keyword and ** arguments
pass through; recursion bounded by Python values unrolls."""

import numpy as np
import pytest

import ag


def clip_negative(x, floor=0.0, **options):
    if x.sum() < 0:
        return np.maximum(x, floor) * options.get("scale", 1.0)
    return x


def caller(x):
    opts = {"scale": 2.0}
    return clip_negative(x, floor=-1.0, **opts) + clip_negative(x)


def power(x, n):
    return x if n == 1 else x * power(x, n - 1)


@pytest.mark.parametrize("data", [[1.0, 2.0], [-3.0, 1.0]])
def test_user_function_is_converted(data):
    x = np.array(data, np.float32)
    got, want = ag.stage(caller)(x), caller(x)
    assert got.dtype == want.dtype
    np.testing.assert_allclose(got, want)
    assert "scf.if" in ag.stage(caller).ir(x)  # the callee's `if` was staged


def test_recursion_bounded_by_python_int_unrolls():
    x = np.array([1.5, 2.0])
    np.testing.assert_allclose(ag.stage(power)(x, 4), power(x, 4))
    assert ag.stage(power).ir(x, 4).count("ag.mul") == 3


def test_library_calls_are_not_wrapped():
    src = ag.stage(caller).source()
    assert "ag__.converted_call(clip_negative" in src
    assert "converted_call(np." not in ag.stage(lambda_free).source()


def lambda_free(x):
    return np.tanh(x) + ag.nn.relu(x)
