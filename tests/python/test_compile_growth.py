"""Compile size grows linearly with program size (issue 13): a generated program of 1x,
2x, 4x and 8x as many blocks (arithmetic, a staged if, a staged loop, a window write at
its index) gives IR at every stage ('ag', 'linalg', 'bufferized', 'llvm') proportional
to it, and the same results as numpy. Times are the bench's (bench/compile_time.py);
this checks the sizes that drive them, which a super-linear step would blow up."""

import importlib.util

import numpy as np
import pytest

import ag

BLOCK = """
    t = np.tanh(x * {k}.5) + y
    if t.sum() > {k}:
        y = y + t
    else:
        y = y - t * 0.5
    for j in range(n):
        y = y * 0.99 + x[j]
        out[j, {k} % 3] = y.sum()
"""


def program(tmp_path, blocks):
    source = "import numpy as np\n\n\ndef f(x, y, out, n):\n"
    source += "".join(BLOCK.format(k=k) for k in range(blocks))
    source += "    return y, out\n"
    path = tmp_path / f"grown_{blocks}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(f"grown_{blocks}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.f


def inputs():
    rng = np.random.default_rng(0)
    return (rng.standard_normal((6, 4)), rng.standard_normal(4), np.zeros((6, 3)),
            np.int64(6))


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
