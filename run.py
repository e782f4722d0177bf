#!/usr/bin/env python3
"""One entry point for a fresh machine with Python 3.11+ and nothing else.

python3 run.py          install, migrate, load the Mons demo and serve it (SQLite)
python3 run.py test     install the test tools and run the whole test suite
python3 run.py serve    production: migrate, collectstatic, task workers and gunicorn
                        (`serve setup`, `serve web`, `serve worker`: one part each; README)
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def sh(*args, **kwargs):
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, **kwargs)


def ensure_installed(extras: str) -> None:
    if os.environ.get("RUN_PY_SYSTEM") == "1":  # a container image installed everything already
        global PY
        PY = Path(sys.executable)
        return
    if not PY.exists():
        venv.create(VENV, with_pip=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{digest[:16]}"
    if stamp.exists():
        return
    sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PY, "-m", "pip", "install", "--quiet", "-e", f".[{extras}]" if extras else ".")
    for old in VENV.glob(".installed-*"):
        old.unlink()
    stamp.touch()


def demo_env(port: str) -> dict:
    """The environment of the web server and the worker. Links in e-mails, letters and .ics
    files are built from SITE_URL: the address served here unless one is given."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "SITE_URL": os.environ.get("SITE_URL") or f"http://127.0.0.1:{port}",
    }


def demo(args) -> None:
    ensure_installed("")
    port = os.environ.get("PORT", "8000")
    env = demo_env(port)
    scale = os.environ.get("DEMO_SCALE", "0.1")
    sh(PY, "manage.py", "migrate", "--noinput", env=env)
    sh(PY, "manage.py", "seed_demo", "--scale", scale, "--if-empty", env=env)
    sh(PY, "manage.py", "site_from_setting", env=env)
    demo_code = subprocess.run(
        [
            str(PY),
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            "from verification.demo import describe_demo_code as d; print(d())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    sys.path.insert(0, str(ROOT))
    from demo.accounts import DEMO_PASSWORD, PENDING, RESIDENTS, STAFF

    print(f"\n  Mons en quartiers is running at  http://127.0.0.1:{port}/")
    print(f"  Service Dashboard (staff):         http://127.0.0.1:{port}/admin/\n")
    print(f"  Every demo account's password: {DEMO_PASSWORD}")
    for email, _name, group in STAFF:
        print(f"    {email:32} {group or 'superuser'}")
    for email, _name, code, moderator in RESIDENTS:
        role = "neighbourhood moderator" if moderator else "resident"
        print(f"    {email:32} {role} in {code}")
    print(f"    {PENDING[0]:32} account without a verified address\n")
    if demo_code:
        print(f"  Demo letter code (try it logged in as {PENDING[0]}): {demo_code}\n")
    print(
        "  Staff accounts sign in with a second factor: at the first sign-in the admin shows a\n"
        "  QR code (and its key) to add to any TOTP app (FreeOTP, Aegis, Google Authenticator),\n"
        "  then ten single-use recovery codes. Lost it? A superuser runs\n"
        "  manage.py second_factor_reset --by admin@demo.mons.be STAFF_EMAIL\n"
    )
    worker = subprocess.Popen([str(PY), "manage.py", "db_worker"], cwd=ROOT, env=env)
    try:
        sh(PY, "manage.py", "runserver", f"127.0.0.1:{port}", env=env)
    except KeyboardInterrupt:
        pass
    finally:
        worker.terminate()


def _supervise(name, command, env, stopping):
    """Run `command` until `stopping` is set; restart it if it dies (e.g. a killed worker)."""
    while not stopping.is_set():
        proc = subprocess.Popen(command, cwd=ROOT, env=env)
        _children.append(proc)
        while proc.poll() is None and not stopping.is_set():
            time.sleep(0.5)
        if stopping.is_set():
            return
        print(f"  {name} exited with {proc.returncode}; restarting in 2 s", flush=True)
        time.sleep(2)


_children: list[subprocess.Popen] = []


def serve(args) -> None:
    """Production: `serve` = setup + task workers + gunicorn; or one part: setup | web | worker."""
    part = args[0] if args else "all"
    if part not in {"all", "setup", "web", "worker"}:
        sys.exit("usage: python3 run.py serve [setup|web|worker]")
    ensure_installed("production")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    if part in {"all", "setup"}:
        sh(PY, "manage.py", "migrate", "--noinput", env=env)
        sh(PY, "manage.py", "createcachetable", env=env)
        sh(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)
        if part == "setup":
            return
    worker = [str(PY), "manage.py", "db_worker", "--no-reload"]
    web = [str(PY), "-m", "gunicorn", "--config", str(ROOT / "deploy" / "gunicorn.conf.py")]
    stopping = threading.Event()
    supervisors = []
    if part in {"all", "worker"}:
        for n in range(int(os.environ.get("TASK_WORKERS", "1"))):
            thread = threading.Thread(
                target=_supervise, args=(f"task worker {n + 1}", worker, env, stopping)
            )
            thread.start()
            supervisors.append(thread)

    def stop(*_args):
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    try:
        if part == "worker":
            while not stopping.is_set():
                time.sleep(0.5)
        else:
            # gunicorn in the foreground: its exit (or a signal) stops the workers too.
            proc = subprocess.Popen(web, cwd=ROOT, env=env)
            _children.append(proc)
            while proc.poll() is None and not stopping.is_set():
                time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stopping.set()
        for child in _children:
            if child.poll() is None:
                child.terminate()
        for child in _children:
            try:
                child.wait(30)
            except subprocess.TimeoutExpired:
                child.kill()
        for thread in supervisors:
            thread.join()


def ensure_axe() -> None:
    """axe-core (npm) for the accessibility tests, where npm exists; they skip without it."""
    target = VENV / "axe" / "node_modules" / "axe-core" / "axe.min.js"
    if target.exists() or not shutil.which("npm"):
        return
    sh(
        "npm",
        "install",
        "--silent",
        "--no-audit",
        "--no-fund",
        "--prefix",
        VENV / "axe",
        "axe-core@4",
    )


def test(args) -> None:
    ensure_installed("test")
    ensure_axe()
    print("+ pytest", " ".join(args), flush=True)
    sys.exit(subprocess.call([str(PY), "-m", "pytest", *args], cwd=ROOT))


if __name__ == "__main__":
    if sys.version_info < (3, 11):  # noqa: UP036  (a fresh machine may run an older python3)
        sys.exit("Python 3.11 or newer is needed.")
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("demo", [])
    {"demo": demo, "test": test, "serve": serve}.get(command, lambda _a: sys.exit(__doc__))(rest)
