# ag-fuzz repro: WRONG/value/call1
# minimized from prog_s48_727.py (fuzz.py --seed 48): -0.0 written through a transposed view came out +0.0: MLIR 19 translates a splat constant of -0.0 to zeroinitializer (fixed by ag-splat-fills, then named ag-signed-zero-splats)
# result: 1 of 6 differ, first at (1, 0): ag inf numpy -inf
import numpy as np

def f(a0):
    t1 = a0
    v3 = t1.T
    v3[0:2:2, 1] = -0.0
    y7 = np.reciprocal(t1)
    return y7

def inputs():
    return [np.ones((3, 2), dtype=np.float64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
