"""Ballots per second cast through the web wizard, under gunicorn on PostgreSQL, against the
limit set by a bare view in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        .venv/bin/python bench/bench_ballots.py [--voters 300] [--threads 4] [--workers 2]

It creates (and drops) the database `<name>_ballots`, sets up a city-wide round with 15 projects
and its key, and N verified residents of distinct households with a session each. Then, under
gunicorn (`bench_ballots:application`: the portal's URLs plus /bench/bare/, a view returning
"ok" through the same middleware):

* bare: requests/s of the bare view (same cookies, same threads);
* ballots: each resident GETs step 1, POSTs its choices, POSTs the review (3 HTTP requests, CSRF
  included) and is redirected to the thank-you page; ballots/s over all residents;
* limit = bare requests/s / 3 (a ballot is three requests); goal: ballots/s >= 0.1 x limit;
* the race: 20 threads of one household confirm at once: exactly one ballot must be stored;
* queries per step (GET, choose, review+confirm), measured with the test client.
"""

import argparse
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SETTINGS = "portal.settings.test"


def __getattr__(name):
    # gunicorn app and URLconf, loaded lazily (the CLI below stays light).
    if name == "application":
        from django.conf import settings
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        settings.ROOT_URLCONF = "bench_ballots"
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


def env_for(database_url):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=database_url,
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
    )
    return env


def setup_in_process(voters):
    """Child process: base content, the round, residents with sessions; queries per step."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ROOT_URLCONF = "bench_ballots"
    from home.bootstrap import ensure_base_content
    from tests.factories.budgets import budget_round, projects
    from tests.factories.neighbourhoods import HouseholdFactory, NeighbourhoodFactory, member

    ensure_base_content()
    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    budget = budget_round(
        max_projects=5,
        projects=projects(*[(f"Projet {i}", 5_000 * i) for i in range(1, 16)]),
    )
    url = f"/budget/{budget.pk}/voter/"
    step = f"budget_ballot_{budget.pk}-current_step"
    sessions = []
    for _ in range(voters):
        c = Client()
        c.force_login(member(neighbourhood=hood))
        sessions.append(c.cookies["sessionid"].value)
    # One household, 20 members: the race under gunicorn.
    household = HouseholdFactory(address__neighbourhood=hood)
    race = []
    for _ in range(20):
        c = Client()
        c.force_login(member(household=household))
        race.append(c.cookies["sessionid"].value)
    # Queries per step, for one more resident (after a first page view of the round).
    per_step = []
    c2 = Client()
    c2.force_login(member(neighbourhood=hood))
    c2.get(f"/budget/{budget.pk}/", follow=True)
    for call in (
        lambda: c2.get(url),
        lambda: c2.post(url, {step: "choose", "choose-projects": ["p1", "p2"]}),
        lambda: c2.post(url, {step: "review"}),
    ):
        with CaptureQueriesContext(connection) as ctx:
            call()
        per_step.append(len(ctx.captured_queries))
    from tests.factories.budgets import OFFICER_KEYS

    return {
        "url": url,
        "step": step,
        "sessions": sessions,
        "race": race,
        "per_step": per_step,
        "pk": budget.pk,
        "key": OFFICER_KEYS[budget.round_key],
    }


def count_in_process(pk, key):
    """Child process: what was stored, then the returning officer's tally (timed)."""
    import django

    django.setup()
    from budgets.models import Ballot, Participation, SealedBallot
    from budgets.pages import BudgetRoundPage
    from budgets.services import round_tally
    from tests.factories.budgets import move_to_phase

    counts = {
        "participations": Participation.objects.count(),
        "sealed": SealedBallot.objects.count(),
    }
    budget = move_to_phase(BudgetRoundPage.objects.get(pk=pk), "closed")
    started = time.perf_counter()
    round_tally(budget=budget, key_texts=[key])
    counts["tally_seconds"] = round(time.perf_counter() - started, 3)
    counts["plain"] = Ballot.objects.count()
    return counts


def child(database_url, flag, *args):
    out = subprocess.run(
        [PY, __file__, flag, *map(str, args)],
        cwd=ROOT,
        env=env_for(database_url),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def opener_for(session):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    opener.addheaders = [("Cookie", f"sessionid={session}")]
    return opener, jar


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def cast(base, url, step, session, picks):
    """GET step 1, POST the choices, POST the review: the browser's three requests."""
    opener, jar = opener_for(session)
    with opener.open(base + url, timeout=30) as resp:
        body = resp.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    opener.addheaders = [("Cookie", f"sessionid={session}; csrftoken={csrf}")]

    def post(data):
        payload = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}, doseq=True)
        try:
            with opener.open(base + url, data=payload.encode(), timeout=30) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    status, _ = post({step: "choose", "choose-projects": picks})
    assert status == 200, status
    status, _ = post({step: "review"})
    return status


def run_pool(jobs, threads):
    todo = iter(jobs)
    lock = threading.Lock()
    results, errors = [], []

    def worker():
        while True:
            with lock:
                job = next(todo, None)
            if job is None:
                return
            try:
                results.append(job())
            except Exception as exc:  # noqa: BLE001
                errors.append(repr(exc))

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return time.perf_counter() - started, results, errors


def bare_rps(base, session, requests, threads):
    def get():
        req = urllib.request.Request(
            base + "/bench/bare/", headers={"Cookie": f"sessionid={session}"}
        )
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 (loopback)
            resp.read()
        return 200

    elapsed, _r, errors = run_pool([get] * requests, threads)
    assert not errors, errors[:3]
    return requests / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voters", type=int, default=300)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--setup", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--count", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup is not None:
        sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
        print(json.dumps(setup_in_process(args.setup)))
        return
    if args.count:
        sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
        print(json.dumps(count_in_process(int(args.count[0]), args.count[1])))
        return

    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres"):
        sys.exit("set DATABASE_URL=postgres://… (the benchmark runs on PostgreSQL)")
    parsed = urllib.parse.urlparse(base_url)
    name = parsed.path.lstrip("/") + "_ballots"
    database_url = parsed._replace(path=f"/{name}").geturl()
    import psycopg

    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        subprocess.run(
            [PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env_for(database_url), check=True
        )
        setup = child(database_url, "--setup", args.voters)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        proc = subprocess.Popen(
            [
                PY,
                "-m",
                "gunicorn",
                "bench_ballots:application",
                "--chdir",
                str(ROOT / "bench"),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env_for(database_url),
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(base + "/bench/bare/", timeout=2).read()  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.2)
            session0 = setup["sessions"][0]
            bare_rps(base, session0, 50, args.threads)  # warm-up
            bare = max(bare_rps(base, session0, 400, args.threads) for _ in range(2))
            jobs = [
                (
                    lambda s=s, i=i: cast(
                        base,
                        setup["url"],
                        setup["step"],
                        s,
                        [f"p{(i + k) % 15 + 1}" for k in range(1 + i % 5)],
                    )
                )
                for i, s in enumerate(setup["sessions"])
            ]
            elapsed, statuses, errors = run_pool(jobs, args.threads)
            assert not errors, errors[:3]
            assert statuses.count(302) == args.voters, statuses[:10]
            race_jobs = [
                (lambda s=s: cast(base, setup["url"], setup["step"], s, ["p1"]))
                for s in setup["race"]
            ]
            _e, race_statuses, race_errors = run_pool(race_jobs, 20)
            bare_after = bare_rps(base, session0, 400, args.threads)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        counts = child(database_url, "--count", setup["pk"], setup["key"])
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    ballots = args.voters / elapsed
    limit = bare / 3
    print(f"database: PostgreSQL, gunicorn {args.workers} workers, {args.threads} client threads")
    print(f"bare view: {bare:.1f} requests/s (after the ballots: {bare_after:.1f})")
    print(f"limit (bare / 3 requests per ballot): {limit:.1f} ballots/s")
    print(
        f"ballots through the wizard: {args.voters} in {elapsed:.2f} s -> {ballots:.1f} ballots/s "
        f"= {ballots / limit:.2f} x the limit (goal >= 0.1)"
    )
    print(f"queries per step (GET, choose, review+confirm): {setup['per_step']}")
    print(
        f"race, 20 members of one household at once: statuses {sorted(set(race_statuses))}, "
        f"{race_statuses.count(302)} redirected to thanks, errors {len(race_errors)}; "
        f"stored: {counts['participations']} participations = {args.voters} + 1 (race) "
        "+ 1 (query count), "
        f"{counts['sealed']} sealed ballots"
    )
    # + 1 for the race household, + 1 for the resident whose queries were counted
    assert counts["participations"] == counts["sealed"] == args.voters + 2, counts
    print(
        f"tally with the officer's key: {counts['plain']} sealed ballots opened and written "
        f"in random order in {counts['tally_seconds']:.2f} s"
    )


if __name__ == "__main__":
    main()
