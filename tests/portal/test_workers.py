"""Two real task workers (`manage.py db_worker`) on one queue, and a worker killed with SIGKILL.

The database backend claims each task with SELECT … FOR UPDATE SKIP LOCKED: two workers never
take the same task, and every task is taken.
"""

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletters import services
from newsletters.models import Delivery, NewsletterSend
from tests.factories.newsletters import SubscriberFactory, issue

from .stack import wait_for
from .tasks import record_run

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _database_url():
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def start_worker(name, *, settings_module="portal.settings.test", **env):
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
            "--worker-id",
            name,
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": _database_url(),
            "DJANGO_SETTINGS_MODULE": settings_module,
            **{k: str(v) for k, v in env.items()},
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(*workers):
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()


def runs_on_file(path) -> Counter:
    if not Path(path).exists():
        return Counter()
    return Counter(line.split()[0] for line in Path(path).read_text().splitlines() if line)


def test_two_workers_run_every_task_exactly_once(tmp_path):
    log = tmp_path / "runs.log"
    tokens = [f"t{n}" for n in range(60)]
    results = [record_run.enqueue(token=token) for token in tokens]
    workers = [
        start_worker(name, PORTAL_TEST_TASK_LOG=log, PORTAL_TEST_TASK_SECONDS="0.3")
        for name in ("worker-a", "worker-b")
    ]
    try:
        wait_for(
            lambda: (
                DBTaskResult.objects.filter(
                    id__in=[r.id for r in results], status="SUCCESSFUL"
                ).count()
                == len(tokens)
            ),
            120,
            "every task to finish",
            interval=0.2,
        )
    finally:
        stop(*workers)
    runs = runs_on_file(log)
    assert set(runs) == set(tokens), "a task was lost"
    assert set(runs.values()) == {1}, "a task ran twice"
    by_worker = Counter(
        worker
        for ids in DBTaskResult.objects.filter(id__in=[r.id for r in results]).values_list(
            "worker_ids", flat=True
        )
        for worker in ids
    )
    assert set(by_worker) == {"worker-a", "worker-b"}, by_worker  # both took their share
    assert sum(by_worker.values()) == len(tokens)  # and each task was claimed once


def test_a_killed_worker_never_reruns_its_task(tmp_path):
    """django-tasks' database backend has no lease: a task whose worker dies stays RUNNING and
    is not run again (at most once). Work that must finish queues its own follow-up first
    (the newsletter send does, see the next test)."""
    log = tmp_path / "runs.log"
    slow = record_run.enqueue(token="slow")
    worker = start_worker("worker-a", PORTAL_TEST_TASK_LOG=log, PORTAL_TEST_TASK_SECONDS="30")
    try:
        wait_for(lambda: DBTaskResult.objects.get(id=slow.id).status == "RUNNING", 60, "the task")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        stop(worker)
    after = record_run.enqueue(token="after")
    worker = start_worker("worker-b", PORTAL_TEST_TASK_LOG=log, PORTAL_TEST_TASK_SECONDS="0")
    try:
        wait_for(
            lambda: DBTaskResult.objects.get(id=after.id).status == "SUCCESSFUL", 60, "next task"
        )
    finally:
        stop(worker)
    assert runs_on_file(log) == Counter({"after": 1})
    assert DBTaskResult.objects.get(id=slow.id).status == "RUNNING"


def test_two_workers_one_killed_mid_send_nobody_gets_two_copies(tmp_path):
    from tests.newsletters.test_worker_kill import messages_on_file

    batch = 5
    page = issue(title="Lettre d'octobre")
    confirmed = {s.email for s in SubscriberFactory.create_batch(150)}
    send = services.newsletter_send_schedule(
        page=page, scheduled_for=timezone.now(), audience="all"
    )
    env = {
        "NEWSLETTER_TEST_MAIL_DIR": tmp_path,
        "NEWSLETTER_BATCH_SIZE": batch,
        "SLOW_MAIL_SECONDS": "0.03",
    }
    settings_module = "tests.newsletters.worker_settings"
    a = start_worker("worker-a", settings_module=settings_module, **env)
    b = start_worker("worker-b", settings_module=settings_module, **env)
    try:
        sent = lambda: Delivery.objects.filter(send=send, status="sent").count()  # noqa: E731
        wait_for(lambda: sent() >= 30, 90, "the first deliveries")
        os.kill(a.pid, signal.SIGKILL)
        a.wait(10)
        at_kill = sent()
        # The other worker goes on alone...
        wait_for(lambda: sent() >= at_kill + 20, 90, "the surviving worker to go on")
        # ...and the killed one comes back.
        a = start_worker("worker-a2", settings_module=settings_module, **env)
        wait_for(
            lambda: NewsletterSend.objects.get(pk=send.pk).status == NewsletterSend.Status.DONE,
            120,
            "the send to finish",
        )
    finally:
        stop(a, b)

    per_subscriber = Counter(
        Delivery.objects.filter(send=send).values_list("subscriber__email", flat=True)
    )
    assert set(per_subscriber) == confirmed and set(per_subscriber.values()) == {1}
    on_file = messages_on_file(tmp_path)
    assert max(on_file.values()) == 1, "somebody got two copies"
    unknown = Delivery.objects.filter(send=send, status="sending").count()
    assert unknown <= batch  # only the killed worker's batch in hand is uncertain
    assert sum(on_file.values()) >= len(confirmed) - unknown
    print(
        f"\ntwo workers, one kill -9 mid-send: {sum(on_file.values())} messages for "
        f"{len(confirmed)} subscribers, {unknown} unknown, 0 duplicates"
    )
