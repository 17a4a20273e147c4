# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s68_3878.py (fuzz.py --seed 68): the converted `break` (under a Python if that never runs) made the loop carry its flag as a staged bool, so `t1 = t4` after it ran under a staged if: t1 and t4 one object on some paths only, and the write through t1 after the loop did not reach t4 (ag True, numpy False). A Python bool the body leaves as it was now stays a Python value (carried._Plan.const)
# result: 1 of 6 differ, first at (1, 0): ag True numpy False
import numpy as np

def f(a0, a1):
    t1 = a1
    t2 = a0
    t4 = t1
    for i5 in range(9):
        t4 = ~t4
        if t2.shape[0] > 3:
            break
        t1 = t4
    t1[1::2, None] *= False
    return t4

def inputs():
    return [np.ones((2, 3), dtype=np.int32), (np.arange(6) - 3).reshape((2, 3)).astype(np.bool_)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
