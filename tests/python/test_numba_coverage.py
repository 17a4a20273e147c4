"""numba 0.56's "Supported NumPy features" (the table tests/python/_numba_features.py)
under ag.stage. Every item ag stages stays staged with numpy's results (value, dtype,
shape; floats rtol/atol 1e-5, integers exact) on both dispatch paths; every item ag does
not stage is listed in REFUSED with its reason and must still be refused with an ag
error naming it (so staging one fails this test until it leaves the list: coverage
changes knowingly). bench/numba_coverage.py prints the same classification item by
item; README.md's count is checked against this file."""

import copy
import os
import re
import warnings

import numpy as np
import pytest

import ag
from _numba_features import FEATURES, numpy_scalars
from _reference import assert_same

# What ag does not stage, by item: a fragment of the ag error one of its forms raises.
# The reasons in words are in README.md ("numba's NumPy features").
REFUSED = {
    # dtypes ag does not stage
    "datetime64/timedelta64 arrays": "has dtype datetime64[D]",
    "structured arrays (record fields)": "has dtype |V16",
    "character sequences": "has dtype <U2",
    "np.isnat": "has dtype datetime64[D]",
    # numpy's Python code asks for a value (not converted, not dispatched)
}

# Items whose staged result differs from numpy's, or that fail without an ag error:
# defects, expected to fail until fixed (strict: a fix makes this test fail until the
# item leaves this list).
DEFECTS = {}

BY_NAME = {f.name: f for f in FEATURES}
NOT_IN_NUMPY = [f.name for f in FEATURES if not f.forms]
STAGED = [f for f in FEATURES if f.forms and f.name not in REFUSED and f.name not in DEFECTS]
CHUNK = 12  # forms staged together in one function (one compile covers them)


def _run(fn, args):
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return numpy_scalars(fn(*args))


def _check_forms(forms):
    """None if the forms, staged together, give numpy's results on both calls."""
    parts, n = [], 0
    for form in forms:
        parts.append((form.fn, n, n + len(form.args)))
        n += len(form.args)

    def combined(*args):
        return tuple(fn(*args[lo:hi]) for fn, lo, hi in parts)
    expected = tuple(_run(form.fn, copy.deepcopy(form.args)) for form in forms)
    staged = ag.stage(combined)
    for call in ("first", "cached"):
        # Each form's own copies: forms share arrays, and some write theirs.
        args = tuple(a for form in forms for a in copy.deepcopy(form.args))
        try:
            assert_same(_run(staged, args), expected)
        except (AssertionError, Exception) as e:  # noqa: BLE001 - named below
            return f"{call} call: {type(e).__name__}: {e}"
    return None


def _chunks():
    forms = [(f.name, form) for f in STAGED for form in f.forms]
    return [forms[i:i + CHUNK] for i in range(0, len(forms), CHUNK)]


@pytest.mark.parametrize("chunk", _chunks(), ids=lambda c: f"{c[0][0]}..{c[-1][0]}")
def test_staged_items_stay_staged(chunk):
    if _check_forms([form for _, form in chunk]) is None:
        return
    failures = []
    for name, form in chunk:  # name the form that differs
        problem = _check_forms([form])
        if problem:
            failures.append(f"{name}: {problem}")
    assert failures, "the forms staged together differ though each alone matches"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_items_stay_refused(name):
    """One form raises an ag error with the listed reason; the forms ag stages give
    numpy's results (a refusal, never a wrong value)."""
    refused = []
    for form in BY_NAME[name].forms:
        try:
            problem = _check_forms([form])
        except ag.AgError as e:
            refused.append(str(e))
            continue
        assert problem is None or "AgError" not in problem and \
            not problem.startswith(("first call: AssertionError",
                                    "cached call: AssertionError")), problem
        if problem:
            refused.append(problem)
    assert refused, f"{name} is staged now: move it out of REFUSED (and update README.md)"
    assert any(REFUSED[name] in r for r in refused), refused


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_known_defects(name):
    problems = [_check_forms([form]) for form in BY_NAME[name].forms]
    if not any(problems):
        pytest.fail(f"{name} is fixed: move it out of DEFECTS (and update README.md)")
    pytest.xfail(DEFECTS[name])


def test_table_and_lists_agree():
    names = set(BY_NAME)
    assert len(names) == len(FEATURES), "an item is listed twice"
    assert set(REFUSED) <= names and set(DEFECTS) <= names
    assert not set(REFUSED) & set(DEFECTS)
    assert sorted(NOT_IN_NUMPY) == ["np.MachAr", "np.flatten"]


def test_readme_states_the_count():
    """README.md's "N of M" is this file's count."""
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    with open(os.path.join(root, "README.md")) as f:
        readme = f.read()
    total = len(FEATURES) - len(NOT_IN_NUMPY)
    found = re.search(r"ag stages \*\*(\d+) of (\d+)\*\*", readme)
    assert found, "README.md has no 'ag stages **N of M**' sentence"
    assert (int(found.group(1)), int(found.group(2))) == (len(STAGED), total), \
        f"README.md says {found.group(0)}; the table has {len(STAGED)} of {total}"
