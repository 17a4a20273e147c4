"""Every triaged fuzzer finding is a regression test: each file in repros/ runs numpy
and ag.stage (twice: the second call from the cache) and exits 0 only when they agree
on results, written arguments, printed text and the np.random state (repro.py).
Files named open_* are findings not fixed yet: expected to fail; one that passes fails
the test, to be renamed (its fix made it a regression test)."""

import glob
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPROS = sorted(glob.glob(os.path.join(HERE, "repros", "*.py")))


@pytest.mark.parametrize("path", REPROS, ids=[os.path.basename(p) for p in REPROS])
def test_repro(path):
    run = subprocess.run([sys.executable, path], capture_output=True, text=True,
                         timeout=600, env=dict(os.environ, PYTHONWARNINGS="ignore"))
    if os.path.basename(path).startswith("open_"):
        assert run.returncode != 0, "fixed: rename it without the open_ prefix"
        pytest.xfail("an open finding (see repros/README.md)")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
