"""Shared pieces of the tally: the prepared profile, tie-breaking and the result types."""

from __future__ import annotations

import hashlib
import math
import random
from contextvars import ContextVar
from dataclasses import dataclass, field
from fractions import Fraction

from .pabulib import Election, gc_paused, money_text

# Costs with cents are counted in whole cents (see Profile.scale); texts written while a rule
# runs divide by this to speak in currency units again.
money_scale: ContextVar[int] = ContextVar("money_scale", default=1)

__all__ = ["REASONS", "Explanation", "Profile", "Result", "TallyError", "default_seed", "fmt_money"]


class TallyError(ValueError):
    """The election cannot be tallied as asked (unknown rule, unsupported vote type...)."""


@dataclass
class Explanation:
    project_id: str
    selected: bool
    text: str
    score: int = 0
    # 1-based position in the selection order, None if not selected.
    position: int | None = None
    # MES only: the price each supporter paid (the poorest may have paid less: all they had).
    price_per_supporter: Fraction | None = None
    # Why, as data: a stable code (see REASONS) and its figures (ints, Fractions, project ids),
    # so an application can say it in its own words and language. `text` stays the English.
    reason: str = ""
    params: dict = field(default_factory=dict)
    # Valid ballots naming the project (the score counts points for weighted ballots).
    votes: int = 0


# reason -> the params it carries.
REASONS = {
    "no_votes": (),
    "fitted": ("score", "remaining"),
    "exceeded_remaining": ("score", "cost", "remaining"),
    "below_threshold": ("score", "threshold"),
    "no_skip_stop": ("score", "stopped_at"),
    "mes_round": ("round", "cost", "supporters", "price", "share", "per_point"),
    "mes_free": ("round",),
    "mes_unaffordable": ("cost", "supporters", "left", "share"),
    "greedy_completion": ("score", "remaining"),
    "over_budget": ("cost", "budget"),
    "fully_funded": ("cost",),
}
# Params that are amounts of money (unscaled back to currency units after a run).
MONEY_PARAMS = ("cost", "remaining", "price", "share", "per_point", "left", "budget")


@dataclass
class Result:
    rule: str
    selected: list[str]  # in selection order
    total_cost: int
    budget: int
    explanations: dict[str, Explanation]
    seed: int
    notes: list[str] = field(default_factory=list)

    @property
    def selected_set(self) -> set[str]:
        return set(self.selected)

    def explain(self, project_id: str) -> str:
        return self.explanations[project_id].text

    @property
    def votes(self) -> dict[str, int]:
        """Valid ballots naming each project."""
        return {pid: ex.votes for pid, ex in self.explanations.items()}


def fmt_money(amount: int | Fraction) -> str:
    """56000 -> '56,000'; fractions get two decimals (rounded, for display only)."""
    scale = money_scale.get()
    if scale != 1:
        amount = Fraction(amount) / scale
    if isinstance(amount, int) or amount.denominator == 1:
        return f"{int(amount):,}"
    return f"{float(amount):,.2f}"


def default_seed(election: Election) -> int:
    # Derived from the published data so anyone can recompute the lot without being told a seed.
    digest = hashlib.sha256()
    digest.update(str(election.meta.get("budget", "")).encode())
    for pid in sorted(election.projects):
        cost = money_text(election.projects[pid].cost)
        digest.update(b"\x00" + pid.encode() + b"\x01" + cost.encode())
    return int.from_bytes(digest.digest()[:4], "big")


class Profile:
    """Ballots turned into per-project integer data, shared by all rules.

    ``supporters[j]`` lists the ballot types (distinct valid ballots) that chose project ``j``,
    ``weights[j]`` how many voters cast each, and ``points[j]`` the points each gives ``j``
    (cumulative/scoring; positional points for ordinal). ``points`` is None for approval and
    choose-1, where every supporter counts 1.
    """

    def __init__(self, election: Election, *, seed: int | None = None) -> None:
        with gc_paused():
            self._build(election, seed)

    def _build(self, election: Election, seed: int | None) -> None:
        self.election = election
        self.vote_type = election.vote_type
        self.ids = list(election.projects)
        self.index = {pid: j for j, pid in enumerate(self.ids)}
        # Money stays exact: amounts with cents (Fractions from the parser) are counted in
        # whole hundredths (or whatever common denominator they need), so every rule works on
        # integers. Scaling all costs and the budget by one factor changes no rule's outcome.
        costs = [election.projects[pid].cost for pid in self.ids]
        budget = election.budget
        self.scale = math.lcm(1, *(Fraction(x).denominator for x in [budget, *costs]))
        self.costs = [int(c * self.scale) for c in costs]
        self.budget = int(budget * self.scale)
        self.seed = default_seed(election) if seed is None else seed
        order = sorted(self.ids)
        random.Random(self.seed).shuffle(order)
        lot = {pid: k for k, pid in enumerate(order)}
        self.lot = [lot[pid] for pid in self.ids]
        self.notes: list[str] = []

        # Voters with the same ballot are interchangeable in every rule here, so ballots are
        # grouped into "types" (often 10x fewer per project than voters) weighted by how many
        # voters cast them.
        weighted = self.vote_type in ("cumulative", "scoring", "ordinal")
        rank_top = self._ordinal_top() if self.vote_type == "ordinal" else 0
        check = self._validator()
        invalid: dict[str, int] = {}
        # Count identical ballots first (a tuple is cheap to hash), then validate and key each
        # distinct one once; first appearance still fixes the order of the types.
        raw: dict = {}
        for ballot in election.ballots:
            key = (ballot.choices, ballot.points)
            raw[key] = raw.get(key, 0) + 1
        type_of: dict = {}
        type_weight: list[int] = []
        type_ballot: list[tuple] = []
        n = 0
        for (choices, pts), count in raw.items():
            problem = check(choices, pts) if check else None
            if problem:
                invalid[problem] = invalid.get(problem, 0) + count
                continue
            n += count
            if not weighted:
                key = frozenset(choices)
            elif self.vote_type == "ordinal":
                key = frozenset(zip(choices, range(rank_top, 0, -1), strict=False))
            else:
                key = frozenset(zip(choices, pts or (), strict=True))
            t = type_of.get(key)
            if t is None:
                t = type_of[key] = len(type_weight)
                type_weight.append(0)
                type_ballot.append(tuple(key))
            type_weight[t] += count

        m = len(self.ids)
        index = self.index
        supporters: list[list[int]] = [[] for _ in range(m)]
        weights: list[list[int]] = [[] for _ in range(m)]
        points: list[list[int]] = [[] for _ in range(m)]
        for t, key in enumerate(type_ballot):
            w = type_weight[t]
            for item in key:
                if weighted:
                    choice, p = item
                    if p <= 0:
                        continue  # zero points is no support at all
                    points[index[choice]].append(p)
                else:
                    choice = item
                j = index[choice]
                supporters[j].append(t)
                weights[j].append(w)
        self.n_voters = n
        self.type_weight = type_weight
        self.type_ballot = type_ballot
        self.supporters = supporters
        self.weights = weights
        self.points: list[list[int]] | None = points if weighted else None
        self.votes = [sum(ws) for ws in weights]
        if weighted:
            self.scores = [
                sum(w * p for w, p in zip(ws, ps, strict=True))
                for ws, ps in zip(weights, points, strict=True)
            ]
        else:
            self.scores = list(self.votes)
        for reason, count in sorted(invalid.items()):
            self.notes.append(f"{count:,} ballot(s) ignored as invalid: {reason}")
        if election.repaired_votes:
            self.notes.append(
                f"{election.repaired_votes:,} vote(s) named a project more than once: "
                "each project counted once"
            )
        if election.skipped_rows:
            lines = ", ".join(str(line) for line, _r in election.skipped_rows[:10])
            more = "..." if len(election.skipped_rows) > 10 else ""
            self.notes.append(
                f"{len(election.skipped_rows):,} malformed VOTES row(s) skipped "
                f"(line {lines}{more})"
            )

    def _ordinal_top(self) -> int:
        # Ranked ballots score max_length points for a first choice, one less for each next one
        # (Kraków: 3-2-1), the convention behind pabulib's "score" column.
        top = self.election.meta_int("max_length")
        if top is None:
            top = max((len(b.choices) for b in self.election.ballots), default=0)
        return top

    def _validator(self):
        meta = self.election.meta_int
        min_len, max_len = meta("min_length"), meta("max_length")
        min_sum, max_sum = meta("min_sum_points"), meta("max_sum_points")
        min_pts, max_pts = meta("min_points"), meta("max_points")
        if self.vote_type == "choose-1":
            max_len = 1 if max_len is None else min(max_len, 1)
        limits = (min_len, max_len, min_sum, max_sum, min_pts, max_pts)
        if all(x is None for x in limits):
            return None
        with_points = self.vote_type in ("cumulative", "scoring")

        def check(choices, points) -> str | None:
            k = len(choices)
            if min_len is not None and k < min_len:
                return f"fewer than min_length={min_len} projects"
            if max_len is not None and k > max_len:
                return f"more than max_length={max_len} projects"
            if with_points and points is not None:
                total = sum(points)
                if max_sum is not None and total > max_sum:
                    return f"more than max_sum_points={max_sum} points"
                if min_sum is not None and total < min_sum:
                    return f"fewer than min_sum_points={min_sum} points"
                if max_pts is not None and any(p > max_pts for p in points):
                    return f"more than max_points={max_pts} points on one project"
                if min_pts is not None and any(p < min_pts for p in points):
                    return f"fewer than min_points={min_pts} points on one project"
            return None

        return check

    def tie_key(self, j: int) -> tuple[int, int, int]:
        """Ties: lowest cost first, then most votes, then the seeded lot."""
        return (self.costs[j], -self.votes[j], self.lot[j])
