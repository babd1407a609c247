"""Execute notebooks in a fresh kernel each and store them normalised.

This is the only way the course's notebooks get their stored outputs (``make notebooks``).
Two choices matter for strict nbval:

* nbclient's Output-widget emulation is switched off (``widget_registry = {}``), so what an
  explorer prints and draws on its first call is stored as ordinary cell outputs. Strict nbval
  (which does not emulate widgets) then compares them, and GitHub shows them without a kernel.
* Widget state, timing metadata and the widget-view's random model id are dropped or fixed, so
  re-executing an unchanged notebook leaves its file unchanged.
* Cell ids are kept: the Korean edition's translations are keyed by them (tools/translations.py).
  A cell without a course id (new, or made by an editor that writes random ids) gets the next free
  ``cNN``; ids are never renumbered.

Both editions: after each English notebook named, its Korean edition (notebooks/ko/) is rebuilt from
it and translations/ko/ (tools/translations.py) and executed too; a missing or stale translation
stops the run, naming the cells. A notebook under notebooks/ko/ named by itself is only executed.

Usage: python tools/execute_notebooks.py notebooks/*.ipynb
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import translations  # tools/translations.py: the Korean edition

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def normalise(nb: nbformat.NotebookNode) -> None:
    """Remove what changes on every run but teaches nothing."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    # The patch-level Python version would churn the file on every machine.
    nb.metadata.get("language_info", {}).pop("version", None)
    _course_ids(nb)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        cell.outputs = _merge_streams(cell.get("outputs", []))
        for out in cell.outputs:
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                view["model_id"] = "explorer"  # random per run; nbval never compares it


COURSE_ID = re.compile(r"c\d{2,}")


def _course_ids(nb: nbformat.NotebookNode) -> None:
    """Keep every unique ``cNN`` id; give the other cells the next free number."""
    seen: set[str] = set()
    for cell in nb.cells:
        cid = cell.get("id", "")
        if COURSE_ID.fullmatch(cid) and cid not in seen:
            seen.add(cid)
        else:
            cell["id"] = ""
    free = 1 + max((int(c[1:]) for c in seen), default=-1)
    for cell in nb.cells:
        if not cell["id"]:
            cell["id"] = f"c{free:02d}"
            free += 1


def _merge_streams(outputs: list) -> list:
    """Join consecutive outputs of one stream: the kernel splits prints at arbitrary points,
    which would change the stored file from run to run (nbval joins them before comparing)."""
    merged = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if out.output_type == "stream" and prev is not None and prev.output_type == "stream" and prev.name == out.name:
            prev.text += out.text
        else:
            merged.append(out)
    return merged


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        store_widget_state=False,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.widget_registry = {}  # no Output-widget emulation: see the module docstring
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    normalise(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for name in argv:
        path = Path(name)
        elapsed = execute(path)
        print(f"executed {path} in {elapsed:.1f} s")
        if path.resolve().parent == translations.NOTEBOOKS:
            # An English notebook: rebuild its Korean edition from it and the translations, and run that too.
            try:
                (korean,) = translations.build([path])
            except ValueError as exc:
                print(f"not built: {exc}", file=sys.stderr)
                return 1
            elapsed = execute(korean)
            print(f"executed {korean.relative_to(translations.ROOT)} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
