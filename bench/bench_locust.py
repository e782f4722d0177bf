"""Load test with Locust: the demo at --scale 1 on PostgreSQL, behind the production stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
    REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/bench_locust.py [--users 40] [--time 90s] [--web-workers 2]

It seeds the demo at scale 1 into that database if it is empty (`seed_demo --scale 1
--if-empty`, development settings), adds bench residents (one household each, password of the
demo), collects static files, starts gunicorn (deploy/gunicorn.conf.py, production settings plus
/bench/bare/) on 127.0.0.1, and runs Locust headless, bounded in users and time, on it:
  * residents (signed in): hub, a feed page, post, react, open a survey, vote (survey steps),
  * visitors: home, hubs, news, a survey, the sign-in page,
  * the baseline: a bare Django view through the same stack, in the same run.
It prints requests/s, p50/p95/p99 (ms) and failures per request kind, and the machine's load.
Needs `pip install -e .[bench]` (locust, gunicorn). Loopback only.
"""

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

PLAN_CODE = r"""
import json
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from wagtail.models import Page
from demo.accounts import DEMO_PASSWORD
from neighbourhoods.models import Address, Household, Membership, NeighbourhoodPage
from neighbourhoods.services import membership_join
from surveys.pages import SurveyPage

User = get_user_model()
hubs = list(NeighbourhoodPage.objects.live().filter(locale__language_code="fr")
            .select_related("neighbourhood"))
free = Address.objects.filter(~Exists(Household.objects.filter(address=OuterRef("pk"))))
residents = []
for i in range(RESIDENTS):
    hub = hubs[i % len(hubs)]
    user, made = User.objects.get_or_create(
        email=f"bench-{i}@bench.mons.be",
        defaults={"display_name": f"Banc {i}"},
    )
    if made or not user.has_usable_password():
        from django.utils import timezone
        user.set_password(DEMO_PASSWORD)
        user.email_confirmed_at = timezone.now()
        user.save()
    membership = Membership.objects.filter(user=user, ended_at__isnull=True).first()
    if membership is None:
        address = free.filter(neighbourhood=hub.neighbourhood).first()
        membership_join(user=user, address=address, method=Membership.Method.STAFF)
        membership = Membership.objects.get(user=user, ended_at__isnull=True)
    mine = next(h for h in hubs if h.neighbourhood_id == membership.neighbourhood_id)
    residents.append({"email": user.email, "code": mine.neighbourhood.code, "hub": mine.url})
now = __import__("django.utils.timezone", fromlist=["now"]).now()
surveys = [s for s in SurveyPage.objects.live().filter(locale__language_code="fr")
           if s.is_open(now)]
survey = surveys[0].url if surveys else hubs[0].url
news = Page.objects.live().filter(slug="actualites").first()
print(json.dumps({
    "password": DEMO_PASSWORD, "residents": residents, "hubs": [h.url for h in hubs],
    "survey": survey, "vote": survey, "news": news.url if news else "/",
}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=40, help="simultaneous Locust users")
    parser.add_argument("--spawn-rate", type=float, default=4)
    parser.add_argument("--time", default="90s", help="how long Locust runs")
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--web-threads", type=int, default=4)
    parser.add_argument("--residents", type=int, default=40, help="bench accounts to sign in")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith("postgres") or not redis_url:
        sys.exit("Set DATABASE_URL=postgres://… and REDIS_URL=redis://… (see the docstring).")
    work = Path(tempfile.mkdtemp(prefix="bench-locust-"))
    base_env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}"}
    dev = {**base_env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    prod = {
        **base_env,
        "DJANGO_SETTINGS_MODULE": "locust_settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-key-" + "b" * 50,
        "STATIC_ROOT": str(work / "static"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "LOG_REQUESTS": "0",
    }

    print("migrate + seed (scale 1, if empty) …", flush=True)
    run([PY, "manage.py", "migrate", "-v0"], dev)
    started = time.monotonic()
    run([PY, "manage.py", "seed_demo", "--scale", "1", "--if-empty"], dev, capture_output=True)
    print(f"  seeded or reused in {time.monotonic() - started:.0f}s", flush=True)
    code = PLAN_CODE.replace("RESIDENTS", str(args.residents))
    plan = (
        run([PY, "manage.py", "shell", "-v", "0", "-c", code], dev, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    (work / "plan.json").write_text(plan)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], prod)

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    web_env = {
        **prod,
        "BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": str(args.web_workers),
        "WEB_THREADS": str(args.web_threads),
        "GUNICORN_LOG_LEVEL": "warning",
    }
    web = subprocess.Popen(
        [PY, "-m", "gunicorn", "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
        cwd=ROOT,
        env=web_env,
    )
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(host + "/healthz", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.3)
        load_before = os.getloadavg()
        prefix = work / "stats"
        run(
            [
                PY,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                host,
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                args.time,
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "10",
                "--exit-code-on-error",
                "0",
                "--loglevel",
                "WARNING",
            ],
            {**base_env, "LOCUST_PLAN": str(work / "plan.json")},
        )
        load_after = os.getloadavg()
    finally:
        web.terminate()
        web.wait(30)

    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))  # noqa: SIM115
    print()
    print(
        f"Locust: {args.users} users, {args.time}, gunicorn {args.web_workers} workers × "
        f"{args.web_threads} threads, PostgreSQL + Redis, demo scale 1"
    )
    header = (
        f"{'request':34} {'count':>6} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['Name'][:34]:34} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):>7.2f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        for row in list(csv.DictReader(open(failures)))[:10]:  # noqa: SIM115
            print(
                f"  failure: {row['Method']} {row['Name']}: {row['Error'][:120]}"
                f" ×{row['Occurrences']}"
            )
    print(f"\nload average before {load_before}, after {load_after}; cores: {os.cpu_count()}")
    print(json.dumps({"rows": rows}), file=open(work / "result.json", "w"))  # noqa: SIM115
    print(f"raw CSV: {prefix}_stats.csv")


if __name__ == "__main__":
    main()
