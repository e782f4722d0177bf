"""Real processes for the production-stack tests: a private PostgreSQL cluster and Redis server
(so restarting or stopping them never touches the suite's own), gunicorn instances with the
production settings, and a small HTTP client that keeps its own cookies.

Everything listens on 127.0.0.1 only, on free ports.
"""

import http.client
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
SECRET_KEY = "stack-test-key-" + "x" * 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout, what, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with suppress(Exception):
            if predicate():
                return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _pg_bindir() -> Path:
    with suppress(FileNotFoundError, subprocess.CalledProcessError):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True)
        bindir = Path(out.stdout.strip())
        if (bindir / "initdb").exists():
            return bindir
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    return found[-1].parent


class PrivatePostgres:
    """A throw-away PostgreSQL cluster in a temporary folder, on its own port.

    PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
    """

    def __init__(self):
        self.bindir = _pg_bindir()
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "postgres.log"
        self.as_user = None
        if os.geteuid() == 0:
            self.as_user = "postgres"
            entry = pwd.getpwnam("postgres")
            os.chown(self.base, entry.pw_uid, entry.pw_gid)

    def _run(self, *args, check=True):
        command = [str(a) for a in args]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check)

    def init(self):
        self._run(
            self.bindir / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        return self

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.base} -c fsync=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        self._run(
            self.bindir / "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.log,
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        return self

    def stop(self, mode="fast"):
        self._run(self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def restart(self, mode="immediate"):
        """Like a crash and a restart of the database server: every connection is cut."""
        self.stop(mode)
        self.start()

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, sql, db="postgres"):
        out = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                db,
                "-v",
                "ON_ERROR_STOP=1",
                "-At",
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()

    def destroy(self):
        self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                tempfile.gettempdir(),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.ping, 20, "redis-server")
        return self

    def ping(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")

    def flush(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
            s.sendall(b"FLUSHALL\r\n")
            s.recv(16)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def url(self, index=0):
        return f"redis://127.0.0.1:{self.port}/{index}"


def stack_env(*, database_url, redis_url, static_root, **extra):
    """The environment of a production process (web or worker) of this test stack."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(static_root),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        # The suite's own PostgreSQL settings must not leak into the stack's processes.
        "CONN_MAX_AGE": "60",
    }
    env.pop("FAIL_ON_SKIP", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(env, *args, timeout=300):
    return subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    ).stdout


class Gunicorn:
    """One web process group, as `run.py serve web` starts it (deploy/gunicorn.conf.py)."""

    def __init__(self, env, *, workers=1, threads=4, log_dir):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_dir) / f"gunicorn-{self.port}.log"
        self.env = {
            **env,
            "BIND": f"127.0.0.1:{self.port}",
            "WEB_WORKERS": workers,
            "WEB_THREADS": threads,
            "GUNICORN_LOG_LEVEL": "warning",
        }
        self.env = {k: str(v) for k, v in self.env.items()}
        self.proc = None

    def start(self):
        self._log = open(self.log_path, "ab")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [PY, "-m", "gunicorn", "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        wait_for(
            lambda: Client(self.base).get("/healthz").status == 200,
            60,
            f"gunicorn on {self.port}",
            interval=0.3,
        )
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.proc:
            self._log.close()

    def log_lines(self):
        return self.log_path.read_text(errors="replace").splitlines()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)


class Client:
    """A browser in miniature: its own cookie jar, sent to whichever web process it talks to,
    behind a TLS-terminating proxy (X-Forwarded-Proto: https), no redirects followed."""

    def __init__(self, base, cookies=None):
        self.base = base
        self.cookies = cookies if cookies is not None else {}

    def on(self, base):
        """The same browser (same cookies) talking to another web process."""
        return Client(base, self.cookies)

    def request(self, method, path, data=None, timeout=30):
        parts = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        origin = f"https://{parts.hostname}:{parts.port}"
        headers = {"X-Forwarded-Proto": "https", "Host": f"{parts.hostname}:{parts.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = origin
            headers["Referer"] = origin + path
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            payload = raw.read()
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    cookie_value = rest.split(";", 1)[0]
                    if "max-age=0" in value.lower() or cookie_value in ('""', ""):
                        self.cookies.pop(key, None)
                    else:
                        self.cookies[key] = cookie_value
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, payload)
        finally:
            conn.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        if "csrftoken" not in self.cookies:
            self.get(path)
        return self.request("POST", path, data=data, **kwargs)

    def login(self, email, password):
        self.get("/compte/connexion/")
        return self.post("/compte/connexion/", {"username": email, "password": password})


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def descendants(pid: int) -> dict[int, str]:
    """{pid: command line} of every process below `pid` (Linux /proc)."""
    parents, commands = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with suppress(OSError):
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            commands[int(entry.name)] = (
                (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            )
    found, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in found:
                found[child] = commands.get(child, "")
                frontier.append(child)
    return found


def alive(pid: int) -> bool:
    with suppress(OSError):
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return False
