"""How long each notebook's core path takes to read.

The estimate (the course's rule of thumb): markdown words / 130 per minute + 15 s per code line, over the
core path: every cell except the exercises, the discussion questions and sections whose heading starts with
"Deep dive" (optional material). Comment lines and blank lines are not counted as code.

It also reports the share of the core path's code lines that only make figures (the course's limit is a
fifth, docs/notebook-conventions.md): a statement is figure code when it names matplotlib's objects (``plt``, ``fig``, ``ax``, ``axes``)
or the course's figure helpers (``plots.*``, ``subplots``, ``course_style``, ``COLORS``, ``plot_*``, ``draw_*``, ...);
a ``with course_style():`` block and a loop over figure objects (``for ax in axes.flat:``) are figure
code as a whole. Explorers are not figure code: they
are the lesson's hands-on part.

Usage: python tools/reading_time.py [notebooks/*.ipynb]
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

WORDS_PER_MINUTE = 130
SECONDS_PER_CODE_LINE = 15
_OPTIONAL = re.compile(r"^#{1,6}\s+(\d+\.\s*)?(Deep dive|Exercises|Questions)\b", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s")
_FIGURE_NAMES = {"plt", "fig", "ax", "axes", "plots", "subplots", "course_style", "COLORS", "FIG_WIDE", "palette"}
_FIGURE_PREFIXES = ("plot_", "draw_", "use_pow10", "figure_")


def core_cells(nb: dict) -> list[dict]:
    """The cells of the core path: everything outside the optional sections (Exercises, Questions, Deep dive)."""
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


def _is_figure(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        name = sub.id if isinstance(sub, ast.Name) else sub.attr if isinstance(sub, ast.Attribute) else None
        if name is not None and (name in _FIGURE_NAMES or name.startswith(_FIGURE_PREFIXES)):
            return True
    return False


def code_lines(source: str) -> tuple[int, int]:
    """(figure-code lines, code lines) of one code cell, counted over statements (blank lines and
    comments are not code; IPython's %magics and !commands count as one line of code each)."""
    source = "\n".join(re.sub(r"^(\s*)[%!].*", r"\1pass", line) for line in source.splitlines())
    figure = total = 0

    def visit(body: list[ast.stmt]) -> None:
        nonlocal figure, total
        for stmt in body:
            if (isinstance(stmt, ast.With) and any(_is_figure(i.context_expr) for i in stmt.items)) or _is_figure_only(
                stmt
            ):
                lines = _lines(stmt)
                figure, total = figure + lines, total + lines
            elif isinstance(stmt, (ast.With, ast.For, ast.While, ast.If)):
                total += 1  # the header; its body is counted statement by statement
                visit(stmt.body)
                visit(stmt.orelse if not isinstance(stmt, ast.With) else [])
            else:
                lines = _lines(stmt)
                total += lines
                figure += lines if _is_figure(stmt) and not isinstance(stmt, ast.FunctionDef) else 0

    def _lines(stmt: ast.stmt) -> int:
        text = ast.get_source_segment(source, stmt, padded=False) or ""
        return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))

    def _is_figure_only(stmt: ast.stmt) -> bool:  # a loop over figure objects, e.g. `for ax in axes.flat:`
        return isinstance(stmt, ast.For) and _is_figure(stmt.iter)

    visit(ast.parse(source).body)
    return figure, total


def figure_share(path: Path) -> tuple[int, int]:
    """(figure-code lines, code lines) of the notebook's core path."""
    figure = total = 0
    for cell in core_cells(json.loads(path.read_text(encoding="utf-8"))):
        if cell["cell_type"] == "code":
            f, t = code_lines("".join(cell["source"]))
            figure, total = figure + f, total + t
    return figure, total


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
    print(f"{'notebook':<34} {'words':>6} {'code':>5} {'minutes':>8} {'figure code':>12}")
    for path in paths:
        words, code, total = minutes(path)
        figure, lines = figure_share(path)
        print(
            f"{path.name:<34} {words:>6} {code:>5} {total:>8.1f} {figure:>5}/{lines:<4} {figure / max(lines, 1):4.0%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
