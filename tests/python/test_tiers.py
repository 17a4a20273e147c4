"""Tiered compilation (ag._tiers, CompiledModule::tierUp): a module whose LLVM compile
is slow next to its work runs code compiled at O0 on its first calls while a worker
compiles it at O3 and swaps it in. Results are numpy's in both tiers and across the
swap (also with other threads calling meanwhile); the persistent cache and trace
records hold only the optimised code; the interpreter waits for the worker at exit."""

import os
import re
import subprocess
import sys
import threading

import numpy as np
import pytest

import ag


def program(x, y):
    # Enough ops that LLVM at O3 takes long next to O0, on small arrays: two tiers.
    acc = x * 0
    for i in range(x.shape[0]):
        row = np.tanh(x[i] * y + 0.5) - np.sin(y) * np.cos(x[i])
        acc[i] = row * 2 + np.exp(-row * row) + np.sqrt(np.abs(row) + 1.0)
    z = acc @ acc.T
    w = np.where(z > 0, np.log1p(np.abs(z)), -np.log1p(np.abs(z)))
    return w.sum(axis=0) / (1 + np.max(np.abs(w))), np.argmax(w, axis=1)


def _args(rows=16, cols=8):
    rng = np.random.default_rng(0)
    return (rng.standard_normal((rows, cols)).astype(np.float32),
            rng.standard_normal(cols).astype(np.float32))


def _check(got, args):
    want = program(*args)
    np.testing.assert_allclose(got[0], want[0], rtol=1e-4, atol=1e-5)
    np.testing.assert_array_equal(got[1], want[1])
    assert got[0].dtype == want[0].dtype and got[1].dtype == want[1].dtype


def _compiled(staged):
    (entry,) = staged._cache.values()
    return entry.compiled


@pytest.fixture
def no_cache(monkeypatch):
    monkeypatch.setenv("AG_CACHE_DIR", "off")
    monkeypatch.delenv("AG_TIER", raising=False)


def test_first_calls_run_the_first_tier_then_the_optimised_code(no_cache, monkeypatch,
                                                                 capfd):
    monkeypatch.setenv("AG_LOG", "compile")
    args = _args()
    staged = ag.stage(program)
    _check(staged(*args), args)
    err = capfd.readouterr().err
    assert "(cache off, O0, first tier)" in err, err
    assert re.search(r"tiers of 'program': O0 first: LLVM at O3 estimated", err), err
    _check(staged(*args), args)  # the first tier's or the second's: numpy's either way
    assert ag.wait_compiles(timeout=120)
    assert "second tier, O3, in the background" in capfd.readouterr().err
    compiled = _compiled(staged)
    assert compiled.opt_level == 3 and not compiled.tier_pending
    for _ in range(3):
        _check(staged(*args), args)


def test_tier_off_compiles_once_at_the_level(no_cache, monkeypatch):
    monkeypatch.setenv("AG_TIER", "off")
    args = _args()
    staged = ag.stage(program)
    _check(staged(*args), args)
    compiled = _compiled(staged)
    assert compiled.opt_level == 3 and not compiled.tier_pending
    assert compiled.tier_note == ""


def test_small_modules_and_large_work_compile_in_one_tier(no_cache):
    small = ag.stage(lambda x: x * 2 + 1)
    small(np.ones(4))
    assert _compiled(small).opt_level == 3 and not _compiled(small).tier_pending
    assert _compiled(small).tier_note.startswith("one tier:")
    # The same program on 4096 rows: O0 code would cost more than the compile it saves.
    args = _args(rows=4096, cols=256)
    staged = ag.stage(program)
    _check(staged(*args), args)
    compiled = _compiled(staged)
    assert compiled.opt_level == 3 and not compiled.tier_pending
    assert compiled.tier_note.startswith("one tier:"), compiled.tier_note


def program_with_a_while(x, y, steps):
    out = program(x, y)[0]
    k = 0
    while k < steps:  # a trip count known only when it runs
        out = out * 0.5 + np.tanh(out)
        k += 1
    return out


def test_an_unknown_trip_count_or_size_compiles_in_one_tier(no_cache):
    # A call that may run long must not run O0 code all along.
    args = _args()
    staged = ag.stage(program_with_a_while)
    got = staged(*args, np.int64(3))
    np.testing.assert_allclose(got, program_with_a_while(*args, 3), rtol=1e-4, atol=1e-5)
    assert _compiled(staged).opt_level == 3 and not _compiled(staged).tier_pending
    assert "trip count or size unknown" in _compiled(staged).tier_note
    dynamic = ag.stage(program, dynamic={"x": 0})
    _check(dynamic(*args), args)
    assert "trip count or size unknown" in _compiled(dynamic).tier_note


def test_calls_from_threads_across_the_swap(no_cache):
    args = _args()
    staged = ag.stage(program)
    _check(staged(*args), args)
    failures = []

    def call():
        try:
            for _ in range(40):
                _check(staged(*args), args)
        except Exception as e:  # noqa: BLE001 -- reported below
            failures.append(e)
    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[0]
    assert ag.wait_compiles(timeout=120)
    assert _compiled(staged).opt_level == 3


def test_the_cache_stores_the_optimised_code_once(tmp_path, monkeypatch):
    monkeypatch.setenv("AG_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("AG_CACHE_RECORDS", "on")
    monkeypatch.delenv("AG_TIER", raising=False)
    before = ag.cache_info()
    args = _args()
    staged = ag.stage(program)
    _check(staged(*args), args)
    assert _compiled(staged).tier_note.startswith("O0 first")
    assert ag.wait_compiles(timeout=120)
    info = ag.cache_info()
    assert info.entries == 1 and info.records == 1
    # (One object written: the O3 tier's, never the O0 code.)
    assert info.writes - before.writes >= 2  # the object and the record


_CHILD = """
import sys
sys.path.insert(0, {path!r})
sys.path.insert(0, {tests!r})
import ag
from test_tiers import program, _args
args = _args()
ag.stage(program)(*args)
"""


def test_exit_waits_for_the_second_tier_and_a_new_process_links_it(tmp_path):
    env = dict(os.environ, AG_CACHE_DIR=str(tmp_path), AG_LOG="compile",
               AG_CACHE_RECORDS="off")
    env.pop("AG_TIER", None)
    code = _CHILD.format(path=os.path.dirname(os.path.dirname(ag.__file__)),
                         tests=os.path.dirname(__file__))
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "O0, first tier" in first.stderr and "second tier, O3" in first.stderr
    assert "cache write" in first.stderr or os.listdir(tmp_path)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert "(cache hit)" in second.stderr and "first tier" not in second.stderr


def _work(compiled):
    """The elements the tier note says the module's ops touch."""
    return float(re.search(r"for ([0-9.e+]+) elements", compiled.tier_note).group(1))


@pytest.mark.parametrize("reduce", [np.max, np.sum, np.argmin, np.any])
def test_a_reduction_s_work_is_what_it_reads(no_cache, reduce):
    # The first tier's cost is per element an op touches: a reduction to one element
    # walks its whole operand (counted as one element, a large reduction ran O0 code).
    staged = ag.stage(lambda x: reduce(x))
    staged(np.ones(2000, bool if reduce is np.any else float))
    assert _work(_compiled(staged)) == 2000, _compiled(staged).tier_note

    def rows(x):
        out = 0.0
        for i in range(x.shape[0]):
            out += reduce(x[i])
        return out
    staged = ag.stage(rows)
    staged(np.ones((8, 250)))
    assert _work(_compiled(staged)) >= 2000, _compiled(staged).tier_note
