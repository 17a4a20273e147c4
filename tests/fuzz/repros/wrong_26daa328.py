# ag-fuzz repro: WRONG/args-value/call1
# fuzz seed 74 #8490: the float64 mean of a Fortran-ordered int64 array was summed in C order, not numpy's memory order; with +-2**63 the cancellation differed (ag 0.58, numpy 2.9) and ag took the else branch
# argument[1]: 1 of 12 differ, first at (0, 3): ag -7 numpy 0
import numpy as np

def f(a0, a1, a2):
    t1 = a0
    if a1.mean() >= 2:
        t9 = a2
    else:
        a1[-3, 3] -= 7
    return t1

def inputs():
    return [np.ones((3, 4), dtype=np.int32), np.asfortranarray(np.array([9223372036854775804, 8, -3, 0, -9223372036854775808, 9, 8, 6, -3, 7, 6, -3], dtype=np.int64).reshape(3, 4)), np.ones((2, 3, 4), dtype=np.bool_)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
