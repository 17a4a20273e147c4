"""Functions whose source ag cannot read (exec'd strings, the plain python3 prompt) run
unconverted; when their control flow meets a staged value the error says the source
was not available and what to do. Functions of IPython/Jupyter cells, whose source is
in linecache only, convert (tested with synthetic linecache entries like IPython's, with
IPython's shell in process, and with the IPython interpreter)."""

import linecache
import textwrap

import numpy as np
import pytest

import ag

BRANCHY = textwrap.dedent("""
    import numpy as np

    def f(x):
        if x.sum() > 0:
            y = np.tanh(x)
        else:
            y = x * 2
        while y.max() > 0.5:
            y = y - 0.25
        return y
    """)


def _eager(x):
    y = np.tanh(x) if x.sum() > 0 else x * 2
    while y.max() > 0.5:
        y = y - 0.25
    return y


def _exec(source, filename="<string>"):
    namespace = {"__name__": "cell"}
    exec(compile(source, filename, "exec"), namespace)
    return namespace


def test_exec_function_with_staged_branch_says_source_unavailable():
    f = ag.stage(_exec(BRANCHY)["f"])
    with pytest.raises(ag.AgUnsupportedError) as info:
        f(np.ones(3, np.float32))
    message = str(info.value)
    assert message.startswith("<string>:5: the truth value of a staged array")
    assert "source is not available" in message
    assert "ag could not read the source of 'f'" in message
    assert "were not converted" in message
    assert "Define the function in a file" in message and "ag.control.cond" in message


def test_exec_lambda_and_callee():
    ns = _exec("g = lambda x: x + 1 if x.sum() > 0 else x - 1\n")
    with pytest.raises(ag.AgUnsupportedError, match="source of '<lambda>'"):
        ag.stage(ns["g"])(np.ones(2))
    helper = _exec(textwrap.dedent("""
        def helper(x):
            return x if x.min() > 0 else -x
        """))["helper"]

    def caller(x):  # converted (this file); the helper it calls is not
        return helper(x * 3)
    with pytest.raises(ag.AgUnsupportedError) as info:
        ag.stage(caller)(np.ones(2))
    assert "source of 'helper'" in str(info.value)
    assert str(info.value).startswith("<string>:3:")


def test_exec_function_without_staged_control_flow_still_runs():
    ns = _exec("import numpy as np\ndef f(x, n):\n"
               "    for i in range(n):\n        x = x * 2 + i\n    return np.sqrt(x)\n")
    x = np.arange(4, dtype=np.float64)
    staged = ag.stage(ns["f"])
    for _ in range(2):  # the first call traces, the second runs the cached code
        np.testing.assert_allclose(staged(x, 3), ns["f"](x, 3), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("filename", ["<ipython-input-4-0123456789ab>",
                                      "/tmp/ipykernel_12345/2718281828.py"])
def test_cell_source_in_linecache_converts(filename):
    # IPython registers each cell's lines in linecache with no modification time (so
    # linecache.checkcache keeps them); Jupyter's kernels name cells like the second.
    lines = BRANCHY.splitlines(True)
    linecache.cache[filename] = (len(BRANCHY), None, lines, filename)
    try:
        f = ag.stage(_exec(BRANCHY, filename)["f"])
        assert "ag__." in f.source()  # converted
        for x in (np.linspace(-1, 2, 5, dtype=np.float32),
                  np.linspace(-3, 0.5, 5, dtype=np.float32)):
            for _ in range(2):  # traced, then the cached compiled code
                got = f(x)
                np.testing.assert_allclose(got, _eager(x), rtol=1e-5, atol=1e-5)
                assert got.dtype == np.float32
    finally:
        linecache.cache.pop(filename, None)


def test_ipython_cell_converts():
    # Debian's python3-ipython is a test dependency (scripts/setup-deps.sh): no skip.
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    result = shell.run_cell(BRANCHY)
    assert result.success
    f = ag.stage(shell.user_ns["f"])
    for x in (np.linspace(-1, 2, 5, dtype=np.float32), -np.ones(4, np.float32)):
        np.testing.assert_allclose(f(x), _eager(x), rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(f(x), _eager(x), rtol=1e-5, atol=1e-5)  # cached call


IPYTHON_SESSION = "import ag" + BRANCHY + textwrap.dedent("""
    g = ag.stage(f)
    x = np.linspace(-1, 2, 5, dtype=np.float32)
    print("first", np.allclose(g(x), f(x), 1e-5, 1e-5), np.allclose(g(-x), f(-x), 1e-5, 1e-5))
    def f(x):
        return x + 100 if x.sum() > 0 else x * 3
    g = ag.stage(f)
    print("redefined", np.array_equal(g(x), f(x)), np.array_equal(g(-x), f(-x)))
    """)


def test_ipython_interpreter_stages_cell_functions(tmp_path):
    # The real interpreter as a user runs it: each line of the script is its own cell (a
    # function's source is its cell's, in linecache), and redefining a function in a later
    # cell stages the new source, not a cached trace of the old one.
    import os
    import subprocess
    import sys
    script = tmp_path / "session.ipy"
    script.write_text(IPYTHON_SESSION)
    env = dict(os.environ, AG_CACHE_DIR=str(tmp_path / "cache"),
               IPYTHONDIR=str(tmp_path / "ipython"), PYTHONPATH=os.path.dirname(
                   os.path.dirname(ag.__file__)))
    done = subprocess.run([sys.executable, "-m", "IPython", "--no-banner", "--quick",
                           "--colors=NoColor", "--InteractiveShell.autoindent=False"],
                          input=script.read_text(), capture_output=True, text=True,
                          env=env, timeout=300, check=False)
    assert "first True True" in done.stdout, done.stdout + done.stderr
    assert "redefined True True" in done.stdout, done.stdout + done.stderr
