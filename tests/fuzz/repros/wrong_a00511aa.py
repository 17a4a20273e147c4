# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s60_7711.py (fuzz.py --seed 60): min of a contiguous run of -0.0 and +0.0 (False * a0) kept -0.0 where numpy's scalar loop keeps the later element (+0.0), so a2 / it was -inf for numpy's inf; float max/min over trailing runs of at most 8 elements now let the later element win ties
# result: 8 of 8 differ, first at (0, 0): ag -inf numpy inf
import numpy as np

def f(a0, a2):
    t1 = 4
    lst3 = []
    lst3.append(t1 <= 2.0)
    t5 = lst3[0]
    t8 = a2 / (t5 * a0).min()
    y10 = t8
    return y10

def inputs():
    return [np.array([-3.5, -1.0, 3.25, 0.5], dtype=np.float64), np.ones((4, 2), dtype=np.bool_)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
