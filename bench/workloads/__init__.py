"""The benchmark suite: plain numpy functions, as an ag user writes them.

Each workload is one numpy function. The same function object runs eagerly (the
baseline), through ``ag.stage`` and through ``numba.njit``; torch cannot run numpy code,
so a workload may carry a torch rewrite (written in torch ops, TorchScript-compatible,
used for both torch eager and ``torch.jit.script``). Where numba cannot compile the
function itself a workload may carry a numba rewrite; every rewrite is reported as such.

Inputs are made from a seeded generator, so every system's process builds the same
arrays. Sizes come per mode: ``check`` (tiny, for ``run.py --check``), ``quick`` (the
main job, everything in under two minutes) and ``full`` (careful runs).
"""

import dataclasses
from typing import Callable, Optional


@dataclasses.dataclass(frozen=True)
class Workload:
    name: str
    kind: str                       # which kind of program of the paper it stands for
    fn: Callable                    # the numpy function: eager, ag.stage, numba.njit
    inputs: Callable                # inputs(rng, **size) -> tuple of arguments
    sizes: dict                     # mode ("check", "quick", "full") -> size keywords
    torch_fn: Optional[Callable] = None    # torch rewrite (torch cannot run numpy code)
    torch_note: str = "rewrite in torch ops"
    numba_fn: Optional[Callable] = None    # numba rewrite; None: njit the same function
    numba_note: str = ""                   # why numba needs a rewrite
    rtol: float = 1e-4
    atol: float = 1e-4
    seed: int = 0

    def size(self, mode):
        return self.sizes[mode]

    def size_text(self, mode):
        return ", ".join(f"{k}={v}" for k, v in self.sizes[mode].items())


def all_workloads():
    """The suite in the order of the report (imports here keep this module import-light
    for workers that only need the dataclass)."""
    from . import (compositions, elementwise, indexing, kernels, linalg, loops, models,
                   reductions, scalar, search, sortscan)
    return (models.WORKLOADS + linalg.WORKLOADS + elementwise.WORKLOADS
            + reductions.WORKLOADS + compositions.WORKLOADS + loops.WORKLOADS
            + search.WORKLOADS + scalar.WORKLOADS + sortscan.WORKLOADS + indexing.WORKLOADS
            + kernels.WORKLOADS)


def by_name(names=None):
    suite = all_workloads()
    if not names:
        return suite
    known = {w.name: w for w in suite}
    missing = [n for n in names if n not in known]
    if missing:
        raise SystemExit(f"unknown workload(s) {', '.join(missing)}; "
                         f"known: {', '.join(known)}")
    return [known[n] for n in names]
