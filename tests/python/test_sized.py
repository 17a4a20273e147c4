"""numpy's creation functions with a size known only when the compiled code runs
(staged.sized over ag.iota): np.arange(n), np.eye(n), np.identity(n), np.tri(n), the
triangle indices, np.linspace(a, b, n) and the windows give numpy's values, dtypes and
shapes for every size -- 0 and 1 included, where numpy's code branches -- on both
dispatch paths, and numpy's errors for negative sizes and zero steps at run time."""

import warnings

import numpy as np
import pytest

import ag
from _reference import assert_same

SIZES = [0, 1, 2, 5, 8]

FUNCTIONS = {
    "arange": lambda n: (np.arange(n), np.arange(1, n, 2), np.arange(0.0, n, 0.5),
                         np.arange(n, 0, -3), np.arange(0, n, 0.3, dtype=np.float32),
                         np.arange(np.int32(2), n), np.arange(n, dtype=np.int8)),
    "eye": lambda n: (np.eye(n), np.eye(n, 3, 1, np.int32), np.identity(n),
                      np.eye(3, n, -1), np.identity(n, dtype=bool), np.eye(n, k=n)),
    "tri": lambda n: (np.tri(n, n, -1), np.tri(n), np.tri(n, 4, 2, np.int64)),
    "triangle indices": lambda n: (np.tril_indices(n), np.triu_indices(n, 1),
                                   np.tril_indices(n, -1, 4), np.triu_indices(3, 0, n)),
    "linspace": lambda n: (np.linspace(0.0, 1.0, n), np.linspace(-2, 5, n, endpoint=False),
                           np.linspace(1.0, 3.0, n, retstep=True),
                           np.linspace(np.float32(0), np.float32(2), n),
                           np.linspace(0, 10, n, dtype=np.int32),
                           np.linspace(2.0, 2.0, n, retstep=True)),
    "windows": lambda n: (np.bartlett(n), np.blackman(n), np.hamming(n), np.hanning(n),
                          np.kaiser(n, 3.0), np.kaiser(n, 14.0)),
    "used in expressions": lambda n: (np.arange(n) * 2.5 + np.eye(n).sum(axis=0),
                                      np.hanning(n).sum(), np.eye(n) @ np.arange(n)),
}


def _flat(value):
    return [v for item in value for v in (_flat(item) if isinstance(item, tuple) else
                                         [item])] if isinstance(value, tuple) else [value]


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_sizes_known_only_at_run_time(name):
    fn = FUNCTIONS[name]
    staged = ag.stage(fn)
    for n in SIZES:  # one trace serves every size: the first call traces, then the cache
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = fn(np.int64(n))
        for got, want in zip(_flat(staged(np.int64(n))), _flat(expected), strict=True):
            if isinstance(want, float):
                # linspace's step with fewer than two samples: numpy's is the Python
                # float nan, ag's the numpy float64 (a type chosen by a run-time value).
                want = np.float64(want)
            assert_same(got, want, f"{name}({n})")


def test_one_trace_serves_every_size():
    staged = ag.stage(lambda n: np.arange(n) * 2)
    for n in SIZES:
        staged(np.int64(n))
    assert staged.trace_count == 1


@pytest.mark.parametrize("fn, bad, good, message", [
    (lambda n: np.eye(n), -1, 3, "negative dimensions are not allowed"),
    (lambda n: np.eye(2, n), -2, 0, "negative dimensions are not allowed"),
    (lambda n: np.linspace(0.0, 1.0, n), -1, 0, "Number of samples must be non-negative"),
    (lambda n: np.arange(0, 5, n), 0, 2, "Maximum allowed size exceeded"),
    (lambda n: np.arange(0.0, 3, n * 0.5), 0, 1, "Maximum allowed size exceeded")])
def test_numpys_value_errors_when_the_code_runs(fn, bad, good, message):
    with warnings.catch_warnings(), pytest.raises(ValueError):
        warnings.simplefilter("ignore")
        fn(np.int64(bad))
    staged = ag.stage(fn)
    with pytest.raises(ag.AgValueError, match=message):
        staged(np.int64(bad))
    assert_same(staged(np.int64(good)), fn(np.int64(good)))  # the same compiled code


def test_negative_sizes_of_tri_are_empty_as_in_numpy():
    fn = lambda n: (np.tri(n), np.tri(3, n), np.tril_indices(n))  # noqa: E731
    staged = ag.stage(fn)
    for n in (-2, 2):
        for got, want in zip(_flat(staged(np.int64(n))), _flat(fn(np.int64(n))), strict=True):
            assert_same(got, want)


def test_a_float_size_is_numpys_type_error():
    with pytest.raises(TypeError):
        np.eye(np.float64(3.0))
    with pytest.raises(ag.AgTypeError, match="cannot be interpreted as an integer"):
        ag.stage(lambda n: np.eye(n))(np.float64(3.0))


def repeats(x, r, m):
    return (np.repeat(x, r), np.repeat(m, r[:3], axis=0), np.repeat(m, r[1], axis=1),
            x.repeat(r), np.repeat(m, r[:1]), np.repeat(m, r[:2], axis=-1),
            np.repeat(x[:0], r[:0]))


@pytest.mark.parametrize("counts", [[0, 1, 2, 0, 3, 1], [0] * 6, [4, 0, 0, 0, 0, 2]])
def test_repeat_with_staged_counts(counts):
    x = np.arange(6.0) - 2.5
    r, m = np.array(counts), np.arange(6, dtype=np.int32).reshape(3, 2)
    staged = ag.stage(repeats)
    for _ in range(2):
        for got, want in zip(staged(x, r, m), repeats(x, r, m), strict=True):
            assert_same(got, want)


def test_repeat_errors_of_staged_counts():
    x = np.arange(3.0)
    with pytest.raises(ag.AgValueError, match="repeats may not contain negative values"):
        ag.stage(lambda x, r: np.repeat(x, r))(x, np.array([1, -1, 2]))
    with pytest.raises(ag.AgValueError, match="could not be broadcast"):
        ag.stage(lambda x, r: np.repeat(x, r))(x, np.array([1, 2]))
    with pytest.raises(ag.AgTypeError, match="according to the rule 'safe'"):
        ag.stage(lambda x, r: np.repeat(x, r))(x, np.array([1.0, 2.0, 0.0]))
