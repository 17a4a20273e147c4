"""ag on Dask: examples/dask_map.py in a small version on a LocalCluster of worker
processes -- results equal to numpy, at most one compile per worker and signature, a
staged closure shipped by value, and a worker killed mid-run retried without wrong
results."""

import os
import sys

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")

import _dask_helpers as helpers  # noqa: E402

EXAMPLES = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "examples"))
sys.path.insert(0, EXAMPLES)
import dask_map  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    # Workers import ag, the example and the helpers by name: they get this sys.path,
    # and the persistent cache directory conftest chose.
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    try:
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
            local_directory=str(tmp_path_factory.mktemp("dask")), silence_logs=40)
    finally:
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old
    with cluster, distributed.Client(cluster) as c:
        yield c


def test_example_small(client):
    result = dask_map.run(client, rows=4000, cols=64, chunk=500, repeat=1)
    assert result["workers"] == 2
    for name in ("map_blocks", "client.map"):
        assert result[name]["ag_s"] > 0 and result[name]["numpy_s"] > 0
    stats = result["worker_stats"]
    # One signature (every chunk is 500 x 64 float32): each worker traced it at most
    # once for 2 x 8 chunks (the unpickled function is reused) and compiled at most
    # once; with the shared cache the second worker usually only links.
    assert len(stats) == 2
    for s in stats:
        assert s["compiles"] <= 1 and s["compiles"] + s["links"] <= 1, stats
    assert sum(s["compiles"] + s["links"] for s in stats) >= 1
    print("per-worker compiles/links:", [(s["compiles"], s["links"]) for s in stats])


def test_closure_by_value(client):
    import ag
    rng = np.random.default_rng(3)
    chunks = [rng.standard_normal((50, 7)) * 3 for _ in range(6)]
    staged = ag.stage(helpers.centered(2.5))
    # A lambda around it too: client.map pickles the lambda (cloudpickle) and the
    # staged function inside it (ours).
    futures = client.map(lambda c, f=staged: f(c), chunks, pure=False)
    for chunk, got in zip(chunks, client.gather(futures)):
        np.testing.assert_allclose(got, helpers.centered(2.5)(chunk), rtol=1e-5, atol=1e-5)
        assert got.dtype == np.float64


def test_killed_worker_is_retried(client, tmp_path):
    before = {s["pid"] for s in client.run(helpers.stats).values()}
    rng = np.random.default_rng(4)
    chunks = [rng.standard_normal((500, 64)).astype(np.float32) for _ in range(8)]
    marker = str(tmp_path / "died")
    futures = client.map(helpers.die_once, [dask_map.staged_features] * len(chunks),
                         chunks, [marker] * len(chunks), pure=False)
    results = client.gather(futures)
    assert os.path.exists(marker)  # a worker did die mid-run
    for chunk, got in zip(chunks, results):
        expected = dask_map.features(chunk)
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
        assert got.dtype == expected.dtype and got.shape == expected.shape
    client.wait_for_workers(2, timeout=60)
    after = client.run(helpers.stats)
    new = [s for s in after.values() if s["pid"] not in before]
    assert new, "the killed worker was not replaced"
    for s in new:  # the replacement found the compiled code in the shared cache
        assert s["compiles"] == 0, s
