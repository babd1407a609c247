"""The example Zero to JupyterHub config (docs/hub/z2jh-config.yaml) and the local test hub.

The chart rejects keys its values schema does not know, and a wrong type fails `helm upgrade`; here
every key path of the example must be one of the chart's documented settings listed below, each
value of the type the setting takes, and the resource figures must cover what docs/instructors.md
says one student measurably needs. The image must be the one repo2docker builds from this
repository (its plan is read with --no-build: no Docker needed), and the idle-kernel culling the
guide asks for must be settings jupyter_server really has.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML reads the config (installed with the test tools)")

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "docs" / "hub" / "z2jh-config.yaml"
LOCAL_HUB = ROOT / "docs" / "hub" / "jupyterhub_config.py"
GUIDE = ROOT / "docs" / "instructors.md"
REPO2DOCKER = shutil.which("repo2docker", path=str(Path(sys.executable).parent))
CLASS = 200  # the class the guide sizes

# Key paths the example may use, each a setting documented in the chart's configuration reference
# (z2jh.jupyter.org, "Configuration Reference"; the same names as the chart's values.schema.yaml).
# `*` is one key the user chooses (an environment variable, a file's name in extraFiles).
ALLOWED = [
    "singleuser.image.name",  # singleuser.image.name: the user pods' image
    "singleuser.image.tag",  # singleuser.image.tag: its tag
    "singleuser.defaultUrl",  # singleuser.defaultUrl: KubeSpawner.default_url, the page a server opens on
    "singleuser.memory.guarantee",  # singleuser.memory.guarantee: the pod's memory request
    "singleuser.memory.limit",  # singleuser.memory.limit: the pod's memory limit
    "singleuser.cpu.guarantee",  # singleuser.cpu.guarantee: the pod's CPU request
    "singleuser.cpu.limit",  # singleuser.cpu.limit: the pod's CPU limit
    "singleuser.extraEnv.*",  # singleuser.extraEnv: extra environment variables of the user pods
    "singleuser.extraFiles.*.mountPath",  # singleuser.extraFiles: a file mounted into the user pods, its path
    "singleuser.extraFiles.*.data",  # ... and its content as a mapping, written as JSON for a .json path
    "singleuser.storage.capacity",  # singleuser.storage.capacity: each user's home volume
    "cull.enabled",  # cull.enabled: run jupyterhub-idle-culler as a hub service
    "cull.timeout",  # cull.timeout: the culler's --timeout, seconds of inactivity before a server stops
    "cull.every",  # cull.every: the culler's --cull-every, seconds between checks
]
# Below these the content is free-form (environment values, a file's content): checked on its own.
FREE_FORM = ["singleuser.extraEnv.*", "singleuser.extraFiles.*.data"]

_QUANTITY = {"": 1, "k": 10**3, "M": 10**6, "G": 10**9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def key_paths(node: dict, prefix: str = "") -> list[str]:
    """Every key path of ``node`` down to a leaf or to a free-form setting."""
    paths = []
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and value and not any(_matches(path, free) for free in FREE_FORM):
            paths.extend(key_paths(value, path))
        else:
            paths.append(path)
    return paths


def _matches(path: str, pattern: str) -> bool:
    parts, wanted = path.split("."), pattern.split(".")
    return len(parts) == len(wanted) and all(fnmatch.fnmatchcase(p, w) for p, w in zip(parts, wanted))


def undocumented(values: dict) -> list[str]:
    return [path for path in key_paths(values) if not any(_matches(path, allowed) for allowed in ALLOWED)]


def quantity(text) -> int:
    """A Kubernetes memory quantity (512Mi, 2G, 1073741824) in bytes."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(k|M|G|Ki|Mi|Gi)?", str(text))
    if not m:
        raise ValueError(f"not a Kubernetes memory quantity: {text!r}")
    return int(float(m.group(1)) * _QUANTITY[m.group(2) or ""])


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def measured() -> dict:
    """The figures of docs/instructors.md: the per-notebook kernel table and the hub test's table (MiB)."""
    text = GUIDE.read_text(encoding="utf-8")
    rows = re.findall(r"^\| (0\d) [^|]+\| ([\d.]+) s \| (\d+) MiB \| (\d+) MiB \|$", text, re.MULTILINE)
    server = re.search(r"^\| server \(jupyterhub-singleuser\) \| (\d+) MiB \| (\d+) MiB \|$", text, re.MULTILINE)
    assert len(rows) == 9, "docs/instructors.md must keep its table of the nine notebooks (CPU s | peak MiB | idle MiB)"
    assert server, "docs/instructors.md must keep the hub test's row: | server (jupyterhub-singleuser) | median | max |"
    return {
        "notebooks": [row[0] for row in rows],
        "peak": [int(row[2]) * 2**20 for row in rows],
        "idle": [int(row[3]) * 2**20 for row in rows],
        "server": int(server.group(2)) * 2**20,
        "text": text,
    }


# --- keys and types ---------------------------------------------------------------------------------


def test_every_key_is_a_documented_setting(values):
    paths = key_paths(values)
    assert len(paths) >= 12
    assert undocumented(values) == []


def test_an_undocumented_key_is_caught():
    typo = {"singleuser": {"memory": {"limt": "2Gi"}, "extraEnv": {"A": "1"}}, "cul": {"enabled": True}}
    assert undocumented(typo) == ["singleuser.memory.limt", "cul.enabled"]


def test_values_have_the_types_the_settings_take(values):
    su = values["singleuser"]
    for key in ("guarantee", "limit"):
        assert isinstance(su["memory"][key], str) and quantity(su["memory"][key]) > 0
        assert isinstance(su["cpu"][key], (int, float)) and not isinstance(su["cpu"][key], bool)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in su["extraEnv"].items()), "env values are strings"
    assert values["cull"]["enabled"] is True
    assert all(isinstance(values["cull"][k], int) and values["cull"][k] > 0 for k in ("timeout", "every"))
    assert values["cull"]["every"] < values["cull"]["timeout"]
    assert re.fullmatch(r"\d+(Mi|Gi)", su["storage"]["capacity"])


def test_quantity_reads_kubernetes_units():
    assert quantity("512Mi") == 512 * 2**20 and quantity("2G") == 2 * 10**9 and quantity(1024) == 1024
    with pytest.raises(ValueError, match="'2 GB'"):
        quantity("2 GB")


def test_jupyterlab_and_one_blas_thread(values):
    su = values["singleuser"]
    assert su["defaultUrl"] == "/lab"
    assert su["extraEnv"]["OMP_NUM_THREADS"] == "1"
    assert su["extraEnv"]["OPENBLAS_NUM_THREADS"] == "1"


# --- the figures ------------------------------------------------------------------------------------


def test_the_guide_measures_all_nine_notebooks(measured):
    assert measured["notebooks"] == [f"{i:02d}" for i in range(1, 10)]
    assert all(100 * 2**20 < peak < 1024 * 2**20 for peak in measured["peak"])
    assert all(idle <= peak for idle, peak in zip(measured["idle"], measured["peak"]))


def test_memory_covers_a_student_with_one_notebook_and_with_all_nine(values, measured):
    one = measured["server"] + max(measured["peak"])  # a student's server and the largest kernel at its peak
    nine = measured["server"] + sum(measured["idle"])  # every kernel left running
    guarantee = quantity(values["singleuser"]["memory"]["guarantee"])
    limit = quantity(values["singleuser"]["memory"]["limit"])
    assert guarantee >= one, f"the guarantee {guarantee / 2**20:.0f} MiB is below one notebook's {one / 2**20:.0f} MiB"
    assert limit >= 1.5 * one, "the limit leaves less than 50% headroom over one notebook"
    assert limit >= nine, f"nine open kernels ({nine / 2**20:.0f} MiB) would not fit under the limit"


def test_cpu_figures(values):
    cpu = values["singleuser"]["cpu"]
    assert 0 < cpu["guarantee"] <= cpu["limit"]
    assert cpu["limit"] >= 1  # a kernel runs one BLAS thread: one core is all a student can use


def test_the_guide_sizes_the_class_from_the_config(values, measured):
    guarantee = quantity(values["singleuser"]["memory"]["guarantee"])
    cpu = values["singleuser"]["cpu"]["guarantee"]
    text = measured["text"]
    gib = f"{CLASS * guarantee / 2**30:.0f} GiB"
    cores = f"{CLASS * cpu:g} cores"
    assert gib in text, f"the guide's class of {CLASS} must state {gib} of guaranteed memory"
    assert cores in text, f"the guide's class of {CLASS} must state {cores} of guaranteed CPU"
    for key in ("guarantee", "limit"):
        assert f"`{values['singleuser']['memory'][key]}`" in text, f"the guide must name memory.{key}"


# --- idle kernels -----------------------------------------------------------------------------------


def test_kernel_culling_is_a_file_jupyter_server_reads(values):
    jupyter_core_paths = pytest.importorskip("jupyter_core.paths")
    kernelmanager = pytest.importorskip("jupyter_server.services.kernels.kernelmanager")
    from traitlets.config import Config

    (file,) = values["singleuser"]["extraFiles"].values()
    mount = Path(file["mountPath"])
    assert mount.name == "jupyter_server_config.json"  # .json: the chart writes data as JSON
    assert str(mount.parent) in jupyter_core_paths.SYSTEM_CONFIG_PATH
    data = file["data"]
    assert set(data) == {"ServerApp", "MappingKernelManager"}
    known = kernelmanager.MappingKernelManager.class_traits(config=True)
    assert set(data["MappingKernelManager"]) <= set(known)
    kernels = {"MappingKernelManager": data["MappingKernelManager"]}
    # the class the server really runs reads the section, each value of its trait's type
    manager = kernelmanager.AsyncMappingKernelManager(config=Config(json.loads(json.dumps(kernels))))
    for key, value in data["MappingKernelManager"].items():
        assert getattr(manager, key) == value
    assert manager.cull_idle_timeout > 0 and manager.cull_interval < manager.cull_idle_timeout


def test_the_server_opens_on_the_students_home_volume(values):
    serverapp = pytest.importorskip("jupyter_server.serverapp")

    (file,) = values["singleuser"]["extraFiles"].values()
    server = file["data"]["ServerApp"]
    assert set(server) <= set(serverapp.ServerApp.class_traits(config=True))
    # the chart mounts each student's volume at singleuser.storage.homeMountPath, /home/jovyan by
    # default (repo2docker's user, named in the build command); the image's working directory is elsewhere
    assert server["root_dir"] == "/home/jovyan"
    cmd = build_command()
    assert cmd[cmd.index("--user-name") + 1] == "jovyan"
    assert not cmd[cmd.index("--target-repo-dir") + 1].startswith("/home/")


def test_the_guide_states_the_same_kernel_culling(values, measured):
    (file,) = values["singleuser"]["extraFiles"].values()
    for key, value in file["data"]["MappingKernelManager"].items():
        if key.startswith("cull_") and isinstance(value, int) and not isinstance(value, bool):
            assert f"{key} = {value}" in measured["text"], f"docs/instructors.md must state {key} = {value}"


# --- the image --------------------------------------------------------------------------------------


def build_command() -> list[str]:
    """The repo2docker command written in the config's comments."""
    lines = [line.strip("# ").strip() for line in CONFIG.read_text().splitlines() if line.lstrip("# ").startswith("repo2docker ")]  # fmt: skip
    assert len(lines) == 1, "the config must give the one repo2docker command that builds its image"
    return shlex.split(lines[0])


def test_the_image_is_the_one_the_build_command_names(values):
    cmd = build_command()
    image = values["singleuser"]["image"]
    assert cmd[cmd.index("--image-name") + 1] == f"{image['name']}:{image['tag']}"
    assert cmd[-1] == ".", "repo2docker builds the repository it runs in"
    assert "example" in image["name"], "the image name is a placeholder the instructor replaces"
    assert cmd[cmd.index("--user-id") + 1] == "1000"  # the chart's singleuser.uid default
    assert "--target-repo-dir" in cmd


@pytest.mark.skipif(REPO2DOCKER is None, reason="needs jupyter-repo2docker (requirements-test.txt)")
def test_repo2docker_builds_the_image_from_this_repository():
    cmd = [REPO2DOCKER, *[arg for arg in build_command()[1:] if arg != "--push"]]
    run = subprocess.run([*cmd[:-1], "--no-build", cmd[-1]], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    plan = run.stdout + run.stderr
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in plan
    assert "RUN ./postBuild" in plan
    assert "COPY --chown=1000:1000 src/ ${REPO_DIR}/" in plan
    # the server the hub starts in each pod: repo2docker's base environment for environment.yml's Python
    python = re.search(r"^  - python=(\d+\.\d+)", (ROOT / "environment.yml").read_text(), re.MULTILINE).group(1)
    lock = (
        Path(importlib.util.find_spec("repo2docker").origin).parent
        / "buildpacks"
        / "conda"
        / f"environment.py-{python}-linux-64.lock"
    )
    assert re.search(r"/jupyterhub-singleuser-5\.", lock.read_text()), "the chart's JupyterHub 5 needs singleuser 5"


def test_the_image_has_nbgitpuller():
    # repo2docker installs environment.yml (and ignores requirements.txt when it is there): without
    # nbgitpuller in it, every student's link ends on a 404 instead of pulling the course.
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+- nbgitpuller\b", text, re.MULTILINE), "environment.yml must install nbgitpuller"


# --- the local test hub (tools/hub_test.py) ---------------------------------------------------------


def load_local_hub(tmp_path, monkeypatch):
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("COURSE_HUB_DIR", str(tmp_path / "state"))
    for name, port in [("PORT", 18000), ("API_PORT", 18001), ("PROXY_API_PORT", 18002)]:
        monkeypatch.setenv(f"COURSE_HUB_{name}", str(port))
    return PyFileConfigLoader(LOCAL_HUB.name, path=str(LOCAL_HUB.parent)).load_config()


def test_the_local_hub_listens_on_loopback_only(tmp_path, monkeypatch):
    c = load_local_hub(tmp_path, monkeypatch)
    assert c.JupyterHub.bind_url == "http://127.0.0.1:18000"
    assert c.JupyterHub.hub_bind_url == "http://127.0.0.1:18001"
    assert c.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:18002"
    assert c.JupyterHub.db_url == f"sqlite:///{(tmp_path / 'state' / 'jupyterhub.sqlite').resolve()}"


def test_the_local_hub_gives_each_student_a_home_and_jupyterlab(tmp_path, monkeypatch):
    c = load_local_hub(tmp_path, monkeypatch)
    home = str((tmp_path / "state" / "home" / "{username}").resolve())
    assert c.SimpleLocalProcessSpawner.home_dir_template == home
    assert c.Spawner.notebook_dir == home
    assert c.Spawner.default_url == "/lab"
    assert (c.JupyterHub.authenticator_class, c.JupyterHub.spawner_class) == ("dummy", "simple")


def test_the_local_hub_sets_no_numerical_library_variable(tmp_path, monkeypatch):
    c = load_local_hub(tmp_path, monkeypatch)  # what the machine sets is passed on (env_keep), never invented
    assert not any(k.startswith(("OPENBLAS_", "NPY_", "OMP_")) for k in c.Spawner.get("environment", {}))


def _hub_test():
    sys.path.insert(0, str(ROOT / "tools"))
    import hub_test

    return hub_test


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--students", "0"], "--students must be between 1 and 200, got '0'"),
        (["--students", "ten"], "--students must be a number, got 'ten'"),
        (["--timeout", "5"], "--timeout must be at least 30, got '5'"),
        (["--notebook", "10_extra.ipynb"], "got '10_extra.ipynb'"),
    ],
)
def test_the_hub_test_refuses_bad_arguments(args, named, capsys):
    with pytest.raises(SystemExit):
        _hub_test().parse_args(args)
    assert named in capsys.readouterr().err


def test_the_hub_test_reads_the_kernels_binary_frames():
    websocket = pytest.importorskip("websocket")
    base = pytest.importorskip("jupyter_server.services.kernels.connection.base")

    hub_test = _hub_test()
    msg = {"header": {"msg_type": "comm_msg"}, "parent_header": {"msg_id": "abc"}, "content": {"a": 1}, "channel": "iopub"}  # fmt: skip
    frame = base.serialize_binary_message({**msg, "buffers": [b"\x00\x01\x02", b"xyz"]})  # as the server sends it
    assert hub_test._decode(websocket.ABNF.OPCODE_BINARY, frame) == msg
    assert hub_test._decode(websocket.ABNF.OPCODE_TEXT, json.dumps(msg)) == msg
    assert hub_test._decode(websocket.ABNF.OPCODE_PING, b"") is None


def test_the_hub_test_stops_every_process_it_started(tmp_path):
    """A stand-in for the hub: a process that starts a child in a session of its own (as the hub starts
    each student's server), and one more that only names the test's folder. All are found and stopped."""
    import os
    import time

    hub_test = _hub_test()
    script = f"setsid sleep 300 & echo $! > {tmp_path / 'child'}; exec sleep 300"
    hub = subprocess.Popen(["bash", "-c", script], start_new_session=True)
    stray = subprocess.Popen(["sleep", "301"], env={"HOME": str(tmp_path), "PATH": os.environ["PATH"]})
    tracker = hub_test.Tracker()
    try:
        tracker.add_root(hub.pid)
        deadline = time.monotonic() + 10
        while not (tmp_path / "child").exists() or not (tmp_path / "child").read_text().strip():
            assert time.monotonic() < deadline, "the stand-in hub did not start its child"
            time.sleep(0.05)
        child = int((tmp_path / "child").read_text())
        tracker.scan()
        assert tracker.alive(child), "a child in its own session is still recorded as the hub's"
        found = {pid for pid, _ in hub_test.left_behind(tracker, tmp_path)}
        assert {hub.pid, child, stray.pid} <= found
        hub_test.stop_everything(tracker, hub, None)
        assert not tracker.alive(child) and hub.poll() is not None
        assert [pid for pid, _ in hub_test.left_behind(tracker, tmp_path)] == [stray.pid]
        hub_test.kill_pids([stray.pid])
        stray.wait(timeout=10)
        assert hub_test.left_behind(tracker, tmp_path) == []
    finally:
        for process in (hub, stray):
            if process.poll() is None:
                process.kill()
                process.wait()
