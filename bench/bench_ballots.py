"""Ballots per second cast through the web flow (test client, full wizard POSTs).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \
     .venv/bin/python bench/bench_ballots.py [N]
Creates (and drops) a throwaway test database next to DATABASE_URL's. Baseline in the same run:
a bare request to a tiny view (the round's redirect), so the ratio survives noisy machines.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def main(n: int) -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(n)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(n: int) -> None:
    from budgets.models import Ballot, Participation
    from home.bootstrap import ensure_base_content
    from tests.factories.budgets import budget_round, projects
    from tests.factories.neighbourhoods import NeighbourhoodFactory, member

    ensure_base_content()
    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    budget = budget_round(
        max_projects=5,
        projects=projects(*[(f"Projet {i}", 5_000 * i) for i in range(1, 16)]),
    )
    residents = [member(neighbourhood=hood) for _ in range(n)]
    step = f"budget_ballot_{budget.pk}-current_step"
    url = f"/budget/{budget.pk}/voter/"
    clients = []
    for resident in residents:
        c = Client()
        c.force_login(resident)
        clients.append(c)

    # Baseline: one trivial request per resident.
    started = time.perf_counter()
    for c in clients:
        c.get(f"/budget/{budget.pk}/")
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    for i, c in enumerate(clients):
        assert c.get(url).status_code == 200
        picks = [f"p{(i + k) % 15 + 1}" for k in range(1 + i % 5)]
        r = c.post(url, {step: "choose", "choose-projects": picks})
        assert r.status_code == 200, r.status_code
        r = c.post(url, {step: "review"})
        assert r.status_code == 302, r.status_code
    elapsed = time.perf_counter() - started
    assert Ballot.objects.count() == Participation.objects.count() == n

    # Queries per step for one more resident.
    from django.test.utils import CaptureQueriesContext

    c = Client()
    c.force_login(member(neighbourhood=hood))
    per_step = []
    for call in (
        lambda: c.get(url),
        lambda: c.post(url, {step: "choose", "choose-projects": ["p1", "p2"]}),
        lambda: c.post(url, {step: "review"}),
    ):
        with CaptureQueriesContext(connection) as ctx:
            call()
        per_step.append(len(ctx.captured_queries))
    print(f"database: {connection.vendor}")
    print(f"ballots cast through the wizard (GET + choose + review/confirm): {n}")
    print(f"  {elapsed:.2f} s → {n / elapsed:.1f} ballots/s ({1000 * elapsed / n:.1f} ms each)")
    print(f"  queries per step (GET, choose, review+confirm): {per_step}")
    print(f"baseline: {n} bare requests in {baseline:.2f} s ({1000 * baseline / n:.1f} ms each)")
    print(f"  a ballot costs {elapsed / baseline:.1f}× a bare request (3 requests + 2 writes)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
