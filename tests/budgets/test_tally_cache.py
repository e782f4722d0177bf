"""MES runs that share a cache (as the Add1 loop does) against a plain per-voter reference.

The engine groups voters by ballot type and budget class, keeps splits of each project's
supporters across runs and filters decisions in floats; the reference below does none of
that: it is MES voter by voter in Fractions, straight from the definition."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgets.tally import Profile, mes_fixed_budget

from .test_tally import elections


def reference_mes(profile: Profile, per_voter: Fraction, utility: str):
    """Plain MES: one budget per voter, exact, ties by Profile.tie_key."""
    weighted = utility == "points"
    voters = []  # (ballot type, budget) per voter
    for t, w in enumerate(profile.type_weight):
        voters += [t] * w
    money = [Fraction(per_voter)] * len(voters)
    utility_of = []
    for j, supp in enumerate(profile.supporters):
        utils = profile.points[j] if weighted else [1] * len(supp)
        utility_of.append(dict(zip(supp, utils, strict=True)))
    winners, prices, left = [], {}, set(range(len(profile.costs)))
    for j in sorted(left):
        if profile.supporters[j] and profile.costs[j] == 0:
            winners.append(j)
            prices[j] = Fraction(0)
            left.discard(j)
    while True:
        best = None
        for j in sorted(left):
            cost, ut = profile.costs[j], utility_of[j]
            backers = [(money[v] / ut[t], v, ut[t]) for v, t in enumerate(voters) if t in ut]
            if not backers or sum(money[v] for _, v, _ in backers) < cost:
                continue
            backers.sort()
            remaining, util = Fraction(cost), sum(u for _, _, u in backers)
            for ratio, v, u in backers:
                if ratio * util >= remaining:
                    break
                remaining -= money[v]
                util -= u
            price = remaining / util
            key = price / cost if utility == "cost" else price
            if (
                best is None
                or key < best[0]
                or (key == best[0] and profile.tie_key(j) < profile.tie_key(best[1]))
            ):
                best = (key, j, price)
        if best is None:
            return winners, prices, money, voters
        _, j, price = best
        for v, t in enumerate(voters):
            if t in utility_of[j]:
                money[v] = max(Fraction(0), money[v] - price * utility_of[j][t])
        winners.append(j)
        prices[j] = price
        left.discard(j)


def check_runs(profile: Profile, shares, utility: str) -> None:
    cache: dict = {}
    for share in shares:
        for exact in (False, True):
            run = mes_fixed_budget(
                profile, per_voter=share, utility=utility, exact=exact, cache=cache
            )
            winners, prices, money, voters = reference_mes(profile, share, utility)
            assert run.winners == winners
            if exact:
                assert run.prices == prices
                held = [run.class_budget[run.classes[t]] for t in voters]
                assert held == money


@settings(max_examples=60, deadline=None)
@given(e=elections(), data=st.data())
def test_cached_runs_match_plain_mes(e, data):
    p = Profile(e)
    utility = data.draw(st.sampled_from(["cost", "cardinality"]))
    base = Fraction(data.draw(st.integers(0, 200)), data.draw(st.integers(1, 20)))
    # Add1-like: the share rises step by step; then a few out of order with the same cache.
    steps = [base + k for k in range(data.draw(st.integers(1, 6)))]
    steps += data.draw(st.lists(st.fractions(0, 40), max_size=3))
    check_runs(p, steps, utility)


@settings(max_examples=40, deadline=None)
@given(e=elections(vote_type="cumulative"), shares=st.lists(st.fractions(0, 30), max_size=4))
def test_cached_runs_match_plain_mes_with_points(e, shares):
    check_runs(Profile(e), shares, "points")


def test_a_cache_serves_one_profile_and_one_utility():
    from .test_tally import MAJORITY, MAJORITY_VOTES, pb

    p = Profile(pb(4, MAJORITY, MAJORITY_VOTES))
    cache: dict = {}
    mes_fixed_budget(p, per_voter=Fraction(1), cache=cache)
    with pytest.raises(ValueError, match="one utility"):
        mes_fixed_budget(p, per_voter=Fraction(1), utility="cardinality", cache=cache)
    with pytest.raises(ValueError, match="one profile"):
        mes_fixed_budget(Profile(pb(4, MAJORITY, MAJORITY_VOTES)), per_voter=1, cache=cache)
