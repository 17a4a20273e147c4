# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s46_153.py (fuzz.py --seed 46): a product whose output got the buffer of its transposed operand's source (dead after the copy); the BLAS lowering read that source through a view while the product overwrote it
# result: 4 of 4 differ, first at (0, 0): ag 0.0 numpy 2.0
import numpy as np

def f(a0, a1):
    a0 = a1.astype(np.int32).astype(np.float64)
    a1 = a1 @ a0.T
    return a1

def inputs():
    return [np.ones((2, 2), dtype=np.float64), np.ones((2, 2), dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
