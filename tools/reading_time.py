"""How long each notebook's core path takes to read.

The estimate (the course's rule of thumb): markdown words / 130 per minute + 15 s per code line, over the
core path: every cell except the exercises and sections whose heading starts with "Deep dive" (optional
material). Comment lines and blank lines are not counted as code.

Usage: python tools/reading_time.py [notebooks/*.ipynb]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

WORDS_PER_MINUTE = 130
SECONDS_PER_CODE_LINE = 15
_OPTIONAL = re.compile(r"^#{1,6}\s+(\d+\.\s*)?(Deep dive|Exercises)\b", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s")


def core_cells(nb: dict) -> list[dict]:
    """The cells of the core path: everything outside the optional sections (Deep dive, Exercises)."""
    cells, skip_level = [], None
    for cell in nb["cells"]:
        first = next((line for line in "".join(cell["source"]).splitlines() if _HEADING.match(line)), None)
        if cell["cell_type"] == "markdown" and first is not None:
            level = len(_HEADING.match(first).group(1))
            if skip_level is not None and level <= skip_level:
                skip_level = None  # a heading of the same or a higher level ends the optional section
            if skip_level is None and _OPTIONAL.match(first):
                skip_level = level
        if skip_level is None:
            cells.append(cell)
    return cells


def minutes(path: Path) -> tuple[int, int, float]:
    """(markdown words, code lines, estimated minutes) of the notebook's core path."""
    words = code = 0
    for cell in core_cells(json.loads(path.read_text(encoding="utf-8"))):
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            words += len(re.findall(r"\w+", re.sub(r"\(https?://[^)]*\)", "", text)))  # link targets are not read
        elif cell["cell_type"] == "code":
            code += sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))
    return words, code, words / WORDS_PER_MINUTE + code * SECONDS_PER_CODE_LINE / 60


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(Path(__file__).resolve().parents[1].glob("notebooks/*.ipynb"))
    print(f"{'notebook':<34} {'words':>6} {'code':>5} {'minutes':>8}")
    for path in paths:
        words, code, total = minutes(path)
        print(f"{path.name:<34} {words:>6} {code:>5} {total:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
