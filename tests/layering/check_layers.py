"""Checks that the C++ layers point one way: abi <- backends, abi <- ir <- runtime <- tools.

    check_layers.py SOURCE_DIR     exit status 1 and one line per violation, if any
    check_layers.py --self-test    checks that violations planted in a scratch tree are found

Each layer may include (and its CMakeLists may name) only what lies below it:
- abi/ (the C header compiled code calls) includes system headers only;
- ir/ builds without backends/, runtime/, Python or oneDNN: it includes MLIR, LLVM, its own
  headers and ag/Abi, and its CMake files link no target of backends/ or runtime/;
- backends/ (kernels, the JIT) includes ag/Abi and its own headers, never the ag dialect,
  passes or runtime, and links no ir/ or runtime/ target.
Includes of headers next to the including file ("Patterns.h") must exist in its own
layer. Run by ctest (test `layering`); the self-test (test `layering_self_test`) keeps the
check from passing vacuously.
"""

import os
import re
import shutil
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"|^\s*include\s+"([^"]+)"', re.M)
SOURCES = (".h", ".cpp", ".c", ".td", ".inc", ".def")

# layer -> (allowed quoted-include prefixes, CMake words that must not appear)
IR_HEADERS = ("ag/IR/", "ag/Conversion/", "ag/Transforms/", "ag/Pipelines/",
              "ag/InitAll.h", "ag/Abi/")
LOWER_TARGETS = ("AgJit", "AgOnednn", "AgBlas", "AgLapack", "DNNL::", "dnnl")
UPPER_TARGETS = ("AgRuntime", "_ag", "Python3::", "pybind11", "AgPipelines",
                 "AgTransforms", "AgConversion", "AgIR")
LAYERS = {
    "abi": ((), ("backends/", "runtime/", "ir/") + LOWER_TARGETS + UPPER_TARGETS),
    "ir": (IR_HEADERS,
           ("backends/", "runtime/", "frontend/") + LOWER_TARGETS + UPPER_TARGETS[:4]),
    "backends": (("ag/Abi/", "ag/Backends/"),
                 ("ir/", "runtime/", "frontend/") + UPPER_TARGETS),
}


def _cmake_code(text):
    """CMake text without comments (a comment may name any layer)."""
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def check(root):
    problems = []
    for layer, (allowed, forbidden_cmake) in LAYERS.items():
        top = os.path.join(root, layer)
        if not os.path.isdir(top):
            problems.append(f"{layer}/: missing")
            continue
        for folder, _, files in os.walk(top):
            for name in files:
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root)
                if name == "CMakeLists.txt" or name.endswith(".cmake"):
                    code = _cmake_code(open(path, encoding="utf-8").read())
                    for word in forbidden_cmake:
                        tail = r"(?!\w)" if word[-1].isalnum() else ""
                        if re.search(r"(?<!\w)" + re.escape(word) + tail, code):
                            problems.append(f"{rel}: names {word!r} (a layer above or "
                                            f"beside {layer}/)")
                    continue
                if not name.endswith(SOURCES):
                    continue
                text = open(path, encoding="utf-8", errors="replace").read()
                for match in INCLUDE.finditer(text):
                    header = match.group(1) or match.group(2)
                    if header.startswith(("mlir/", "llvm/")) and layer != "abi":
                        continue
                    if "/" not in header:  # next to the including file
                        if not os.path.exists(os.path.join(folder, header)):
                            problems.append(f"{rel}: includes {header!r}, which is not "
                                            f"next to it")
                        continue
                    if not header.startswith(allowed):
                        problems.append(f"{rel}: includes {header!r} (not below "
                                        f"{layer}/)")
    return problems


def self_test():
    scratch = tempfile.mkdtemp(prefix="ag-layers-")
    try:
        def write(rel, text):
            path = os.path.join(scratch, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        write("abi/include/ag/Abi/ag_abi.h", "#include <stdint.h>\n")
        write("abi/CMakeLists.txt", "add_library(AgAbi INTERFACE)\n")
        write("ir/lib/Good.cpp", '#include "ag/IR/AgOps.h"\n#include "mlir/IR/Builders.h"\n'
                                 '#include "ag/Abi/ag_abi.h"\n')
        write("ir/CMakeLists.txt", "# not backends/: a comment\nadd_library(AgIR x.cpp)\n")
        write("backends/cpu/K.cpp", '#include "ag/Abi/ag_abi.h"\n')
        write("backends/CMakeLists.txt", "target_link_libraries(AgJit PUBLIC AgAbi)\n")
        clean = check(scratch)
        if clean:
            print("self-test: a clean tree was reported:\n  " + "\n  ".join(clean))
            return 1
        write("ir/lib/Bad.cpp", '#include "ag/Runtime/Tracer.h"\n#include "Missing.h"\n')
        write("ir/include/ag/Bad.td", 'include "ag/Backends/Cpu/X.td"\n')
        write("ir/lib/CMakeLists.txt", "target_link_libraries(AgConversion PUBLIC AgJit)\n"
                                       "include_directories(${AG_SOURCE_DIR}/backends/abi)\n")
        write("backends/cpu/Bad.cpp", '#include "ag/Pipelines/Pipelines.h"\n')
        write("backends/cpu/CMakeLists.txt", "target_link_libraries(AgJit PUBLIC AgIR)\n")
        write("abi/include/ag/Abi/more.h", '#include "mlir/IR/Value.h"\n')
        found = "\n".join(check(scratch))
        expected = ["ir/lib/Bad.cpp: includes 'ag/Runtime/Tracer.h'",
                    "ir/lib/Bad.cpp: includes 'Missing.h'",
                    "ir/include/ag/Bad.td: includes 'ag/Backends/Cpu/X.td'",
                    "ir/lib/CMakeLists.txt: names 'AgJit'",
                    "ir/lib/CMakeLists.txt: names 'backends/'",
                    "backends/cpu/Bad.cpp: includes 'ag/Pipelines/Pipelines.h'",
                    "backends/cpu/CMakeLists.txt: names 'AgIR'",
                    "abi/include/ag/Abi/more.h: includes 'mlir/IR/Value.h'"]
        missed = [e for e in expected if e not in found]
        if missed:
            print("self-test: planted violations not found:\n  " + "\n  ".join(missed))
            print("found:\n" + found)
            return 1
        print(f"self-test: {len(expected)} planted violations found")
        return 0
    finally:
        shutil.rmtree(scratch)


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) != 2:
        print(__doc__)
        return 2
    problems = check(argv[1])
    for p in problems:
        print(p)
    if not problems:
        print("layers point one way: abi <- backends, abi <- ir")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
