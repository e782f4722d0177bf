"""Unit tests of the tally rules on small hand-made elections: greedy variants, tie-breaking,
explanations, Method of Equal Shares (exact prices, Add1, comparison step), ballot limits, and
the float filter of MES against exact arithmetic."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgets.tally import (
    Profile,
    TallyError,
    default_seed,
    equal_shares,
    mes_fixed_budget,
    parse_pabulib,
    tally,
)


def pb(budget, projects, votes, *, vote_type="approval", rule="greedy", **meta):
    """Build a .pb text: projects {id: cost}; votes ["a,b", ...] or [("a,b", "2,1"), ...]."""
    lines = ["META", "key;value", f"budget;{budget}", f"vote_type;{vote_type}", f"rule;{rule}"]
    lines += [f"{k};{v}" for k, v in meta.items()]
    lines += ["PROJECTS", "project_id;cost;name"]
    lines += [f"{pid};{cost};Project {pid}" for pid, cost in projects.items()]
    points = vote_type in ("cumulative", "scoring")
    lines += ["VOTES", "voter_id;vote;points" if points else "voter_id;vote"]
    for i, vote in enumerate(votes):
        lines.append(f"v{i};{vote[0]};{vote[1]}" if points else f"v{i};{vote}")
    return parse_pabulib("\n".join(lines) + "\n")


# --- greedy ---------------------------------------------------------------------------------

ABC = {"A": 60_000, "B": 50_000, "C": 30_000}
ABC_VOTES = ["A,B,C", "A,B", "A"]  # A 3 votes, B 2, C 1


def test_greedy_skips_what_no_longer_fits_and_says_why():
    r = tally(pb(100_000, ABC, ABC_VOTES))
    assert r.selected == ["A", "C"] and r.total_cost == 90_000 and r.budget == 100_000
    assert r.explain("A") == "selected: score 3, fitted in remaining budget 100,000"
    assert r.explain("B") == "rejected: cost 50,000 exceeded remaining 40,000"
    assert r.explain("C") == "selected: score 1, fitted in remaining budget 40,000"
    assert [r.explanations[p].position for p in "ABC"] == [1, None, 2]


def test_greedy_no_skip_stops_at_the_first_misfit():
    r = tally(pb(100_000, ABC, ABC_VOTES, rule="greedy-no-skip"))
    assert r.selected == ["A"]
    assert "exceeded remaining 40,000" in r.explain("B")
    assert r.explain("C").startswith("rejected: not considered, counting stopped at project B")


def test_greedy_threshold_ignores_projects_below_it():
    e = pb(200_000, ABC, ABC_VOTES, rule="greedy-threshold", min_project_score_threshold=2)
    r = tally(e)
    assert r.selected == ["A", "B"]
    assert r.explain("C") == "rejected: score 1 below threshold 2"


def test_projects_without_votes_are_never_funded():
    r = tally(pb(1_000_000, {"A": 10, "Z": 1}, ["A"]))
    assert r.selected == ["A"] and r.explain("Z") == "rejected: no votes"


def test_ordinal_ballots_score_max_length_points_for_a_first_choice():
    e = pb(100, {"A": 10, "B": 10, "C": 10}, ["A,B,C", "C,A,B"], vote_type="ordinal", max_length=3)
    p = Profile(e)
    assert dict(zip(p.ids, p.scores, strict=True)) == {"A": 5, "B": 3, "C": 4}


def test_cumulative_scores_add_points():
    e = pb(100, {"A": 60, "B": 60}, [("A,B", "1,2"), ("A", "2")], vote_type="cumulative")
    assert tally(e).selected == ["A"]  # A 3 points, B 2


# --- ties -------------------------------------------------------------------------------------


def test_tie_on_score_goes_to_the_lowest_cost():
    r = tally(pb(60, {"A": 50, "B": 40}, ["A,B", "A,B"]))
    assert r.selected == ["B"]


def test_tie_on_score_and_cost_goes_to_the_most_votes():
    # Both score 2 points; B's come from two voters, A's from one.
    e = pb(60, {"A": 50, "B": 50}, [("A", "2"), ("B", "1"), ("B", "1")], vote_type="cumulative")
    assert tally(e).selected == ["B"]


def test_full_tie_is_decided_by_the_seeded_lot_recorded_in_the_result():
    e = pb(60, {"A": 50, "B": 50}, ["A", "B"])
    r = tally(e)
    assert r.seed == default_seed(e)
    assert tally(e).selected == r.selected  # deterministic
    outcomes = {}
    for seed in range(40):
        winner = tally(e, seed=seed).selected
        order = sorted(e.projects)
        random.Random(seed).shuffle(order)  # the published lot: anyone can redraw it
        assert winner == [order[0]]
        outcomes[seed] = winner[0]
    assert set(outcomes.values()) == {"A", "B"}


def test_mes_ties_are_broken_like_greedy_ties():
    # Same cost, same supporters count: the lot decides, and the exact run is used for it.
    e = pb(50, {"A": 30, "B": 30}, ["A,B", "A,B"], rule="equalshares")
    for seed in range(10):
        order = sorted(e.projects)
        random.Random(seed).shuffle(order)
        assert tally(e, seed=seed).selected == [order[0]]


# --- Method of Equal Shares -------------------------------------------------------------------


def test_mes_price_per_supporter_is_exact():
    e = pb(10, {"P": 5, "Q": 9}, ["P", "P", "P,Q"], rule="equalshares")
    r = tally(e)
    assert r.selected == ["P"]
    assert r.explanations["P"].price_per_supporter == Fraction(5, 3)
    assert "shared by its 3 supporter(s) at 1.67 each" in r.explain("P")
    assert r.explanations["P"].text.startswith("selected in round 1")
    # The one Q supporter has 10/3 - 5/3 left: not enough for Q.
    assert r.explain("Q") == (
        "rejected: cost 9 could not be covered by its 1 supporter(s), who had 1.67 left "
        "(starting share 3.33)"
    )


def test_mes_unaffordable_project_explains_what_its_supporters_had_left():
    # 3 voters with 2 each. B (5, all three) goes first at 5/3 each; A (3, voters 0 and 1
    # with 1/3 each) is then out of reach.
    e = pb(6, {"A": 3, "B": 5}, ["A,B", "A,B", "B"], rule="equalshares")
    r = tally(e)
    assert r.selected == ["B"]
    assert r.explanations["B"].price_per_supporter == Fraction(5, 3)
    assert "had 0.67 left" in r.explain("A")


def test_mes_water_filling_caps_poor_voters():
    # 11 voters. X (18, voters 0-1) goes first at 9 each; Y (91, voter 0 and nine others)
    # would cost 9.1 each, but voter 0 has only 1 (then 2) left: she pays that, the nine others
    # share the rest.
    e = pb(110, {"X": 18, "Y": 91}, ["X,Y", "X"] + ["Y"] * 9, rule="equalshares")
    p = Profile(e)
    run = mes_fixed_budget(p, per_voter=Fraction(10), utility="cardinality")
    assert [p.ids[j] for j in run.winners] == ["X", "Y"]
    assert run.prices[p.index["X"]] == 9
    assert run.prices[p.index["Y"]] == 10
    run = mes_fixed_budget(p, per_voter=Fraction(11), utility="cardinality", exact=True)
    assert run.prices[p.index["Y"]] == Fraction(89, 9)


def test_free_projects_with_supporters_are_selected_first():
    r = tally(pb(10, {"F": 0, "A": 10}, ["F,A", "A"], rule="equalshares"))
    assert r.selected == ["F", "A"]


MAJORITY = {"A1": 2, "A2": 2, "M": 1}
MAJORITY_VOTES = ["A1,A2", "A1,A2", "A1,A2", "M"]


def test_add1_stops_before_the_first_overspend():
    r = tally(pb(4, MAJORITY, MAJORITY_VOTES, rule="equalshares/add1"))
    # A1 and A2 tie exactly (the lot picks one); with a share of 2 all three would be bought.
    assert len(r.selected) == 2 and "M" in r.selected and r.total_cost == 3
    assert any("raised 0 time(s)" in n for n in r.notes)  # share 2 would buy all three: 5 > 4


def test_comparison_step_switches_to_greedy_when_more_voters_prefer_it():
    r = tally(pb(4, MAJORITY, MAJORITY_VOTES, rule="equalshares/add1-comparison"))
    assert r.rule == "equalshares/add1-comparison"
    assert sorted(r.selected) == ["A1", "A2"]
    assert any(
        "1 voter(s) prefer the equal-shares outcome, 3 prefer the greedy" in n for n in r.notes
    )


def test_greedy_completion_spends_what_mes_leaves():
    p = Profile(pb(4, MAJORITY, MAJORITY_VOTES))
    r = equal_shares(p, completion=None, greedy_completion=True)
    assert len(r.selected) == 2 and r.total_cost == 3  # nothing else fits in the 1 left
    p = Profile(pb(5, MAJORITY, MAJORITY_VOTES))
    plain = equal_shares(p, completion=None)
    r = equal_shares(p, completion=None, greedy_completion=True)
    added = r.selected[len(plain.selected) :]
    assert added and r.total_cost <= 5
    assert r.explain(added[0]).startswith("selected by greedy completion")


# --- limits and errors ------------------------------------------------------------------------


def test_ballots_breaking_meta_limits_are_left_out_and_reported():
    e = pb(100, {"A": 60, "B": 60}, ["A,B", "B", "B", "A", "A,B", "A,B"], max_length=1)
    r = tally(e)
    assert r.selected == ["B"]  # 2 valid votes for B, 1 for A
    assert r.notes == ["3 ballot(s) ignored as invalid: more than max_length=1 projects"]


def test_points_over_max_sum_are_invalid():
    e = pb(
        100,
        {"A": 60, "B": 60},
        [("A", "5"), ("B", "2"), ("B", "1")],
        vote_type="cumulative",
        max_sum_points=3,
    )
    assert tally(e).selected == ["B"]


def test_unknown_rule_is_refused():
    e = pb(100, ABC, ABC_VOTES)
    with pytest.raises(TallyError, match="cannot tally with rule 'phragmen'"):
        tally(e, rule="phragmen")


# --- properties -------------------------------------------------------------------------------


@st.composite
def elections(draw, vote_type="approval"):
    m = draw(st.integers(1, 7))
    ids = [f"p{j}" for j in range(m)]
    costs = {pid: draw(st.integers(0, 30)) for pid in ids}
    budget = draw(st.integers(0, 80))
    votes = []
    for _ in range(draw(st.integers(1, 14))):
        chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=m))
        if vote_type == "cumulative":
            pts = [draw(st.integers(1, 3)) for _ in chosen]
            votes.append((",".join(chosen), ",".join(map(str, pts))))
        else:
            votes.append(",".join(chosen))
    return pb(budget, costs, votes, vote_type=vote_type)


@settings(max_examples=150, deadline=None)
@given(e=elections(), data=st.data())
def test_float_filter_gives_the_exact_winners(e, data):
    p = Profile(e)
    utility = data.draw(st.sampled_from(["cost", "cardinality"]))
    share = Fraction(data.draw(st.integers(0, 400)), data.draw(st.integers(1, 30)))
    fast = mes_fixed_budget(p, per_voter=share, utility=utility)
    exact = mes_fixed_budget(p, per_voter=share, utility=utility, exact=True)
    assert fast.winners == exact.winners


@settings(max_examples=100, deadline=None)
@given(e=elections(vote_type="cumulative"), share=st.fractions(0, 40))
def test_float_filter_gives_the_exact_winners_with_points(e, share):
    p = Profile(e)
    fast = mes_fixed_budget(p, per_voter=share, utility="points")
    assert (
        fast.winners == mes_fixed_budget(p, per_voter=share, utility="points", exact=True).winners
    )


@settings(max_examples=100, deadline=None)
@given(
    e=elections(),
    rule=st.sampled_from(
        [
            "greedy",
            "greedy-no-skip",
            "equalshares",
            "equalshares/add1",
            "equalshares/add1-comparison",
        ]
    ),
)
def test_every_rule_respects_the_budget_and_explains_every_project(e, rule):
    r = tally(e, rule=rule)
    assert r.total_cost == sum(e.projects[pid].cost for pid in r.selected) <= e.budget
    assert len(set(r.selected)) == len(r.selected)
    assert set(r.explanations) == set(e.projects)
    assert {pid for pid, x in r.explanations.items() if x.selected} == set(r.selected)
