"""The signature rules (runtime/python/Signature.h) agree on both call paths.

The first call computes a call's signature (`_ag.Signature`, the cache key); the C
dispatcher and the Python path's cache hits check a call against an entry
(`_ag.EntrySpec.matches`). Each case is a pair of calls: the second must reuse the
first's trace exactly when the two signatures are equal, on the C path when the entry
is one the dispatcher runs, and both must return what numpy returns.
"""

import numpy as np
import pytest

import ag
from ag import _ag

from _reference import assert_same

F32 = np.float32


def _arr(shape, dtype=F32, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


def _first_dim(x, s):
    return x * s + x.shape[0]


def _scaled(x, s):
    return x * s


def _pair(x, y):
    return x + y


# (name, function, dynamic, first call's args, second call's args, same signature?)
CASES = [
    ("same shape", _scaled, None, (_arr((3, 4)), 2.0), (_arr((3, 4), seed=1), 2.0), True),
    ("other shape", _scaled, None, (_arr((3, 4)), 2.0), (_arr((4, 4)), 2.0), False),
    ("other dtype", _scaled, None, (_arr((3,)), 2.0), (_arr((3,), np.float64), 2.0), False),
    ("other rank", _scaled, None, (_arr((3,)), 2.0), (_arr((3, 1)), 2.0), False),
    ("0-size dim", _scaled, None, (_arr((0, 4)), 2.0), (_arr((0, 4)), 2.0), True),
    ("0-size vs 2", _scaled, None, (_arr((0, 4)), 2.0), (_arr((2, 4)), 2.0), False),
    ("dynamic 5 -> 7", _first_dim, "batch", (_arr((5, 2)), 1.0), (_arr((7, 2)), 1.0), True),
    ("dynamic 5 -> 1", _first_dim, "batch", (_arr((5, 2)), 1.0), (_arr((1, 2)), 1.0), False),
    ("dynamic 1 -> 5", _first_dim, "batch", (_arr((1, 2)), 1.0), (_arr((5, 2)), 1.0), False),
    ("dynamic 1 -> 1", _first_dim, "batch", (_arr((1, 2)), 1.0), (_arr((1, 2)), 1.0), True),
    ("dynamic 0 -> 3", _first_dim, "batch", (_arr((0, 2)), 1.0), (_arr((3, 2)), 1.0), True),
    ("dynamic 3 -> 0", _first_dim, "batch", (_arr((3, 2)), 1.0), (_arr((0, 2)), 1.0), True),
    ("dynamic dict", _first_dim, {"x": -1}, (_arr((2, 5)), 1.0), (_arr((2, 6)), 1.0), True),
    ("static dim of dynamic arg", _first_dim, {"x": 1}, (_arr((2, 5)), 1.0),
     (_arr((3, 5)), 1.0), False),
    ("int == int", _scaled, None, (_arr((3,)), 2), (_arr((3,)), 2), True),
    ("int != int", _scaled, None, (_arr((3,)), 2), (_arr((3,)), 3), False),
    ("int vs float", _scaled, None, (_arr((3,)), 2), (_arr((3,)), 2.0), False),
    ("bool vs int", _scaled, None, (_arr((3,)), True), (_arr((3,)), 1), False),
    ("bool == bool", _scaled, None, (_arr((3,)), False), (_arr((3,)), False), True),
    ("0.0 vs -0.0", _scaled, None, (_arr((3,)), 0.0), (_arr((3,)), -0.0), False),
    ("-0.0 == -0.0", _scaled, None, (_arr((3,)), -0.0), (_arr((3,)), -0.0), True),
    ("nan == nan", _scaled, None, (_arr((3,)), float("nan")), (_arr((3,)), float("nan")),
     True),
    ("big int", _scaled, None, (_arr((3,)), 2**62), (_arr((3,)), 2**62), True),
    ("numpy scalar value", _scaled, None, (_arr((3,)), F32(2)), (_arr((3,)), F32(5)), True),
    ("numpy scalar dtype", _scaled, None, (_arr((3,)), F32(2)), (_arr((3,)), np.float64(2)),
     False),
    ("numpy scalar vs 0-d", _scaled, None, (_arr((3,)), F32(2)),
     (_arr((3,)), np.array(2, F32)), False),
    ("0-d vs 0-d", _scaled, None, (_arr((3,)), np.array(2, F32)),
     (_arr((3,)), np.array(3, F32)), True),
    ("longlong is int64", _scaled, None, (np.arange(3, dtype=np.int64), 2),
     (np.arange(3, dtype=np.longlong), 2), True),
    ("two arrays", _pair, None, (_arr((3,)), _arr((3,), seed=1)),
     (_arr((3,)), _arr((3,), seed=2)), True),
]


def _same_twice():
    x = _arr((3,))
    return (x, x)


CASES += [
    ("same array twice vs two", _pair, None, _same_twice(), (_arr((3,)), _arr((3,), seed=1)),
     False),
    ("two vs same array twice", _pair, None, (_arr((3,)), _arr((3,), seed=1)), _same_twice(),
     False),
    ("same array twice, again", _pair, None, _same_twice(), _same_twice(), True),
]


def _spy(staged):
    """Counts the calls that reach the Python path (which computes the key)."""
    slow = []
    key = staged._key
    staged._key = lambda args: (slow.append(1), key(args))[1]
    return slow


@pytest.mark.parametrize("name,fn,dynamic,first,second,same", CASES,
                         ids=[c[0] for c in CASES])
def test_paths_agree(name, fn, dynamic, first, second, same):
    staged = ag.stage(fn, dynamic=dynamic)
    assert_same(staged(*first), fn(*first))  # first call: traced, Python path
    spec = next(iter(staged._cache.values())).spec
    dyn = staged._dynamic  # (normalised: argument positions)
    key1, key2 = _ag.Signature(first, dyn), _ag.Signature(second, dyn)
    # The key the first call computes and the check the dispatcher makes agree.
    assert (key1 == key2) is same
    assert spec.matches(second) is same
    assert spec.signature.matches(second) is same
    assert (hash(key1) == hash(key2)) or not same
    assert (key1.difference(key2) is None) is same
    slow = _spy(staged)
    assert_same(staged(*second), fn(*second))
    assert staged.trace_count == (1 if same else 2)
    if same:  # a cache hit, on the C path (every entry here is one it runs)
        assert spec.runnable and slow == []


def _frozen(values):
    a = np.array(values, F32)
    a.flags.writeable = False
    return a


def test_guards_agree_on_both_paths():
    ns = {"np": np}
    exec("def f(x):\n    return x * G + C[0]\n", ns)
    ns["G"], ns["C"] = 2.0, _frozen([1.0])  # (read-only: guarded by value)
    staged = ag.stage(ns["f"])
    x = _arr((3,))
    eager = ns["f"]
    for g, c, traces in [(2.0, [1.0], 1), (2.0, [1.0], 1), (3.0, [1.0], 2),
                         (-0.0, [1.0], 3), (0.0, [1.0], 4), (0.0, [2.0], 5),
                         (0.0, [2.0], 5), (0.0, [-0.0], 6), (float("nan"), [0.0], 7)]:
        ns["G"], ns["C"] = g, _frozen(c)
        spec = next(reversed(staged._cache.values())).spec if staged.cache_size else None
        held = spec is not None and spec.guards_hold()
        slow = _spy(staged)
        assert_same(staged(x), eager(x))
        assert staged.trace_count == traces
        # A cache hit whenever the most recent entry's guards held, on the C path.
        assert held == (slow == []), (g, c)


def test_closure_guard():
    def make(k):
        def f(x):
            return x + k
        return f
    f = make(1.5)
    staged = ag.stage(f)
    x = _arr((2,))
    assert_same(staged(x), f(x))
    f.__closure__[0].cell_contents = 2.5
    assert_same(staged(x), f(x))
    assert staged.trace_count == 2
    slow = _spy(staged)
    assert_same(staged(x), f(x))
    assert slow == [] and staged.trace_count == 2


def test_signature_is_a_sequence_of_key_parts():
    x = _arr((3, 4))
    key = _ag.Signature((x, x, 2, F32(1), None, np.random.default_rng(0)), {0: (0,)},
                        (np.random.Generator,))
    assert len(key) == 6
    assert key[0] == ("array", "f4", (-1, 4))
    assert key[1] == ("array", "f4", (-1, 4), ("same", 0))
    assert key[2] == ("scalar", int, 2)
    assert key[3] == ("array", "f4", ()) and key.numpy_scalar(3) and not key.numpy_scalar(0)
    assert key[4] == ("scalar", type(None), None)
    assert key[5] == ("object", np.random.Generator, 5) and key.objects
    assert [p[0] for p in key] == ["array", "array", "scalar", "array", "scalar", "object"]


def test_signature_refusals_name_the_argument():
    class Sub(np.ndarray):
        pass
    with pytest.raises(_ag.SignatureError) as e:
        _ag.Signature((_arr((2,)), np.zeros(2).view(Sub)))
    assert e.value.args == (1,)
    with pytest.raises(_ag.SignatureError) as e:
        _ag.Signature((_arr((2,)), "abc"))
    assert e.value.args == (1,)
    with pytest.raises(_ag.SignatureError) as e:
        _ag.Signature((_arr((2, 3)),), {0: (2,)})
    assert e.value.args == (0, 2, 2)


def test_retrace_reason_says_what_differed():
    staged = ag.stage(_scaled, warn_after=1)
    staged(_arr((3,)), 0.0)
    with pytest.warns(ag.AgRetraceWarning, match=r"argument 's' changed from float 0\.0 "
                                                 r"to float -0\.0"):
        staged(_arr((3,)), -0.0)
    with pytest.warns(ag.AgRetraceWarning, match="from float -0.0 to a numpy float32 "
                                                 "scalar"):
        staged(_arr((3,)), F32(1))


def test_entry_guarding_its_own_globals_is_collected():
    # globals -> staged function -> entry spec -> guarded globals: a cycle the garbage
    # collector must see through the EntrySpec.
    import gc
    import weakref
    ns = {"np": np}
    exec("def f(x):\n    return x * G\n", ns)
    ns["G"] = 2.0
    ns["g"] = ag.stage(ns["f"])
    assert_same(ns["g"](_arr((2,))), _arr((2,)) * 2.0)
    alive = weakref.ref(ns["g"])
    del ns
    gc.collect()
    assert alive() is None


def test_guard_on_an_object_array():
    # A small array of Python objects is guarded by value (numpy's array_equal; its
    # equal_nan would raise for objects).
    ns = {"np": np, "OBJ": np.array([1, "a"], dtype=object)}
    exec("def f(x):\n    return x * len(OBJ)\n", ns)
    staged = ag.stage(ns["f"])
    x = _arr((2,))
    for _ in range(2):
        assert_same(staged(x), x * 2)
    ns["OBJ"] = np.array([1, "a", None], dtype=object)
    assert_same(staged(x), x * 3)
    assert staged.trace_count == 2
