"""pytest configuration: import `ag` from the build tree (build/python), with the
persistent compile cache in a temporary directory (never the user's cache): set here,
before `ag` is imported, so subprocesses the tests start inherit it."""

import atexit
import os
import shutil
import sys
import tempfile

_BUILD_PYTHON = os.environ.get(
    "AG_PYTHONPATH",
    os.path.join(os.path.dirname(__file__), "..", "..", "build", "python"))
sys.path.insert(0, os.path.abspath(_BUILD_PYTHON))

# Trace records (ag._persist) off: the suite's trace counts and cache counters describe
# tracing in one process, and one function staged by several tests would be served by
# the first one's record. test_trace_records.py (and the tests of the cache's own
# counters that say so) turn them on.
os.environ.setdefault("AG_CACHE_RECORDS", "off")

if "AG_CACHE_DIR" not in os.environ:
    _cache_dir = tempfile.mkdtemp(prefix="ag-test-cache-")
    os.environ["AG_CACHE_DIR"] = _cache_dir
    atexit.register(shutil.rmtree, _cache_dir, ignore_errors=True)
