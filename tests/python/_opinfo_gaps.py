"""OpInfo entries of the functions and methods added for numba's list (issue 12:
bench/numba_coverage.py), and samples of the argument forms added to existing entries
(a staged shift for np.roll, a staged fill value for np.full_like). Imported at the end
of _opinfo.py: the entries join its TABLE."""

import numpy as np

from _opinfo import ALL, NUM, F, _extend, a, add, per_dtype, unary

_extend("roll", per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), np.array(4)), F(a(dt, (2, 3)), np.array(-5, np.int32), 1),
    F(a(dt, (0,)), np.array(2)), F(a(dt, (3,)), np.array(1.0)),
    F(a(dt, (3,)), np.array(7, np.uint8))]))
_extend("full_like", per_dtype(ALL, lambda dt: [
    F(a(dt, (2, 3)), np.array(2.5)), F(a(dt, (2, 3)), a(np.float64, (3,))),
    F(a(dt, (2,)), np.array(np.nan)), F(a(dt, (2, 2)), a(dt, ()), np.float32),
    F(a(dt, (2, 3)), a(dt, (2,)))]))
