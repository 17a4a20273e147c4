"""ag.stage(f, compile_budget=...) and AG_LOG=compile: a compile over its budget is
optimised less and says why (the budget is tiny here, so no test depends on timing);
the result is still numpy's on both dispatch paths. AG_LOG=compile prints the time of
each stage, for a compile and for a load from the persistent cache; AG_LOG=passes MLIR's
timing report of every pass in each stage."""

import re
import warnings

import numpy as np
import pytest

import ag


def _program(x, w):
    h = np.tanh(x @ w + 0.5)
    for i in range(3):
        h = h * 0.5 + np.sin(h)
    return h.sum(axis=1), h.max()


def _args():
    rng = np.random.default_rng(3)
    return (rng.standard_normal((7, 5)).astype(np.float32),
            rng.standard_normal((5, 6)).astype(np.float32))


def _check(staged):
    args = _args()
    want = _program(*args)
    for _ in range(2):  # trace + compile, then the C dispatcher
        got = staged(*args)
        for g, w in zip(got, want):
            assert np.asarray(g).dtype == np.asarray(w).dtype
            np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-5)


@pytest.fixture
def no_cache(monkeypatch):
    """A cached entry would be linked without compiling: no budget to exceed."""
    monkeypatch.setenv("AG_CACHE_DIR", "off")


def test_over_budget_lowers_the_level_and_warns(no_cache):
    staged = ag.stage(_program, compile_budget=1e-9)
    with pytest.warns(ag.AgCompileWarning) as record:
        _check(staged)
    assert len(record) == 1
    message = str(record[0].message)
    assert "'_program'" in message and "compile budget of 1e-09 s" in message
    assert "LLVM at O3" in message and "compiled at O0" in message


def test_within_budget_is_silent(no_cache):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ag.AgCompileWarning)
        _check(ag.stage(_program, compile_budget=3600))
        _check(ag.stage(_program, compile_budget=None))


@pytest.mark.parametrize("budget", [0, -1, "1", True, float("nan")])
def test_invalid_budget(budget):
    with pytest.raises(ag.AgValueError, match="compile_budget"):
        ag.stage(_program, compile_budget=budget)


def test_log_compile_prints_stage_times(tmp_path, monkeypatch, capfd):
    monkeypatch.setenv("AG_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("AG_CACHE_RECORDS", "on")
    monkeypatch.setenv("AG_LOG", "compile")
    monkeypatch.setenv("AG_TIER", "off")  # one compile at O3 (two tiers: test_tiers.py)
    _check(ag.stage(_program))
    err = capfd.readouterr().err
    assert "ag: compiled '_program'" in err and "cache miss, O3" in err
    for stage in ("trace", "-> linalg", "-> bufferized", "-> llvm", "LLVM translate",
                  "LLVM optimize O3", "LLVM codegen"):
        assert f"{stage} " in err, stage
    _check(ag.stage(_program))  # another StagedFunction: its trace record, no trace
    err = capfd.readouterr().err
    # (Its shared object, or the object code linked with ORC while that is linked.)
    assert "(trace record hit)" in err and \
        ("load shared object" in err or "link cached object" in err), err
    assert "-> bufferized" not in err and not re.search(r"[:,] trace [\d.]+ ms", err)
    monkeypatch.setenv("AG_CACHE_RECORDS", "off")
    _check(ag.stage(_program))  # traces, links the cached code
    err = capfd.readouterr().err
    assert "(cache hit)" in err and "link cached object" in err
    assert re.search(r"[:,] trace [\d.]+ ms", err)
    assert "-> bufferized" not in err


def test_log_passes_prints_every_pass_of_each_stage(monkeypatch, capfd):
    monkeypatch.setenv("AG_CACHE_DIR", "off")
    monkeypatch.setenv("AG_LOG", "passes")
    _check(ag.stage(_program))
    err = capfd.readouterr().err
    for stage, passes in [("linalg", ["ConvertAgToLinalg", "AgCanonicalize"]),
                          ("bufferized", ["OneShotBufferize"]),
                          ("llvm", ["AgConvertToLLVM", "ReconcileUnrealizedCasts"])]:
        report = err.split(f"ag: passes of the stage '{stage}':")[1].split("ag: passes")[0]
        assert "Execution time report" in report, err
        for name in passes:
            assert name in report, (stage, name, report)


def test_log_is_quiet_without_the_topic(tmp_path, monkeypatch, capfd):
    monkeypatch.setenv("AG_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("AG_LOG", "convert-not,loops")
    ag.stage(lambda x: x + 1)(np.ones(2))
    assert "ag: compiled" not in capfd.readouterr().err
