"""Pickling staged functions: by reference to the module function plus stage options, by
value for closures, lambdas and functions without an importable name; unpickled into
working staged functions in other processes (multiprocessing and concurrent.futures with
spawn), whose compiled code comes from the shared persistent cache."""

import concurrent.futures
import linecache
import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import ag
import _pickling_helpers as helpers

RTOL = ATOL = 1e-5
SPAWN = multiprocessing.get_context("spawn")


@pytest.fixture(scope="module")
def pool():
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=SPAWN) as ex:
        yield ex


def _close(a, b):
    np.testing.assert_allclose(a, b, rtol=RTOL, atol=ATOL)
    assert np.asarray(a).dtype == np.asarray(b).dtype
    assert np.shape(a) == np.shape(b)


def _make_closure(k, bias):
    def affine(x):
        y = x * k
        while y.max() > 10:      # staged loop: the source must reach the worker
            y = y / 2
        return _local_helper(y) + bias
    return affine


def _local_helper(y):
    return np.sqrt(np.abs(y))


# --- in this process ----------------------------------------------------------------

def test_by_reference_is_the_module_object():
    data = pickle.dumps(helpers.scaled_relu)
    assert b"_pickling_helpers" in data and b"scaled_relu" in data
    assert len(data) < 300  # a reference, not code
    assert pickle.loads(data) is helpers.scaled_relu


def test_by_reference_keeps_the_stage_options():
    staged = ag.stage(helpers.plain_layer, dynamic="batch", max_cache=5)
    data = pickle.dumps(staged)
    assert b"marshal" not in data  # no code: the module's function by name
    again = pickle.loads(data)
    assert again._fn is helpers.plain_layer
    assert again._stage_options == staged._stage_options
    assert pickle.loads(data) is again  # one staged function per process and options
    w = np.ones((4, 3), np.float32)
    outs, traces = helpers.call_sizes(again, w, [2, 5, 7])
    assert traces == 1  # dynamic="batch" survived


def test_by_value_closure_lambda_recursion():
    staged = ag.stage(_make_closure(3.0, 1.5))
    x = np.linspace(-4, 4, 9, dtype=np.float32)
    again = pickle.loads(pickle.dumps(staged))
    assert again is not staged and again._fn is not staged._fn
    _close(again(x), _make_closure(3.0, 1.5)(x))
    assert "ag__." in again.source()  # converted from the shipped source

    lam = ag.stage(lambda x, y: x + y if x.sum() > y.sum() else x - y)
    a, b = np.arange(4.0), np.ones(4)
    _close(pickle.loads(pickle.dumps(lam))(a, b), a + b)

    def fact(n):
        return 1 if n < 2 else n * fact(n - 1)   # recursion through a closure cell
    _close(pickle.loads(pickle.dumps(ag.stage(fact)))(np.int64(10)), np.int64(3628800))


def test_by_value_needs_no_cloudpickle(tmp_path):
    # Pickled here and run in a process where cloudpickle cannot be imported.
    (tmp_path / "f.pkl").write_bytes(pickle.dumps(ag.stage(_make_closure(2.0, 0.0))))
    code = ("import sys, pickle, numpy as np\n"
            "sys.modules['cloudpickle'] = None\n"
            f"f = pickle.loads(open({str(tmp_path / 'f.pkl')!r}, 'rb').read())\n"
            "print(f(np.array([1.0, 30.0])).tolist())\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, PYTHONPATH=os.pathsep.join(
                              p for p in sys.path if p)))
    assert proc.returncode == 0, proc.stderr
    assert eval(proc.stdout) == _make_closure(2.0, 0.0)(np.array([1.0, 30.0])).tolist()


def test_changed_closure_value_is_not_memoised_stale():
    k = [2.0]

    def make():
        scale = k[0]
        return lambda x: x * scale
    first = pickle.loads(pickle.dumps(ag.stage(make())))
    k[0] = 5.0
    second = pickle.loads(pickle.dumps(ag.stage(make())))
    x = np.ones(3)
    _close(first(x), x * 2.0)
    _close(second(x), x * 5.0)


def test_cloudpickle_can_carry_a_staged_function():
    cloudpickle = pytest.importorskip("cloudpickle")
    staged = ag.stage(_make_closure(1.0, 2.0))
    x = np.arange(5, dtype=np.float64)
    _close(pickle.loads(cloudpickle.dumps(staged))(x), _make_closure(1.0, 2.0)(x))


# --- in other processes -------------------------------------------------------------

def test_process_pool_by_reference_and_by_value(pool):
    rng = np.random.default_rng(1)
    chunks = [rng.standard_normal((4, 6)).astype(np.float32) for _ in range(6)]
    closure = ag.stage(_make_closure(4.0, -1.0))
    futures = [pool.submit(helpers.call, helpers.scaled_relu, c) for c in chunks] + \
              [pool.submit(helpers.call, closure, c) for c in chunks]
    results = [f.result(timeout=300) for f in futures]
    for c, (out, _, _, _) in zip(chunks, results[:6]):
        _close(out, helpers.scaled_relu.__wrapped__(c))
    for c, (out, _, _, _) in zip(chunks, results[6:]):
        _close(out, _make_closure(4.0, -1.0)(c))
    # Each worker traces each function at most twice (one signature; scaled_relu's
    # staged `if` is one trace): the unpickled function is reused across tasks.
    last = {}
    for (_, traces, info, pid), fn in zip(results, ["ref"] * 6 + ["value"] * 6):
        last[(pid, fn)] = (traces, info)
    for (pid, fn), (traces, info) in last.items():
        assert traces == 1, (fn, traces)
        assert info["misses"] + info["hits"] <= 2, info  # one compile or link each


def test_multiprocessing_pool_spawn_uses_the_shared_cache(tmp_path):
    # A first process compiles and writes the cache; a pool's processes sharing it then
    # link the stored code: no compile at all in them.
    env = dict(os.environ, AG_CACHE_DIR=str(tmp_path))
    staged = ag.stage(helpers.plain_layer)
    x, w = np.ones((3, 4), np.float32), np.full((4, 2), 0.1, np.float32)
    warm = ("import sys, numpy as np, ag, _pickling_helpers as h\n"
            "ag.stage(h.plain_layer)(np.ones((3, 4), np.float32), "
            "np.full((4, 2), 0.1, np.float32))\n"
            "ag.wait_compiles()\n"  # (a tiered compile writes its optimised code)
            "assert ag.cache_info().writes == 1, ag.cache_info()\n")
    subprocess.run([sys.executable, "-c", warm], check=True, env=dict(
        env, PYTHONPATH=os.pathsep.join(p for p in sys.path if p)), timeout=120)
    old = os.environ.get("AG_CACHE_DIR")
    os.environ["AG_CACHE_DIR"] = str(tmp_path)  # spawned children inherit it
    try:
        with SPAWN.Pool(2) as p:
            results = p.starmap(helpers.call, [(staged, x, w)] * 4)
    finally:
        if old is None:
            del os.environ["AG_CACHE_DIR"]
        else:
            os.environ["AG_CACHE_DIR"] = old
    for out, traces, info, _ in results:
        _close(out, helpers.plain_layer(x, w))
        assert info["misses"] == 0 and info["writes"] == 0, info
        assert info["hits"] == 1, info


def test_source_only_in_linecache_reaches_the_worker(pool):
    # A function whose source exists only in this process's linecache (as an IPython
    # cell's or an exec'd string registered there): pickled by value with its lines, it
    # converts in the worker, where no file and no linecache entry exist.
    filename = "<ag-test-cell-7>"
    source = textwrap.dedent("""
        import numpy as np

        def clip_norm(x, limit):
            n = np.sqrt((x * x).sum())
            if n > limit:
                x = x * (limit / n)
            return x
        """)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"__name__": "__main__"}
    exec(compile(source, filename, "exec"), namespace)
    staged = ag.stage(namespace["clip_norm"])
    x = np.arange(6, dtype=np.float64)
    for limit in (np.float64(1.0), np.float64(100.0)):
        out, traces, _, _ = pool.submit(helpers.call, staged, x, limit).result(timeout=300)
        _close(out, namespace["clip_norm"](x, limit))
