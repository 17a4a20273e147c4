"""Function source -> AST whose line numbers are the user's."""

import ast
import inspect
import textwrap


class SourceUnavailable(Exception):
    """The function has no Python source (builtin, C extension, REPL, exec'd string)."""


def parse_function(fn):
    """Returns (FunctionDef node, filename). Line numbers match the file."""
    try:
        lines, first_line = inspect.getsourcelines(fn)
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
        if isinstance(node, ast.FunctionDef) and node.name == fn.__name__:
            return node, filename
    raise SourceUnavailable(f"no def of {fn.__name__} in its source (lambda or dynamic "
                            "definition)")
