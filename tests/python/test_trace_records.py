"""Trace records (frontend/ag/_persist.py): a new process whose call matches a record
runs the cached object code without converting or tracing the function -- and gives the
results, prints, assertion errors and argument writes of a traced call; anything the
trace read that changed (a callee's code, even moved by a line; a global's or closure
value; a builtin shadowed by a new global) makes it trace again; a value a record cannot
check (an object of a user class) means no record; a broken record is ignored and
rebuilt. A record hit runs the record's shared object (frontend/ag/_shared.py) and maps
neither LLVM nor MLIR nor oneDNN (unless its code calls oneDNN); a corrupted shared
object is ignored and linked again; without a linker, records still hit (through ORC).

Each test runs a small program (MODULE) in fresh interpreters against a cache directory
of its own, with AG_LOG=cache, and compares with the program run eagerly."""

import glob
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import ag

PYTHONPATH = os.path.abspath(os.path.dirname(ag.__path__[0]))

MODULE = """
import numpy as np
{pre}
SCALE = {scale}
W = np.arange(3.0) * {w}

def helper(x):
{blank}    return x * {factor}

def program(x, out):
    y = helper(x) + SCALE
    print("sum", y.sum())
    assert y.sum() < 1e6, "too big"
    out[0] = y[0] * 2 + W.sum()
    return y.astype(np.float32), x.shape[0]
{post}"""

DRIVER = """
import json, sys
import numpy as np
sys.path.insert(0, {moddir!r})
import prog
{setup}
if {eager}:
    fn = prog.program
else:
    import ag
    fn = ag.stage(prog.program)
rows = []
for call in range(2):
    x = np.arange(6, dtype=np.float64) + call * {step}
    out = np.zeros(3)
    try:
        y, n = fn(x, out)
        rows.append([y.dtype.name, y.tolist(), n, out.tolist()])
    except (AssertionError, IndexError) as e:
        rows.append(["raised", isinstance(e, IndexError), str(e).split(": ")[-1]])
print("RESULT " + json.dumps(rows))
maps = open("/proc/self/maps").read()
print("MAPPED " + json.dumps({{name: name in maps for name in ("libLLVM", "libMLIR",
                                                                "libdnnl", "libag_onednn")}}))
"""


def _run(tmp_path, eager=False, scale=1.5, factor=2, w=1.0, pre="", blank="", step=1,
         setup="", module=MODULE, post="", env=None, mapped=None):
    """(results, staged 'sum' lines, AG_LOG=cache lines) of one fresh process; `env`:
    more environment variables; `mapped`: a dict that receives which libraries the
    process mapped when it ended (libLLVM, libMLIR, libdnnl, libag_onednn: True/False)."""
    moddir = tmp_path / "mod"
    moddir.mkdir(exist_ok=True)
    (moddir / "prog.py").write_text(module.format(scale=scale, factor=factor, w=w, pre=pre,
                                                  blank=blank, post=post))
    env = dict(os.environ, PYTHONPATH=PYTHONPATH, AG_CACHE_DIR=str(tmp_path / "cache"),
               AG_LOG="cache", PYTHONDONTWRITEBYTECODE="1", AG_CACHE_RECORDS="on",
               **(env or {}))
    done = subprocess.run(
        [sys.executable, "-c", DRIVER.format(moddir=str(moddir), eager=eager, step=step,
                                              setup=setup)],
        env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    result = json.loads(next(l for l in lines if l.startswith("RESULT "))[7:])
    if mapped is not None:
        mapped.update(json.loads(next(l for l in lines if l.startswith("MAPPED "))[7:]))
    return result, [l for l in lines if l.startswith("sum")], done.stderr


def _hit(log):
    return "trace record hit for 'program'" in log


def _same(tmp_path, log_expect_hit, **kwargs):
    eager, eager_printed, _ = _run(tmp_path, eager=True,
                                   **{k: v for k, v in kwargs.items() if k != "mapped"})
    staged, printed, log = _run(tmp_path, **kwargs)
    assert staged == eager and printed == eager_printed
    assert _hit(log) == log_expect_hit, log
    return log


def test_a_new_process_runs_the_record_without_tracing(tmp_path):
    _same(tmp_path, False)  # traces, writes the record
    log = _same(tmp_path, True)
    assert "trace record of 'program'" not in log  # nothing written again
    assert glob.glob(str(tmp_path / "cache" / "*.agtrace"))


def test_assertions_and_prints_of_a_record(tmp_path):
    _same(tmp_path, False, step=1e6)  # the second call fails the staged assert
    _same(tmp_path, True, step=1e6)


INDEXED = """
import numpy as np

def program(x, out):
    i = (x[:2] * {factor}).astype(np.int64)
    np.add.at(out, i, 1.0)
    print("sum", out.sum())
    return x[i].astype(np.float32), x.shape[0]
{post}"""


def test_a_record_keeps_its_run_time_index_checks(tmp_path):
    # Indices from the data are checked as the code runs, and the IndexError's message
    # shows the bad index (a host call): a record holds that call too, so a new process
    # needs no trace; its second call raises numpy's error.
    _same(tmp_path, False, module=INDEXED, factor=0.5, step=6)
    _same(tmp_path, True, module=INDEXED, factor=0.5, step=6)


@pytest.mark.parametrize("change", [dict(factor=3), dict(blank="\n"), dict(scale=-4.25)],
                         ids=["callee code", "callee moved a line", "global value"])
def test_what_the_trace_read_changing_traces_again(tmp_path, change):
    _same(tmp_path, False)
    _same(tmp_path, True)
    _same(tmp_path, False, **change)
    _same(tmp_path, True, **change)


def test_an_implicit_parameter_array_may_change(tmp_path):
    """W (a global array the compiled code reads at each call) changing its values is
    not a new trace, in-process or across processes."""
    _same(tmp_path, False, setup="prog.W[:] = 7")
    _same(tmp_path, True, setup="prog.W[:] = -3")
    _same(tmp_path, True, w=2.5)  # another value in the file: still an implicit parameter


def test_a_builtin_shadowed_by_a_new_global_traces_again(tmp_path):
    _same(tmp_path, False)
    # (Defined after the function: its code and lines stay the same.)
    log = _same(tmp_path, False, post="\ndef print(*a):\n    pass\n")
    assert "is stale" in log


def test_a_global_object_read_by_the_trace_means_no_record(tmp_path):
    pre = "class Config:\n    factor = 2.0\nCFG = Config()\n"
    module = MODULE.replace("y = helper(x) + SCALE", "y = helper(x) + CFG.factor")
    _same(tmp_path, False, pre=pre, module=module)
    log = _same(tmp_path, False, pre=pre, module=module)
    assert "no trace record for 'program': it reads Config" in log


@pytest.mark.parametrize("how", ["truncate", "garbage", "empty"])
def test_a_broken_record_is_ignored_and_rebuilt(tmp_path, how):
    _same(tmp_path, False)
    for path in glob.glob(str(tmp_path / "cache" / "*.agtrace")):
        data = open(path, "rb").read()
        data = {"truncate": data[:len(data) // 2], "garbage": os.urandom(len(data)),
                "empty": b""}[how]
        with open(path, "wb") as f:
            f.write(data)
    log = _same(tmp_path, False)
    assert "ignored trace record" in log
    _same(tmp_path, True)


class _Scaler:
    def __init__(self, k):
        self.k = k

    def apply(self, x):
        return x * self.k


def _scaling(k):
    obj = _Scaler(k)
    return lambda x: obj.apply(x)


def test_a_closure_over_a_user_object_has_no_record(monkeypatch):
    """The object's attributes are read by the trace, not by name: the functions of two
    objects are one code, so no record may stand for them."""
    monkeypatch.setenv("AG_CACHE_RECORDS", "on")
    x = np.arange(3.0)
    two, three = ag.stage(_scaling(2.0)), ag.stage(_scaling(3.0))
    np.testing.assert_array_equal(two(x), x * 2.0)
    np.testing.assert_array_equal(three(x), x * 3.0)
    assert three.trace_count == 1


def _scalar_or_array(s):
    if np.isscalar(s):
        return s * 2
    s[...] = 5.0  # (a numpy scalar would raise TypeError here)
    return s


def test_a_numpy_scalar_and_a_0d_array_have_records_of_their_own(monkeypatch, tmp_path):
    """Their signature parts are alike (dtype, shape ()), but numpy treats them apart:
    the record of one must not serve the other."""
    monkeypatch.setenv("AG_CACHE_RECORDS", "on")
    monkeypatch.setenv("AG_CACHE_DIR", str(tmp_path))
    got = ag.stage(_scalar_or_array)(np.float64(1.5))
    assert type(got) is np.float64 and got == 3.0
    zero_d = np.array(1.5)
    got = ag.stage(_scalar_or_array)(zero_d)  # a new StagedFunction: only the record
    assert zero_d == 5.0 and got is zero_d


_COMPILER = ("libLLVM", "libMLIR")


def test_a_record_hit_loads_no_compiler(tmp_path):
    """The hit runs the record's shared object: neither LLVM nor MLIR (the compiler
    module) is mapped, nor oneDNN (the program calls no oneDNN kernel)."""
    mapped = {}
    _same(tmp_path, False, mapped=mapped)
    assert mapped["libLLVM"]  # (the trace compiled: the check sees the libraries)
    assert glob.glob(str(tmp_path / "cache" / "*.agso"))
    log = _same(tmp_path, True, step=1e6, mapped=mapped)  # prints, asserts and writes
    assert not any(mapped[name] for name in _COMPILER + ("libdnnl",)), (mapped, log)


MATMUL = """
import numpy as np

def program(x, out):
    a = np.ones((96, 96), np.float32) * (x[1] + x[0]).astype(np.float32)
    y = a @ a + np.float32(1)
    out[0] = (x.reshape(2, 3) @ x.reshape(3, 2))[0, 0]
    print("sum", y.sum())
    assert y.sum() < 1e12, "too big"
    return y[0, :4], x[::2].copy().shape[0]
"""


def test_a_record_hit_loads_onednn_only_for_code_that_calls_it(tmp_path):
    """A float32 matmul (oneDNN: 96x96) and a small float64 one (OpenBLAS): the shared
    object loads the kernels' libraries, still without the compiler."""
    mapped = {}
    _same(tmp_path, False, module=MATMUL)
    _same(tmp_path, True, module=MATMUL, mapped=mapped)
    assert mapped["libag_onednn"] and mapped["libdnnl"], mapped
    assert not any(mapped[name] for name in _COMPILER), mapped


@pytest.mark.parametrize("how", ["truncate", "garbage", "flip"])
def test_a_corrupted_shared_object_is_ignored_and_linked_again(tmp_path, how):
    _same(tmp_path, False)
    (path,) = glob.glob(str(tmp_path / "cache" / "*.agso"))
    data = open(path, "rb").read()
    middle = len(data) // 2
    data = {"truncate": data[:middle], "garbage": os.urandom(len(data)),
            "flip": data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]}[how]
    with open(path, "wb") as f:
        f.write(data)
    mapped = {}
    log = _same(tmp_path, True, mapped=mapped)  # the record hits, linked with ORC
    assert "ignored shared object" in log and mapped["libLLVM"], log
    log = _same(tmp_path, True, mapped=mapped)  # linked again: the shared object runs
    assert not any(mapped[name] for name in _COMPILER), (mapped, log)


@pytest.mark.parametrize("how", ["no cc on PATH", "AG_LINKER=off"])
def test_without_a_linker_records_still_hit(tmp_path, how):
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {"PATH": str(empty)} if how == "no cc on PATH" else {"AG_LINKER": "off"}
    _same(tmp_path, False, env=env)
    assert not glob.glob(str(tmp_path / "cache" / "*.agso"))
    log = _same(tmp_path, True, step=1e6, env=env)
    assert "no C compiler driver" in log or "trace record hit" in log
    # A process with a linker links the shared object its record lacked.
    _same(tmp_path, True)
    assert glob.glob(str(tmp_path / "cache" / "*.agso"))
    mapped = {}
    _same(tmp_path, True, mapped=mapped)
    assert not any(mapped[name] for name in _COMPILER), mapped
