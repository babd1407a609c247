"""How long each notebook's core path takes to read, and how much of its code only draws figures.

The estimate (the course's rule of thumb): markdown words / 130 per minute + 15 s per code line, over the
core path: every section except the exercises and sections whose heading starts with "Deep dive"
(optional material). A code line counts as figure-only when it only builds or styles a figure (matplotlib
calls, ``with course_style():``, ``plot_*`` helpers): the rest is the idea the notebook teaches.

Usage: python tools/reading_time.py [notebooks/*.ipynb]
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

WORDS_PER_MINUTE = 130
SECONDS_PER_CODE_LINE = 15
_OPTIONAL = re.compile(r"^#{1,6}\s+(\d+\.\s*)?(Deep dive|Exercises|Summary)\b", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s")
_FIGURE = re.compile(
    r"^\s*(with course_style\(\)|plt\.|fig\b|fig,|axes?\b|axes\[|ax\.|ax,|axes\.|\w+\s*=\s*plot_\w+\(|plot_\w+\(|"
    r"for ax\b|for \(?ax\b|handles|cbar|\)$|\]$)"
)


@dataclass
class Estimate:
    words: int
    code_lines: int
    figure_lines: int

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE + self.code_lines * SECONDS_PER_CODE_LINE / 60

    @property
    def figure_share(self) -> float:
        return self.figure_lines / self.code_lines if self.code_lines else 0.0


def core_cells(nb: dict) -> list[dict]:
    """The cells of the core path: everything before and between optional sections (Deep dive, Exercises)."""
    cells, skip_level = [], None
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                m = _HEADING.match(line)
                if not m:
                    continue
                level = len(m.group(1))
                if skip_level is not None and level <= skip_level:
                    skip_level = None
                if skip_level is None and _OPTIONAL.match(line):
                    skip_level = level
                break  # a cell's first heading decides
        if skip_level is None:
            cells.append(cell)
    return cells


def estimate(path: Path) -> Estimate:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = core_cells(nb)[1:]  # the title cell's badge and outline are skimmed, not read...
    cells = [nb["cells"][0], *cells]  # ...but count it all the same: it is what a learner meets first
    words = code = figure = 0
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            words += len(re.findall(r"\w+", re.sub(r"\(https?://[^)]*\)", "", text)))
        elif cell["cell_type"] == "code":
            lines = [line for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
            code += len(lines)
            figure += sum(bool(_FIGURE.match(line)) for line in lines)
    return Estimate(words, code, figure)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(Path(__file__).resolve().parents[1].glob("notebooks/*.ipynb"))
    print(f"{'notebook':<34} {'words':>6} {'code':>5} {'figure':>7} {'minutes':>8}")
    for path in paths:
        e = estimate(path)
        print(f"{path.name:<34} {e.words:>6} {e.code_lines:>5} {e.figure_share:>6.0%} {e.minutes:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
