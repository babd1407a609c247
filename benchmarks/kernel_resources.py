"""Memory and CPU of one student's kernel per notebook: the figures of docs/instructors.md's sizing guide.

Each notebook runs top to bottom in a fresh kernel (as a student's Run All does), on a copy in a
temporary folder; then the kernel process's peak resident memory (VmHWM), its memory at the end (what an
idle kernel keeps until it is culled) and its CPU seconds are read from /proc (Linux only).

Usage: .venv/bin/python benchmarks/kernel_resources.py [--threads N] [--commit REF] [--keep-going] [--markdown] [NOTEBOOK ...]

--commit runs the notebooks of a commit (e.g. HEAD) with that commit's helpers/ (a `git archive` copy,
which the notebooks' setup cell puts first on the path), not the working tree while it is being edited.
--markdown also prints the rows of the sizing table in docs/instructors.md, in its format.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
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


def _short(ref: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", ref], capture_output=True, text=True).stdout.strip()  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=None, help="set OMP/OPENBLAS threads for the kernels")
    parser.add_argument("--commit", default=None, help="measure this commit's notebooks and helpers (e.g. HEAD)")
    parser.add_argument("--keep-going", action="store_true", help="report a notebook that fails and go on")
    parser.add_argument("notebooks", nargs="*", help="only these, e.g. 04_linear_regression.ipynb (default: all)")
    parser.add_argument("--markdown", action="store_true", help="also print the rows of docs/instructors.md's table")
    args = parser.parse_args(argv)
    if args.threads is not None and args.threads < 1:
        parser.error(f"--threads must be at least 1, got {args.threads}")
    if args.threads:
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    os.environ.pop("MPLBACKEND", None)  # a student's kernel draws inline
    from nbclient.exceptions import CellExecutionError

    rows, failed = [], []
    with tempfile.TemporaryDirectory(prefix="kernel-resources-") as tmp:
        work = Path(tmp) / "notebooks"
        if args.commit:
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", "--format=tar", args.commit], capture_output=True
            )
            if archive.returncode != 0:
                parser.error(f"--commit must name a commit of this repository, got {args.commit!r}: {archive.stderr.decode().strip()}")  # fmt: skip
            subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
            print(f"notebooks and helpers of {args.commit} ({_short(args.commit)})", flush=True)
        else:
            shutil.copytree(ROOT / "notebooks", work)
        paths = sorted(work.glob("*.ipynb"))
        unknown = set(args.notebooks) - {p.name for p in paths}
        if unknown:
            parser.error(f"no such notebook: {', '.join(sorted(unknown))} (the course has {', '.join(p.name for p in paths)})")  # fmt: skip
        for path in [p for p in paths if not args.notebooks or p.name in args.notebooks]:
            try:
                r = measure(path)
            except CellExecutionError as e:
                if not args.keep_going:
                    raise
                failed.append(path.name)
                print(f"{path.name:<32} FAILED: {str(e).strip().splitlines()[-1][:200]}", flush=True)
                continue
            rows.append((path.name, r))
            print(
                f"{path.name:<32} run {r['seconds']:5.1f} s  cpu {r['cpu']:5.1f} s  "
                f"peak {r['peak_mb']:6.0f} MiB  after {r['idle_mb']:6.0f} MiB",
                flush=True,
            )
    if args.markdown:
        for name, r in rows:
            print(f"| {name.removesuffix('.ipynb').replace('_', ' ')} | {r['cpu']:.1f} s | {r['peak_mb']:.0f} MiB | {r['idle_mb']:.0f} MiB |")  # fmt: skip
    total_idle = sum(r["idle_mb"] for _, r in rows)
    print(f"all {len(rows)} kernels left running: {total_idle:.0f} MiB; largest single kernel peak "
          f"{max(r['peak_mb'] for _, r in rows):.0f} MiB; CPU for all {len(rows)}: {sum(r['cpu'] for _, r in rows):.0f} s")  # fmt: skip
    if failed:
        print(f"FAILED, not measured: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
