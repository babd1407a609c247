"""Grade the notebooks a class submitted: one CSV row per student and exercise, one report per student.

    python tools/grade.py SUBMISSIONS_DIR --out results/results.csv [--timeout 300] [--jobs 2]
        [--notebooks 04_linear_regression.ipynb ...] [--tests grading/hidden_tests.py]
    python tools/grade.py --solutions --out /tmp/solutions/results.csv   # the course's own solutions

SUBMISSIONS_DIR holds one folder per student (the folder's name is the student id) with the
notebooks they submitted, at any depth (a copy of their whole course folder will do). A notebook is
matched to the course by its file name; by default the course notebooks that any student submitted
are graded, ``--notebooks`` names them.

Either edition may be submitted: the English one (notebooks/NAME) or the Korean one (한국어판,
notebooks/ko/NAME). A notebook's edition is the language its setup cell chooses
(``os.environ["GD_COURSE_LANGUAGE"] = "ko"``), or, without that line, ``ko`` when it sits in a folder
named ko. Both editions run the same code and the same checks, and a verdict is the check's status,
never its sentence, so the same answers get the same grade in either; the Korean edition's messages
are in Korean. A student who hands in the notebook in both editions (a copy of the whole course
folder holds both) is graded on the one with answers; when both have some, on the better of the two.

Each submitted notebook runs from the top in a fresh kernel, inside a temporary course tree made of
the instructor's helpers/ and course.toml: the notebook's setup cell puts that tree's helpers first on
sys.path, so whatever a student did to their own copy is not used. The kernel has no network (a
network namespace, ``unshare --net``, where Linux allows one; Python's sockets refused in any case)
and the whole notebook gets ``--timeout`` seconds. After every answer cell (the cells ending in
``check("name", answer)``) the grader inserts a hidden cell that runs the hidden test of that exercise
(grading/hidden_tests.py) on the kernel's ``answer`` and prints its verdict as one marked JSON line;
the grader reads it and stores the executed notebook without these cells.

Written next to the CSV: ``reports/<student>.md`` and ``executed/<student>/<notebook>`` (the Korean
edition in ``executed/<student>/ko/<notebook>``). ``--solutions`` grades the solutions of both editions,
as the students "solutions" and "solutions-ko".
Statuses: correct, wrong, no answer, unreadable (from the checks), error (the answer cell raised, the
kernel died, a file that is not a notebook), timeout (the notebook ran past the time limit first).
"""

from __future__ import annotations

import argparse
import atexit
import csv
import importlib.util
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ["student", "notebook", "exercise", "status", "points", "message", "edition"]
STATUSES = ("correct", "wrong", "no answer", "unreadable", "error", "timeout")
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([A-Za-z_]\w*)["']\s*,\s*answer\b""")
PLACEHOLDER = re.compile(r"^answer = None\b.*$", re.MULTILINE)
SOLUTION_CODE = re.compile(r"```python\n(.*?)```", re.DOTALL)
ISOLATIONS = ("auto", "netns", "python")
ROLE = "gd_course_grader"  # cell metadata key of the cells the grader inserts
#: The editions: each one's folder under notebooks/ and its name in the reports.
EDITIONS = {"en": "", "ko": "ko"}
EDITION_NAMES = {"en": "English edition", "ko": "Korean edition"}
#: The setup cell's line that chooses an edition (helpers/i18n.py reads the variable).
LANGUAGE_LINE = re.compile(r"""\bos\.environ\[\s*["']GD_COURSE_LANGUAGE["']\s*\]\s*=\s*["'](\w+)["']""")


# --- the course and its hidden tests ------------------------------------------------------------


@dataclass(frozen=True)
class Course:
    root: Path
    tests: Path
    exercises: dict[str, list[str]]  # notebook file name -> exercise names, in the notebook's order
    editions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # notebook -> the editions it has


def edition_of(nb, path: Path | None = None) -> str:
    """The edition of a notebook: the language its setup cell chooses, or (no such line) "ko" for a
    file in a folder named ko, else "en"."""
    for cell in nb.cells if nb is not None else []:
        if cell.cell_type == "code":
            m = LANGUAGE_LINE.search(cell.source)
            if m and m.group(1) in EDITIONS:
                return m.group(1)
    return "ko" if path is not None and path.parent.name == EDITIONS["ko"] else "en"


def exercises_of(nb) -> list[str]:
    """The exercises of a notebook: the names of its ``check("name", answer)`` calls, in order."""
    names: list[str] = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            for name in CHECK_CALL.findall(cell.source):
                if name not in names:
                    names.append(name)
    return names


def answer_cells(nb) -> dict[str, int]:
    """Exercise name -> index of the last code cell that calls ``check("name", answer)`` (the last attempt)."""
    found: dict[str, int] = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for name in CHECK_CALL.findall(cell.source):
                found[name] = i
    return found


def load_tests(path: Path):
    """The hidden tests, imported in the grader's own process (for their points and source rules)."""
    spec = importlib.util.spec_from_file_location("_grading_hidden_tests", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    for name in ("run", "points", "source_problem"):
        if not callable(getattr(module, name, None)):
            raise ValueError(f"{path} must define a function {name}() (see grading/hidden_tests.py)")
    return module


def load_course(root: Path, tests: Path) -> Course:
    """The course's notebooks with exercises. Raises ValueError when an edition's notebook has other
    exercises than the English one of the same name (the editions differ in their prose only)."""
    import nbformat

    exercises, editions = {}, {}
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        names = exercises_of(nbformat.read(path, as_version=4))
        if names:
            exercises[path.name] = names
            editions[path.name] = ("en",)
    for edition, folder in EDITIONS.items():
        if not folder:
            continue
        for path in sorted((root / "notebooks" / folder).glob("*.ipynb")):
            names = exercises_of(nbformat.read(path, as_version=4))
            if names != exercises.get(path.name, []):
                raise ValueError(
                    f"notebooks/{folder}/{path.name} has the exercises {names}, its English edition "
                    f"{exercises.get(path.name, [])}: the editions must have the same ones"
                )
            if names:
                editions[path.name] += (edition,)
    return Course(root, tests, exercises, editions)


# --- running one notebook -----------------------------------------------------------------------


def network_namespace_works() -> bool:
    """Can this machine start a process without network (an unprivileged Linux network namespace)?"""
    if shutil.which("unshare") is None:
        return False
    try:
        run = subprocess.run(["unshare", "--net", "--map-root-user", "true"], capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return run.returncode == 0


# Runs first in every kernel: Python's sockets may not reach any network (an audit hook cannot be
# removed once added). With --isolation netns the kernel has no network device anyway.
GUARD = """\
def _grading_guard_TOKEN():
    import socket
    import sys

    inet = (socket.AF_INET, socket.AF_INET6)

    def refuse(event, args):
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
            if getattr(args[0], "family", None) in inet:
                raise PermissionError(f"no network while grading ({event})")
        elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
            raise PermissionError(f"no network while grading ({event})")

    sys.addaudithook(refuse)


_grading_guard_TOKEN()
del _grading_guard_TOKEN
"""

# After each answer cell: the hidden test, loaded afresh from the instructor's file, prints its verdict.
TEST_CELL = """\
def _grading_test_TOKEN():
    import importlib.util
    import json
    import sys

    try:
        spec = importlib.util.spec_from_file_location("_hidden_tests_TOKEN", TESTS)
        tests = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(tests)
        verdict = tests.run(EXERCISE, SOURCE, HELPERS)
    except BaseException as exc:
        verdict = {"status": "error", "message": f"the hidden test could not run: {type(exc).__name__}: {exc}"}
    finally:
        sys.modules.pop("_hidden_tests_TOKEN", None)
    sys.stdout.write(MARKER + json.dumps(verdict) + "\\n")
    sys.stdout.flush()


_grading_test_TOKEN()
del _grading_test_TOKEN
"""


def _fill(template: str, token: str, **values) -> str:
    """The template with TOKEN and each NAME replaced (by the value's repr), in one pass: a value (the
    student's code) is never scanned for names again."""
    pattern = re.compile(r"\b(" + "|".join(values) + r")\b") if values else None
    text = template.replace("TOKEN", token)
    return pattern.sub(lambda m: repr(values[m.group(1)]), text) if pattern else text


@dataclass
class Run:
    """What running one prepared notebook gave."""

    verdicts: dict[str, dict] = field(default_factory=dict)  # exercise -> {"status", "message"}
    stopped: str | None = None  # "timeout" or "error" when the run ended early
    stopped_at: int | None = None  # index (in the submitted notebook) of the cell that was running
    reason: str = ""
    seconds: float = 0.0


def _make_client_class():
    """nbclient's client, with a deadline for the whole notebook and hidden cells kept out of history."""
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    class NetlessKernelManager(AsyncKernelManager):
        """Starts the kernel in a network namespace of its own: no network device but a loopback that is down.

        The grader then talks to it over Unix sockets (ZeroMQ's ipc transport)."""

        def format_kernel_cmd(self, extra_arguments=None):
            return ["unshare", "--net", "--map-root-user", *super().format_kernel_cmd(extra_arguments)]

    class GradingClient(NotebookClient):
        def __init__(self, nb, *, limit: float, netns: bool, ipc: Path, **kw):
            super().__init__(nb, **kw)
            self.limit, self.netns, self.ipc = limit, netns, ipc
            self.deadline: float | None = None
            self.running: int | None = None
            self.timeout_func = self._remaining
            if netns:
                self.kernel_manager_class = NetlessKernelManager

        def _remaining(self, cell) -> float:
            return max(0.01, self.deadline - time.monotonic()) if self.deadline is not None else self.limit

        def create_kernel_manager(self):
            km = super().create_kernel_manager()
            if os.name == "posix":  # Unix sockets, not TCP ports; absolute, as the kernel's cwd is not ours
                km.transport, km.ip = "ipc", str(self.ipc)
            return km

        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            if self.deadline is None:  # the limit counts from the first cell, not the kernel's start
                self.deadline = time.monotonic() + self.limit
            self.running = cell_index
            role = cell.metadata.get(ROLE)
            if role == "test":
                before = self.nb.cells[cell_index - 1]
                if any(out.get("output_type") == "error" for out in before.get("outputs", [])):
                    return cell  # the answer cell raised: nothing to test
            if role:
                store_history = False  # students' later cells cannot read hidden cells from In[]
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

    return GradingClient


def prepare(nb, exercises: list[str], *, token: str, tests: Path, helpers: Path):
    """The notebook to run: outputs cleared, the guard first, a test cell after each answer cell, and
    nothing after the last of them. Returns (notebook, exercise -> index of its test cell, marker)."""
    import nbformat

    found = answer_cells(nb)
    marker = f"@@grade-{token}@@ "
    cells = [nbformat.v4.new_code_cell(_fill(GUARD, token), metadata={ROLE: "guard"})]
    placed: dict[str, int] = {}
    last = max((found[name] for name in exercises if name in found), default=-1)
    for i, cell in enumerate(nb.cells[: last + 1]):
        cell.metadata.pop(ROLE, None)  # only the grader's own cells carry it
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
        for name in exercises:
            if found.get(name) == i:
                source = _fill(
                    TEST_CELL, token, TESTS=str(tests), EXERCISE=name, SOURCE=cell.source, HELPERS=str(helpers),
                    MARKER=marker,
                )  # fmt: skip
                cells.append(nbformat.v4.new_code_cell(source, metadata={ROLE: "test"}))
                placed[name] = len(cells) - 1
    run_nb = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    run_nb.nbformat, run_nb.nbformat_minor = nb.nbformat, nb.nbformat_minor
    return run_nb, placed, marker


def _verdict(cell, marker: str) -> dict:
    text = "".join(out.get("text", "") for out in cell.get("outputs", []) if out.get("output_type") == "stream")
    lines = [line[len(marker) :] for line in text.splitlines() if line.startswith(marker)]
    if len(lines) != 1:
        what = "no verdict" if not lines else f"{len(lines)} verdicts (the output was tampered with)"
        return {"status": "error", "message": f"the hidden test gave {what}"}
    try:
        verdict = json.loads(lines[0])
    except json.JSONDecodeError:
        return {"status": "error", "message": "the hidden test's verdict could not be read"}
    if verdict.get("status") not in STATUSES or not isinstance(verdict.get("message"), str):
        return {"status": "error", "message": f"the hidden test gave an unknown verdict {lines[0][:80]}"}
    return verdict


def run_notebook(run_nb, placed, marker, *, cwd: Path, limit: float, netns: bool, env: dict, ipc: Path) -> Run:
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    client = _make_client_class()(
        run_nb, limit=limit, netns=netns, ipc=ipc, kernel_name="python3", allow_errors=True, store_widget_state=False,
        record_timing=False, shutdown_kernel="immediate", startup_timeout=120, skip_cells_with_tag=f"never-{marker}",
        resources={"metadata": {"path": str(cwd)}},
    )  # fmt: skip
    client.widget_registry = {}  # explorers draw their first picture as plain outputs, as in make notebooks
    result = Run()
    start = time.monotonic()
    stop, failure = None, ""
    try:
        client.execute(env=env)
    except CellTimeoutError:
        stop = "timeout"
    except DeadKernelError:
        stop = "died"
    except Exception as exc:  # the kernel did not start, or nbclient failed: the student still gets rows
        stop, failure = "failed", f"{type(exc).__name__}: {exc}"
    finally:
        atexit.unregister(client._cleanup_kernel)  # nbclient's own net, which fails loudly after a failed start
    result.seconds = time.monotonic() - start
    where = ""
    if stop and client.running is not None and not run_nb.cells[client.running].metadata.get(ROLE):
        inserted = sum(1 for c in run_nb.cells[: client.running] if c.metadata.get(ROLE))
        result.stopped_at = client.running - inserted
        where = f" in cell {result.stopped_at + 1}"
    if stop == "timeout":
        result.stopped, result.reason = "timeout", f"the notebook ran past the time limit of {limit:g} s{where}"
    elif stop == "died":
        result.stopped, result.reason = (
            "error",
            f"the kernel died{where} (it crashed, ran out of memory or was stopped)",
        )
    elif stop == "failed":
        result.stopped, result.reason = "error", f"the notebook could not be run{where}: {failure}"
    for name, index in placed.items():
        cell = run_nb.cells[index]
        answer = run_nb.cells[index - 1]
        errors = [out for out in answer.get("outputs", []) if out.get("output_type") == "error"]
        if errors:
            result.verdicts[name] = {"status": "error", "message": f"the answer cell raised {_error_text(errors[0])}"}
        elif cell.get("outputs"):
            result.verdicts[name] = _verdict(cell, marker)
    return result


def _error_text(out) -> str:
    return f"{out.get('ename', 'an error')}: {str(out.get('evalue', ''))[:200]}".rstrip(": ")


def _first_error(cells) -> tuple[int, str] | None:
    for i, cell in enumerate(cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "error":
                return i, _error_text(out)
    return None


# --- one student ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    student: str
    folder: Path
    course: Course
    notebooks: tuple[str, ...]
    limit: float
    isolation: str  # "netns" or "python"
    out_dir: Path


@dataclass
class Row:
    student: str
    notebook: str
    exercise: str
    status: str
    points: float
    message: str
    edition: str = ""  # "en" or "ko": the edition graded ("" when none was)

    def as_dict(self) -> dict:
        return {**self.__dict__, "points": f"{self.points:g}", "message": " ".join(self.message.split())}


@dataclass
class NotebookGrade:
    name: str
    rows: list[Row]
    note: str = ""
    seconds: float | None = None
    edition: str = ""


@dataclass
class Submitted:
    """One file a student handed in for a notebook: its edition, and the notebook (None if unreadable)."""

    path: Path
    edition: str
    nb: object | None
    problem: str = ""


def _read_submission(path: Path) -> Submitted:
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:
        return Submitted(path, edition_of(None, path), None, f"{type(exc).__name__}: {exc}")
    return Submitted(path, edition_of(nb, path), nb)


def blank(nb) -> bool:
    """No answer written: every answer cell still starts with the placeholder ``answer = None``."""
    return all(PLACEHOLDER.search(nb.cells[i].source) for i in answer_cells(nb).values())


def find_submission(folder: Path, name: str) -> list[Path]:
    return sorted(p for p in folder.rglob(name) if p.is_file() and ".ipynb_checkpoints" not in p.parts)


def _total(grade: NotebookGrade) -> tuple[float, int]:
    """What ranks two gradings of one notebook: the points, then the exercises answered."""
    return sum(r.points for r in grade.rows), sum(r.status not in ("no answer", "timeout") for r in grade.rows)


def grade_notebook(job: Job, name: str, tests, tmp: Path) -> NotebookGrade:
    """One notebook of one student, in the edition handed in (the better one, if both have answers)."""
    exercises = job.course.exercises[name]

    def rows(status: str, message: str, edition: str = "") -> list[Row]:
        return [Row(job.student, name, ex, status, 0, message, edition) for ex in exercises]

    found = [_read_submission(p) for p in find_submission(job.folder, name)]
    if not found:
        return NotebookGrade(name, rows("no answer", "not submitted"), "not submitted")
    by_edition = {e: [s for s in found if s.edition == e] for e in EDITIONS}
    for edition, files in by_edition.items():
        if len(files) > 1:
            where = ", ".join(str(s.path.relative_to(job.folder)) for s in files)
            in_edition = f" in the {EDITION_NAMES[edition]}" if len(found) > len(files) else ""
            message = f"{len(files)} files named {name}{in_edition} ({where}): submit one"
            return NotebookGrade(name, rows("unreadable", message, edition), edition=edition)
    candidates = [files[0] for files in by_edition.values() if files]  # one per edition, English first
    skipped = []
    if len(candidates) > 1:
        answered = [s for s in candidates if s.nb is None or not blank(s.nb)]
        skipped = [s for s in candidates if s not in answered] if answered else candidates[1:]
        candidates = answered or candidates[:1]
    grades = [grade_file(job, name, s, tests, tmp) for s in candidates]
    best = max(grades, key=_total)  # the first of equals: the English edition
    notes = [best.note] if best.note else []
    for s in skipped:
        notes.append(f"the {EDITION_NAMES[s.edition]} ({s.path.relative_to(job.folder)}) has no answers: not graded")
    for s, g in zip(candidates, grades):
        if g is not best:
            got = _total(g)[0]
            notes.append(
                f"the {EDITION_NAMES[s.edition]} ({s.path.relative_to(job.folder)}) was graded too, "
                f"{got:g} points: the better one counts"
            )
    best.note = "; ".join(notes)
    return best


def grade_file(job: Job, name: str, sub: Submitted, tests, tmp: Path) -> NotebookGrade:
    """Run and grade one submitted file of notebook ``name``."""
    import nbformat

    exercises = job.course.exercises[name]
    edition = sub.edition

    def rows(status: str, message: str) -> list[Row]:
        return [Row(job.student, name, ex, status, 0, message, edition) for ex in exercises]

    if sub.nb is None:
        return NotebookGrade(name, rows("unreadable", f"the file is not a notebook ({sub.problem})"), edition=edition)
    nb = sub.nb
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    problem = tests.source_problem(code)
    if problem:
        return NotebookGrade(name, rows("wrong", problem), problem, edition=edition)

    course_dir = tmp / "course"
    notebook_dir = course_dir / "notebooks" / EDITIONS[edition]
    notebook_dir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(8)
    run_nb, placed, marker = prepare(nb, exercises, token=token, tests=job.course.tests, helpers=course_dir / "helpers")
    # The machine's own numerical-library settings pass through unchanged (the stored outputs were
    # checked under them); with --jobs > 1 an instructor may export OMP_NUM_THREADS=1 before grading.
    # The edition's language for the checks' messages, whatever the grader's own shell has (the
    # setup cell sets it too; a notebook that lost that line still speaks its edition's language).
    env = dict(os.environ, IPYTHONDIR=str(tmp / "ipython"), GD_COURSE_LANGUAGE=edition)
    run = (
        run_notebook(
            run_nb,
            placed,
            marker,
            cwd=notebook_dir,
            limit=job.limit,
            netns=job.isolation == "netns",
            env=env,
            ipc=tmp / f"kernel-{token}",
        )
        if placed
        else Run()
    )

    # The executed notebook as the student wrote it: hidden cells out, the cells after the last exercise as sent.
    executed = [c for c in run_nb.cells if not c.metadata.get(ROLE)]
    first_error = _first_error(executed)
    for cell in nb.cells[len(executed) :]:  # not run: no stale outputs either
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.cells = executed + nb.cells[len(executed) :]
    target = job.out_dir / "executed" / job.student / EDITIONS[edition] / name
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)

    result = []
    for ex in exercises:
        verdict = run.verdicts.get(ex)
        if ex not in placed:
            verdict = {"status": "no answer", "message": f'the cell ending in check("{ex}", answer) is missing'}
        elif verdict is None:
            verdict = {"status": run.stopped or "error", "message": run.reason or "the hidden test gave no verdict"}
        elif verdict["status"] == "error" and first_error is not None:
            answer_cell = run_nb.cells[placed[ex] - 1]
            answer_at = next(i for i, c in enumerate(executed) if c is answer_cell)
            if first_error[0] < answer_at:
                verdict["message"] += f"; the first cell that raised is cell {first_error[0] + 1} ({first_error[1]})"
        status = verdict["status"]
        points = tests.points(ex) if status == "correct" else 0
        result.append(Row(job.student, name, ex, status, points, verdict["message"], edition))
    if not placed:
        return NotebookGrade(name, result, "not run: none of its answer cells is in the file", edition=edition)
    note = f"ran in {run.seconds:.1f} s" + (f"; {run.reason}" if run.stopped else "")
    return NotebookGrade(name, result, note, run.seconds, edition)


def grade_student(job: Job) -> tuple[str, list[Row], str]:
    """Rows and the markdown report of one student (runs in a worker process with --jobs)."""
    tests = load_tests(job.course.tests)
    grades = []
    with tempfile.TemporaryDirectory(prefix="grade-") as name:
        tmp = Path(name)
        course_dir = tmp / "course"
        shutil.copytree(
            job.course.root / "helpers", course_dir / "helpers", ignore=shutil.ignore_patterns("__pycache__")
        )
        shutil.copy2(job.course.root / "course.toml", course_dir / "course.toml")
        (course_dir / "notebooks").mkdir()
        for nb_name in job.notebooks:
            try:
                grades.append(grade_notebook(job, nb_name, tests, tmp))
            except Exception as exc:  # a bug of the grader or an odd file: this notebook gets error rows
                rows = [
                    Row(job.student, nb_name, ex, "error", 0, f"the grader failed: {type(exc).__name__}: {exc}")
                    for ex in job.course.exercises[nb_name]
                ]
                grades.append(NotebookGrade(nb_name, rows, "the grader failed"))
    rows = [row for g in grades for row in g.rows]
    return job.student, rows, report(job, grades, tests)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def report(job: Job, grades: list[NotebookGrade], tests) -> str:
    def total(rows):
        return sum(r.points for r in rows), sum(tests.points(r.exercise) for r in rows)

    got, out_of = total([r for g in grades for r in g.rows])
    network = "a network namespace (no network at all)" if job.isolation == "netns" else "Python's sockets refused"
    lines = [
        f"# {job.student}: {got:g} of {out_of:g} points",
        "",
        f"Graded {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC. Each notebook ran from the top in a fresh kernel, "
        f"with the course's own helpers, at most {job.limit:g} s per notebook; network: {network}.",
    ]
    for g in grades:
        g_got, g_of = total(g.rows)
        where = " (한국어판, the Korean edition)" if g.edition == "ko" else ""
        lines += ["", f"## {g.name}{where}: {g_got:g} of {g_of:g} points", ""]
        if g.note:
            lines += [g.note[0].upper() + g.note[1:] + ".", ""]
        lines += ["| exercise | status | points | message |", "|---|---|---|---|"]
        lines += [f"| {r.exercise} | {r.status} | {r.points:g} | {_cell(r.message)} |" for r in g.rows]
    return "\n".join(lines) + "\n"


# --- the course's own solutions (--solutions) ------------------------------------------------------


def solved(nb):
    """The notebook with each answer placeholder replaced by its solution (the first ```python block of
    the <details> cell right after the answer cell)."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not CHECK_CALL.search(cell.source):
            continue
        after = nb.cells[i + 1] if i + 1 < len(nb.cells) else None
        code = SOLUTION_CODE.search(after.source) if after is not None and after.cell_type == "markdown" else None
        if code is None or not PLACEHOLDER.search(cell.source):
            raise ValueError(
                f"cell {i + 1} ({cell.get('id', '?')}) has no `answer = None` line or no solution below it"
            )
        solution = code.group(1).strip()
        cell.source = PLACEHOLDER.sub(lambda _: solution, cell.source, count=1)  # noqa: B023 (used at once)
    return nb


def write_solutions(course: Course, notebooks, folder: Path, edition: str = "en") -> list[str]:
    """The solved notebooks of one edition in ``folder`` (the Korean ones under ko/, as in a student's
    copy of the course); returns the names written (those the course has in that edition)."""
    import nbformat

    written = []
    for name in notebooks:
        if edition not in course.editions.get(name, ("en",)):
            continue
        sub = EDITIONS[edition]
        nb = solved(nbformat.read(course.root / "notebooks" / sub / name, as_version=4))
        (folder / sub).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / sub / name)
        written.append(name)
    return written


# --- the command -------------------------------------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions", nargs="?", type=Path, help="one folder per student (the folder name is the id)")
    parser.add_argument("--out", type=Path, required=True, help="the CSV to write, e.g. results/results.csv")
    parser.add_argument("--timeout", type=float, default=300, help="seconds for each notebook (default 300)")
    parser.add_argument("--notebooks", nargs="+", default=None, help="notebooks to grade (default: those submitted)")
    parser.add_argument("--jobs", type=int, default=1, help="students graded at once (default 1; one kernel each)")
    parser.add_argument("--course", type=Path, default=ROOT, help="the instructor's course (default: this repository)")
    parser.add_argument(
        "--tests", type=Path, default=None, help="hidden tests (default: COURSE/grading/hidden_tests.py)"
    )
    parser.add_argument(
        "--isolation",
        choices=ISOLATIONS,
        default="auto",
        help="netns: no network at all (Linux); python: Python's sockets refused; auto: netns if possible",
    )
    parser.add_argument("--solutions", action="store_true", help="grade the course's own solutions instead")
    return parser  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)

    # The arguments first (cheap), then the course and its hidden tests.
    course_root = args.course.resolve()
    for need in ("course.toml", "helpers/__init__.py", "notebooks"):
        if not (course_root / need).exists():
            parser.error(f"--course must be a course folder holding {need}, got {str(args.course)!r}")
    tests_path = (args.tests or course_root / "grading" / "hidden_tests.py").resolve()
    if not tests_path.is_file():
        parser.error(f"--tests must be a hidden-tests file such as grading/hidden_tests.py, got {str(tests_path)!r}")
    if args.solutions == (args.submissions is not None):
        parser.error("give SUBMISSIONS_DIR, or --solutions to grade the course's own solutions (not both)")
    if not args.timeout > 0:
        parser.error(f"--timeout must be a positive number of seconds, got {args.timeout:g}")
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    if args.out.suffix != ".csv" or args.out.is_dir():
        parser.error(f"--out must be a .csv file, got {str(args.out)!r}")
    out = args.out.resolve()
    if args.submissions is not None:
        if not args.submissions.is_dir():
            parser.error(f"SUBMISSIONS_DIR must be a folder with one folder per student, got {str(args.submissions)!r}")
        if _inside(out, args.submissions.resolve()):
            parser.error(f"--out must be outside SUBMISSIONS_DIR, got {str(args.out)!r}")
    isolation = args.isolation
    if isolation == "auto":
        isolation = "netns" if network_namespace_works() else "python"
    elif isolation == "netns" and not network_namespace_works():
        parser.error("--isolation netns needs `unshare --net --map-root-user` (util-linux, Linux user namespaces)")

    try:
        tests = load_tests(tests_path)
    except Exception as exc:
        parser.error(f"--tests {str(tests_path)!r} could not be imported: {type(exc).__name__}: {exc}")
    try:
        course = load_course(course_root, tests_path)
    except ValueError as exc:
        parser.error(str(exc))
    if str(course_root) not in sys.path:
        sys.path.insert(0, str(course_root))  # the course's own helpers, whatever else is installed
    from helpers.exercises import exercise_names

    unknown = {ex for names in course.exercises.values() for ex in names} - set(exercise_names())
    if unknown:
        parser.error(f"the course's notebooks call checks helpers.exercises does not know: {sorted(unknown)}")
    names = [Path(n).name for n in args.notebooks] if args.notebooks else None
    for name in names or []:
        if name not in course.exercises:
            parser.error(
                f"--notebooks must name course notebooks with exercises ({', '.join(course.exercises)}), got {name!r}"
            )

    with tempfile.TemporaryDirectory(prefix="grade-solutions-") as scratch:
        if args.solutions:
            submissions = Path(scratch)
            names = names or list(course.exercises)
            # Both editions, as two students: the same answers must get the same grade in each.
            for edition in EDITIONS:
                student = "solutions" if edition == "en" else f"solutions-{edition}"
                write_solutions(course, names, submissions / student, edition)
        else:
            submissions = args.submissions.resolve()
        students = sorted(p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith("."))
        for stray in sorted(p for p in submissions.iterdir() if p.is_file()):
            print(f"ignored {stray.name}: a submission is a folder per student")
        if not students:
            parser.error(f"SUBMISSIONS_DIR must hold one folder per student, got {str(submissions)!r} with none")
        if names is None:
            names = [n for n in course.exercises if any(find_submission(s, n) for s in students)]
            if not names:
                parser.error(
                    f"no student folder in {str(submissions)!r} holds a course notebook ({', '.join(course.exercises)})"
                )
        rows = grade_all(students, course, names, args.timeout, isolation, args.jobs, out, tests)
    if args.solutions:
        failed = [r for r in rows if r.status != "correct"]
        for r in failed:
            print(f"FAILED {r.student} {r.notebook} {r.exercise}: {r.status}: {r.message}")
        return 1 if failed else 0
    return 0


def grade_all(students, course, names, limit, isolation, n_jobs, out: Path, tests) -> list[Row]:
    """Grade every student (``n_jobs`` at once), write the CSV and the reports; return the rows."""
    network = "no network (network namespace)" if isolation == "netns" else "Python sockets refused (no namespace)"
    print(f"grading {len(students)} student(s), {len(names)} notebook(s), {limit:g} s per notebook, {network}")
    out.parent.mkdir(parents=True, exist_ok=True)
    (out.parent / "reports").mkdir(exist_ok=True)
    jobs = [Job(s.name, s, course, tuple(names), limit, isolation, out.parent) for s in students]
    start = time.monotonic()
    pool = ProcessPoolExecutor(max_workers=n_jobs, mp_context=get_context("spawn")) if n_jobs > 1 else None
    rows: list[Row] = []
    try:
        for student, student_rows, text in pool.map(grade_student, jobs) if pool else map(grade_student, jobs):
            (out.parent / "reports" / f"{student}.md").write_text(text, encoding="utf-8")
            rows += student_rows
            got = sum(r.points for r in student_rows)
            out_of = sum(tests.points(r.exercise) for r in student_rows)
            counts = ", ".join(f"{n} {s}" for s in STATUSES if (n := sum(r.status == s for r in student_rows)))
            print(f"{student}: {got:g} of {out_of:g} points ({counts})")
    finally:
        if pool:
            pool.shutdown()
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(row.as_dict() for row in rows)
    print(f"wrote {out} ({len(rows)} rows) and {len(students)} report(s) in {out.parent / 'reports'}, "
          f"in {time.monotonic() - start:.1f} s")  # fmt: skip
    return rows


if __name__ == "__main__":
    sys.exit(main())
