"""Citizen budget rounds for tests: `budget_round(phase=..., ballot_rule=..., projects=[...])`."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from budgets.pages import BudgetArea, BudgetProject, BudgetRoundPage

PHASE_DATES = {
    # phase: (shown, opens, closes, results) in days from now
    "projects": (-3, 5, 20, 30),
    "voting": (-10, -1, 7, 14),
    "closed": (-20, -10, -1, 5),
    "results": (-30, -20, -5, -1),
}


def budget_round(
    *,
    title="Budget participatif",
    phase="voting",
    ballot_rule="approval",
    total_budget=100_000,
    scope="city",
    areas=(),
    projects=(),
    publish=True,
    key=True,
    **fields,
):
    """A live round. `areas`: [(neighbourhood, budget or None)]; `projects`:
    [dict(title=, cost=, neighbourhood=, code=)]."""
    now = timezone.now()
    shown, opens, closes, results = (now + timedelta(days=d) for d in PHASE_DATES[phase])
    page = BudgetRoundPage(
        title=title,
        slug=fields.pop("slug", None) or f"budget-{BudgetRoundPage.objects.count() + 1}",
        scope=scope,
        total_budget=total_budget,
        projects_shown_at=shown,
        voting_opens_at=opens,
        voting_closes_at=closes,
        results_published_at=results,
        ballot_rule=ballot_rule,
        areas=[BudgetArea(neighbourhood=n, budget=b) for n, b in areas],
        projects=[BudgetProject(**p) for p in projects],
        **fields,
    )
    home = Page.objects.get(depth=2)
    home.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    page = BudgetRoundPage.objects.get(pk=page.pk)
    if key:
        from budgets.services import round_key_create

        OFFICER_KEYS[page.round_key] = round_key_create(budget=page).private_text
    return page


# What the returning officer keeps offline, for the tests' rounds: round key -> private key text.
OFFICER_KEYS: dict = {}


def count_round(budget, *, close=True):
    """Tally `budget` with its officer's key (moving voting to closed first if `close`)."""
    from budgets.services import round_tally

    if close and budget.phase() not in ("closed", "results"):
        move_to_phase(budget, "closed")
    return round_tally(budget=budget, key_texts=[OFFICER_KEYS[budget.round_key]])


def move_to_phase(budget, phase):
    now = timezone.now()
    shown, opens, closes, results = (now + timedelta(days=d) for d in PHASE_DATES[phase])
    type(budget).objects.filter(pk=budget.pk).update(
        projects_shown_at=shown,
        voting_opens_at=opens,
        voting_closes_at=closes,
        results_published_at=results,
    )
    budget.refresh_from_db()
    from budgets.selectors import forget_ballot_round

    forget_ballot_round(pk=budget.pk)
    return budget


def projects(*specs, neighbourhood=None):
    """projects(("Parc", 40_000), ("Bancs", 10_000)) -> project dicts with codes p1, p2…"""
    return [
        {"code": f"p{i}", "title": title, "cost": cost, "neighbourhood": neighbourhood}
        for i, (title, cost) in enumerate(specs, 1)
    ]


def counted():
    """Tally every round that has sealed ballots; the plain Ballot queryset."""
    from budgets.models import Ballot, SealedBallot

    keys = set(SealedBallot.objects.values_list("round_key", flat=True))
    for key in keys:
        count_round(BudgetRoundPage.objects.filter(translation_key=key).first())
    return Ballot.objects
