"""The persistent cache of compiled code (frontend/ag/_cache.py): a new process that
finds a function's object code gives the same results, prints, draws and errors as one
that compiled it; edited callees, changed globals and another ag build miss; broken
entries are ignored and rebuilt; concurrent writers publish whole entries; the size
bound evicts the least recently used; AG_CACHE_DIR=off stores nothing.

Each process test runs a small program (MODULE) in fresh interpreters against a cache
directory of its own, and compares what they print -- results, staged prints, cache
counters -- with the same program run eagerly."""

import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

import ag
from ag import _cache

PYTHONPATH = os.path.abspath(os.path.dirname(ag.__path__[0]))

# A module with what a trace leaves besides the IR: a staged print, an assert, np.random
# draws (host calls), a written argument, a tuple result, a callee, a global.
MODULE = """
import numpy as np

SCALE = {scale}

def helper(x):
    return x * {factor}

def program(x, out):
    y = helper(x) + SCALE
    print("sum", y.sum())
    assert y.sum() > -1e9, "too small"
    noise = np.random.rand(3)
    out[0] = y[0] * 2
    return y.astype(np.float32), noise
"""

# Run in a fresh process: stages (or not) the program, calls it twice (trace + compiled
# path, then the C dispatcher), prints the results as JSON and the cache counters.
DRIVER = """
import json, sys, warnings
import numpy as np
sys.path.insert(0, {moddir!r})
import ag, prog
eager = {eager}
if not eager:
    # Callback ids of this process differ from the process that compiled: another
    # function with prints is traced first.
    @ag.stage
    def other(x):
        print("other", x)
        return x + 1
    other(np.zeros(2))
before = ag.cache_info()
fn = prog.program if eager else ag.stage(prog.program)
np.random.seed(7)
rows = []
for call in range(2):
    x = np.arange(6, dtype=np.float64) + call
    out = np.zeros(3)
    y, noise = fn(x, out)
    rows.append([y.dtype.name, y.tolist(), noise.tolist(), out.tolist()])
print("RESULT " + json.dumps(rows))
if not eager:  # what the program's calls did to the cache (once compiled: ag._tiers)
    ag.wait_compiles()
    after = ag.cache_info()
    print("CACHE " + json.dumps({{k: getattr(after, k) - getattr(before, k)
                                  for k in ("hits", "misses", "writes", "ignored")}}))
"""


def _run(tmp_path, cache, eager=False, scale=1.5, factor=2, env=None, pythonpath=None):
    """Writes the module and runs the driver; (results, cache info, printed lines)."""
    moddir = tmp_path / "mod"
    moddir.mkdir(exist_ok=True)
    (moddir / "prog.py").write_text(MODULE.format(scale=scale, factor=factor))
    shutil.rmtree(moddir / "__pycache__", ignore_errors=True)
    full_env = dict(os.environ, PYTHONPATH=pythonpath or PYTHONPATH,
                    AG_CACHE_DIR=str(cache))
    full_env.update(env or {})
    done = subprocess.run(
        [sys.executable, "-c", DRIVER.format(moddir=str(moddir), eager=eager)],
        env=full_env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    result = json.loads(next(l for l in lines if l.startswith("RESULT "))[7:])
    info = [json.loads(l[6:]) for l in lines if l.startswith("CACHE ")]
    printed = [l for l in lines if l.startswith("sum")]
    return result, (info[0] if info else None), printed


def _assert_same(staged, eager):
    for got, want in zip(staged, eager):
        assert got[0] == want[0]
        np.testing.assert_allclose(got[1], want[1], rtol=1e-6)
        assert got[2] == want[2], "np.random draws differ from eager"
        assert got[3] == want[3]


def _entries(cache):
    return sorted(glob.glob(os.path.join(str(cache), "*.agobj")))


def test_hit_in_new_process_gives_eager_results(tmp_path):
    cache = tmp_path / "cache"
    eager, _, eager_printed = _run(tmp_path, cache, eager=True)
    first, info1, printed1 = _run(tmp_path, cache)
    assert info1["writes"] >= 1 and info1["hits"] == 0
    second, info2, printed2 = _run(tmp_path, cache)
    assert info2["hits"] == 1 and info2["misses"] == 0 and info2["ignored"] == 0
    assert info2["writes"] == 0
    _assert_same(first, eager)
    _assert_same(second, eager)
    assert printed1 == eager_printed and printed2 == eager_printed


def test_hit_runs_asserts_of_this_process(tmp_path):
    """A failing staged assert of a cached function raises with the user's message."""
    cache = tmp_path / "cache"
    code = """
import numpy as np, ag
@ag.stage
def f(x):
    assert x.sum() > 0, "needs a positive sum"
    return x * 2
try:
    f(-np.ones(3))
except AssertionError as e:
    print("RAISED", e)
print("CACHE", ag.cache_info().hits)
"""
    script = tmp_path / "asserting.py"  # (converted functions need a source file)
    script.write_text(code)
    outs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                              env=dict(os.environ, PYTHONPATH=PYTHONPATH,
                                       AG_CACHE_DIR=str(cache)), timeout=300)
        assert done.returncode == 0, done.stderr
        outs.append(done.stdout.splitlines())
    assert outs[0][0] == outs[1][0] == "RAISED needs a positive sum"
    assert outs[0][1] == "CACHE 0" and outs[1][1] == "CACHE 1"


def test_editing_a_callee_invalidates(tmp_path):
    """numba's stale-callee bug (#1833) must not exist: the callee's new code runs."""
    cache = tmp_path / "cache"
    _run(tmp_path, cache, factor=2)
    edited, info, _ = _run(tmp_path, cache, factor=3)
    eager, _, _ = _run(tmp_path, cache, eager=True, factor=3)
    _assert_same(edited, eager)
    assert info["hits"] == 0 and info["writes"] >= 1


def test_changing_a_global_invalidates(tmp_path):
    cache = tmp_path / "cache"
    _run(tmp_path, cache, scale=1.5)
    changed, info, _ = _run(tmp_path, cache, scale=-4.25)
    eager, _, _ = _run(tmp_path, cache, eager=True, scale=-4.25)
    _assert_same(changed, eager)
    assert info["hits"] == 0


def test_another_build_of_ag_misses(tmp_path):
    """A rebuilt extension (here: the same file with another modification time) is
    another compiler: its entries are not used."""
    copy = tmp_path / "agcopy"
    shutil.copytree(PYTHONPATH, copy, ignore=shutil.ignore_patterns("__pycache__"))
    cache = tmp_path / "cache"
    first, info1, _ = _run(tmp_path, cache, pythonpath=str(copy))
    again, info2, _ = _run(tmp_path, cache, pythonpath=str(copy))
    assert info2["hits"] == 1
    extension = glob.glob(str(copy / "ag" / "_ag*.so"))[0]
    later = os.stat(extension).st_mtime_ns + 10**9
    os.utime(extension, ns=(later, later))
    rebuilt, info3, _ = _run(tmp_path, cache, pythonpath=str(copy))
    assert info3["hits"] == 0 and info3["writes"] >= 1
    _assert_same(rebuilt, first)


def _corrupt_all(cache, how):
    for path in _entries(cache):
        data = open(path, "rb").read()
        if how == "truncate":
            data = data[:len(data) // 2]
        elif how == "flip":  # one bit of the object code
            data = data[:-100] + bytes([data[-100] ^ 1]) + data[-99:]
        elif how == "empty":
            data = b""
        elif how == "garbage":
            data = os.urandom(len(data))
        elif how == "unlinkable":  # a whole entry of this build whose code is junk
            magic = _cache._MAGIC
            n = int.from_bytes(data[len(magic):len(magic) + 4], "little")
            header = json.loads(data[len(magic) + 4:len(magic) + 4 + n])
            junk = b"\x7fELF" + bytes(200)
            header.update(size=len(junk), sha256=hashlib.sha256(junk).hexdigest())
            encoded = json.dumps(header).encode()
            data = magic + len(encoded).to_bytes(4, "little") + encoded + junk
        elif how == "foreign":  # another build's entry under this key
            magic = _cache._MAGIC
            n = int.from_bytes(data[len(magic):len(magic) + 4], "little")
            header = json.loads(data[len(magic) + 4:len(magic) + 4 + n])
            header["build"] = "ag 0.0.1 format 1 extension other"
            encoded = json.dumps(header).encode()
            data = magic + len(encoded).to_bytes(4, "little") + encoded + \
                data[len(magic) + 4 + n:]
        with open(path, "wb") as f:
            f.write(data)


@pytest.mark.parametrize("how", ["truncate", "flip", "empty", "garbage", "foreign",
                                 "unlinkable"])
def test_broken_entries_are_ignored_and_rebuilt(tmp_path, how):
    cache = tmp_path / "cache"
    eager, _, _ = _run(tmp_path, cache, eager=True)
    _run(tmp_path, cache)
    entries = _entries(cache)
    assert entries
    _corrupt_all(cache, how)
    result, info, _ = _run(tmp_path, cache)
    _assert_same(result, eager)
    assert info["hits"] == 0 and info["ignored"] >= 1 and info["writes"] >= 1
    assert _entries(cache) == entries  # rewritten in place
    result, info, _ = _run(tmp_path, cache)
    _assert_same(result, eager)
    assert info["hits"] == 1 and info["ignored"] == 0


def test_two_processes_racing_one_key(tmp_path):
    """Both compile the same function at once: both results are right, one whole entry
    is left (no temporary files), and it serves a third process."""
    cache = tmp_path / "cache"
    go = tmp_path / "go"
    code = f"""
import os, time, json
import numpy as np, ag
while not os.path.exists({str(go)!r}):
    time.sleep(0.005)
@ag.stage
def f(x):
    return np.tanh(x @ x.T).sum(axis=0) + 1
x = np.linspace(-1, 1, 64, dtype=np.float32).reshape(8, 8)
print(json.dumps(f(x).tolist()))
print(ag.cache_info().hits)
"""
    env = dict(os.environ, PYTHONPATH=PYTHONPATH, AG_CACHE_DIR=str(cache))
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    time.sleep(1.0)  # both are waiting by now (or soon): start them together
    go.write_text("")
    outs = [p.communicate(timeout=300) for p in procs]
    x = np.linspace(-1, 1, 64, dtype=np.float32).reshape(8, 8)
    want = np.tanh(x @ x.T).sum(axis=0) + 1
    for (out, err), p in zip(outs, procs):
        assert p.returncode == 0, err
        np.testing.assert_allclose(json.loads(out.splitlines()[0]), want, rtol=1e-5)
    assert len(_entries(cache)) == 1
    assert not glob.glob(os.path.join(str(cache), ".tmp-*"))
    third = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, timeout=300)
    assert third.returncode == 0, third.stderr
    assert third.stdout.splitlines()[1] == "1"


def _fn_of_size(n):
    def f(x):
        return np.sin(x) * 2 + x.sum()
    return ag.stage(f), np.ones(n, np.float32)


def test_eviction_keeps_the_bound_and_the_recently_used(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("AG_CACHE_DIR", str(cache))

    def compile_new(n):
        """Compiles the program for size n; the entry it wrote."""
        before = set(_entries(cache))
        g, y = _fn_of_size(n)
        np.testing.assert_allclose(g(y), np.sin(y) * 2 + y.sum(), rtol=1e-6)
        (written,) = set(_entries(cache)) - before
        return written

    first = compile_new(3)
    size = os.path.getsize(first)
    # Room for two entries of about this size (sizes differ a little by shape).
    monkeypatch.setenv("AG_CACHE_MAX_BYTES", str(int(size * 2.5)))
    before = ag.cache_info()
    written = {}
    for n in (4, 5, 6):  # (modification times in nanoseconds: in order of writing)
        written[n] = compile_new(n)
    info = ag.cache_info()
    assert info.bytes <= int(size * 2.5)
    assert info.entries == 2
    assert info.evictions - before.evictions == 2
    assert _entries(cache) == sorted([written[5], written[6]])
    # A hit makes an entry the most recently used: n=5's survives the next write, the
    # entry of n=6 (now the least recently used) goes.
    hits = ag.cache_info().hits
    g, y = _fn_of_size(5)  # a new StagedFunction: traces, links the stored code
    g(y)
    assert ag.cache_info().hits == hits + 1
    written[7] = compile_new(7)
    assert _entries(cache) == sorted([written[5], written[7]])


def test_off_stores_nothing(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    code = """
import numpy as np, ag
f = ag.stage(lambda x: x * 2 + 1)
assert (f(np.ones(3)) == 3).all()
print(ag.cache_info().directory, ag.cache_info().writes)
"""
    env = dict(os.environ, PYTHONPATH=PYTHONPATH, HOME=str(home), AG_CACHE_DIR="off")
    env.pop("XDG_CACHE_HOME", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["None", "0"]
    assert not any(files for _, _, files in os.walk(home))


@pytest.mark.parametrize("xdg", [True, False])
def test_default_directory(tmp_path, xdg):
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, PYTHONPATH=PYTHONPATH, HOME=str(home))
    env.pop("AG_CACHE_DIR", None)
    env.pop("XDG_CACHE_HOME", None)
    if xdg:
        env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    code = """
import numpy as np, ag
ag.stage(lambda x: x - 1)(np.ones(2))
print(ag.cache_info().directory)
"""
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    want = tmp_path / "xdg" / "ag" if xdg else home / ".cache" / "ag"
    assert done.stdout.strip() == str(want)
    assert len(_entries(want)) == 1


def test_unwritable_cache_is_a_miss_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("AG_CACHE_DIR", str(blocker / "cache"))
    before = ag.cache_info()
    f = ag.stage(lambda x: x * 5 - 1)
    np.testing.assert_array_equal(f(np.arange(4)), np.arange(4) * 5 - 1)
    info = ag.cache_info()
    assert info.entries == 0 and info.writes == before.writes
    assert info.misses == before.misses + 1


def test_cache_info_in_process(tmp_path, monkeypatch):
    monkeypatch.setenv("AG_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("AG_CACHE_RECORDS", "on")
    before = ag.cache_info()
    f = ag.stage(lambda x: x * 3)
    f(np.ones(5, np.int64))
    g = ag.stage(lambda x: x * 3)  # the same program: found in the cache
    np.testing.assert_array_equal(g(np.ones(5, np.int64)), np.full(5, 3))
    info = ag.cache_info()
    assert info.directory == str(tmp_path)
    # (One object: the same module text. Two trace records: two functions.)
    assert info.entries == 1 and info.records == 2 and info.bytes > 0
    assert info.misses - before.misses == 1 and info.hits - before.hits == 1


def test_the_suite_never_writes_the_users_cache():
    """conftest.py points the cache at a temporary directory before `ag` is imported."""
    home = os.path.join(os.path.expanduser("~"), ".cache", "ag")
    xdg = os.path.join(os.environ.get("XDG_CACHE_HOME", home), "ag")
    assert ag.cache_info().directory not in (home, xdg, None)
