# ag-fuzz repro: EXC-MISMATCH/none->StagingError: the recorded function does not verify: operand #N does not d
# minimized from h1.py
# numpy ran, ag raised non-ag StagingError
import numpy as np

def f(a0, a1):
    t = a0 * 1
    if np.mean(a1):
        t = t + t
    else:
        u = t * 2
    return a1

def inputs():
    return [np.ones((2, 3), dtype=np.float64), np.ones((3,), dtype=np.float64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
