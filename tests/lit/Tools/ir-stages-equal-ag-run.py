# `.ir(emit=...)` shows the IR that runs: for a function writing into its argument
# (x[0] = 2.0), each stage `.ir()` returns is the text `ag-run --print-stages` prints for
# the same ag module. Both lower through buildPipeline (ir/lib/Pipelines), whose
# bufferize stage holds the read-only-argument rule (ag-readonly-arguments): the
# bufferized and LLVM stages write into a copy of the caller's array, never into the
# array itself (the runtime copies the written array back after the call).
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: %python %s write %t
# RUN: ag-run %t/module.mlir --entry=write_first --print-stages > %t/ag-run.txt
# RUN: %python %s compare %t | FileCheck %s

import os
import sys

import numpy as np

import ag

STAGES = ("ag", "linalg", "bufferized", "llvm")


def write_first(x):
    x[0] = 2.0
    return x * 3.0


def stages_of_ir():
    staged = ag.stage(write_first)
    x = np.arange(4, dtype=np.float32)
    return {s: staged.ir(x, emit=s) for s in STAGES}


def stages_of_ag_run(text):
    """The IR after each `// ===== stage: NAME =====` header, as ag-run prints it (up to
    the first argument line, which follows the last stage)."""
    stages, name, lines = {}, None, []
    for line in text.splitlines(keepends=True):
        if line.startswith("// ===== stage: "):
            if name:
                stages[name] = "".join(lines)
            name, lines = line.split(":", 1)[1].strip(" =\n"), []
        elif name and line.startswith("arg0 = "):
            break
        elif name:
            lines.append(line)
    if name:
        stages[name] = "".join(lines)
    return stages


def main(mode, where):
    ir = stages_of_ir()
    if mode == "write":
        with open(os.path.join(where, "module.mlir"), "w") as f:
            f.write(ir["ag"])
        return
    with open(os.path.join(where, "ag-run.txt")) as f:
        run = stages_of_ag_run(f.read())
    for s in STAGES:
        # ag-run ends each stage with a newline of its own.
        same = run.get(s, "").rstrip("\n") == ir[s].rstrip("\n")
        print(f"stage {s}: {'same' if same else 'DIFFERENT'} ({len(ir[s].splitlines())} lines)")
    print(ir["bufferized"])


main(sys.argv[1], sys.argv[2])

# CHECK: stage ag: same
# CHECK: stage linalg: same
# CHECK: stage bufferized: same
# CHECK: stage llvm: same
# The argument is not writable for bufferization: the write goes into a copy, which the
# function returns for the runtime to write back.
# CHECK-LABEL: func.func @write_first(%arg0: memref<4xf32>) -> (memref<4xf32>, memref<4xf32>)
# CHECK:         %[[COPY:.*]] = memref.alloc() {{.*}} : memref<4xf32>
# CHECK-NEXT:    memref.copy %arg0, %[[COPY]]
# CHECK-NEXT:    %[[FIRST:.*]] = memref.subview %[[COPY]][0] [1] [1]
# CHECK-NEXT:    memref.copy %{{.*}}, %[[FIRST]]
# CHECK-NOT:     %arg0
# CHECK:         return
