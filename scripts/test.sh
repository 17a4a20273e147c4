#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, then runs every suite under
# ctest (GoogleTest, lit + FileCheck, pytest).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${AG_BUILD_DIR:-$root/build}"

bash "$root/scripts/build.sh"
ctest --test-dir "$build" --output-on-failure -j "${AG_JOBS:-2}" "$@"
