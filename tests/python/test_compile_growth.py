"""Compile size grows linearly with program size (issue 13): a generated program of 1x,
2x, 4x and 8x as many blocks (arithmetic, a staged if, a staged loop, a window write at
its index) gives IR at every stage ('ag', 'linalg', 'bufferized', 'llvm') proportional
to it, and the same results as numpy. Times are the bench's (bench/compile_time.py);
this checks the sizes that drive them, which a super-linear step would blow up."""

import importlib.util
import os

import numpy as np
import pytest

import ag

# The programs are the bench's size sweep (bench/compile_time.py --sweep).
_spec = importlib.util.spec_from_file_location(
    "grown", os.path.join(os.path.dirname(__file__), "..", "..", "bench", "grown.py"))
grown = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(grown)


def program(tmp_path, blocks):
    return grown.program(str(tmp_path), blocks)


def inputs():
    return grown.inputs()


@pytest.mark.parametrize("stage", ["ag", "linalg", "bufferized", "llvm"])
def test_ir_grows_linearly(tmp_path, stage):
    sizes = {}
    for blocks in (1, 2, 4, 8):
        f = program(tmp_path, blocks)
        sizes[blocks] = len(ag.stage(f).ir(*inputs(), emit=stage).splitlines())
    per_block = sizes[2] - sizes[1]
    assert per_block > 0, sizes
    for blocks in (4, 8):
        # Each block adds the same IR (within a few lines: constants CSE'd across
        # blocks): a super-linear step would add more per block as the program grows.
        grown = sizes[blocks] - sizes[blocks // 2]
        assert abs(grown - per_block * blocks // 2) <= 0.1 * grown + 8, sizes


def test_grown_program_is_numpys(tmp_path):
    f = program(tmp_path, 4)
    staged = ag.stage(f)
    for call in range(2):
        args = inputs()
        expected = f(*[a.copy() for a in args])
        got = staged(*args)
        for g, e in zip(got, expected):
            np.testing.assert_allclose(g, e, rtol=1e-10)
