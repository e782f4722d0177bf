"""Citizen budget figures in the Service Dashboard: turnout and ballots per round (never choices
linked to a household)."""

from django.db.models import Count
from django.utils.translation import gettext as _

from dashboard import selectors
from dashboard.privacy import Column
from dashboard.report import (
    Section,
    turnout_columns,
    turnout_section,
)

from .models import Ballot, Participation
from .pages import BudgetArea, BudgetRoundPage


def budget_turnout(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood: households that voted in a budget round in the period."""
    return list(
        selectors.in_neighbourhoods(Participation.objects.all(), "neighbourhood_id", neighbourhoods)
        .filter(voted_on__gte=period.start, voted_on__lte=period.end)
        .values("neighbourhood_id")
        .annotate(ballots=Count("pk"), households=Count("household", distinct=True))
        .order_by()
    )


def budget_rounds(*, period, registered=None) -> list[dict]:
    """Per round with votes in the period: ballots (web, paper, imported) and voting households."""
    window = {"gte": period.start, "lte": period.end}
    ballots = dict(
        Ballot.objects.filter(cast_on__gte=window["gte"], cast_on__lte=window["lte"])
        .values_list("round_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    voters = dict(
        Participation.objects.filter(voted_on__gte=window["gte"], voted_on__lte=window["lte"])
        .values_list("round_key")
        .annotate(n=Count("household", distinct=True))
        .order_by()
    )
    keys = sorted(set(ballots) | set(voters), key=str)
    titles = selectors.pick_titles(BudgetRoundPage, keys)
    if registered is None:
        registered = selectors.registered_by_neighbourhood(period=period)
    city = sum(registered.values())
    areas: dict = {}
    for key, hood_id in (
        BudgetArea.objects.filter(page__translation_key__in=keys)
        .values_list("page__translation_key", "neighbourhood_id")
        .order_by()
        .distinct()
    ):
        areas.setdefault(key, set()).add(hood_id)
    return [
        {
            "round_key": key,
            "title": titles.get(key, "?"),
            "ballots": ballots.get(key, 0),
            "households": voters.get(key, 0),
            "registered": (sum(registered.get(h, 0) for h in areas[key]) if key in areas else city),
        }
        for key in keys
    ]


def section(ctx) -> Section:
    return turnout_section(
        ctx,
        key="budgets",
        title=_("Citizen budget"),
        per_neighbourhood={
            "key": "budget_turnout",
            "title": _("Citizen budget turnout per neighbourhood"),
            "rows": budget_turnout(period=ctx.period),
            "columns": turnout_columns(_("Households that voted")),
            "note": _(
                "Households that voted in a budget round in the period (one vote per household)."
            ),
        },
        per_item={
            "key": "budget_rounds",
            "title": _("Budget rounds with votes in the period"),
            "label": _("Round"),
            "columns": [
                Column("ballots", _("Ballots"), "count"),
                *turnout_columns(_("Households that voted")),
            ],
            "rows": budget_rounds(period=ctx.period, registered=ctx.registered_households()),
            "note": _("Ballots include paper and imported ballots."),
        },
    )
