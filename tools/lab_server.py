"""A JupyterLab server on 127.0.0.1 over a copy of the notebooks, and headless Chromium to drive it.

Shared by the browser test (tests/test_browser.py) and the browser benchmark
(benchmarks/browser_latency.py). The server binds the loopback address with a token and isolated
settings; everything it started is stopped by its own ids (kernels, then the server process).
Needs Debian's chromium and the ``playwright`` package (Playwright drives the system Chromium; no
browser download).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
TOKEN = "course-browser-test"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

JS_KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}"""
JS_ALL_EXECUTED = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const cells = w.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type === 'code' && (c.executionCount === null || c.executionCount === undefined)) return false;
  }
  return true;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - loopback only
        return json.loads(r.read() or b"null")


@contextlib.contextmanager
def lab_server(base: Path, notebooks: Path = ROOT / "notebooks") -> Iterator[str]:
    """Start JupyterLab over a copy of ``notebooks`` in ``base``; yield its URL; stop it."""
    root = base / "root"
    shutil.copytree(notebooks, root)
    settings = base / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    # Without this the "get notified about Jupyter news?" toast covers part of every screenshot.
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_DATA_DIR=str(base / "data"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(base / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
        MPLBACKEND="module://matplotlib_inline.backend_inline",
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(base / "lab.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(f"{url}/api/status?token={TOKEN}")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start: see {base / 'lab.log'}") from None
                time.sleep(0.3)
        yield url
    finally:
        try:
            for kernel in get_json(f"{url}/api/kernels?token={TOKEN}") or []:
                req = urllib.request.Request(f"{url}/api/kernels/{kernel['id']}?token={TOKEN}", method="DELETE")
                urllib.request.urlopen(req, timeout=10)  # noqa: S310 - loopback only
        except OSError:
            pass
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)
        log.close()


@contextlib.contextmanager
def chromium(playwright_api) -> Iterator:
    """Headless Debian chromium through Playwright."""
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def main_slider(explorer):
    """The explorer's learning-rate slider when it has one (every run depends on it), else its first slider."""
    sliders = explorer.locator(".widget-slider")
    for i in range(sliders.count()):
        label = sliders.nth(i).locator(".widget-label").first.inner_text()
        if "λ" in label or "learning" in label:
            return sliders.nth(i)
    return sliders.first


def open_and_run(page, lab: str, name: str) -> None:
    """Open notebook ``name`` in JupyterLab, run all cells and wait for the kernel to be idle.
    The page may reach the server only."""
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith((lab, "data:", "blob:")) else r.abort())
    page.goto(f"{lab}/lab/tree/{name}?token={TOKEN}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_function(JS_KERNEL_IDLE, timeout=60_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(JS_ALL_EXECUTED, timeout=120_000, polling=500)
    page.wait_for_function(JS_KERNEL_IDLE, timeout=120_000)
