"""np.random in staged functions (issue 11): every draw happens when the compiled code
runs, from the generator eager numpy would use, so that under the same seed a staged
program returns bit-identical numbers to eager numpy -- across calls (cached calls draw
anew), interleaved with the caller's own draws, once per iteration of a staged loop and
only on the taken path of a staged branch. Generators passed as arguments, closed over or
made in the function. Every test calls three times: the trace, then the cached paths
(Python and C dispatcher)."""

import numpy as np
import pytest

import ag

from _reference import run_in_threads

CALLS = 3


def assert_identical(got, exp, path="result"):
    """Same type (Python float/int, numpy scalar, array), dtype, shape and bits."""
    if isinstance(exp, (tuple, list)):
        assert type(got) is type(exp) and len(got) == len(exp), path
        for i, (g, e) in enumerate(zip(got, exp)):
            assert_identical(g, e, f"{path}[{i}]")
        return
    assert type(got) is type(exp), \
        f"{path}: ag returned {type(got).__name__}, numpy {type(exp).__name__}"
    if isinstance(exp, (np.ndarray, np.generic)):
        assert got.dtype == exp.dtype and got.shape == exp.shape, \
            f"{path}: {got.dtype}{got.shape} != numpy {exp.dtype}{exp.shape}"
        np.testing.assert_array_equal(got, exp, err_msg=path, strict=True)
    else:
        assert got == exp, f"{path}: {got!r} != numpy {exp!r}"


def same_state():
    return np.random.get_state()


def assert_same_state(a, b):
    assert a[0] == b[0] and np.array_equal(a[1], b[1]) and a[2:] == b[2:]


def copies(args):
    return [a.copy() if isinstance(a, np.ndarray) else a for a in args]


def check_global(fn, *args, seed=0, between=None):
    """fn staged vs eager on numpy's global generator: CALLS calls each after the same
    seed, with `between()` (eager draws of the caller) after each; the results and the
    generator's state afterwards are identical."""
    staged = ag.stage(fn)
    np.random.seed(seed)
    expected = []
    for _ in range(CALLS):
        expected.append(fn(*copies(args)))
        expected.append(between() if between else None)
    eager_state = same_state()
    np.random.seed(seed)
    got = []
    for _ in range(CALLS):
        got.append(staged(*copies(args)))
        got.append(between() if between else None)
    assert_same_state(same_state(), eager_state)
    for i, (g, e) in enumerate(zip(got, expected)):
        if e is not None or g is not None:
            assert_identical(g, e, f"call {i // 2}" + (" (between)" if i % 2 else ""))
    return staged


x3 = np.array([0.5, -1.0, 2.0])
n7 = np.int64(7)

# (name, function of (x, n)): every function the issue names, scalar and array forms.
GLOBAL_DRAWS = [
    ("rand", lambda x, n: np.random.rand()),
    ("rand_2x3", lambda x, n: np.random.rand(2, 3)),
    ("rand_plus_x", lambda x, n: x + np.random.rand(3)),
    ("randn", lambda x, n: np.random.randn()),
    ("randn_4", lambda x, n: np.random.randn(4)),
    ("random", lambda x, n: np.random.random()),
    ("random_3", lambda x, n: np.random.random(3)),
    ("random_sample", lambda x, n: np.random.random_sample((2, 2))),
    ("ranf", lambda x, n: np.random.ranf(2)),
    ("sample", lambda x, n: np.random.sample()),
    ("uniform", lambda x, n: np.random.uniform()),
    ("uniform_size", lambda x, n: np.random.uniform(-1, 2, size=4)),
    ("uniform_staged", lambda x, n: np.random.uniform(x, x + 1)),
    ("normal", lambda x, n: np.random.normal()),
    ("normal_size", lambda x, n: np.random.normal(0.0, 2.0, (2, 3))),
    ("normal_staged_loc", lambda x, n: np.random.normal(x, 2.0)),
    ("normal_staged_0d", lambda x, n: np.random.normal(x.sum(), x.max())),
    ("normal_0d_size", lambda x, n: np.random.normal(size=())),
    ("standard_normal", lambda x, n: np.random.standard_normal(3)),
    ("exponential", lambda x, n: np.random.exponential()),
    ("exponential_staged", lambda x, n: np.random.exponential(x * x + 1)),
    ("randint", lambda x, n: np.random.randint(10)),
    ("randint_size", lambda x, n: np.random.randint(-5, 10, 5)),
    ("randint_int32", lambda x, n: np.random.randint(0, 10, 5, dtype=np.int32)),
    ("randint_int32_scalar", lambda x, n: np.random.randint(0, 10, dtype=np.int32)),
    ("randint_bool", lambda x, n: np.random.randint(0, 2, 4, dtype=bool)),
    ("randint_staged_high", lambda x, n: np.random.randint(n)),
    ("randint_staged_both", lambda x, n: np.random.randint(n - 3, n, size=3)),
    ("choice_int", lambda x, n: np.random.choice(5)),
    ("choice_int_size", lambda x, n: np.random.choice(5, 3)),
    ("choice_staged_int", lambda x, n: np.random.choice(n, 4)),
    ("choice_staged_array", lambda x, n: np.random.choice(x, 4)),
    ("choice_staged_array_scalar", lambda x, n: np.random.choice(x)),
    ("choice_python_list", lambda x, n: np.random.choice([1, 5, 7], (2, 2))),
    ("choice_p", lambda x, n: np.random.choice(3, 5, p=[0.2, 0.3, 0.5])),
    ("choice_staged_p", lambda x, n: np.random.choice(3, 5, p=np.abs(x) / np.abs(x).sum())),
    ("choice_no_replace", lambda x, n: np.random.choice(10, 3, replace=False)),
    ("permutation_int", lambda x, n: np.random.permutation(5)),
    ("permutation_staged_int", lambda x, n: np.random.permutation(n)),
    ("permutation_staged_array", lambda x, n: np.random.permutation(x)),
    ("rand_staged_size", lambda x, n: np.random.rand(n, 2)),
    ("normal_staged_size", lambda x, n: np.random.normal(x[0], 1.0, size=(2, n))),
    ("normal_staged_loc_broadcast_size", lambda x, n: np.random.normal(x, 2.0, (2, 3))),
    ("normal_staged_loc_staged_size", lambda x, n: np.random.normal(x, 1.0, (n, 3))),
    ("poisson", lambda x, n: np.random.poisson(x * x)),
    ("beta_gamma", lambda x, n: (np.random.beta(x * x + 1, 2.0), np.random.gamma(2.0, size=2))),
    ("multivariate_normal", lambda x, n: np.random.multivariate_normal(x[:2], np.eye(2), 3)),
    ("dirichlet", lambda x, n: np.random.dirichlet(np.abs(x) + 1, 2)),
    ("binomial", lambda x, n: np.random.binomial(n, 0.3, 4)),
    ("two_identical_draws", lambda x, n: (np.random.rand(3), np.random.rand(3))),
    ("unused_draw_still_draws", lambda x, n: (np.random.rand(3), x)[1]),
    ("float32_math", lambda x, n: x.astype(np.float32) * np.random.rand()),
]


@pytest.mark.parametrize("fn", [f for _, f in GLOBAL_DRAWS],
                         ids=[name for name, _ in GLOBAL_DRAWS])
def test_global_generator_matches_eager(fn):
    check_global(fn, x3, n7)


def test_draw_is_not_a_constant_in_the_ir():
    ir = ag.stage(lambda x: x + np.random.rand(3)).ir(x3)
    assert "ag.host_call" in ir and "dense<" not in ir.split("ag.host_call")[1]


def test_interleaved_with_eager_draws_between_calls():
    check_global(lambda x: x * np.random.randn(3), x3, between=lambda: np.random.rand(2))
    rng_between = lambda: (np.random.randint(100), np.random.normal())  # noqa: E731
    check_global(lambda x: np.random.choice(x, 2), x3, between=rng_between)


def noisy_walk(x, steps):
    for i in range(steps):
        x = x + np.random.randn(3) * 0.1
    return x


def test_staged_python_range_loop_draws_every_iteration():
    staged = check_global(noisy_walk, x3, 20)
    assert "scf.for" in staged.ir(x3, 20) and staged.ir(x3, 20).count("ag.host_call") == 1


def test_staged_loop_over_staged_bound_draws_every_iteration():
    def walk(x, n):
        acc = np.zeros(3)
        for i in range(n):
            acc = acc + np.random.uniform(-1, 1, 3) * x
        return acc
    staged = check_global(walk, x3, np.int64(12))
    assert "scf.for" in staged.ir(x3, np.int64(12))
    for n in (0, 1, 30):  # same compiled code, other trip counts
        check_global(walk, x3, np.int64(n))


def test_staged_while_condition_draws_each_evaluation():
    def geometric(x):
        k = np.int64(0)
        while np.random.rand() < 0.7:
            k = k + 1
        return k, x
    staged = check_global(geometric, x3)
    assert "scf.while" in staged.ir(x3)


def test_draw_with_loop_index_size():
    def triangle(x):
        total = x.sum()
        for i in range(10):
            total = total + np.random.rand(i + 1).max()
        return total
    staged = check_global(triangle, x3)
    assert "scf.for" in staged.ir(x3)


def break_out(x):
    for i in range(20):
        x = x + np.random.rand(3)
        if x.sum() > 8:
            break
    return x


def nested_loops(x):
    for i in range(10):
        for j in range(10):
            x = x + np.random.rand(3) * 0.01
    return x


def lazy_and(x):
    if x.sum() > 0 and np.random.rand() < 0.5:  # drawn only where the left side holds
        x = x + 1
    return x


def ternary(x):
    return x + (np.random.rand() if x.sum() > 0 else np.random.randn())


def appended(x):
    out = []
    for i in range(12):
        out.append(np.random.rand(3) + x)
    return np.stack(out)


def comprehension(x):
    return [np.random.rand() for _ in range(3)]


def recursive(n, x):
    if n <= 0:
        return x
    return recursive(n - 1, x + np.random.rand(3))


def drawn_sizes(x):
    n = np.random.randint(1, 5)
    for i in range(np.random.randint(3, 12)):
        x = x + np.random.rand(3)
    return np.random.rand(n), np.zeros(n), x


CONTROL_FLOW = [
    ("break", break_out, (x3,)), ("nested_loops", nested_loops, (x3,)),
    ("lazy_and_true", lazy_and, (x3,)), ("lazy_and_false", lazy_and, (-np.abs(x3),)),
    ("ternary_true", ternary, (x3,)), ("ternary_false", ternary, (-np.abs(x3),)),
    ("appended", appended, (x3,)), ("comprehension", comprehension, (x3,)),
    ("recursion", recursive, (np.int64(5), x3)), ("drawn_sizes", drawn_sizes, (x3,)),
]


@pytest.mark.parametrize("fn,args", [c[1:] for c in CONTROL_FLOW],
                         ids=[c[0] for c in CONTROL_FLOW])
def test_control_flow_draws_like_python(fn, args):
    check_global(fn, *args)


def branchy(x):
    if x.sum() > 0:
        y = x + np.random.rand(3)
    else:
        y = x - np.random.randn(3) * np.random.rand()
    return y


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_staged_branch_draws_only_on_taken_path(sign):
    staged = check_global(branchy, sign * np.abs(x3))
    assert "scf.if" in staged.ir(x3)


def test_draw_in_staged_branch_inside_loop():
    def f(x):
        for i in range(16):
            if np.random.rand() < 0.5:
                x = x + np.random.randn(3)
        return x
    check_global(f, x3)


def test_order_with_print(capsys):
    def f(x):
        for i in range(10):
            v = np.random.randint(100)
            print("draw", v)
            x = x + v
        return x
    staged = ag.stage(f)
    for run in (f, staged):
        np.random.seed(3)
        results = [run(x3) for _ in range(CALLS)]
        out = capsys.readouterr().out
        if run is f:
            expected, eager_out = results, out
    assert_identical(results, expected)
    assert out == eager_out and out.count("draw") == 10 * CALLS


def test_seed_inside_the_function_runs_at_run_time():
    def f(x):
        np.random.seed(42)
        return np.random.rand(3) + x
    check_global(f, x3)
    check_global(lambda x, s: (np.random.seed(s), np.random.rand())[1], x3, np.int64(5))


def test_nested_staged_function_draws():
    inner = ag.stage(lambda x: x * np.random.rand(3))

    def outer(x):
        return inner(x) + inner(x)
    check_global(outer, x3)


def test_python_float_and_int_results_leave_as_python_numbers():
    staged = ag.stage(lambda x: (np.random.rand(), np.random.randint(9), np.random.choice(x)))
    for _ in range(CALLS):
        a, b, c = staged(x3)
        assert type(a) is float and type(b) is int and type(c) is np.float64


def test_dynamic_dims():
    def f(x):
        return np.random.rand(x.shape[0], 2) + x[:, None], np.random.permutation(x)
    staged = ag.stage(f, dynamic="batch")
    for n in (3, 5, 9):
        x = np.arange(n, dtype=np.float64)
        np.random.seed(n)
        expected = f(x)
        np.random.seed(n)
        assert_identical(staged(x), expected)
    assert staged.trace_count == 1


# --- Generator and RandomState objects ------------------------------------------------

GENERATOR_DRAWS = [
    ("random", lambda x, r: r.random()),
    ("random_size", lambda x, r: r.random(3)),
    ("random_float32", lambda x, r: r.random(3, dtype=np.float32)),
    ("random_float32_scalar", lambda x, r: r.random(dtype=np.float32)),
    ("normal", lambda x, r: r.normal()),
    ("normal_staged", lambda x, r: r.normal(x, 1.0)),
    ("integers", lambda x, r: r.integers(10)),
    ("integers_size", lambda x, r: r.integers(0, 10, 4)),
    ("integers_int32_endpoint", lambda x, r: r.integers(0, 3, 4, np.int32, True)),
    ("uniform", lambda x, r: r.uniform(0, x + 1)),
    ("standard_normal", lambda x, r: r.standard_normal((2, 2))),
    ("standard_normal_float32", lambda x, r: r.standard_normal(3, dtype=np.float32)),
    ("exponential", lambda x, r: r.exponential(x * x + 1)),
    ("choice", lambda x, r: r.choice(5)),
    ("choice_array", lambda x, r: r.choice(x, 2)),
    ("choice_no_replace", lambda x, r: r.choice(x, 2, replace=False)),
    ("permutation", lambda x, r: r.permutation(x)),
    ("permutation_int", lambda x, r: r.permutation(4)),
    ("permuted", lambda x, r: r.permuted(x)),
]
LEGACY_DRAWS = [
    ("rand", lambda x, r: r.rand(2)),
    ("randn", lambda x, r: r.randn()),
    ("random_sample", lambda x, r: r.random_sample(3)),
    ("normal", lambda x, r: r.normal(x, 2.0)),
    ("uniform", lambda x, r: r.uniform(size=2)),
    ("randint", lambda x, r: r.randint(5)),
    ("randint_size", lambda x, r: r.randint(0, 5, 3)),
    ("choice", lambda x, r: r.choice(x)),
    ("permutation", lambda x, r: r.permutation(x)),
    ("standard_normal", lambda x, r: r.standard_normal(2)),
    ("exponential", lambda x, r: r.exponential(2.0, 2)),
]
MAKERS = {"generator": np.random.default_rng, "random_state": np.random.RandomState}


def check_argument(fn, make, seed=11):
    """fn(x, rng) staged vs eager with generators passed as arguments: the same object
    across calls, then a new object (no retrace: it is drawn from)."""
    staged = ag.stage(fn)
    eager_rng, staged_rng = make(seed), make(seed)
    np.random.seed(0)
    for call in range(CALLS):
        assert_identical(staged(x3.copy(), staged_rng), fn(x3.copy(), eager_rng),
                         f"call {call}")
    assert_identical(staged(x3.copy(), make(seed + 1)), fn(x3.copy(), make(seed + 1)),
                     "new generator")
    assert staged.trace_count == 1
    # The global generator was not touched (the draws came from the argument).
    assert_same_state(same_state(), (np.random.seed(0), same_state())[1])


@pytest.mark.parametrize("fn", [f for _, f in GENERATOR_DRAWS],
                         ids=[name for name, _ in GENERATOR_DRAWS])
def test_generator_argument(fn):
    check_argument(fn, MAKERS["generator"])


@pytest.mark.parametrize("fn", [f for _, f in LEGACY_DRAWS],
                         ids=[name for name, _ in LEGACY_DRAWS])
def test_random_state_argument(fn):
    check_argument(fn, MAKERS["random_state"])


def test_generator_argument_in_staged_loop_and_keyword():
    def f(x, rng):
        for i in range(12):
            x = x + rng.normal(size=3)
        return x
    check_argument(f, MAKERS["generator"])
    staged = ag.stage(f)
    a, b = np.random.default_rng(1), np.random.default_rng(1)
    assert_identical(staged(x3, rng=a), f(x3, b))


def test_ir_traced_first_draws_from_the_call_s_generator():
    staged = ag.stage(lambda x, rng: rng.random(2) + x[:2])
    assert "ag.host_call" in staged.ir(x3, np.random.default_rng(0))
    assert_identical(staged(x3, np.random.default_rng(5)),
                     np.random.default_rng(5).random(2) + x3[:2])
    assert staged.trace_count == 1


def test_generator_keyword_argument_with_staged_loc_and_size():
    def f(x, rng=None):
        return rng.normal(loc=x, scale=2.0, size=(2, 3))
    check_argument(f, MAKERS["generator"])
    staged = ag.stage(f)
    assert_identical(staged(x3, rng=np.random.default_rng(3)),
                     f(x3, rng=np.random.default_rng(3)))


def test_one_generator_passed_twice_is_another_specialisation():
    def f(x, r1, r2):
        return r1.random(2) + r2.random(2)
    staged = ag.stage(f)
    one = np.random.default_rng(3)
    assert_identical(staged(x3, one, one), f(x3, *[np.random.default_rng(3)] * 2))
    a, b = np.random.default_rng(4), np.random.default_rng(5)
    assert_identical(staged(x3, a, b), f(x3, np.random.default_rng(4), np.random.default_rng(5)))
    assert staged.trace_count == 2


def test_closed_over_generator_and_rebinding_retraces():
    rng = np.random.default_rng(21)

    def f(x):
        return x + rng.standard_normal(3)
    staged = ag.stage(f)
    expected_rng = np.random.default_rng(21)
    for _ in range(CALLS):
        got = staged(x3)
        rng, kept = expected_rng, rng  # the eager run draws from an equal generator
        assert_identical(got, f(x3))
        rng = kept
    rng = np.random.default_rng(22)  # rebinding the closure: draws from the new one
    got = staged(x3)
    assert_identical(got, x3 + np.random.default_rng(22).standard_normal(3))
    assert staged.trace_count == 2


def test_generator_made_in_the_function_is_made_every_call():
    def f(x, seed):
        rng = np.random.default_rng(seed)
        out = x
        for i in range(10):
            out = out + rng.random(3)
        legacy = np.random.RandomState(seed)
        return out, legacy.randn(2), np.random.Generator(np.random.PCG64(seed)).integers(9)
    check_global(f, x3, 4)
    check_global(f, x3, np.int64(4))


def test_threads_with_their_own_generators():
    def f(x, rng):
        for i in range(20):
            x = x + rng.normal(size=3)
        return x + rng.integers(5)
    staged = ag.stage(f)
    staged(x3, np.random.default_rng(0))

    def worker(seed):
        for _ in range(5):
            got = staged(x3, np.random.default_rng(seed))
            assert_identical(got, f(x3, np.random.default_rng(seed)))
    run_in_threads(worker, list(range(6)))


def test_threads_share_the_global_generator_like_eager():
    staged = ag.stage(lambda x: np.random.rand(3))
    np.random.seed(8)
    draws = []
    run_in_threads(lambda _: draws.extend(staged(x3) for _ in range(10)), [0, 1, 2])
    np.random.seed(8)
    expected = np.random.rand(30, 3)
    # The threads interleave as they may eagerly too: the same 30 draws, each one whole.
    got = np.array(sorted(map(tuple, draws)))
    assert np.array_equal(got, np.array(sorted(map(tuple, expected))))


# --- errors -----------------------------------------------------------------------------

def shuffle_through_view(x):
    tail = x[1:]
    np.random.shuffle(x)  # in place: the view and the caller's array see it
    return tail.sum(), tail * 1


@pytest.mark.parametrize("shape", [(6,), (4, 3)])
def test_shuffle_staged_array_in_place(shape):
    x = np.arange(np.prod(shape), dtype=np.float64).reshape(shape)
    staged = ag.stage(shuffle_through_view)
    for call in range(CALLS):
        eager_x, staged_x = x.copy(), x.copy()
        np.random.seed(call)
        expected = shuffle_through_view(eager_x)
        np.random.seed(call)
        assert_identical(staged(staged_x), expected)
        assert_identical(staged_x, eager_x, "the caller's array")


def test_shuffle_in_staged_loop_and_on_generator():
    def f(x, rng):
        for i in range(10):
            rng.shuffle(x)
            x[0] = x[0] + i
        return x
    check_argument(f, MAKERS["generator"])
    check_argument(f, MAKERS["random_state"])

    def axis(x, rng):
        y = x.copy()
        rng.shuffle(y, axis=1)
        return y
    check_argument(lambda x, rng: axis(np.stack([x, x * 2]), rng), MAKERS["generator"])


def test_shuffle_of_python_objects_is_an_error_naming_the_line():
    def f(x):
        order = [0, 1, 2]
        np.random.shuffle(order)
        return x
    with pytest.raises(ag.AgUnsupportedError, match=r"test_random.py:\d+.*shuffle.*permutation"):
        ag.stage(f)(x3)
    with pytest.raises(ag.AgUnsupportedError, match="out="):
        ag.stage(lambda x, r: r.random(3, out=x))(x3, np.random.default_rng())


def test_permutation_draws_what_shuffle_would():
    np.random.seed(5)
    y = x3.copy()
    np.random.shuffle(y)
    np.random.seed(5)
    assert_identical(ag.stage(lambda x: np.random.permutation(x))(x3), y)


def test_unstageable_results_are_errors():
    with pytest.raises(ag.AgUnsupportedError, match="get_state.*tuple"):
        ag.stage(lambda x: np.random.get_state())(x3)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.uint64])
def test_small_integer_draws(dtype):
    f = lambda x: np.random.randint(0, 9, 3, dtype=dtype)  # noqa: E731
    staged = ag.stage(f)
    np.random.seed(3)
    got = [staged(x3), staged(x3)]
    np.random.seed(3)
    assert_identical(got, [f(x3), f(x3)])


def test_invalid_python_arguments_raise_numpy_error_while_tracing():
    before = same_state()
    with pytest.raises(ValueError, match="scale < 0"):
        ag.stage(lambda x: np.random.normal(0.0, -1.0, 3))(x3)
    with pytest.raises(TypeError):
        ag.stage(lambda x: np.random.normal(0.0, 1.0, 3, 4, 5))(x3)
    assert_same_state(same_state(), before)


def test_run_time_error_raises_numpy_error_and_stops_drawing():
    def f(x, scale):
        a = np.random.rand(2)
        b = np.random.normal(0.0, scale, 2)  # numpy raises for scale < 0
        c = np.random.rand(2)
        return a + b + c
    staged = ag.stage(f)
    for scale in (1.0, -1.0, 2.0):
        np.random.seed(1)
        try:
            expected, error = f(x3, np.float64(scale)), None
        except ValueError as e:
            expected, error = None, str(e)
        eager_state = same_state()
        np.random.seed(1)
        if error is None:
            assert_identical(staged(x3, np.float64(scale)), expected)
        else:
            with pytest.raises(ValueError, match=error):
                staged(x3, np.float64(scale))
        assert_same_state(same_state(), eager_state)


def test_failed_assert_stops_later_draws():
    def f(x):
        np.random.rand()
        assert x.sum() < 0, "positive"
        return np.random.rand(3)
    np.random.seed(2)
    with pytest.raises(AssertionError):
        f(x3)
    eager_state = same_state()
    np.random.seed(2)
    with pytest.raises(AssertionError, match="positive"):
        ag.stage(f)(x3)
    assert_same_state(same_state(), eager_state)
