"""Each notebook's Run All time in a fresh kernel, and the explorers' update latency (measurement 6).

Notebooks run from copies in a temporary folder, with tools/execute_notebooks.py's ``execute``
(a fresh kernel each, as ``make notebooks`` does): the stored notebooks are never rewritten.
The explorer table comes from benchmarks/explorers.py, run as a subprocess.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import Config, Section, md_table

ROOT = Path(__file__).resolve().parents[1]
TITLE_NB = "6a. Notebooks: Run All in a fresh kernel"
TITLE_EX = "6b. Explorers: slider update latency (benchmarks/explorers.py)"


def _executor():
    """tools/execute_notebooks.py's ``execute(path) -> seconds``, or the same thing with nbclient directly."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from execute_notebooks import execute

        return execute
    except ImportError:
        import nbformat
        from nbclient import NotebookClient

        def execute(path: Path) -> float:
            nb = nbformat.read(path, as_version=4)
            client = NotebookClient(
                nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
            )
            client.widget_registry = {}
            start = time.perf_counter()
            client.execute()
            return time.perf_counter() - start

        return execute
    finally:
        sys.path.remove(str(ROOT / "tools"))


@contextlib.contextmanager
def kernel_stderr_to(path: Path):
    """Send this process's (and so the kernels') stderr to a file: each kernel warns about TCP on start."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "w") as f:
        os.dup2(f.fileno(), 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def notebooks(cfg: Config) -> Section:
    try:
        import nbformat
    except ImportError:
        msg = "SKIPPED: nbclient/nbformat are not installed (they come with requirements-test.txt)."
        print(f"\n== {TITLE_NB}\n  {msg}", flush=True)
        return Section(TITLE_NB, skipped=msg)
    sec = Section(TITLE_NB)
    print(f"\n== {TITLE_NB}", flush=True)
    execute = _executor()
    sources = sorted((ROOT / "notebooks").glob("*.ipynb"))
    rounds = 1 if cfg.quick else 2
    times: dict[str, list[float]] = {}
    env_backend = os.environ.get("MPLBACKEND")
    os.environ.pop("MPLBACKEND", None)  # make bench sets Agg; a kernel left alone draws inline, as for a learner
    try:
        with tempfile.TemporaryDirectory(prefix="bench-notebooks-") as tmp:
            log = Path(tmp) / "kernels.log"
            for r in range(rounds):
                work = Path(tmp) / f"round{r}"
                shutil.copytree(ROOT / "notebooks", work)
                empty = work / "00_kernel_start_only.ipynb"
                nb = nbformat.v4.new_notebook()
                nb.cells = [nbformat.v4.new_code_cell("pass")]
                nbformat.write(nb, empty)
                order = [empty] + [work / p.name for p in sources]
                if r % 2:
                    order = order[:1] + order[:0:-1]  # alternate the order between rounds
                for path in order:
                    try:
                        with kernel_stderr_to(log):
                            seconds = execute(path)
                    except Exception:
                        print(log.read_text()[-3000:], file=sys.stderr)
                        raise
                    times.setdefault(path.name, []).append(seconds)
                    print(f"  round {r + 1}/{rounds}: {path.name:<32} {seconds:6.2f} s", flush=True)
    finally:
        if env_backend is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = env_backend

    base = statistics.median(times.pop("00_kernel_start_only.ipynb"))
    rows, total = [], 0.0
    for name, ts in times.items():
        med = statistics.median(ts)
        total += med
        rows.append([name, f"{med:.2f} s", f"{min(ts):.2f}–{max(ts):.2f} s", f"{med - base:.2f} s"])
    rows.append(["**all nine**", f"**{total:.1f} s**", "", f"{total - base * len(times):.1f} s"])
    sec.markdown = [
        f"Wall time of `client.execute()` in tools/execute_notebooks.py (kernel start included), on copies in a "
        f"temporary folder, {rounds} round(s), median and range. A notebook with one `pass` cell takes "
        f"{base:.2f} s (starting the kernel and connecting); the last column subtracts it.",
        "",
        *md_table(["notebook", "Run All (median)", "range", "minus kernel start"], rows),
    ]
    print(f"  kernel start alone: {base:.2f} s; all nine notebooks: {total:.1f} s (median of {rounds})", flush=True)
    slowest = max(times, key=lambda k: statistics.median(times[k]))
    sec.headlines.append(
        f"Notebooks: Run All of all nine in fresh kernels takes {total:.0f} s (median of {rounds} rounds; "
        f"kernel start {base:.1f} s each; slowest {slowest}, {statistics.median(times[slowest]):.1f} s)."
    )
    return sec


def explorers(cfg: Config) -> Section:
    sec = Section(TITLE_EX)
    print(f"\n== {TITLE_EX}", flush=True)
    script = ROOT / "benchmarks" / "explorers.py"
    if not script.exists():
        sec.skipped = "SKIPPED: benchmarks/explorers.py is missing."
        print(f"  {sec.skipped}", flush=True)
        return sec
    values = 20 if cfg.quick else 50  # the explorers issue asks for at least 50 slider values
    cmd = [sys.executable, str(script), "--values", str(values)]
    env = dict(os.environ, MPLBACKEND="Agg")
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    seconds = time.perf_counter() - start
    out = proc.stdout
    lines = out.splitlines()
    head = next((i for i, line in enumerate(lines) if line.startswith("explorer ")), None)
    table = lines[head:] if head is not None else lines
    notes = [line.strip() for line in lines[: head or 0] if line.startswith("  ")]
    print("\n".join(table), flush=True)
    if proc.returncode not in (0, 1):
        print(proc.stderr[-3000:], file=sys.stderr)
        sec.skipped = f"FAILED: benchmarks/explorers.py exited with {proc.returncode}; see the console output."
    verdict = "every explorer met its targets" if proc.returncode == 0 else "some explorer MISSED a target"
    ratios = [float(line.split()[5]) for line in table[1:] if len(line.split()) > 6 and line.split()[1].isdigit()]
    if ratios:
        sec.headlines.append(
            f"Explorers: {verdict} (median update / naive rebuild {min(ratios):.2f}–{max(ratios):.2f}×, "
            f"{len(ratios)} explorers; benchmarks/explorers.py)."
        )
    sec.markdown = [
        f"`MPLBACKEND=Agg {Path(sys.executable).name} benchmarks/explorers.py --values {values}` "
        f"(collected as is; {seconds:.0f} s; exit code {proc.returncode}: {verdict}).",
        "",
        "```text",
        *notes,
        *table,
        "```",
    ]
    return sec


TITLE_BROWSER = "6c. Explorers in the browser: key press → new figure (benchmarks/browser_latency.py)"


def browser(cfg: Config) -> Section:
    """benchmarks/browser_latency.py (JupyterLab + headless chromium), collected as is."""
    sec = Section(TITLE_BROWSER)
    print(f"\n== {TITLE_BROWSER}", flush=True)
    presses = 10 if cfg.quick else 30
    cmd = [sys.executable, str(ROOT / "benchmarks" / "browser_latency.py"), "--presses", str(presses)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - start
    table = [line for line in proc.stdout.splitlines() if line.strip()]
    print("\n".join(table), flush=True)
    if proc.returncode == 2:
        sec.skipped = table[-1] if table else "SKIPPED: no browser"
        return sec
    if proc.returncode not in (0, 1):
        print(proc.stderr[-3000:], file=sys.stderr)
        sec.skipped = f"FAILED: benchmarks/browser_latency.py exited with {proc.returncode}; see the console output."
        return sec
    verdict = "every explorer met its target" if proc.returncode == 0 else "some explorer MISSED its target"
    sec.headlines.append(
        f"Explorers in the browser: {verdict} (benchmarks/browser_latency.py, {presses} presses each, both editions)."
    )
    sec.markdown = [
        f"`{Path(sys.executable).name} benchmarks/browser_latency.py --presses {presses}` "
        f"(collected as is; {seconds:.0f} s; exit code {proc.returncode}: {verdict}).",
        "",
        "```text",
        *table,
        "```",
    ]
    return sec
