"""ag's command line, `python3 -m ag COMMAND`:

    python3 -m ag dump-ir model.py:layer --args 'f32[8,4]' --emit linalg
    python3 -m ag bench --workloads mlp         # bench/run.py of a source checkout
    python3 -m ag cache info | clear            # the persistent cache of compiled code
    python3 -m ag doctor                        # versions, CPU, and what is missing

`doctor` must run when ag itself cannot load (a missing shared library is what it is for),
so this module imports the compiled parts of ag only inside the commands that need them.
"""

import argparse
import os
import sys

# Debian packages that hold what ag needs at run time, for doctor's advice.
_PACKAGES = {
    "numpy": "python3-numpy",
    "LLVM 19": "libllvm19",
    "MLIR 19 runner utilities": "libmlir-19",
    "oneDNN": "libdnnl2",
    "OpenBLAS": "libopenblas0-pthread",
}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m ag", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    dump = commands.add_parser("dump-ir", add_help=False,
                               help="print the IR of FILE.py:FUNC for a signature "
                                    "(see `python3 -m ag dump-ir --help`)")
    dump.add_argument("rest", nargs=argparse.REMAINDER)
    bench = commands.add_parser("bench", add_help=False,
                                help="run the benchmark suite (bench/run.py of a checkout)")
    bench.add_argument("rest", nargs=argparse.REMAINDER)
    cache = commands.add_parser("cache", help="the persistent cache of compiled code")
    cache.add_argument("action", choices=["info", "clear"])
    commands.add_parser("doctor", help="versions, CPU features, cache, missing dependencies")
    argv = sys.argv[1:] if argv is None else list(argv)
    # dump-ir and bench hand everything after their name to their own parsers (argparse's
    # REMAINDER would not take a leading option such as --help).
    if argv[:1] in (["dump-ir"], ["bench"]):
        if not _loaded():
            return 1
        if argv[0] == "bench":
            return _bench(argv[1:])
        # (loaded by the command that uses it: `-m ag doctor` runs without _ag)
        from . import dump_ir
        return dump_ir.main(argv[1:])
    options = parser.parse_args(argv)

    if options.command == "doctor":
        # (loaded by the command that uses it: `-m ag doctor` runs without _ag)
        from . import _doctor
        return _doctor.run()
    if not _loaded():
        return 1
    return _cache_command(options.action)


def _loaded():
    import ag  # (loaded by the command that uses it: `-m ag doctor` runs without _ag)
    error = getattr(ag, "_import_error", None)
    if error is not None:
        print(f"ag: cannot load ag: {error}\n(`python3 -m ag doctor` says which dependency "
              "is missing)", file=sys.stderr)
        return False
    return True


def bench_script():
    """bench/run.py of the source checkout this ag was built from, or None (an installed
    ag has no checkout). $AG_BENCH names it explicitly."""
    explicit = os.environ.get("AG_BENCH")
    if explicit:
        return explicit if os.path.isfile(explicit) else None
    here = os.path.dirname(os.path.abspath(__file__))
    # build/python/ag -> the checkout holding build/ (build.sh's default layout).
    for up in range(1, 5):
        root = os.path.abspath(os.path.join(here, *[".."] * up))
        candidate = os.path.join(root, "bench", "run.py")
        if os.path.isfile(candidate):
            return candidate
    return None


def _bench(argv):
    script = bench_script()
    if script is None:
        print("ag bench: the benchmark suite (bench/run.py) is part of ag's source "
              "checkout, which this ag was not run from (an installed ag does not ship "
              "it). Run it from a checkout, or set AG_BENCH=/path/to/ag/bench/run.py.",
              file=sys.stderr)
        return 2
    import subprocess  # (stdlib, needed by this command only)
    # The bench drives its own worker processes with this interpreter and this ag.
    env = dict(os.environ)
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (package_root, env.get("PYTHONPATH")) if p)
    return subprocess.call([sys.executable, script, *argv], env=env)


def _cache_command(action):
    # (loaded by the command that uses it: `-m ag doctor` runs without _ag)
    from . import _cache
    if action == "clear":
        where = _cache.directory()
        if where is None:
            print("ag cache: off (AG_CACHE_DIR=off): nothing to clear")
            return 0
        removed, records, freed = _cache.clear()
        print(f"ag cache: removed {removed} entries and {records} trace records "
              f"({_size(freed)}) from {where}")
        return 0
    info = _cache.cache_info()
    if info.directory is None:
        print("directory: off (AG_CACHE_DIR=off)")
        return 0
    print(f"directory: {info.directory}")
    print(f"entries: {info.entries}")
    print(f"trace records: {info.records}")
    print(f"size: {_size(info.bytes)} ({info.bytes} bytes)")
    print(f"bound: {_size(info.max_bytes)} (AG_CACHE_MAX_BYTES)")
    return 0


def _size(n):
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"
