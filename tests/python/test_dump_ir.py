"""The ag-dump-ir tool: prints the IR of a function in a file for a signature."""

import os
import re
import subprocess

TOOL = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "build", "bin",
                                    "ag-dump-ir"))

MODEL = """
import numpy as np

def layer(x, i):
    return np.maximum(x[i] * 2.0, 0.0).sum()

def scaled(x, k):
    return x * k
"""


def _run(*argv):
    return subprocess.run([TOOL, *argv], capture_output=True, text=True, timeout=120)


def test_emit_linalg(tmp_path):
    src = tmp_path / "model.py"
    src.write_text(MODEL)
    proc = _run(f"{src}:layer", "--args", "f32[4,3]", "i64[]", "--emit", "linalg")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "func.func @layer(%arg0: tensor<4x3xf32>, %arg1: tensor<i64>) -> tensor<f32>" in out
    assert "linalg.generic" in out and "tensor.extract" in out
    # ag.print / ag.assert (here: the bounds check of the staged index) are host calls
    # that bufferization lowers; every other ag op is gone.
    assert not re.search(r"\bag\.(?!assert\b|print\b)[a-z_]+", out), \
        "ag ops left after --emit linalg"


def test_emit_ag_default(tmp_path):
    src = tmp_path / "model.py"
    src.write_text(MODEL)
    proc = _run(f"{src}:layer", "--args", "f32[4,3]", "i64[]")
    assert proc.returncode == 0, proc.stderr
    for op in ("ag.dynamic_index", "ag.mul", "ag.maximum", "ag.sum"):
        assert op in proc.stdout


def test_python_literal_argument_and_other_stages(tmp_path):
    src = tmp_path / "model.py"
    src.write_text(MODEL)
    proc = _run(f"{src}:scaled", "--args", "f64[2,2]", "3")
    assert proc.returncode == 0, proc.stderr
    # The literal is a compile-time constant, not an argument.
    assert "func.func @scaled(%arg0: tensor<2x2xf64>) -> tensor<2x2xf64>" in proc.stdout
    assert "ag.constant dense<3.000000e+00> : tensor<f64>" in proc.stdout
    assert "ag.mul" in proc.stdout
    for emit, marker in (("bufferized", "memref"), ("llvm", "llvm.")):
        proc = _run(f"{src}:scaled", "--args", "f64[2,2]", "3", "--emit", emit)
        assert proc.returncode == 0, proc.stderr
        assert marker in proc.stdout


def test_errors(tmp_path):
    src = tmp_path / "bad.py"
    src.write_text("import numpy as np\n\ndef f(x):\n    return np.lexsort((x, x))\n")
    proc = _run(f"{src}:f", "--args", "f64[2,2]")
    assert proc.returncode != 0
    assert "np.lexsort" in proc.stderr and f"{src}:4" in proc.stderr
    assert _run(f"{src}:f", "--args", "q9[2]").returncode != 0       # bad type
    assert _run(f"{src}:nope", "--args", "f64[2]").returncode != 0   # no such function


def test_complex_and_small_dtypes(tmp_path):
    src = tmp_path / "model.py"
    src.write_text("import numpy as np\n\ndef f(x):\n    return x[::-1]\n\n"
                   "def g(z, x):\n    return z * x\n")
    for spelling, mlir in (("c64", "complex<f32>"), ("c128", "complex<f64>"),
                           ("complex64", "complex<f32>"), ("complex<f64>", "complex<f64>"),
                           ("f16", "f16"), ("float16", "f16"), ("i8", "i8"), ("i16", "i16"),
                           ("u8", "ui8"), ("ui16", "ui16"), ("uint32", "ui32"),
                           ("u64", "ui64"), ("bool", "i1")):
        proc = _run(f"{src}:f", "--args", f"{spelling}[3, 2]")
        assert proc.returncode == 0, (spelling, proc.stderr)
        assert f"func.func @f(%arg0: tensor<3x2x{mlir}>) -> tensor<3x2x{mlir}>" in \
            proc.stdout, (spelling, proc.stdout)
    proc = _run(f"{src}:g", "--args", "c64[4]", "u8[4]", "--emit", "linalg")
    assert proc.returncode == 0, proc.stderr
    assert "tensor<4xcomplex<f32>>" in proc.stdout and "complex.create" in proc.stdout
    proc = _run(f"{src}:g", "--args", "c128[]", "1j")  # a complex literal: a constant
    assert proc.returncode == 0, proc.stderr
    assert "func.func @g(%arg0: tensor<complex<f64>>)" in proc.stdout
    bad = _run(f"{src}:f", "--args", "c32[2]")
    assert bad.returncode != 0 and "unknown type 'c32'" in bad.stderr
