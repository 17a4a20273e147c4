"""`python3 -m ag doctor`: what ag runs on, and what is missing.

Prints the versions of ag, Python, numpy, LLVM/MLIR, oneDNN and OpenBLAS (the libraries
this process really loaded, from /proc/self/maps), the CPU (model, vector features, what
LLVM targets, oneDNN's ISA), the persistent cache, then checks each dependency and ends
with a compile-and-run of a small function. Every failed check says which Debian package
to install; the exit status is 1 when one failed.

Runs even when ag's extension cannot load (ag/__init__ lets `python3 -m ag` through), so
it imports nothing of ag's compiled parts at module level.
"""

import ctypes
import importlib
import os
import platform
import sys

from ._cli import _PACKAGES, _size

# dnnl_cpu_isa_t of oneDNN 2.6 (oneapi/dnnl/dnnl_types.h).
_DNNL_ISA = {0x0: "all", 0x1: "sse41", 0x3: "avx", 0x7: "avx2", 0xf: "avx512_mic",
             0x1f: "avx512_mic_4ops", 0x27: "avx512_core", 0x67: "avx512_core_vnni",
             0xe7: "avx512_core_bf16", 0x3e7: "avx512_core_amx", 0x407: "avx2_vnni"}


class _DnnlVersion(ctypes.Structure):
    _fields_ = [("major", ctypes.c_int), ("minor", ctypes.c_int), ("patch", ctypes.c_int),
                ("hash", ctypes.c_char_p), ("cpu_runtime", ctypes.c_uint),
                ("gpu_runtime", ctypes.c_uint)]


class _Report:
    def __init__(self):
        self.failed = []

    def line(self, name, value):
        print(f"  {name + ':':<22} {value}")

    def check(self, name, ok, detail, package=None, optional=False):
        mark = "ok" if ok else "absent" if optional else "MISSING"
        advice = "" if ok or package is None else f"  -> apt-get install {package}"
        print(f"  [{mark:>7}] {name}: {detail}{advice}")
        if not ok and not optional:
            self.failed.append(name)


def _mapped_libraries():
    """Paths of the shared libraries this process has mapped."""
    paths = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                parts = line.split(None, 5)
                if len(parts) == 6 and ".so" in parts[5]:
                    paths.add(parts[5].strip())
    except OSError:
        pass
    return sorted(paths)


def _library(mapped, stem):
    return next((p for p in mapped if os.path.basename(p).startswith(stem)), None)


def _cpu():
    model, flags = platform.processor() or "unknown", []
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                elif line.startswith("flags") and not flags:
                    flags = sorted(x for x in line.split(":", 1)[1].split()
                                   if x.startswith(("avx", "fma", "amx", "sse4", "f16c")))
    except OSError:
        pass
    return model, flags


def _dnnl(path):
    """(version, ISA) from the oneDNN this process loaded (or would load)."""
    lib = ctypes.CDLL(path or "libdnnl.so.2")
    lib.dnnl_version.restype = ctypes.POINTER(_DnnlVersion)
    v = lib.dnnl_version().contents
    commit = v.hash.decode(errors="replace") if v.hash else "N/A"
    version = f"{v.major}.{v.minor}.{v.patch}" + (f" (commit {commit})" if commit != "N/A" else "")
    lib.dnnl_get_effective_cpu_isa.restype = ctypes.c_int
    isa = lib.dnnl_get_effective_cpu_isa()
    return version, _DNNL_ISA.get(isa, hex(isa))


def _openblas(path):
    lib = ctypes.CDLL(path or "libopenblas.so.0")
    lib.openblas_get_config.restype = ctypes.c_char_p
    lib.openblas_get_corename.restype = ctypes.c_char_p
    return (lib.openblas_get_config().decode(errors="replace"),
            lib.openblas_get_corename().decode(errors="replace"))


def run():
    report = _Report()
    print("ag doctor")
    print("versions")
    import ag  # (the doctor reports a failing import instead of failing with it)
    report.line("ag", f"{getattr(ag, '__version__', '?')} ({os.path.dirname(ag.__file__)})")
    report.line("python", f"{platform.python_version()} ({sys.executable})")
    try:
        import numpy  # (the doctor reports a failing import instead of failing with it)
        report.line("numpy", f"{numpy.__version__} ({os.path.dirname(numpy.__file__)})")
        numpy_error = None
    except ImportError as e:
        numpy_error = e
    load_error = getattr(ag, "_import_error", None)
    _ag = None
    if load_error is None:
        from . import _ag  # (the doctor reports a failing import instead of failing with it)
        report.line("LLVM/MLIR", _ag.llvm_version)
    mapped = _mapped_libraries()
    dnnl_path, blas_path = _library(mapped, "libdnnl.so"), _library(mapped, "libopenblas")
    llvm_path = _library(mapped, "libLLVM")
    try:
        dnnl_version, dnnl_isa = _dnnl(dnnl_path)
        report.line("oneDNN", f"{dnnl_version} ({dnnl_path or 'not loaded by ag'})")
        dnnl_error = None
    except (OSError, AttributeError) as e:
        dnnl_version = dnnl_isa = None
        dnnl_error = e
    try:
        blas_config, blas_core = _openblas(blas_path)
        report.line("OpenBLAS", f"{blas_config} ({blas_path or 'not loaded by ag'})")
        blas_error = None
    except (OSError, AttributeError) as e:
        blas_core, blas_error = None, e

    print("CPU")
    model, flags = _cpu()
    report.line("model", f"{model} ({os.cpu_count()} logical CPUs, "
                         f"{len(os.sched_getaffinity(0))} usable)")
    report.line("vector features", " ".join(flags) or "none found")
    if _ag is not None:
        triple, cpu_name, *_ = _ag.host_target().split(" ", 2) + [""]
        report.line("LLVM target", f"{triple}, -mcpu={cpu_name}")
    if dnnl_isa:
        report.line("oneDNN ISA", dnnl_isa)
    if blas_core:
        report.line("OpenBLAS kernel", blas_core)

    print("cache")
    try:
        # (the doctor reports a failing import instead of failing with it)
        from . import _cache as cache
        where = cache.directory()
    except ImportError:  # _cache needs the extension (its build id)
        cache = where = None
        report.line("directory", "unknown (ag's runtime did not load)")
    if cache is None:
        pass
    elif where is None:
        report.line("directory", "off (AG_CACHE_DIR=off)")
    else:
        entries = cache._entries(where)
        report.line("directory", where)
        report.line("size", f"{len(entries)} entries, "
                            f"{_size(sum(size for _, size, _ in entries))} "
                            f"of {_size(cache.max_bytes())}")

    print("checks")
    report.check("python", sys.version_info[:2] >= (3, 11),
                 f"{platform.python_version()}", "python3")
    report.check("numpy", numpy_error is None,
                 numpy_error or f"{numpy.__version__}", _PACKAGES["numpy"])
    report.check("ag extension (_ag)", load_error is None,
                 load_error or "loaded", _missing_package(load_error))
    llvm_path = llvm_path or _loadable("libLLVM.so.19.1")
    report.check("LLVM 19", llvm_path is not None, llvm_path or "libLLVM.so.19.1 not found",
                 _PACKAGES["LLVM 19"])
    report.check("oneDNN", dnnl_error is None, dnnl_error or dnnl_version,
                 _PACKAGES["oneDNN"])
    report.check("OpenBLAS", blas_error is None, blas_error or blas_path,
                 _PACKAGES["OpenBLAS"])
    runner = _runner_utils()
    report.check("MLIR runner utilities", runner is not None,
                 runner or "libmlir_c_runner_utils.so not found",
                 _PACKAGES["MLIR 19 runner utilities"])
    if where is not None:
        writable = _writable(where)
        report.check("cache directory", writable,
                     "writable" if writable else f"{where} is not writable "
                     "(set AG_CACHE_DIR, or AG_CACHE_DIR=off)")
    _optional(report, "Dask (optional: examples/dask_map.py)", "distributed",
              "python3-distributed")
    if load_error is None and numpy_error is None:
        _smoke(report)
    if report.failed:
        print(f"ag doctor: missing or broken: {', '.join(report.failed)}")
        return 1
    print("ag doctor: everything ag needs is here")
    return 0


def _optional(report, name, module, package):
    """A library some of ag's uses need; its absence is no failure."""
    import importlib.util  # (stdlib, needed by this command only)
    spec = importlib.util.find_spec(module)
    if spec is None:
        report.check(name, False, "not installed", package, optional=True)
        return
    try:
        version = importlib.import_module(module).__version__
    except Exception as e:  # installed but broken: say how
        report.check(name, False, f"{type(e).__name__}: {e}", package, optional=True)
        return
    report.check(name, True, version)


def _missing_package(error):
    """The Debian package of the shared library an ImportError names."""
    text = str(error or "")
    for stem, package in (("libdnnl", "libdnnl2"), ("libLLVM", "libllvm19"),
                          ("libopenblas", "libopenblas0-pthread"), ("libMLIR", "libmlir-19"),
                          ("libgomp", "libgomp1")):
        if stem in text:
            return package
    return None


def _loadable(name):
    try:
        ctypes.CDLL(name)
    except OSError:
        return None
    return name


def _runner_utils():
    """The MLIR runner utilities the JIT links (memref copies of strided views)."""
    for directory in ("/usr/lib/llvm-19/lib",):
        for name in ("libmlir_c_runner_utils.so.19.1", "libmlir_c_runner_utils.so"):
            path = os.path.join(directory, name)
            if os.path.exists(path):
                return path
    return None


def _writable(where):
    probe = where
    while not os.path.exists(probe):
        parent = os.path.dirname(probe)
        if parent == probe:
            return False
        probe = parent
    return os.access(probe, os.W_OK | os.X_OK)


def _smoke(report):
    """Compiles and runs one small function: the whole pipeline, the JIT and oneDNN."""
    import time  # (stdlib, needed by this command only)

    import numpy as np  # (the doctor reports a failing import instead of failing with it)

    import ag  # (the doctor reports a failing import instead of failing with it)

    def layer(x, w):
        return np.maximum(x @ w, 0).sum(axis=1)

    x = np.arange(12, dtype=np.float32).reshape(3, 4) / 10
    w = np.ones((4, 5), np.float32)
    start = time.perf_counter()
    try:
        got = ag.stage(layer)(x, w)
        ok = np.allclose(got, layer(x, w), rtol=1e-5, atol=1e-5)
        detail = f"{(time.perf_counter() - start) * 1e3:.0f} ms, " + \
            ("matches numpy" if ok else f"WRONG: {got} != {layer(x, w)}")
    except Exception as e:  # the report says what broke instead of a traceback
        ok, detail = False, f"{type(e).__name__}: {e}"
    report.check("compile and run", ok, detail)
