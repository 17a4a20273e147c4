# ag-fuzz repro: EXC-MISMATCH/none->ValueError: Integers to negative integer powers are not allowed.
# minimized from prog_s12_8.py
# numpy ran, ag raised non-ag ValueError
import numpy as np

def f(a0):
    t20 = np.logical_xor(3.0, a0[2:2])
    if np.mean(t20 ** (-1)):
        t23 = a0
    else:
        t26 = t19
    return a0

def inputs():
    return [np.array([1.0, 3.5, 2.5, 1.0, 2.0, 3.0, -2.25, -2.25, -4.0, 3.25, -2.0, -1.25, -2.25, -4.0, 1.5, -0.75, -2.5, -1.75, -4.0, -2.5], dtype=np.float32).reshape(5, 4)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
