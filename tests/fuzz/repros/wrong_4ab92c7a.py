# ag-fuzz repro: WRONG/type/call1
# minimized from prog_s49_4936.py (fuzz.py --seed 49): `x ** 2.0` of a 0-d int array is a 0-d float64 array in numpy (its fast path squares a float copy in place), not a numpy scalar
# result: ag float64 float64, numpy ndarray float64
import numpy as np

def f(a2):
    t1 = a2 ** 2.0
    return t1

def inputs():
    return [np.array(6, dtype=np.int32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
