"""Scalar integer code: nested loops with branches (numba's territory) and recursion.

The bounds are 0-d int64 arrays, so ag stages the loops (and, once supported, the
recursion) instead of running them at trace time. Eager numpy runs the same function on
the same 0-d arrays: that is what the undecorated function does.
"""

import numpy as np

from . import Workload


def collatz(limit):
    """The longest Collatz sequence among the starting values below `limit`."""
    longest = 0
    i = 1
    while i < limit:
        x = i
        steps = 0
        while x != 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            steps += 1
        if steps > longest:
            longest = steps
        i += 1
    return longest


def collatz_inputs(rng, limit):
    return (np.array(limit, np.int64),)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def fib_inputs(rng, n):
    return (np.array(n, np.int64),)


WORKLOADS = [
    Workload("collatz", "scalar integer loops with branches", collatz, collatz_inputs,
             {"check": dict(limit=10), "quick": dict(limit=1000),
              "full": dict(limit=3000)},
             torch_fn="collatz", torch_note="rewrite on Python ints (no tensors)",
             rtol=0, atol=0),
    Workload("fib", "staged recursion", fib, fib_inputs,
             {"check": dict(n=5), "quick": dict(n=18), "full": dict(n=22)},
             torch_fn="fib", torch_note="rewrite on Python ints (no tensors)",
             rtol=0, atol=0),
]
