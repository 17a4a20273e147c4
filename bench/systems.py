"""The systems the bench compares, one adapter each.

An adapter turns a workload into a callable and its arguments for one system (the
construction counts as warm-up), converts results back to numpy for the check, and
describes the system's configuration (versions, threads) for the JSON. Each system runs
in its own process (bench/worker.py), so only the adapter in use imports its library.
"""

import os
import types

import numpy as np

NAMES = ("numpy", "ag", "torch", "torchscript", "numba")
LABELS = {"numpy": "numpy eager", "ag": "ag.stage", "torch": "torch eager",
          "torchscript": "torch.jit.script", "numba": "numba.njit"}


class System:
    name = ""
    compares_dtype = False  # the same numpy function must give numpy's dtypes exactly

    def prepare(self, workload, args):
        """Returns (callable, arguments, note); the time it takes counts as warm-up."""
        raise NotImplementedError

    def to_numpy(self, result):
        return result

    def settle(self):
        """Waits for work the first calls left running (not timed)."""

    def info(self):
        return {}


class NumpyEager(System):
    name = "numpy"
    compares_dtype = True

    def prepare(self, workload, args):
        return workload.fn, args, "the function itself"

    def info(self):
        return {"numpy": np.__version__}


class AgStaged(System):
    name = "ag"
    compares_dtype = True

    def __init__(self):
        import ag
        self.ag = ag

    def prepare(self, workload, args):
        return self.ag.stage(workload.fn), args, "same function"

    def settle(self):
        # The steady state runs the optimised tier (a tiered compile's first calls
        # run code LLVM compiled at O0 while it compiles the rest: ag._tiers).
        self.ag.wait_compiles()

    def info(self):
        return {"numpy": np.__version__, "ag": os.path.dirname(self.ag.__file__),
                "OMP_NUM_THREADS (oneDNN)": os.environ.get("OMP_NUM_THREADS", "unset")}


def _torch_arg(torch, a):
    # 0-d arrays (step counts, scalars) become Python numbers, as a torch user passes
    # them and as TorchScript's int/float parameters require.
    if isinstance(a, np.ndarray):
        return a.item() if a.ndim == 0 else torch.from_numpy(a)
    return a


class TorchEager(System):
    name = "torch"

    def __init__(self):
        import torch
        self.torch = torch
        # Debian's torch starts with one intra-op thread on this VM while the others use
        # every core: torch gets the same (or run.py --threads N).
        torch.set_num_threads(int(os.environ.get("AG_BENCH_THREADS", os.cpu_count())))
        torch.set_grad_enabled(False)

    def _rewrite(self, workload):
        if workload.torch_fn is None:
            raise NotImplementedError("no torch rewrite of this workload")
        from workloads import torch_rewrites
        return getattr(torch_rewrites, workload.torch_fn)

    def prepare(self, workload, args):
        fn = self._rewrite(workload)
        return fn, tuple(_torch_arg(self.torch, a) for a in args), workload.torch_note

    def to_numpy(self, result):
        if isinstance(result, (tuple, list)):
            return tuple(self.to_numpy(r) for r in result)
        if isinstance(result, self.torch.Tensor):
            return result.numpy()
        return np.asarray(result)

    def info(self):
        t = self.torch
        return {"torch": t.__version__, "torch.get_num_threads": t.get_num_threads(),
                "torch.get_num_interop_threads": t.get_num_interop_threads(),
                "mkldnn": t.backends.mkldnn.is_available()}


class TorchScript(TorchEager):
    name = "torchscript"

    def prepare(self, workload, args):
        fn, targs, note = super().prepare(workload, args)
        return self.torch.jit.script(fn), targs, note


class Numba(System):
    name = "numba"

    def __init__(self):
        import numba
        self.numba = numba

    def prepare(self, workload, args):
        if workload.numba_fn is not None:
            fn, note = workload.numba_fn, workload.numba_note
        else:
            fn, note = workload.fn, "same function"
        # numba takes numbers, not 0-d arrays, for loop bounds and scalar arithmetic.
        nargs = tuple(a[()] if isinstance(a, np.ndarray) and a.ndim == 0 else a
                      for a in args)
        return self._njit_tree(fn, {}), nargs, note

    def _njit_tree(self, fn, done):
        """njit `fn` with every function of its module that it calls njit-ed too, as a
        numba user decorates each helper (and a recursive function finds itself)."""
        if fn in done:
            return done[fn]
        # ag's rule for the names a function reads (imported here: only the adapter in
        # use imports its library, and this one is numba's).
        from ag.staging import referenced_names
        namespace = dict(fn.__globals__)
        clone = types.FunctionType(fn.__code__, namespace, fn.__name__, fn.__defaults__,
                                   fn.__closure__)
        done[fn] = jitted = self.numba.njit(clone)
        for name in referenced_names(fn.__code__):
            value = namespace.get(name)
            if isinstance(value, types.FunctionType) and value.__module__ == fn.__module__:
                namespace[name] = self._njit_tree(value, done)
        return jitted

    def to_numpy(self, result):
        if isinstance(result, (tuple, list)):
            return tuple(np.asarray(r) for r in result)
        return np.asarray(result)

    def info(self):
        n = self.numba
        return {"numba": n.__version__, "llvmlite": __import__("llvmlite").__version__,
                "numba.config.NUMBA_NUM_THREADS": n.config.NUMBA_NUM_THREADS,
                "parallel": False}


_CLASSES = {c.name: c for c in (NumpyEager, AgStaged, TorchEager, TorchScript, Numba)}


def make(name):
    return _CLASSES[name]()


def importable(name):
    """Whether the system's library is installed (without importing it)."""
    import importlib.util
    module = {"numpy": "numpy", "ag": "ag", "torch": "torch", "torchscript": "torch",
              "numba": "numba"}[name]
    return importlib.util.find_spec(module) is not None
