"""End to end in a real browser: JupyterLab + headless Chromium, every notebook, every explorer.

For each notebook: open it in JupyterLab, run all cells, wait for the kernel to be idle, assert
that no cell shows an error or warning and that the page holds one explorer per explorer call in
the notebook's code. Each explorer must open where the notebook says: every slider's live readout
shows the value the call asked for (ipywidgets 8 snaps values to the slider's grid as it draws),
and the status line is the one stored in the notebook. Then one slider of each explorer is moved,
and its readout, its status line and its figure must change; no label (the Korean ones included) may
be cut off. Notebook 03, in both editions, also runs at 900 px wide with the file browser open: no
control or readout may stick out of the notebook or be cut off, and a 0 typed into a readout must
land on 0. Screenshots are kept in artifacts/browser/ for people to look at.

Needs Debian's chromium (``/usr/bin/chromium``) and the ``playwright`` Python package (no browser
download: Playwright drives the system Chromium). Skipped with a message when either is missing.
The server binds 127.0.0.1 with a token; the page may not reach any other address.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from pathlib import Path

import pytest
from test_widgets_calls import explorer_calls  # the calls are read out of the notebooks the same way

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from lab_server import CHROMIUM, JS_KERNEL_IDLE, chromium, lab_server, main_slider, open_and_run  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# The Korean edition too: its kernel speaks Korean (the setup cell's language line), so its status
# lines, compared with the ones stored in the Korean notebooks, are the Korean ones.
BOTH_EDITIONS = NOTEBOOKS + sorted((ROOT / "notebooks" / "ko").glob("*.ipynb"))
ARTIFACTS = ROOT / "artifacts" / "browser"

playwright_api = pytest.importorskip("playwright.sync_api", reason="the browser test needs `pip install playwright`")
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"the browser test needs Debian's chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True
    )

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 over a copy of the notebooks, with isolated settings."""
    with lab_server(tmp_path_factory.mktemp("lab")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium(playwright_api) as b:
        yield b


def _settle(page, explorer, seconds: float = 0.8, timeout: float = 30.0) -> str:
    """Wait until the kernel is idle and the explorer's image has not changed for `seconds`.

    With continuous updates every key press re-runs the callback, so the first new image may
    belong to an intermediate value; only a quiet image is compared.
    """
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_function(JS_KERNEL_IDLE, timeout=timeout * 1000)
        src = explorer.locator(".widget-output img").first.get_attribute("src") or ""
        if src != last:
            last, since = src, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return src
        time.sleep(0.1)
    raise AssertionError("the explorer's figure did not settle")


def _status(explorer) -> str:
    return explorer.locator(".widget-output .jp-RenderedText pre").last.inner_text()


def _stored_statuses(path: Path) -> list[str]:
    """The status line stored under each explorer call, in order (the notebook's executed text output)."""
    statuses = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code" and "explore(" in "".join(cell["source"]):
            streams = ["".join(o["text"]) for o in cell.get("outputs", []) if o["output_type"] == "stream"]
            statuses.append(streams[-1].strip() if streams else None)
    return statuses


def _lang(path: Path) -> str:
    """The notebook's edition: ``"ko"`` for notebooks/ko/, else ``"en"``."""
    return "ko" if path.parent.name == "ko" else "en"


def _requested_readouts(name: str, args: tuple, kwargs: dict, lang: str = "en") -> dict[str, float]:
    """Slider description -> the number its readout must show, from the explorer built as the notebook does
    (in the notebook's edition, whose language the labels speak)."""
    import ipywidgets as widgets

    import helpers.widgets as explorers
    from helpers.i18n import edition

    with contextlib.redirect_stdout(io.StringIO()), edition(lang):  # outside a kernel the Output widget prints
        ex = getattr(explorers, name)(*args, **kwargs)
    shown = {}
    for control in ex.controls.values():
        if isinstance(control, widgets.SelectionSlider):
            shown[control.description] = float(control.value)
        elif isinstance(control, widgets.FloatSlider | widgets.FloatLogSlider | widgets.IntSlider):
            shown[control.description] = float(format(control.value, control.readout_format))
    return shown


JS_READOUTS = """(ex) => Array.from(ex.querySelectorAll('.widget-slider')).map(s => [
  s.querySelector('.widget-label').innerText, s.querySelector('.widget-readout').innerText])"""


JS_READOUTS_DRAWN = """(ex) => Array.from(ex.querySelectorAll('.widget-slider .widget-readout'))
  .every(r => r.innerText.trim() !== '')"""


def _readouts(explorer) -> dict[str, float]:
    # On a loaded machine a readout can still be empty for a moment after the figure settled.
    explorer.page.wait_for_function(JS_READOUTS_DRAWN, arg=explorer.element_handle(), timeout=30_000)
    # d3-format writes a minus sign (U+2212), not a hyphen.
    return {label: float(text.replace("\u2212", "-")) for label, text in explorer.evaluate(JS_READOUTS)}


def _name(path: Path) -> str:
    """The notebook's path in the server's root (a copy of notebooks/): ``ko/NN_name.ipynb`` in Korean."""
    return path.relative_to(ROOT / "notebooks").as_posix()


def _button_texts(lang: str) -> tuple[str, str]:
    """The classifier's button before training and after it, in the edition's language."""
    from helpers.widgets.networks import tr

    return tr("Train", lang=lang), tr("Trained", lang=lang)


def _open_and_run(page, lab: str, path: Path) -> None:
    open_and_run(page, lab, _name(path))
    stderr = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert stderr.count() == 0, f"{path.name}: a cell shows an error or warning: {stderr.first.inner_text()[:300]}"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=_name)
def test_notebook_runs_and_explorers_respond(lab, browser, path):
    calls = explorer_calls(path)
    stored = _stored_statuses(path)
    train, trained = _button_texts(_lang(path))
    assert calls, f"{path.name} calls no explorer"
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        _open_and_run(page, lab, path)
        explorers = page.locator(".course-explorer")
        assert explorers.count() == len(calls), f"{path.name}: {explorers.count()} explorers for {len(calls)} calls"
        for i, (name, args, kwargs) in enumerate(calls):
            ex = explorers.nth(i)
            ex.scroll_into_view_if_needed()
            assert ex.locator(".widget-output img").count() == 1, "one figure per explorer, never a pile"
            before_img = _settle(page, ex)
            # It opens where the notebook says: the requested values, and the stored status line.
            requested = _requested_readouts(name, args, kwargs, _lang(path))
            assert requested and _readouts(ex) == requested, f"{path.name} {name}: readouts"
            # Every label fits its box (a Korean one too), and no control sticks out of the notebook.
            assert ex.evaluate(JS_CLIPPED) == [], f"{path.name} {name}: at 1400 px"
            before_status = _status(ex)
            # JupyterLab breaks printed text anywhere; the explorer's status wraps between words.
            pre = ex.locator(".widget-output .jp-RenderedText pre").last
            assert pre.evaluate("e => getComputedStyle(e).wordBreak") == "normal", f"{path.name} {name}"
            if stored[i] is not None:
                assert before_status.strip() == stored[i], f"{path.name} {name}: the status is not the notebook's"
            slider = main_slider(ex)
            before_readout = slider.locator(".widget-readout").inner_text()
            slider.locator(".noUi-handle").first.focus()
            for key in ("ArrowRight", "ArrowLeft"):  # left when the slider starts at its maximum
                for _ in range(3):
                    page.keyboard.press(key)
                if slider.locator(".widget-readout").inner_text() != before_readout:
                    break
            button = ex.locator("button", has_text=train)
            if button.count():
                page.wait_for_function(JS_KERNEL_IDLE, timeout=30_000)  # the button says "changed" now
                assert ex.evaluate(JS_CLIPPED) == [], f"{path.name} {name}: {button.first.inner_text()!r}"
                button.first.click()
            after_img = _settle(page, ex)
            assert slider.locator(".widget-readout").inner_text() != before_readout, f"{path.name} explorer {i}"
            assert after_img != before_img, f"{path.name} explorer {i}: the figure did not change"
            assert _status(ex) != before_status, f"{path.name} explorer {i}: the status line did not change"
            assert ex.locator(".widget-output img").count() == 1
            if button.count():
                assert button.first.inner_text().strip() == trained and button.first.is_disabled()
        assert not errors, errors
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{_name(path)[:-6].replace('/', '_')}.png"), full_page=False)
        page.close()


JS_CLIPPED = """(ex) => {
  const nb = ex.closest('.jp-Notebook');
  const box = nb.getBoundingClientRect();
  const right = box.left + nb.clientWidth;  // without the scroll bar
  const parts = ex.querySelectorAll(
    '.widget-slider, .widget-dropdown, .widget-text, .widget-button, .widget-readout, .widget-label, .widget-output img');
  const bad = [];
  for (const el of parts) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    const text = (el.innerText || el.className).slice(0, 40);
    if (r.left < box.left - 0.5 || r.right > right + 0.5) bad.push(`${text}: ${r.left}..${r.right} outside ${box.left}..${right}`);
    if (el.classList.contains('overflow') || el.scrollWidth > el.clientWidth + 1) bad.push(`${text}: cut off`);
  }
  return bad;
}"""


# Two columns of controls and two start sliders, in both editions (Korean labels are wider per letter).
NARROW = [p for p in BOTH_EDITIONS if p.name.startswith("03_")]


@pytest.mark.parametrize("path", NARROW, ids=_name)
def test_narrow_notebook_wraps_controls_and_cuts_nothing_off(lab, browser, path):
    """900 px wide with the file browser open (JupyterLab on a laptop): every control is whole and in sight."""
    page = browser.new_page(viewport={"width": 900, "height": 900})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        _open_and_run(page, lab, path)
        page.evaluate("() => window.jupyterapp.shell.activateById('filebrowser')")
        assert page.evaluate("() => !window.jupyterapp.shell.leftCollapsed"), "the file browser is open"
        explorers = page.locator(".course-explorer")
        assert explorers.count() == len(explorer_calls(path))
        for i in range(explorers.count()):
            ex = explorers.nth(i)
            ex.scroll_into_view_if_needed()
            _settle(page, ex)
            assert ex.evaluate(JS_CLIPPED) == [], f"{path.name} explorer {i} at 900 px"
            # A typed 0 lands on 0, not on the grid point next to it.
            x0 = ex.locator(".widget-slider", has_text="x₀").first
            readout = x0.locator(".widget-readout")
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type("0")
            page.keyboard.press("Enter")
            _settle(page, ex)
            assert readout.inner_text().replace("\u2212", "-") == "0.00", readout.inner_text()
            ex.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"{_name(path)[:-6].replace('/', '_')}-900px.png"), full_page=False)
    finally:
        page.close()
