"""`python3 -m ag`: every subcommand run in a subprocess, its output checked."""

import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest

import ag

PYTHON_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(ag.__file__)))

MODEL = """
import numpy as np

def layer(x, w):
    return np.maximum(x @ w, 0.0).sum(axis=1)
"""


def _run(*argv, env=None, cwd=None, timeout=300):
    full_env = dict(os.environ, PYTHONPATH=PYTHON_ROOT)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "ag", *argv], capture_output=True,
                          text=True, timeout=timeout, env=full_env, cwd=cwd)


def test_no_command_is_a_usage_error():
    proc = _run()
    assert proc.returncode == 2
    assert "COMMAND" in proc.stderr


def test_help_lists_every_command():
    proc = _run("--help")
    assert proc.returncode == 0, proc.stderr
    for command in ("dump-ir", "bench", "cache", "doctor"):
        assert command in proc.stdout


def test_dump_ir(tmp_path):
    (tmp_path / "model.py").write_text(MODEL)
    proc = _run("dump-ir", f"{tmp_path / 'model.py'}:layer", "--args", "f32[3,4]",
                "f32[4,5]", "--emit", "ag")
    assert proc.returncode == 0, proc.stderr
    assert "func.func @layer(%arg0: tensor<3x4xf32>, %arg1: tensor<4x5xf32>) -> " \
           "tensor<3xf32>" in proc.stdout
    for op in ("ag.matmul", "ag.maximum", "ag.sum"):
        assert op in proc.stdout
    proc = _run("dump-ir", f"{tmp_path / 'model.py'}:layer", "--args", "f32[3,4]",
                "f32[4,5]", "--emit", "llvm")
    assert proc.returncode == 0, proc.stderr
    assert "llvm.func" in proc.stdout and "ag." not in proc.stdout.replace("ag_", "")


def test_dump_ir_help_and_errors(tmp_path):
    proc = _run("dump-ir", "--help")
    assert proc.returncode == 0 and "--emit" in proc.stdout
    (tmp_path / "model.py").write_text(MODEL)
    proc = _run("dump-ir", f"{tmp_path / 'model.py'}:nothing")
    assert proc.returncode != 0 and "has no function 'nothing'" in proc.stderr


def test_cache_info_and_clear(tmp_path):
    cache = tmp_path / "cache"
    env = {"AG_CACHE_DIR": str(cache), "AG_CACHE_RECORDS": "on"}
    # Fill the cache from another process: two signatures, two entries.
    code = ("import numpy as np, ag\n"
            "f = ag.stage(lambda x: x * 2 + 1)\n"
            "f(np.ones(3, np.float32)); f(np.ones(4, np.int64))\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120,
                   env=dict(os.environ, PYTHONPATH=PYTHON_ROOT, **env))
    proc = _run("cache", "info", env=env)
    assert proc.returncode == 0, proc.stderr
    assert f"directory: {cache}" in proc.stdout
    assert "entries: 2" in proc.stdout
    assert "trace records: 2" in proc.stdout  # (ag._persist: one per signature)
    size = int(re.search(r"\((\d+) bytes\)", proc.stdout).group(1))
    assert size == sum(p.stat().st_size for p in cache.iterdir())
    proc = _run("cache", "clear", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "removed 2 entries and 2 trace records" in proc.stdout
    assert not any(p.suffix in (".agobj", ".agtrace") for p in cache.iterdir())
    proc = _run("cache", "info", env=env)
    assert "entries: 0" in proc.stdout


def test_cache_off():
    proc = _run("cache", "info", env={"AG_CACHE_DIR": "off"})
    assert proc.returncode == 0 and "off" in proc.stdout
    proc = _run("cache", "clear", env={"AG_CACHE_DIR": "off"})
    assert proc.returncode == 0 and "nothing to clear" in proc.stdout


def test_doctor_reports_versions_and_checks(tmp_path):
    proc = _run("doctor", env={"AG_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert re.search(rf"numpy:\s+{re.escape(np.__version__)}", out)
    assert re.search(r"LLVM/MLIR:\s+19\.", out)
    assert re.search(r"oneDNN:\s+2\.\d+\.\d+", out)
    assert re.search(r"OpenBLAS:\s+OpenBLAS 0\.3", out)
    assert re.search(r"LLVM target:\s+x86_64", out)
    assert re.search(r"oneDNN ISA:\s+\w+", out)
    assert f"directory:             {tmp_path / 'cache'}" in out
    assert "[     ok] compile and run" in out and "matches numpy" in out
    assert "MISSING" not in out
    assert "everything ag needs is here" in out


def test_doctor_names_a_missing_runtime(tmp_path):
    # An ag package whose compiled runtime is gone: `import ag` points at the doctor,
    # and the doctor still runs and says what is missing.
    broken = tmp_path / "ag"
    shutil.copytree(os.path.dirname(ag.__file__), broken,
                    ignore=shutil.ignore_patterns("_ag.*.so", "__pycache__"))
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", "import ag"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert proc.returncode != 0
    assert "python3 -m ag doctor" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "ag", "doctor"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "[MISSING] ag extension (_ag)" in proc.stdout
    assert "missing or broken: ag extension (_ag)" in proc.stdout
    # Another module run with -m (the ag-dump-ir launcher's) is an import like any other.
    proc = subprocess.run([sys.executable, "-m", "ag.dump_ir", "--help"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode != 0 and "python3 -m ag doctor" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "ag", "cache", "info"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1 and "python3 -m ag doctor" in proc.stderr


def test_bench_runs_the_checkout_suite():
    from ag import _cli
    if _cli.bench_script() is None:
        pytest.skip("no source checkout next to this ag")
    proc = _run("bench", "--check", "--systems", "numpy", "ag", "--workloads", "gelu",
                env={"AG_CACHE_DIR": "off"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"ag\.stage\s+gelu\s+ok", proc.stdout + proc.stderr)
    assert "2 of 2 (workload, system) pairs pass" in proc.stdout


def test_bench_without_a_checkout_says_so(tmp_path):
    proc = _run("bench", "--check", env={"AG_BENCH": str(tmp_path / "none.py")})
    assert proc.returncode == 2
    assert "bench/run.py" in proc.stderr and "AG_BENCH" in proc.stderr
