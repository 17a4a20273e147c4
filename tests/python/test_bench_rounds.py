"""bench/run.py --rounds: each (workload, system) keeps its fastest timed round, and a
failure in any round stays visible (a crash once in two rounds is a crash)."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))

from run import _kept  # noqa: E402


def ok(ms):
    return {"status": "ok", "ms": ms}


def test_the_faster_round_is_kept():
    assert _kept(ok(2.0), ok(1.5)) == ok(1.5)
    assert _kept(ok(1.5), ok(2.0)) == ok(1.5)
    assert _kept(None, ok(3.0)) == ok(3.0)


def test_a_failure_in_any_round_is_kept():
    crash = {"status": "crash", "error": "worker exited"}
    assert _kept(ok(1.0), crash) == crash
    assert _kept(crash, ok(1.0)) == crash
    first = {"status": "timeout", "error": "first"}
    assert _kept(first, crash) == first


def test_untimed_records_keep_the_first():
    checked = {"status": "ok"}  # (--check mode: no timing)
    assert _kept(checked, ok(1.0)) == checked
