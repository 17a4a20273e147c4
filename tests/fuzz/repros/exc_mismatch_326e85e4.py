# ag-fuzz repro: EXC-MISMATCH/none->StagingError: the recorded function does not verify: operand #N does not d
# minimized from h2.py
# numpy ran, ag raised non-ag StagingError
import numpy as np

def f(a0):
    b = a0 * 1
    lst = []
    for i in range(9):
        b = b + 1
        lst.append(2)
    t = lst[1]
    for row in a0:
        u = t + row
    return t

def inputs():
    return [np.ones((4, 2), dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
