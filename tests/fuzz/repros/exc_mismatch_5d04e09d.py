# ag-fuzz repro: EXC-MISMATCH/none->StagingError: the recorded function does not verify: operand #N does not d
# minimized from prog_s2_7.py
# numpy ran, ag raised non-ag StagingError
import numpy as np

def f(a0, a1):
    t1 = a1
    if np.mean(t1):
        a0 = a0 + a0
    else:
        t30 = a0 // a0
    return t1

def inputs():
    return [np.array([3.0, 2.25, -0.25, -1.25, -0.25, -1.75, -3.5, -3.25, -1.25, -2.5], dtype=np.float64).reshape(5, 2), np.array([-2.75, -0.5, 1.25, 4.0, -4.0, -2.75, 2.75, 1e+30, -2.5, -np.inf, -np.inf, 4.0, -1.75, 0.5, 0.25, 1.25, -0.0, -2.0, -1.25, -4.0], dtype=np.float64).reshape(2, 5, 2)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
