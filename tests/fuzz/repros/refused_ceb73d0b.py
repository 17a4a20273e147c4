# ag-fuzz repro: REFUSED-UNCLEAN/ag.stage(f): compilation failed: compilation failed at stage 'bufferized':
# minimized from prog_s59_4681.py (fuzz.py --seed 59): a staged if yielding a strided view (a1[2:3, 0]) on one path and a contiguous array on the other failed One-Shot Bufferize (MLIR 19 skips the layout cast of one branch); ag-contiguous-if-yields copies views an scf.if yields
# ag.stage(f): compilation failed: compilation failed at stage 'bufferized':
# loc("/tmp/agfuzz-min-kigmhy5c/prog_min_89.py":7:5): 'scf.if' op  along control flow edge from Region #0 to parent results: source type #0 'memref<1xi6
# loc("/tmp/agfuzz-min-kigmhy5c/prog_min_89.py":7:5): note: see current operation: 
# %5:2 = "scf.if"(%4) ({
import numpy as np

def f(a0, a1, a2):
    t1 = a1[2:3, 0]
    if np.any(a1):
        a0[:3] = 0.0
    else:
        t1 = (a2 ** 2)[3, -2:2]
    return t1

def inputs():
    return [np.ones((4,), dtype=np.float64), np.ones((4, 1), dtype=np.int64), np.ones((4, 1), dtype=np.int64)]


# ---- standalone check: numpy vs ag.stage, two calls (the second from the cache) -------
if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import repro
    repro.main(f, inputs, __file__)
