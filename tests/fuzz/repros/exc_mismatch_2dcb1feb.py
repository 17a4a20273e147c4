# ag-fuzz repro: EXC-MISMATCH/none->IndexError: list index out of range
# minimized from prog_s600_570.py
# numpy ran, ag raised non-ag IndexError
import numpy as np

def f(a0):
    t1 = a0.argmax()
    t10 = np.true_divide(t1, 2147483647)
    while np.clip(t10, 0.001, 0.001) > 0:
        return t1
    lst12 = []
    t14 = lst12[1]
    return t1

def inputs():
    return [np.ones((5, 2), dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
