"""One MLP training epoch, manual backprop (helpers.nn.MLP) against PyTorch's CPU autograd (measurement 4)."""

from __future__ import annotations

import itertools

import numpy as np
from harness import Comparison, Config, Section, assert_close, blas_threads, interleaved, limited, md_table

from helpers.nn import MLP, cross_entropy

SIZES = [784, 256, 10]
N = 10_000
BATCH = 128
LR = 0.05
TARGET = 1.5
TITLE = "4. MLP training epoch, 784-256-10 ReLU, batch 128, 10 000 samples, float64: helpers.nn.MLP vs PyTorch"


def make_data(seed: int = 5):
    """Seeded synthetic classification data: Gaussian inputs, labels from a random linear teacher."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N, SIZES[0]))
    teacher = rng.normal(size=(SIZES[0], SIZES[-1]))
    y = (X @ teacher + rng.normal(scale=5.0, size=(N, SIZES[-1]))).argmax(axis=1)
    return X, y


def mlp_vs_torch(cfg: Config) -> Section:
    try:
        import torch
    except ImportError:
        msg = (
            "SKIPPED: PyTorch is not installed (benchmark-only). Install the CPU build on this machine with "
            "`.venv/bin/pip install -r benchmarks/requirements.txt` (torch==2.13.0)."
        )
        print(f"\n== {TITLE}\n  {msg}", flush=True)
        return Section(TITLE, skipped=msg)
    import torch.nn.functional as F

    sec = Section(TITLE)
    print(f"\n== {TITLE}", flush=True)
    X, y = make_data()
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)

    def torch_params(net: MLP):
        return [(torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True)) for W, b in net.params]

    def torch_logits(params, Xb):
        H = Xb
        for i, (W, b) in enumerate(params):
            Z = H @ W + b
            H = torch.relu(Z) if i < len(params) - 1 else Z
        return Z

    def helpers_epoch(net: MLP, perm: np.ndarray) -> None:
        # The lecture's loop with the public API: forward, backward, step, batch after batch.
        for lo in range(0, N, BATCH):
            rows = perm[lo : lo + BATCH]
            Xb, yb = X[rows], y[rows]
            _, cache = net.forward(Xb)
            net.step(net.backward(cache, yb), LR)

    def torch_epoch(params, opt, perm: np.ndarray) -> None:
        p = torch.from_numpy(perm)
        for lo in range(0, N, BATCH):
            rows = p[lo : lo + BATCH]
            loss = F.cross_entropy(torch_logits(params, Xt[rows]), yt[rows])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()

    def torch_evaluate(params):
        with torch.no_grad():
            logits = torch_logits(params, Xt)
            return float(F.cross_entropy(logits, yt)), float((logits.argmax(1) == yt).double().mean())

    # --- same numbers first: one step on one batch, then one whole epoch ---
    net = MLP(SIZES, "relu", seed=0)
    params = torch_params(net)
    Xb, yb = X[:BATCH], y[:BATCH]
    logits, cache = net.forward(Xb)
    grads = net.backward(cache, yb)
    loss_t = F.cross_entropy(torch_logits(params, Xt[:BATCH]), yt[:BATCH])
    loss_t.backward()
    diffs = [assert_close("loss on one batch", cross_entropy(logits, yb), loss_t.item(), 1e-12)]
    for i, ((dW, db), (W, b)) in enumerate(zip(grads, params)):
        diffs.append(assert_close(f"∂L/∂W{i}", dW, W.grad.numpy(), 1e-10))
        diffs.append(assert_close(f"∂L/∂b{i}", db, b.grad.numpy(), 1e-10))
    net.step(grads, LR)
    with torch.no_grad():
        for W, b in params:
            W -= LR * W.grad
            b -= LR * b.grad
    for i, ((W, _), (Wt, _)) in enumerate(zip(net.params, params)):
        diffs.append(assert_close(f"W{i} after one step", W, Wt.detach().numpy(), 1e-12))
    perm0 = np.random.default_rng(0).permutation(N)
    net = MLP(SIZES, "relu", seed=0)
    params = torch_params(net)
    helpers_epoch(net, perm0)
    torch_epoch(params, torch.optim.SGD([t for pair in params for t in pair], lr=LR), perm0)
    for i, ((W, _), (Wt, _)) in enumerate(zip(net.params, params)):
        diffs.append(assert_close(f"W{i} after one epoch ({-(-N // BATCH)} steps)", W, Wt.detach().numpy(), 1e-9))
    check = f"max rel. Δ (loss, gradients, weights after 1 step and 1 epoch): {max(diffs):.1e}"

    # --- timing: both sides start from the same weights and see the same permutations in the same order ---
    perms = [np.random.default_rng(s).permutation(N) for s in range(8)]

    def loop_pair():
        net = MLP(SIZES, "relu", seed=0)
        params = torch_params(net)
        opt = torch.optim.SGD([t for pair in params for t in pair], lr=LR)
        hp, tp = itertools.cycle(perms), itertools.cycle(perms)
        return (lambda: helpers_epoch(net, next(hp))), (lambda: torch_epoch(params, opt, next(tp)))

    def train_pair():
        net = MLP(SIZES, "relu", seed=0)
        params = torch_params(net)
        opt = torch.optim.SGD([t for pair in params for t in pair], lr=LR)
        seeds_h, seeds_t = itertools.count(), itertools.count()

        def torch_train_epoch() -> None:
            # What MLP.train(epochs=1) does: loss and accuracy on all data, an epoch in a seeded order, again.
            torch_evaluate(params)
            torch_epoch(params, opt, np.random.default_rng(next(seeds_t)).permutation(N))
            torch_evaluate(params)

        return (lambda: net.train(X, y, lr=LR, epochs=1, batch_size=BATCH, seed=next(seeds_h))), torch_train_epoch

    saved_threads = torch.get_num_threads()
    thread_rows = []
    for setting in cfg.settings:
        with limited(setting):
            threads = blas_threads() or saved_threads
            torch.set_num_threads(threads)
            a, b = interleaved(*loop_pair(), repeats=cfg.repeats, min_time=cfg.min_time)
            loop = Comparison(
                f"MLP epoch (forward/backward/step loop) vs PyTorch, {threads} thread(s) each",
                "helpers.nn.MLP: forward, backward, step per batch",
                "torch autograd: same layers, F.cross_entropy, loss.backward(), optim.SGD",
                setting.label,
                a,
                b,
                TARGET,
                check,
            )
            print(loop.line(), flush=True)

            a, b = interleaved(*train_pair(), repeats=cfg.repeats, min_time=cfg.min_time)
            train = Comparison(
                f"MLP.train(epochs=1) vs PyTorch epoch + loss/accuracy before and after, {threads} thread(s)",
                "helpers.nn.MLP.train(epochs=1, batch_size=128)",
                "torch: evaluate, epoch, evaluate",
                setting.label,
                a,
                b,
                TARGET,
                check,
            )
            print(train.line(), flush=True)
            sec.comparisons += [loop, train]
            thread_rows.append(
                [
                    setting.label,
                    str(threads),
                    str(torch.get_num_threads()),
                    loop.wall_ratio.ratio_text(),
                    train.wall_ratio.ratio_text(),
                ]
            )
    torch.set_num_threads(saved_threads)
    sec.markdown = [
        f"Seeded synthetic data ({N:,} × 784 Gaussian inputs, 10 classes from a random linear teacher), float64 on "
        f"both sides, the helpers' He initialisation copied into PyTorch tensors, plain SGD with lr = {LR}, the "
        "same permutations in the same order. PyTorch runs as a learner would write it: `H @ W + b`, `torch.relu`, "
        "`F.cross_entropy`, `loss.backward()`, `torch.optim.SGD`. PyTorch's intra-op threads are set with "
        "`torch.set_num_threads` to the number of threads NumPy's BLAS uses in the same setting. Before timing "
        f"({check}) the loss, every gradient, and the weights after one step and after one whole epoch were "
        "checked equal.",
        "",
        *md_table(
            ["setting", "NumPy BLAS threads", "torch threads", "loop: helpers / torch", "train(): helpers / torch"],
            thread_rows,
        ),
    ]
    return sec
