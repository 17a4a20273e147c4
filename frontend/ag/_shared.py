"""Trace records' shared objects: a warm process runs cached code without LLVM.

A trace record (_persist) proves that a call would trace to a module whose object code
the persistent cache (_cache) holds; linking that object with ORC needs the compiler
module (ag._ag: LLVM and MLIR), whose loading is most of what a warm process spends.
So when a record is written, its object code is also linked by the system's C compiler
driver into a shared object, `<record key>.agso` in the cache directory, against the
libraries next to ag's extensions that define what the code calls (libag_rt: memory,
sorting, memrefCopy; libag_py: the host callbacks; libag_onednn, libag_blas,
libag_lapack: the kernels; libm) -- `--as-needed`, so a shared object that calls no
oneDNN kernel does not load oneDNN. A record hit dlopen()s it through the light runtime
(_agrt.SharedObjectFunction) after checking its size and sha256 against the record: a
truncated or corrupted file is ignored (the record then links the object with ORC, as
it does when no shared object exists) and linked again.

Linking takes a C compiler's start and a link (30-80 ms): it runs on a thread of its own
(link_later) while the program goes on, and the record names the shared object once it
is written; the interpreter waits for it at exit (a plain, non-daemon thread).

Linking is optional: without a C compiler driver (`cc`, `gcc` or `clang` on PATH, or
$AG_LINKER; AG_LINKER=off disables it), or when linking fails, the record has no
shared object and every hit links with ORC.
"""

import hashlib
import os

from . import _agrt, _cache
from ._log import log

SUFFIX = ".agso"
# What compiled code may call, by library (-l names); unused ones are dropped
# (--as-needed), so a shared object loads only the libraries its code calls.
_LIBRARIES = ("ag_rt", "ag_py", "ag_onednn", "ag_blas", "ag_lapack", "m")


def path(where, record_key):
    return os.path.join(where, record_key + SUFFIX)


def linker():
    """The C compiler driver that links shared objects, or None."""
    configured = os.environ.get("AG_LINKER")
    import shutil  # (writers, and hits that found no shared object)
    if configured is not None:
        if configured.strip().lower() in ("off", "0", "none", "false", ""):
            return None
        return shutil.which(configured)
    for name in ("cc", "gcc", "clang"):
        found = shutil.which(name)
        if found:
            return found
    return None


def link(where, record_key, obj, function):
    """Links object code `obj` into the shared object of record `record_key` in cache
    directory `where` (written atomically, as every cache file): its (sha256, size), or
    None when it could not be linked (no linker, a link error, an unwritable cache)."""
    cc = linker()
    if cc is None:
        log("cache", f"no shared object for '{function}': no C compiler driver to link "
                     "it (cc, or AG_LINKER); its record links with the JIT")
        return None
    import subprocess  # (writers only: a warm process runs no linker)
    import tempfile  # (writers only)
    libraries = os.path.dirname(os.path.realpath(_agrt.__file__))
    with tempfile.TemporaryDirectory(prefix="ag-link-") as tmp:
        source, target = os.path.join(tmp, "code.o"), os.path.join(tmp, "code.so")
        with open(source, "wb") as f:
            f.write(obj)
        # -Bsymbolic: the object's own functions (named after the user's, `exp` say) are
        # called as themselves, never as a same-named symbol of the process.
        command = [cc, "-shared", "-o", target, source, "-Wl,-Bsymbolic",
                   "-Wl,--no-undefined", "-Wl,--as-needed", "-L" + libraries,
                   "-Wl,-rpath," + libraries] + ["-l" + name for name in _LIBRARIES]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as e:
            log("cache", f"no shared object for '{function}': {cc} failed: {e}")
            return None
        if done.returncode != 0:
            log("cache", f"no shared object for '{function}': linking failed: "
                         f"{done.stderr.strip()[:2000]}")
            return None
        with open(target, "rb") as f:
            data = f.read()
    if not _cache.write_file(where, path(where, record_key), data,
                             f"shared object of '{function}' ({len(data)} bytes)"):
        return None
    return hashlib.sha256(data).hexdigest(), len(data)


def link_later(where, record_key, obj, function, then):
    """link() on a thread of its own, then `then(result)` there when it linked."""
    import threading  # (writers only)

    def run():
        result = link(where, record_key, obj, function)
        if result is not None:
            then(result)
    threading.Thread(target=run, name=f"ag-link-{function}").start()


def load(where, record_key, shared, name, signature, callbacks, opt_level):
    """The compiled function `name` of record `record_key`'s shared object, if it is the
    file the record describes (`shared`: its sha256 and size) and loads; else None."""
    file = path(where, record_key)
    try:
        with open(file, "rb") as f:
            data = f.read()
    except OSError:
        log("cache", f"shared object {file} is missing")
        return None
    digest, size = shared
    if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
        _cache.note_ignored()
        log("cache", f"ignored shared object {file}: truncated, corrupted or replaced")
        return None
    inputs, results = signature
    try:
        compiled = _agrt.SharedObjectFunction(file, name, list(inputs), list(results),
                                              list(callbacks), opt_level)
    except (ValueError, TypeError) as e:
        _cache.note_ignored()
        log("cache", f"ignored shared object {file}: {e}")
        return None
    try:
        os.utime(file)  # most recently used (the cache's eviction order)
    except OSError:
        pass
    return compiled
