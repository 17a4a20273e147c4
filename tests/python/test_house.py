"""The layout rules of the frontend package (frontend/ag), checked on its source:

- imports point one way: the modules' import-time imports form no cycle (an import
  inside a function body runs later and is not counted; importing a module of a
  subpackage from outside it counts as importing the subpackage, whose __init__ runs
  first);
- an import inside a function says why it is there (a comment on its line or the line
  above): Python needs it only to break a cycle or to defer a cost;
- every file stays under 800 lines;
- every repository path the README names (`frontend/ag/staged/either.py`, ...) exists.
"""

import ast
import os
import re

import pytest

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "frontend",
                      "ag")
MAX_LINES = 800


def _modules():
    """{dotted module name: path} of every .py file of the package ('ag', 'ag.x',
    'ag.sub' for sub/__init__.py)."""
    out = {}
    for root, _, files in os.walk(SOURCE):
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, SOURCE)[:-3].split(os.sep)
            if rel[-1] == "__init__":
                rel = rel[:-1]
            out[".".join(["ag"] + rel)] = path
    return out


def _is_package(module, modules):
    return modules[module].endswith("__init__.py")


def _import_time_nodes(tree):
    """The import statements that run when the module is imported: all of them except
    those inside function bodies."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _function_imports(tree):
    """The import statements inside function bodies."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for child in ast.walk(node):
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    yield child


def _targets(module, node, modules):
    """The package modules an import statement of `module` imports."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names if a.name.split(".")[0] == "ag"]
        return [n for n in names if n in modules]
    if node.level == 0:
        if (node.module or "").split(".")[0] != "ag":
            return []
        base = node.module
    else:
        package = module if _is_package(module, modules) else module.rpartition(".")[0]
        parts = package.split(".")
        parts = parts[:len(parts) - (node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    out = []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        if sub in modules:
            out.append(sub)
        elif not module.startswith(base + "."):
            out.append(base)
        # (else a name of a package being imported already, above `module`: the
        # compiled extension ag._ag, which imports nothing of the package)
    return [t for t in out if t in modules]


def _edges(module, target, modules):
    """`target` and the packages above it whose __init__ the import runs first (those
    that do not contain `module`)."""
    out = [target]
    parts = target.split(".")
    for k in range(2, len(parts)):
        package = ".".join(parts[:k])
        if not (module == package or module.startswith(package + ".")):
            out.append(package)
    return out


def import_graph():
    modules = _modules()
    graph = {m: set() for m in modules}
    for module, path in modules.items():
        with open(path) as f:
            tree = ast.parse(f.read(), path)
        for node in _import_time_nodes(tree):
            for target in _targets(module, node, modules):
                for t in _edges(module, target, modules):
                    if t != module:
                        graph[module].add(t)
    return graph


def find_cycle(graph):
    """A cycle of `graph` as a list of nodes (first == last), or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle in frontend/ag: " + " -> ".join(cycle)


def test_cycle_finder_reports_a_cycle():
    graph = {"ag.a": {"ag.b"}, "ag.b": {"ag.c"}, "ag.c": {"ag.a"}, "ag.d": set()}
    assert find_cycle(graph) == ["ag.a", "ag.b", "ag.c", "ag.a"]
    assert find_cycle({"ag.a": {"ag.b"}, "ag.b": set()}) is None


def test_subpackage_import_runs_its_init_first():
    modules = {"ag.x": "x.py", "ag.sub": "sub/__init__.py", "ag.sub.y": "sub/y.py"}
    assert _edges("ag.x", "ag.sub.y", modules) == ["ag.sub.y", "ag.sub"]
    assert _edges("ag.sub.z", "ag.sub.y", modules) == ["ag.sub.y"]


def test_function_imports_say_why():
    missing = []
    for module, path in sorted(_modules().items()):
        with open(path) as f:
            text = f.read()
        lines = text.split("\n")
        for node in _function_imports(ast.parse(text, path)):
            here = lines[node.end_lineno - 1]
            above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
            if "#" not in here and not above.startswith("#"):
                missing.append(f"{os.path.relpath(path, SOURCE)}:{node.lineno}")
    assert not missing, ("imports inside functions without a comment saying why: " +
                         ", ".join(missing))


@pytest.mark.parametrize("module", sorted(_modules()))
def test_file_size(module):
    with open(_modules()[module]) as f:
        count = sum(1 for _ in f)
    assert count < MAX_LINES, f"{module} has {count} lines (files stay under {MAX_LINES})"


REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TOP = ("abi", "backends", "bench", "examples", "frontend", "ir", "packaging", "runtime",
       "scripts", "tests", "third_party", "tools")


def test_readme_paths_exist():
    """The README's map of the tree names files that are there (paths from the repository
    root in backticks; relative ones like `staged/` are read in their sentence's context)."""
    with open(os.path.join(REPO, "README.md")) as f:
        text = f.read()
    named = set(re.findall(r"`((?:%s)/[A-Za-z0-9_./-]*)`" % "|".join(TOP), text))
    assert len(named) > 20
    missing = sorted(p for p in named if not os.path.exists(os.path.join(REPO, p)))
    assert not missing, missing
