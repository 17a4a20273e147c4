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


# Straight-line code writing the same arrays in place again and again (bench/grown.py's
# "inplace" kind): One-Shot Bufferize put every version of `x` in one alias set, and
# CSE every elementwise op's destination in one tensor.empty; its analysis was cubic in
# the program's length (a fuzz program of 1,100 such writes: 66 s; 100 blocks here: over
# 6 minutes). ag-split-empty-tensors and ag-bound-in-place-chains bound those sets, so
# the bufferized IR grows by the same copies and allocations per block.
_INPLACE_SIZES = (6, 12, 24, 48)


@pytest.mark.parametrize("stage", ["linalg", "bufferized", "llvm"])
def test_inplace_ir_grows_linearly(tmp_path, stage):
    sizes = {}
    for blocks in _INPLACE_SIZES:
        f = grown.program(str(tmp_path), blocks, "inplace")
        sizes[blocks] = len(ag.stage(f).ir(*grown.inputs(kind="inplace"),
                                           emit=stage).splitlines())
    base = _INPLACE_SIZES[0]
    per_block = (sizes[2 * base] - sizes[base]) / base
    assert per_block > 0, sizes
    for blocks in _INPLACE_SIZES[2:]:
        grown_by = sizes[blocks] - sizes[blocks // 2]
        assert abs(grown_by - per_block * blocks / 2) <= 0.1 * grown_by + 8, sizes


def test_inplace_ir_copies_long_write_chains(tmp_path):
    f = grown.program(str(tmp_path), 48, "inplace")
    bufferized = ag.stage(f).ir(*grown.inputs(kind="inplace"), emit="bufferized")
    # 48 blocks write x 3 times each: the chain restarts from a copy every 16 writes.
    assert bufferized.count("memref.copy") >= 48 * 3 // 16 - 1, bufferized


@pytest.mark.parametrize("blocks", [1, 7, 40])
def test_inplace_program_is_numpys(tmp_path, blocks):
    f = grown.program(str(tmp_path), blocks, "inplace")
    staged = ag.stage(f)
    for call in range(2):  # the first call compiles; the second runs from the cache
        args = grown.inputs(kind="inplace")
        eager_args = [np.copy(a) for a in args]
        expected = f(*eager_args)
        got = staged(*args)
        # The returned arrays and the caller's arrays, written in place.
        for g, e in zip(list(got) + list(args), list(expected) + eager_args):
            assert g.dtype == e.dtype and g.shape == e.shape
            np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-5)


class _Progress:
    step = 0


def guarded_writes(a0, a1):
    # A loop that must run in Python (it stores an object attribute), whose steps write
    # under staged `continue`/`break` flags after a staged `return` in an earlier loop:
    # each unrolled step is an scf.if whose branches both reach the previous step's
    # array. MLIR 19's getBufferType walked every path (2^steps: 17 s at 14 steps, no
    # answer in minutes at 18); ag remembers the answers within a query (linear).
    t2 = ~(a1 == True)  # noqa: E712
    progress = _Progress()
    if np.sum(np.tanh(a0)) < 6:
        for i in range(0, 38, 2):
            if np.sum(a1 <= a0) < 7:
                return a0, t2
    for i in range(2, 26):
        progress.step = i
        if np.any((a0 / a0) > -0.0):
            continue
        t2[i % 4] = True
        if np.sum(a0 ** -1) < -0.0:
            break
    return a0, t2


@pytest.mark.parametrize("a0", [np.array([2.25, -3e38], np.float32),
                                np.array([-2.0, -3.0], np.float32)])
def test_guarded_writes_in_unrolled_steps_compile_in_linear_time(a0):
    a1 = np.array([[1, 0], [0, 1], [1, 1], [0, 0]], dtype=bool)
    expected = guarded_writes(a0.copy(), a1.copy())
    g = ag.stage(guarded_writes)
    for _ in range(2):  # the first call compiles; the second runs from the cache
        got = g(a0.copy(), a1.copy())
        for x, y in zip(got, expected):
            assert x.dtype == y.dtype and x.shape == y.shape
            np.testing.assert_array_equal(x, y)
