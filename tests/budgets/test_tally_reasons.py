"""Every explanation carries a reason code and its figures, and per-project vote counts,
besides the English text (unchanged: see test_tally.py)."""

from fractions import Fraction

import pytest
from django.utils import translation

from budgets.explanations import explanation_text
from budgets.tally import REASONS, tally

from .test_tally import ABC, ABC_VOTES, pb


def reasons(result):
    return {pid: (ex.reason, ex.params) for pid, ex in result.explanations.items()}


def test_greedy_reasons_and_votes():
    r = tally(pb(100_000, {**ABC, "D": 1_000}, ABC_VOTES))
    assert reasons(r) == {
        "A": ("fitted", {"score": 3, "remaining": 100_000}),
        "B": ("exceeded_remaining", {"score": 2, "cost": 50_000, "remaining": 40_000}),
        "C": ("fitted", {"score": 1, "remaining": 40_000}),
        "D": ("no_votes", {}),
    }
    assert r.votes == {"A": 3, "B": 2, "C": 1, "D": 0}
    assert r.explanations["B"].votes == 2


def test_greedy_no_skip_and_threshold_reasons():
    r = tally(pb(100_000, ABC, ABC_VOTES, rule="greedy-no-skip"))
    assert r.explanations["C"].reason == "no_skip_stop"
    assert r.explanations["C"].params == {"score": 1, "stopped_at": "B"}
    r = tally(pb(100_000, ABC, ABC_VOTES, rule="greedy-threshold", min_project_score_threshold=2))
    assert r.explanations["C"].reason == "below_threshold"
    assert r.explanations["C"].params == {"score": 1, "threshold": 2}


def test_mes_reasons_carry_exact_fractions():
    r = tally(pb(10, {"P": 5, "Q": 9, "R": 1}, ["P", "P", "P,Q"], rule="equalshares"))
    p, q, rr = (r.explanations[x] for x in "PQR")
    assert p.reason == "mes_round"
    assert p.params == {
        "round": 1,
        "cost": 5,
        "supporters": 3,
        "price": Fraction(5, 3),
        "share": Fraction(10, 3),
        "per_point": False,
    }
    assert q.reason == "mes_unaffordable"
    assert q.params == {
        "cost": 9,
        "supporters": 1,
        "left": Fraction(5, 3),
        "share": Fraction(10, 3),
    }
    assert rr.reason == "no_votes" and rr.votes == 0
    assert (p.votes, q.votes) == (3, 1)


def test_mes_points_and_free_projects():
    e = pb(
        10,
        {"A": 6, "F": 0},
        [("A,F", "3,1"), ("A", "2")],
        vote_type="cumulative",
        rule="equalshares",
    )
    r = tally(e)
    assert r.explanations["F"].reason == "mes_free"
    assert r.explanations["A"].params["per_point"] is True
    assert r.votes == {"A": 2, "F": 1}


def test_every_reason_is_documented_with_its_params():
    seen = {}
    elections = [
        pb(100_000, {**ABC, "D": 1}, ABC_VOTES),
        pb(100_000, ABC, ABC_VOTES, rule="greedy-no-skip"),
        pb(100_000, ABC, ABC_VOTES, rule="greedy-threshold", min_project_score_threshold=2),
        pb(10, {"P": 5, "Q": 9, "F": 0}, ["P,F", "P", "P,Q"], rule="equalshares/add1"),
    ]
    for e in elections:
        for ex in tally(e).explanations.values():
            assert ex.reason in REASONS
            assert set(ex.params) == set(REASONS[ex.reason]), ex.reason
            seen[ex.reason] = ex
    assert {"fitted", "exceeded_remaining", "below_threshold", "no_skip_stop"} <= set(seen)
    assert {"mes_round", "mes_unaffordable", "mes_free", "no_votes"} <= set(seen)


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "fr",
            "Non financé : il coûte 50\u00a0000\u00a0€, plus que les 40\u00a0000\u00a0€ restants.",
        ),
        ("nl", "Niet gefinancierd: het kost €\u00a050.000, meer dan de resterende €\u00a040.000."),
        ("en", "Not funded: it costs €50,000, more than the €40,000 left."),
    ],
)
def test_explanations_are_said_in_the_readers_language(language, expected):
    ex = tally(pb(100_000, ABC, ABC_VOTES)).explanations["B"]
    with translation.override(language):
        assert explanation_text(ex).replace("\xa0", "\u202f") == expected.replace("\xa0", "\u202f")


def test_mes_explanation_in_french_and_dutch():
    r = tally(pb(10, {"P": 5, "Q": 9}, ["P", "P", "P,Q"], rule="equalshares"))
    with translation.override("fr"):
        assert explanation_text(r.explanations["P"]).startswith("Financé au tour 1")
        assert "3 partisans" in explanation_text(r.explanations["P"])
        assert "1 partisan," in explanation_text(r.explanations["Q"])
    with translation.override("nl"):
        assert explanation_text(r.explanations["P"]).startswith("Gefinancierd in ronde 1")


def test_unknown_reason_falls_back_to_the_engines_text():
    assert explanation_text(reason="new_rule", params={}, text="selected: magic") == (
        "selected: magic"
    )
    assert explanation_text(reason="fitted", params={}, text="selected: x") == "selected: x"
