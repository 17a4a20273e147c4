#!/usr/bin/env bash
# Proves the README's two Quick-start commands work on a fresh Debian 12 machine: builds a
# minimal bookworm root with debootstrap (--variant=minbase: apt and the essential
# packages, nothing else: no sudo, git, ca-certificates, python3 or compiler), copies a
# clean clone of this repository's committed HEAD into it (uncommitted changes are not
# checked) and runs, as root in a chroot, scripts/test.sh, scripts/demo.sh and then
# scripts/check-deb.sh (the .deb installed with apt, used, removed).
# Besides debootstrap's packages the root gets only the host's bookworm apt sources, its
# resolv.conf and a policy-rc.d (no package service starts in the chroot). Prints each
# command's wall time; exits non-zero if either fails (the tail of its log is shown; the
# other command still runs). Needs root (mount, chroot) and the host's Debian mirror.
#
# Test first: it then runs with only the packages it installs itself, so a build or test
# dependency that only the demo's bench packages (torch, numba, matplotlib, OpenBLAS) pull
# in cannot hide (issue 15 was a dependency that only a Recommends pulled in). The build
# from nothing is the same scripts/build.sh for both commands; the demo then installs its
# bench packages on top and runs the examples and the benchmark suite.
#
#   AG_FRESH_ROOT   work folder (default /var/tmp/ag-fresh-root): pristine.tar (the cached
#                   debootstrap result; delete it, or set AG_FRESH_REFRESH=1, to
#                   debootstrap again), root/ (the chroot, rebuilt from pristine.tar on
#                   every run and kept afterwards for inspection), logs/
#   AG_FRESH_ORDER  the commands, in order (default "test demo deb"; deb: scripts/check-deb.sh,
#                   the .deb installed with apt, used from /, removed, nothing left)
#   AG_BENCH_ARGS, AG_JOBS  passed through to the commands when set
set -euo pipefail

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=${AG_FRESH_ROOT:-/var/tmp/ag-fresh-root}
order=${AG_FRESH_ORDER:-test demo deb}
suite=bookworm
tarball=$work/pristine.tar
root=$work/root
logs=$work/logs
marker=$work/.ag-fresh-check

die() { echo "check-fresh-machine: $*" >&2; exit 1; }
elapsed() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
# Runs a command quietly at low priority, its output in a log; on failure shows the tail.
# In its own process group, waited for in the background: a TERM or INT to this script
# runs the trap at once, and the trap ends the whole group.
child=
logged() {
  local log=$1; shift
  setsid -w nice -n 10 ionice -c 2 -n 7 "$@" >"$log" 2>&1 </dev/null &
  child=$!
  local status=0
  wait "$child" || status=$?
  child=
  if [[ $status -ne 0 ]]; then
    echo "exit status $status; the last lines of $log:" >&2
    tail -n 40 "$log" | sed 's/^/  | /' >&2
    return 1
  fi
}

[[ $(id -u) -eq 0 ]] || die "must run as root (debootstrap, mount, chroot)"
[[ $work == /* && $work != *[[:space:]]* ]] || die "AG_FRESH_ROOT must be an absolute path without spaces"
case "$(realpath -m "$work")/" in
  / | /var/ | /var/tmp/ | /tmp/ | /root/ | "$(realpath "$repo")"/*) die "AG_FRESH_ROOT=$work: choose a folder of its own, outside the repository" ;;
esac
# The root is deleted with rm -rf on every run: only ever in a folder this script made.
if [[ -d $work && ! -e $marker && -n $(ls -A "$work") ]]; then
  die "$work exists, is not empty and was not made by this script; set AG_FRESH_ROOT"
fi
mkdir -p "$work" "$logs"
touch "$marker"
work=$(realpath "$work") root=$(realpath -m "$root")  # as /proc/PID/root shows it

# --- the host's Debian mirror: every enabled "deb" entry of /etc/apt/sources.list(.d) ---
# Prints "URI SUITE COMPONENTS..." per suite of each entry (one-line and deb822 formats).
apt_entries() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && NF >= 3 { $1 = ""; print }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    awk '
      function flush(   n, s, u, i, j) {
        if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no") {
          n = split(suites, s, " "); split(uris, u, " ")
          for (i in u) for (j = 1; j <= n; j++) print u[i], s[j], comps
        }
        types = uris = suites = comps = ""; enabled = "yes"
      }
      BEGIN { enabled = "yes" }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^[A-Za-z-]+:/ {
        key = tolower($1); sub(/:$/, "", key); val = $0; sub(/^[^:]*:[ \t]*/, "", val)
        if (key == "types") types = val; else if (key == "uris") uris = val
        else if (key == "suites") suites = val; else if (key == "components") comps = val
        else if (key == "enabled") enabled = val
      }
      END { flush() }' "$f"
  done
}
entries=$(apt_entries | awk -v s="$suite" '$2 == s || $2 == s "-updates" || $2 == s "-security"')
mirror=$(awk -v s="$suite" '$2 == s { print $1; exit }' <<<"$entries")
[[ -n $mirror ]] || die "no '$suite' entry in /etc/apt/sources.list(.d) to take the mirror from"

# --- mounts: /proc, /sys and /dev of the chroot, undone on every exit --------------------
mounts_under() { awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/self/mounts | sort -r; }
cleanup() {
  local p m
  # An interrupted command's process group, and whatever runs in the chroot (from a run
  # killed before its trap ran): all started by this script.
  if [[ -n $child ]]; then kill -KILL -- "-$child" 2>/dev/null || true; fi
  for p in /proc/[0-9]*; do
    if [[ $(readlink "$p/root" 2>/dev/null) == "$root" ]]; then kill -KILL "${p#/proc/}" 2>/dev/null || true; fi
  done
  for m in $(mounts_under); do
    umount -R "$m" 2>/dev/null || umount -R -l "$m" 2>/dev/null || true
  done
  if [[ -n $(mounts_under) ]]; then
    echo "check-fresh-machine: still mounted under $root: $(mounts_under | tr '\n' ' ')" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the pristine root: debootstrap once, then a tarball ---------------------------------
if ! command -v debootstrap >/dev/null; then
  echo "installing debootstrap (host)"
  logged "$logs/host-apt.log" bash -c 'export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq debootstrap || { apt-get update -qq && apt-get install -y -qq debootstrap; }'
fi
cleanup  # a previous run killed before its trap ran
[[ -z $(mounts_under) ]] || die "cannot unmount what is mounted under $root"
if [[ ! -f $tarball || ${AG_FRESH_REFRESH:-0} == 1 ]]; then
  echo "debootstrap $suite (minbase) from $mirror ..."
  start=$SECONDS
  rm -rf --one-file-system "$root"
  logged "$logs/debootstrap.log" debootstrap --variant=minbase "$suite" "$root" "$mirror"
  nice -n 10 tar -C "$root" --numeric-owner -cpf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
  echo "debootstrap: $(elapsed $((SECONDS - start))) (cached in $tarball)"
fi
start=$SECONDS
rm -rf --one-file-system "$root"
mkdir -p "$root"
nice -n 10 tar -C "$root" --numeric-owner -xpf "$tarball"
echo "fresh root (the last run's removed, $tarball unpacked): $(elapsed $((SECONDS - start)))"

# --- what a fresh install has besides the packages: apt sources, DNS ---------------------
awk '{ printf "deb %s %s", $1, $2; for (i = 3; i <= NF; i++) printf " %s", $i; print "" }' \
  <<<"$entries" >"$root/etc/apt/sources.list"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# No service a package may ship gets started inside the chroot (it would outlive the run).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

head=$(git -C "$repo" rev-parse HEAD)
[[ -z $(git -C "$repo" status --porcelain) ]] ||
  echo "note: $repo has uncommitted changes; the check uses the committed HEAD only"
git clone -q --no-hardlinks "$repo" "$root/root/ag"
git -C "$root/root/ag" checkout -q --detach "$head"
echo "clean clone of HEAD ($(git -C "$repo" log -1 --format=%h)) in $root/root/ag"

mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"

# --- the README's commands, as root, in the chroot ---------------------------------------
env=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin TERM=dumb)
[[ -n ${AG_BENCH_ARGS:-} ]] && env+=("AG_BENCH_ARGS=$AG_BENCH_ARGS")
[[ -n ${AG_JOBS:-} ]] && env+=("AG_JOBS=$AG_JOBS")
status=0
for cmd in $order; do
  [[ $cmd == test || $cmd == demo || $cmd == deb ]] ||
    die "AG_FRESH_ORDER: unknown command $cmd"
  [[ $cmd == deb ]] && script=check-deb || script=$cmd
  echo "scripts/$script.sh ... (log: $logs/$cmd.log)"
  start=$SECONDS
  if logged "$logs/$cmd.log" chroot "$root" /usr/bin/env -i "${env[@]}" \
      /bin/bash -c "cd /root/ag && scripts/$script.sh"; then
    echo "scripts/$script.sh: passed in $(elapsed $((SECONDS - start)))"
  else
    echo "scripts/$script.sh: FAILED after $(elapsed $((SECONDS - start)))"
    status=1
  fi
done
[[ $status -eq 0 ]] && echo "fresh machine: $order pass (root kept in $root)"
exit $status
