# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s59_6049.py (fuzz.py --seed 59): min/max reductions over an outer axis kept -0.0 on a -0.0/+0.0 tie (arith.minimumf); numpy's row-by-row loop keeps the later element, so 0.001 // a.min(axis=0) gave -inf for inf. Fixed in buildReduction (later wins ties over outer axes)
# result: 5 of 10 differ, first at (0, 0): ag -inf numpy inf
import numpy as np

def f(a1):
    t1 = a1
    t2 = a1
    a1 *= 5 <= t1
    a1 += a1.min(axis=0)
    t1 += 0.001 // a1
    return t2

def inputs():
    return [(np.arange(10) - 5).reshape((2, 5)).astype(np.float64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
