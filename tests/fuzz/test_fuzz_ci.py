"""The bounded, seeded CI run of the differential fuzzer (about 2 minutes on 2 cores).

- test_stable[seed]: programs built from the features marked stable in features.py;
  every one must be OK or a clean refusal (no WRONG, CRASH, TIMEOUT, EXC-MISMATCH, no
  unclean refusal message).
- test_known_broken[feature]: stable features plus one feature marked broken (its weight
  raised); failures are reported as a non-strict xfail whose reason holds the counts.
  When such a test passes for a while, flip the feature to stable in features.py.

Failing programs are kept under pytest's tmp_path (printed in the assertion message);
rerun one with `python3 tests/fuzz/minimize.py PROGRAM.py` to get a small repro.
Sizes can be raised locally: AG_FUZZ_CI_SCALE=4 runs four times as many programs.
"""

import collections
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import features  # noqa: E402
import fuzz  # noqa: E402
import runner  # noqa: E402

SCALE = float(os.environ.get("AG_FUZZ_CI_SCALE", "1"))
JOBS = int(os.environ.get("AG_FUZZ_JOBS", "2"))
STABLE_SEEDS = [1001, 1002, 1003, 1004]
STABLE_PER_SEED = int(25 * SCALE)
BROKEN_SEED = 2001
BROKEN_COUNT = int(8 * SCALE)
BROKEN_BOOST = 4      # the broken feature's weight is multiplied by this


def _ag_path():
    path = runner.default_ag_path()
    if not os.path.isdir(os.path.join(path, "ag")):
        pytest.fail(f"no ag package under {path}: build first (scripts/build.sh)")
    return path


def _failures(results):
    return [r for r in results if r["cls"] in runner.FAILURES or
            (r["cls"] == "REFUSED" and not r.get("clean"))]


def _report(bad):
    by_sig = collections.defaultdict(list)
    for r in bad:
        by_sig[r["sig"]].append(r)
    lines = []
    for sig, rs in sorted(by_sig.items(), key=lambda kv: -len(kv[1])):
        detail = (rs[0].get("detail") or rs[0].get("refusal") or "")[:200]
        lines.append(f"{len(rs)} x {sig}\n    e.g. {rs[0]['path']}: {detail}")
    return "\n".join(lines)


@pytest.mark.parametrize("seed", STABLE_SEEDS)
def test_stable(seed, tmp_path):
    weights = features.weights(only_stable=True)
    results = fuzz.run_campaign(seed, STABLE_PER_SEED, weights, str(tmp_path), jobs=JOBS,
                                timeout=120, ag_path=_ag_path())
    assert len(results) == STABLE_PER_SEED
    judged = [r for r in results if r["cls"] != "DISCARD"]
    assert len(judged) >= 0.8 * len(results), "the generator discards too many programs"
    bad = _failures(results)
    assert not bad, f"stable features, seed {seed}:\n" + _report(bad)


@pytest.mark.parametrize("feature", features.broken_features() or ["(none)"])
def test_known_broken(feature, tmp_path):
    if feature == "(none)":
        pytest.skip("no feature is marked broken in features.py")
    stable = set(features.stable_features())
    boost = {feature: features.FEATURES[feature][0] * BROKEN_BOOST}
    weights = features.weights(stable | {feature}, boost)
    results = fuzz.run_campaign(BROKEN_SEED, BROKEN_COUNT, weights, str(tmp_path),
                                jobs=JOBS, timeout=120, ag_path=_ag_path())
    bad = _failures(results)
    if bad:
        counts = collections.Counter(r["sig"] for r in bad)
        pytest.xfail(f"{feature}: {len(bad)}/{len(results)} programs fail: " +
                     "; ".join(f"{n} x {s}" for s, n in counts.most_common(4)))
    # All OK: this feature may be ready to become stable (features.py).
