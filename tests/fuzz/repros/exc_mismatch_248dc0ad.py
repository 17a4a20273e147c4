# ag-fuzz repro: EXC-MISMATCH/none->StagingError: the recorded function does not verify: operand #N does not d
# minimized from prog_s500_325.py
# numpy ran, ag raised non-ag StagingError
import numpy as np

def f(a0):
    t1 = a0
    if np.all(a0):
        a0 -= a0
    else:
        a0 += t1
    return t1

def inputs():
    return [np.ones((2,), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
