"""A local JupyterHub for trying the course as a class would, on 127.0.0.1 only.

tools/hub_test.py starts it with every path and port in environment variables; by hand:

    npm install --prefix .hub configurable-http-proxy@5.3.0
    .venv/bin/jupyterhub -f docs/hub/jupyterhub_config.py      # then open http://127.0.0.1:8000

Any user name and password log in (DummyAuthenticator); each student's server runs as the current
user (SimpleLocalProcessSpawner) with a home folder of its own under COURSE_HUB_DIR/home/, which is
also the server's notebook_dir, so nbgitpuller clones the course there. For testing only: nothing
separates one student from another. A real class hub is configured as in docs/hub/z2jh-config.yaml.
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

ROOT = Path(__file__).resolve().parents[2]
STATE = Path(os.environ.get("COURSE_HUB_DIR", ROOT / ".hub" / "state")).resolve()
STATE.mkdir(parents=True, exist_ok=True)
PORT = int(os.environ.get("COURSE_HUB_PORT", "8000"))
HUB_PORT = int(os.environ.get("COURSE_HUB_API_PORT", "8081"))
PROXY_API_PORT = int(os.environ.get("COURSE_HUB_PROXY_API_PORT", "8001"))
CHP = os.environ.get("COURSE_HUB_CHP", str(ROOT / ".hub" / "node_modules" / ".bin" / "configurable-http-proxy"))
SINGLEUSER = os.environ.get("COURSE_HUB_SINGLEUSER", str(Path(sys.executable).with_name("jupyterhub-singleuser")))

# Loopback only: the public proxy, the hub's own API and the proxy's API.
c.JupyterHub.bind_url = f"http://127.0.0.1:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{HUB_PORT}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.command = [CHP]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

# All of the hub's state in one folder.
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server
c.JupyterHub.cleanup_proxy = True

c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.notebook_dir = str(STATE / "home" / "{username}")
c.Spawner.cmd = [SINGLEUSER]
c.Spawner.default_url = "/lab"
if os.getuid() == 0:  # containers and CI run as root; Jupyter refuses to unless told
    c.Spawner.args = ["--ServerApp.allow_root=True"]
# Ten servers starting at once on two cores take longer than the default 60 s.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
# The spawner passes on only a few variables; keep the machine's numerical-library settings as they
# are (whatever this machine sets for every other test), neither adding nor removing any.
c.Spawner.env_keep = [
    "PATH", "LANG", "LC_ALL", "VIRTUAL_ENV", "JUPYTERHUB_SINGLEUSER_APP",
    *sorted(k for k in os.environ if k.startswith(("OPENBLAS_", "OMP_", "MKL_", "NPY_"))),
]  # fmt: skip
