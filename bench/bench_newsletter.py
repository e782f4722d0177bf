"""Newsletter sending: 40,000 subscribers, from the scheduled time to every message handed to the
e-mail backend. Goal: <= 60 s on a 2-core machine.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_newsletter \
        .venv/bin/python bench/bench_newsletter.py [--subscribers 40000] [--mode worker|service]

The database is created/migrated if needed and this benchmark's tables are emptied first.
--mode worker (default): schedules the send, starts the real `manage.py db_worker` and waits until
every delivery is sent; reports the worker's peak RSS. --mode service: runs the service in this
process. Both print a baseline measured in the same run: the same number of messages built and
handed to the same backend with no database at all (the floor).
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKEND = "bench_newsletter.CountingBackend"
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["DEBUG"] = "0"  # no query log growing in memory
os.environ["EMAIL_BACKEND"] = BACKEND
os.environ.setdefault("SITE_URL", "https://quartiers.mons.be")

from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402


class CountingBackend(BaseEmailBackend):
    """Builds each MIME message (as a real backend must), counts it; writes the count on close."""

    count = 0

    def send_messages(self, messages):
        for message in messages:
            message.message().as_bytes()
        CountingBackend.count += len(messages)
        return len(messages)

    def close(self):
        path = os.environ.get("BENCH_COUNT_FILE")
        if path and CountingBackend.count:
            with open(path, "a") as out:
                out.write(f"{CountingBackend.count}\n")
            CountingBackend.count = 0


def setup_database():
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        import psycopg

        with psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname=%s", [db["NAME"]]
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
    call_command("migrate", verbosity=0)
    return db


def prepare(n):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Page

    from newsletters.models import (
        Delivery,
        NewsletterIndexPage,
        NewsletterPage,
        NewsletterSend,
        Subscriber,
    )

    Delivery.objects.all().delete()
    NewsletterSend.objects.all().delete()
    Subscriber.objects.all().delete()
    DBTaskResult.objects.all().delete()
    NewsletterPage.objects.all().delete()
    home = Page.objects.get(depth=2)
    index = NewsletterIndexPage.objects.first()
    if index is None:
        index = NewsletterIndexPage(title="Lettre", slug="lettre-bench")
        home.add_child(instance=index)
        index.save_revision().publish()
    page = NewsletterPage(
        title="Lettre de bench",
        slug=f"bench-{int(time.time())}",
        intro="Les nouvelles.",
        body=[
            ("heading", "Au programme"),
            ("paragraph", "<p>" + "Des ateliers dans tous les quartiers. " * 40 + "</p>"),
            ("page", {"page": home, "title": "Accueil", "text": "Le portail."}),
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"bench{i}@example.be",
                language=("fr", "fr", "fr", "nl", "en")[i % 5],
                confirmed_at=now,
            )
            for i in range(n)
        ],
        batch_size=5000,
    )
    return page


def baseline(n):
    """Same messages, same backend, no database: build + hand over only."""
    from newsletters.services import _Renderer

    class FakeSend:
        pass

    from newsletters.models import NewsletterPage

    send = FakeSend()
    send.page = NewsletterPage.objects.live().order_by("-pk").first()
    renderer = _Renderer(send)
    backend = CountingBackend()
    started = time.perf_counter()
    for i in range(n):
        renderer.message(
            language=("fr", "fr", "fr", "nl", "en")[i % 5],
            subscriber_id=i,
            email=f"bench{i}@example.be",
            nonce="abcdefghijkl",
            connection=backend,
        ).send()
    CountingBackend.count = 0
    return time.perf_counter() - started


def run_service(page):
    from django.utils import timezone

    from newsletters import services

    send = services.newsletter_send_schedule(
        page=page, scheduled_for=timezone.now(), audience="all"
    )
    started = time.perf_counter()
    services.newsletter_send_process(send_id=send.pk)
    elapsed = time.perf_counter() - started
    return send, elapsed, CountingBackend.count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_worker(page, db):
    from django.utils import timezone

    from newsletters import services
    from newsletters.models import Delivery, NewsletterSend

    count_file = Path(tempfile.mkdtemp()) / "count"
    scheduled = timezone.now() + timezone.timedelta(seconds=3)
    send = services.newsletter_send_schedule(page=page, scheduled_for=scheduled, audience="all")
    env = {
        **os.environ,
        "BENCH_COUNT_FILE": str(count_file),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        while timezone.now() < scheduled:
            time.sleep(0.01)
        start = time.perf_counter()
        while NewsletterSend.objects.get(pk=send.pk).status != NewsletterSend.Status.DONE:
            time.sleep(0.05)
            if worker.poll() is not None:
                raise SystemExit("the worker stopped")
        elapsed = time.perf_counter() - start
    finally:
        worker.terminate()
        worker.wait(30)
    handed = sum(int(x) for x in count_file.read_text().split()) if count_file.exists() else 0
    sent = Delivery.objects.filter(send=send, status="sent").count()
    assert sent == handed, (sent, handed)
    return send, elapsed, handed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=40_000)
    parser.add_argument("--mode", choices=["worker", "service"], default="worker")
    args = parser.parse_args()
    db = setup_database()
    from newsletters.services import batch_size

    t = time.perf_counter()
    page = prepare(args.subscribers)
    print(
        f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}; batch size "
        f"{batch_size()}; {args.subscribers:,} confirmed "
        f"subscribers prepared in {time.perf_counter() - t:.1f}s"
    )
    floor = baseline(args.subscribers)
    print(
        f"baseline (build + hand over, no database): {floor:.1f}s "
        f"({args.subscribers / floor:,.0f} msg/s)"
    )
    if args.mode == "worker":
        send, elapsed, handed, rss = run_worker(page, db)
        who = "db_worker peak RSS"
    else:
        send, elapsed, handed, rss = run_service(page)
        who = "process peak RSS"
    from newsletters.selectors import send_report

    report = send_report(send=send)
    print(
        f"{args.mode}: scheduled time -> {handed:,} messages handed to the backend in "
        f"{elapsed:.1f}s ({handed / elapsed:,.0f} msg/s; {elapsed / floor:.1f}x the baseline); "
        f"{who} {rss / 1024:.0f} MB"
    )
    print(
        f"report: sent {report['sent']:,}, failed {report['failed']}, skipped "
        f"{report['skipped']}, unknown {report['unknown']}; goal <= 60 s: "
        f"{'OK' if elapsed <= 60 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
