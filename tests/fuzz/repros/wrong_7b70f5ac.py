# ag-fuzz repro: WRONG/stdout/call1
# minimized from prog_s68_6553.py (fuzz.py --seed 68): t1 and a0 one object at the loop start; the body rebinds both to one new array under a staged if and keeps them on the other path, so each was an Either of the same objects -- two Either objects, so the staged loop carried them as two and `a0 -= 2` after it did not reach t1. Fixed: one Either for names with the same objects on each path (control_flow._branch_result) and carried._alike plans them as one object
# printed line 1: ag 'v [0 0]' numpy 'v [-2 -2]'
import numpy as np

def f(a0):
    t1 = a0
    for i5 in range(6):
        if np.sum(np.where(t1 > 1, t1, a0)) > -1:
            a0 = np.isnan(np.where(np.maximum(t1, t1) > 1, np.maximum(t1, t1[::-1]), t1.sum())).astype(np.int64)
            t1 = a0
        else:
            a0 = a0
    a0 -= 2
    print('v', t1)
    for j33, row32 in enumerate(t1):
        t1 *= t1 == 2
    return t1

def inputs():
    return [np.array([-3, 7], dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
