"""The real worker (`manage.py db_worker`) killed with SIGKILL mid-digest, then restarted:
each member gets exactly one digest, nobody else any."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings

from notifications import digest
from notifications.models import DigestDelivery, Period
from notifications.tasks import digest_task
from tests.factories.accounts import staff_user, superuser
from tests.factories.feed import PostFactory
from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member
from tests.newsletters.test_worker_kill import messages_on_file, wait_for

ROOT = Path(__file__).resolve().parents[2]
SLOW = 0.25  # seconds the mail "server" takes per message

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def start_worker(mail_dir):
    db = settings.DATABASES["default"]
    url = (
        f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "NEWSLETTER_TEST_MAIL_DIR": str(mail_dir),
        "SLOW_MAIL_SECONDS": str(SLOW),
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_killed_worker_resumes_and_each_member_gets_exactly_one_digest(tmp_path):
    a = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    b = NeighbourhoodFactory(code="jemappes", name="Jemappes")
    hub_page(neighbourhood=a)
    hub_page(neighbourhood=b)
    members_a = [member(neighbourhood=a) for _ in range(30)]
    members_b = [member(neighbourhood=b) for _ in range(5)]  # nothing new in B
    staff_resident = member(neighbourhood=a)
    staff_resident.is_staff = True
    staff_resident.save()
    others = [staff_resident, staff_user("Communications officers"), superuser(), *members_b]
    _day, since, _until = digest.period_of(period=Period.WEEKLY)
    PostFactory(
        author=members_a[0], title="Échelle à prêter", created_at=since + timedelta(hours=1)
    )

    digest_task.enqueue(period=Period.WEEKLY, reschedule=False)
    worker = start_worker(tmp_path)
    try:
        wait_for(lambda: sum(messages_on_file(tmp_path).values()) >= 8, 90, "the first digests")
        # Land in the middle of the next hand-over (the mail server's SLOW seconds), not in
        # the few milliseconds between a message being written and its row being committed.
        seen = sum(messages_on_file(tmp_path).values())
        wait_for(lambda: sum(messages_on_file(tmp_path).values()) > seen, 10, "one more")
        time.sleep(SLOW / 2)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    pending_at_kill = DigestDelivery.objects.filter(status="pending").count()
    assert pending_at_kill > 0, "the kill came too late to test a resume"
    on_file_at_kill = sum(messages_on_file(tmp_path).values())

    worker = start_worker(tmp_path)
    try:
        wait_for(
            lambda: not DigestDelivery.objects.filter(status="pending").exists(),
            120,
            "the resumed run to finish",
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()

    on_file = messages_on_file(tmp_path)
    assert set(on_file) == {m.email for m in members_a}
    assert set(on_file.values()) == {1}
    for person in others:
        assert person.email not in on_file
    assert DigestDelivery.objects.filter(status="sent").count() == len(members_a)
    print(
        f"\nkill -9 mid-digest: {on_file_at_kill} on file at the kill, {pending_at_kill} pending, "
        f"{sum(on_file.values())} digests in the end for {len(members_a)} members, 0 duplicates"
    )
