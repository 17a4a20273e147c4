# ag-fuzz repro: REFUSED-UNCLEAN/<file>:N: 'ag.broadcast_to' op operands could not be broadcast together with rem
# minimized from prog_s20_85.py
# /tmp/agfuzz-min-z98r87ep/prog_min_76.py:8: 'ag.broadcast_to' op operands could not be broadcast together with remapped shapes [original->remapped]: (0
import numpy as np

def f(a1, a2):
    t1 = a2[2:, 1:1]
    t5 = t1
    a1[1] = t5
    return t1

def inputs():
    return [np.array([True, True], dtype=np.bool_), np.array([-3.0, 1.75, 3.5], dtype=np.float64).reshape(1, 3)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
