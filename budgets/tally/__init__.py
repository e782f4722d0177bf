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

Ties: lowest cost first, then most votes, then a lot drawn with ``random.Random(seed)`` over
the sorted project ids; ``seed`` defaults to a hash of the published costs and is recorded in
the result so anyone can redraw it.
"""

from __future__ import annotations

from .core import REASONS, Explanation, Profile, Result, TallyError, default_seed
from .greedy import greedy
from .mes import equal_shares, mes_fixed_budget
from .pabulib import (
    Ballot,
    Election,
    PabulibError,
    Project,
    dump_pabulib,
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
    if name.startswith("greedy"):
        threshold = election.meta_int("min_project_score_threshold")
        if name == "greedy-threshold" and threshold is None:
            threshold = 0
        return greedy(profile, skip=name != "greedy-no-skip", threshold=threshold, rule=name)
    utility = "cost" if profile.points is None else "points"
    return equal_shares(
        profile,
        utility=utility,
        completion="add1" if name.startswith("equalshares/add1") else None,
        comparison=name == "equalshares/add1-comparison",
        rule=name,
    )
