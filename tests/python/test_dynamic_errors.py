"""Shape-polymorphic signatures, errors: shape checks that involve dynamic dims fail
when the compiled code runs with numpy's ValueError (and never read or write past a
buffer: the crash cases run in a subprocess); ops not staged on dynamic dims raise
AgUnsupportedError naming the user's line; bad `dynamic=` specs are ag errors."""

import os

import numpy as np
import pytest

import ag

from _dynamic_helpers import NONEMPTY, SIZES, _data, _run_python, check_sizes, layernorm
from _reference import assert_same, check, run_numpy  # noqa: F401

HERE = os.path.abspath(__file__)


def _location(fn, offset=1):
    return f"{HERE}:{fn.__code__.co_firstlineno + offset}:"


# --- run-time shape errors -----------------------------------------------------------------

def _add(x, y):
    return x + y


def test_mismatched_dynamic_dims_raise_value_error_at_run_time():
    staged = ag.stage(_add, dynamic="batch")
    assert_same(staged(_data((3, 4)), _data((3, 4), seed=1)),
                _data((3, 4)) + _data((3, 4), seed=1))
    with pytest.raises(ValueError):
        _add(_data((3, 4)), _data((2, 4)))
    # (Mismatches below have the first operand smaller: a failed check does not stop the
    # compiled code, which otherwise reads the second one out of bounds - a bug.)
    for _ in range(2):                  # the second time through the C path
        with pytest.raises(ValueError) as info:
            staged(_data((2, 4)), _data((3, 4)))
        assert isinstance(info.value, ag.AgError)
        message = str(info.value)
        assert message.startswith(_location(_add)), message
        assert "operands could not be broadcast together with shapes (?,4) (?,4)" in message
    with pytest.raises(ValueError, match="could not be broadcast"):
        staged(_data((0, 4)), _data((5, 4)))
    # The function stays usable, without retracing (but for size 1, its own trace).
    for n in SIZES:
        assert_same(staged(_data((n, 4)), _data((n, 4), seed=1)),
                    _data((n, 4)) + _data((n, 4), seed=1))
    assert staged.trace_count == 2


def test_dynamic_dim_against_static_dim_is_checked_at_run_time():
    staged = ag.stage(_add, dynamic={"x": 0})
    y = _data((3, 4), seed=1)
    assert_same(staged(_data((3, 4)), y), _data((3, 4)) + y)
    for n in (0, 2):                    # smaller only: see BUG_CHECK_DOES_NOT_STOP
        with pytest.raises(ValueError) as info:
            staged(_data((n, 4)), y)
        assert "operands could not be broadcast together with shapes (?,4) (3,4)" in \
            str(info.value)
    assert staged.trace_count == 1


def test_layernorm_gamma_of_wrong_length_is_a_run_time_error():
    staged = ag.stage(layernorm, dynamic="batch")
    staged(_data((3, 16)), _data((16,)), _data((16,)))
    with pytest.raises(ValueError, match="could not be broadcast together with shapes"):
        staged(_data((3, 16)), _data((17,)), _data((16,)))
    assert staged.trace_count == 1


def test_dynamic_dim_of_one_broadcasts_like_numpy():
    """A dynamic dim of size 1 gets its own (static) trace, so numpy's stretching holds."""
    staged = ag.stage(_add, dynamic="batch")
    staged(_data((3, 4)), _data((3, 4)))
    x, y = _data((1, 4)), _data((3, 4), seed=1)
    for _ in range(2):
        assert_same(staged(x, y), x + y)
    assert staged.trace_count == 2
    # A dim that is static 1 broadcasts against a dynamic one, as numpy.
    ok = ag.stage(_add, dynamic={"y": 0})
    assert_same(ok(x, y), x + y)


BUG_CHECK_DOES_NOT_STOP = (
    "BUG: a failed run-time shape check does not stop the compiled code: ag_rt_fail "
    "records the failure and returns, and the elementwise loop then runs with the "
    "mismatched sizes (its trip count is the first operand's dynamic dim): it reads the "
    "other operand out of bounds (a large mismatch segfaults) and, against a static "
    "operand, writes past the static result buffer (heap corruption, a later abort) - "
    "instead of raising ValueError. Repro: f = ag.stage(lambda x, y: x + y, "
    "dynamic='batch'); f(np.ones((2000000, 4), np.float32), np.ones((1, 4), np.float32))"
    "  # SIGSEGV; g = ag.stage(lambda x, y: x + y, dynamic={'x': 0}); "
    "g(np.ones((64, 4), np.float32), np.ones((3, 4), np.float32))  # heap overflow")


@pytest.mark.parametrize("case", ["2M-vs-2", "3M-vs-0", "64-vs-static-3", "3M-vs-static-3"])
def test_bug_mismatch_raises_instead_of_crashing(case):
    dynamic, a, b = {"2M-vs-2": ('"batch"', 2_000_000, 2),
                     "3M-vs-0": ('"batch"', 3_000_000, 0),
                     "64-vs-static-3": ('{"x": 0}', 64, 3),
                     "3M-vs-static-3": ('{"x": 0}', 3_000_000, 3)}[case]
    proc = _run_python(f"""
        import numpy as np, ag
        f = ag.stage(lambda x, y: x + y, dynamic={dynamic})
        try:
            f(np.ones(({a}, 4), np.float32), np.ones(({b}, 4), np.float32))
        except ValueError as e:
            print("ValueError" if "could not be broadcast" in str(e) else e)
        junk = [np.ones((100, 4), np.float32) for _ in range(2000)]
        del junk
    """)
    assert proc.returncode == 0 and proc.stdout.strip() == "ValueError", \
        f"rc={proc.returncode}\n{proc.stdout[-500:]}\n{proc.stderr[-2000:]}"


def test_broadcast_to_a_static_shape_is_checked_at_run_time():
    """The dynamic dim must equal the static size it is broadcast to (numpy's rule)."""
    def f(x):
        return np.broadcast_to(x, (2, 3))
    staged = ag.stage(f, dynamic="batch")
    assert_same(staged(_data((2, 3))), f(_data((2, 3))))
    for n in (0, 3, 1000):
        with pytest.raises(ValueError) as info:
            staged(_data((n, 3)))
        assert str(info.value).startswith(_location(f)), str(info.value)
        assert "could not be broadcast" in str(info.value)
    assert_same(staged(_data((1, 3))), f(_data((1, 3))))  # size 1 stretches (own trace)


# --- ops not staged on dynamic dims ----------------------------------------------------------

def _slice_assign(x):
    x[1:] = 0.0
    return x


def _conv_dynamic_height(x, w):
    return ag.nn.conv2d(x, w)


def test_unsupported_on_dynamic_but_fine_on_static_dims_of_the_same_call():
    def f(x, y):
        y = y.copy()
        y[1:] = 0.0
        return x.sum(axis=1) + y.sum()
    staged = ag.stage(f, dynamic={"x": 0})
    for n in (0, 3):
        assert_same(staged(_data((n, 4)), _data((5,))), f(_data((n, 4)), _data((5,))))
    # With both batch dims dynamic, y[1:] is a window of run-time bounds: written too.
    staged = ag.stage(f, dynamic="batch")
    for n, m in ((3, 5), (0, 1), (2, 0), (4, 2)):
        assert_same(staged(_data((n, 4)), _data((m,))), f(_data((n, 4)), _data((m,))))


def test_conv_with_dynamic_spatial_dims_is_unsupported():
    x, w = _data((1, 2, 6, 6)), _data((3, 2, 3, 3), seed=1)
    with pytest.raises(ag.AgUnsupportedError) as info:
        ag.stage(_conv_dynamic_height, dynamic={"x": 2})(x, w)
    assert str(info.value).startswith(_location(_conv_dynamic_height)), str(info.value)
    assert "conv2d on an array with dynamic dims" in str(info.value)
    check(_conv_dynamic_height, x, w)  # the same code without dynamic= stages


def test_assignment_to_a_run_time_slice():
    staged = ag.stage(_slice_assign, dynamic="batch")
    for n in (4, 1, 0, 7):
        x, y = _data((n, 2)), _data((n, 2))
        assert_same(staged(x), _slice_assign(y))
        assert_same(x, y)  # the caller's array is written as numpy writes it


def _to_static(x):
    return x.reshape(8)


def _two_unknowns(x):
    return x.reshape(x.shape[0], x.shape[0])


@pytest.mark.parametrize("fn", [_to_static, _two_unknowns], ids=["to-static", "two-unknowns"])
def test_reshape_of_dynamic_dims_that_cannot_be_staged(fn):
    with pytest.raises(ag.AgError) as info:
        ag.stage(fn, dynamic="batch")(_data((4, 2)))
    assert str(info.value).startswith(_location(fn)), str(info.value)
    assert "(?,2)" in str(info.value)


def _row(x):
    return x[3]


def _set_row(x):
    x[-4] = 1.0
    return x


@pytest.mark.parametrize("fn", [_row, _set_row], ids=["get", "set"])
def test_integer_index_on_dynamic_dim_is_checked_at_run_time(fn):
    staged = ag.stage(fn, dynamic="batch")
    assert_same(staged(_data((4, 2))), run_numpy(fn, _data((4, 2))))
    for n in (0, 3):
        with pytest.raises(IndexError) as info:
            staged(_data((n, 2)))
        assert str(info.value).startswith(_location(fn)), str(info.value)
        assert "out of bounds for axis 0 with size known at run time" in str(info.value)
    assert staged.trace_count == 1


def _concat_columns(x, y):
    return np.concatenate([x, y], axis=1)


def _stack_pair(x, y):
    return np.stack([x, y])


@pytest.mark.parametrize("fn", [_concat_columns, _stack_pair], ids=["concatenate", "stack"])
def test_joined_dynamic_dims_are_checked_at_run_time(fn):
    staged = ag.stage(fn, dynamic="batch")
    x, y = _data((3, 2)), _data((3, 2), seed=1)
    assert_same(staged(x, y), fn(x, y))
    for a, b in [((3, 2), (4, 2)), ((5, 2), (2, 2))]:
        with pytest.raises(ValueError) as info:
            staged(_data(a), _data(b))
        assert str(info.value).startswith(_location(fn)), str(info.value)
        assert "must match exactly" in str(info.value) or "same shape" in str(info.value)
    assert staged.trace_count == 1


def test_reshape_size_is_checked_at_run_time():
    def f(x):
        return x.reshape(-1, 4)
    staged = ag.stage(f, dynamic="batch")
    for n in (0, 2, 6):
        assert_same(staged(_data((n, 6))), f(_data((n, 6))))
    with pytest.raises(ValueError) as info:
        staged(_data((3, 6)))
    assert str(info.value).startswith(_location(f)), str(info.value)
    assert "cannot reshape array of shape (?,6) into shape (-1, 4)" in str(info.value)
    assert staged.trace_count == 1


def _size_mean(x):
    return x.sum() / x.size


def _shape_scale(x):
    return x * x.shape[0]


def _ones_shape(x):
    return np.ones(x.shape, np.float32) + x


def _squeeze(x):
    return x.squeeze()


def _iterate_rows(x):
    acc = np.zeros(4, np.float32)
    for row in x:
        acc = acc + row
    return acc


@pytest.mark.parametrize("fn", [_size_mean, _shape_scale, _squeeze, _iterate_rows],
                         ids=lambda f: f.__name__.strip("_"))
def test_dynamic_dim_read_as_a_value(fn):
    """x.size, x.shape[0] (a staged size in converted code), iteration and squeeze on
    dynamic dims, at every size from one trace."""
    shape = (lambda n: (n, 1)) if fn is _squeeze else (lambda n: (n, 4))
    check_sizes(fn, lambda n: (_data(shape(n)),), sizes=NONEMPTY if fn is _size_mean else SIZES)


def test_shape_of_dynamic_array_in_numpy_constructors():
    x = _data((3, 4))
    check_sizes(_ones_shape, lambda n: (_data((n, 4)),))
    assert_same(ag.stage(_ones_shape, dynamic="batch")(x), run_numpy(_ones_shape, x))


# --- bad dynamic= specs --------------------------------------------------------------------

def _two(x, y):
    return x + y


@pytest.mark.parametrize("spec", [0, 1.5, "Batch", "dynamic", ["x"], ("x",), True, {"x"}],
                         ids=repr)
def test_spec_of_wrong_type_is_type_error(spec):
    with pytest.raises(ag.AgTypeError) as info:
        ag.stage(_two, dynamic=spec)
    assert isinstance(info.value, TypeError)
    assert str(info.value) == ("ag.stage(_two): dynamic must be None, 'batch', 'auto' or a "
                               "dict of argument name -> dim(s)")


def test_spec_with_unknown_name_is_value_error_at_stage_time():
    with pytest.raises(ag.AgValueError) as info:
        ag.stage(_two, dynamic={"z": 0})
    assert isinstance(info.value, ValueError)
    assert str(info.value) == "ag.stage(_two): dynamic names 'z', which is not a parameter of _two"


@pytest.mark.parametrize("dims, bad", [(2, 2), (-3, -3), ((0, 5), 5)], ids=repr)
def test_spec_dim_out_of_range_is_value_error_at_call(dims, bad):
    staged = ag.stage(_two, dynamic={"x": dims})
    with pytest.raises(ag.AgValueError) as info:
        staged(_data((3, 4)), _data((4,)))
    assert str(info.value) == (f"ag.stage(_two): dynamic dim {bad} of argument 'x' is out "
                               "of range for its 2 dims")
    # A 0-d argument has no dim 0.
    with pytest.raises(ag.AgValueError, match="out of range for its 0 dims"):
        ag.stage(_two, dynamic={"y": 0})(_data((3,)), np.array(1.0, np.float32))


def test_empty_or_none_spec_is_static():
    for spec in (None, {}):
        staged = ag.stage(_two, dynamic=spec)
        assert "?" not in staged.ir(_data((3, 4)), _data((4,)))


BUG_SPEC_KEYS = (
    "BUG: _dynamic_spec validates only string keys: a position beyond the parameters "
    "({5: 0}) or a non-int key ({0.5: 0}) is silently ignored (the function compiles "
    "static), and non-int dims ({'x': 'a'}, {'x': None}) escape as a plain TypeError "
    "\"'<=' not supported between instances of 'int' and 'str'\" at the first call, not "
    "an ag error at ag.stage (while {'x': 1.0} and {'x': True} are taken as dim 1). "
    "Repro: ag.stage(lambda x, y: x + y, dynamic={5: 0}) does not raise")


@pytest.mark.parametrize("spec", [{5: 0}, {-1: 0}, {0.5: 0}, {"x": "a"}, {"x": None},
                                  {"x": 1.0}], ids=repr)
def test_bug_bad_spec_keys_and_dims_are_ag_errors(spec):
    with pytest.raises(ag.AgError):
        staged = ag.stage(_two, dynamic=spec)
        staged(_data((3, 4)), _data((4,)))
