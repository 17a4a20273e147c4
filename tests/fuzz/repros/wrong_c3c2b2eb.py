# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s65_3379.py (fuzz.py --seed 65, final code of session 11): in the then branch a1 = ~t1; t1 = a1 make two names one object, but a1 is bool on the other path (a Divergent after the if); the write a1[-3] = 2 after the if did not reach t1 on that path (ag -2, numpy 2). Fixed: control_flow._path_object shares the branch object
# result: 1 of 3 differ, first at (0,): ag -2 numpy 2
import numpy as np

def f(a0, a1):
    t1 = a1 ** 1
    if np.sum(t1):
        a1 = ~t1
        t1 = a1
    else:
        a0[0:, :4:1] = a0[1, 1]
    a1[-3] = 2
    return t1

def inputs():
    return [np.ones((3, 4), dtype=np.float64), np.ones((3,), dtype=np.bool_)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
