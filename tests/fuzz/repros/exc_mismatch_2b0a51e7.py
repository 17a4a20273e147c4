# ag-fuzz repro: EXC-MISMATCH/TypeError->AgValueError
# minimized from prog_s63_4665.py (fuzz.py --seed 63): `int32_array += int64_0d` of a value beyond int32 raised the value-based-casting ag error, where numpy computes in int64 and casts back to the same low bits (then raised the TypeError below); fixed: wrapping in-place integer ops need no value check (numerics.truncating_into)
# numpy raised TypeError, ag raised AgValueError
import numpy as np

def f(a0, a2):
    a0 += a2
    b11 = 2
    b11[...] = 3
    return t2

def inputs():
    return [np.ones((2, 4), dtype=np.int32), np.array(9223372036854775807, dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
