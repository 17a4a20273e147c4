"""Cache-hit call overhead of a staged function (issue #3's figure).

    PYTHONPATH=build/python /usr/bin/python3 bench/call_overhead.py

Times `f(x)` for `f = ag.stage(lambda x: x + 1)` on a 1-element float32 array, against
the same expression in eager numpy and against a plain Python call, as medians of
several rounds of many calls. Compare with numba's dispatcher (~0.3 us) and jax.jit
(~7 us) as published by those projects.
"""

import statistics
import time

import numpy as np

import ag


def per_call_us(fn, arg, calls=200_000, rounds=7):
    fn(arg)
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn(arg)
        samples.append((time.perf_counter() - t0) / calls * 1e6)
    return statistics.median(samples)


def main():
    x = np.ones(1, np.float32)
    staged = ag.stage(lambda x: x + 1)
    results = {
        "ag.stage(lambda x: x + 1)(x)": per_call_us(staged, x),
        "eager numpy x + 1": per_call_us(lambda x: x + 1, x),
        "empty Python function": per_call_us(lambda x: x, x),
    }
    for name, us in results.items():
        print(f"{name:32} {us:7.3f} us")


if __name__ == "__main__":
    main()
