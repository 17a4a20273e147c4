"""torch rewrites of the workloads (torch cannot run numpy code).

Each function is the workload's algorithm in torch ops, written the way a torch user
would (library ops such as torch.softmax and F.gelu where torch has them), and typed so
that torch.jit.script accepts it: the same function is timed eagerly and scripted.
0-d array arguments arrive as Python numbers (see bench/systems.py). Imported only by
the torch workers, so the other processes never pay for importing torch.
"""

from typing import Tuple

import torch
import torch.nn.functional as F
from torch import Tensor


def mlp(x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor, w3: Tensor,
        b3: Tensor) -> Tensor:
    h = torch.relu(x @ w1 + b1)
    h = torch.relu(h @ w2 + b2)
    return torch.softmax(h @ w3 + b3, dim=-1)


def small_cnn(x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor, wf: Tensor,
              bf: Tensor) -> Tensor:
    h = F.max_pool2d(torch.relu(F.conv2d(x, w1, b1, padding=1)), 2)
    h = F.max_pool2d(torch.relu(F.conv2d(h, w2, b2, padding=1)), 2)
    return h.reshape(h.shape[0], -1) @ wf + bf


def matmul_chain(a: Tensor, b: Tensor, c: Tensor, d: Tensor) -> Tensor:
    return a @ b @ c @ d


def normal_matvec(a: Tensor, x: Tensor) -> Tensor:
    return a.t() @ (a @ x)


def matvec(a: Tensor, x: Tensor) -> Tensor:
    return a @ x


def gelu(x: Tensor) -> Tensor:
    return F.gelu(x, approximate="tanh")


def softmax(x: Tensor) -> Tensor:
    return torch.softmax(x, dim=-1)


def layernorm(x: Tensor, gamma: Tensor, beta: Tensor) -> Tensor:
    return F.layer_norm(x, [x.shape[-1]], gamma, beta, 1e-5)


def rnn(xs: Tensor, h: Tensor, wx: Tensor, wh: Tensor, b: Tensor) -> Tensor:
    for t in range(xs.shape[0]):
        h = torch.tanh(xs[t] @ wx + h @ wh + b)
    return h


def power_iteration(a: Tensor, v: Tensor, tol: float,
                    max_iter: int) -> Tuple[Tensor, Tensor]:
    delta = tol + 1.0
    it = 0
    lam = torch.zeros((), dtype=a.dtype)
    while delta > tol and it < max_iter:
        w = a @ v
        lam = torch.dot(v, w)
        w = w / torch.sqrt(torch.sum(w * w))
        delta = float(torch.max(torch.abs(w - v)))
        v = w
        it += 1
    return lam, v


def adaptive_descent(x: Tensor, y: Tensor, w: Tensor, lr: float,
                     steps: int) -> Tuple[Tensor, Tensor]:
    loss = torch.mean((x @ w - y) ** 2)
    for _ in range(steps):
        g = x.t() @ (x @ w - y) * (2.0 / y.shape[0])
        w_new = w - lr * g
        new_loss = torch.mean((x @ w_new - y) ** 2)
        if bool(new_loss < loss):
            w = w_new
            loss = new_loss
            lr = lr * 1.2
        else:
            lr = lr * 0.5
    return w, loss


def nbody(pos: Tensor, vel: Tensor, mass: Tensor, steps: int) -> Tuple[Tensor, Tensor]:
    for _ in range(steps):
        d = pos[None, :, :] - pos[:, None, :]
        r2 = torch.sum(d * d, dim=-1) + 0.01
        inv = mass[None, :] / (r2 * torch.sqrt(r2))
        acc = torch.sum(d * inv[:, :, None], dim=1)
        vel = vel + 0.001 * acc
        pos = pos + 0.001 * vel
    return pos, vel


def beam_search(logp: Tensor, start: int, steps: int, k: int) -> Tuple[Tensor, Tensor]:
    vocab = logp.shape[0]
    scores = torch.full([k], -1e9, dtype=torch.float32)
    scores[0] = 0.0
    tokens = torch.full([k], start, dtype=torch.int64)
    for _ in range(steps):
        cand = (scores[:, None] + logp[tokens]).reshape(-1)
        scores, idx = torch.topk(cand, k)
        tokens = idx % vocab
    return scores, tokens


def logistic_loss_grad(x: Tensor, y: Tensor, w: Tensor,
                       lam: float) -> Tuple[Tensor, Tensor, Tensor]:
    z = x @ w
    loss = (torch.mean(torch.relu(z) + torch.log1p(torch.exp(-torch.abs(z))) - y * z)
            + 0.5 * lam * torch.sum(w * w))
    p = torch.sigmoid(z)
    grad = x.t() @ (p - y) / y.shape[0] + lam * w
    return loss, grad, p


def newton_cg(x: Tensor, y: Tensor, w: Tensor, lam: float, tol: float,
              max_iter: int) -> Tuple[Tensor, Tensor]:
    loss, g, p = logistic_loss_grad(x, y, w, lam)
    gnorm = float(torch.sqrt(torch.sum(g * g)))
    it = 0
    while gnorm > tol and it < max_iter:
        d = p * (1.0 - p) / y.shape[0]
        s = torch.zeros_like(w)
        r = -g
        q = r
        rr = float(torch.sum(r * r))
        j = 0
        while rr ** 0.5 > 0.1 * gnorm and j < 50:
            hq = x.t() @ (d * (x @ q)) + lam * q
            alpha = rr / float(torch.sum(q * hq))
            s = s + alpha * q
            r = r - alpha * hq
            rr_new = float(torch.sum(r * r))
            q = r + (rr_new / rr) * q
            rr = rr_new
            j += 1
        t = 1.0
        slope = float(torch.sum(g * s))
        new_loss, new_g, new_p = logistic_loss_grad(x, y, w + t * s, lam)
        while float(new_loss) > float(loss) + 1e-4 * t * slope and t > 1e-4:
            t = t * 0.5
            new_loss, new_g, new_p = logistic_loss_grad(x, y, w + t * s, lam)
        w = w + t * s
        loss, g, p = new_loss, new_g, new_p
        gnorm = float(torch.sqrt(torch.sum(g * g)))
        it += 1
    return w, loss


def collatz(limit: int) -> int:
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


def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)
