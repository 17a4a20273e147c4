#!/usr/bin/env bash
# Installs missing Debian packages, configures (once) and builds ag incrementally with
# Ninja and ccache. Extra arguments are passed to ninja (e.g. a target name).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${AG_BUILD_DIR:-$root/build}"

bash "$root/scripts/setup-deps.sh"

# ccache keys on absolute paths unless told the base: lets clones in other folders share it.
export CCACHE_BASEDIR="$root"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"

if [[ ! -f "$build/build.ninja" ]]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR=/usr/lib/llvm-19/lib/cmake/mlir \
    -DPython3_EXECUTABLE=/usr/bin/python3 >/dev/null
fi
# Heavy MLIR translation units take ~2 GB each: two jobs fit every machine we run on.
ninja -C "$build" -j "${AG_JOBS:-2}" --quiet "$@"
