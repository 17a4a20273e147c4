"""A staged function mapped over the chunks of a large array with Dask.

    PYTHONPATH=build/python /usr/bin/python3 examples/dask_map.py [--rows 400000]

Starts a distributed.LocalCluster with worker processes (one thread each), then runs the
same numpy function over the row blocks of an array twice -- as plain numpy and staged
with ag -- through `dask.array.map_blocks` and through `client.map` on numpy chunks,
checks the results against numpy, and prints the times, the speed-up, and how many
times each worker compiled (ag.cache_info(): a miss compiles, a hit links the object
code another worker stored in the shared persistent cache).

The staged function travels to the workers by pickling (ag._pickling): by reference
when this file is imported as a module, by value (code and source) when it runs as a
script, as here, where the workers cannot import `__main__`.
"""

import argparse
import os
import time

import numpy as np

import ag


def features(block):
    """A score per row: standardise the row, a few rounds of a squashing nonlinearity,
    then its mean magnitude -- numpy makes a temporary array per operation, ag fuses the
    elementwise chain into the reductions. (One number per row: what the workers send
    back is small next to what they compute.)"""
    mu = block.mean(axis=1, keepdims=True)
    var = ((block - mu) ** 2).mean(axis=1, keepdims=True)
    y = (block - mu) / np.sqrt(var + 1e-5)
    for _ in range(4):
        y = np.tanh(y * 1.5) + 0.1 * y
    return np.abs(y).mean(axis=1)


staged_features = ag.stage(features)


def worker_stats():
    """This worker's compiles (cache misses) and links of stored code (hits)."""
    info = ag.cache_info()
    return {"pid": os.getpid(), "compiles": info.misses, "links": info.hits}


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def run(client, rows, cols, chunk, repeat=3, function=None, reference=features):
    """Runs the comparison on `client`: a dict of results, times and worker stats."""
    import dask.array as da

    function = function or staged_features
    rng = np.random.default_rng(42)
    data = rng.standard_normal((rows, cols), dtype=np.float32)
    expected = reference(data)
    x = da.from_array(data, chunks=(chunk, cols))
    meta = np.empty((0,), np.float32)  # so Dask does not call the function to find it
    x = client.persist(x)  # the data lives on the workers before anything is timed

    def with_map_blocks(fn):
        return x.map_blocks(fn, drop_axis=1, dtype=np.float32, meta=meta).compute()

    chunks = client.scatter([data[i:i + chunk] for i in range(0, rows, chunk)])

    def with_client_map(fn):
        return np.concatenate(client.gather(client.map(fn, chunks, pure=False)))

    out = {"rows": rows, "cols": cols, "chunk": chunk,
           "workers": len(client.scheduler_info()["workers"])}
    for name, runner in (("map_blocks", with_map_blocks), ("client.map", with_client_map)):
        staged_out, first = _timed(lambda: runner(function))  # traces/compiles or links
        np.testing.assert_allclose(staged_out, expected, rtol=1e-5, atol=1e-5)
        assert staged_out.dtype == expected.dtype and staged_out.shape == expected.shape
        numpy_out = runner(reference)  # warm the workers' numpy path too
        np.testing.assert_allclose(numpy_out, expected, rtol=1e-5, atol=1e-5)
        ag_times, np_times = [], []
        for _ in range(repeat):  # interleaved: the machine's load hits both alike
            ag_times.append(_timed(lambda: runner(function))[1])
            np_times.append(_timed(lambda: runner(reference))[1])
        out[name] = {"first_ag_s": first, "ag_s": min(ag_times), "numpy_s": min(np_times),
                     "speedup": min(np_times) / min(ag_times)}
    out["worker_stats"] = sorted(client.run(worker_stats).values(),
                                 key=lambda s: s["pid"])
    return out


def report(result):
    print(f"{result['rows']} x {result['cols']} float32 in chunks of {result['chunk']} "
          f"rows, {result['workers']} worker processes")
    for name in ("map_blocks", "client.map"):
        r = result[name]
        print(f"  {name:<11} numpy in Dask {r['numpy_s'] * 1e3:8.1f} ms   ag in Dask "
              f"{r['ag_s'] * 1e3:8.1f} ms   speed-up {r['speedup']:.2f}x   "
              f"(ag's first run, tracing included: {r['first_ag_s'] * 1e3:.0f} ms)")
    for s in result["worker_stats"]:
        print(f"  worker pid {s['pid']}: {s['compiles']} compile(s), "
              f"{s['links']} link(s) of cached code")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--cols", type=int, default=256)
    parser.add_argument("--chunk", type=int, default=25_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        report(run(client, options.rows, options.cols, options.chunk, options.repeat))


if __name__ == "__main__":
    main()
