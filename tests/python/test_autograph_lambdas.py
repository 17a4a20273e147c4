"""AutoGraph conversion of lambdas (reference tests, TF AutoGraph style).

A lambda is converted like a def: pyct.parser finds the `lambda` in the source of the
statement holding it (by line, parameters and, for several on one line, the columns
Python records) and makes it `def ag__lambda(...): return <expression>`. So in a lambda,
staged `and`/`or`/ternaries stage scf.if, `x.shape` reads dynamic dims as staged sizes,
`len(x)` is overloaded and np.zeros takes staged sizes -- as in a def. Every sample runs
as plain Python/numpy and staged on the same inputs, with Python-valued ("python") and
staged ("staged") operands, and must match exactly in type, dtype, shape and value.
Several lambdas on one line that Python's columns cannot tell apart stay unconverted
(plain Python, as before): converting the wrong one would run another body.
"""

import os
import subprocess
import sys
import textwrap
import traceback

import numpy as np
import pytest

import ag

from _autograph_helpers import PATHS, arg, assert_same, check
from _dynamic_helpers import NONEMPTY, PYTHONPATH, SIZES, _data, check_sizes

HERE = os.path.abspath(__file__)
X = np.array([1.5, -2.0, 3.25, 0.0], np.float32)


def _line(fn):
    return fn.__code__.co_firstlineno


# --- staged directly ---------------------------------------------------------------------

ternary = lambda x, c: x * 2 if c else x - 1  # noqa: E731
both = lambda x, a, b: x + 1 if a > 0 and b > 0 else x - 1  # noqa: E731
either = lambda x, a, b: x + 1 if a > 0 or b > 0 else -x  # noqa: E731
negated = lambda x, a: x * 3 if not a > 0 else x  # noqa: E731
chained = lambda x, a: x + 1 if 0 < a < 5 else x  # noqa: E731


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_ternary(path, c):
    check(ternary, X, arg(c, path), path=path, region="scf.if")


@pytest.mark.parametrize("a,b", [(1, 1), (1, -1), (-1, 1), (-1, -1)])
@pytest.mark.parametrize("path", PATHS)
def test_and_or_on_operands(path, a, b):
    check(both, X, arg(a, path, np.int64), arg(b, path, np.int64), path=path,
          region="scf.if")
    check(either, X, arg(a, path, np.int64), arg(b, path, np.int64), path=path,
          region="scf.if")


@pytest.mark.parametrize("a", [-3, 2, 7])
@pytest.mark.parametrize("path", PATHS)
def test_not_and_chained_comparisons(path, a):
    check(negated, X, arg(a, path, np.int64), path=path, region="scf.if")
    check(chained, X, arg(a, path, np.int64), path=path, region="scf.if")


def test_lambda_returning_an_operand_of_and_or():
    # Python operands: Python's `and`/`or` return an operand, not a bool.
    pick = lambda a, b: a and b or -1.5  # noqa: E731
    for a, b in [(0, 2), (2, 0), (3, 4), (0.0, 0)]:
        assert_same(ag.stage(pick)(a, b), pick(a, b))


def test_reduction_condition_on_a_staged_array():
    sign = lambda x: x / 2 if np.sum(x) > 0 else x * x  # noqa: E731
    check(sign, X)
    check(sign, -X)
    assert "scf.if" in ag.stage(sign).ir(X)


def test_source_shows_the_converted_lambda():
    source = ag.stage(both).source()
    assert source.startswith("def ag__lambda(x, a, b):\n    return ag__.if_exp("), source
    assert "ag__.and_(lambda: a > 0, lambda: b > 0)" in source, source


# --- parameters: defaults, keyword-only, *args, **kwargs ----------------------------------

def test_defaults():
    fn = lambda x, k=2, c=True: x * k if c else x - k  # noqa: E731
    staged = ag.stage(fn)
    for args, kwargs in [((X,), {}), ((X, 3), {}), ((X,), {"c": False}),
                         ((X, np.float32(5)), {"c": np.array(False)}),
                         ((X, np.float32(5), np.array(True)), {})]:
        assert_same(staged(*args, **kwargs), fn(*args, **kwargs))
    assert "ag__.if_exp" in staged.source()


def test_varargs():
    fn = lambda *xs: xs[0] * 3 if xs[1] > 0 else xs[0]  # noqa: E731
    for path in PATHS:
        for b in (1, -1):
            check(fn, X, arg(b, path, np.int64), path=path, region="scf.if")
    assert "def ag__lambda(*xs):" in ag.stage(fn).source()


def test_keyword_only_defaults_staged_directly():
    fn = lambda x, *, k=np.float32(2): x * k if x.sum() > 0 else x - k  # noqa: E731
    check(fn, X)
    check(fn, -X)
    # (the default's np.float32(2) goes through converted_call, which stages np.float32
    # of a staged value)
    header = next(line for line in ag.stage(fn).source().splitlines()
                  if line.startswith("def ag__lambda("))
    assert header.startswith("def ag__lambda(x, *, k=") and "np.float32" in header


def calls_lambdas_of_keyword_parameters(x, c):
    # (ag.stage itself takes such functions' arguments positionally only.)
    kw_only = lambda v, *, k=2, c=True: v * k if c else v - k  # noqa: E731
    kwargs = lambda v, **kw: v + kw["k"] if kw["c"] else v  # noqa: E731
    return kw_only(x, c=c), kw_only(x, k=3, c=c), kwargs(x, k=np.float32(1), c=c)


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_keyword_only_defaults_and_kwargs(path, c):
    check(calls_lambdas_of_keyword_parameters, X, arg(c, path), path=path, region="scf.if")


# --- closures ------------------------------------------------------------------------------

def _scaler(k, threshold):
    return lambda x: x * k if x.sum() > threshold else x - k


@pytest.mark.parametrize("k,threshold", [(2.0, 0.0), (3.0, 100.0)])
def test_closure_variables(k, threshold):
    fn = _scaler(np.float32(k), threshold)
    check(fn, X)
    assert "scf.if" in ag.stage(fn).ir(X)


def test_closure_cell_is_the_original():
    # The converted lambda reads the user's cell, not a copy of its value: a rebinding
    # after conversion is seen by the next trace (a new signature), as by the original.
    k = np.float32(2)
    fn = lambda x, c: x * k if c else x  # noqa: E731
    staged = ag.stage(fn)
    assert_same(staged(X, np.array(True)), X * np.float32(2))
    assert "ag__.if_exp" in staged.source()
    k = np.float32(5)
    assert_same(staged(X, True), X * np.float32(5))


def test_lambda_returning_a_lambda_closes_over_its_parameter():
    adder = lambda a: lambda x: x + a if a > 0 else x - a  # noqa: E731
    for a in (2, -2):
        inner = adder(a)
        check(inner, X)
        assert "ag__.if_exp" in ag.stage(inner).source()
    outer = ag.stage(adder).source()
    assert outer.startswith("def ag__lambda(a):\n    return lambda x:"), outer


# --- called from converted code ------------------------------------------------------------

def calls_a_local_lambda(x, c):
    g = lambda v: v * 2 if c else v - 1  # noqa: E731
    return g(x)


def maps_a_local_lambda(x, a):
    step = lambda v, i: v + i if i < a else v  # noqa: E731
    for i in range(3):
        x = step(x, i)
    return x


@pytest.mark.parametrize("c", [True, False])
@pytest.mark.parametrize("path", PATHS)
def test_lambda_assigned_and_called_in_converted_code(path, c):
    check(calls_a_local_lambda, X, arg(c, path), path=path, region="scf.if")


@pytest.mark.parametrize("a", [0, 2, 5])
@pytest.mark.parametrize("path", PATHS)
def test_lambda_called_in_a_loop(path, a):
    check(maps_a_local_lambda, X, arg(a, path, np.int64))


twice_or_negated = lambda v, c: v * 2 if c else -v  # noqa: E731


def calls_a_module_lambda(x, c):
    return twice_or_negated(x, c)


def test_module_lambda_called_with_python_values():
    check(calls_a_module_lambda, X, True)
    check(calls_a_module_lambda, X, False)


@pytest.mark.parametrize("c", [True, False])
def test_module_lambda_called_with_staged_values(c):
    check(calls_a_module_lambda, X, np.array(c), path="staged", region="scf.if")


# --- several lambdas on one line -----------------------------------------------------------

pair = (lambda x: x + 1 if x.sum() > 0 else x - 1, lambda x: x * 2 if x.sum() > 0 else -x)
nested_same = lambda x: lambda x: x * 2 if x.sum() > 0 else -x  # noqa: E731


def test_lambdas_with_the_same_parameters_on_one_line():
    # Told apart by the columns Python records for each code object's instructions.
    first, second = pair
    for fn in pair:
        check(fn, X)
        check(fn, -X)
    assert "x + 1" in ag.stage(first).source() and "x * 2" not in ag.stage(first).source()
    assert "x * 2" in ag.stage(second).source() and "x + 1" not in ag.stage(second).source()


def test_nested_lambdas_with_the_same_parameters():
    inner = nested_same(X)
    check(inner, X)
    check(inner, -X)
    assert ag.stage(inner).source().startswith("def ag__lambda(x):\n    return ag__.if_exp")
    outer = ag.stage(nested_same).source()
    assert outer.startswith("def ag__lambda(x):\n    return lambda x:"), outer


def test_lambdas_of_different_parameters_on_one_line():
    scale, shape = (lambda x: x * 2 if x.sum() > 0 else x, lambda n: (n, 5))
    check(scale, X)
    assert "ag__.if_exp" in ag.stage(scale).source()
    assert ag.stage(shape).source() == "def ag__lambda(n):\n    return (n, 5)"


def test_ambiguous_lambdas_stay_unconverted():
    # Without column information (PYTHONNODEBUGRANGES) the two lambdas of one line with
    # the same parameters cannot be told apart: both run unconverted, as plain Python --
    # still right on everything Python runs (staged arithmetic, Python conditions).
    script = textwrap.dedent("""
        import numpy as np, ag
        pair = (lambda x, c: x + 1 if c else x, lambda x, c: x * 2 if c else x)
        x = np.arange(3, dtype=np.float32)
        for fn in pair:
            staged = ag.stage(fn)
            assert staged.source() == "<source unavailable: not converted>", staged.source()
            for c in (True, False):
                np.testing.assert_array_equal(staged(x, c), fn(x, c))
        single = lambda x: x * 3 if x.sum() > 0 else -x
        assert "ag__.if_exp" in ag.stage(single).source()
        np.testing.assert_array_equal(ag.stage(single)(-x - 1), x + 1)
        print("ok")
        """)
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"ag_lambdas_{os.getpid()}.py")
    with open(path, "w") as f:
        f.write(script)
    try:
        env = dict(os.environ, PYTHONPATH=PYTHONPATH, PYTHONNODEBUGRANGES="1")
        done = subprocess.run([sys.executable, path], env=env, capture_output=True,
                              text=True, timeout=300)
    finally:
        os.unlink(path)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


# --- lambdas spanning lines, inside calls ----------------------------------------------------

def _identity(*fns):
    return fns


multi_line = _identity(
    lambda x:
        x * 2
        if x.sum() > 0 else -x,
    lambda x,
    c: x + 1 if c else x)


def test_lambda_inside_a_multi_line_call():
    first, second = multi_line
    check(first, X)
    check(first, -X)
    for path in PATHS:
        check(second, X, arg(True, path), path=path, region="scf.if")
    assert "ag__.if_exp" in ag.stage(first).source()
    assert "ag__.if_exp" in ag.stage(second).source()


def test_errors_name_the_lambdas_line():
    fn = lambda x, d: x / d if d != 0 else 1 // d  # noqa: E731
    with pytest.raises(ZeroDivisionError) as info:
        ag.stage(fn)(X, 0)
    frames = [(f.filename, f.lineno) for f in traceback.extract_tb(info.tb)]
    assert (HERE, _line(fn)) in frames, frames


def test_ag_errors_name_the_lambdas_line():
    fn = lambda x, c: x if c else x[:2]  # noqa: E731
    with pytest.raises(ag.AgValueError, match="branches of a staged condition disagree") \
            as info:
        ag.stage(fn)(X, np.array(True))
    assert f"{HERE}:{_line(fn)}:" in str(info.value), str(info.value)


# --- dynamic dims: x.shape, len(x), np.zeros of staged sizes ---------------------------------

SHAPE_LAMBDAS = {
    "zeros-state": lambda x: np.zeros((x.shape[0], 3), np.float32) + x[:, :3],
    "mean-over-rows": lambda x: x.sum(axis=0) / x.shape[0],
    "mean-over-len": lambda x: x.sum(axis=0) / len(x),
    "scale-by-dim": lambda x: x * x.shape[0],
    "scale-by-len": lambda x: len(x) * x,
    "ones-of-shape": lambda x: np.ones(x.shape, np.float32) + x,
    "full": lambda x: np.full((x.shape[0], 2), 7),
    "branch-on-dim": lambda x: x * 2 if x.shape[0] > 2 else x,
    "and-on-dim": lambda x: x * 2 if x.shape[0] > 2 and x.shape[1] == 6 else -x,
    "or-on-dim": lambda x: -x if x.shape[0] < 2 or x.sum() > 1e9 else x + 1,
    "reshape-computed": lambda x: x.reshape(x.shape[0] * 2, 3),
    "float-of-dim": lambda x: x / float(x.shape[0] + 1),
    "shape0-times": lambda x: x.shape[0] * 1.0 + x.sum(),
}


@pytest.mark.parametrize("name", list(SHAPE_LAMBDAS))
def test_dynamic_dims_read_as_values_in_lambdas(name):
    check_sizes(SHAPE_LAMBDAS[name], lambda n: (_data((n, 6)),),
                sizes=NONEMPTY if "mean" in name else SIZES)


def test_shape_reads_in_a_converted_lambda():
    source = ag.stage(SHAPE_LAMBDAS["zeros-state"], dynamic="batch").source()
    assert "ag__.converted_call(np.zeros, ((ag__.shape_of(x)[0], 3), np.float32), {})" \
        in source, source


def test_a_lambda_branching_on_a_dynamic_dim_stages_one_if():
    staged = ag.stage(SHAPE_LAMBDAS["branch-on-dim"], dynamic="batch")
    assert "scf.if" in staged.ir(_data((3, 6)))
