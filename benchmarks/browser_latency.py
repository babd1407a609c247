"""How long a learner waits, end to end: a key press on a slider → the new figure in the page.

JupyterLab and headless Chromium on this machine (tools/lab_server.py). Each notebook is opened and
run; then, for every explorer on the page, the main slider (the learning rate where there is one) gets
key presses, one at a time: each is timed in the page from the ``keydown`` event to the moment the
explorer's figure image changes (a MutationObserver), which includes the comm message to the kernel,
the recompute, the redraw, the PNG and its way back. Half the presses move right, half left, so the
slider stays inside its range. An explorer that trains on a button (08) is timed from the click to
the trained figure instead.

Run from the repository root (after ``make install``; ``make bench`` runs it too)::

    .venv/bin/python benchmarks/browser_latency.py                # every notebook, both editions, 20 presses
    .venv/bin/python benchmarks/browser_latency.py --only 03 --presses 40 --edition ko

Targets: p95 ≤ 100 ms for every slider explorer, median ≤ 0.5 s for a Train button. Exit code 1 when a
target is missed, 2 when the browser or Playwright is missing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from lab_server import CHROMIUM, JS_KERNEL_IDLE, chromium, lab_server, main_slider, open_and_run  # noqa: E402

SLIDER_P95_TARGET = 0.100
TRAIN_MEDIAN_TARGET = 0.5

# Arm a one-shot timer: t0 at the next keydown/click inside the explorer, t1 when its image changes.
JS_ARM = """([ex, event]) => {
  const out = ex.querySelector('.widget-output');
  const src = () => { const img = out.querySelector('img'); return img ? img.src : null; };
  const before = src();
  window.__latency = null;
  let t0 = null;
  const start = () => { t0 = performance.now(); };
  ex.addEventListener(event, start, {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (t0 !== null && src() !== before) {
      window.__latency = (performance.now() - t0) / 1000;
      observer.disconnect();
    }
  });
  observer.observe(out, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
}"""


@dataclass
class Row:
    notebook: str
    explorer: int
    control: str
    kind: str  # "slider" or "train"
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def verdict(self) -> str:
        ok = self.p95 <= SLIDER_P95_TARGET if self.kind == "slider" else self.median <= TRAIN_MEDIAN_TARGET
        return "ok" if ok else "MISSED"


def _timed(page, explorer, event: str, act, timeout: float = 30.0) -> float:
    page.wait_for_function(JS_KERNEL_IDLE, timeout=timeout * 1000)
    explorer.evaluate("(ex) => ex", None)  # the element is attached
    page.evaluate(JS_ARM, [explorer.element_handle(), event])
    act()
    page.wait_for_function("() => window.__latency !== null", timeout=timeout * 1000, polling="raf")
    seconds = page.evaluate("() => window.__latency")
    page.wait_for_function(JS_KERNEL_IDLE, timeout=timeout * 1000)
    time.sleep(0.15)  # let the last redraw finish before the next press, as a learner's pause would
    return seconds


def measure_notebook(browser, lab: str, path: Path, presses: int) -> list[Row]:
    from helpers.widgets.networks import tr  # the Train button speaks the notebook's edition

    name = path.relative_to(ROOT / "notebooks").as_posix()  # "05_convergence.ipynb" or "ko/05_convergence.ipynb"
    train = tr("Train", lang="ko" if path.parent.name == "ko" else "en")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    rows = []
    try:
        open_and_run(page, lab, name)
        explorers = page.locator(".course-explorer")
        for i in range(explorers.count()):
            ex = explorers.nth(i)
            ex.scroll_into_view_if_needed()
            button = ex.locator("button", has_text=train)
            if button.count():
                seconds = []
                for _ in range(max(3, presses // 5)):
                    slider = main_slider(ex)
                    slider.locator(".noUi-handle").first.focus()
                    page.keyboard.press("ArrowLeft" if len(seconds) % 2 else "ArrowRight")  # a changed setting
                    page.wait_for_function(JS_KERNEL_IDLE)
                    seconds.append(_timed(page, ex, "click", lambda b=button: b.first.click(), timeout=60))
                rows.append(Row(name.removesuffix(".ipynb"), i, train, "train", seconds))
                continue
            slider = main_slider(ex)
            label = slider.locator(".widget-label").first.inner_text()
            handle = slider.locator(".noUi-handle").first
            handle.focus()
            seconds = []
            for k in range(presses):
                key = "ArrowRight" if (k // max(1, presses // 4)) % 2 == 0 else "ArrowLeft"
                before = slider.locator(".widget-readout").inner_text()
                seconds.append(_timed(page, ex, "keydown", lambda key=key: page.keyboard.press(key)))
                if slider.locator(".widget-readout").inner_text() == before:  # at an end of the range
                    seconds.pop()
            rows.append(Row(name.removesuffix(".ipynb"), i, label, "slider", seconds))
    finally:
        page.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="notebook number prefixes, comma separated (e.g. 02,08)")
    parser.add_argument("--presses", type=int, default=20, help="key presses per slider explorer (default 20)")
    parser.add_argument(
        "--edition", choices=("en", "ko", "both"), default="both", help="which notebooks: English, Korean or both"
    )
    args = parser.parse_args(argv)
    if args.presses < 4:
        parser.error(f"--presses must be at least 4, got {args.presses}")
    try:
        from playwright import sync_api
    except ImportError:
        print("SKIPPED: the browser benchmark needs `pip install playwright`")
        return 2
    if not Path(CHROMIUM).exists():
        print(f"SKIPPED: the browser benchmark needs Debian's chromium at {CHROMIUM}")
        return 2
    only = [p for p in args.only.split(",") if p]
    folders = {"en": ["notebooks"], "ko": ["notebooks/ko"], "both": ["notebooks", "notebooks/ko"]}[args.edition]
    paths = [
        p
        for folder in folders
        for p in sorted((ROOT / folder).glob("*.ipynb"))
        if not only or p.name.startswith(tuple(only))
    ]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp, lab_server(Path(tmp)) as lab, chromium(sync_api) as browser:
        for path in paths:
            rows += measure_notebook(browser, lab, path, args.presses)
    print(f"{'explorer':<36} {'control':<14} {'n':>3} {'median':>8} {'p95':>8}  target")
    for r in rows:
        target = f"p95 ≤ {SLIDER_P95_TARGET * 1e3:.0f} ms" if r.kind == "slider" else "median ≤ 0.5 s"
        print(
            f"{r.notebook + ' #' + str(r.explorer):<36} {r.control[:14]:<14} {len(r.seconds):>3} "
            f"{r.median * 1e3:>6.0f}ms {r.p95 * 1e3:>6.0f}ms  {target}: {r.verdict()}"
        )
    return 0 if all(r.verdict() == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
