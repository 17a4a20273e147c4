"""The process's JIT (backends/cpu/HostJit.h): a compiled function's code is freed with
it -- a StagedFunction's bounded cache evicting, or the StagedFunction dropped -- so a
process that keeps compiling new specialisations does not keep their code; and threads
call compiled code while another thread compiles and frees.

`_ag.live_engines()` counts the compiled modules whose code is in the JIT."""

import gc
import threading

import numpy as np
import pytest

import ag
from ag import _ag


@pytest.fixture(autouse=True)
def _no_persistent_cache(monkeypatch):
    # Every call compiles (no object code from an earlier run is linked instead).
    monkeypatch.setenv("AG_CACHE_DIR", "off")


def scaled_tanh(x, k):
    return np.tanh(x) * k + k


def test_an_evicting_cache_frees_the_code_of_what_it_evicts():
    x = np.random.default_rng(0).standard_normal((5, 7)).astype(np.float32)
    gc.collect()
    before = _ag.live_engines()
    f = ag.stage(scaled_tanh, max_cache=2, warn_after=1000)
    for k in range(24):  # a Python scalar is a constant: a compile per k
        np.testing.assert_allclose(f(x, k), scaled_tanh(x, k), rtol=1e-5, atol=1e-5)
        ag.wait_compiles()  # (the tiering worker holds a module until its second tier)
        gc.collect()
        # Two cached functions, each with its code of one tier or two (ag._tiers).
        assert _ag.live_engines() <= before + 4, k
    del f
    gc.collect()
    assert _ag.live_engines() == before


def test_dropping_staged_functions_frees_their_code():
    x = np.random.default_rng(1).standard_normal((3, 4))
    gc.collect()
    before = _ag.live_engines()
    for k in range(12):
        f = ag.stage(scaled_tanh)
        np.testing.assert_allclose(f(x, float(k)), scaled_tanh(x, float(k)), rtol=1e-5,
                                   atol=1e-5)
        del f
    gc.collect()
    assert _ag.live_engines() == before


def test_threads_call_compiled_code_while_another_compiles_and_frees():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((64, 33)).astype(np.float32)
    steady = ag.stage(lambda a: np.exp(a).sum(axis=1) / a.shape[1])
    expected = np.exp(x).sum(axis=1) / x.shape[1]
    np.testing.assert_allclose(steady(x), expected, rtol=1e-5)
    stop = threading.Event()
    errors = []

    def call_until_stopped():
        calls = 0
        try:
            while not stop.is_set() or calls < 20:
                np.testing.assert_allclose(steady(x), expected, rtol=1e-5)
                calls += 1
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    callers = [threading.Thread(target=call_until_stopped) for _ in range(2)]
    for t in callers:
        t.start()
    try:
        for k in range(10):
            f = ag.stage(scaled_tanh, warn_after=1000)
            np.testing.assert_allclose(f(x, k), scaled_tanh(x, k), rtol=1e-5, atol=1e-5)
            del f
    finally:
        stop.set()
        for t in callers:
            t.join()
    assert not errors, errors[0]
