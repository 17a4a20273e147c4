"""Cost of a np.random draw in staged code (issue 11's figure).

    PYTHONPATH=build/python /usr/bin/python3 bench/random_draws.py

A staged loop of 10,000 iterations, each `x = x + np.random.randn(4)` (numpy's global
generator) or `x = x + rng.standard_normal(4)` (a Generator argument), against the same
loop in eager numpy. Each draw in compiled code is an ag.host_call: a callback into
Python under the GIL, which makes the draw. The callback's own cost is the staged time
per iteration minus the bare draw (numpy's call alone) and minus an iteration of a staged
loop without a draw. Medians of several rounds; eager and staged alternate, so both see
the same machine state. The results are checked bit-identical under one seed first.
"""

import statistics
import time

import numpy as np

import ag

N = 10_000


def walk(x, n):
    for i in range(n):
        x = x + np.random.randn(4)
    return x


def walk_generator(x, n, rng):
    for i in range(n):
        x = x + rng.standard_normal(4)
    return x


def no_draw(x, n):
    for i in range(n):
        x = x + x * 0.5
    return x


def bare_draws(n):
    draw = np.random.randn
    for i in range(n):
        draw(4)


def per_iteration_us(fn, *args):
    t0 = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t0) / N * 1e6


def main(rounds=9):
    x = np.zeros(4)
    staged, staged_generator, staged_no_draw = (ag.stage(walk), ag.stage(walk_generator),
                                                ag.stage(no_draw))
    np.random.seed(0)
    expected = walk(x, N)
    np.random.seed(0)
    assert np.array_equal(staged(x, N), expected)
    assert np.array_equal(staged_generator(x, N, np.random.default_rng(1)),
                          walk_generator(x, N, np.random.default_rng(1)))
    staged_no_draw(x, N)
    samples = {k: [] for k in ("eager", "staged", "eager_gen", "staged_gen", "no_draw",
                               "bare")}
    for _ in range(rounds):
        samples["eager"].append(per_iteration_us(walk, x, N))
        samples["staged"].append(per_iteration_us(staged, x, N))
        rng = np.random.default_rng(2)
        samples["eager_gen"].append(per_iteration_us(walk_generator, x, N, rng))
        samples["staged_gen"].append(per_iteration_us(staged_generator, x, N, rng))
        samples["no_draw"].append(per_iteration_us(staged_no_draw, x, N))
        samples["bare"].append(per_iteration_us(bare_draws, N))
    m = {k: statistics.median(v) for k, v in samples.items()}
    print(f"{'x + np.random.randn(4), eager':44} {m['eager']:7.3f} us/iteration")
    print(f"{'x + np.random.randn(4), staged loop':44} {m['staged']:7.3f} us/iteration "
          f"({m['staged'] / m['eager']:.2f}x eager)")
    print(f"{'x + rng.standard_normal(4), eager':44} {m['eager_gen']:7.3f} us/iteration")
    print(f"{'x + rng.standard_normal(4), staged loop':44} {m['staged_gen']:7.3f} "
          f"us/iteration ({m['staged_gen'] / m['eager_gen']:.2f}x eager)")
    print(f"{'np.random.randn(4) alone':44} {m['bare']:7.3f} us")
    print(f"{'staged loop iteration without a draw':44} {m['no_draw']:7.3f} us")
    print(f"{'callback cost per draw':44} {m['staged'] - m['bare'] - m['no_draw']:7.3f} us")


if __name__ == "__main__":
    main()
