#!/usr/bin/env bash
# The main job: build if needed, show what ag does (eager numpy vs ag.stage on sample
# programs, the compiler's stages for a small ag program, compiled-vs-direct kernel
# figures), then the benchmark suite in quick mode: 13 numpy programs, eager numpy vs
# ag.stage vs torch / TorchScript / numba, results checked, table + JSON + PNG
# (bench/README.md). AG_BENCH_ARGS replaces the suite's arguments (e.g. "--full").
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
echo "== compiled kernels vs direct equivalents (bench/README.md explains them) =="
"$build/bin/ag-bench" --benchmark_min_time="${AG_BENCH_MIN_TIME:-0.2}"
echo
echo "== benchmark suite: numpy eager vs ag.stage vs peers (bench/run.py) =="
# shellcheck disable=SC2086  # AG_BENCH_ARGS is a list of options
PYTHONPATH="$build/python" /usr/bin/python3 "$root/bench/run.py" ${AG_BENCH_ARGS:---quick}
