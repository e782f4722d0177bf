"""The ballot cannot be traced back to a household or a person, and one household = one ballot."""

import threading
import uuid

import pytest
from django.db import connection, models

from budgets.models import Ballot, Participation
from budgets.services import BallotRefused, ballot_cast
from tests.factories.budgets import budget_round, projects
from tests.factories.neighbourhoods import HouseholdFactory, member


def _related_models(model):
    return {f.related_model for f in model._meta.get_fields() if f.is_relation and f.related_model}


def test_ballot_has_no_field_or_relation_leading_to_a_household_or_user():
    from django.contrib.auth import get_user_model

    from neighbourhoods.models import Address, Household, Membership

    forbidden = {get_user_model(), Household, Membership, Address, Participation}
    # Follow every relation from Ballot, transitively: none may reach a person or household.
    seen, todo = set(), [Ballot]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        assert model not in forbidden, f"Ballot reaches {model.__name__}"
        for related in _related_models(model):
            if related is not Ballot and model is Ballot:
                todo.append(related)
    # Ballot's only relation is its scope (a neighbourhood); from there the way back to a
    # household would need a key on the ballot, and it has none.
    names = {f.name for f in Ballot._meta.get_fields()}
    assert names == {"id", "round_key", "scope", "choices", "source", "cast_on"}
    assert isinstance(Ballot._meta.pk, models.UUIDField)
    cast_on = Ballot._meta.get_field("cast_on")
    assert type(cast_on) is models.DateField  # a day, never a moment
    # And nothing points at a ballot (no reverse relation from Participation or anything else).
    assert not [f for f in Ballot._meta.get_fields() if f.auto_created and not f.concrete]
    assert not [f for f in Participation._meta.get_fields() if f.related_model is Ballot]


@pytest.mark.django_db
def test_ballot_ids_and_dates_do_not_follow_the_order_of_voting(neighbourhoods):
    budget = budget_round(projects=projects(("A", 10), ("B", 20)))
    households = [HouseholdFactory(address__neighbourhood=neighbourhoods[0]) for _ in range(30)]
    voting_order = [
        ballot_cast(budget=budget, household=household, choices=["p1"]).id
        for household in households
    ]
    # Random ids: their order says nothing about who voted first (30! orders, one sorted).
    assert voting_order != sorted(voting_order)
    # Every listing sorts by that random id, never by arrival.
    ids_in_voting_order = list(Ballot.objects.values_list("id", flat=True))
    assert ids_in_voting_order == sorted(voting_order)
    assert all(isinstance(i, uuid.UUID) and i.version == 4 for i in ids_in_voting_order)
    assert len(set(Ballot.objects.values_list("cast_on", flat=True))) == 1
    # Participation rows carry no time either, and no key shared with ballots.
    assert type(Participation._meta.get_field("voted_on")) is models.DateField
    ballot_ids = set(Ballot.objects.values_list("id", flat=True))
    assert not ballot_ids & set(Participation.objects.values_list("id", flat=True))


@pytest.mark.django_db
def test_rejected_ballot_leaves_no_participation_and_vice_versa(neighbourhoods):
    from budgets.services import BallotInvalid

    budget = budget_round(projects=projects(("A", 10)), max_projects=1)
    household = HouseholdFactory(address__neighbourhood=neighbourhoods[0])
    with pytest.raises(BallotInvalid):
        ballot_cast(budget=budget, household=household, choices=["p1", "p9"])
    assert Participation.objects.count() == Ballot.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_twenty_members_of_one_household_confirm_at_once(attempt):
    """20 threads, one household: exactly one participation and one ballot; 19 clear refusals."""
    from tests.factories.neighbourhoods import NeighbourhoodFactory

    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    budget = budget_round(projects=projects(("A", 10), ("B", 20)))
    household = HouseholdFactory(address__neighbourhood=hood)
    members = [member(household=household) for _ in range(3)]
    assert members
    barrier = threading.Barrier(20)
    outcomes = []
    lock = threading.Lock()

    def cast(n):
        try:
            barrier.wait()
            ballot_cast(budget=budget, household=household, choices=[f"p{n % 2 + 1}"])
            result = "stored"
        except BallotRefused as exc:
            result = exc.code
        except Exception as exc:  # noqa: BLE001
            result = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=cast, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("stored") == 1, outcomes
    assert outcomes.count("already_voted") == 19, outcomes
    assert Participation.objects.count() == 1
    assert Ballot.objects.count() == 1
