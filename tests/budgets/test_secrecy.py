"""The ballot cannot be traced back to a household or a person, and one household = one ballot."""

import base64
import threading
import uuid

import pytest
from django.db import connection, models
from nacl.public import PrivateKey

from budgets.models import Ballot, Participation, SealedBallot
from budgets.services import BallotRefused, ballot_cast
from tests.factories.budgets import budget_round, count_round, move_to_phase, projects
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
    for household in households:
        ballot_cast(budget=budget, household=household, choices=["p1"])
    assert Ballot.objects.count() == 0  # nothing readable before the tally
    count_round(budget)
    ids = list(Ballot.objects.values_list("id", flat=True))
    assert len(ids) == 30 and SealedBallot.objects.count() == 0
    assert all(isinstance(i, uuid.UUID) and i.version == 4 for i in ids)
    # One day for all: the day voting closed, not the day each household voted.
    assert len(set(Ballot.objects.values_list("cast_on", flat=True))) == 1
    assert type(Participation._meta.get_field("voted_on")) is models.DateField
    assert not set(ids) & set(Participation.objects.values_list("id", flat=True))


def test_sealed_ballot_holds_only_its_round_and_a_ciphertext():
    names = {f.name for f in SealedBallot._meta.get_fields()}
    assert names == {"id", "round_key", "ciphertext"}


@pytest.mark.django_db
def test_before_the_tally_the_database_reveals_no_choice(neighbourhoods):
    budget = budget_round(
        projects=projects(("Potager", 10), ("Bancs", 20), ("Piste", 30)), max_projects=3
    )
    picks = [["p1"], ["p1", "p2", "p3"], ["p3", "p2"], ["p2"]]
    for choice in picks:
        ballot_cast(
            budget=budget,
            household=HouseholdFactory(address__neighbourhood=neighbourhoods[0]),
            choices=choice,
        )
    assert Ballot.objects.count() == 0
    sealed = [bytes(c) for c in SealedBallot.objects.values_list("ciphertext", flat=True)]
    # Same length whatever was chosen (padded), no project code in clear, all different.
    assert len({len(c) for c in sealed}) == 1 and len(set(sealed)) == len(sealed)
    assert not any(b'"p1"' in c or b"p2" in c for c in sealed)
    # Another round's key (the server never had this one) opens nothing.
    from budgets import sealing

    other = sealing.generate(round_key=budget.round_key)
    key = PrivateKey(base64.b64decode(other.private_text.rsplit(":", 1)[1]))
    with pytest.raises(sealing.KeyInvalid):
        sealing.open_sealed(key, sealed[0])


@pytest.mark.django_db
def test_a_lost_or_wrong_key_is_a_clear_message_and_changes_nothing(neighbourhoods):
    from budgets import sealing
    from budgets.services import TallyRefused, round_tally

    budget = budget_round(projects=projects(("A", 10), ("B", 20)))
    ballot_cast(
        budget=budget,
        household=HouseholdFactory(address__neighbourhood=neighbourhoods[0]),
        choices=["p1"],
    )
    move_to_phase(budget, "closed")
    wrong = sealing.generate(round_key=budget.round_key).private_text
    for texts in ([wrong], ["nonsense"], [""], [wrong.replace(str(budget.round_key), "x")]):
        with pytest.raises(TallyRefused) as caught:
            round_tally(budget=budget, key_texts=texts)
        assert caught.value.code == "bad_key"
        assert "Si la clé est perdue, personne ne peut dépouiller" in caught.value.message
    assert Ballot.objects.count() == 0 and SealedBallot.objects.count() == 1
    count_round(budget)
    assert Ballot.objects.get().choices == [["p1", 1]]
    with pytest.raises(TallyRefused) as again:
        count_round(budget)
    assert again.value.code == "counted"


@pytest.mark.django_db
def test_two_shares_open_the_round_and_one_alone_does_not(neighbourhoods):
    from budgets.services import TallyRefused, round_key_create, round_tally

    budget = budget_round(projects=projects(("A", 10)), key=False)
    pair = round_key_create(budget=budget, split=True)
    ballot_cast(
        budget=budget,
        household=HouseholdFactory(address__neighbourhood=neighbourhoods[0]),
        choices=["p1"],
    )
    move_to_phase(budget, "closed")
    with pytest.raises(TallyRefused):
        round_tally(budget=budget, key_texts=[pair.shares[0]])
    assert round_tally(budget=budget, key_texts=list(pair.shares)).ballots == 1


@pytest.mark.django_db
def test_no_key_no_vote(neighbourhoods):
    budget = budget_round(projects=projects(("A", 10)), key=False)
    with pytest.raises(BallotRefused) as caught:
        ballot_cast(
            budget=budget,
            household=HouseholdFactory(address__neighbourhood=neighbourhoods[0]),
            choices=["p1"],
        )
    assert caught.value.code == "no_key"


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
    assert SealedBallot.objects.count() == 1
