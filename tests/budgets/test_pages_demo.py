import random

import pytest

from budgets.models import Ballot, Participation, SealedBallot
from budgets.pages import BudgetRoundPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from budgets.demo import seed as seed_budgets
    from neighbourhoods.demo import seed as seed_neighbourhoods

    seed_neighbourhoods(scale=0.05, rng=random.Random(1), log=lambda *_: None)
    seed_budgets(scale=0.05, rng=random.Random(2), log=lambda *_: None)


def test_demo_has_a_closed_round_with_results_and_an_open_one(client, demo):
    closed = BudgetRoundPage.objects.get(slug="budget-participatif-2025")
    open_round = BudgetRoundPage.objects.get(slug="budget-participatif-2026")
    assert closed.phase() == "results" and open_round.phase() == "voting"
    assert open_round.total_budget == 200_000 and open_round.projects.count() == 15
    assert Ballot.objects.filter(round_key=closed.translation_key).count() > 0
    assert Participation.objects.count() == Ballot.objects.count() + SealedBallot.objects.count()
    assert SealedBallot.objects.filter(round_key=open_round.translation_key).exists()
    body = client.get(f"/budget/{closed.pk}/resultats/").content.decode()
    assert "Projets financés" in body and "Participation par quartier" in body


def test_demo_resident_can_vote_in_the_open_round(client, demo):
    from django.contrib.auth import get_user_model

    open_round = BudgetRoundPage.objects.get(slug="budget-participatif-2026")
    client.force_login(get_user_model().objects.get(email="resident@demo.mons.be"))
    response = client.get(f"/budget/{open_round.pk}/voter/")
    assert response.status_code == 200 and "Étape 1 sur 3" in response.content.decode()


def test_page_in_projects_phase_lists_projects_without_vote_button(client, neighbourhoods):
    from tests.factories.budgets import budget_round, projects

    budget = budget_round(phase="projects", projects=projects(("Jardin", 10)))
    body = client.get(budget.url).content.decode()
    assert "Jardin" in body and "projets présentés" in body
    assert f"/budget/{budget.pk}/voter/" not in body
