"""Function source -> AST whose line numbers are the user's.

A `def` is found by name in the source of its code object. A lambda has no name: its
source is the statement holding it, and which `lambda` of that statement is the one
being converted is decided by its line, its parameters and -- when several lambdas on
that line take the same parameters -- the columns the code object records for its
instructions (Python 3.11+ `co_positions`). A lambda becomes a FunctionDef whose body is
`return <expression>`, so the converters and the loader treat it as any def.

Lambdas that stay unconverted (SourceUnavailable: they run as plain Python, as builtins
do): lambdas without source (REPL, exec'd strings), and several lambdas on one line with
the same parameters when the code object records no columns (python -X no_debug_ranges,
PYTHONNODEBUGRANGES) or the columns fit more than one of them -- converting the wrong one
would silently run another function's body.
"""

import ast
import inspect
import linecache
import re
import textwrap
import types


class SourceUnavailable(Exception):
    """The function has no Python source (builtin, C extension, REPL, exec'd string)."""


# The name a converted lambda's def has in the converted source (ag.stage(f).source());
# the loader compiles it under its own private name and gives the code the lambda's.
LAMBDA_NAME = "ag__lambda"


def parse_function(fn):
    """Returns (FunctionDef node, filename). Line numbers match the file."""
    # The source of fn's own code object: inspect.getsourcelines(fn) would follow
    # `__wrapped__` (functools.wraps) to the decorated function and convert its body in
    # place of the wrapper's, silently dropping what the wrapper does.
    code = getattr(fn, "__code__", None)
    try:
        if code is None:
            raise TypeError(f"{fn!r} has no code object")
        lines, first_line = _source_lines(code, getattr(fn, "__globals__", None))
        filename = inspect.getsourcefile(fn) or inspect.getfile(fn)
        if code.co_name == "<lambda>":
            return _parse_lambda(code, inspect.getblock(lines), first_line, filename), \
                filename
        try:
            block = _def_block(code, lines, first_line)
            module = ast.parse(textwrap.dedent("".join(block)))
        except SyntaxError:  # the lines a def's code spans are not all of it: tokenize
            module = ast.parse(textwrap.dedent("".join(inspect.getblock(lines))))
    except (OSError, TypeError) as e:
        raise SourceUnavailable(str(e)) from None
    except SyntaxError:
        raise SourceUnavailable("source does not parse on its own") from None
    ast.increment_lineno(module, first_line - 1)
    for node in module.body:
        # co_name, not __name__: functools.wraps gives the wrapper the wrapped's name.
        if isinstance(node, ast.FunctionDef) and node.name == code.co_name:
            return node, filename
    raise SourceUnavailable(f"no def of {fn.__name__} in its source (dynamic definition)")


# inspect.findsource's pattern of the line a code object's block starts on.
_BLOCK_START = re.compile(r"^(\s*def\s)|(\s*async\s+def\s)|(.*(?<!\w)lambda(:|\s))|^(\s*@)")


def _def_block(code, lines, first_line):
    """The lines of a def from `lines` (which start at it, on line `first_line`): up to
    the last line any of its instructions, or those of the functions, lambdas and
    comprehensions inside it, come from (co_positions). What follows that line has no
    code (a `pass`, a comment), so the def it leaves out does what the whole one does.
    inspect.getblock finds the end with the tokenizer instead: 2.5 ms for a small def
    in a process's first trace (its patterns compile then), this 0.4 ms."""
    last = _last_line(code)
    return lines[:last - first_line + 1] if last >= first_line else lines


def _last_line(code):
    last = 0
    for line, end, _, _ in code.co_positions():
        last = max(last, end or line or 0)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            last = max(last, _last_line(const))
    return last


def _source_lines(code, module_globals):
    """The lines of the source from the start of `code`'s block (its first decorator
    for a def) to the end of the file, and the first one's number: inspect.getsourcelines
    without its search of sys.modules by which it finds the module of a code object
    (inspect.getmodule takes the real path of every loaded module's file: 15-40 ms of a
    process's first trace) and without inspect.getblock (see _def_block). The
    function's globals are its module's dict, all linecache needs of the module (the
    loader, for sources in zip files)."""
    filename = inspect.getsourcefile(code)
    if filename:
        linecache.checkcache(filename)
    else:
        filename = inspect.getfile(code)
        if not (filename.startswith("<") and filename.endswith(">")):
            raise OSError("source code not available")
    lines = linecache.getlines(filename, module_globals) if module_globals is not None \
        else linecache.getlines(filename)
    if not lines:
        raise OSError("could not get source code")
    lnum = code.co_firstlineno - 1
    while lnum > 0:
        if lnum >= len(lines):
            raise OSError("lineno is out of bounds")
        if _BLOCK_START.match(lines[lnum]):
            break
        lnum -= 1
    return lines[lnum:], lnum + 1


# --- lambdas -----------------------------------------------------------------------------

def _parse_lambda(code, lines, first_line, filename):
    # inspect gives the lines of the statement from the lambda's line on; a lambda inside
    # a call or a display that spans lines gets only its first line(s), which do not
    # parse on their own. Those, and lines that hold several lambdas of the same
    # parameters (told apart by columns, which a dedented fragment does not keep), are
    # looked up in the whole file instead.
    module = _parse_fragment(lines, first_line)
    candidates = _matching_lambdas(module, code) if module is not None else []
    if len(candidates) != 1:
        module = _parse_file(filename)
        if module is None:
            raise SourceUnavailable(f"{filename} does not parse")
        candidates = _matching_lambdas(module, code)
        if len(candidates) > 1:
            candidates = _by_columns(candidates, code)
    if not candidates:
        raise SourceUnavailable(f"no lambda with the parameters of {code.co_qualname} on "
                                f"line {code.co_firstlineno} of {filename}")
    if len(candidates) > 1:
        raise SourceUnavailable(f"several lambdas with the same parameters on line "
                                f"{code.co_firstlineno} of {filename}, not told apart "
                                "by the columns Python recorded")
    return _as_def(candidates[0])


def _parse_fragment(lines, first_line):
    """The statement's lines parsed on their own (dedented, else in parentheses -- a
    lambda on a continuation line that starts with `.x` or ends with `,`), or None."""
    source = textwrap.dedent("".join(lines))
    for attempt in (source, "(" + source.rstrip() + "\n)"):
        try:
            module = ast.parse(attempt)
        except SyntaxError:
            continue
        ast.increment_lineno(module, first_line - 1)
        return module
    return None


# The last file parsed whole: lambdas of one file are usually converted together (a
# test module staging many), and linecache hands out the same list while it is current.
# One tuple, replaced whole, so that threads converting at once never mix two files.
_last_file = (None, None, None)  # filename, lines, module


def _parse_file(filename):
    global _last_file
    lines = linecache.getlines(filename)
    cached_name, cached_lines, cached_module = _last_file
    if cached_name == filename and cached_lines is lines:
        return cached_module
    try:
        module = ast.parse("".join(lines))
    except (SyntaxError, ValueError):
        module = None
    _last_file = (filename, lines, module)
    return module


def _matching_lambdas(module, code):
    """The lambdas on the code's first line whose parameters are the code's."""
    argcount, kwonly = code.co_argcount, code.co_kwonlyargcount
    names = code.co_varnames
    positional = list(names[:argcount])
    keyword = list(names[argcount:argcount + kwonly])
    rest = names[argcount + kwonly:]
    varargs = bool(code.co_flags & inspect.CO_VARARGS)
    varkw = bool(code.co_flags & inspect.CO_VARKEYWORDS)
    star = [rest[0]] if varargs else []
    starstar = [rest[int(varargs)]] if varkw else []
    found = []
    for node in ast.walk(module):
        if not isinstance(node, ast.Lambda) or node.lineno != code.co_firstlineno:
            continue
        a = node.args
        if ([p.arg for p in a.posonlyargs + a.args] == positional
                and len(a.posonlyargs) == code.co_posonlyargcount
                and [p.arg for p in a.kwonlyargs] == keyword
                and ([a.vararg.arg] if a.vararg else []) == star
                and ([a.kwarg.arg] if a.kwarg else []) == starstar):
            found.append(node)
    return found


def _by_columns(candidates, code):
    """The candidates whose body holds every source position the code's instructions
    record; of nested ones (`lambda x: lambda x: x`), the innermost: the outer lambda's
    own code always has an instruction at the inner `lambda` keyword, outside the inner
    body, so only the inner code fits both."""
    recorded = getattr(code, "co_positions", None)  # Python 3.11+
    positions = [(line, col, end_line, end_col)
                 for line, end_line, col, end_col in (recorded() if recorded else ())
                 if None not in (line, end_line, col, end_col)
                 and (line, col) != (end_line, end_col)]  # RESUME & co: no extent
    if not positions:
        return candidates  # no columns recorded: ambiguous

    def holds(node, p):
        return ((node.lineno, node.col_offset) <= (p[0], p[1])
                and (p[2], p[3]) <= (node.end_lineno, node.end_col_offset))

    fitting = [c for c in candidates if all(holds(c.body, p) for p in positions)]
    innermost = [c for c in fitting
                 if not any(o is not c and holds(c.body, (o.lineno, o.col_offset,
                                                          o.end_lineno, o.end_col_offset))
                            for o in fitting)]
    return innermost


def _as_def(node):
    """`lambda args: expr` -> `def ag__lambda(args): return expr`, at the lambda's
    place (error messages and tracebacks name the user's line)."""
    ret = ast.copy_location(ast.Return(value=node.body), node.body)
    fdef = ast.FunctionDef(name=LAMBDA_NAME, args=node.args, body=[ret], decorator_list=[],
                           returns=None, type_comment=None)
    ast.copy_location(fdef, node)
    ast.fix_missing_locations(fdef)
    return fdef
