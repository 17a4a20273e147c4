"""The staged array and numpy's surface on it.

A StagedArray (array.py) stands for an array of the function being traced; numpy's
protocols route every numpy call on it here, where it records `ag` ops. The modules:

  array            StagedArray, record/cast/constant (the core protocol)
  storage, either  the object model: storages, views, an array that is one of several
  values, regions  values crossing a staged region; scf.if / scf.while as functions
  checks           run-time checks (failures the compiled call raises)
  dynamic          dynamic dims (sizes known only at run time)
  numerics         numpy's numeric rules that depend on values (overflow, sizes)
  indexing, advanced, index_functions   basic and advanced indexing; take, put, ...
  registry         the table of numpy functions ag stages, dtype and axis rules
  ufuncs, ufuncs_more   ufuncs (and those written as compositions)
  reductions, moments, stats, sortscan  reductions, var/std, statistics, sort/scan
  reshaping, shapes      layout (reshape, transpose, stack, ...) and its compositions
  products, linalg       matmul/dot and products; numpy.linalg
  contract, compositions more of numpy's functions as compositions
  random           np.random draws made when the compiled code runs (host calls)
  methods          ndarray methods written over the functions
  layout, memory   memory layout: numpy's layout rules; .strides, .flags, read-only
                   views, as_strided, sliding_window_view

Importing the package registers every function in the table (the modules below
register themselves with `registry.implements` when imported).
"""

from . import registry
# Each registers its functions with registry.implements (the order is the order the
# table was filled in before the split; no function is registered twice).
from . import reshaping, reductions, products, ufuncs  # noqa: F401
from . import index_functions, sortscan, linalg, moments  # noqa: F401
from . import ufuncs_more, shapes, stats, contract, compositions  # noqa: F401
from . import methods, memory  # noqa: F401  (ndarray methods, strides and flags)

# The tables the README lists. Functions registered only to refuse with a reason of
# their own are not supported.
SUPPORTED_UFUNCS = sorted(ufuncs.SUPPORTED_UFUNCS + ufuncs_more.SUPPORTED)
SUPPORTED_FUNCTIONS = sorted({f.__name__ for f in registry._FUNCTIONS} - sortscan.REFUSED)
