"""Participatory-budgeting tally engine: plain data in, result and explanation out.

No Django here, on purpose: the app stores projects and ballots, builds an
:class:`~budgets.tally.pabulib.Election` (or reads a pabulib ``.pb`` file) and calls::

    result = tally(election)                 # the rule named in election.meta["rule"]
    result = tally(election, rule="greedy")  # or any rule in RULES
    result.selected                          # project ids, in selection order
    result.explanations[pid].text            # why each project was (not) funded

Rules (names as in pabulib's META ``rule``):

* ``greedy``: by score, highest first, skipping projects that no longer fit;
  ``greedy-no-skip`` stops at the first one that does not fit; ``greedy-threshold`` only
  considers projects scoring at least META ``min_project_score_threshold``.
* ``equalshares``: the Method of Equal Shares (MES), exact arithmetic, with cost utilities for
  approval ballots (equalshares.net's default; it reproduces the official Assen, Świecie and
  Wieliczka results) and points as utilities for cumulative/scoring/ordinal ballots.
  ``equalshares/add1`` adds the Add1 completion (raise every voter's share by 1 until the
  outcome would overspend), ``equalshares/add1-comparison`` then keeps the greedy outcome
  instead if more voters prefer it.

Scores: approval and choose-1 count voters; cumulative and scoring add points; ordinal gives
``max_length`` points to a first choice, one less to each next (Kraków 2024: 3-2-1).
Ballots breaking META limits (min/max_length, min/max_sum_points, min/max_points) are left out
and counted in ``result.notes``.

Money: costs and budget may have decimals (``48000.50``); the profile counts them in whole
cents (any common denominator), so no float ever decides a winner.

META ``min_project_score_threshold`` applies to every rule (the format: "even if a project
fits within the available budget, it will not be selected unless it meets this threshold").
META ``fully_funded;1`` (the budget exceeded the cost of all projects, so all were funded
before the vote) selects every project.

Ties: lowest cost first, then most votes, then a lot drawn with ``random.Random(seed)`` over
the sorted project ids; ``seed`` defaults to a hash of the published costs and is recorded in
the result so anyone can redraw it.
"""

from __future__ import annotations

import copy
from fractions import Fraction

from .core import (
    MONEY_PARAMS,
    REASONS,
    Explanation,
    Profile,
    Result,
    TallyError,
    default_seed,
    fmt_money,
    money_scale,
)
from .greedy import greedy
from .mes import equal_shares, mes_fixed_budget
from .pabulib import (
    Ballot,
    Election,
    PabulibError,
    Project,
    dump_pabulib,
    money_text,
    parse_pabulib,
    read_pabulib,
)

__all__ = [
    "REASONS",
    "RULES",
    "Ballot",
    "Election",
    "Explanation",
    "PabulibError",
    "Profile",
    "Project",
    "Result",
    "TallyError",
    "default_seed",
    "dump_pabulib",
    "equal_shares",
    "mes_fixed_budget",
    "money_text",
    "parse_pabulib",
    "read_pabulib",
    "tally",
]

RULES = (
    "greedy",
    "greedy-no-skip",
    "greedy-threshold",
    "equalshares",
    "equalshares/add1",
    "equalshares/add1-comparison",
)


def tally(
    election: Election,
    *,
    rule: str | None = None,
    seed: int | None = None,
    profile: Profile | None = None,
) -> Result:
    """Count ``election`` with ``rule`` (default: its META ``rule``).

    ``profile`` lets a caller reuse the prepared ballots of the same election across rules.
    Raises :class:`TallyError` for an unknown or missing rule.
    """
    name = (rule if rule is not None else election.rule).strip()
    if name not in RULES:
        raise TallyError(f"cannot tally with rule {name!r}; pass rule= one of: {', '.join(RULES)}")
    if profile is None:
        profile = Profile(election, seed=seed)
    elif seed is not None and seed != profile.seed:
        raise TallyError("seed differs from the one the profile was prepared with")
    token = money_scale.set(profile.scale)
    try:
        result = _run(election, name, profile)
    finally:
        money_scale.reset(token)
    return _unscale(result, profile.scale)


def _run(election: Election, name: str, profile: Profile) -> Result:
    threshold = election.meta_int("min_project_score_threshold")
    if election.meta.get("fully_funded", "").strip() == "1":
        return _fully_funded(profile, name)
    if name.startswith("greedy"):
        if name == "greedy-threshold" and threshold is None:
            threshold = 0
        return greedy(profile, skip=name != "greedy-no-skip", threshold=threshold, rule=name)
    utility = "cost" if profile.points is None else "points"
    below = []
    if threshold is not None:
        below = [j for j, score in enumerate(profile.scores) if 0 < score < threshold]
    run_on = _without_support(profile, below) if below else profile
    result = equal_shares(
        run_on,
        utility=utility,
        completion="add1" if name.startswith("equalshares/add1") else None,
        comparison=name == "equalshares/add1-comparison",
        # Add1 raises each voter's share by one currency unit, whatever the scale.
        increment=profile.scale,
        rule=name,
    )
    for j in below:
        pid, score = profile.ids[j], profile.scores[j]
        result.explanations[pid] = Explanation(
            pid,
            False,
            f"rejected: score {score:,} below threshold {threshold:,}",
            score=score,
            reason="below_threshold",
            params={"score": score, "threshold": threshold},
            votes=profile.votes[j],
        )
    return result


def _without_support(profile: Profile, drop: list[int]) -> Profile:
    """A shallow copy of ``profile`` in which the projects ``drop`` have no supporters."""
    clone = copy.copy(profile)
    clone.supporters = list(profile.supporters)
    clone.weights = list(profile.weights)
    clone.scores = list(profile.scores)
    clone.votes = list(profile.votes)
    if profile.points is not None:
        clone.points = list(profile.points)
    for j in drop:
        clone.supporters[j], clone.weights[j] = [], []
        clone.scores[j] = clone.votes[j] = 0
        if clone.points is not None:
            clone.points[j] = []
    return clone


def _fully_funded(profile: Profile, name: str) -> Result:
    explanations = {
        pid: Explanation(
            pid,
            True,
            f"selected: the budget covers every project (fully_funded), cost "
            f"{fmt_money(profile.costs[j])}",
            score=profile.scores[j],
            position=j + 1,
            reason="fully_funded",
            params={"cost": profile.costs[j]},
            votes=profile.votes[j],
        )
        for j, pid in enumerate(profile.ids)
    }
    notes = list(profile.notes)
    if sum(profile.costs) > profile.budget:
        notes.append("META says fully_funded but the projects cost more than the budget")
    return Result(
        rule=name,
        selected=list(profile.ids),
        total_cost=sum(profile.costs),
        budget=profile.budget,
        explanations=explanations,
        seed=profile.seed,
        notes=notes,
    )


def _unit(amount, scale: int):
    if scale == 1 or amount is None:
        return amount
    value = Fraction(amount) / scale
    return int(value) if value.denominator == 1 else value


def _unscale(result: Result, scale: int) -> Result:
    """Amounts back in currency units (ints when whole) once a rule ran on scaled integers."""
    if scale == 1:
        return result
    result.total_cost = _unit(result.total_cost, scale)
    result.budget = _unit(result.budget, scale)
    for ex in result.explanations.values():
        ex.price_per_supporter = _unit(ex.price_per_supporter, scale)
        for key in MONEY_PARAMS:
            if key in ex.params:
                ex.params[key] = _unit(ex.params[key], scale)
    return result
