# ag-fuzz repro: REFUSED-UNCLEAN/<file>:N: 'ag.broadcast_to' op operands could not be broadcast together with rem
# minimized from prog_s500_210.py
# /tmp/agfuzz-min-j9862ozf/prog_min_60.py:8: 'ag.broadcast_to' op operands could not be broadcast together with remapped shapes [original->remapped]: (0
import numpy as np

def f(a0, a1):
    t1 = a1
    v10 = t1[:4, :2]
    v10[2, 1] = a0[:3:-2]
    return a0

def inputs():
    return [np.ones((3,), dtype=np.float64), np.ones((4, 3), dtype=np.bool_)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
