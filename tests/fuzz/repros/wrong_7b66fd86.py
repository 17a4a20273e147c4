# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s44_395.py (fuzz.py --seed 44): the branch taken depends on np.all of an empty slice of a bool cast, whose reduction payload canonicalization folds to a constant; bufferization then left the result unfilled (fixed by ag-folded-payloads)
# result: 10 of 10 differ, first at (0, 0): ag 0.0 numpy nan
import numpy as np
h3 = lambda p0, p1: np.isfinite(np.floor_divide(p1, p0))

def f(a1):
    t2 = a1
    t4 = a1.astype(np.bool_)
    t7 = a1
    if np.all(t4[:2:-1] > 3.0):
        a1 /= t2
    else:
        for i13 in range(9):
            if np.all(t2):
                continue
            t7 //= 5
    return t2

def inputs():
    return [np.arange(10).reshape((2, 5)).astype(np.float64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
