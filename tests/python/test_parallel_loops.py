"""Loops split across threads (ag-parallel-loops + ag_rt_parallel_for): the programs of
_parallel_helpers.py -- elementwise ops with broadcasting, non-contiguous views, int32,
int64 and float dtypes, NaN, row reductions, a full sum, layer norm and softmax (ag-fuse-rows'
blocked loops), a staged loop -- run in one child process with AG_NUM_THREADS=1 and one
with 2. Each child checks every case against numpy on both call paths and calls one
compiled function from several Python threads at once; here the two children's results
must be bit for bit the same, the large cases split (2 threads) and nothing split with
one thread (AG_NUM_THREADS=1 compiles today's serial code)."""

import os
import subprocess
import sys

import pytest

_HERE = os.path.dirname(os.path.abspath(__file__))
_BUILD_PYTHON = os.path.abspath(os.environ.get(
    "AG_PYTHONPATH", os.path.join(_HERE, "..", "..", "build", "python")))


def _env(threads):
    env = dict(os.environ, AG_NUM_THREADS=str(threads))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_HERE, _BUILD_PYTHON,
                                                    os.environ.get("PYTHONPATH")) if p)
    return env

# Cases whose work is below the threshold (or not splittable) at every loop: a full
# pairwise sum's loops are one row of blocks (its order is numpy's and stays whole), a
# sum over axis 0 reduces over the outermost loop.
_SERIAL = {"small_in_loop", "full_sum"}


def _run(threads):
    env = _env(threads)
    done = subprocess.run([sys.executable, os.path.join(_HERE, "_parallel_helpers.py")],
                          env=env, capture_output=True, text=True, timeout=900, cwd=_HERE)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.split("\n")
    assert f"threads-ok {threads}" in lines, done.stdout
    return {name: (digest, int(splits)) for name, digest, splits in
            (line.split() for line in lines if line and not line.startswith("threads-ok"))}


@pytest.fixture(scope="module")
def runs():
    return {threads: _run(threads) for threads in (1, 2)}


def test_one_thread_compiles_no_split(runs):
    assert runs[1], "no case ran"
    assert {name: splits for name, (_, splits) in runs[1].items() if splits} == {}


def test_two_threads_split_the_large_loops(runs):
    unsplit = [name for name, (_, splits) in runs[2].items()
               if not splits and name not in _SERIAL]
    assert unsplit == []
    assert all(runs[2][name][1] == 0 for name in _SERIAL)


def test_results_are_bit_identical_across_thread_counts(runs):
    assert runs[1].keys() == runs[2].keys()
    differ = [name for name in runs[1] if runs[1][name][0] != runs[2][name][0]]
    assert differ == []


def test_bad_thread_count_falls_back_with_a_message():
    env = _env("zero")
    code = "import ag, numpy as np; print(ag._agrt.num_threads())"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 1
    assert "AG_NUM_THREADS=zero" in done.stderr
