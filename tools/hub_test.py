"""A class on a real JupyterHub, on 127.0.0.1 only: N students pull the course and run a notebook.

    python tools/hub_test.py [--students 10] [--notebook 01_differentiation.ipynb]

What it starts, each on a free loopback port, in a temporary folder that it deletes at the end:
- a git server for the course: `git daemon` serving a bare repository made from this repository's
  HEAD (committed work only), as `git://127.0.0.1:PORT/gradient-descent-course.git`;
- JupyterHub (docs/hub/jupyterhub_config.py: DummyAuthenticator, SimpleLocalProcessSpawner, each
  student's server running as the current user with its own home folder as notebook_dir), which
  starts configurable-http-proxy (npm; installed into .hub/node_modules on first use).

Each simulated student does what a student's browser does, through the hub's public address:
opens the course's nbgitpuller link (written by `tools/links.py nbgitpuller --repo git://...`, so
the link logic is the project's own), logs in on the hub's login page, waits while the hub starts
their server (its spawn-pending page's progress stream; the button of a 'server not running' page
if the hub shows one), lets nbgitpuller's page pull the course (its own event stream, with the
parameters the page carries), checks that the notebook the link opens exists, then runs it: a
session through the server's REST API (as JupyterLab opens a notebook), then every code cell in
order over the kernel's websocket, as Run All does. A cell that raises fails the
student. Last, the kernel reports which helpers/ it imported: it must be the student's pulled copy.

Measured per student from /proc, once the notebook has run: the peak resident memory (VmHWM) of
the student's server and of its kernel, and their CPU seconds (the server's includes the git
processes of the pull). Printed: each student, the median and the maximum, the total time, and the
peak memory of everything the test started.

Everything it started is stopped by process id: the hub first (which stops the students' servers
and the proxy), then the git server, then any recorded process still alive, by its process group;
then `ps` must show none of them, nor any process using the temporary folder. Ctrl-C stops it the
same way. Exit status 0 only when every student succeeded and nothing was left behind.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import links  # noqa: E402 - the list of the course's notebooks and the branch of course.toml

HUB_CONFIG = ROOT / "docs" / "hub" / "jupyterhub_config.py"
HUB_DIR = ROOT / ".hub"
CHP_PACKAGE = "configurable-http-proxy@5.3.0"
CHP = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
REPO_NAME = "gradient-descent-course.git"  # ends in .git: the link must still open the right folder
PASSWORD = "course"  # DummyAuthenticator takes any
NAV = {"Sec-Fetch-Mode": "navigate", "Accept": "text/html"}  # what a browser sends for a page
CLK = os.sysconf("SC_CLK_TCK")


class StudentError(Exception):
    """One student's step failed; the message says which and why."""


# --- processes -------------------------------------------------------------------------------------


def _stat(pid: int) -> dict | None:
    """ppid, process group, start time and CPU ticks of a process, or None if it is gone."""
    try:
        rest = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    return {
        "state": rest[0],  # Z: a zombie, ended and waiting for its parent to read its status
        "ppid": int(rest[1]),
        "pgid": int(rest[2]),
        "start": int(rest[19]),
        "cpu": (int(rest[11]) + int(rest[12])) / CLK,  # utime + stime
        "children_cpu": (int(rest[13]) + int(rest[14])) / CLK,  # of its children it has reaped
    }


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def _cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return []


def _environ(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return {}
    return dict(item.split("=", 1) for item in raw.split("\0") if "=" in item)


def _all_pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


class Tracker:
    """Every process descended from the ones this test started, recorded by (pid, start time).

    A thread scans /proc every half second, so that a process the hub or a server started is known
    even if its parent dies first; it also keeps the peak of their summed resident memory.
    """

    def __init__(self) -> None:
        self.roots: dict[int, int] = {}
        self.seen: dict[int, dict] = {}
        self.peak_kb = 0
        self.lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def add_root(self, pid: int) -> None:
        st = _stat(pid)
        if st:
            with self.lock:
                self.roots[pid] = st["start"]
                self.seen[pid] = {"start": st["start"], "pgid": st["pgid"], "cmd": " ".join(_cmdline(pid))[:160]}

    def alive(self, pid: int) -> bool:
        st = _stat(pid)
        with self.lock:
            known = self.seen.get(pid)
        return bool(st and known and st["start"] == known["start"] and st["state"] != "Z")

    def scan(self) -> None:
        stats = {pid: st for pid in _all_pids() if (st := _stat(pid))}
        with self.lock:
            ours = {pid for pid, start in self.seen.items() if pid in stats and stats[pid]["start"] == start["start"]}
            grew = True
            while grew:
                grew = False
                for pid, st in stats.items():
                    if pid not in ours and st["ppid"] in ours:
                        ours.add(pid)
                        grew = True
                        if pid not in self.seen or self.seen[pid]["start"] != st["start"]:
                            self.seen[pid] = {
                                "start": st["start"],
                                "pgid": st["pgid"],
                                "cmd": " ".join(_cmdline(pid))[:160],
                            }
            self.peak_kb = max(self.peak_kb, sum(_status_kb(pid, "VmRSS") for pid in ours))

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.scan()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def living(self) -> list[int]:
        with self.lock:
            pids = list(self.seen)
        return [pid for pid in pids if self.alive(pid)]


def _terminate(tracker: Tracker, popen: subprocess.Popen | None, grace: float) -> None:
    """SIGTERM one process we started and its process group; SIGKILL them after ``grace`` seconds."""
    if popen is None or popen.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(popen.pid, sig)  # started with start_new_session: its group id is its pid
        except ProcessLookupError:
            return
        try:
            popen.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def stop_everything(tracker: Tracker, hub: subprocess.Popen | None, git: subprocess.Popen | None) -> None:
    tracker.scan()  # the last processes started before stopping
    _terminate(tracker, hub, grace=45)  # the hub stops each student's server and the proxy itself
    _terminate(tracker, git, grace=10)
    tracker.stop()
    for sig in (signal.SIGTERM, signal.SIGKILL):
        left = tracker.living()
        if not left:
            return
        for pid in left:
            with tracker.lock:
                pgid = tracker.seen[pid]["pgid"]
            try:
                if pgid == pid:  # it leads its own group (a server, a kernel, the proxy): stop the group
                    os.killpg(pid, sig)
                else:
                    os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and tracker.living():
            time.sleep(0.2)


def left_behind(tracker: Tracker, base: Path) -> list[tuple[int, str]]:
    """Processes that `ps` still lists and that this test started or that use its temporary folder."""
    out = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        pid_text, _, args = line.strip().partition(" ")
        pid = int(pid_text)
        if pid == os.getpid():
            continue
        env = _environ(pid)
        if tracker.alive(pid) or str(base) in args or any(str(base) in v for v in env.values()):
            found.append((pid, args[:160]))
    return found


def kill_pids(pids: list[int]) -> None:
    """SIGTERM, then after 5 s SIGKILL, each of ``pids`` (processes found using the test's folder)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any((st := _stat(pid)) and st["state"] != "Z" for pid in pids):
            time.sleep(0.2)


# --- servers ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, what: str, timeout: float, process: subprocess.Popen | None = None, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}{_tail(log)}")
        try:
            result = check()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(0.25)
    raise RuntimeError(f"{what} was not ready after {timeout:.0f} s{_tail(log)}")


def _tail(log: Path | None, lines: int = 40) -> str:
    if log is None or not log.exists():
        return ""
    text = log.read_text(errors="replace").splitlines()[-lines:]
    return f"\n--- last {len(text)} lines of {log.name} ---\n" + "\n".join(text)


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def ensure_proxy(chp: Path) -> Path:
    """configurable-http-proxy from the npm registry, installed into .hub/ (never globally)."""
    if chp.exists():
        return chp
    if chp != CHP:
        raise SystemExit(f"--chp: no configurable-http-proxy at {chp}")
    npm = shutil.which("npm")
    if not npm:
        raise SystemExit("the hub test needs npm for configurable-http-proxy (Debian: apt-get install npm)")
    print(f"installing {CHP_PACKAGE} into {HUB_DIR.relative_to(ROOT)}/ with npm", flush=True)
    run = subprocess.run(
        [npm, "install", "--prefix", str(HUB_DIR), "--no-audit", "--no-fund", "--no-save", CHP_PACKAGE],
        capture_output=True, text=True,
    )  # fmt: skip
    if run.returncode != 0 or not chp.exists():
        raise SystemExit(f"npm could not install {CHP_PACKAGE}:\n{run.stdout}{run.stderr}")
    return chp


def make_course_repo(folder: Path, branch: str) -> str:
    """A bare repository holding this repository's HEAD as ``branch``; returns the commit."""
    bare = folder / REPO_NAME
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    subprocess.run(["git", "-C", str(bare), "fetch", "-q", str(ROOT), f"HEAD:refs/heads/{branch}"], check=True)
    subprocess.run(["git", "-C", str(bare), "symbolic-ref", "HEAD", f"refs/heads/{branch}"], check=True)
    return subprocess.run(
        ["git", "-C", str(bare), "rev-parse", "--short", branch], capture_output=True, text=True, check=True
    ).stdout.strip()


# --- one student -----------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    ok: bool = False
    error: str = ""
    seconds: dict = field(default_factory=dict)
    server_mb: float = 0.0
    kernel_mb: float = 0.0
    server_cpu: float = 0.0
    kernel_cpu: float = 0.0
    cells: int = 0
    helpers: str = ""

    @property
    def memory_mb(self) -> float:
        return self.server_mb + self.kernel_mb

    @property
    def cpu(self) -> float:
        return self.server_cpu + self.kernel_cpu


class Student:
    def __init__(
        self, name: str, hub: str, link: str, notebook: str, home: Path, timeout: float, stop: threading.Event
    ):
        import requests

        self.name, self.hub, self.link, self.notebook, self.home = name, hub, link, notebook, home
        self.deadline = time.monotonic() + timeout
        self.stop = stop
        self.http = requests.Session()
        self.result = Result(name)
        self.prefix = f"/user/{name}/"

    # HTTP through the hub's public address, as a browser would
    def _left(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0 or self.stop.is_set():
            raise StudentError("stopped" if self.stop.is_set() else "ran out of time")
        return left

    def get(self, url: str, **kw):
        kw.setdefault("timeout", (10, min(120, self._left())))
        return self.http.get(urljoin(self.hub, url), **kw)

    def _xsrf(self, prefix: str) -> str:
        """The _xsrf cookie that the hub (prefix /hub/) or the student's server set on a page load."""
        for c in self.http.cookies:
            if c.name == "_xsrf" and c.path.rstrip("/") == prefix.rstrip("/"):
                return c.value
        raise StudentError(f"no _xsrf cookie was set for {prefix}")

    def api(self, prefix: str) -> dict:
        """The headers of a page script's fetch() to an API: cookie auth, so the XSRF token goes along."""
        return {"Sec-Fetch-Mode": "cors", "Sec-Fetch-Site": "same-origin", "X-XSRFToken": self._xsrf(prefix)}

    def _expect(self, r, status: int, what: str) -> None:
        if r.status_code != status:
            raise StudentError(f"{what}: HTTP {r.status_code} at {urlsplit(r.url).path}: {r.text[:300]!r}")

    def _phase(self, name: str, t0: float) -> float:
        now = time.perf_counter()
        self.result.seconds[name] = now - t0
        return now

    def run(self) -> Result:
        try:
            self._run()
            self.result.ok = True
        except StudentError as e:
            self.result.error = str(e)
        except Exception as e:  # a network error, a bad answer: report it as this student's failure
            self.result.error = f"{type(e).__name__}: {e}"
        return self.result

    def _run(self) -> None:
        t = time.perf_counter()
        # 1. The link: not logged in yet, so the hub shows its login page.
        r = self.get(self.link, headers=NAV)
        self._expect(r, 200, "the link")
        form = re.search(r'<form action="([^"]*)"', r.text)
        xsrf = re.search(r'name="_xsrf" value="([^"]*)"', r.text)
        if not (form and xsrf and "/hub/login" in r.url):
            raise StudentError(f"the link did not lead to the hub's login page but to {r.url}")
        r = self.http.post(
            urljoin(r.url, html.unescape(form.group(1))),
            data={"username": self.name, "password": PASSWORD, "_xsrf": html.unescape(xsrf.group(1))},
            headers=NAV, timeout=(10, min(120, self._left())),
        )  # fmt: skip
        t = self._phase("login", t)
        # 2. The server is not running yet: the hub starts it (user-redirect does so at once; a
        #    'server not running' page offers a button instead), showing its spawn-pending page.
        for _ in range(3):
            page = urlsplit(r.url).path
            if page.startswith("/hub/user/"):
                button = re.search(r'href="([^"]*/hub/spawn/[^"]*)"', r.text)
                if r.status_code != 424 or not button:
                    raise StudentError(f"expected the hub's 'server not running' page, got HTTP {r.status_code} at {r.url}")  # fmt: skip
                r = self.get(html.unescape(button.group(1)), headers=NAV)
            elif page.startswith("/hub/spawn-pending/"):
                self._wait_for_server()
                after = re.search(r"next=([^&]+)", urlsplit(r.url).query)
                if not after:
                    raise StudentError(f"the spawn-pending page {r.url} names no next page")
                r = self.get(unquote(after.group(1)), headers=NAV)
            else:
                break
        t = self._phase("spawn", t)
        # 3. nbgitpuller's page, then the pull its script starts (the same event stream, same parameters).
        self._expect(r, 200, "nbgitpuller's page")
        if urlsplit(r.url).path != self.prefix + "git-pull" or "data-repo=" not in r.text:
            raise StudentError(f"the link did not open nbgitpuller's page but {r.url}")
        data = {k: unquote(html.unescape(v)) for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', r.text)}
        params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
        params.update({k: data[k] for k in ("depth", "branch", "backup") if k in data})
        events = []
        with self.get(
            data["base-url"] + "git-pull/api?" + urlencode(params), stream=True, headers=self.api(self.prefix)
        ) as stream:
            self._expect(stream, 200, "nbgitpuller's pull")
            for line in stream.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    event = json.loads(line[5:])
                    events.append(event)
                    if event.get("phase") == "error":
                        raise StudentError(f"the pull failed: {event.get('message')}\n{event.get('output', '')}")
                    if event.get("phase") == "finished":
                        break
        if not events or events[-1].get("phase") != "finished":
            raise StudentError("nbgitpuller's event stream ended before the pull finished")
        # Where the page then sends the student: that page, and the notebook in it, must exist.
        target = data["base-url"] + data["path"]
        self._expect(self.get(target, headers=NAV), 200, "the page the link opens")
        if not data["path"].startswith("lab/tree/"):
            raise StudentError(f"the link opens {data['path']!r}, not a notebook in JupyterLab")
        path = data["path"].removeprefix("lab/tree/")
        if not path.endswith("/" + self.notebook):
            raise StudentError(f"the link opens {path!r}, not {self.notebook}")
        r = self.get(f"{self.prefix}api/contents/{quote(path)}?content=0", headers=self.api(self.prefix))
        self._expect(r, 200, f"the notebook the link opens ({path})")
        t = self._phase("pull", t)
        # 4. Open the notebook (a session, as JupyterLab does) and Run All over the kernel's websocket.
        r = self.http.post(
            urljoin(self.hub, f"{self.prefix}api/sessions"),
            json={"path": path, "type": "notebook", "name": self.notebook, "kernel": {"name": "python3"}},
            headers=self.api(self.prefix), timeout=(10, min(120, self._left())),
        )  # fmt: skip
        self._expect(r, 201, "starting a kernel")
        session = r.json()
        nb = self.get(f"{self.prefix}api/contents/{quote(path)}", headers=self.api(self.prefix)).json()["content"]
        self._run_notebook(session["kernel"]["id"], nb)
        t = self._phase("run", t)
        # 5. Measure, then close the notebook's kernel as a student leaving it would.
        self._measure(session["kernel"]["id"])
        r = self.http.delete(
            urljoin(self.hub, f"{self.prefix}api/sessions/{session['id']}"),
            headers=self.api(self.prefix), timeout=(10, 60),
        )  # fmt: skip
        self._expect(r, 204, "shutting the kernel down")

    def _wait_for_server(self) -> None:
        """Follow the hub's progress stream (what the spawn-pending page shows) until the server is up."""
        with self.get(f"/hub/api/users/{self.name}/server/progress", stream=True, headers=self.api("/hub/")) as r:
            self._expect(r, 200, "the spawn progress")
            for line in r.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    event = json.loads(line[5:])
                    if event.get("failed"):
                        raise StudentError(f"the server did not start: {event.get('message')}")
                    if event.get("ready"):
                        return
        raise StudentError("the hub's progress stream ended before the server was ready")

    # the kernel protocol over the server's websocket (JSON messages; binary frames carry buffers)
    def _run_notebook(self, kernel_id: str, nb: dict) -> None:
        import websocket

        session_id = uuid.uuid4().hex
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies if self.prefix.startswith(c.path.rstrip("/") + "/"))  # fmt: skip
        hub = urlsplit(self.hub)
        url = f"ws://{hub.netloc}{self.prefix}api/kernels/{kernel_id}/channels?session_id={session_id}"
        ws = websocket.create_connection(
            url, cookie=cookies, header=["Sec-Fetch-Mode: websocket"], timeout=min(60, self._left())
        )
        try:
            self._request(ws, session_id, "kernel_info_request", {}, 120)
            cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
            for index, cell in enumerate(cells):
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                expected = "raises-exception" in cell.get("metadata", {}).get("tags", [])
                errors, _ = self._request(ws, session_id, "execute_request", _execute(source), 600)
                if errors and not expected:
                    raise StudentError(f"code cell {index + 1} of {self.notebook} raised {errors[0]}")
            self.result.cells = len(cells)
            probe = "import helpers, os; print(os.path.realpath(helpers.__file__))"
            errors, out = self._request(ws, session_id, "execute_request", _execute(probe), 60)
            self.result.helpers = out.strip()
            if errors or not self.result.helpers.startswith(str(self.home.resolve()) + os.sep):
                raise StudentError(f"the kernel imported helpers from {self.result.helpers or errors}, not from the pulled copy in {self.home}")  # fmt: skip
        finally:
            ws.close()

    def _request(self, ws, session_id: str, msg_type: str, content: dict, timeout: float) -> tuple[list[str], str]:
        """Send one shell request; wait for its reply and for the kernel to go idle. Returns (errors, stdout)."""
        import websocket

        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "username": self.name, "session": session_id, "msg_type": msg_type,
                  "version": "5.3", "date": datetime.now(timezone.utc).isoformat()}  # fmt: skip
        ws.send(json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                            "channel": "shell", "buffers": []}))  # fmt: skip
        deadline = min(self.deadline, time.monotonic() + timeout)
        reply, idle, errors, out = None, msg_type != "execute_request", [], []
        while reply is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0 or self.stop.is_set():
                raise StudentError(f"{msg_type} got no answer in {timeout:.0f} s" if left <= 0 else "stopped")
            ws.settimeout(min(1.0, left))
            try:
                opcode, frame = ws.recv_data()
            except websocket.WebSocketTimeoutException:
                continue
            msg = _decode(opcode, frame)
            if msg is None or msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, body = msg["header"]["msg_type"], msg["content"]
            if msg.get("channel") == "iopub":
                if kind == "error":
                    errors.append(f"{body.get('ename')}: {body.get('evalue')}")
                elif kind == "stream" and body.get("name") == "stdout":
                    out.append(body.get("text", ""))
                elif kind == "status" and body.get("execution_state") == "idle":
                    idle = True
            elif msg.get("channel") == "shell" and kind == msg_type.replace("_request", "_reply"):
                reply = body
                if body.get("status") == "error" and not errors:
                    errors.append(f"{body.get('ename')}: {body.get('evalue')}")
        return errors, "".join(out)

    def _measure(self, kernel_id: str) -> None:
        """Peak resident memory and CPU of this student's server and of the notebook's kernel, from /proc."""
        servers = [
            pid for pid in _all_pids()
            if any("jupyterhub-singleuser" in part for part in _cmdline(pid)[:2])
            and _environ(pid).get("JUPYTERHUB_USER") == self.name
        ]  # fmt: skip
        if len(servers) != 1:
            raise StudentError(f"expected one server process for {self.name}, found {servers}")
        server = servers[0]
        kernels = [
            pid for pid in _all_pids()
            if (st := _stat(pid)) and st["ppid"] == server and any(kernel_id in part for part in _cmdline(pid))
        ]  # fmt: skip
        if len(kernels) != 1:
            raise StudentError(f"expected one kernel process {kernel_id} under server {server}, found {kernels}")
        kernel = kernels[0]
        s, k = _stat(server), _stat(kernel)
        self.result.server_mb = _status_kb(server, "VmHWM") / 1024
        self.result.kernel_mb = _status_kb(kernel, "VmHWM") / 1024
        self.result.server_cpu = s["cpu"] + s["children_cpu"]  # children: the pull's git processes
        self.result.kernel_cpu = k["cpu"] + k["children_cpu"]


def _execute(code: str) -> dict:
    return {"code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}  # fmt: skip


def _decode(opcode: int, frame: bytes) -> dict | None:
    import websocket

    if opcode == websocket.ABNF.OPCODE_TEXT:
        return json.loads(frame)
    if opcode == websocket.ABNF.OPCODE_BINARY and len(frame) >= 8:  # [n][offsets...][json][buffers...]
        n = struct.unpack("!I", frame[:4])[0]
        offsets = struct.unpack("!" + "I" * n, frame[4 : 4 + 4 * n])
        end = offsets[1] if n > 1 else len(frame)
        return json.loads(frame[offsets[0] : end])
    return None


# --- the class -------------------------------------------------------------------------------------


def _positive(name: str, kind=int, low=1, high=None):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a number, got {text!r}") from None
        if value < low or (high is not None and value > high):
            limits = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise argparse.ArgumentTypeError(f"{name} must be {limits}, got {text!r}")
        return value

    return parse


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=_positive("--students", high=200), default=10, help="how many (default 10)")
    parser.add_argument("--notebook", default="01_differentiation.ipynb", help="the notebook each student runs")
    parser.add_argument("--concurrency", type=_positive("--concurrency"), default=None,
                        help="students at work at once (default: all of them)")  # fmt: skip
    parser.add_argument("--timeout", type=_positive("--timeout", float, 30), default=900,
                        help="seconds each student may take, from the first click (default 900)")  # fmt: skip
    parser.add_argument("--chp", type=Path, default=CHP, help="configurable-http-proxy to use (default: .hub/)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, homes) to look at")
    args = parser.parse_args(argv)
    notebooks = [file for file, *_ in links.SECTIONS]
    if args.notebook not in notebooks:
        parser.error(f"--notebook must be one of the course's notebooks ({', '.join(notebooks)}), got {args.notebook!r}")  # fmt: skip
    return args


def _summary(label: str, values: list[float], unit: str) -> str:
    return f"{label:<34} median {statistics.median(values):7.1f} {unit}   max {max(values):7.1f} {unit}"


def report(results: list[Result], wall: float, peak_mb: float, cpu_total: float) -> None:
    print(f"\n{'student':<12} {'login+spawn':>11} {'pull':>6} {'run':>6} {'server':>9} {'kernel':>9} {'both':>9} {'CPU':>7}")  # fmt: skip
    for r in results:
        if not r.ok:
            print(f"{r.name:<12} FAILED: {r.error}")
            continue
        s = r.seconds
        print(f"{r.name:<12} {s['login'] + s['spawn']:9.1f} s {s['pull']:4.1f} s {s['run']:4.1f} s "
              f"{r.server_mb:5.0f} MiB {r.kernel_mb:5.0f} MiB {r.memory_mb:5.0f} MiB {r.cpu:5.1f} s")  # fmt: skip
    ok = [r for r in results if r.ok]
    print()
    if ok:
        print(f"per student ({len(ok)} succeeded), peak resident memory and CPU seconds, from /proc:")
        print(_summary("  server (jupyterhub-singleuser)", [r.server_mb for r in ok], "MiB"))
        print(_summary("  kernel", [r.kernel_mb for r in ok], "MiB"))
        print(_summary("  server + kernel", [r.memory_mb for r in ok], "MiB"))
        print(_summary("  CPU, server + kernel", [r.cpu for r in ok], "s "))
        print(_summary("  time, click to notebook run", [sum(r.seconds.values()) for r in ok], "s "))
    print(f"{len(ok)} of {len(results)} students ran {ok[0].cells if ok else '?'} code cells without error")
    print(f"the hub test: total time {wall:.0f} s; CPU of everything it started {cpu_total:.0f} s; peak memory of "
          f"everything it started {peak_mb:.0f} MiB (resident memory summed over the processes)")  # fmt: skip


def _interrupt(signum, frame):
    raise KeyboardInterrupt  # SIGTERM (a CI time-out, kill PID) stops everything as Ctrl-C does


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    concurrency = min(args.concurrency or args.students, args.students)
    jupyterhub = Path(sys.executable).with_name("jupyterhub")
    singleuser = Path(sys.executable).with_name("jupyterhub-singleuser")
    for need in ("requests", "websocket", "jupyterhub", "nbgitpuller"):
        try:
            __import__(need)
        except ImportError:
            raise SystemExit(f"the hub test needs the Python package {need!r} in {sys.prefix} (pip install it)") from None  # fmt: skip
    if not (jupyterhub.exists() and singleuser.exists()):
        raise SystemExit(f"the hub test needs jupyterhub and jupyterhub-singleuser beside {sys.executable}")
    if not shutil.which("git"):
        raise SystemExit("the hub test needs git (Debian: apt-get install git)")
    chp = ensure_proxy(args.chp.resolve())

    previous = signal.signal(signal.SIGTERM, _interrupt)
    start = time.perf_counter()
    base = Path(tempfile.mkdtemp(prefix="hub-test-")).resolve()
    tracker = Tracker()
    hub = git = None
    stop = threading.Event()
    results: list[Result] = []
    status = 1
    try:
        branch = links.read_repo().branch
        commit = make_course_repo(base / "git", branch)
        git_port, port, api_port, proxy_port = (free_port() for _ in range(4))
        git_log = base / "git-daemon.log"
        with git_log.open("w") as log:
            git = subprocess.Popen(
                ["git", "daemon", "--reuseaddr", "--export-all", "--informative-errors", "--listen=127.0.0.1",
                 f"--port={git_port}", f"--base-path={base / 'git'}", str(base / "git")],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        tracker.add_root(git.pid)
        tracker.start()
        wait_for(lambda: _port_open(git_port), "git daemon", 30, git, git_log)
        repo_url = f"git://127.0.0.1:{git_port}/{REPO_NAME}"
        print(f"git server: {repo_url} (HEAD {commit} as {branch})", flush=True)

        hub_url = f"http://127.0.0.1:{port}"
        hub_log = base / "hub.log"
        env = dict(os.environ, COURSE_HUB_DIR=str(base / "hub"), COURSE_HUB_PORT=str(port),
                   COURSE_HUB_API_PORT=str(api_port), COURSE_HUB_PROXY_API_PORT=str(proxy_port),
                   COURSE_HUB_CHP=str(chp), COURSE_HUB_SINGLEUSER=str(singleuser))  # fmt: skip
        with hub_log.open("w") as log:
            hub = subprocess.Popen(
                [str(jupyterhub), "-f", str(HUB_CONFIG)], cwd=base, env=env,
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        tracker.add_root(hub.pid)

        def hub_up() -> bool:
            import requests

            try:
                return requests.get(f"{hub_url}/hub/api/", timeout=2).status_code == 200
            except requests.RequestException:
                return False

        wait_for(hub_up, "JupyterHub", 120, hub, hub_log)
        print(f"JupyterHub: {hub_url} (proxy {chp.name}, state in {base / 'hub'})", flush=True)

        link = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "links.py"), "nbgitpuller", hub_url, "--notebook", args.notebook,
             "--repo", repo_url, "--branch", branch],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        print(f"the link: {link}", flush=True)
        print(f"{args.students} students, {concurrency} at once, each running {args.notebook} ...", flush=True)

        gate = threading.Semaphore(concurrency)
        names = [f"student-{i:03d}" for i in range(1, args.students + 1)]
        homes = {name: base / "hub" / "home" / name for name in names}

        def work(name: str) -> None:
            with gate:
                result = Student(name, hub_url, link, args.notebook, homes[name], args.timeout, stop).run()
            results.append(result)
            print(f"  {name}: {'ok' if result.ok else 'FAILED: ' + result.error}", flush=True)

        threads = [threading.Thread(target=work, args=(name,), daemon=True) for name in names]
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            time.sleep(0.2)  # not join(): the main thread must stay free to take Ctrl-C and SIGTERM
        results.sort(key=lambda r: r.name)
        proxy = [pid for pid in tracker.living() if any("configurable-http-proxy" in a for a in _cmdline(pid)[:2])]
        print(f"the hub itself: {_status_kb(hub.pid, 'VmHWM') / 1024:.0f} MiB at its peak; the proxy: "
              f"{sum(_status_kb(pid, 'VmHWM') for pid in proxy) / 1024:.0f} MiB", flush=True)  # fmt: skip
        failed = [r for r in results if not r.ok]
        if failed:
            print(_tail(hub_log, 60))
        status = 0 if not failed and len(results) == args.students else 1
    except KeyboardInterrupt:
        print("\ninterrupted: stopping everything the hub test started", flush=True)
        status = 130
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print(f"hub test failed: {e}", flush=True)
        if isinstance(e, subprocess.CalledProcessError):
            print(e.stdout, e.stderr)
        status = 1
    finally:
        stop.set()
        # A second Ctrl-C or SIGTERM must not cut the clean-up short.
        interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            stop_everything(tracker, hub, git)
            stray = left_behind(tracker, base)
            if stray:  # not stopped through the hub or by its group: named by its pid, stopped, reported
                print("still running after the hub stopped, now stopped by pid:\n  " + "\n  ".join(f"{p} {a}" for p, a in stray))  # fmt: skip
                kill_pids([pid for pid, _ in stray])
                status = status or 1
            leftovers = left_behind(tracker, base)
        finally:
            signal.signal(signal.SIGINT, interrupt)
            signal.signal(signal.SIGTERM, previous)
        wall = time.perf_counter() - start
        if results:
            cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
            report(results, wall, tracker.peak_kb / 1024, cpu.ru_utime + cpu.ru_stime)
        started = len(tracker.seen)
        if leftovers:
            print(f"ps: {len(leftovers)} process(es) left behind:\n  " + "\n  ".join(f"{p} {a}" for p, a in leftovers))
            status = status or 1
        else:
            print(f"ps: none of the {started} processes the hub test started is left")
        if args.keep:
            print(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
