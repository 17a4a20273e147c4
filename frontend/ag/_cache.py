"""The persistent cache of compiled code: object code on disk, shared by processes.

A trace ends in a module of the ag dialect whose text says everything the compiled code
does: its callbacks are numbered within the module (Tracer.number_callbacks: compiled
code passes ordinals, which the runtime maps to this process's callback ids), its
locations are not printed. The object code compiled from that text therefore depends on
nothing else but the compiler -- ag's build, LLVM's version, the optimisation level and
budget -- and the CPU it was generated for. Those are the key (sha256); a hit links the
stored object (ORC) instead of running the MLIR pipelines and LLVM, so tracing is all a
warm process pays -- unless a trace record (_persist) holds what the trace left on the
Python side (outputs, written arguments, callbacks) and proves that everything the trace
read is unchanged: then it skips the trace too.

Where: $AG_CACHE_DIR, else $XDG_CACHE_HOME/ag, else ~/.cache/ag; AG_CACHE_DIR=off turns
the cache off. AG_CACHE_MAX_BYTES bounds its size (default 1 GiB): when a write would
pass it, the least recently used entries (a hit touches its file) go until it fits. An entry is one
file, written to a temporary file and renamed, so readers see a whole entry or none;
two processes compiling one key both write it and the last rename wins (equal content).
An entry that does not read back whole -- truncated, corrupted, another build's or
format's -- is a miss and is overwritten by the compile that follows.
"""

import collections
import hashlib
import os
import struct
import sys
import time

from . import _agrt, _tiers
from ._log import enabled, log

FORMAT = 1
VERSION = "0.1.0"
_MAGIC = b"ag-object\0"
_SUFFIX = ".agobj"
# Every kind of file the cache holds: object code, trace records and their shared
# objects (_persist).
_SUFFIXES = (_SUFFIX, ".agtrace", ".agso")
_DEFAULT_MAX_BYTES = 1 << 30

CacheInfo = collections.namedtuple(
    "CacheInfo",
    "directory entries bytes max_bytes hits misses writes ignored evictions records")

_stats = {"hits": 0, "misses": 0, "writes": 0, "ignored": 0, "evictions": 0}
_build = []  # [build id] once computed
_known_bytes = {}  # directory -> bytes this process knows it holds (see store)


def directory():
    """The cache directory, or None when the cache is off."""
    configured = os.environ.get("AG_CACHE_DIR")
    if configured is not None:
        if configured.strip().lower() in ("off", "0", "none", "false", ""):
            return None
        return configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"),
                                                            ".cache")
    return os.path.join(base, "ag")


def max_bytes():
    try:
        return int(os.environ.get("AG_CACHE_MAX_BYTES", _DEFAULT_MAX_BYTES))
    except ValueError:
        return _DEFAULT_MAX_BYTES


def build_id():
    """What object code depends on besides its module text and options: ag's version and
    build (the extensions and libraries next to them hold the compiler and the kernels
    compiled code calls: a rebuild changes their sizes or times), LLVM's version, the
    host CPU (_agrt.host_id: its model and feature words) and whether loops may be split
    across threads (AG_NUM_THREADS=1 compiles serial code). Computed without loading the
    compiler: a trace record's key holds it."""
    if not _build:
        where = os.path.dirname(os.path.abspath(_agrt.__file__))
        parts = []
        try:
            for name in sorted(os.listdir(where)):
                if name.endswith(".so"):
                    st = os.stat(os.path.join(where, name))
                    parts.append(f"{name}:{st.st_size}-{st.st_mtime_ns}")
        except OSError:
            parts = ["unknown"]
        _build.append(f"ag {VERSION} format {FORMAT} extension {' '.join(parts)} "
                      f"LLVM {_agrt.llvm_version} host {_agrt.host_id()} "
                      f"threads {'many' if _agrt.num_threads() > 1 else 'one'}")
    return _build[0]


def key(ag_text, options):
    h = hashlib.sha256()
    h.update(build_id().encode())
    h.update(b"\0" + repr(options).encode() + b"\0")
    h.update(ag_text.encode())
    return h.hexdigest()


def _path(where, k):
    return os.path.join(where, k + _SUFFIX)


def load(where, k):
    """The object code stored under key `k`, or None (a miss)."""
    path = _path(where, k)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        _stats["misses"] += 1
        _log_cache(f"miss {k[:16]} ({where})")
        return None
    obj = _decode(data, k)
    if obj is None:
        _stats["ignored"] += 1
        _stats["misses"] += 1
        _log_cache(f"ignored {path}: truncated, corrupted or of another build")
        return None
    try:
        os.utime(path)  # most recently used (eviction goes by modification time)
    except OSError:
        pass
    _stats["hits"] += 1
    _log_cache(f"hit {k[:16]} ({len(obj)} bytes of object code)")
    return obj


def _log_cache(message):
    log("cache", message)


def _decode(data, k):
    """The object code in entry `data` if it is whole and this build's, else None."""
    if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 4:
        return None
    import json  # (only entries of object code have a JSON header)
    start = len(_MAGIC) + 4
    (length,) = struct.unpack("<I", data[len(_MAGIC):start])
    try:
        header = json.loads(data[start:start + length].decode())
    except (UnicodeDecodeError, ValueError):
        return None
    obj = data[start + length:]
    if not isinstance(header, dict) or header.get("format") != FORMAT or \
            header.get("build") != build_id() or header.get("key") != k or \
            header.get("size") != len(obj) or \
            header.get("sha256") != hashlib.sha256(obj).hexdigest():
        return None
    return obj


def store(where, k, obj, function):
    """Writes entry `k` (atomically), then evicts down to the size bound. A cache that
    cannot be written is not an error of the program: it stays a miss."""
    import json  # (writers only: a warm process reads no JSON)
    header = json.dumps({"format": FORMAT, "build": build_id(), "key": k,
                         "size": len(obj), "sha256": hashlib.sha256(obj).hexdigest(),
                         "function": function}).encode()
    write_file(where, _path(where, k),
               _MAGIC + struct.pack("<I", len(header)) + header + obj,
               f"{k[:16]} for '{function}' ({len(obj)} bytes)")


def write_file(where, path, data, what):
    """Writes a file of the cache directory `where` atomically (a temporary file, then a
    rename: readers see all of it or none), then evicts down to the size bound. Whether
    it was written."""
    import tempfile  # (writers only: a warm process reads)
    tmp = None
    try:
        os.makedirs(where, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=_SUFFIX)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        tmp = None
        _stats["writes"] += 1
        _log_cache(f"stored {what}")
    except OSError as e:
        _log_cache(f"not stored ({e}): the cache directory cannot be written")
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    # The directory is scanned (one stat per entry) on a process's first write and when
    # what this process knows it holds would pass the bound; writes of other processes
    # count from their own scans.
    size = len(data)
    known = _known_bytes.get(where)
    bound = max_bytes()
    if known is None or known + size > bound:
        _known_bytes[where] = _evict(where, bound)
    else:
        _known_bytes[where] = known + size
    return True


def note_hit():
    """Counts a hit served by another file of the cache (a trace record's shared object)."""
    _stats["hits"] += 1


def note_ignored():
    """Counts a file of the cache that did not read back whole (ignored, rebuilt)."""
    _stats["ignored"] += 1


def _entries(where, stale_temporaries=False):
    """[(mtime, size, path)] of the entries in `where`; with stale_temporaries, removes
    the temporary files of writers that died more than an hour ago."""
    out = []
    try:
        names = os.listdir(where)
    except OSError:
        return out
    now = time.time()
    for name in names:
        if not name.endswith(_SUFFIXES):
            continue
        path = os.path.join(where, name)
        try:
            st = os.stat(path)
        except OSError:
            continue  # evicted by another process meanwhile
        if name.startswith(".tmp-"):
            if stale_temporaries and now - st.st_mtime > 3600:
                try:
                    os.unlink(path)
                except OSError:
                    pass
            continue
        out.append((st.st_mtime_ns, st.st_size, path))
    return out


def _evict(where, bound):
    """Removes the least recently used entries until `where` holds at most `bound`
    bytes; returns what it holds then."""
    entries = sorted(_entries(where, stale_temporaries=True))
    total = sum(size for _, size, _ in entries)
    for _, size, path in entries:
        if total <= bound:
            break
        try:
            os.unlink(path)
            _stats["evictions"] += 1
            _log_cache(f"evicted {path} (the cache is over its size bound)")
        except OSError:
            pass  # another process evicted it
        total -= size
    return total


def compile(tracer, function, opt_level, budget, spent, keep_stages=False, then=None):
    """Numbers the callbacks of `tracer`'s finished module and compiles it (or links the
    cached object code of the same text): (the module's text, the _ag.Compiled, the
    callback ids by ordinal). keep_stages: the compiled function keeps the IR of every
    stage (`.ir(emit=...)`), so it is compiled, not linked from the cache (linked code
    has no stages). `then(text, compiled, callback ids, obj)` is called with the object
    code (None when not kept), for the trace record: at once, or -- when the module is
    compiled in two tiers (_tiers) -- on the tiering worker once the optimised code is
    there."""
    from . import _ag  # (the compiler: loaded by the first compile)
    callbacks = tracer.number_callbacks()
    text = tracer.ir()
    where = None if keep_stages else directory()
    k = obj = None
    if where is not None:
        k = key(text, (opt_level, budget))
        obj = load(where, k)
    # (The object is kept whenever the module is compiled, also after a stored object
    # failed to link: the entry is then rewritten.)
    compiled = _ag.Compiled(tracer, callbacks, obj, keep_object=where is not None,
                            opt_level=opt_level, budget=budget or 0.0, spent=spent,
                            keep_stages=keep_stages, tiered=_tiers.enabled(),
                            pass_timing=enabled("passes"))
    if where is not None and not compiled.loaded and obj is not None:
        # Stored, yet would not link here.
        _stats["hits"] -= 1
        _stats["misses"] += 1
        _stats["ignored"] += 1

    def finish(compiled):
        code = obj
        if where is not None and not compiled.loaded:
            code = compiled.take_object_code()
            if code:
                store(where, k, code, function)
        if then is not None:
            then(text, compiled, callbacks, code or None)
    if enabled("compile"):
        log_compile(function, compiled, spent, where is not None)
        if compiled.tier_note:
            print(f"ag: tiers of '{function}': {compiled.tier_note}", file=sys.stderr)
    if compiled.tier_pending:
        _tiers.start(compiled, function, finish)
    else:
        finish(compiled)
    return text, compiled, callbacks


def log_compile(function, compiled, spent, cached, how=None):
    """AG_LOG=compile's line for one compile (or link) and its stage times."""
    stages = ([("trace", spent)] if spent is not None else []) + list(compiled.timings())
    total = sum(seconds for _, seconds in stages)
    parts = ", ".join(f"{name} {seconds * 1e3:.1f} ms" for name, seconds in stages)
    if how is not None:
        pass
    elif compiled.loaded:
        how = "cache hit"
    else:
        how = f"{'cache miss' if cached else 'cache off'}, O{compiled.opt_level}"
        if compiled.tier_pending:
            how += ", first tier"
    print(f"ag: compiled '{function}' in {total * 1e3:.1f} ms ({how}): {parts}",
          file=sys.stderr)


def clear():
    """Removes every entry, trace record (and temporary file) of the cache directory:
    (entries removed, records removed, bytes freed). Processes holding compiled code keep
    it; they recompile only what they trace anew."""
    where = directory()
    removed = records = freed = 0
    if where is None:
        return removed, records, freed
    for _, size, path in _entries(where):
        try:
            os.unlink(path)
        except OSError:
            continue
        if path.endswith(_SUFFIX):
            removed += 1
        elif path.endswith(".agtrace"):
            records += 1  # (its shared object, .agso, counts in the bytes only)
        freed += size
    _known_bytes.pop(where, None)
    return removed, records, freed


def cache_info():
    """What the persistent cache holds and how this process used it: directory (None
    when off), entries (of object code), bytes (of everything), max_bytes, this
    process's hits, misses, writes, ignored (unreadable or foreign entries met) and
    evictions, and the trace records the directory holds (ag._persist)."""
    where = directory()
    entries = _entries(where) if where is not None else []
    objects = sum(1 for _, _, path in entries if path.endswith(_SUFFIX))
    records = sum(1 for _, _, path in entries if path.endswith(".agtrace"))
    return CacheInfo(where, objects, sum(size for _, size, _ in entries), max_bytes(),
                     _stats["hits"], _stats["misses"], _stats["writes"], _stats["ignored"],
                     _stats["evictions"], records)
