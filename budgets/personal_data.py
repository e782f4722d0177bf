"""Citizen budgets keep nothing about a person: ballots carry no household, user or time."""

from django.utils.translation import gettext_lazy as _

from neighbourhoods.registry import PersonalData


def export(*, user):
    from privacy.serialize import section

    return section(_("Citizen budget"), [])


ENTRY = PersonalData(
    app="budgets",
    order=70,
    export=export,
    erase=lambda *, user: None,
    kept=(
        _(
            "budget ballots: they were anonymous from the start, so nobody can find yours to "
            "erase it; your household's “has voted” mark stays so it cannot vote twice"
        ),
    ),
)
