#!/usr/bin/env bash
# Installs ag's Debian package with apt and checks it the way a user would, then removes
# it and checks that nothing is left. Builds the package first (scripts/package-deb.sh).
# As root, in a throwaway machine: scripts/check-fresh-machine.sh runs it in its fresh
# Debian 12 root after the README's commands (AG_FRESH_ORDER="test demo deb").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[[ $(id -u) -eq 0 ]] || { echo "check-deb: must run as root (apt-get install)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

deb=$(bash "$root/scripts/package-deb.sh" | tail -n 1)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
apt-get install -y -qq "$deb" >/dev/null
echo "installed: $(dpkg-query -W -f '${Package} ${Version}' ag)"

# From / with a clean environment: nothing of the checkout or its build is reachable.
check() {
  (cd / && env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin "$@")
}
# (A file, not python3 -c: ag converts control flow from the function's source.)
program=$(mktemp --suffix=.py)
trap 'rm -f "$program"' EXIT
cat >"$program" <<'PY'
import numpy as np, ag
def f(x, n):
    for i in range(n):
        x = x * 0.5 + i
    return x
x = np.arange(4.0)
got = ag.stage(f)(x, np.int64(3))
assert np.array_equal(got, f(x, 3)), got
assert ag.__file__.startswith("/usr/lib/python3/dist-packages/"), ag.__file__
print("import ag from", ag.__file__, ": staged result equals numpy")
PY
check python3 "$program"
for tool in ag-opt ag-run ag-dump-ir; do
  check "$tool" --help >/dev/null
  echo "$tool: $(check /bin/sh -c "command -v $tool")"
done
check python3 -m ag doctor >/dev/null
echo "python3 -m ag doctor: passed"

apt-get remove -y -qq ag >/dev/null
left=$(ls -d /usr/lib/python3/dist-packages/ag /usr/bin/ag-opt /usr/bin/ag-run \
  /usr/bin/ag-dump-ir 2>/dev/null || true)
if [[ -n $left ]] || dpkg-query -W ag 2>/dev/null | grep -q .; then
  [[ -z $left ]] || echo "check-deb: left behind after apt-get remove: $left" >&2
  dpkg-query -W ag 2>/dev/null | grep -q . && dpkg -s ag | grep Status >&2
  exit 1
fi
echo "removed: no ag files left"
