"""ag-dump-ir: print the IR of a Python function for a signature.

    ag-dump-ir model.py:layer --args 'f32[200,8,32]' 'f32[32,64]' 'i64[]' --emit linalg

Each --args entry is an array type followed by a shape, or a Python literal (a
compile-time constant such as 3, 0.5 or 1j). Types: bool (i1), i8, i16, i32, i64,
u8, u16, u32, u64 (also ui8 ... ui64, MLIR's spelling), f16, f32, f64, c64, c128
(complex<f32>, complex<f64>), or a numpy dtype name (float32, complex64, uint8, ...).
"""

import argparse
import ast
import importlib.util
import os
import re
import sys

import numpy as np

_DTYPES = {"bool": np.bool_, "i1": np.bool_, "i8": np.int8, "i16": np.int16,
           "i32": np.int32, "i64": np.int64, "u8": np.uint8, "u16": np.uint16,
           "u32": np.uint32, "u64": np.uint64, "ui8": np.uint8, "ui16": np.uint16,
           "ui32": np.uint32, "ui64": np.uint64, "f16": np.float16, "f32": np.float32,
           "f64": np.float64, "c64": np.complex64, "c128": np.complex128,
           "complex<f32>": np.complex64, "complex<f64>": np.complex128}
# numpy's names of the dtypes ag stages (float32, complex128, uint8, ...).
_DTYPES.update({np.dtype(t).name: t for t in set(_DTYPES.values())})


def parse_arg(text):
    m = re.fullmatch(r"([a-z0-9_<>]+)\[([0-9, ]*)\]", text.strip())
    if m and m.group(1) in _DTYPES:
        shape = tuple(int(d) for d in m.group(2).replace(" ", "").split(",") if d)
        return np.zeros(shape, _DTYPES[m.group(1)])
    if m:
        raise argparse.ArgumentTypeError(
            f"bad argument {text!r}: unknown type {m.group(1)!r} (one of "
            f"{', '.join(sorted(_DTYPES))})")
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise argparse.ArgumentTypeError(
            f"bad argument {text!r}: expected e.g. 'f32[2,3]', 'c64[4]', 'i64[]' or a "
            "Python literal")


def load_function(spec):
    path, sep, name = spec.rpartition(":")
    if not sep:
        raise SystemExit(f"ag-dump-ir: expected FILE.py:FUNC, got {spec!r}")
    module_name = os.path.splitext(os.path.basename(path))[0]
    module_spec = importlib.util.spec_from_file_location(module_name, path)
    if module_spec is None:
        raise SystemExit(f"ag-dump-ir: cannot load {path}")
    module = importlib.util.module_from_spec(module_spec)
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    module_spec.loader.exec_module(module)
    fn = getattr(module, name, None)
    if fn is None:
        raise SystemExit(f"ag-dump-ir: {path} has no function {name!r}")
    return fn


def main(argv=None):
    import ag  # (the CLI parses its arguments before loading the runtime)
    parser = argparse.ArgumentParser(prog="ag-dump-ir", description=__doc__.split("\n")[0])
    parser.add_argument("function", help="FILE.py:FUNC")
    parser.add_argument("--args", nargs="*", type=parse_arg, default=[],
                        help="argument types, e.g. 'f32[200,8,32]' 'i64[]' 3")
    parser.add_argument("--emit", default="ag",
                        choices=["ag", "linalg", "bufferized", "llvm"])
    options = parser.parse_args(argv)
    fn = load_function(options.function)
    staged = fn if isinstance(fn, ag.StagedFunction) else ag.stage(fn)
    try:
        print(staged.ir(*options.args, emit=options.emit))
    except ag.AgError as e:
        print(f"ag-dump-ir: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
