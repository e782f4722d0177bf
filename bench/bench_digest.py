"""Benchmark: the weekly neighbourhood digest for every member, and what a reaction costs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_digest1 \\
        .venv/bin/python bench/bench_digest.py --scale 1
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_digest10 \\
        .venv/bin/python bench/bench_digest.py --scale 10

The database is migrated and seeded with the demo at --scale if it is empty. Then, in this
process (the worker's code path: materialise the rows, then claim and send them one by one):
  * the weekly digest for every member: seconds, digests sent/skipped, peak RSS before and
    after (flat memory = the growth does not follow the number of members), and a baseline
    measured in the same run: the same number of MIME messages built from one fixed text
    with no database at all (the floor);
  * the cost a reaction adds to its request: median time and queries of POSTing a reaction as
    a member, with the notifications receiver connected and disconnected (same run).
Goals: scale 10 <= 120 s on this 2-core machine; a reaction adds <= 2 ms and <= 2 queries.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("SITE_URL", "https://quartiers.mons.be")
BACKEND = "bench_digest.CountingBackend"

from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402


class CountingBackend(BaseEmailBackend):
    """Builds each MIME message (as a real backend must) and counts it."""

    count = 0

    def send_messages(self, messages):
        for message in messages:
            message.message().as_bytes()
        CountingBackend.count += len(messages)
        return len(messages)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure(scale):
    env = dict(os.environ)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname=%s", [name]).fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--scale", str(scale), "--if-empty"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "nothing to do" not in out:
        print(f"seeded scale {scale} in {time.monotonic() - started:.0f} s")


def bench_digest():
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives

    from neighbourhoods.models import Membership
    from notifications import digest
    from notifications.models import DigestDelivery, Period

    settings.EMAIL_BACKEND = BACKEND
    day, _since, _until = digest.period_of(period=Period.WEEKLY)
    DigestDelivery.objects.filter(period=Period.WEEKLY, period_start=day).delete()
    members = Membership.objects.filter(ended_at__isnull=True).count()
    before = rss_mb()
    started = time.perf_counter()
    rows = digest.digest_materialise(period=Period.WEEKLY)
    materialised = time.perf_counter() - started
    result = digest.digest_send_pending(period=Period.WEEKLY, period_start=day)
    seconds = time.perf_counter() - started
    after = rss_mb()
    # Baseline: the same number of messages, built with no database and no template.
    from django.core.mail import get_connection

    connection = get_connection()
    base_started = time.perf_counter()
    for i in range(result["sent"]):
        message = EmailMultiAlternatives(
            "Cette semaine à Mons-Centre", "x" * 2000, to=[f"r{i}@example.org"]
        )
        message.attach_alternative("<p>" + "x" * 4000 + "</p>", "text/html")
        connection.send_messages([message])
    baseline = time.perf_counter() - base_started
    print(
        f"weekly digest: {members} members, {rows} rows ({materialised:.1f} s), "
        f"{result['sent']} sent, {result['skipped']} skipped (nothing new / staff) in "
        f"{seconds:.1f} s = {seconds / max(rows, 1) * 1000:.2f} ms per member; "
        f"baseline (MIME only, no DB): {baseline:.1f} s; peak RSS {before:.0f} -> {after:.0f} MB"
    )


def bench_reaction(iterations):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models.signals import post_save
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from feed.models import Post, Reaction
    from neighbourhoods.selectors import active_membership
    from notifications import receivers

    settings.EMAIL_TASK_BACKEND = "default"  # production: the e-mail is a task row
    user = get_user_model().objects.get(email="resident@demo.mons.be")
    hood = active_membership(user=user).neighbourhood
    post = Post.objects.filter(neighbourhood=hood, status="visible").exclude(author=user).first()
    client = Client()
    client.force_login(user)
    url = reverse("feed:react", args=[post.pk])

    def run():
        samples, queries = [], []
        for i in range(iterations):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.post(url, {"body": f"Bench {i}"})
                samples.append(time.perf_counter() - start)
            assert response.status_code == 302, response.status_code
            queries.append(len(ctx.captured_queries))
        return statistics.median(samples) * 1000, statistics.median(queries)

    run()  # warm-up
    with_ms, with_q = run()
    post_save.disconnect(
        receivers.on_reaction, sender=Reaction, dispatch_uid="notifications-reaction"
    )
    without_ms, without_q = run()
    post_save.connect(receivers.on_reaction, sender=Reaction, dispatch_uid="notifications-reaction")
    with2_ms, _ = run()
    Reaction.objects.filter(post=post, body__startswith="Bench").delete()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(task_path="notifications.tasks.notification_email_task").delete()
    with_ms = min(with_ms, with2_ms)
    print(
        f"reaction POST: {without_ms:.2f} ms / {without_q:.0f} queries without notifications, "
        f"{with_ms:.2f} ms / {with_q:.0f} queries with (notification + queued e-mail): "
        f"+{with_ms - without_ms:.2f} ms, +{with_q - without_q:.0f} queries"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--iterations", type=int, default=40)
    args = parser.parse_args()
    ensure(args.scale)
    import django

    django.setup()
    print(f"scale {args.scale}: {os.popen('uptime').read().strip()}")
    bench_reaction(args.iterations)
    bench_digest()


if __name__ == "__main__":
    main()
