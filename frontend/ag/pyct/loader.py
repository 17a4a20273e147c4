"""Converted AST -> a function with the original globals, defaults and closure cells.

The converted def is compiled inside a factory whose parameters stand for the closure
variables, then its code object is rebound with types.FunctionType to the *original*
cells (so later changes to closed-over variables are seen, as in the original) plus a
cell for the `ag__` operators module. The file name and line numbers are the user's, so
tracebacks point at the user's source.
"""

import ast
import types


def load(node, fn, filename, extra_cells):
    """Compiles FunctionDef `node` as a replacement of `fn`.

    `extra_cells` maps names of additional free variables (e.g. 'ag__') to values."""
    # Compiled under a name nobody uses, so that the def does not shadow the function's
    # own name inside the factory (a recursive call must still find the global).
    node.name = "ag__converted"
    freevars = list(fn.__code__.co_freevars) + [n for n in extra_cells
                                                  if n not in fn.__code__.co_freevars]
    factory = ast.FunctionDef(
        name="ag__factory",
        args=ast.arguments(posonlyargs=[], args=[ast.arg(arg=n) for n in freevars],
                           vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
                           defaults=[]),
        body=[node, ast.Return(value=ast.Name(id=node.name, ctx=ast.Load()))],
        decorator_list=[], returns=None, type_comment=None)
    ast.copy_location(factory, node)
    module = ast.Module(body=[factory], type_ignores=[])
    ast.fix_missing_locations(module)
    code = compile(module, filename, "exec")
    factory_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    inner = next(c for c in factory_code.co_consts
                 if isinstance(c, types.CodeType) and c.co_name == node.name)
    inner = inner.replace(co_name=fn.__name__, co_qualname=fn.__qualname__)
    original = dict(zip(fn.__code__.co_freevars, fn.__closure__ or ()))
    cells = []
    for name in inner.co_freevars:
        if name in extra_cells:
            cells.append(types.CellType(extra_cells[name]))
        elif name in original:
            cells.append(original[name])
        else:
            raise RuntimeError(f"converted code of {fn.__name__} has an unknown free "
                               f"variable {name!r}")
    converted = types.FunctionType(inner, fn.__globals__, fn.__name__, fn.__defaults__,
                                   tuple(cells))
    converted.__kwdefaults__ = fn.__kwdefaults__
    converted.__dict__.update(fn.__dict__)
    return converted
