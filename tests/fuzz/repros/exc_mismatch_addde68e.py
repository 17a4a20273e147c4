# ag-fuzz repro: EXC-MISMATCH/ValueError->AgOperandTypeError
# minimized from prog_s59_2598.py (fuzz.py --seed 59): numpy raises ValueError at line 8 (NaN assigned into an int32 array, a run-time check in ag) before line 10's item assignment into a numpy scalar, which ag finds while tracing: the trace now compiles the code before it and the call raises it after the run-time checks (_tracing.Raises)
import numpy as np

def f(a0, a1, a2):
    t2 = a2
    v10 = a0[1::2]
    v10[1:2:2] = t2 // a2
    b12 = t2 * 2
    b12[...] = 3
    return a1

def inputs():
    return [np.ones((3,), dtype=np.int32), np.ones((2, 3, 3), dtype=np.bool_), np.array(np.nan, dtype=np.float32)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
