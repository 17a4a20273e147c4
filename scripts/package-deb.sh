#!/usr/bin/env bash
# Builds ag, then its Debian package with `cpack -G DEB` (packaging/CMakeLists.txt says
# what goes in and how Depends is computed): prints the path of build/ag_<version>_<arch>.deb.
# Install it with `sudo apt-get install ./build/ag_*.deb`; `sudo apt-get remove ag` removes it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${AG_BUILD_DIR:-$root/build}"

bash "$root/scripts/build.sh"
rm -f "$build"/ag_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
ls "$build"/ag_*.deb
