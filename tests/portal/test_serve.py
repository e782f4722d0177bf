"""`python3 run.py serve`: the production command, end to end on the private stack."""

import http.client
import os
import re
import signal
import subprocess
import sys

import pytest

from .stack import ROOT, Client, alive, descendants, free_port, wait_for

pytestmark = [pytest.mark.postgres]


def test_serve_migrates_collects_static_and_runs_gunicorn_and_workers(stack, tmp_path):
    port = free_port()
    env = stack.env(
        RUN_PY_SYSTEM="1",  # the suite's interpreter already has every package
        BIND=f"127.0.0.1:{port}",
        WEB_WORKERS="2",
        WEB_THREADS="2",
        TASK_WORKERS="2",
    )
    log_path = tmp_path / "serve.log"
    log = open(log_path, "wb")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        [sys.executable, "run.py", "serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: Client(base).get("/healthz").status == 200, 240, "run.py serve")
        wait_for(
            lambda: sum("db_worker" in c for c in descendants(proc.pid).values()) == 2,
            60,
            "two task workers",
        )
        children = descendants(proc.pid)
        commands = list(children.values())
        # One gunicorn master and its two forked workers.
        assert sum("gunicorn" in c and "--config" in c for c in commands) == 3
        assert sum("db_worker" in c for c in commands) == 2

        home = Client(base).get("/")
        assert home.status == 200
        assert env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
        # Static files: hashed names, compressed, cached for a year.
        css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home.text).group(1)
        client = Client(base)
        response = client.request("GET", css)
        assert response.status == 200
        assert "immutable" in response.headers["cache-control"]
        assert "max-age=315360000" in response.headers["cache-control"]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", css, headers={"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"})
        compressed = conn.getresponse()
        compressed.read()
        assert compressed.getheader("Content-Encoding") == "gzip"
        conn.close()
        # Production errors: no debug page.
        missing = Client(base).get("/no-such-page-here/")
        assert missing.status == 404 and "Traceback" not in missing.text
        assert "DEBUG = True" not in missing.text
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
    log.close()
    output = log_path.read_text(errors="replace")
    assert "manage.py migrate" in output and "collectstatic" in output
    wait_for(lambda: not any(alive(pid) for pid in children), 30, "every child to exit")
