"""Programs of a chosen size for the compile-time size sweep (bench/compile_time.py
--sweep) and its test (tests/python/test_compile_growth.py): `blocks` copies of a block
with arithmetic, a staged if, a staged loop and a window write at its index. Compile
time and IR must grow linearly in `blocks`.

The "inplace" kind is straight-line code writing the same arrays in place again and
again (what a Python loop ag unrolls leaves: `x[i % 7] += y * i`, slices written from
slices): One-Shot Bufferize's analysis was quadratic to cubic in its length (a fuzz
program of 1,100 such writes spent 66 s in it; 100 blocks here over 6 minutes)."""

import importlib.util

import numpy as np

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


INPLACE_BLOCK = """
    x[{a}] += y * {k}
    z -= np.abs(x)
    x[1:3] -= x[4:6]
    z[0:2] = x[{b}:{b} + 2]
"""


def program(directory, blocks, kind="mixed"):
    """f(x, y, out, n) (kind "mixed") or f(x, y, z) (kind "inplace") of `blocks`
    blocks, written to a file in `directory` (ag reads the source) and imported."""
    if kind == "inplace":
        source = "import numpy as np\n\n\ndef f(x, y, z):\n"
        source += "".join(INPLACE_BLOCK.format(k=k, a=k % 7, b=k % 5)
                          for k in range(blocks))
        source += "    return x, z\n"
    else:
        source = "import numpy as np\n\n\ndef f(x, y, out, n):\n"
        source += "".join(BLOCK.format(k=k) for k in range(blocks))
        source += "    return y, out\n"
    path = f"{directory}/grown_{kind}_{blocks}.py"
    with open(path, "w") as file:
        file.write(source)
    spec = importlib.util.spec_from_file_location(f"grown_{kind}_{blocks}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.f


def inputs(rows=6, kind="mixed"):
    rng = np.random.default_rng(0)
    if kind == "inplace":
        return (rng.standard_normal(8).astype(np.float32), np.float32(0.5),
                rng.standard_normal(8).astype(np.float32))
    return (rng.standard_normal((rows, 4)), rng.standard_normal(4), np.zeros((rows, 3)),
            np.int64(rows))
