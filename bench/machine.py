"""What the numbers were measured on: machine, load, versions, thread settings, BLAS.

Collected by the driver; each worker adds its own library versions and thread counts
(bench/systems.py) and the shared libraries it had mapped (which BLAS numpy really used).
"""

import datetime
import os
import platform
import subprocess

# Environment variables that change thread counts or kernels of some system.
_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE",
               "MKL_NUM_THREADS", "NUMBA_NUM_THREADS", "DNNL_MAX_CPU_ISA",
               "DNNL_VERBOSE", "GOMP_CPU_AFFINITY", "OMP_PROC_BIND", "AG_LOG")


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = line.split(":", 1)[1].split()
                    return sorted(f for f in flags if f.startswith(("avx", "fma", "amx")))
    except OSError:
        pass
    return []


def _memory_gb():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _git(root, *args):
    try:
        return subprocess.run(["git", "-C", root, *args], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _blas_alternative():
    """Debian's update-alternatives choice behind libblas.so.3."""
    try:
        return os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    except OSError:
        return None


def describe(root):
    status = _git(root, "status", "--porcelain", "--untracked-files=no")
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cpu_vector_flags": _cpu_flags(),
        "logical_cpus": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)),
        "memory_gb": _memory_gb(),
        "kernel": platform.release(),
        "os": _os_release(),
        "python": platform.python_version(),
        "ag_commit": _git(root, "rev-parse", "--short", "HEAD"),
        "ag_tree_dirty": bool(status) if status is not None else None,
        "load_average_at_start": os.getloadavg(),
        "thread_env": {k: os.environ.get(k) for k in _THREAD_ENV if k in os.environ},
        "libblas.so.3": _blas_alternative(),
    }


def _os_release():
    try:
        with open("/etc/os-release") as f:
            fields = dict(line.rstrip().split("=", 1) for line in f if "=" in line)
        return fields.get("PRETTY_NAME", "").strip('"')
    except OSError:
        return platform.platform()
