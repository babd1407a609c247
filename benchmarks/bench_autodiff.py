"""The scalar autodiff engine helpers.autodiff.Value against the micrograd package (measurement 5).

The same graph is built in both engines from the operations both have (micrograd 0.1.0 has +, *,
** with a constant exponent, relu, and -, / built from them; no tanh, exp or log): a small MLP on a
few points, and a seeded random expression DAG. Subtraction is written as ``a + (-c)`` with a
constant c, so both engines build exactly the same nodes (micrograd's ``a - b`` is three nodes,
the helpers' one).
"""

from __future__ import annotations

import gc
import inspect
import math
import numbers
import random
import statistics
import sys
import time
from collections import Counter

from harness import Comparison, Config, Section, assert_close, interleaved, md_table, time_many

import helpers.autodiff as autodiff
import helpers.validation as validation
from helpers.autodiff import Value as HelpersValue
from helpers.autodiff import _topological_order
from helpers.validation import check_real

TARGET = 1.0
TITLE = "5. Scalar autodiff, forward + backward: helpers.autodiff.Value vs micrograd"


def mlp_graph(V, sizes=(4, 16, 16, 1), points=8, seed=0):
    """(leaves, build): a ReLU MLP's squared error summed over a few points, as one scalar graph."""
    rnd = random.Random(seed)
    layers, leaves = [], []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        W = [[V(rnd.uniform(-1, 1)) for _ in range(fan_in)] for _ in range(fan_out)]
        b = [V(rnd.uniform(-0.1, 0.1)) for _ in range(fan_out)]
        layers.append((W, b))
        leaves += [w for row in W for w in row] + b
    xs = [[rnd.uniform(-2, 2) for _ in range(sizes[0])] for _ in range(points)]
    ts = [rnd.uniform(-1, 1) for _ in range(points)]

    def build():
        loss = None
        for x, t in zip(xs, ts):
            h = x
            for k, (W, b) in enumerate(layers):
                out = []
                for row, bias in zip(W, b):
                    s = bias
                    for w, xi in zip(row, h):
                        s = s + w * xi
                    out.append(s.relu() if k < len(layers) - 1 else s)
                h = out
            e = (h[0] + (-t)) ** 2
            loss = e if loss is None else loss + e
        return loss

    return leaves, build


def dag_graph(V, nodes=3000, inputs=50, seed=1):
    """(leaves, build): a seeded random DAG of +, *, **2, relu and constant scalings, values kept in [-1, 1]."""
    rnd = random.Random(seed)
    program = []
    for k in range(inputs, inputs + nodes):
        op = rnd.choice(("mean", "mul", "relu", "square", "scale"))
        program.append((op, rnd.randrange(max(0, k - 100), k), rnd.randrange(0, k), rnd.uniform(-1, 1)))
    leaves = [V(rnd.uniform(-1, 1)) for _ in range(inputs)]

    def build():
        vals = list(leaves)
        for op, i, j, c in program:
            a, b = vals[i], vals[j]
            if op == "mean":
                v = (a + b) * 0.5
            elif op == "mul":
                v = a * b
            elif op == "relu":
                v = a.relu()
            elif op == "square":
                v = a**2
            else:
                v = a * c
            vals.append(v)
        root = vals[-1]
        for v in vals[-200:-1]:
            root = root + v
        return root

    return leaves, build


def count_micrograd(root) -> int:
    seen, stack = set(), [root]
    while stack:
        v = stack.pop()
        if v in seen:
            continue
        seen.add(v)
        stack.extend(v._prev)
    return len(seen)


def op_costs(MicroValue, cfg: Config) -> list[list[str]]:
    """Nanoseconds per node for each operation in both engines, and for the helpers' checks inside them."""
    per = 2000
    h_a, h_b, m_a, m_b = HelpersValue(0.3), HelpersValue(0.7), MicroValue(0.3), MicroValue(0.7)
    x = 0.5
    ops = {
        "a * b": (lambda: [h_a * h_b for _ in range(per)], lambda: [m_a * m_b for _ in range(per)]),
        "a + b": (lambda: [h_a + h_b for _ in range(per)], lambda: [m_a + m_b for _ in range(per)]),
        "a * 0.5 (a constant operand)": (lambda: [h_a * x for _ in range(per)], lambda: [m_a * x for _ in range(per)]),
        "a ** 2": (lambda: [h_a**2 for _ in range(per)], lambda: [m_a**2 for _ in range(per)]),
        "a.relu()": (lambda: [h_a.relu() for _ in range(per)], lambda: [m_a.relu() for _ in range(per)]),
    }
    lines = {
        f"check_real on a float [{where(validation, 'def check_real')}]": lambda: [
            check_real("operand", x) for _ in range(per)
        ],
        "  of which isinstance(x, numbers.Real) (an ABC check)": lambda: [
            isinstance(x, numbers.Real) for _ in range(per)
        ],
        f"math.isfinite(data) in Value._node [{where(autodiff, 'if not math.isfinite(data)')}]": lambda: [
            math.isfinite(x) for _ in range(per)
        ],
        f"f'**{{k:g}}' op label in __pow__ [{where(autodiff, 'return Value._node(_power(x, k)')}]": lambda: [
            f"**{2.0:g}" for _ in range(per)
        ],
    }
    empty = lambda: [None for _ in range(per)]  # noqa: E731 - the list comprehension's own cost
    fns = {
        "empty": empty,
        **{f"h {k}": f for k, (f, _) in ops.items()},
        **{f"m {k}": g for k, (_, g) in ops.items()},
        **lines,
    }
    t = time_many(fns, repeats=max(3, cfg.repeats // 2), min_time=cfg.min_time / 2)
    base = t["empty"].cpu.median

    def ns(k):
        return max(t[k].cpu.median - base, 0.0) / per * 1e9

    rows = [[k, f"{ns('h ' + k):.0f}", f"{ns('m ' + k):.0f}", f"{ns('h ' + k) / ns('m ' + k):.2f}×"] for k in ops]
    rows += [[k, f"{ns(k):.0f}", "", ""] for k in lines]
    return rows


def where(module, snippet: str) -> str:
    lines, start = inspect.getsourcelines(module)
    for i, line in enumerate(lines):
        if snippet in line:
            return f"helpers/{module.__name__.split('.')[-1]}.py:{start + i}"
    return module.__name__


def measure_graph(name: str, make, MicroValue, cfg: Config):
    """Check that both engines build the same graph with the same gradients, then time them."""
    h_leaves, h_build = make(HelpersValue)
    m_leaves, m_build = make(MicroValue)

    def h_run():
        for p in h_leaves:
            p.grad = 0.0
        root = h_build()
        root.backward()
        return root

    def m_run():
        for p in m_leaves:
            p.grad = 0.0
        root = m_build()
        root.backward()
        return root

    h_root, m_root = h_run(), m_run()
    order = _topological_order(h_root)
    h_nodes, m_nodes = len(order), count_micrograd(m_root)
    assert h_nodes == m_nodes, f"{name}: the two graphs differ ({h_nodes} vs {m_nodes} nodes)"
    d_out = assert_close(f"{name}: output ({h_nodes} nodes in both)", h_root.data, m_root.data, 1e-12)
    d_grad = assert_close(
        f"{name}: gradients of the {len(h_leaves)} leaves", [p.grad for p in h_leaves], [p.grad for p in m_leaves], 1e-9
    )
    check = f"{h_nodes} nodes in both; max rel. Δ output {d_out:.1e}, gradients {d_grad:.1e}"
    ops = Counter(("**k" if n.op.startswith("**") else n.op) or "leaf" for n in order)
    constants = sum(1 for n in order if not n.op) - len(h_leaves)

    def cmp(label, timings, target=TARGET, setting="pure Python, compute only"):
        return Comparison(label, "helpers.autodiff.Value", "micrograd.engine.Value", setting, *timings, target, check)

    # Compute only: the collector is paused and every graph is kept until the sample ends, then freed
    # untimed, for both (micrograd's graphs are reference cycles that only the collector frees; the
    # helpers' would otherwise be freed by reference counting inside the timed region).
    keep: list = []

    def kept(fn):
        return lambda: keep.append(fn())

    timed = {"repeats": cfg.repeats, "min_time": cfg.min_time, "setup": keep.clear}
    both = cmp(f"autodiff forward+backward, {name}", interleaved(kept(h_run), kept(m_run), **timed))
    fwd = cmp(f"autodiff forward only (graph build), {name}", interleaved(kept(h_build), kept(m_build), **timed), None)
    bwd = cmp(
        f"autodiff backward only (built graph), {name}", interleaved(h_root.backward, m_root.backward, **timed), None
    )
    keep.clear()
    # A training loop: graphs are dropped as they go and the collector runs.
    loop_time = max(10 * both.b.wall.median, cfg.min_time)
    loop = cmp(
        f"autodiff forward+backward, training loop, {name}",
        interleaved(h_run, m_run, repeats=cfg.repeats, min_time=loop_time, gc_off=False),
        TARGET,
        "pure Python, GC on",
    )
    topo = time_many({"topo": lambda: _topological_order(h_root)}, repeats=cfg.repeats, min_time=cfg.min_time)
    frees = []
    for _ in range(cfg.repeats):
        graph = h_build()
        gc.collect()
        start = time.process_time()
        del graph
        frees.append(time.process_time() - start)
    for c in (both, fwd, bwd, loop):
        print(c.line(), flush=True)
    row = [
        name,
        str(h_nodes),
        ", ".join(f"{k} {v}" for k, v in sorted(ops.items())) + f" (of the leaves, {constants} constants)",
        both.wall_ratio.ratio_text(),
        fwd.wall_ratio.ratio_text(),
        bwd.wall_ratio.ratio_text(),
        loop.wall_ratio.ratio_text(),
    ]
    us, t_topo = 1e6, topo["topo"].cpu.median
    part = [
        name,
        f"{fwd.a.cpu.median * us:.0f} / {fwd.b.cpu.median * us:.0f}",
        f"{bwd.a.cpu.median * us:.0f} / {bwd.b.cpu.median * us:.0f}",
        f"{t_topo * us:.0f}",
        f"{(bwd.a.cpu.median - t_topo) * us:.0f}",
        f"{statistics.median(frees) * us:.0f}",
    ]
    headline = (
        f"Autodiff, {name} ({h_nodes} nodes), compute only: forward {fwd.judged.median:.2f}×, backward "
        f"{bwd.judged.median:.2f}× micrograd's; `_topological_order` alone takes {t_topo * us:.0f} µs of the "
        f"helpers' {bwd.a.cpu.median * us:.0f} µs backward (micrograd's whole backward: {bwd.b.cpu.median * us:.0f} µs)."
    )
    return [both, loop], row, part, headline


def autodiff_vs_micrograd(cfg: Config) -> Section:
    try:
        from micrograd.engine import Value as MicroValue
    except ImportError:
        msg = "SKIPPED: micrograd is not installed (benchmark-only): `.venv/bin/pip install -r benchmarks/requirements.txt`."
        print(f"\n== {TITLE}\n  {msg}", flush=True)
        return Section(TITLE, skipped=msg)

    sec = Section(TITLE)
    print(f"\n== {TITLE}", flush=True)
    # micrograd's backward sorts the graph by recursion, as deep as the graph's longest path.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 50_000))
    rows, parts = [], []
    graphs = (("MLP 4-16-16-1, ReLU, squared error on 8 points", mlp_graph), ("random DAG", dag_graph))
    for name, make in graphs:
        comparisons, row, part, headline = measure_graph(name, make, MicroValue, cfg)
        sec.comparisons += comparisons
        sec.headlines.append(headline)
        rows.append(row)
        parts.append(part)
    cost_rows = op_costs(MicroValue, cfg)
    sec.markdown = [
        "The same graph is built in both engines from the operations both have (micrograd 0.1.0 has +, *, ** with a "
        "constant exponent and relu; no tanh, exp or log), then `backward()` runs from the root; leaf gradients "
        "are zeroed before each pass. The node counts are asserted equal, and the output and every leaf's gradient "
        "were checked equal before timing. *Compute only* (the target row): the cyclic garbage collector is paused, "
        "as `timeit` does, and every graph is kept until the sample ends and freed outside the timed region, for "
        "both engines. *Training loop*: ≥ 10 passes in a row with the collector running and each graph dropped as "
        "the next is built, as in micrograd's own demo. There micrograd pays for its closures: each `_backward` "
        "closure refers to its own node, so every graph is a reference cycle that only the collector frees, and "
        "its collections walk the whole heap; the helpers' graphs are freed by reference counting (its cost is the "
        "last column of the second table).",
        "",
        *md_table(
            [
                "graph",
                "nodes",
                "operations",
                "compute only: forward+backward",
                "forward only",
                "backward only",
                "training loop, GC on",
            ],
            rows,
        ),
        "",
        "Where the time goes (median CPU µs per pass, helpers / micrograd; the helpers' backward split into "
        "`_topological_order` and the rest: zeroing interior gradients, the chain-rule loop and its "
        "`math.isfinite` check on every edge):",
        "",
        *md_table(
            [
                "graph",
                "forward µs",
                "backward µs",
                "helpers: topological order",
                "helpers: the rest of backward",
                "helpers: freeing the graph",
            ],
            parts,
        ),
        "",
        "Per node, by operation (ns, median CPU, loop overhead subtracted), and the cost of the checks the helpers "
        "make inside them:",
        "",
        *md_table(["operation", "helpers ns", "micrograd ns", "helpers / micrograd"], cost_rows),
    ]
    return sec
