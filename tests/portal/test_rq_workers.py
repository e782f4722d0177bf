"""The task queue on Redis (TASKS_BACKEND=rq, django-tasks-rq): two real RQ workers on one
queue run every task exactly once. Same task code as with the database backend."""

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from .stack import PrivateRedis

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server (CI installs it)"
)


def test_two_rq_workers_run_every_task_exactly_once(tmp_path):
    pytest.importorskip("django_tasks_rq")
    redis = PrivateRedis().start()
    log = tmp_path / "runs.log"
    env = {
        **__import__("os").environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "TASKS_BACKEND": "rq",
        "TASKS_REDIS_URL": redis.url(),
        "PORTAL_TEST_TASK_LOG": str(log),
        "PORTAL_TEST_TASK_SECONDS": "0.1",
    }
    python = [sys.executable, "-c"]
    try:
        enqueue = (
            "import django, json; django.setup();"
            "from tests.portal.tasks import record_run;"
            "print(json.dumps([record_run.enqueue(token=f't{n}').id for n in range(40)]))"
        )
        ids = json.loads(
            subprocess.run(
                [*python, enqueue], cwd=ROOT, env=env, capture_output=True, text=True, check=True
            ).stdout.splitlines()[-1]
        )
        worker = [
            sys.executable,
            "manage.py",
            "rqworker",
            "default",
            "--burst",
            "--job-class",
            "django_tasks_rq.backend.Job",
        ]
        workers = [
            subprocess.Popen(
                worker, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            for _ in range(2)
        ]
        for proc in workers:
            assert proc.wait(180) == 0, proc.stderr.read()[-2000:]
        statuses = json.loads(
            subprocess.run(
                [
                    *python,
                    "import django, json; django.setup();"
                    "from tests.portal.tasks import record_run;"
                    f"print(json.dumps([record_run.get_result(i).status for i in {ids!r}]))",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()[-1]
        )
    finally:
        redis.stop()
    runs = Counter(line.split()[0] for line in log.read_text().splitlines())
    assert set(runs) == {f"t{n}" for n in range(40)}, "a task was lost"
    assert set(runs.values()) == {1}, "a task ran twice"
    assert set(statuses) == {"SUCCESSFUL"}
    print("\nRQ: 40 tasks, 2 workers, each task ran exactly once")
