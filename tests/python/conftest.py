"""pytest configuration: import `ag` from the build tree (build/python)."""

import os
import sys

_BUILD_PYTHON = os.environ.get(
    "AG_PYTHONPATH",
    os.path.join(os.path.dirname(__file__), "..", "..", "build", "python"))
sys.path.insert(0, os.path.abspath(_BUILD_PYTHON))
