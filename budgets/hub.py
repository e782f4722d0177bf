"""What the citizen budget shows on neighbourhood hubs and in members' city items."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from neighbourhoods.languages import in_reader_language
from neighbourhoods.registry import CityItem


def _open_rounds(neighbourhood):
    from .selectors import open_rounds

    # A translated round is one round: show it once, in the reader's language when it exists.
    return list(in_reader_language(open_rounds(neighbourhood=neighbourhood)))


def render(*, request, neighbourhood):
    rounds = _open_rounds(neighbourhood)
    if not rounds:
        return ""
    return render_to_string(
        "budgets/hub_section.html",
        {"rounds": rounds, "neighbourhood": neighbourhood},
        request=request,
    )


def city_items(*, neighbourhood, limit=10):
    return [
        CityItem(
            kind="budget",
            label=_("Citizen budget"),
            title=r.title,
            url=reverse("budgets:vote", args=[r.pk]),
            published_at=r.voting_opens_at,
            summary=_("Voting is open until %(date)s.")
            % {"date": date_format(localtime(r.voting_closes_at), "SHORT_DATE_FORMAT")},
        )
        for r in _open_rounds(neighbourhood)[:limit]
    ]
