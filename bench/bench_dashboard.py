"""Benchmark: the Service Dashboard's report page and exports at --scale 1 and --scale 10.

    .venv/bin/python bench/bench_dashboard.py                 # scales 1 and 10, temp SQLite files
    .venv/bin/python bench/bench_dashboard.py --scales 1 --repeat 15
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_dashboard_bench \\
        .venv/bin/python bench/bench_dashboard.py [--keep] [--explain]  # a PostgreSQL DB per scale

Each scale gets its own fresh database (migrated, then `seed_demo --scale N`), measured in a child
process: queries per request and the median server time (Django test client, in process) of the
report page (six months, and this month), the printable report, the CSV and the XLSX export,
against a bare Django view in the same run (the ratio holds where absolute times do not).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URLS = [
    ("report (six months)", "/admin/dashboard/"),
    ("report (this month)", "/admin/dashboard/?period=month"),
    ("report (2 neighbourhoods)", "/admin/dashboard/?neighbourhood=1&neighbourhood=2"),
    ("printable report", "/admin/dashboard/print/"),
    ("CSV export", "/admin/dashboard/export.csv"),
    ("XLSX export", "/admin/dashboard/export.xlsx"),
    ("admin home (panel)", "/admin/"),
    ("Wagtail admin page (no figures)", "/admin/account/"),
]
BASELINE = ("bare Django view", "/i18n/setlang/")


def child(scale: float, repeat: int, explain: bool = False) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    migrated = time.monotonic()
    from neighbourhoods.models import Neighbourhood

    failed = [] if Neighbourhood.objects.exists() else _seed(scale)  # --keep: already seeded
    with connection.cursor() as cursor:
        # Planner statistics, as autovacuum would have them on a live database: without them
        # PostgreSQL picks nested loops for the bulk-loaded feed (1.5 s instead of 0.1 s).
        cursor.execute("ANALYZE")
    seeded = time.monotonic()
    print(
        f"\n== scale {scale:g} on {connection.vendor}: migrate {migrated - started:.0f}s, "
        f"seed {seeded - migrated:.0f}s"
        + (f" (seeders that failed, left out: {', '.join(failed)})" if failed else "")
    )
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="participation@demo.mons.be")
    client = Client()
    client.force_login(user)

    def measure(url):
        times, queries, size = [], None, 0
        for i in range(repeat + 1):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                response = client.get(url)
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                elapsed = (time.perf_counter() - t0) * 1000
            assert response.status_code in (200, 302), (url, response.status_code)
            if i:  # the first request warms caches (templates, translations)
                times.append(elapsed)
            queries, size = len(ctx.captured_queries), len(body)
        return statistics.median(times), queries, size

    base_ms, base_q, _ = measure(BASELINE[1])
    print(f"{'request':28} {'queries':>7} {'median ms':>10} {'x bare':>7} {'bytes':>9}")
    print(f"{BASELINE[0]:28} {base_q:7d} {base_ms:10.1f} {1:7.1f}")
    for name, url in URLS:
        ms, queries, size = measure(url)
        print(f"{name:28} {queries:7d} {ms:10.1f} {ms / base_ms:7.0f} {size:9d}")
    if explain and connection.vendor == "postgresql":
        _explain(client, connection, URLS[0][1])
    from dashboard import periods, selectors
    from feed import figures as feed_figures

    rows = selectors.households_by_neighbourhood(period=periods.last_six_months())
    feed = feed_figures.feed_activity(period=periods.last_six_months())
    print(
        f"figures: {sum(r['registered'] for r in rows)} registered households of "
        f"{sum(r['households_in_area'] for r in rows)}; "
        f"{sum(r['posts'] for r in feed)} posts, {sum(r['reactions'] for r in feed)} reactions "
        "in the last six months"
    )


def _explain(client, connection, url) -> None:
    """EXPLAIN ANALYZE every query of one request: time spent in PostgreSQL itself (planning +
    execution), in total and for the slowest queries."""
    import json

    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    timings = []
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]
            timings.append((plan["Planning Time"] + plan["Execution Time"], sql))
    total = sum(ms for ms, _sql in timings)
    print(f"EXPLAIN ANALYZE {url}: {len(timings)} queries, {total:.1f} ms in PostgreSQL; slowest:")
    for ms, sql in sorted(timings, reverse=True)[:3]:
        print(f"  {ms:7.1f} ms  {sql[:110]}")


def _seed(scale: float) -> list[str]:
    """What `seed_demo --scale N` does, but an app whose seeder fails is reported and skipped,
    so one broken seeder does not stop the measurement of the others' figures."""
    import random

    from django.conf import settings
    from django.db import transaction
    from django.utils.module_loading import import_string

    failed = []
    for path in settings.DEMO_SEEDERS:
        try:
            seed_fn = import_string(f"{path}.seed")
        except ImportError:
            continue
        try:
            with transaction.atomic():
                seed_fn(scale=scale, rng=random.Random(f"2026:{path}"), log=lambda *a: None)
        except Exception as error:  # noqa: BLE001
            failed.append(f"{path} ({type(error).__name__})")
    return failed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--child", action="store_true")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="PostgreSQL: reuse the databases of an earlier run (already seeded) and keep them",
    )
    parser.add_argument("--scale", type=float)
    parser.add_argument(
        "--explain",
        action="store_true",
        help="PostgreSQL: also EXPLAIN ANALYZE every query of the report page",
    )
    args = parser.parse_args()
    if args.child:
        child(args.scale, args.repeat, args.explain)
        return
    base_url = os.environ.get("DATABASE_URL", "")
    for scale in [float(s) for s in args.scales.split(",")]:
        env = dict(os.environ)
        tmp = None
        if base_url.startswith("postgres"):
            env["DATABASE_URL"] = _fresh_postgres(base_url, scale, keep=args.keep)
        else:
            tmp = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)  # noqa: SIM115
            tmp.close()
            env["DATABASE_URL"] = f"sqlite:///{tmp.name}"
        try:
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "--scale",
                    str(scale),
                    "--repeat",
                    str(args.repeat),
                    *(["--explain"] if args.explain else []),
                ],
                env=env,
                check=True,
                cwd=ROOT,
            )
        finally:
            if tmp is not None:
                for suffix in ("", "-wal", "-shm"):
                    Path(tmp.name + suffix).unlink(missing_ok=True)


def _fresh_postgres(base_url: str, scale: float, keep: bool = False) -> str:
    import psycopg

    head, _, name = base_url.rpartition("/")
    db = f"{name}_s{str(scale).replace('.', '_')}"
    with psycopg.connect(f"{head}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()
        if keep and exists:
            return f"{head}/{db}"
        conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
        conn.execute(f'CREATE DATABASE "{db}"')
    return f"{head}/{db}"


if __name__ == "__main__":
    main()
