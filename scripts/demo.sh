#!/usr/bin/env bash
# The main job: build if needed, then compile and run a small ag program, printing its IR
# at every stage (ag -> linalg -> bufferized -> llvm) and its result, then the
# compiled-vs-direct benchmarks of the foundation (oneDNN matmul, fused elementwise).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${AG_BUILD_DIR:-$root/build}"

bash "$root/scripts/build.sh"
"$build/bin/ag-run" "$root/examples/mlp.mlir" --entry=mlp --print-stages
echo
echo "== benchmarks (bench/README.md explains them) =="
"$build/bin/ag-bench" --benchmark_min_time="${AG_BENCH_MIN_TIME:-0.2}"
