"""Shared timing, statistics, BLAS-thread and environment helpers for the benchmark suite.

Every comparison is an *interleaved A/B*: the subject (the course's helper) and the reference
(NumPy, PyTorch, micrograd) run in alternating order, AB BA AB …, one sample each per repeat, so
that a burst of load from other processes hits both sides alike. Each sample is long enough
(``min_time``) for the clock, and is timed twice: wall clock (``perf_counter``, what a learner
waits) and this process's CPU time (``process_time``, all threads; not counting time the
scheduler gave to other processes). As in ``timeit``, the cyclic garbage collector is paused
during a sample unless a benchmark asks otherwise. The ratio is computed per repeat, and its median, quartiles
and extremes are reported.
"""

from __future__ import annotations

import gc
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

try:
    import threadpoolctl
except ImportError:  # benchmark-only dependency: everything else still runs
    threadpoolctl = None


# --- statistics ----------------------------------------------------------------------------------


@dataclass
class Spread:
    """Median, quartiles and extremes of a few repeated measurements."""

    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def quantile(self, q: float) -> float:
        return float(np.percentile(self.values, 100 * q))

    @property
    def lo(self) -> float:
        return self.quantile(0.25)

    @property
    def hi(self) -> float:
        return self.quantile(0.75)

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def max(self) -> float:
        return max(self.values)

    def ratio_text(self) -> str:
        """``1.23× [1.20–1.31]``: median and interquartile range."""
        return f"{self.median:.2f}× [{self.lo:.2f}–{self.hi:.2f}]"

    def time_text(self) -> str:
        return f"{fmt_seconds(self.median)} [{fmt_seconds(self.lo)}–{fmt_seconds(self.hi)}]"


def fmt_seconds(s: float) -> str:
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e6:.1f} µs"


# --- timing --------------------------------------------------------------------------------------


def _sample(
    fn: Callable[[], object], number: int, gc_off: bool = True, setup: Callable | None = None
) -> tuple[float, float]:
    """Wall and CPU seconds per call of ``number`` back-to-back calls.

    The garbage left by earlier samples is collected first (untimed), so neither side pays for the
    other's. With ``gc_off`` (the default, timeit's and %timeit's convention) the cyclic garbage
    collector is also paused during the sample. ``setup`` runs first, untimed.
    """
    if setup is not None:
        setup()
    gc.collect()
    enabled = gc.isenabled()
    if gc_off:
        gc.disable()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(number):
            fn()
        return (time.perf_counter() - wall) / number, (time.process_time() - cpu) / number
    finally:
        if enabled:
            gc.enable()


def calibrate(fn: Callable[[], object], min_time: float, gc_off: bool = True, setup: Callable | None = None) -> int:
    """How many back-to-back calls make one sample of at least ``min_time`` seconds (after a warm-up call)."""
    once, _ = _sample(fn, 1, gc_off, setup)  # warm-up: caches, lazy imports, first-touch page faults
    if once < min_time:  # a long call needs no second look
        once, _ = _sample(fn, 1, gc_off, setup)
    return max(1, math.ceil(min_time / max(once, 1e-7)))


@dataclass
class Timing:
    """One side's wall and CPU time per call over the repeats."""

    wall: Spread
    cpu: Spread
    number: int


@dataclass
class Comparison:
    """An interleaved A/B measurement: subject time / reference time, per repeat."""

    name: str
    subject: str
    reference: str
    setting: str
    a: Timing
    b: Timing
    target: float | None = None
    check: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def single_threaded(self) -> bool:
        return "1 thread" in self.setting or "pure Python" in self.setting

    @property
    def judged(self) -> Spread:
        """The ratio a target is judged on: CPU time where the work runs on one thread (robust to the
        machine's load), wall time where threads are involved (CPU time would count spinning threads)."""
        return self.cpu_ratio if self.single_threaded else self.wall_ratio

    @property
    def judged_on(self) -> str:
        return "CPU" if self.single_threaded else "wall"

    @property
    def wall_ratio(self) -> Spread:
        return Spread([x / y for x, y in zip(self.a.wall.values, self.b.wall.values)])

    @property
    def cpu_ratio(self) -> Spread:
        return Spread([x / y for x, y in zip(self.a.cpu.values, self.b.cpu.values)])

    def verdict(self) -> str:
        """Met when the median of the judged per-repeat ratios is at most the target."""
        if self.target is None:
            return "—"
        return "met" if self.judged.median <= self.target else "MISSED"

    def line(self) -> str:
        target = f"  target ≤ {self.target:g}× ({self.judged_on}): {self.verdict()}" if self.target is not None else ""
        return (
            f"  {self.name} [{self.setting}]: wall {self.wall_ratio.ratio_text()}, "
            f"CPU {self.cpu_ratio.ratio_text()} "
            f"({fmt_seconds(self.a.wall.median)} vs {fmt_seconds(self.b.wall.median)}, n={len(self.a.wall.values)})"
            f"{target}"
        )


def interleaved(
    subject: Callable[[], object],
    reference: Callable[[], object],
    *,
    repeats: int,
    min_time: float,
    gc_off: bool = True,
    setup: Callable | None = None,
) -> tuple[Timing, Timing]:
    """Time ``subject`` and ``reference`` in alternating order, ``repeats`` samples each.

    ``setup`` runs untimed before every sample of either side (e.g. to free what the last one kept)."""
    n_a = calibrate(subject, min_time, gc_off, setup)
    n_b = calibrate(reference, min_time, gc_off, setup)
    aw, ac, bw, bc = [], [], [], []
    for i in range(repeats):
        if i % 2 == 0:
            w, c = _sample(subject, n_a, gc_off, setup)
            aw.append(w), ac.append(c)
            w, c = _sample(reference, n_b, gc_off, setup)
            bw.append(w), bc.append(c)
        else:
            w, c = _sample(reference, n_b, gc_off, setup)
            bw.append(w), bc.append(c)
            w, c = _sample(subject, n_a, gc_off, setup)
            aw.append(w), ac.append(c)
    return Timing(Spread(aw), Spread(ac), n_a), Timing(Spread(bw), Spread(bc), n_b)


def time_many(fns: dict[str, Callable[[], object]], *, repeats: int, min_time: float) -> dict[str, Timing]:
    """Time several functions round-robin (rotating the order each repeat), e.g. for a cost breakdown."""
    numbers = {k: calibrate(f, min_time) for k, f in fns.items()}
    walls: dict[str, list[float]] = {k: [] for k in fns}
    cpus: dict[str, list[float]] = {k: [] for k in fns}
    keys = list(fns)
    for i in range(repeats):
        shift = i % len(keys)
        for k in keys[shift:] + keys[:shift]:
            w, c = _sample(fns[k], numbers[k])
            walls[k].append(w)
            cpus[k].append(c)
    return {k: Timing(Spread(walls[k]), Spread(cpus[k]), numbers[k]) for k in keys}


def max_rel_diff(a, b) -> float:
    """max |a − b| / max(|b|), a scale-free difference that stays meaningful for entries near 0."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = float(np.abs(b).max()) or 1.0
    return float(np.abs(a - b).max()) / scale


def assert_close(what: str, a, b, rtol: float) -> float:
    """Assert that ``a`` matches the reference ``b`` to ``rtol`` (relative to b's largest entry); print it."""
    d = max_rel_diff(a, b)
    print(f"    check {what}: max |Δ| / max |ref| = {d:.2e} (tolerance {rtol:.0e})", flush=True)
    if not d <= rtol:
        raise AssertionError(
            f"{what}: the helper and the reference disagree (relative difference {d:.3e} > {rtol:.0e})"
        )
    return d


# --- BLAS threads ----------------------------------------------------------------------------------


def blas_info() -> list[dict]:
    if threadpoolctl is None:
        return []
    return [i for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]


def blas_threads() -> int | None:
    """The number of threads NumPy's BLAS uses now (None when threadpoolctl is missing)."""
    info = blas_info()
    return int(info[0]["num_threads"]) if info else None


@dataclass(frozen=True)
class Setting:
    """A BLAS thread setting: ``threads=None`` leaves BLAS as NumPy configured it."""

    threads: int | None

    @property
    def label(self) -> str:
        return (
            "BLAS default"
            if self.threads is None
            else f"BLAS {self.threads} thread" + ("s" if self.threads > 1 else "")
        )


@contextmanager
def limited(setting: Setting):
    """Limit NumPy's BLAS to ``setting.threads`` threads for the block (no-op for the default)."""
    if setting.threads is None or threadpoolctl is None:
        yield
        return
    with threadpoolctl.threadpool_limits(limits=setting.threads, user_api="blas"):
        yield


def settings(choice: str) -> list[Setting]:
    """``"both"`` → default and 1 thread; ``"default"``; ``"1"`` (needs threadpoolctl)."""
    wanted = {"both": [None, 1], "default": [None], "1": [1]}[choice]
    if 1 in wanted and threadpoolctl is None:
        print("threadpoolctl is not installed: BLAS threads cannot be limited; only the default setting is measured")
        print("  (install it with: .venv/bin/pip install -r benchmarks/requirements.txt)")
        wanted = [None]
    return [Setting(t) for t in wanted]


# --- environment -----------------------------------------------------------------------------------


def cpu_model() -> str:
    fields: dict[str, str] = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                fields.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    name = fields.get("model name") or platform.processor() or platform.machine()
    if "cpu family" in fields:
        name += f" (family {fields['cpu family']}, model {fields.get('model', '?')})"
    flags = fields.get("flags", "").split()
    simd = [f for f in ("avx2", "avx512f") if f in flags]
    return name + (f", {' '.join(simd)}" if simd else "")


def caches() -> str:
    """L2 and L3 sizes as the kernel reports them (per core for L2)."""
    out = []
    for index in sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*")):
        try:
            level = (index / "level").read_text().strip()
            kind = (index / "type").read_text().strip()
            size = (index / "size").read_text().strip()
        except OSError:
            continue
        if level in ("2", "3") and kind in ("Unified", "Data"):
            out.append(f"L{level} {size}")
    return ", ".join(out) or "unknown"


def version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def environment() -> list[tuple[str, str]]:
    """What the numbers depend on, as (key, value) rows."""
    rows = [
        ("CPU", cpu_model()),
        ("caches", caches()),
        ("cores", f"{os.cpu_count()} logical, {len(os.sched_getaffinity(0))} usable by this process"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})"),
        ("OS", platform.platform()),
        ("NumPy", np.__version__),
    ]
    info = blas_info()
    if info:
        for i in info:
            rows.append(
                (
                    "NumPy's BLAS",
                    f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')}, "
                    f"{i.get('threading_layer')}), {i.get('num_threads')} threads by default",
                )
            )
    else:
        rows.append(("NumPy's BLAS", _show_config_summary() + " (install threadpoolctl for thread counts)"))
    env = {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS") if k in os.environ}
    rows.append(("thread variables", ", ".join(f"{k}={v}" for k, v in env.items()) or "none set"))
    core = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    if core:
        rows.append(("OpenBLAS overrides (left as found)", ", ".join(f"{k}={v}" for k, v in core.items())))
    for dist in ("threadpoolctl", "torch", "micrograd", "nbclient", "matplotlib"):
        rows.append((dist, version(dist) or "not installed"))
    return rows


def _show_config_summary() -> str:
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]
        return f"{blas.get('name')} {blas.get('version')}"
    except Exception:  # noqa: BLE001 - older numpy: no dict mode
        return "unknown"


def loadavg() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min)"


# --- report helpers ------------------------------------------------------------------------------


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


@dataclass
class Section:
    """What one benchmark module hands back: its comparisons for the summary and its report text."""

    title: str
    comparisons: list[Comparison] = field(default_factory=list)
    markdown: list[str] = field(default_factory=list)
    skipped: str | None = None
    headlines: list[str] = field(default_factory=list)  # one-line findings for the README's figures


@dataclass(frozen=True)
class Config:
    """How hard to measure: ``quick`` shrinks sizes and repeats (for a smoke run, not for the README)."""

    quick: bool
    repeats: int
    min_time: float
    settings: tuple[Setting, ...]
