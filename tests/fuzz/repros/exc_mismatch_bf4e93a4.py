# ag-fuzz repro: EXC-MISMATCH/OverflowError->AgValueError
# minimized from prog_s68_1272.py (fuzz.py --seed 68): `a0[1:1:3] *= a1 ^ 2147483647` (an empty target, a staged int32 0-d value past the int16 class) raised the value-based-casting AgValueError; numpy computes nothing there and raises OverflowError later. An empty `out` needs no value check (numerics.truncating_into)
# numpy raised OverflowError, ag raised AgValueError
import numpy as np

def f(a0, a1):
    t1 = a0.argmax()
    a0[1:1:3] *= a1 ^ 2147483647
    lst3 = []
    lst3.append(t1)
    t6 = np.stack(lst3)
    v7 = t6[0::2]
    v7[0] = a0.mean()
    return t1

def inputs():
    return [np.array([9.99994610111476e-41, -2.5, 2.5, 0.5, -1.5, -3.0000000054977558e+38, 9.99994610111476e-41, -1.5, -0.0, 0.0, 1.0000000150474662e+30, 2.75, -2.25, -0.5, -1.25, 0.0], dtype=np.float32).reshape(4, 4), np.ones((), dtype=np.int32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
