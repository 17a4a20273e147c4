# -*- Python -*-
# lit configuration of the ag dialect's FileCheck tests (run through the generated
# lit.site.cfg.py in the build tree, which sets the paths used below).

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import FindTool, ToolSubst

config.name = "AG"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".py"]
config.excludes = ["lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt", "Inputs"]

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.ag_lit_binary_dir

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
# Tools named in RUN lines are substituted by full paths below; PATH is a fallback.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.ag_tools_dir, append_path=True)

# The Python tests (Python/) import the built ag package; they never write the user's
# persistent compile cache.
config.environment["PYTHONPATH"] = os.path.join(config.ag_obj_root, "python")
config.environment["AG_CACHE_DIR"] = "off"

# Lowerings that follow numpy's per-CPU loops (numpy dispatches on the host's features)
# are checked on hosts of each kind: `REQUIRES: avx512f` / `UNSUPPORTED: avx512f`.
def _host_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


if "avx512f" in _host_flags():
    config.available_features.add("avx512f")

# %python first: nothing below may rewrite it.
config.substitutions.append(("%python", '"%s"' % config.python_executable))

llvm_config.add_tool_substitutions(
    [
        ToolSubst("FileCheck", unresolved="fatal"),
        # (mlir-19-tools) LLVM IR as MLIR 19 translates it, for upstream quirks we avoid
        ToolSubst("mlir-translate", unresolved="fatal"),
        # (llvm-19) the O3 pipeline ag's JIT runs, for LLVM quirks the lowering avoids
        ToolSubst("opt", unresolved="fatal"),
        # `count` is a common word: substitute it only after a pipe, as LLVM does.
        ToolSubst(r"\| \bcount\b", command=FindTool("count"), verbatim=True,
                  unresolved="fatal"),
        # `not` also starts RUN lines (`not ag-opt ...`), so match it as a word.
        ToolSubst("not", command=FindTool("not"), unresolved="fatal"),
    ],
    [config.llvm_tools_dir],
)
llvm_config.add_tool_substitutions(
    [ToolSubst("ag-opt", unresolved="fatal"), ToolSubst("ag-run", unresolved="fatal")],
    [config.ag_tools_dir],
)
