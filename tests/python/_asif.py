"""The as-if check of the test_asif_* suites: a program run eagerly and staged (first
call and cached call) on fresh copies of its inputs."""

import copy

import numpy as np

import ag

from _reference import assert_same


def check_asif(fn, *args, calls=2):
    """fn(*args) eagerly vs staged (`calls` times, fresh copies each): the results and
    every argument array afterwards are numpy's."""
    eager_args = copy.deepcopy(args)
    with np.errstate(all="ignore"):
        expected = fn(*eager_args)
    staged = ag.stage(fn)
    for call in range(calls):
        staged_args = copy.deepcopy(args)
        got = staged(*staged_args)
        if isinstance(expected, np.ndarray) and any(expected is a for a in eager_args):
            # numpy returned one of its arguments: ag must return the caller's array.
            k = next(i for i, a in enumerate(eager_args) if a is expected)
            assert got is staged_args[k], f"call {call}: not the argument object"
        assert_same(got, expected, f"call {call} result")
        for i, (g, e) in enumerate(zip(staged_args, eager_args)):
            if isinstance(e, np.ndarray):
                assert_same(g, e, f"call {call} argument {i} after the call")
    return staged


def rand(*shape, dtype=np.float64, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)
