# ag-fuzz repro: REFUSED-UNCLEAN/ag.stage(f): the result: the recorded function does not verify: block with no te
# minimized from prog_s42_743.py (fuzz.py --seed 42): a list element never read before a staged if, written in one branch
# ag.stage(f): the result: the recorded function does not verify: block with no terminator, has %50 = "ag.insert_slice"(%49, %34#2) <{starts = array<i64
import numpy as np

def h3(p0):
    if np.sum(p0) > 7 and np.max(p0) < 4:
        lst4 = []
        for i5 in range(9):
            p0[-4] += True
            lst4.append((p0 ^ p0).reshape(-1))
        t6 = lst4[1]
        if np.sum(p0 / 1) > -0.0:
            p0[:3:1] = False
        else:
            t6[-2:2] = True
    else:
        t11 = p0.mean() ** (-1)

def f(a1):
    t1 = np.logical_xor(a1, a1)
    t2 = t1
    t14 = h3(t2)
    return t2

def inputs():
    return [np.ones((4, 2), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
