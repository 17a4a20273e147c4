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

if "AG_CACHE_DIR" not in os.environ:
    _cache_dir = tempfile.mkdtemp(prefix="ag-test-cache-")
    os.environ["AG_CACHE_DIR"] = _cache_dir
    atexit.register(shutil.rmtree, _cache_dir, ignore_errors=True)
