"""Benchmarks against the tools a learner would otherwise use: NumPy, PyTorch, micrograd.

Every helper is first checked to give the same numbers as its reference (same loss, same
gradients, within a stated tolerance; a mismatch stops with an error), then both are timed side
by side in one run (interleaved A/B, several repeats) and the ratio helper / reference is reported
as its median and interquartile range, for NumPy's BLAS as configured and with BLAS limited to one
thread. The report goes to benchmarks/results/latest.md with the plot sgd_scaling.png.

Run from the repository root::

    make bench                                         # the full suite (what the README quotes)
    .venv/bin/python benchmarks/run_all.py --quick     # smaller sizes, fewer repeats (~2 min)
    .venv/bin/python benchmarks/run_all.py --only regression,mlp --threads 1

A quick or partial run writes its report to benchmarks/results/scratch/ (not committed), so the
committed report, and the figures block of benchmarks/README.md that a full run rewrites, always
come from a full run. Optional packages (torch, micrograd,
threadpoolctl: benchmarks/requirements.txt) that are missing skip their comparison with a message.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(ROOT))  # helpers, even when the package is not installed

from harness import Config, Section, environment, loadavg, md_table, settings  # noqa: E402

SECTIONS = ("regression", "sgd", "pinv", "autodiff", "mlp", "notebooks", "explorers", "browser")


def run_section(name: str, cfg: Config, out: Path) -> list[Section]:
    if name == "regression":
        from bench_regression import gd_step

        return [gd_step(cfg)]
    if name == "sgd":
        from bench_sgd import sgd_scaling

        return [sgd_scaling(cfg, out / "sgd_scaling.png")]
    if name == "pinv":
        from bench_regression import pinv_vs_gd

        return [pinv_vs_gd(cfg)]
    if name == "autodiff":
        from bench_autodiff import autodiff_vs_micrograd

        return [autodiff_vs_micrograd(cfg)]
    if name == "mlp":
        from bench_mlp import mlp_vs_torch

        return [mlp_vs_torch(cfg)]
    if name == "notebooks":
        from bench_notebooks import notebooks

        return [notebooks(cfg)]
    if name == "explorers":
        from bench_notebooks import explorers

        return [explorers(cfg)]
    if name == "browser":
        from bench_notebooks import browser

        return [browser(cfg)]
    raise ValueError(name)


def summary_rows(sections: list[Section]) -> list[list[str]]:
    rows = []
    for sec in sections:
        for c in sec.comparisons:
            w, p = c.wall_ratio, c.cpu_ratio
            rows.append(
                [
                    c.name,
                    c.setting,
                    w.ratio_text(),
                    f"{w.min:.2f}–{w.max:.2f}",
                    p.ratio_text(),
                    f"{p.min:.2f}–{p.max:.2f}",
                    str(len(w.values)),
                    f"≤ {c.target:g}× ({c.judged_on})" if c.target is not None else "—",
                    c.verdict() if c.target is None else f"**{c.verdict()}**",
                ]
            )
    return rows


def write_report(path: Path, sections, env, load_start, load_end, args, cfg, seconds, failures) -> None:
    mode = "quick" if cfg.quick else "full"
    lines = [
        "# Benchmark report",
        "",
        f"Generated {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} by "
        f"`{' '.join(['benchmarks/run_all.py', *sys.argv[1:]])}` ({mode} run: {cfg.repeats} repeats, samples of ≥ {cfg.min_time * 1e3:.0f} ms; "
        f"took {seconds / 60:.1f} min). Numbers depend on the machine and on its load: rerun with `make bench`.",
        "",
        "**How to read it.** Each ratio is *helper time / reference time*, measured side by side in alternating "
        "order (AB BA AB …), one ratio per repeat: median [interquartile range], and the min–max over repeats. "
        "*Wall* is the clock a learner waits on; *CPU* is this process's CPU time (all its threads; time the "
        "scheduler gave to other processes does not count, but spinning BLAS/OpenMP threads do). A target is "
        "judged on the median CPU ratio where the work runs on one thread (BLAS 1 thread, pure Python: robust "
        "to the machine's load) and on the median wall ratio where threads are involved (BLAS default). "
        "Below 1 the helper is faster. The helper and its reference were checked to give the same numbers "
        "before any timing (the *check* columns).",
        "",
    ]
    if failures:
        lines += ["## Failures", "", *[f"- {f}" for f in failures], ""]
    lines += [
        "## Summary",
        "",
        *md_table(
            [
                "comparison",
                "setting",
                "wall ratio",
                "wall min–max",
                "CPU ratio",
                "CPU min–max",
                "repeats",
                "target",
                "verdict",
            ],
            summary_rows(sections),
        ),
        "",
        *(
            [""] + [f"- {h}" for sec in sections for h in sec.headlines]
            if any(sec.headlines for sec in sections)
            else []
        ),
        "",
        "## Environment",
        "",
        *md_table(
            ["", ""],
            [[k, v] for k, v in env] + [["load average at start", load_start], ["load average at end", load_end]],
        ),
        "",
    ]
    for sec in sections:
        lines += [f"## {sec.title}", ""]
        if sec.skipped:
            lines += [sec.skipped, ""]
        if sec.comparisons:
            lines += [
                *md_table(
                    ["comparison", "setting", "helper (wall)", "reference (wall)", "wall ratio", "CPU ratio", "check"],
                    [
                        [
                            c.name,
                            c.setting,
                            c.a.wall.time_text(),
                            c.b.wall.time_text(),
                            c.wall_ratio.ratio_text(),
                            c.cpu_ratio.ratio_text(),
                            c.check,
                        ]
                        for c in sec.comparisons
                    ],
                ),
                "",
            ]
        lines += [*sec.markdown, ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip() + "\n")


README = HERE / "README.md"
START = "<!-- figures:start — written by benchmarks/run_all.py after a full run; edit the script, not this block -->"
END = "<!-- figures:end -->"


def update_readme(sections, env, load_start, load_end, seconds) -> bool:
    """Replace the figures block of benchmarks/README.md with this run's (full runs only)."""
    if not README.exists():
        return False
    text = README.read_text()
    if START not in text or END not in text:
        print(f"  {README.name} has no figures markers: not updated")
        return False
    cpu = dict(env).get("CPU", "?")
    rows = [
        [c.name, c.setting, f"{c.judged.ratio_text()} {c.judged_on}", f"≤ {c.target:g}×", f"**{c.verdict()}**"]
        for sec in sections
        for c in sec.comparisons
        if c.target is not None
    ]
    block = [
        START,
        "",
        f"Measured {dt.date.today():%Y-%m-%d} by `make bench` ({seconds / 60:.1f} min) on {cpu}, "
        f"{os.cpu_count()} cores, load average {load_start.split(' (')[0]} at the start and "
        f"{load_end.split(' (')[0]} at the end (1/5/15 min). Ratio = helper time / reference time: "
        "median [interquartile range] over the repeats. Full tables, spreads, the environment and the "
        "cost breakdowns: [results/latest.md](results/latest.md).",
        "",
        *md_table(["comparison", "setting", "ratio", "target", "verdict"], rows),
        "",
        *[f"- {h}" for sec in sections for h in sec.headlines],
        *[f"- {sec.title}: {sec.skipped}" for sec in sections if sec.skipped],
        "",
        END,
    ]
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    README.write_text(head + "\n".join(block) + tail)
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repeats (a smoke run, ~2 min)")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(SECTIONS)}")
    parser.add_argument(
        "--threads",
        choices=("both", "default", "1"),
        default="both",
        help="BLAS thread settings to measure (default: both)",
    )
    parser.add_argument("--repeats", type=int, help="repeats per comparison (default 9, quick 3)")
    parser.add_argument(
        "--out", type=Path, help="report folder (default benchmarks/results, or results/scratch for quick/partial runs)"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target is missed, not only when a check fails"
    )
    args = parser.parse_args(argv)

    chosen = SECTIONS if not args.only else tuple(s.strip() for s in args.only.split(",") if s.strip())
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    partial = args.quick or args.only or args.threads != "both" or args.repeats
    out = args.out or (HERE / "results" / "scratch" if partial else HERE / "results")
    cfg = Config(
        quick=args.quick,
        repeats=args.repeats or (3 if args.quick else 9),
        min_time=0.02 if args.quick else 0.05,
        settings=tuple(settings(args.threads)),
    )

    start = time.perf_counter()
    load_start = loadavg()
    env = environment()
    print("Benchmarks: helpers vs NumPy / PyTorch / micrograd" + (" (quick)" if cfg.quick else ""))
    for k, v in env:
        print(f"  {k}: {v}")
    print(f"  load average at start: {load_start}")
    print(
        f"  BLAS settings: {', '.join(s.label for s in cfg.settings)}; {cfg.repeats} repeats; report → {out}",
        flush=True,
    )

    sections, failures, durations = [], [], []
    for name in chosen:
        t0 = time.perf_counter()
        try:
            sections += run_section(name, cfg, out)
        except Exception as exc:  # noqa: BLE001 - report every failure, run the rest
            traceback.print_exc()
            kind = "CHECK FAILED" if isinstance(exc, AssertionError) else "ERROR"
            failures.append(f"{name}: {kind}: {exc}")
            print(f"  {name}: {kind}: {exc}", flush=True)
        durations.append((name, time.perf_counter() - t0))
        print(f"  [{name}: {durations[-1][1]:.0f} s]", flush=True)

    seconds = time.perf_counter() - start
    load_end = loadavg()
    report = out / "latest.md"
    env = env + [("time per section", ", ".join(f"{k} {v:.0f} s" for k, v in durations))]
    write_report(report, sections, env, load_start, load_end, args, cfg, seconds, failures)
    if not partial and not args.out and not failures and update_readme(sections, env, load_start, load_end, seconds):
        print(f"  updated the figures in {os.path.relpath(README)}")

    print("\n== Summary: helper / reference (median [IQR] over repeats)")
    print(f"{'comparison':<78} {'setting':<26} {'wall':>18} {'CPU':>18}  target")
    for sec in sections:
        if sec.skipped:
            print(f"{sec.title}: {sec.skipped}")
        for c in sec.comparisons:
            target = f"≤ {c.target:g}× ({c.judged_on}): {c.verdict()}" if c.target is not None else ""
            print(
                f"{c.name[:78]:<78} {c.setting:<26} {c.wall_ratio.ratio_text():>18} {c.cpu_ratio.ratio_text():>18}  {target}"
            )
    for f in failures:
        print(f"FAILED {f}")
    print(f"\nload average at end: {load_end}; took {seconds / 60:.1f} min; report: {os.path.relpath(report)}")
    missed = any(c.verdict() == "MISSED" for sec in sections for c in sec.comparisons)
    if failures:
        return 1
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
