"""Benchmark: a neighbourhood hub page with its members-only feed, at --scale 1 and --scale 10.

    .venv/bin/python bench/bench_hub.py                 # scales 1 and 10, SQLite files in /tmp
    .venv/bin/python bench/bench_hub.py --scales 1 --fresh
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_hub \\
        .venv/bin/python bench/bench_hub.py --scales 10  # reuse (or seed) that database

For each scale it seeds the demo into its own database (or reuses it), then measures, as the
demo member resident@demo.mons.be (Mons-Centre):
  * queries per request of the hub page (must not grow with the data), for the member and for an
    anonymous visitor, and each hub section alone (queries, median time),
  * median server time of the hub page and of a bare Django view (Django test Client),
  * requests/s of both under gunicorn on 127.0.0.1 (same run, same settings): the ratio holds
    on a noisy machine where absolute figures do not.

This file is also the gunicorn app (`bench_hub:application`) and its URLconf: the portal's URLs
plus /bench/bare/, a view that returns "ok" through the same middleware.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
MEMBER = "resident@demo.mons.be"
SETTINGS = "portal.settings.test"


# --- gunicorn app and URLconf (imported lazily so the CLI below stays light) -------------------
def __getattr__(name):
    if name == "application":
        from django.conf import settings
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        settings.ROOT_URLCONF = "bench_hub"
        globals()["application"] = app
        return app
    if name == "urlpatterns":
        from django.http import HttpResponse
        from django.urls import path

        from portal.urls import urlpatterns as portal_patterns

        def bare(request):
            return HttpResponse("ok", content_type="text/plain")

        patterns = [path("bench/bare/", bare), *portal_patterns]
        globals()["urlpatterns"] = patterns
        return patterns
    raise AttributeError(name)


# --- helpers -----------------------------------------------------------------------------------
def env_for(database_url):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=database_url,
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
    )
    return env


def ensure_database(database_url, scale, fresh):
    env = env_for(database_url)
    if database_url.startswith("sqlite:///") and fresh:
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    out = subprocess.run(
        [PY, "manage.py", "seed_demo", "--scale", str(scale), "--if-empty"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    seeded = "nothing to do" not in out
    return seeded, time.monotonic() - started, out


def measure_in_process(iterations):
    """Runs inside a child process whose DATABASE_URL points at one scale's database."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ROOT_URLCONF = "bench_hub"
    from feed.models import Post, Reaction
    from neighbourhoods.models import NeighbourhoodPage
    from neighbourhoods.selectors import active_membership

    user = get_user_model().objects.get(email=MEMBER)
    hood = active_membership(user=user).neighbourhood
    hub = NeighbourhoodPage.objects.live().get(neighbourhood=hood, locale__language_code="fr")
    url = hub.url
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert "hub-feed" in response.content.decode(), "the member should see the feed section"
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = len(ctx.captured_queries)

    def timed(path):
        samples = []
        for _ in range(iterations):
            start = time.perf_counter()
            client.get(path)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples) * 1000

    hub_ms, bare_ms = timed(url), timed("/bench/bare/")

    # The same page for an anonymous visitor (public sections only).
    member_client, client = client, Client()
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    anonymous_queries = len(ctx.captured_queries)
    anonymous_ms = timed(url)
    client = member_client

    # The feed's own share: its section rendered alone, and the page without it.
    from django.test import RequestFactory

    from feed.hub import render_hub_feed
    from neighbourhoods import registry

    request = RequestFactory().get(url)
    request.user = user
    samples = []
    for _ in range(iterations):
        start = time.perf_counter()
        render_hub_feed(request=request, neighbourhood=hood)
        samples.append(time.perf_counter() - start)
    section_ms = statistics.median(samples) * 1000
    with CaptureQueriesContext(connection) as ctx:
        render_hub_feed(request=request, neighbourhood=hood)
    section_queries = len(ctx.captured_queries)
    # Every section alone, as the member sees it: queries and median time.
    from django.utils import translation

    sections = {}
    with translation.override("fr"):
        for key, section in sorted(registry._hub_sections.items()):
            section.render(request=request, neighbourhood=hood)
            with CaptureQueriesContext(connection) as ctx:
                section.render(request=request, neighbourhood=hood)
            samples = []
            for _ in range(iterations):
                start = time.perf_counter()
                section.render(request=request, neighbourhood=hood)
                samples.append(time.perf_counter() - start)
            sections[key] = (len(ctx.captured_queries), round(statistics.median(samples) * 1000, 2))
    feed_section = registry._hub_sections.pop("feed")
    try:
        without_feed_ms = timed(url)
    finally:
        registry.register_hub_section(feed_section)
    return {
        "feed_section_ms": round(section_ms, 2),
        "feed_section_queries": section_queries,
        "hub_without_feed_ms": round(without_feed_ms, 2),
        "posts": Post.objects.count(),
        "reactions": Reaction.objects.count(),
        "posts_in_neighbourhood": Post.objects.filter(neighbourhood=hood).count(),
        "hub_url": url,
        "queries": queries,
        "anonymous_queries": anonymous_queries,
        "anonymous_median_ms": round(anonymous_ms, 2),
        "sections": sections,
        "hub_median_ms": round(hub_ms, 2),
        "bare_median_ms": round(bare_ms, 2),
        "session": client.cookies["sessionid"].value,
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(url, *, cookie, requests, threads):
    """Fire `requests` GETs from `threads` threads; return requests per second."""
    counter = iter(range(requests))
    lock = threading.Lock()
    errors = []

    def worker():
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            req = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
            try:
                with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 (loopback)
                    resp.read()
                    if resp.status != 200:
                        errors.append(resp.status)
            except Exception as error:  # noqa: BLE001
                errors.append(repr(error))

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[:3]}")
    return requests / elapsed


def gunicorn_run(database_url, *, hub_url, cookie, requests, threads, workers):
    port = free_port()
    env = env_for(database_url)
    proc = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "bench_hub:application",
            "--chdir",
            str(ROOT / "bench"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/bench/bare/", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        # Warm up every worker, then measure bare / hub / bare / hub and keep the best of each.
        load(base + hub_url, cookie=cookie, requests=workers * 10, threads=threads)
        results = {"bare": [], "hub": []}
        for _ in range(2):
            for name, path in (("bare", "/bench/bare/"), ("hub", hub_url)):
                results[name].append(
                    load(base + path, cookie=cookie, requests=requests, threads=threads)
                )
        return max(results["bare"]), max(results["hub"])
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--iterations", type=int, default=200, help="test-client requests")
    parser.add_argument("--requests", type=int, default=500, help="HTTP requests per round")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--fresh", action="store_true", help="rebuild SQLite databases")
    parser.add_argument("--db-dir", default="/tmp/bench_hub")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:  # child process
        sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
        print(json.dumps(measure_in_process(args.iterations)))
        return

    Path(args.db_dir).mkdir(parents=True, exist_ok=True)
    rows = []
    for scale in args.scales:
        label = f"{scale:g}"
        database_url = os.environ.get("DATABASE_URL") or (
            f"sqlite:///{args.db_dir}/hub_scale{label}.sqlite3"
        )
        seeded, seconds, log = ensure_database(database_url, scale, args.fresh)
        for line in log.splitlines():
            if "feed" in line or "posts" in line or "reactions" in line:
                print("   ", line.strip())
        print(
            f"scale {label}: {'seeded' if seeded else 'reused'} {database_url} ({seconds:.1f}s)",
            flush=True,
        )
        child = subprocess.run(
            [PY, __file__, "--measure", "--iterations", str(args.iterations)],
            cwd=ROOT,
            env=env_for(database_url),
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        bare_rps, hub_rps = gunicorn_run(
            database_url,
            hub_url=figures["hub_url"],
            cookie=figures["session"],
            requests=args.requests,
            threads=args.threads,
            workers=args.workers,
        )
        figures.update(
            bare_rps=round(bare_rps, 1),
            hub_rps=round(hub_rps, 1),
            ratio=round(hub_rps / bare_rps, 3),
            scale=label,
        )
        rows.append(figures)
        print(json.dumps({k: v for k, v in figures.items() if k != "session"}), flush=True)
        print(f"uptime: {os.getloadavg()}", flush=True)

    print()
    header = (
        f"{'scale':>5} {'posts':>7} {'reactions':>9} {'queries':>7} {'hub ms':>7} "
        f"{'bare ms':>7} {'hub req/s':>9} {'bare req/s':>10} {'hub/bare':>8} "
        f"{'feed q':>6} {'feed ms':>7} {'no-feed ms':>10}"
    )
    print(header)
    for r in rows:
        print(
            f"{r['scale']:>5} {r['posts']:>7} {r['reactions']:>9} {r['queries']:>7} "
            f"{r['hub_median_ms']:>7} {r['bare_median_ms']:>7} {r['hub_rps']:>9} "
            f"{r['bare_rps']:>10} {r['ratio']:>8} {r.get('feed_section_queries', '-'):>6} "
            f"{r.get('feed_section_ms', '-'):>7} {r.get('hub_without_feed_ms', '-'):>10}"
        )
    print()
    print(f"{'scale':>5} {'anon queries':>12} {'anon ms':>8}  sections (queries, ms)")
    for r in rows:
        parts = "  ".join(f"{k} {q}q {ms}ms" for k, (q, ms) in r["sections"].items())
        anonymous = f"{r['anonymous_queries']:>12} {r['anonymous_median_ms']:>8}"
        print(f"{r['scale']:>5} {anonymous}  {parts}")
    if len({(r["queries"], r["anonymous_queries"]) for r in rows}) > 1:
        print("WARNING: the number of queries changed with the data size")


if __name__ == "__main__":
    main()
