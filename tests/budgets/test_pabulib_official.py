"""Every real pabulib file in the shared data folder, tallied with its META rule, must give the
city's official winners; pabutools 1.2.3 must agree with us where it implements the same rule.

The files are committed in ``tests/data/pabulib`` (with their source and licence), so a fresh
clone anywhere runs these tests.
"""

from __future__ import annotations

from functools import cache

import pytest

from budgets.tally import Profile, TallyError, equal_shares, read_pabulib, tally

from .pabulib_data import committed_names, pabulib_path, plain_pabulib_path

FILES = [
    "France_Toulouse_2019.pb",
    "Netherlands_Assen_2024.pb",
    "Poland_Katowice_2023.pb",
    "Poland_Krakow_2024.pb",
    "Poland_Lodz_2022.pb",
    "Poland_Swiecie_2023.pb",
    "Poland_Warszawa_2020_Praga-Poludnie.pb",
    "Poland_Warszawa_2026.pb",
    "Poland_Wieliczka_2023_Green_Budget.pb",
    "Poland_Wroclaw_2015_150_-_500.pb",
    "US_Stanford_Dataset_2022_Jersey_City_Ward_E_vote_knapsacks.pb",
]
# Per the data README these two publish no `selected` column.
NO_OFFICIAL_RESULT = {
    "France_Toulouse_2019.pb",
    "US_Stanford_Dataset_2022_Jersey_City_Ward_E_vote_knapsacks.pb",
}
TOULOUSE = "France_Toulouse_2019.pb"
JERSEY = "US_Stanford_Dataset_2022_Jersey_City_Ward_E_vote_knapsacks.pb"


@cache
def election(name: str):
    return read_pabulib(pabulib_path(name))


@cache
def profile(name: str) -> Profile:
    return Profile(election(name))


def test_data_folder_holds_exactly_the_known_files():
    assert committed_names() == sorted(FILES)


@pytest.mark.parametrize("name", sorted(set(FILES) - NO_OFFICIAL_RESULT))
def test_meta_rule_reproduces_official_winners(name):
    e = election(name)
    # `selected` 2/3 mark special cases (explained in the file's `comment`) that depart from
    # the rule; none of these files has one, and a new file with one must be looked at.
    special = {pid: p.selected for pid, p in e.projects.items() if p.selected not in (0, 1)}
    assert not special, f"{name}: special `selected` values {special}: {e.meta.get('comment')}"
    result = tally(e, profile=profile(name))
    assert result.rule == e.rule
    assert set(result.selected) == e.official_winners()
    assert result.total_cost <= e.budget
    assert result.total_cost == sum(e.projects[pid].cost for pid in result.selected)
    assert set(result.explanations) == set(e.projects)
    for pid, why in result.explanations.items():
        assert why.selected == (pid in result.selected_set)
        assert why.text.startswith("selected" if why.selected else "rejected"), why.text


@pytest.mark.parametrize("name", FILES)
def test_scores_match_the_published_votes_and_score_columns(name):
    # Pins our scoring conventions (e.g. Kraków's ordinal 3-2-1 points) to pabulib's own columns.
    e, p = election(name), profile(name)
    for j, pid in enumerate(p.ids):
        if e.projects[pid].votes is not None:
            assert p.votes[j] == e.projects[pid].votes, pid
        if e.projects[pid].score is not None:
            assert p.scores[j] == e.projects[pid].score, pid


def test_toulouse_without_official_result_is_a_sound_greedy_outcome():
    e = election(TOULOUSE)
    assert not e.has_official_result()
    result = tally(e, profile=profile(TOULOUSE))
    assert result.rule == "greedy" and result.total_cost <= e.budget
    # Greedy's defining property: whatever was left out either scores lower than every project
    # funded after it was passed over, or did not fit in what was left at its turn.
    left_over = e.budget - result.total_cost
    for pid, why in result.explanations.items():
        if not why.selected:
            assert e.projects[pid].cost > left_over, why.text
            assert "exceeded remaining" in why.text


def test_jersey_city_rule_is_unknown_so_the_caller_must_choose():
    e = election(JERSEY)
    assert not e.has_official_result()
    with pytest.raises(TallyError, match="unknown"):
        tally(e)
    result = tally(e, rule="greedy", profile=profile(JERSEY))
    assert result.total_cost <= e.budget
    assert e.meta["comment"].endswith("it was most likely a greedy rule.")


# --- pabutools 1.2.3 cross-checks -------------------------------------------------------------


@cache
def pabu(name: str):
    from pabutools.election import parse_pabulib

    return parse_pabulib(str(plain_pabulib_path(name)))


def _names(allocation) -> set[str]:
    return {p.name for p in allocation}


def _points_times_cost():
    """Satisfaction making pabutools' greedy (which ranks by satisfaction / cost) rank by
    points, as pabulib's greedy does on cumulative ballots."""
    from pabutools.election.satisfaction import AdditiveSatisfaction

    class PointsTimesCost(AdditiveSatisfaction):
        def __init__(self, instance, profile, ballot):
            super().__init__(
                instance, profile, ballot, lambda _i, _p, b, proj, _v: b.get(proj, 0) * proj.cost
            )

    return PointsTimesCost


@pytest.mark.parametrize(
    "name",
    [
        "Netherlands_Assen_2024.pb",
        JERSEY,
        "Poland_Swiecie_2023.pb",
        "Poland_Wieliczka_2023_Green_Budget.pb",
    ],
)
def test_greedy_and_plain_mes_agree_with_pabutools_on_approval_files(name):
    from pabutools.election import Cost_Sat
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    instance, pprofile = pabu(name)
    # With cost satisfaction, satisfaction / cost is the vote count: pabulib's greedy.
    expected = _names(greedy_utilitarian_welfare(instance, pprofile, sat_class=Cost_Sat))
    assert set(tally(election(name), rule="greedy", profile=profile(name)).selected) == expected
    expected = _names(method_of_equal_shares(instance, pprofile, sat_class=Cost_Sat))
    assert set(equal_shares(profile(name), completion=None).selected) == expected


def test_greedy_and_mes_with_points_agree_with_pabutools_on_toulouse():
    from pabutools.election import Additive_Cardinal_Sat
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    instance, pprofile = pabu(TOULOUSE)
    by_points = _points_times_cost()
    expected = _names(greedy_utilitarian_welfare(instance, pprofile, sat_class=by_points))
    assert set(tally(election(TOULOUSE), profile=profile(TOULOUSE)).selected) == expected
    expected = _names(method_of_equal_shares(instance, pprofile, sat_class=Additive_Cardinal_Sat))
    ours = equal_shares(profile(TOULOUSE), utility="points", completion=None)
    assert set(ours.selected) == expected


@pytest.mark.parametrize("name", ["Netherlands_Assen_2024.pb", JERSEY])
def test_add1_agrees_with_pabutools_budget_increment(name):
    from pabutools.election import Cost_Sat
    from pabutools.rules import method_of_equal_shares

    instance, pprofile = pabu(name)
    expected = _names(
        method_of_equal_shares(instance, pprofile, sat_class=Cost_Sat, voter_budget_increment=1)
    )
    # pabutools stops Add1 at the first exhaustive outcome as well as on overspending.
    ours = equal_shares(profile(name), completion="add1", stop="exhaustive")
    assert set(ours.selected) == expected


def test_wieliczka_needs_the_add1_that_stops_only_on_overspend():
    """The data README: Wieliczka's official result needs the Add1 variant that stops only on
    overspend. pabutools' variant (also stopping at an exhaustive outcome) misses it; ours,
    given the same stopping rule, reproduces pabutools exactly."""
    from pabutools.election import Cost_Sat
    from pabutools.rules import method_of_equal_shares

    name = "Poland_Wieliczka_2023_Green_Budget.pb"
    e, p = election(name), profile(name)
    instance, pprofile = pabu(name)
    theirs = _names(
        method_of_equal_shares(instance, pprofile, sat_class=Cost_Sat, voter_budget_increment=1)
    )
    exhaustive_stop = equal_shares(p, completion="add1", stop="exhaustive")
    overspend_stop = equal_shares(p, completion="add1", comparison=True)
    assert set(exhaustive_stop.selected) == theirs != e.official_winners()
    assert set(overspend_stop.selected) == e.official_winners()
    assert any("equal-shares outcome stands" in note for note in overspend_stop.notes)
