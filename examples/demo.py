"""Eager numpy vs ag.stage on a few small programs: same function, same inputs.

Run: PYTHONPATH=build/python /usr/bin/python3 examples/demo.py
(scripts/demo.sh does this after building). Prints each program's IR in the ag dialect
once, checks that staged and eager results agree, and times both.
"""

import time

import numpy as np

import ag


def mlp(x, w1, b1, w2, b2):
    h = ag.nn.relu(x @ w1 + b1)
    return ag.nn.softmax(h @ w2 + b2, axis=-1)


def layernorm_gelu(x, gamma, beta):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    y = (x - mu) / np.sqrt(var + 1e-5) * gamma + beta
    return ag.nn.gelu(y)


def small_cnn(x, w1, w2):
    h = ag.nn.max_pool2d(ag.nn.relu(ag.nn.conv2d(x, w1, padding=1)), 2)
    h = ag.nn.relu(ag.nn.conv2d(h, w2, padding=1))
    return h.mean(axis=(2, 3))


def tiny_ops(x):
    for _ in range(20):  # a Python loop over many tiny ops: interpretive overhead
        x = x * 1.01 + 0.5
        x = np.minimum(x, 3.0)
    return x.sum()


def timeit(fn, args, repeat):
    fn(*args)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def main():
    rng = np.random.default_rng(0)
    f32 = lambda *s: rng.standard_normal(s, dtype=np.float32)
    programs = [
        ("mlp", mlp, (f32(256, 512), f32(512, 1024), f32(1024), f32(1024, 10), f32(10))),
        ("layernorm+gelu", layernorm_gelu, (f32(512, 1024), f32(1024), f32(1024))),
        ("small cnn", small_cnn, (f32(8, 3, 32, 32), f32(16, 3, 3, 3), f32(32, 16, 3, 3))),
        ("tiny ops", tiny_ops, (f32(16),)),
    ]
    print(ag.stage(mlp).ir(*programs[0][2]))
    print(f"{'program':16} {'eager ms':>10} {'staged ms':>10} {'speedup':>8}  check")
    for name, fn, args in programs:
        staged = ag.stage(fn)
        want, got = fn(*args), staged(*args)
        ok = (np.asarray(got).dtype == np.asarray(want).dtype
              and np.allclose(got, want, rtol=1e-4, atol=1e-4))
        t_eager = timeit(fn, args, 20)
        t_staged = timeit(staged, args, 20)
        print(f"{name:16} {t_eager * 1e3:10.3f} {t_staged * 1e3:10.3f} "
              f"{t_eager / t_staged:7.1f}x  {'ok' if ok else 'MISMATCH'}")


if __name__ == "__main__":
    main()
