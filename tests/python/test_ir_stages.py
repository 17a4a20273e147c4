"""`.ir(emit=...)` shows the IR that runs: the stages the compiler kept for the entry.

The function writes into its argument, which compiled code treats as read-only
(ag-readonly-arguments): the bufferized and LLVM stages write into a copy, returned for
the runtime to copy back into the caller's array.
"""

import re

import numpy as np
import pytest

import ag

from _reference import assert_same

STAGES = ("ag", "linalg", "bufferized", "llvm")


def write_first(x):
    x[0] = 2.0
    return x * 3.0


def _entry(staged):
    (entry,) = staged._cache.values()
    return entry


def test_ir_returns_the_stages_the_compile_kept():
    staged = ag.stage(write_first)
    x = np.arange(4, dtype=np.float32)
    shown = {s: staged.ir(x, emit=s) for s in STAGES}
    assert staged.trace_count == 1  # one compile, for ir(), that kept its stages
    compiled = _entry(staged).compiled
    for s in STAGES:
        assert shown[s] == compiled.stage(s)
    bufferized = shown["bufferized"]
    # The argument is never written: the write goes into a copy of it.
    assert re.search(r"memref\.copy %arg0, %\w+", bufferized)
    assert not re.search(r"memref\.(store|subview)[^\n]*%arg0\b", bufferized)
    assert "memref<4xf32>) -> (memref<4xf32>, memref<4xf32>)" in bufferized
    assert "llvm.func @write_first" in shown["llvm"]
    # The entry ir() compiled is the one calls run (on the C path after the first).
    for _ in range(2):
        mine, eager = x.copy(), x.copy()
        assert_same(staged(mine), write_first(eager))
        assert_same(mine, eager)
    assert staged.trace_count == 1


def test_an_entry_compiled_by_a_call_keeps_no_stages():
    x = np.arange(4, dtype=np.float32)
    called = ag.stage(write_first)
    called(x.copy())
    compiled = _entry(called).compiled
    assert all(compiled.stage(s) is None for s in STAGES)  # nothing kept, nothing printed
    # ir() lowers its module again through the compiler's stage loop: the same IR as a
    # compile that kept its stages.
    kept = ag.stage(write_first)
    for s in STAGES:
        assert called.ir(x, emit=s) == kept.ir(x, emit=s)
    assert called.trace_count == 1 and kept.trace_count == 1


def test_read_only_caller_array_is_refused_on_both_paths():
    staged = ag.stage(write_first)
    x = np.arange(4, dtype=np.float32)
    staged.ir(x, emit="bufferized")
    frozen = x.copy()
    frozen.flags.writeable = False
    for _ in range(2):
        with pytest.raises(ValueError, match="read-only"):
            staged(frozen)
        assert_same(frozen, x)


def test_unknown_stage():
    staged = ag.stage(write_first)
    with pytest.raises(ValueError, match="emit must be one of"):
        staged.ir(np.arange(4, dtype=np.float32), emit="asm")
