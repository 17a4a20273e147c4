"""The IR and converted source of AutoGraph-converted control flow (reference tests).

A staged condition or bound emits scf.if / scf.while / scf.for carrying exactly the
variables the statement modifies that are live afterwards (or at the loop head); a
Python condition emits no region at all. `.source()` shows the ag__ operator calls the
converter made. Checked by string on `StagedFunction.ir(...)` (emit="ag") and
`.source()`.
"""

import inspect
import re

import numpy as np
import pytest

import ag

HERE = __file__


def region_results(ir, op):
    """For every `op` region in `ir`, in textual order, the number of values it carries
    (scf.if: results; scf.while: loop-carried operands; scf.for: iter_args)."""
    if op == "scf.if":
        pattern = r"scf\.if %[\w#]+(?: -> \(([^)]*)\))?"
    elif op == "scf.while":
        pattern = r"scf\.while \(([^)]*)\)"
    elif op == "scf.for":
        pattern = r"scf\.for %\w+ = %\w+ to %\w+ step %\w+(?: iter_args\(([^)]*)\))?"
    else:
        raise AssertionError(op)
    return [len([t for t in (m or "").split(",") if t.strip()])
            for m in re.findall(pattern, ir)]


def assert_no_regions(ir):
    for op in ("scf.if", "scf.while", "scf.for"):
        assert op not in ir, ir


X = np.array([1.0, -2.0, 3.0], np.float32)
N = np.array(4, np.int64)


# --- sample functions -------------------------------------------------------------------------

def if_else(x, c):
    if c > 0:
        y = x * 2
    else:
        y = x - 1
    return y


def three_variables(x, c):
    a = x
    b = x * 2
    k = np.int64(0)
    unused = x
    if c:
        a = b + 1
        b = a * 3
        k = k + 1
        unused = unused * 5  # modified but not live afterwards: not carried
    return a, b, k


def branch_temporary(x, c):
    if c:
        t = x * 2
        x = t + 1
    return x


def elif_chain(x, c):
    if c > 10:
        r = x * 3
    elif c > 0:
        r = x * 2
    elif c > -10:
        r = x + 100
    else:
        r = -x
    return r


def ternary(x, c):
    return x * 2 if c else x - 1


def count_up(n):
    i = 0
    s = 0
    while i < n:
        s = s + i
        i = i + 1
    return i, s


def read_only_and_temporary(x, n):
    i = np.int64(0)
    s = np.zeros_like(x)
    while i < n:
        t = x * i  # x is only read; t is a body temporary: neither is carried
        s = s + t
        i = i + 1
    return s


def nested_while(n):
    i = np.int64(0)
    total = np.int64(0)
    while i < n:
        j = np.int64(0)
        while j < i:
            total = total + j
            j = j + 1
        i = i + 1
    return total


def sum_range(n):
    s = np.int64(0)
    for i in range(n):
        s = s + i
    return s


def several_carried(x, n):
    a = x
    b = np.zeros_like(x)
    k = np.int64(0)
    for i in range(n):
        t = a * 2
        a, b = b + 1, t
        k = k + i
    return a, b, k


def over_rows(xs):
    acc = np.zeros(xs.shape[1:], xs.dtype)
    for row in xs:
        acc = acc + row * row
    return acc


def nested_for(n, m):
    s = np.int64(0)
    for i in range(n):
        for j in range(m):
            s = s + i * j
    return s


def rnn(xs, h, Wx, Wh, b):
    for t in range(xs.shape[0]):
        h = np.tanh(xs[t] @ Wx + h @ Wh + b)
    return h


def logical(x, y):
    return (x > 0) and (y > 0) or not (x > y)


# --- scf.if -------------------------------------------------------------------------------

IF_CASES = [
    (if_else, (X, np.array(1)), (X, 1), [1]),
    (three_variables, (X, np.array(True)), (X, True), [3]),
    (branch_temporary, (X, np.array(True)), (X, True), [1]),
    (elif_chain, (X, np.array(5)), (X, 5), [1, 1, 1]),
    (ternary, (X, np.array(True)), (X, True), [1]),
]


@pytest.mark.parametrize("fn,staged_args,python_args,carried", IF_CASES,
                         ids=[c[0].__name__ for c in IF_CASES])
def test_scf_if(fn, staged_args, python_args, carried):
    s = ag.stage(fn)
    ir = s.ir(*staged_args)
    assert region_results(ir, "scf.if") == carried, ir
    assert "scf.while" not in ir and "scf.for" not in ir
    assert_no_regions(s.ir(*python_args))


# --- scf.while ----------------------------------------------------------------------------

# (A staged while carries its condition as well: Python tests it once before the loop.)
WHILE_CASES = [
    (count_up, (N,), (4,), [3]),
    (read_only_and_temporary, (X, N), (X, 4), [3]),
    (nested_while, (N,), (4,), [3, 3]),
]


@pytest.mark.parametrize("fn,staged_args,python_args,carried", WHILE_CASES,
                         ids=[c[0].__name__ for c in WHILE_CASES])
def test_scf_while(fn, staged_args, python_args, carried):
    s = ag.stage(fn)
    ir = s.ir(*staged_args)
    assert region_results(ir, "scf.while") == carried, ir
    assert "scf.condition" in ir
    assert_no_regions(s.ir(*python_args))


# --- scf.for ------------------------------------------------------------------------------

FOR_CASES = [
    (sum_range, (N,), (4,), [1]),
    (several_carried, (X, N), (X, 4), [3]),
    (nested_for, (N, N), (4, 4), [1, 1]),
]


@pytest.mark.parametrize("fn,staged_args,python_args,carried", FOR_CASES,
                         ids=[c[0].__name__ for c in FOR_CASES])
def test_scf_for(fn, staged_args, python_args, carried):
    s = ag.stage(fn)
    ir = s.ir(*staged_args)
    assert region_results(ir, "scf.for") == carried, ir
    assert_no_regions(s.ir(*python_args))


def test_scf_for_over_array_rows():
    ir = ag.stage(over_rows).ir(np.ones((3, 2), np.float32))
    assert region_results(ir, "scf.for") == [1], ir
    assert "ag.dynamic_index" in ir


def test_nested_for_with_one_python_bound():
    s = ag.stage(nested_for)
    # Outer bound Python: the outer loop is unrolled (4 copies of the inner scf.for).
    assert region_results(s.ir(4, N), "scf.for") == [1] * 4
    # Inner bound Python: one outer scf.for, its body holds the unrolled inner loop.
    assert region_results(s.ir(N, 4), "scf.for") == [1]


@pytest.mark.parametrize("T", [0, 1, 3])
def test_rnn_over_static_shape_is_unrolled(T):
    args = (np.ones((T, 2, 3), np.float32), np.zeros((2, 4), np.float32),
            np.ones((3, 4), np.float32), np.ones((4, 4), np.float32), np.ones(4, np.float32))
    ir = ag.stage(rnn).ir(*args)
    assert_no_regions(ir)
    assert ir.count("ag.tanh") == T


# --- logical operators --------------------------------------------------------------------

def test_staged_logical_operators_are_lazy_regions():
    # Staged `and`/`or` evaluate their right side only where Python would (an scf.if),
    # since it may index out of range otherwise (`i < n and x[i] > 0`); `not` is a ufunc.
    ir = ag.stage(logical).ir(np.float32(1), np.float32(2))
    assert ir.count("scf.if") >= 2, ir
    assert "ag.logical_not" in ir, ir
    ir = ag.stage(logical).ir(1.0, 2.0)  # Python values: folded while tracing
    assert "ag.logical" not in ir and "ag.gt" not in ir, ir


# --- converted source ---------------------------------------------------------------------

def _loc(fn, text):
    """The location tuple the converter passes for the statement on fn's line with text."""
    lines, first = inspect.getsourcelines(fn)
    for i, line in enumerate(lines):
        if text in line:
            return f"({HERE!r}, {first + i}, {len(line) - len(line.lstrip()) + 1})"
    raise AssertionError(text)


def test_source_if():
    src = ag.stage(if_else).source()
    assert "ag__.if_stmt(c > 0, " in src, src
    assert "('y',), " + _loc(if_else, "if c > 0") in src, src
    src = ag.stage(three_variables).source()
    # Every modified name is state (the else branch must not see the if branch's
    # bindings); `unused` is not live after the if, so only the others are merged.
    assert "('a', 'b', 'k', 'unused'), " in src, src
    assert ", ('a', 'b', 'k'))" in src, src


def test_source_while():
    src = ag.stage(count_up).source()
    assert "ag__.while_stmt(" in src, src
    assert "('i', 's'), " + _loc(count_up, "while i < n") in src, src
    assert "return i < n" in src, src  # the condition became a function
    src = ag.stage(read_only_and_temporary).source()
    assert "('i', 's'), " in src, src


def test_source_for():
    src = ag.stage(sum_range).source()
    assert "ag__.for_stmt(ag__.converted_call(range, (n,), {}), " in src, src
    assert "('s',), " + _loc(sum_range, "for i in range(n)") in src, src
    src = ag.stage(over_rows).source()
    assert "ag__.for_stmt(xs, " in src, src


def test_source_expressions():
    src = ag.stage(ternary).source()
    assert "ag__.if_exp(c, lambda: x * 2, lambda: x - 1, " in src, src
    src = ag.stage(logical).source()
    assert "ag__.or_(lambda: ag__.and_(lambda: x > 0, lambda: y > 0), " \
        "lambda: ag__.not_(x > y))" in src, src
