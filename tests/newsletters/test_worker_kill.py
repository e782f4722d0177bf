"""The real worker (`manage.py db_worker`) killed with SIGKILL mid-send, then restarted."""

import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from newsletters import services
from newsletters.models import Delivery, NewsletterSend, Subscriber
from newsletters.selectors import send_report
from tests.factories.newsletters import SubscriberFactory, issue

ROOT = Path(__file__).resolve().parents[2]
BATCH = 5

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
        "NEWSLETTER_BATCH_SIZE": str(BATCH),
        "SLOW_MAIL_SECONDS": "0.03",
        "DJANGO_SETTINGS_MODULE": "tests.newsletters.worker_settings",
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


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def messages_on_file(mail_dir) -> Counter:
    recipients = Counter()
    for path in Path(mail_dir).glob("*.log"):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                recipients[email.message_from_bytes(chunk.strip())["To"]] += 1
    return recipients


def test_killed_worker_resumes_and_nobody_gets_two_copies(tmp_path):
    page = issue(title="Lettre de septembre")
    confirmed = {s.email for s in SubscriberFactory.create_batch(120)}
    never_confirmed = SubscriberFactory.create_batch(5, confirmed_at=None)
    gone = SubscriberFactory.create_batch(5, unsubscribed_at=timezone.now())
    send = services.newsletter_send_schedule(
        page=page, scheduled_for=timezone.now(), audience="all"
    )

    worker = start_worker(tmp_path)
    try:
        wait_for(
            lambda: Delivery.objects.filter(send=send, status="sent").count() >= 30,
            60,
            "the first deliveries",
        )
        os.kill(worker.pid, signal.SIGKILL)  # mid-send: rows are still pending
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    pending_at_kill = Delivery.objects.filter(send=send, status="pending").count()
    left_sending = Delivery.objects.filter(send=send, status="sending").count()
    assert pending_at_kill > 0, "the kill came too late to test a resume"
    assert left_sending <= BATCH

    worker = start_worker(tmp_path)
    try:
        wait_for(
            lambda: NewsletterSend.objects.get(pk=send.pk).status == NewsletterSend.Status.DONE,
            90,
            "the resumed send to finish",
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()

    # Every confirmed subscriber has exactly one delivery; the others none.
    per_subscriber = Counter(
        Delivery.objects.filter(send=send).values_list("subscriber__email", flat=True)
    )
    assert set(per_subscriber) == confirmed
    assert set(per_subscriber.values()) == {1}
    assert not Delivery.objects.filter(subscriber__in=[*never_confirmed, *gone]).exists()

    # Nobody received two copies; every "sent" row is exactly one message on file.
    on_file = messages_on_file(tmp_path)
    assert max(on_file.values()) == 1
    assert set(on_file) <= confirmed
    sent = set(
        Delivery.objects.filter(send=send, status="sent").values_list(
            "subscriber__email", flat=True
        )
    )
    assert sent <= set(on_file)
    # The only people without a message are the ones the killed worker was handing over
    # (at most one batch), and the report says so.
    unknown = set(
        Delivery.objects.filter(send=send, status="sending").values_list(
            "subscriber__email", flat=True
        )
    )
    assert unknown == {e for e in confirmed if e not in sent}
    assert len(unknown) == left_sending <= BATCH
    report = send_report(send=NewsletterSend.objects.get(pk=send.pk))
    assert report["sent"] == len(sent) and report["unknown"] == len(unknown)
    assert report["sent"] + report["unknown"] == len(confirmed)
    assert Subscriber.objects.active().count() == len(confirmed)
    print(
        f"\nkill -9 mid-send: {len(sent)} sent, {len(unknown)} unknown (left 'sending'), "
        f"{sum(on_file.values())} messages on file, 0 duplicates"
    )
