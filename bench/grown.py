"""Programs of a chosen size for the compile-time size sweep (bench/compile_time.py
--sweep) and its test (tests/python/test_compile_growth.py): `blocks` copies of a block
with arithmetic, a staged if, a staged loop and a window write at its index. Compile
time and IR must grow linearly in `blocks`."""

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


def program(directory, blocks):
    """f(x, y, out, n) of `blocks` blocks, written to a file in `directory` (ag reads
    the source) and imported."""
    source = "import numpy as np\n\n\ndef f(x, y, out, n):\n"
    source += "".join(BLOCK.format(k=k) for k in range(blocks))
    source += "    return y, out\n"
    path = f"{directory}/grown_{blocks}.py"
    with open(path, "w") as file:
        file.write(source)
    spec = importlib.util.spec_from_file_location(f"grown_{blocks}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.f


def inputs(rows=6):
    rng = np.random.default_rng(0)
    return (rng.standard_normal((rows, 4)), rng.standard_normal(4), np.zeros((rows, 3)),
            np.int64(rows))
