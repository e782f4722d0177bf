"""Ballot secrecy against someone who reads the whole PostgreSQL database, system columns
included (ctid = physical position, xmin = writing transaction, ids, days).

300 households each cast a different ballot, so a ballot's contents name its household: the
attacker's goal is to pair each participation with its plain ballot. For every strategy we can
think of (pair the i-th participation with the i-th ballot when both are sorted by ctid, by
xmin, by id, by day, ...), the number of correct pairs is that of a random pairing: the count
of fixed points of a random permutation of 300, which is about Poisson(1). P(X >= 8) = 1.0e-5
per strategy (sum over k >= 8 of e^-1 / k!), so with 6 strategies a correct design fails this
test with probability < 1e-4, while any ordering leak (e.g. ballots written in voting order)
gives ~300 correct pairs.
"""

import itertools
import json
import math

import pytest
from django.db import connection

from budgets.models import Ballot, SealedBallot
from budgets.services import ballot_cast
from tests.factories.budgets import budget_round, count_round, projects
from tests.factories.neighbourhoods import HouseholdFactory, NeighbourhoodFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 300
MAX_CORRECT = 7  # P(Poisson(1) >= 8) = 1.0e-5


def _fixed_point_tail(k: int) -> float:
    return 1 - sum(math.exp(-1) / math.factorial(i) for i in range(k))


def _rows(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _ctid_key(ctid: str):
    page, item = ctid.strip("()").split(",")
    return int(page), int(item)


def test_matching_participations_to_ballots_does_no_better_than_chance():
    assert _fixed_point_tail(MAX_CORRECT + 1) < 2e-5
    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    budget = budget_round(
        max_projects=3, projects=projects(*[(f"Projet {i}", 1_000) for i in range(1, 14)])
    )
    codes = [f"p{i}" for i in range(1, 14)]
    ballots = [list(c) for k in (1, 2, 3) for c in itertools.combinations(codes, k)][:N]
    truth = {}
    for choice in ballots:
        household = HouseholdFactory(address__neighbourhood=hood)
        ballot_cast(budget=budget, household=household, choices=choice)
        truth[household.pk] = tuple(choice)

    # Before the tally: participations and sealed ballots line up (same transaction), but the
    # sealed ballots say nothing without the officer's key, and no plain ballot exists.
    assert Ballot.objects.count() == 0
    sealed = _rows("SELECT xmin::text, length(ciphertext) FROM budgets_sealedballot")
    assert len({length for _x, length in sealed}) == 1  # all the same size
    joined = _rows(
        "SELECT count(*) FROM budgets_participation p JOIN budgets_sealedballot s "
        "ON p.xmin = s.xmin"
    )[0][0]
    assert joined == N  # this is why they are sealed

    count_round(budget)
    assert SealedBallot.objects.count() == 0 and Ballot.objects.count() == N

    parts = _rows(
        "SELECT household_id, ctid::text, xmin::text, id::text, voted_on FROM budgets_participation"
    )
    plain = _rows("SELECT choices, ctid::text, xmin::text, id::text, cast_on FROM budgets_ballot")
    assert len({x for _c, _ct, x, _i, _d in plain}) == 1  # one statement, one transaction

    def choices_of(row):
        value = json.loads(row[0]) if isinstance(row[0], str) else row[0]
        return tuple(code for code, _points in value)

    strategies = {
        "ctid": (lambda p: _ctid_key(p[1]), lambda b: _ctid_key(b[1])),
        "ctid reversed": (lambda p: _ctid_key(p[1]), lambda b: tuple(-x for x in _ctid_key(b[1]))),
        "xmin then ctid": (
            lambda p: (int(p[2]), _ctid_key(p[1])),
            lambda b: (int(b[2]), _ctid_key(b[1])),
        ),
        "id": (lambda p: p[3], lambda b: b[3]),
        "day then ctid": (lambda p: (p[4], _ctid_key(p[1])), lambda b: (b[4], _ctid_key(b[1]))),
        "participation ctid vs ballot id": (lambda p: _ctid_key(p[1]), lambda b: b[3]),
    }
    results = {}
    for name, (part_key, ballot_key) in strategies.items():
        pairs = zip(sorted(parts, key=part_key), sorted(plain, key=ballot_key), strict=True)
        results[name] = sum(truth[p[0]] == choices_of(b) for p, b in pairs)
    print(f"correct pairs of {N} (chance: 1 expected, <= {MAX_CORRECT} w.p. 1-1e-5): {results}")
    assert max(results.values()) <= MAX_CORRECT, results
    # Sanity: the ground truth is complete, and writing in voting order WOULD be caught.
    assert sorted(truth.values()) == sorted(choices_of(b) for b in plain)
    in_order = sorted(parts, key=lambda p: _ctid_key(p[1]))
    assert sum(truth[p[0]] == truth[q[0]] for p, q in zip(in_order, in_order, strict=True)) == N
