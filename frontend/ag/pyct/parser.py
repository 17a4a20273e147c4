"""Function source -> AST whose line numbers are the user's."""

import ast
import inspect
import textwrap


class SourceUnavailable(Exception):
    """The function has no Python source (builtin, C extension, REPL, exec'd string)."""


def parse_function(fn):
    """Returns (FunctionDef node, filename). Line numbers match the file."""
    # The source of fn's own code object: inspect.getsourcelines(fn) would follow
    # `__wrapped__` (functools.wraps) to the decorated function and convert its body in
    # place of the wrapper's, silently dropping what the wrapper does.
    code = getattr(fn, "__code__", None)
    try:
        if code is None:
            raise TypeError(f"{fn!r} has no code object")
        lines, first_line = inspect.getsourcelines(code)
        filename = inspect.getsourcefile(fn) or inspect.getfile(fn)
    except (OSError, TypeError) as e:
        raise SourceUnavailable(str(e)) from None
    source = textwrap.dedent("".join(lines))
    try:
        module = ast.parse(source)
    except SyntaxError:
        raise SourceUnavailable("source does not parse on its own") from None
    ast.increment_lineno(module, first_line - 1)
    for node in module.body:
        # co_name, not __name__: functools.wraps gives the wrapper the wrapped's name.
        if isinstance(node, ast.FunctionDef) and node.name == code.co_name:
            return node, filename
    raise SourceUnavailable(f"no def of {fn.__name__} in its source (lambda or dynamic "
                            "definition)")
