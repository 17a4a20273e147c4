# ag-fuzz repro: TIMEOUT
# hand-reduced from prog_s49_2055.py (fuzz.py --seed 49): a loop printing only Python values ran in Python; its 18 unrolled steps of staged continue/break under a staged return flag nested scf.ifs whose bufferization (MLIR 19 getBufferType, no memo) is exponential in their depth. The print is staged now, so the loop stays one scf.for
# result: no answer within 180 s (16 s at 14 steps)
import numpy as np

def f(a0, a1, a2):
    t1 = a0
    t2 = (~(True == a1))
    if -1 < np.sum(np.tanh(t1)) < 6:
        for i4 in range(0, 38, 2):
            if np.sum((a1 <= t1)) < 7:
                return t1, t2
    for i7 in range(2, 20):
        print('step', 8)
        if np.any((t1 / a0) > -0.0):
            continue
        t2[i7 % 4] = 2
        if np.sum((t1 ** -1)) < -0.0:
            break
    return t1, t2


def inputs():
    return [
        np.array([2.25, -3.0000000054977558e+38], dtype=np.float32),
        np.array([True, True, False, False, True, False, False, True], dtype=np.bool_).reshape(4, 2),
        np.array([-1.75, 0.75, 2.75, -3.0, -3.0, 3.75, -0.75, 1.5], dtype=np.float64).reshape(2, 4),
    ]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
