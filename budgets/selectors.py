"""Reads of the citizen budget: projects of a round, elections for the engine, results, turnout."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.utils import timezone

from neighbourhoods.models import Neighbourhood
from neighbourhoods.selectors import neighbourhoods_with_counts

from .explanations import explanation_text
from .models import Ballot, Participation, RoundKey
from .pages import BallotRule, BudgetArea, BudgetProject, BudgetRoundPage, TallyRule
from .tally_adapter import VOTE_TYPES, Election
from .tally_adapter import Ballot as PbBallot
from .tally_adapter import Project as PbProject


def _projects_queryset():
    return BudgetProject.objects.select_related("neighbourhood", "image").order_by(
        "sort_order", "pk"
    )


BALLOT_ROUND_TTL = 60


def _ballot_round_key(pk) -> str:
    return f"budgets:ballot-round:{pk}"


def round_for_ballot(*, pk) -> BudgetRoundPage:
    """A live round with its neighbourhoods and projects, for the ballot flow: every later read
    of the request (eligibility, form, rule check, review) uses these rows.

    Cached (the three queries it takes are a fifth of a ballot step's), dropped when the round
    is published or unpublished, and kept at most a minute anyway."""
    key = _ballot_round_key(pk)
    page = cache.get(key)
    if page is None:
        page = (
            BudgetRoundPage.objects.live()
            .prefetch_related("areas", Prefetch("projects", queryset=_projects_queryset()))
            .get(pk=pk)
        )
        cache.set(key, page, BALLOT_ROUND_TTL)
    return page


def forget_ballot_round(*, pk) -> None:
    cache.delete(_ballot_round_key(pk))


def round_projects(*, budget: BudgetRoundPage, neighbourhood=None):
    """The round's projects in the editor's order; only those of `neighbourhood` if the round
    has one budget per neighbourhood and a neighbourhood is given.

    On a round from `round_for_ballot` (projects prefetched) this is a list, with no query."""
    per_hood = neighbourhood is not None and budget.is_per_neighbourhood
    if "projects" in getattr(budget, "_prefetched_objects_cache", {}):
        rows = budget.projects.all()
        return [p for p in rows if p.neighbourhood_id == neighbourhood.pk] if per_hood else rows
    projects = budget.projects.select_related("neighbourhood", "image").order_by("sort_order", "pk")
    if per_hood:
        projects = projects.filter(neighbourhood=neighbourhood)
    return projects


def round_neighbourhood_ids(*, budget: BudgetRoundPage) -> set[int]:
    """Neighbourhoods taking part (empty set: the whole city)."""
    return {area.neighbourhood_id for area in budget.areas.all()}


def round_scopes(*, budget: BudgetRoundPage) -> list[tuple[Neighbourhood | None, int]]:
    """(scope, money): one per neighbourhood in a per-neighbourhood round, else (None, total)."""
    if budget.is_per_neighbourhood:
        return [
            (area.neighbourhood, area.budget or 0)
            for area in budget.areas.select_related("neighbourhood").order_by("sort_order", "pk")
        ]
    return [(None, budget.total_budget or 0)]


def scope_for(*, budget: BudgetRoundPage, neighbourhood) -> Neighbourhood | None:
    """The budget a resident of `neighbourhood` votes in (None for the city-wide budget)."""
    return neighbourhood if budget.is_per_neighbourhood else None


def scope_money(*, budget: BudgetRoundPage, scope) -> int:
    if scope is None:
        return budget.total_budget or 0
    for area in budget.areas.all():
        if area.neighbourhood_id == scope.pk:
            return area.budget or 0
    return 0


def _key_cache_key(budget) -> str:
    return f"budgets:roundkey:{budget.round_key}"


def round_key_row(*, budget: BudgetRoundPage) -> RoundKey | None:
    """The round's public key row (cached: read on every ballot cast), or None."""
    key = _key_cache_key(budget)
    row = cache.get(key)
    if row is None:
        row = RoundKey.objects.filter(round_key=budget.round_key).first()
        if row is None:
            return None
        cache.set(key, row, 300)
    return row


def forget_round_key(*, budget: BudgetRoundPage) -> None:
    cache.delete(_key_cache_key(budget))


def round_tallied(*, budget: BudgetRoundPage) -> bool:
    row = round_key_row(budget=budget)
    return row is not None and row.tallied_on is not None


def voter_membership(*, user, budget: BudgetRoundPage):
    """The user's current membership, with `is_staff_account` and `has_voted` (in `budget`)
    annotated: one query for what the ballot flow asks first (None without a membership)."""
    from django.contrib.auth import get_user_model

    from neighbourhoods.models import Membership

    groups = get_user_model().groups.through.objects.filter(user_id=user.pk)
    voted = Participation.objects.filter(
        round_key=budget.round_key, household_id=OuterRef("household_id")
    )
    return (
        Membership.objects.select_related("neighbourhood", "household__address")
        .filter(user=user, ended_at__isnull=True)
        .annotate(in_staff_group=Exists(groups), has_voted=Exists(voted))
        .first()
    )


def household_has_voted(*, budget: BudgetRoundPage, household) -> bool:
    return Participation.objects.filter(round_key=budget.round_key, household=household).exists()


def open_rounds(*, neighbourhood=None, now=None):
    """Live rounds whose voting is open now, for `neighbourhood` if given."""
    now = now or timezone.now()
    rounds = (
        BudgetRoundPage.objects.live()
        .select_related("locale")
        .filter(voting_opens_at__lte=now, voting_closes_at__gt=now)
        .order_by("voting_closes_at")
    )
    if neighbourhood is None:
        return rounds
    # City-wide rounds (no areas) and rounds with an area for this neighbourhood, in one query.
    areas = BudgetArea.objects.filter(page=OuterRef("pk"))
    return rounds.filter(~Exists(areas) | Exists(areas.filter(neighbourhood=neighbourhood)))


# --- the engine's input ---------------------------------------------------------------------
def pabulib_meta(*, budget: BudgetRoundPage, scope, money: int, n_projects: int, n_votes: int):
    meta = {
        "description": budget.title,
        "country": "Belgium",
        "unit": "Mons",
        "subunit": scope.name if scope is not None else "",
        "instance": str(budget.voting_opens_at.year if budget.voting_opens_at else ""),
        "num_projects": str(n_projects),
        "num_votes": str(n_votes),
        "budget": str(money),
        "vote_type": VOTE_TYPES[budget.ballot_rule],
        "rule": budget.tally_rule,
        "currency": "EUR",
    }
    rule = budget.ballot_rule
    if rule == BallotRule.APPROVAL:
        meta["min_length"] = str(budget.min_projects)
        if budget.max_projects:
            meta["max_length"] = str(budget.max_projects)
    elif rule == BallotRule.KNAPSACK:
        meta["max_sum_cost"] = str(money)
        if budget.min_share_spent:
            meta["min_sum_cost"] = str(money * budget.min_share_spent // 100)
    elif rule == BallotRule.CUMULATIVE:
        meta["max_sum_points"] = str(budget.points_total)
        meta["max_points"] = str(budget.points_max_per_project)
    elif rule == BallotRule.RANKED:
        meta["min_length"] = "1"
        meta["max_length"] = str(budget.rank_top_k)
    if budget.tally_rule == TallyRule.GREEDY_THRESHOLD:
        meta["min_project_score_threshold"] = str(budget.score_threshold)
    return {k: v for k, v in meta.items() if v != ""}


def round_election(*, budget: BudgetRoundPage, scope) -> Election:
    """The round's projects and anonymised ballots for one budget, as the engine's plain data
    (the engine counts the votes: `Explanation.votes`).

    Voter ids are positions in the ballots' random-UUID order: they say nothing about who or
    when."""
    projects = list(round_projects(budget=budget, neighbourhood=scope))
    if scope is not None:
        projects = [p for p in projects if p.neighbourhood_id == scope.pk]
    pb_projects = {
        p.code: PbProject(
            id=p.code,
            cost=p.cost,
            name=p.title,
            extra={
                "category": p.category,
                "neighbourhood": p.neighbourhood.name if p.neighbourhood else "",
            },
        )
        for p in projects
    }
    weighted = budget.ballot_rule == BallotRule.CUMULATIVE
    rows = Ballot.objects.filter(round_key=budget.round_key, scope=scope).order_by("id")
    ballots: list[PbBallot] = []
    for number, choices in enumerate(rows.values_list("choices", flat=True).iterator(), 1):
        # A project removed from the round after voting no longer counts.
        kept = [(code, pts) for code, pts in choices if code in pb_projects]
        codes = tuple(code for code, _ in kept)
        ballots.append(
            PbBallot(
                voter_id=str(number),
                choices=codes,
                points=tuple(int(pts) for _, pts in kept) if weighted else None,
            )
        )
    meta = pabulib_meta(
        budget=budget,
        scope=scope,
        money=scope_money(budget=budget, scope=scope),
        n_projects=len(pb_projects),
        n_votes=len(ballots),
    )
    columns = ("project_id", "cost", "name", "category", "neighbourhood")
    vote_columns = ("voter_id", "vote", "points") if weighted else ("voter_id", "vote")
    election = Election(
        meta=meta,
        projects=pb_projects,
        ballots=ballots,
        project_columns=columns,
        vote_columns=vote_columns,
    )
    return election


# --- results --------------------------------------------------------------------------------
@dataclass
class ProjectOutcome:
    code: str
    title: str
    cost: int
    neighbourhood: str
    votes: int
    score: int
    selected: bool
    position: int | None
    explanation_en: str  # the engine's English text
    reason: str = ""
    params: dict = field(default_factory=dict)
    bar: int = 0  # chart bar length, 0..100

    @property
    def explanation(self) -> str:
        """Said in the reader's language at render time (results are cached across languages)."""
        return explanation_text(reason=self.reason, params=self.params, text=self.explanation_en)


@dataclass
class ScopeResult:
    scope: Neighbourhood | None
    money: int
    ballots: int
    spent: int
    rule: str
    projects: list[ProjectOutcome]
    notes: list[str] = field(default_factory=list)
    seed: int = 0

    @property
    def winners(self):
        return [p for p in self.projects if p.selected]

    @property
    def chart_height(self):
        return 30 * len(self.projects) + 10


@dataclass
class TurnoutRow:
    neighbourhood: Neighbourhood
    registered: int
    voted: int

    @property
    def share(self) -> float:
        return (100 * self.voted / self.registered) if self.registered else 0.0


def round_results(*, budget: BudgetRoundPage) -> list[ScopeResult]:
    """Tally every budget of the round (cached until a ballot or the page changes)."""
    from .tally_adapter import run_tally

    count = Ballot.objects.filter(round_key=budget.round_key).count()
    stamp = budget.last_published_at.timestamp() if budget.last_published_at else 0
    key = f"budgets:results:{budget.pk}:{count}:{stamp}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    titles = {p.code: p for p in budget.projects.select_related("neighbourhood")}
    out = []
    for scope, money in round_scopes(budget=budget):
        election = round_election(budget=budget, scope=scope)
        result = run_tally(election, rule=budget.tally_rule)
        outcomes = []
        for code, pb in election.projects.items():
            ex = result.explanations.get(code)
            project = titles.get(code)
            outcomes.append(
                ProjectOutcome(
                    code=code,
                    title=pb.name,
                    cost=pb.cost,
                    neighbourhood=project.neighbourhood.name
                    if project and project.neighbourhood
                    else "",
                    votes=ex.votes if ex else 0,
                    score=ex.score if ex else 0,
                    selected=code in result.selected_set,
                    position=ex.position if ex else None,
                    explanation_en=ex.text if ex else "",
                    reason=ex.reason if ex else "",
                    params=dict(ex.params) if ex else {},
                )
            )
        outcomes.sort(key=lambda o: (not o.selected, -o.score, o.cost, o.title))
        top = max((o.score for o in outcomes), default=0) or 1
        for o in outcomes:
            o.bar = round(100 * o.score / top)
        out.append(
            ScopeResult(
                scope=scope,
                money=money,
                ballots=len(election.ballots),
                spent=result.total_cost,
                rule=result.rule,
                projects=outcomes,
                notes=list(result.notes),
                seed=result.seed,
            )
        )
    cache.set(key, out, 300)
    return out


def round_turnout(*, budget: BudgetRoundPage) -> list[TurnoutRow]:
    """Households that voted, per neighbourhood, against the households registered there."""
    ids = round_neighbourhood_ids(budget=budget)
    hoods = neighbourhoods_with_counts()
    if ids:
        hoods = hoods.filter(pk__in=ids)
    voted = dict(
        Participation.objects.filter(round_key=budget.round_key)
        .values_list("neighbourhood")
        .annotate(n=Count("id"))
        .values_list("neighbourhood", "n")
    )
    return [
        TurnoutRow(neighbourhood=h, registered=h.registered_households, voted=voted.get(h.pk, 0))
        for h in hoods
    ]
