"""Memory and CPU of one student's kernel per notebook: the figures of docs/instructors.md's sizing guide.

Each notebook runs top to bottom in a fresh kernel (as a student's Run All does), on a copy in a
temporary folder; then the kernel process's peak resident memory (VmHWM), its memory at the end (what an
idle kernel keeps until it is culled) and its CPU seconds are read from /proc (Linux only).

Usage: .venv/bin/python benchmarks/kernel_resources.py [--threads N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def measure(path: Path) -> dict:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.widget_registry = {}
    start = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        result = {
            "seconds": time.perf_counter() - start,
            "cpu": _cpu_seconds(pid),
            "peak_mb": _status_kb(pid, "VmHWM") / 1024,
            "idle_mb": _status_kb(pid, "VmRSS") / 1024,
        }
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=None, help="set OMP/OPENBLAS threads for the kernels")
    args = parser.parse_args(argv)
    if args.threads:
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    os.environ.pop("MPLBACKEND", None)  # a student's kernel draws inline
    rows = []
    with tempfile.TemporaryDirectory(prefix="kernel-resources-") as tmp:
        work = Path(tmp) / "notebooks"
        shutil.copytree(ROOT / "notebooks", work)
        for path in sorted(work.glob("*.ipynb")):
            r = measure(path)
            rows.append((path.name, r))
            print(
                f"{path.name:<32} run {r['seconds']:5.1f} s  cpu {r['cpu']:5.1f} s  "
                f"peak {r['peak_mb']:6.0f} MB  after {r['idle_mb']:6.0f} MB",
                flush=True,
            )
    total_idle = sum(r["idle_mb"] for _, r in rows)
    print(f"all nine kernels left running: {total_idle:.0f} MB; largest single kernel peak "
          f"{max(r['peak_mb'] for _, r in rows):.0f} MB; CPU for all nine {sum(r['cpu'] for _, r in rows):.0f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
