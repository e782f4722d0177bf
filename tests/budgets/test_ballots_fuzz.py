"""Hypothesis posts arbitrary data to the ballot wizard: never a 5xx, never a partial write."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgets.models import Ballot, Participation, SealedBallot
from tests.factories.budgets import budget_round, projects
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db

junk = st.one_of(
    st.text(max_size=12), st.integers(-(10**6), 10**6).map(str), st.sampled_from(["p1", "p2", "p3"])
)


@pytest.mark.parametrize("rule", ["approval", "knapsack", "cumulative", "ranked"])
def test_fuzzed_ballot_posts(client, neighbourhoods, rule):
    budget = budget_round(
        ballot_rule=rule,
        total_budget=50_000,
        max_projects=2,
        projects=projects(("A", 30_000), ("B", 25_000), ("C", 10_000)),
    )
    client.force_login(member(neighbourhood=neighbourhoods[0]))
    url = f"/budget/{budget.pk}/voter/"
    step = f"budget_ballot_{budget.pk}-current_step"

    @settings(
        max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(
        fields=st.dictionaries(
            st.sampled_from(
                [
                    "choose-projects",
                    "choose-points_p1",
                    "choose-points_p2",
                    "choose-rank_1",
                    "choose-rank_2",
                    "choose-rank_3",
                    "recalculate",
                    "wizard_goto_step",
                    step,
                    "other",
                ]
            ),
            st.lists(junk, max_size=4),
            max_size=6,
        ),
        current=st.sampled_from(["choose", "review", "done", ""]),
    )
    def post(fields, current):
        data = {step: current, **fields}
        response = client.post(url, data)
        assert response.status_code < 500
        # Either nothing is stored or exactly one consistent pair (sealed ballot +
        # participation: ballots stay sealed until the returning officer counts the round).
        ballots = SealedBallot.objects.count() + Ballot.objects.count()
        assert ballots == Participation.objects.count() <= 1

    post()
