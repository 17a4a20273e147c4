"""Functions the Dask tests run on workers (importable there by name)."""

import os

import numpy as np

import ag


def die_once(staged, chunk, marker):
    """Kills the worker running it the first time (the marker file says it happened);
    Dask then runs the task again on a new worker process."""
    if not os.path.exists(marker):
        with open(marker, "w") as f:
            f.write(str(os.getpid()))
        os._exit(1)
    return staged(chunk)


def stats():
    info = ag.cache_info()
    return {"pid": os.getpid(), "compiles": info.misses, "links": info.hits}


def centered(k):
    def f(x):
        y = x - x.mean(axis=0)
        spread = np.sqrt((y * y).mean())
        if spread > 1:
            y = y / spread
        return y * k
    return f
