#!/usr/bin/env bash
# The main job: build if needed, then eager numpy vs ag.stage on sample programs (results
# checked, both timed), the compiler's stages for a small ag program, and the
# compiled-vs-direct benchmarks (oneDNN matmul, fused elementwise chain).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${AG_BUILD_DIR:-$root/build}"

AG_BENCH_DEPS=1 bash "$root/scripts/build.sh"
echo "== eager numpy vs ag.stage =="
PYTHONPATH="$build/python" /usr/bin/python3 "$root/examples/demo.py"
echo
echo "== the compiler's stages for an ag program (examples/mlp.mlir) =="
stages="$build/demo-stages.txt"
"$build/bin/ag-run" "$root/examples/mlp.mlir" --entry=mlp --print-stages > "$stages"
# Every stage but the (long) LLVM dialect one in full, then the run's result.
sed -n '1,/===== stage: llvm =====/p' "$stages"
echo "... ($(sed -n '/===== stage: llvm =====/,/^arg0/p' "$stages" | wc -l) lines of LLVM dialect in $stages)"
grep -E '^(arg[0-9]|result[0-9]|compile:)' "$stages"
echo
echo "== benchmarks (bench/README.md explains them) =="
"$build/bin/ag-bench" --benchmark_min_time="${AG_BENCH_MIN_TIME:-0.2}"
