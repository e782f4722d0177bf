import pytest

from budgets.models import Participation, SealedBallot
from tests.factories.budgets import budget_round, counted, projects
from tests.factories.neighbourhoods import HouseholdFactory, member

from .wizard import choose, confirm, vote

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_resident_votes_through_choose_review_confirm(client, city_round, resident):
    client.force_login(resident)
    page = client.get(city_round.url)
    assert "Voter" in text(page)
    first = client.get(f"/budget/{city_round.pk}/voter/")
    assert "Étape 1 sur 3" in text(first)
    review = choose(client, city_round, {"projects": ["p1", "p2"]})
    assert "Étape 2 sur 3" in text(review)
    assert "Potager collectif" in text(review) and "40" in text(review)
    assert SealedBallot.objects.count() == 0  # nothing stored before confirming
    done = confirm(client, city_round)
    assert "Étape 3 sur 3" in text(done)
    assert "vote de votre ménage est enregistré" in text(done)
    ballot = counted().get()
    assert ballot.choices == [["p1", 1], ["p2", 1]]
    assert ballot.source == "web" and ballot.scope is None
    participation = Participation.objects.get()
    assert participation.household == resident.memberships.get().household


def test_back_from_review_keeps_the_choices(client, city_round, resident):
    client.force_login(resident)
    choose(client, city_round, {"projects": ["p3"]})
    back = client.post(
        f"/budget/{city_round.pk}/voter/",
        {f"budget_ballot_{city_round.pk}-current_step": "review", "wizard_goto_step": "choose"},
    )
    assert 'value="p3" id="id_choose-projects_2" data-cost="60000" checked' in text(back)


def test_running_total_without_javascript(client, city_round, resident):
    client.force_login(resident)
    response = choose(client, city_round, {"projects": ["p1", "p3"]}, recalculate=True)
    assert "Étape 1 sur 3" in text(response)
    assert 'data-total="cost">90\u202f000' in text(response) or 'data-total="cost">90' in text(
        response
    )
    assert 'data-total="count">2<' in text(response)


def test_second_ballot_from_the_same_household_is_refused(client, city_round, neighbourhoods):
    household = HouseholdFactory(address__neighbourhood=neighbourhoods[0])
    first, second = member(household=household), member(household=household)
    client.force_login(first)
    vote(client, city_round, {"projects": ["p1"]})
    client.force_login(second)
    response = client.get(f"/budget/{city_round.pk}/voter/")
    assert response.status_code == 403
    assert "Votre ménage a déjà voté" in text(response)
    assert SealedBallot.objects.count() == 1 and Participation.objects.count() == 1


def test_second_ballot_refused_even_mid_wizard(client, city_round, neighbourhoods):
    """Both members reach the review page; the second confirmation is refused, nothing stored."""
    from django.test import Client

    household = HouseholdFactory(address__neighbourhood=neighbourhoods[0])
    one, two = Client(), Client()
    one.force_login(member(household=household))
    two.force_login(member(household=household))
    choose(one, city_round, {"projects": ["p1"]})
    choose(two, city_round, {"projects": ["p2"]})
    confirm(one, city_round)
    response = confirm(two, city_round)
    assert "Votre ménage a déjà voté" in text(response)
    assert SealedBallot.objects.count() == 1


@pytest.mark.parametrize(
    "picked, message",
    [
        ([], "Choisissez au moins 1 projet"),
        (["p1", "p2", "p4", "p5"], "Choisissez au plus 3 projets"),
        (["p1", "zz"], "Sélectionnez un choix valide"),
    ],
)
def test_approval_limits(client, city_round, resident, picked, message):
    client.force_login(resident)
    response = choose(client, city_round, {"projects": picked})
    assert "Étape 1 sur 3" in text(response)
    assert message in text(response)
    assert SealedBallot.objects.count() == 0


def test_knapsack_over_budget_and_minimum_share(client, neighbourhoods, resident):
    budget = budget_round(
        ballot_rule="knapsack",
        total_budget=50_000,
        min_share_spent=50,
        projects=projects(("A", 30_000), ("B", 25_000), ("C", 10_000)),
    )
    client.force_login(resident)
    over = choose(client, budget, {"projects": ["p1", "p2"]})
    assert "plus que le budget" in text(over)
    under = choose(client, budget, {"projects": ["p3"]})
    assert "au moins" in text(under)
    ok = vote(client, budget, {"projects": ["p1", "p3"]})
    assert "enregistré" in text(ok)
    assert counted().get().choices == [["p1", 1], ["p3", 1]]


def test_cumulative_points(client, neighbourhoods, resident):
    budget = budget_round(
        ballot_rule="cumulative",
        points_total=10,
        points_max_per_project=5,
        projects=projects(("A", 30_000), ("B", 25_000), ("C", 10_000)),
    )
    client.force_login(resident)
    too_many_on_one = choose(client, budget, {"points_p1": "6"})
    assert "au plus 5 points" in text(too_many_on_one)
    too_many = choose(client, budget, {"points_p1": "5", "points_p2": "5", "points_p3": "3"})
    assert "13 points" in text(too_many)
    ok = vote(client, budget, {"points_p1": "5", "points_p3": "2"})
    assert "enregistré" in text(ok)
    assert counted().get().choices == [["p1", 5], ["p3", 2]]


def test_ranked_top_k(client, neighbourhoods, resident):
    budget = budget_round(
        ballot_rule="ranked",
        rank_top_k=3,
        projects=projects(("A", 30_000), ("B", 25_000), ("C", 10_000), ("D", 5_000)),
    )
    client.force_login(resident)
    same = choose(client, budget, {"rank_1": "p2", "rank_2": "p2"})
    assert "deux fois" in text(same)
    gap = choose(client, budget, {"rank_1": "p2", "rank_3": "p1"})
    assert "sans trou" in text(gap)
    ok = vote(client, budget, {"rank_1": "p4", "rank_2": "p1"})
    assert "enregistré" in text(ok)
    assert counted().get().choices == [["p4", 3], ["p1", 2]]


def test_per_neighbourhood_round_shows_and_accepts_only_own_projects(client, neighbourhoods):
    a, b = neighbourhoods
    budget = budget_round(
        scope="neighbourhood",
        total_budget=None,
        areas=[(a, 40_000), (b, 30_000)],
        projects=[
            {"code": "a1", "title": "Jardin A", "cost": 20_000, "neighbourhood": a},
            {"code": "b1", "title": "Jardin B", "cost": 20_000, "neighbourhood": b},
        ],
    )
    client.force_login(member(neighbourhood=a))
    form = client.get(f"/budget/{budget.pk}/voter/")
    assert "Jardin A" in text(form) and "Jardin B" not in text(form)
    other = choose(client, budget, {"projects": ["b1"]})
    assert "Étape 1 sur 3" in text(other) and SealedBallot.objects.count() == 0
    vote(client, budget, {"projects": ["a1"]})
    assert counted().get().scope == a


def test_project_from_another_round_is_refused(client, city_round, resident):
    other = budget_round(title="Autre", projects=[{"code": "x9", "title": "X", "cost": 1}])
    client.force_login(resident)
    response = choose(client, city_round, {"projects": ["x9"]})
    assert "Étape 1 sur 3" in text(response)
    assert other.pk != city_round.pk and SealedBallot.objects.count() == 0


@pytest.mark.parametrize(
    "phase, message",
    [("projects", "pas encore ouvert"), ("closed", "est clôturé"), ("results", "est clôturé")],
)
def test_voting_outside_the_dates_is_refused(client, neighbourhoods, resident, phase, message):
    budget = budget_round(phase=phase, projects=projects(("A", 10)))
    client.force_login(resident)
    response = choose(client, budget, {"projects": ["p1"]})
    assert response.status_code == 403
    assert message in text(response)
    assert SealedBallot.objects.count() == 0 and Participation.objects.count() == 0


def test_round_for_other_neighbourhoods_refuses_residents_elsewhere(client, neighbourhoods):
    a, b = neighbourhoods
    budget = budget_round(areas=[(b, None)], projects=projects(("A", 10)))
    client.force_login(member(neighbourhood=a))
    response = client.get(f"/budget/{budget.pk}/voter/")
    assert response.status_code == 403 and "Mons-Centre" in text(response)


@pytest.mark.parametrize(
    "role", ["anonymous", "pending resident", "Participation staff", "superuser"]
)
def test_only_verified_residents_vote(client_for, city_round, role):
    response = client_for(role).get(f"/budget/{city_round.pk}/voter/")
    assert response.status_code in (302, 403)
    assert SealedBallot.objects.count() == 0


def test_service_rechecks_rules_even_without_the_form(city_round, resident):
    from budgets.services import BallotInvalid, ballot_cast

    household = resident.memberships.get().household
    with pytest.raises(BallotInvalid):
        ballot_cast(budget=city_round, household=household, choices=["p1", "p2", "p3", "p4"])
    assert SealedBallot.objects.count() == 0 and Participation.objects.count() == 0
