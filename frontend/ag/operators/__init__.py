"""The run-time operators of converted code: this package is the `ag__` module that
functions converted by ag.conversion see (as TensorFlow AutoGraph's operators package).

Each operator decides at run time, from the type of its condition or iterable, whether
to run plain Python or stage a region: a Python value runs exactly the original
statement; a staged value records scf.if / scf.while / scf.for through the tracer,
tracing each branch or body once with symbolic values (the as-if rule of the AutoGraph
paper). One module per family of Python constructs:

  control_flow     if statements, conditional expressions
  loops, carried   while and for loops; the state a staged loop carries
  logical          and, or, not, chained comparisons
  calls            calls (user functions are converted, checked for what they change)
  py_builtins      len, min, max, enumerate, zip, int/float/bool, print, np.zeros & co.
  slices           x[k] and x[k] = v of numpy arrays with staged keys or values
  data_structures  lists (append, pop, staged lists)
  exceptions       assert, try, global/nonlocal writes
  variables        undefined names and the return value
  recursion        calls of recursive functions (staged as func.call)

Only the names below are the `ag__` surface; the converters (ag.converters) emit them.
"""

import builtins  # noqa: F401  (ag__.builtins.getattr: attribute state of a region)

from .calls import converted_call  # noqa: F401
from .control_flow import if_exp, if_stmt  # noqa: F401
from .data_structures import list_append, list_pop, new_list  # noqa: F401
from .exceptions import assert_, check_scope_write, try_scope  # noqa: F401
from .logical import and_, compare_, not_, or_  # noqa: F401
from .loops import for_stmt, range_, while_stmt  # noqa: F401
from .py_builtins import print_, shape_of  # noqa: F401
from .slices import getitem_, setitem_  # noqa: F401
from .variables import Undefined, UndefinedReturnValue, retval  # noqa: F401
