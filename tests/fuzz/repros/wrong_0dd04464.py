# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s46_774.py (fuzz.py --seed 46): t[:] = np.logical_xor(t, t) folds to a constant; on one buffer as input and output upstream's EraseIdentityLinalgOp erased the write
# result: 3 of 3 differ, first at (0,): ag 2.0 numpy 0.0
import numpy as np

def f(a1):
    t3 = np.sum(a1, axis=0)
    y11 = t3
    y11[0:] = np.logical_xor(y11, t3)
    return t3

def inputs():
    return [np.ones((2, 3), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
