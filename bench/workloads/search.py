"""Search and optimisation loops: beam search with a top-k selection each step, and a
Newton method whose inner solver and line search are data-dependent loops.
"""

import numpy as np

from . import Workload


def beam_search(logp, start, steps, k):
    """Beam search over a bigram model: each step extends every beam by every token and
    keeps the k best candidates (top-k as k rounds of argmax)."""
    vocab = logp.shape[0]
    scores = np.full(k, -1e9, np.float32)
    scores[0] = 0.0
    tokens = np.zeros(k, np.int64) + start
    for _ in range(steps):
        rows = np.stack([logp[tokens[j]] for j in range(k)])
        cand = (scores[:, None] + rows).reshape(-1)
        best_scores = []
        best_tokens = []
        for j in range(k):
            i = np.argmax(cand)
            best_scores.append(cand[i])
            best_tokens.append(i % vocab)
            cand[i] = -np.inf
        scores = np.stack(best_scores)
        tokens = np.stack(best_tokens)
    return scores, tokens


def beam_search_numba(logp, start, steps, k):
    """numba has no np.stack of scalars or of a list: fill arrays instead."""
    vocab = logp.shape[0]
    scores = np.full(k, -1e9, np.float32)
    scores[0] = 0.0
    tokens = np.zeros(k, np.int64) + start
    for _ in range(steps):
        cand = np.empty((k, vocab), np.float32)
        for j in range(k):
            cand[j] = scores[j] + logp[tokens[j]]
        cand = cand.reshape(-1)
        for j in range(k):
            i = np.argmax(cand)
            scores[j] = cand[i]
            tokens[j] = i % vocab
            cand[i] = -np.inf
    return scores, tokens


def beam_search_inputs(rng, vocab, steps, k):
    logits = rng.standard_normal((vocab, vocab)).astype(np.float32) * np.float32(3)
    logp = logits - np.log(np.exp(logits).sum(axis=-1, keepdims=True))
    return logp.astype(np.float32), np.array(1, np.int64), np.array(steps, np.int64), k


def logistic_loss_grad(x, y, w, lam):
    z = x @ w
    loss = (np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z)
            + 0.5 * lam * np.sum(w * w))
    p = 1.0 / (1.0 + np.exp(-z))
    grad = x.T @ (p - y) / len(y) + lam * w
    return loss, grad, p


def newton_cg(x, y, w, lam, tol, max_iter):
    """L2-regularised logistic regression by Newton's method: the Newton system solved
    by conjugate gradients (Hessian-vector products only), then a backtracking line
    search. Three nested data-dependent loops."""
    loss, g, p = logistic_loss_grad(x, y, w, lam)
    gnorm = np.sqrt(np.sum(g * g))
    it = 0
    while gnorm > tol and it < max_iter:
        d = p * (1.0 - p) / len(y)
        s = np.zeros_like(w)
        r = -g
        q = r
        rr = np.sum(r * r)
        j = 0
        while np.sqrt(rr) > 0.1 * gnorm and j < 50:
            hq = x.T @ (d * (x @ q)) + lam * q
            alpha = rr / np.sum(q * hq)
            s = s + alpha * q
            r = r - alpha * hq
            rr_new = np.sum(r * r)
            q = r + (rr_new / rr) * q
            rr = rr_new
            j += 1
        t = 1.0
        slope = np.sum(g * s)
        new_loss, new_g, new_p = logistic_loss_grad(x, y, w + t * s, lam)
        while new_loss > loss + 1e-4 * t * slope and t > 1e-4:
            t = t * 0.5
            new_loss, new_g, new_p = logistic_loss_grad(x, y, w + t * s, lam)
        w = w + t * s
        loss, g, p = new_loss, new_g, new_p
        gnorm = np.sqrt(np.sum(g * g))
        it += 1
    return w, loss


def logistic_loss_grad_numba(x, y, w, lam):
    one = np.float32(1.0)
    z = x @ w
    loss = (np.mean(np.maximum(z, np.float32(0)) + np.log1p(np.exp(-np.abs(z))) - y * z)
            + np.float32(0.5) * lam * np.sum(w * w))
    p = one / (one + np.exp(-z))
    grad = x.T @ (p - y) / np.float32(len(y)) + lam * w
    return loss, grad, p


def newton_cg_numba(x, y, w, lam, tol, max_iter):
    """numba promotes float32 arrays combined with float64 scalars to float64 (numpy
    keeps float32), and then refuses x @ v for mixed dtypes: every scalar is float32."""
    lam = np.float32(lam)
    one = np.float32(1.0)
    loss, g, p = logistic_loss_grad_numba(x, y, w, lam)
    gnorm = np.sqrt(np.sum(g * g))
    it = 0
    while gnorm > tol and it < max_iter:
        d = p * (one - p) / np.float32(len(y))
        s = np.zeros_like(w)
        r = -g
        q = r
        rr = np.sum(r * r)
        j = 0
        while np.sqrt(rr) > np.float32(0.1) * gnorm and j < 50:
            hq = x.T @ (d * (x @ q)) + lam * q
            alpha = rr / np.sum(q * hq)
            s = s + alpha * q
            r = r - alpha * hq
            rr_new = np.sum(r * r)
            q = r + (rr_new / rr) * q
            rr = rr_new
            j += 1
        t = one
        slope = np.sum(g * s)
        new_loss, new_g, new_p = logistic_loss_grad_numba(x, y, w + t * s, lam)
        while new_loss > loss + np.float32(1e-4) * t * slope and t > 1e-4:
            t = t * np.float32(0.5)
            new_loss, new_g, new_p = logistic_loss_grad_numba(x, y, w + t * s, lam)
        w = w + t * s
        loss, g, p = new_loss, new_g, new_p
        gnorm = np.sqrt(np.sum(g * g))
        it += 1
    return w, loss


def newton_cg_inputs(rng, rows, cols):
    x = rng.standard_normal((rows, cols), dtype=np.float32)
    w_true = rng.standard_normal(cols, dtype=np.float32)
    y = (x @ w_true + rng.standard_normal(rows, dtype=np.float32) > 0).astype(np.float32)
    return x, y, np.zeros(cols, np.float32), 1e-2, 1e-4, 50


WORKLOADS = [
    Workload("beam_search", "beam search: top-k by argmax rounds every step",
             beam_search, beam_search_inputs,
             {"check": dict(vocab=10, steps=3, k=3),
              "quick": dict(vocab=256, steps=32, k=4),
              "full": dict(vocab=1024, steps=128, k=8)},
             torch_fn="beam_search", numba_fn=beam_search_numba,
             numba_note="rewrite: arrays filled in place (no np.stack of a list in numba)"),
    Workload("newton_cg", "Newton-CG optimisation with line search (nested whiles)",
             newton_cg, newton_cg_inputs,
             {"check": dict(rows=30, cols=4), "quick": dict(rows=2048, cols=64),
              "full": dict(rows=8192, cols=256)},
             torch_fn="newton_cg", numba_fn=newton_cg_numba,
             numba_note="rewrite: float32 casts of scalars (numba promotes to float64)",
             rtol=1e-3, atol=1e-3),
]
