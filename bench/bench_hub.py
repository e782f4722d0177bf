"""Benchmark: hub, feed, post and home pages for visitors and members, at --scale 1 and 10.

    .venv/bin/python bench/bench_hub.py                 # scales 1 and 10, SQLite files in /tmp
    .venv/bin/python bench/bench_hub.py --scales 1 10 --database-urls \\
        postgres://postgres@127.0.0.1:5432/portal_bench_1 \\
        postgres://postgres@127.0.0.1:5432/portal_bench_10   # reuse (or seed) those databases
    .venv/bin/python bench/bench_hub.py --scales 1 --profile "member hub"   # + where the ms go

For each scale it seeds the demo into its own database (or reuses it), then measures, for an
anonymous visitor (hub, home page, find-my-hub) and the demo member resident@demo.mons.be of
Mons-Centre (hub, feed, the post with most reactions, home page):
  * queries per request (must not grow with the data) and median server time (Django test
    Client), each hub section alone (queries, median ms, uncached),
  * requests/s of each page and of a bare Django view under gunicorn on 127.0.0.1, alternating,
    same run, same settings: the ratio holds on a noisy machine where absolute figures do not.
The environment of every process gets CONN_MAX_AGE=60 (persistent connections, as production
sets) and REDIS_URL (db 9 unless set): the page cache and fragments live in the shared cache.

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
    # As in production: persistent connections (measured here, set by the deployment), and
    # the shared cache every process reads (REDIS_URL; the bench's own db index by default).
    env.setdefault("CONN_MAX_AGE", "60")
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")
    env.setdefault("CACHE_KEY_PREFIX", "bench_hub")
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


def _pages(hub_url, post_pk, code):
    """(name, url, as member?) for every page the bench measures."""
    return [
        ("visitor hub", hub_url, False),
        ("visitor home", "/", False),
        ("visitor find", "/quartiers/trouver/", False),
        ("member hub", hub_url, True),
        ("member feed", f"/fil/quartier/{code}/", True),
        ("member post", f"/fil/messages/{post_pk}/", True),
        ("member home", "/", True),
    ]


def measure_in_process(iterations):
    """Runs inside a child process whose DATABASE_URL points at one scale's database."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ROOT_URLCONF = "bench_hub"
    from feed.models import Post, Reaction
    from neighbourhoods.models import NeighbourhoodPage
    from neighbourhoods.selectors import active_membership

    user = get_user_model().objects.get(email=MEMBER)
    hood = active_membership(user=user).neighbourhood
    hub = NeighbourhoodPage.objects.live().get(neighbourhood=hood, locale__language_code="fr")
    # The post with the most reactions: the heaviest post page a member opens.
    post = (
        Post.objects.filter(neighbourhood=hood, status="visible")
        .annotate(n=Count("reactions"))
        .order_by("-n")
        .first()
    )
    url = hub.url
    member, visitor = Client(), Client()
    member.force_login(user)
    response = member.get(url)
    assert response.status_code == 200, response.status_code
    assert "hub-feed" in response.content.decode(), "the member should see the feed section"

    def timed(client, path):
        samples = []
        for _ in range(iterations):
            start = time.perf_counter()
            client.get(path)
            samples.append(time.perf_counter() - start)
        return round(statistics.median(samples) * 1000, 2)

    pages = {}
    for name, path, as_member in _pages(url, post.pk, hood.code):
        client = member if as_member else visitor
        response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
        pages[name] = {
            "path": path,
            "member": as_member,
            "queries": len(ctx.captured_queries),
            "ms": timed(client, path),
        }
    bare_ms = timed(visitor, "/bench/bare/")

    # Every section alone, as the member sees it: queries and median time (uncached renders).
    from django.test import RequestFactory
    from django.utils import translation

    from neighbourhoods import registry

    request = RequestFactory().get(url)
    request.user = user
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
    return {
        "posts": Post.objects.count(),
        "reactions": Reaction.objects.count(),
        "post_reactions": post.n,
        "pages": pages,
        "bare_median_ms": bare_ms,
        "sections": sections,
        "session": member.cookies["sessionid"].value,
    }


def profile_in_process(path, as_member, iterations):
    """Where a page's milliseconds go (cProfile, cumulative), in the child process."""
    import cProfile
    import io
    import pstats

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    settings.ROOT_URLCONF = "bench_hub"
    client = Client()
    if as_member:
        client.force_login(get_user_model().objects.get(email=MEMBER))
    client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(iterations):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(
        os.environ.get("PROFILE_SORT", "cumulative")
    ).print_stats(35)
    return out.getvalue()


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
            headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
            req = urllib.request.Request(url, headers=headers)
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


def gunicorn_run(database_url, *, pages, cookie, requests, threads, workers):
    """req/s of each page and of the bare view, alternating, best of two rounds each."""
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
        targets = [("bare", "/bench/bare/", False)] + [
            (name, figures["path"], figures["member"]) for name, figures in pages.items()
        ]
        for _name, path, as_member in targets:  # warm every worker: routes, fragments, pages
            load(
                base + path,
                cookie=cookie if as_member else None,
                requests=workers * 10,
                threads=threads,
            )
        # Each page round right after a bare round: the ratio of the pair is what the machine's
        # drift can't fake; the best pair of each page is kept.
        best = {}
        for _ in range(2):
            for name, path, as_member in targets[1:]:
                bare = load(base + "/bench/bare/", cookie=None, requests=requests, threads=threads)
                page = load(
                    base + path,
                    cookie=cookie if as_member else None,
                    requests=requests,
                    threads=threads,
                )
                if name not in best or page / bare > best[name][0] / best[name][1]:
                    best[name] = (page, bare)
        return best
    finally:
        proc.terminate()
        proc.wait(timeout=20)


GOALS = {  # ratio to the bare view through gunicorn, and queries, from issue 15
    "visitor hub": (0.5, None),
    "visitor home": (0.5, None),
    "visitor find": (0.5, None),
    "member hub": (0.15, 8),
    "member feed": (0.15, 8),
    "member post": (0.15, 8),
    "member home": (None, None),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--iterations", type=int, default=200, help="test-client requests")
    parser.add_argument("--requests", type=int, default=400, help="HTTP requests per round")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--fresh", action="store_true", help="rebuild SQLite databases")
    parser.add_argument("--db-dir", default="/tmp/bench_hub")
    parser.add_argument(
        "--database-urls",
        nargs="+",
        help="one database URL per scale (in the order of --scales), seeded if empty",
    )
    parser.add_argument("--profile", metavar="PAGE", help='cProfile one page, e.g. "member hub"')
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile-path", help=argparse.SUPPRESS)
    parser.add_argument("--profile-member", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure or args.profile_path:  # child process
        sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
        if args.profile_path:
            print(profile_in_process(args.profile_path, args.profile_member, args.iterations))
        else:
            print(json.dumps(measure_in_process(args.iterations)))
        return

    Path(args.db_dir).mkdir(parents=True, exist_ok=True)
    rows = []
    for index, scale in enumerate(args.scales):
        label = f"{scale:g}"
        if args.database_urls:
            database_url = args.database_urls[index]
        else:
            database_url = os.environ.get("DATABASE_URL") or (
                f"sqlite:///{args.db_dir}/hub_scale{label}.sqlite3"
            )
        seeded, seconds, log = ensure_database(database_url, scale, args.fresh)
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
        if args.profile:
            page = figures["pages"][args.profile]
            command = [PY, __file__, "--profile-path", page["path"], "--iterations", "100"]
            if page["member"]:
                command.append("--profile-member")
            print(
                subprocess.run(
                    command,
                    cwd=ROOT,
                    env=env_for(database_url),
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
        rps = gunicorn_run(
            database_url,
            pages=figures["pages"],
            cookie=figures["session"],
            requests=args.requests,
            threads=args.threads,
            workers=args.workers,
        )
        figures.update(rps=rps, scale=label, load=os.getloadavg())
        rows.append(figures)
        print(json.dumps({k: v for k, v in figures.items() if k != "session"}), flush=True)

    print()
    print(
        f"{'scale':>5} {'page':<13} {'queries':>7} {'median ms':>9} {'req/s':>8} "
        f"{'bare req/s':>10} {'ratio':>6}  goal"
    )
    for r in rows:
        print(f"{r['scale']:>5} {'bare view':<13} {'-':>7} {r['bare_median_ms']:>9}")
        for name, page in r["pages"].items():
            rps, bare = r["rps"][name]
            ratio = rps / bare
            goal_ratio, goal_queries = GOALS.get(name, (None, None))
            verdict = []
            if goal_ratio is not None:
                verdict.append(f"≥{goal_ratio} {'MET' if ratio >= goal_ratio else 'NOT MET'}")
            if goal_queries is not None:
                met = "MET" if page["queries"] <= goal_queries else "NOT MET"
                verdict.append(f"≤{goal_queries}q {met}")
            print(
                f"{r['scale']:>5} {name:<13} {page['queries']:>7} {page['ms']:>9} "
                f"{rps:>8.1f} {bare:>10.1f} {ratio:>6.3f}  {', '.join(verdict)}"
            )
        print(f"      load average during the run: {r['load']}")
    print()
    print(
        f"{'scale':>5} {'posts':>7} {'reactions':>9} {'post reactions':>14}  sections (queries, ms)"
    )
    for r in rows:
        parts = "  ".join(f"{k} {q}q {ms}ms" for k, (q, ms) in r["sections"].items())
        counts = f"{r['posts']:>7} {r['reactions']:>9} {r['post_reactions']:>14}"
        print(f"{r['scale']:>5} {counts}  {parts}")
    by_page = {}
    for r in rows:
        for name, page in r["pages"].items():
            by_page.setdefault(name, set()).add(page["queries"])
    changed = [name for name, counts in by_page.items() if len(counts) > 1]
    if changed:
        print(f"WARNING: the number of queries changed with the data size: {changed}")


if __name__ == "__main__":
    main()
