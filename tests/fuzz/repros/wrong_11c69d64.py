# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s56_1687.py (fuzz.py --seed 56): np.maximum(abs(x), 0.0) of float32 was miscompiled by LLVM 19 O3 (nested selects folded to `x ugt 0`, losing the abs); fixed by lowering float max/min to one select on `isnan(x) | x > y`
# result: 5 of 10 differ, first at (0, 0): ag 0.0 numpy 3.0
import numpy as np

def f(a0):
    t12 = np.clip(abs(a0), 0.0, 3)
    return t12

def inputs():
    return [(np.arange(10) - 5).reshape((5, 2)).astype(np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
