"""`cmake --install` and `cpack -G DEB` of the build tree, into temporary directories
only (never the real system): the installed ag imports and runs from its installed
place in a subprocess with a clean environment, the tools run, nothing points back into
the build tree, and the .deb holds the same files with the runtime libraries' Depends."""

import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest

import ag

BUILD = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(ag.__file__))))
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PY_MINOR = f"{sys.version_info[0]}.{sys.version_info[1]}"

pytestmark = pytest.mark.skipif(
    not os.path.isfile(os.path.join(BUILD, "CMakeCache.txt")) or not shutil.which("cmake"),
    reason="ag is not imported from a CMake build tree")

SMOKE = """
import sys, numpy as np, ag
assert ag.__file__.startswith(sys.argv[1]), ag.__file__
def f(x, n):
    for i in range(n):
        if x.sum() > 0:
            x = np.tanh(x) - 0.5
        else:
            x = x + 1
    return x
x = np.linspace(-1, 1, 7).astype(np.float32)
print(repr(ag.stage(f)(x, 5).tolist()))
"""


def _expected():
    x = np.linspace(-1, 1, 7).astype(np.float32)
    for _ in range(5):
        x = np.tanh(x) - 0.5 if x.sum() > 0 else x + 1
    return x


def _clean_env(home, **extra):
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "AG_CACHE_DIR": str(home / "cache"), **extra}


def _run(argv, env, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300,
                          **kwargs)


def _installed_files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root)
                  for d, _, files in os.walk(root) for f in files)


def _check_tree(root, python_dir, env):
    """The installed tree at `root` (its python package under python_dir) works."""
    script = root.parent / "smoke.py"  # a file: ag converts from the source
    script.write_text(SMOKE)
    proc = _run([sys.executable, str(script), str(python_dir)], env, cwd=str(root))
    assert proc.returncode == 0, proc.stderr
    np.testing.assert_allclose(eval(proc.stdout), _expected(), rtol=1e-5, atol=1e-5)
    proc = _run([sys.executable, "-m", "ag", "doctor"], env, cwd=str(root))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert str(python_dir / "ag") in proc.stdout


def _check_tools(bin_dir, env, tmp_path):
    proc = _run([str(bin_dir / "ag-opt"), os.path.join(ROOT, "examples", "mlp.mlir"),
                 "--ag-to-linalg"], env)
    assert proc.returncode == 0, proc.stderr
    assert "linalg.generic" in proc.stdout
    proc = _run([str(bin_dir / "ag-run"), os.path.join(ROOT, "examples", "mlp.mlir"),
                 "--entry=mlp"], env)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"result0 = float32\[4,3\]", proc.stdout)
    model = tmp_path / "model.py"
    model.write_text("import numpy as np\ndef f(x):\n    return np.exp(x).sum()\n")
    proc = _run([str(bin_dir / "ag-dump-ir"), f"{model}:f", "--args", "f64[5]"], env)
    assert proc.returncode == 0, proc.stderr
    assert "ag.exp" in proc.stdout and "ag.sum" in proc.stdout


def _no_build_tree_references(root):
    """No RUNPATH (or launcher) names the build tree or LLVM's -dev directory."""
    for rel in _installed_files(root):
        path = os.path.join(root, rel)
        with open(path, "rb") as f:
            head = f.read(4)
        if head == b"\x7fELF":
            dyn = subprocess.run(["readelf", "-d", path], capture_output=True,
                                 text=True).stdout
            for line in dyn.splitlines():
                if "RPATH" in line or "RUNPATH" in line:
                    assert BUILD not in line and "llvm-19/lib" not in line, (rel, line)
        elif rel.endswith("ag-dump-ir"):
            assert BUILD not in open(path).read()


def test_install_into_destdir_with_prefix_usr(tmp_path):
    dest = tmp_path / "root"
    proc = _run(["cmake", "--install", BUILD, "--prefix", "/usr"],
                dict(os.environ, DESTDIR=str(dest)))
    assert proc.returncode == 0, proc.stderr
    python_dir = dest / "usr/lib/python3/dist-packages"  # Debian's, for prefix /usr
    files = _installed_files(dest)
    # Only the package and the three tools: no static libraries, headers or tests.
    assert {f for f in files if not f.startswith("usr/lib/python3/dist-packages/ag/")} == \
        {"usr/bin/ag-opt", "usr/bin/ag-run", "usr/bin/ag-dump-ir"}
    sources = sorted(os.path.relpath(os.path.join(d, f), os.path.join(ROOT, "frontend"))
                     for d, _, fs in os.walk(os.path.join(ROOT, "frontend", "ag"))
                     for f in fs if f.endswith(".py"))
    installed_py = sorted(os.path.relpath(f, "usr/lib/python3/dist-packages")
                          for f in files if f.endswith(".py"))
    assert installed_py == sources
    assert any(re.fullmatch(r"usr/lib/python3/dist-packages/ag/_ag\.cpython-.*\.so", f)
               for f in files)
    # The launcher relies on Debian's python3 reading its dist-packages: no PYTHONPATH.
    assert "PYTHONPATH" not in (dest / "usr/bin/ag-dump-ir").read_text()
    _no_build_tree_references(dest)
    # In DESTDIR the tree is not at /usr: PYTHONPATH stands in for the real location.
    env = _clean_env(tmp_path, PYTHONPATH=str(python_dir))
    _check_tree(dest, python_dir, env)
    _check_tools(dest / "usr/bin", env, tmp_path)


def test_install_into_another_prefix_needs_no_environment(tmp_path):
    prefix = tmp_path / "opt" / "ag"
    proc = _run(["cmake", "--install", BUILD, "--prefix", str(prefix)], dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    python_dir = prefix / f"lib/python{PY_MINOR}/dist-packages"
    assert (python_dir / "ag" / "__init__.py").is_file()
    # The launcher names its package's directory: it works with a clean environment.
    env = _clean_env(tmp_path)
    _check_tools(prefix / "bin", env, tmp_path)
    _check_tree(prefix, python_dir, dict(env, PYTHONPATH=str(python_dir)))


@pytest.mark.skipif(not shutil.which("cpack") or not shutil.which("dpkg-deb"),
                    reason="cpack or dpkg-deb missing")
def test_debian_package(tmp_path):
    proc = _run(["cpack", "-G", "DEB", "-B", str(tmp_path / "pkg")], dict(os.environ),
                cwd=BUILD)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    debs = list((tmp_path / "pkg").glob("ag_*_amd64.deb"))
    assert len(debs) == 1, os.listdir(tmp_path / "pkg")
    deb = str(debs[0])
    fields = _run(["dpkg-deb", "-f", deb, "Package", "Depends"], dict(os.environ)).stdout
    assert "Package: ag" in fields
    depends = fields.split("Depends:", 1)[1]
    for package in ("libllvm19", "libmlir-19", "libdnnl2", "libopenblas0-pthread",
                    "python3-numpy", "python3-numpy-abi9", f"python3 (>= {PY_MINOR})",
                    "libstdc++6"):
        assert package in depends, (package, depends)
    assert "-dev" not in depends  # runtime packages only
    contents = _run(["dpkg-deb", "-c", deb], dict(os.environ)).stdout
    for path in ("./usr/bin/ag-opt", "./usr/bin/ag-run", "./usr/bin/ag-dump-ir",
                 "./usr/lib/python3/dist-packages/ag/__init__.py",
                 "./usr/lib/python3/dist-packages/ag/pyct/parser.py"):
        assert path in contents
    control = _run(["dpkg-deb", "-I", deb, "postinst", "prerm"], dict(os.environ)).stdout
    assert "py3compile -p ag" in control and "py3clean -p ag" in control
    # What the package unpacks works like the DESTDIR install.
    root = tmp_path / "x"
    assert _run(["dpkg-deb", "-x", deb, str(root)], dict(os.environ)).returncode == 0
    python_dir = root / "usr/lib/python3/dist-packages"
    env = _clean_env(tmp_path, PYTHONPATH=str(python_dir))
    _check_tree(root, python_dir, env)
    _check_tools(root / "usr/bin", env, tmp_path)
