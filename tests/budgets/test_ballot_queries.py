"""Queries per step of the ballot wizard, pinned (bench/bench_ballots.py measures the speed).

Each step: session, user, membership with "staff account?" and "has this household voted?"
(one query), the session write (with its savepoint pair inside a test's transaction). The round
with its neighbourhoods and projects, and the site and portal settings the base template reads,
come from the cache (5 queries on a cold cache only); confirming adds the round's public key
(cached too), the participation and the sealed ballot.
Before: 19-20 per step, then 13/13/16; now 6/6/10 warm (production, without savepoints: 4/4/7).
"""

import pytest

from tests.factories.budgets import budget_round, counted, projects

from .wizard import step_key

pytestmark = pytest.mark.django_db

PER_STEP = 7  # warm: GET and choose (the header's unread-notifications badge included)
CONFIRM = 11  # review + confirm: + participation, sealed ballot and their savepoint pair
COLD = 5  # the round, its areas and projects, the site and its settings: first request only


@pytest.fixture
def fifteen(neighbourhoods):
    return budget_round(
        max_projects=5, projects=projects(*[(f"Projet {i}", 5_000 * i) for i in range(1, 16)])
    )


def test_each_wizard_step_stays_within_its_query_budget(
    client, fifteen, resident, django_assert_max_num_queries
):
    client.force_login(resident)
    url = f"/budget/{fifteen.pk}/voter/"
    # The site's first page view creates its settings row: not part of a step.
    client.get(f"/budget/{fifteen.pk}/", follow=True)
    with django_assert_max_num_queries(PER_STEP + COLD):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(PER_STEP):
        response = client.post(
            url, {step_key(fifteen): "choose", "choose-projects": ["p1", "p2", "p9"]}
        )
    assert "Étape 2 sur 3" in response.content.decode()
    with django_assert_max_num_queries(CONFIRM + 1):  # + the round's key, cold
        assert client.post(url, {step_key(fifteen): "review"}).status_code == 302
    assert counted().get().choices == [["p1", 1], ["p2", 1], ["p9", 1]]


def test_per_neighbourhood_round_same_budget(
    client, neighbourhoods, resident, django_assert_max_num_queries
):
    a, b = neighbourhoods
    budget = budget_round(
        scope="neighbourhood",
        areas=[(a, 50_000), (b, 50_000)],
        projects=projects(("Parc", 20_000), ("Bancs", 5_000), neighbourhood=a)
        + [{"code": "b1", "title": "Ailleurs", "cost": 1_000, "neighbourhood": b}],
    )
    client.force_login(resident)
    url = f"/budget/{budget.pk}/voter/"
    client.get(f"/budget/{budget.pk}/", follow=True)
    client.get(url)  # warm: the round and its key are cached from now on
    with django_assert_max_num_queries(PER_STEP):
        page = client.get(url).content.decode()
    assert "Parc" in page and "Ailleurs" not in page
    with django_assert_max_num_queries(PER_STEP):
        client.post(url, {step_key(budget): "choose", "choose-projects": ["p1"]})
    with django_assert_max_num_queries(CONFIRM + 1):
        assert client.post(url, {step_key(budget): "review"}).status_code == 302
    ballot = counted().get()
    assert ballot.scope == a and ballot.choices == [["p1", 1]]
